package org.sstpdoctor.lab;

import java.time.Duration;

/**
 * A simulated Windows server as its management channels see it: it answers a command line the
 * way Windows would (cmd.exe for a legacy command, {@code powershell.exe -EncodedCommand} for a
 * PowerShell script) from its simulated state, and carries out the server actions it recognises.
 * The practice lab's SSH and WinRM endpoints hand every command they receive to one of these.
 * <p>
 * Implementations are thread-safe: several channels may run commands at once.
 */
public interface ICommandHost {

    /**
     * Runs {@code commandLine} as the server's shell would.
     *
     * @param commandLine the exact text a client sent (an SSH exec request, a WinRM command with
     *                    its arguments joined by spaces)
     * @param timeout     how long the command may take; a simulated command answers at once
     * @return what the command printed and its exit code; never null
     */
    CommandAnswer run(String commandLine, Duration timeout);

    /** A name for messages and logs, e.g. {@code lab-scenario4 (simulated)}. */
    String name();
}
