package org.sstpdoctor.core.remediation;

import java.util.Objects;

/**
 * One thing a remediation will do.
 *
 * @param kind   what sort of step
 * @param target where: the server's host for a command, the file's path for a file
 * @param text   exactly what: the command line as it will run, the file's content, or the note
 */
public record PlanStep(Kind kind, String target, String text) {

    /** What sort of step. */
    public enum Kind {
        /** Runs a command on the server over its management channel: changes the server. */
        COMMAND,
        /** Writes a file on the administrator's machine. */
        FILE,
        /** Something the person must know or do by hand. */
        NOTE
    }

    public PlanStep {
        Objects.requireNonNull(kind, "kind");
        target = target == null ? "" : target;
        Objects.requireNonNull(text, "text");
    }

    public static PlanStep command(String host, String commandLine) {
        return new PlanStep(Kind.COMMAND, host, commandLine);
    }

    public static PlanStep file(String path, String content) {
        return new PlanStep(Kind.FILE, path, content);
    }

    public static PlanStep note(String text) {
        return new PlanStep(Kind.NOTE, "", text);
    }
}
