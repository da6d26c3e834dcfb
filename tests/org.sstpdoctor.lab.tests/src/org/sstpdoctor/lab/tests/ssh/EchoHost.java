package org.sstpdoctor.lab.tests.ssh;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import org.sstpdoctor.lab.CommandAnswer;
import org.sstpdoctor.lab.ICommandHost;
import org.sstpdoctor.remote.PowerShell;

/**
 * A command host for the endpoint tests that records every command line and answers a few made-up commands, in a
 * PowerShell script ({@code -EncodedCommand}) or as a plain command line: {@code echo TEXT}, {@code fail CODE TEXT}
 * (prints "partial" and TEXT to stderr), {@code big N} (N times "x"), {@code sleep MILLIS}; anything else fails as
 * cmd.exe does for an unknown program.
 */
public final class EchoHost implements ICommandHost {

    /** Every command line received, exactly as sent. */
    public final List<String> commandLines = new CopyOnWriteArrayList<>();

    @Override
    public CommandAnswer run(String commandLine, Duration timeout) {
        commandLines.add(commandLine);
        String line = commandLine;
        int encoded = line.toLowerCase(Locale.ROOT).indexOf("-encodedcommand ");
        if (line.toLowerCase(Locale.ROOT).startsWith("powershell") && encoded >= 0) {
            String script = PowerShell.decode(line.substring(encoded + "-encodedcommand ".length()).strip());
            line = script.startsWith(PowerShell.PREAMBLE + "\n") ? script.substring(PowerShell.PREAMBLE.length() + 1)
                    : script;
        }
        String[] words = line.split(" ", 3);
        switch (words[0]) {
            case "echo":
                return CommandAnswer.ok(line.substring(Math.min(line.length(), 5)) + "\r\n");
            case "fail":
                return new CommandAnswer(Integer.parseInt(words[1]), "partial\r\n",
                        (words.length > 2 ? words[2] : "") + "\r\n");
            case "big":
                return CommandAnswer.ok("x".repeat(Integer.parseInt(words[1])));
            case "sleep":
                try {
                    Thread.sleep(Long.parseLong(words[1]));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return CommandAnswer.failed(1, "interrupted\r\n");
                }
                return CommandAnswer.ok("slept\r\n");
            case "throw":
                throw new IllegalStateException("the simulated host broke");
            default:
                return CommandAnswer.failed(1, "'" + words[0] + "' is not recognized as an internal or external"
                        + " command,\r\noperable program or batch file.\r\n");
        }
    }

    @Override
    public String name() {
        return "echo-host (simulated)";
    }
}
