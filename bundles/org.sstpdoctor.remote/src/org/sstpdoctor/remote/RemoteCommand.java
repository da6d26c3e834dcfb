package org.sstpdoctor.remote;

import java.time.Duration;
import java.util.Objects;

/**
 * A command to run on a server: a {@link PowerShellScript} or a {@link LegacyCommand}, the id of
 * what it finds out (its label in messages, and its name in evidence bundles), a timeout and a
 * cap on its output. Built only from those typed values, so that the exact text sent to the
 * server ({@link #commandLine()}) is the product's own.
 */
public final class RemoteCommand {

    /** How long a command may run unless it says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** The longest timeout a command may have. */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);
    /** How much output (stdout and stderr together) a command may return unless it says otherwise. */
    public static final long DEFAULT_OUTPUT_CAP = 8L << 20;
    /** The largest output cap a command may have. */
    public static final long MAX_OUTPUT_CAP = 256L << 20;

    private final String id;
    private final CommandForm form;
    private final PowerShellScript script;
    private final LegacyCommand legacy;
    private final String commandLine;
    private final Duration timeout;
    private final long outputCap;

    private RemoteCommand(String id, PowerShellScript script, LegacyCommand legacy, Duration timeout, long outputCap) {
        this.id = CommandIds.requireValid(id);
        this.script = script;
        this.legacy = legacy;
        this.form = script != null ? CommandForm.POWERSHELL : CommandForm.LEGACY;
        this.commandLine = script != null ? PowerShell.commandLine(script) : legacy.commandLine();
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("a command's timeout is above zero and at most " + MAX_TIMEOUT + ": "
                    + timeout);
        }
        if (outputCap < 1 || outputCap > MAX_OUTPUT_CAP) {
            throw new IllegalArgumentException("a command's output cap is 1 to " + MAX_OUTPUT_CAP + " bytes: "
                    + outputCap);
        }
        this.timeout = timeout;
        this.outputCap = outputCap;
    }

    /**
     * The PowerShell command {@code id}, with the default timeout and output cap.
     *
     * @param id a command id, see {@link CommandIds}
     * @throws IllegalArgumentException when the id is malformed or the script too long to send
     */
    public static RemoteCommand powerShell(String id, PowerShellScript script) {
        return new RemoteCommand(id, Objects.requireNonNull(script, "script"), null, DEFAULT_TIMEOUT,
                DEFAULT_OUTPUT_CAP);
    }

    /** The legacy cmd.exe command {@code id}, with the default timeout and output cap. */
    public static RemoteCommand legacy(String id, LegacyCommand command) {
        return new RemoteCommand(id, null, Objects.requireNonNull(command, "command"), DEFAULT_TIMEOUT,
                DEFAULT_OUTPUT_CAP);
    }

    /** This command with another timeout, above zero and at most {@link #MAX_TIMEOUT}. */
    public RemoteCommand withTimeout(Duration newTimeout) {
        return new RemoteCommand(id, script, legacy, newTimeout, outputCap);
    }

    /** This command with another output cap in bytes, 1 to {@link #MAX_OUTPUT_CAP}. */
    public RemoteCommand withOutputCap(long bytes) {
        return new RemoteCommand(id, script, legacy, timeout, bytes);
    }

    /** What the command finds out, a {@link CommandIds} id; its label in messages. */
    public String id() {
        return id;
    }

    /** Whether it is PowerShell or a legacy command line. */
    public CommandForm form() {
        return form;
    }

    /** The script of a PowerShell command, or null for a legacy one. */
    public PowerShellScript script() {
        return script;
    }

    /** The legacy command, or null for a PowerShell one. */
    public LegacyCommand legacyCommand() {
        return legacy;
    }

    /**
     * The exact text sent to the server: {@link PowerShell#commandLine(PowerShellScript)} for
     * PowerShell, the validated command line for a legacy command.
     */
    public String commandLine() {
        return commandLine;
    }

    /** How long the command may run. */
    public Duration timeout() {
        return timeout;
    }

    /** The most bytes of stdout and stderr together that are kept; the rest is not read. */
    public long outputCap() {
        return outputCap;
    }

    @Override
    public String toString() {
        return id + " (" + form.id() + ")";
    }
}
