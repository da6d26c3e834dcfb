package org.sstpdoctor.remote.winrm;

/**
 * What a command run in a WinRM shell gave: its exit code and its output, decoded as UTF-8 (the shell runs with code
 * page 65001).
 *
 * @param exitCode  the exit code the server reported
 * @param stdout    standard output
 * @param stderr    standard error
 * @param truncated whether the output reached the output cap, in which case the command was terminated and the output
 *                  holds only what came before the cap; the exit code is then -1
 *                  unless the command had already ended
 */
public record ShellResult(int exitCode, String stdout, String stderr, boolean truncated) {
}
