package org.sstpdoctor.remote.commands;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

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
     * The command lines to run, in order. A script becomes
     * {@code powershell.exe -NoLogo -NoProfile -NonInteractive -EncodedCommand <Base64 of UTF-16LE>}
     * (comment lines and indentation removed), which runs the same whether the server's shell is
     * cmd.exe or PowerShell and needs no quoting. The legacy commands name their {@code .exe}:
     * in PowerShell {@code sc} is Set-Content.
     */
    public List<String> commandLines() {
        if (kind == FormKind.LEGACY_TEXT) {
            return commands;
        }
        String compact = script().lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .collect(Collectors.joining("\n"));
        String encoded = Base64.getEncoder().encodeToString(compact.getBytes(StandardCharsets.UTF_16LE));
        return List.of("powershell.exe -NoLogo -NoProfile -NonInteractive -EncodedCommand " + encoded);
    }

    /**
     * Parses the (concatenated) standard output. The catalog's parsers never throw: a defect of
     * theirs becomes a problem, with nothing read.
     */
    public ParseResult<T> parse(String output) {
        return parser.parse(output);
    }
}
