package org.sstpdoctor.cli.product.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the materialized Linux command-line product as a process, through its own start script. */
final class Cli {

    /** What a run gave: the exit status, standard output and standard error. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private final Path script;
    private final Path home;

    /** A runner whose processes get {@code home} as their user home (so nothing touches the real one). */
    Cli(Path home) {
        Path root = Path.of(System.getProperty("products.dir"), "org.sstpdoctor.cli.product", "linux", "gtk", "x86_64",
                "sstpdoctor-cli");
        this.script = root.resolve("sstpdoctor");
        assertTrue(Files.isExecutable(script), script + " was not built");
        this.home = home;
    }

    /**
     * Runs {@code sstpdoctor args} on a pseudo-terminal (util-linux {@code script}), standard
     * output and error both on it; {@code noColor} sets NO_COLOR. Null when there is no {@code script}.
     */
    Result runOnTerminal(boolean noColor, String... args) {
        Path tool = Path.of("/usr/bin/script");
        if (!Files.isExecutable(tool)) {
            return null;
        }
        StringBuilder command = new StringBuilder("'").append(script).append("'");
        for (String a : args) {
            command.append(" '").append(a.replace("'", "'\\''")).append("'");
        }
        List<String> all = List.of(tool.toString(), "-qec", command.toString(), "/dev/null");
        return start(all, null, noColor);
    }

    Result run(String... args) {
        return runWithInput(null, args);
    }

    /** Runs {@code sstpdoctor args}, writing {@code stdin} (when not null) to its standard input. */
    Result runWithInput(String stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(args));
        return start(command, stdin, false);
    }

    private Result start(List<String> command, String stdin, boolean noColor) {
        String[] args = command.toArray(String[]::new);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("SSTPDOCTOR_VMARGS", "-Duser.home=" + home);
        pb.environment().remove("NO_COLOR");
        pb.environment().put("TERM", "xterm");
        if (noColor) {
            pb.environment().put("NO_COLOR", "1");
        }
        try {
            Path out = Files.createTempFile(home, "out", ".txt");
            Path err = Files.createTempFile(home, "err", ".txt");
            pb.redirectOutput(out.toFile());
            pb.redirectError(err.toFile());
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("sstpdoctor " + String.join(" ", args) + " did not end within 120 s");
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + script + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
