package org.sstpdoctor.remote.commands;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.sstpdoctor.remote.PowerShell;
import org.sstpdoctor.remote.PowerShellScript;
import org.sstpdoctor.remote.RemoteCommand;

/**
 * One form of a catalog command: what to run on the server and the parser of its output.
 *
 * @param <T>      the evidence record
 * @param kind     PowerShell (JSON) or legacy text
 * @param commands for {@link FormKind#POWERSHELL} one element, the script; for
 *                 {@link FormKind#LEGACY_TEXT} the command lines to run in this order, their
 *                 standard outputs concatenated for the parser. Fixed texts: nothing in them comes
 *                 from a user
 * @param output   what the output is, for people (the format the parser reads is described in
 *                 the parser's documentation)
 * @param parser   the parser of the (concatenated) standard output
 */
public record CommandForm<T>(FormKind kind, List<String> commands, String output, CommandParser<T> parser) {

    public CommandForm {
        Objects.requireNonNull(kind, "kind");
        commands = List.copyOf(commands);
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(parser, "parser");
        if (commands.isEmpty() || kind == FormKind.POWERSHELL && commands.size() != 1) {
            throw new IllegalArgumentException(kind + " with " + commands.size() + " commands");
        }
    }

    /** The PowerShell script of a {@link FormKind#POWERSHELL} form. */
    public String script() {
        if (kind != FormKind.POWERSHELL) {
            throw new IllegalStateException("a " + kind + " form has no script");
        }
        return commands.get(0);
    }

    /**
     * The command that runs this form's script on a server, labelled {@code id}: the script
     * without comment lines and indentation, sent by {@link PowerShell#commandLine} as one
     * {@code -EncodedCommand} so that no shell on the server parses it (Windows OpenSSH's
     * cmd.exe or a PowerShell default shell alike). Only PowerShell forms run live; legacy
     * forms are what the offline collection script runs.
     */
    public RemoteCommand toCommand(String id) {
        String compact = script().lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .collect(Collectors.joining("\n"));
        return RemoteCommand.powerShell(id, PowerShellScript.fixed(compact));
    }

    /**
     * Parses the (concatenated) standard output. The catalog's parsers never throw: a defect of
     * theirs becomes a problem, with nothing read.
     */
    public ParseResult<T> parse(String output) {
        return parser.parse(output);
    }
}
