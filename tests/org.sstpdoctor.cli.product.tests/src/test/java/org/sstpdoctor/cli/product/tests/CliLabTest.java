package org.sstpdoctor.cli.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sstpdoctor lab} as a process: it prints every simulated host's endpoints, writes the lab's
 * server files, its healthy host answers a probe with a Call Connect Ack, and SIGTERM stops it
 * cleanly.
 */
class CliLabTest {

    @TempDir
    Path dir;

    @Test
    void labPrintsItsEndpointsItsHostsProbeAsTheirClientsSeeThemAndSigtermStopsIt() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Cli cli = new Cli(home);
        Path out = dir.resolve("lab-out.txt");
        Path err = dir.resolve("lab-err.txt");
        Path script = Path.of(System.getProperty("products.dir"), "org.sstpdoctor.cli.product", "linux", "gtk",
                "x86_64", "sstpdoctor-cli", "sstpdoctor");
        ProcessBuilder pb = new ProcessBuilder(List.of(script.toString(), "lab", "--dir", dir.resolve("lab").toString(),
                "--inventory", dir.resolve("inventory").toString()));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("SSTPDOCTOR_VMARGS", "-Duser.home=" + home);
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process lab = pb.start();
        try {
            String text = "";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!text.contains("Running; press Ctrl-C to stop.")) {
                if (!lab.isAlive() || System.nanoTime() > deadline) {
                    fail("the lab did not start:\n" + text + "\n" + Files.readString(err));
                }
                Thread.sleep(100);
                text = Files.readString(out);
            }
            assertTrue(text.contains("lab-healthy (simulated)"), text);
            assertTrue(text.contains("lab-s4-expired-cert (simulated)"), text);
            assertTrue(text.contains("WinRM     http://127.0.0.1:"), text);
            Matcher healthy = Pattern.compile("lab-healthy \\(simulated\\)\\n.*\\n  SSTP      127\\.0\\.0\\.1:(\\d+)")
                    .matcher(text);
            assertTrue(healthy.find(), text);
            assertTrue(Files.isRegularFile(dir.resolve("inventory").resolve("Practice lab (simulated)")
                    .resolve("lab-healthy.server")));

            // the lab's root is not among the Java runtime's: judged by those roots, the chain is untrusted
            Cli.Result probe = cli.run("probe", "127.0.0.1:" + healthy.group(1));
            assertTrue(probe.out().contains("SSTP_ACK"), probe.toString());
            assertEquals(1, probe.exit(), probe.toString());
            assertTrue(probe.out().contains("0x800B0109"), probe.toString());
            // judged by the roots the lab's clients trust, the healthy host is healthy
            String roots = "folder:" + dir.resolve("lab").resolve("roots");
            Cli.Result trusted = cli.run("probe", "127.0.0.1:" + healthy.group(1), "--trust", roots);
            assertEquals(0, trusted.exit(), trusted.toString());
            Cli.Result untrusted = cli.run("probe", "127.0.0.1:" + port(text, "lab-s5-untrusted-root"), "--trust", roots);
            assertEquals(1, untrusted.exit(), untrusted.toString());
            assertTrue(untrusted.out().contains("0x800B0109"), untrusted.toString());
            Cli.Result badTrust = cli.run("probe", "127.0.0.1:" + healthy.group(1), "--trust", "nowhere");
            assertEquals(2, badTrust.exit(), badTrust.toString());
            assertTrue(badTrust.err().contains("--trust nowhere"), badTrust.toString());
            Cli.Result stopped = cli.run("probe", "127.0.0.1:" + port(text, "lab-s2-sstpsvc-stopped"), "--timeout",
                    "5");
            assertEquals(1, stopped.exit(), stopped.toString());
            assertTrue(stopped.out().contains("809"), stopped.toString());
        } finally {
            lab.destroy(); // SIGTERM
            assertTrue(lab.waitFor(30, TimeUnit.SECONDS), "the lab did not stop on SIGTERM");
        }
        assertTrue(Files.readString(out).contains("Stopping the practice lab."), Files.readString(out));
    }

    private static String port(String text, String host) throws IOException {
        Matcher m = Pattern.compile(Pattern.quote(host) + " \\(simulated\\)\\n.*\\n  SSTP      127\\.0\\.0\\.1:(\\d+)")
                .matcher(text);
        assertTrue(m.find(), text);
        return m.group(1);
    }
}
