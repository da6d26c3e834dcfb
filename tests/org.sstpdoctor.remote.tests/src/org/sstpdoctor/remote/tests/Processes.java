package org.sstpdoctor.remote.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs the third-party tools the tests check SSTP Doctor against (ssh-keygen). */
final class Processes {

    private Processes() {
    }

    /** Runs {@code command} in {@code dir} and returns its standard output; fails the test when it fails. */
    static String run(Path dir, String... command) throws IOException, InterruptedException {
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, process.exitValue(), () -> String.join(" ", command) + " failed: " + read(err));
        Files.delete(err);
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Generates an OpenSSH key pair {@code file} and {@code file.pub} with ssh-keygen. */
    static Path keygen(Path dir, String name, String type, String passphrase) throws IOException, InterruptedException {
        Path file = dir.resolve(name);
        run(dir, "ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C", name, "-f", file.toString());
        return file;
    }

    /** The SHA-256 fingerprint ssh-keygen prints for a public key file ({@code SHA256:...}). */
    static String fingerprint(Path publicKeyFile) throws IOException, InterruptedException {
        String line = run(publicKeyFile.getParent(), "ssh-keygen", "-l", "-E", "sha256", "-f",
                publicKeyFile.toString());
        return line.split(" ")[1];
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }
}
