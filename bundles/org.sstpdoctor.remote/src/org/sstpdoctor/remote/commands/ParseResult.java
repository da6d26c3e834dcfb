package org.sstpdoctor.remote.commands;

import java.util.List;
import java.util.Objects;

/**
 * What a parser read from a command's output: the evidence, and every part of the output it could
 * not read.
 * <p>
 * The value is never {@code null}. When the output could not be read at all it is the evidence
 * record's "nothing known" form (states {@code UNKNOWN}, empty lists, {@code complete == false}).
 * Parsers only report a healthy state (a running service, a listener, a binding) from output they
 * read intact; an absence (no listener, no binding, no blocking filter, no event) is evidence only
 * when {@link #isClean()}, which the evidence records' {@link Verdict} methods already take into
 * account.
 * </p>
 *
 * @param <T>      the evidence record
 * @param value    the evidence read, never {@code null}
 * @param problems the parts of the output that could not be read, in output order
 */
public record ParseResult<T>(T value, List<ParseProblem> problems) {

    public ParseResult {
        Objects.requireNonNull(value, "value");
        problems = List.copyOf(problems);
    }

    /** Whether the whole output was read without a problem. */
    public boolean isClean() {
        return problems.isEmpty();
    }

    @Override
    public String toString() {
        return value + (problems.isEmpty() ? "" : " with problems " + problems);
    }
}
