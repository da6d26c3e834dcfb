package org.sstpdoctor.remote.commands;

import java.util.Objects;

/**
 * A part of a command's output that could not be read, and why.
 *
 * @param line    the 1-based line of the output the problem is on; 0 when it concerns the output as
 *                a whole (empty, too large, not JSON at all)
 * @param message what is wrong, in words an administrator understands, naming the text or the JSON
 *                path concerned
 */
public record ParseProblem(int line, String message) {

    public ParseProblem {
        if (line < 0) {
            throw new IllegalArgumentException("line " + line);
        }
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return line == 0 ? message : "line " + line + ": " + message;
    }
}
