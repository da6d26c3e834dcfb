package org.sstpdoctor.remote;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a command returned, live or from an evidence bundle: its exit code, its output as bytes
 * with the character set they are in, whether the output was cut at the command's cap, and how
 * long it ran.
 */
public final class CommandResult {

    private final String id;
    private final CommandForm form;
    private final Integer exitCode;
    private final byte[] stdout;
    private final byte[] stderr;
    private final Charset charset;
    private final boolean truncated;
    private final Duration elapsed;

    /**
     * @param id        the command's id
     * @param form      the form that produced the output, which may differ from the form asked
     *                  for when the output comes from an evidence bundle
     * @param exitCode  the exit code, or null when the server reported none (the command was cut
     *                  short, or an evidence bundle did not record it)
     * @param stdout    standard output (copied)
     * @param stderr    standard error (copied)
     * @param charset   the character set the output is in
     * @param truncated whether the output was cut at the cap, so is incomplete
     * @param elapsed   how long the command ran, zero when unknown
     */
    public CommandResult(String id, CommandForm form, Integer exitCode, byte[] stdout, byte[] stderr, Charset charset,
            boolean truncated, Duration elapsed) {
        this.id = CommandIds.requireValid(id);
        this.form = Objects.requireNonNull(form, "form");
        this.exitCode = exitCode;
        this.stdout = stdout.clone();
        this.stderr = stderr.clone();
        this.charset = Objects.requireNonNull(charset, "charset");
        this.truncated = truncated;
        this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
    }

    /** The command's id. */
    public String id() {
        return id;
    }

    /** The form that produced this output. */
    public CommandForm form() {
        return form;
    }

    /** The exit code, or empty when none was reported. */
    public OptionalInt exitCode() {
        return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }

    /** Whether the command exited with code 0 and its output is complete. */
    public boolean isSuccess() {
        return exitCode != null && exitCode == 0 && !truncated;
    }

    /** Standard output as text, a leading byte order mark dropped, malformed bytes as U+FFFD. */
    public String stdout() {
        return decode(stdout, charset);
    }

    /** Standard error as text, as {@link #stdout()}. */
    public String stderr() {
        return decode(stderr, charset);
    }

    /** A copy of standard output's bytes. */
    public byte[] stdoutBytes() {
        return stdout.clone();
    }

    /** A copy of standard error's bytes. */
    public byte[] stderrBytes() {
        return stderr.clone();
    }

    /** The number of output bytes kept, stdout and stderr together. */
    public long outputSize() {
        return (long) stdout.length + stderr.length;
    }

    /** The character set of the output. */
    public Charset charset() {
        return charset;
    }

    /** Whether the output was cut at the command's cap. */
    public boolean truncated() {
        return truncated;
    }

    /** How long the command ran; zero when unknown. */
    public Duration elapsed() {
        return elapsed;
    }

    @Override
    public String toString() {
        return "CommandResult[" + id + " (" + form.id() + "), exit " + (exitCode == null ? "unknown" : exitCode)
                + ", " + stdout.length + " + " + stderr.length + " bytes" + (truncated ? ", truncated" : "") + ", "
                + elapsed.toMillis() + " ms]";
    }

    private static String decode(byte[] bytes, Charset charset) {
        String text = new String(bytes, charset); // malformed input becomes U+FFFD
        return text.startsWith("\ufeff") ? text.substring(1) : text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CommandResult r && r.id.equals(id) && r.form == form
                && Objects.equals(r.exitCode, exitCode) && Arrays.equals(r.stdout, stdout)
                && Arrays.equals(r.stderr, stderr) && r.charset.equals(charset) && r.truncated == truncated
                && r.elapsed.equals(elapsed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, form, exitCode, Arrays.hashCode(stdout), Arrays.hashCode(stderr), truncated);
    }
}
