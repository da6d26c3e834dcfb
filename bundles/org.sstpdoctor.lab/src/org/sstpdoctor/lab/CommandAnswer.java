package org.sstpdoctor.lab;

import java.util.Objects;

/**
 * What a simulated command printed and how it ended.
 *
 * @param exitCode the process exit code (0 for success)
 * @param stdout   the standard output text, as Windows would print it (CRLF line ends where
 *                 Windows writes them)
 * @param stderr   the standard error text, or empty
 */
public record CommandAnswer(int exitCode, String stdout, String stderr) {

    public CommandAnswer {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    /** A successful command that printed {@code stdout}. */
    public static CommandAnswer ok(String stdout) {
        return new CommandAnswer(0, stdout, "");
    }

    /** A failed command with exit code {@code exitCode} and the message {@code stderr}. */
    public static CommandAnswer failed(int exitCode, String stderr) {
        if (exitCode == 0) {
            throw new IllegalArgumentException("a failed command has a non-zero exit code");
        }
        return new CommandAnswer(exitCode, "", stderr);
    }
}
