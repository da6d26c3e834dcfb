package org.sstpdoctor.remote.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The limits every parser applies to a command's output, and the guard that keeps anything a
 * parser throws from escaping.
 */
final class Output {

    /** Output longer than this (16 MiB of characters) is not read at all. */
    static final int MAX_CHARS = 16 * 1024 * 1024;

    /** A text line longer than this (64 KiB) is skipped as unreadable. */
    static final int MAX_LINE_CHARS = 64 * 1024;

    private Output() {
    }

    /**
     * Runs {@code body} on the output, after the checks every parser shares: not {@code null}, not
     * larger than {@link #MAX_CHARS}, not blank. A byte order mark is removed first. When a check
     * fails, or {@code body} throws, the result is {@code nothing} with a problem that says why.
     */
    static <T> ParseResult<T> guard(String output, T nothing, BiFunction<String, Problems, T> body) {
        Problems problems = new Problems();
        if (output == null) {
            problems.add(0, "there is no output");
            return new ParseResult<>(nothing, problems.list());
        }
        if (output.length() > MAX_CHARS) {
            problems.add(0, "the output is " + output.length() + " characters long, more than the "
                    + MAX_CHARS + " this parser reads; it was not read");
            return new ParseResult<>(nothing, problems.list());
        }
        String text = output.startsWith("\uFEFF") ? output.substring(1) : output;
        if (text.isBlank()) {
            problems.add(0, "the command printed nothing");
            return new ParseResult<>(nothing, problems.list());
        }
        try {
            T value = body.apply(text, problems);
            return new ParseResult<>(value, problems.list());
        } catch (RuntimeException | StackOverflowError failure) {
            Problems only = new Problems();
            only.add(0, "the output could not be read: " + failure);
            return new ParseResult<>(nothing, only.list());
        }
    }

    /**
     * The lines of a text output (CR LF, LF or CR endings). A line longer than
     * {@link #MAX_LINE_CHARS} is replaced by an empty line and reported.
     */
    static List<String> lines(String text, Problems problems) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int length = text.length();
        while (start <= length) {
            int end = start;
            while (end < length && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            if (end == length && start == length) {
                break; // the text ends with a line break
            }
            if (end - start > MAX_LINE_CHARS) {
                problems.add(lines.size() + 1, "the line is " + (end - start) + " characters long, more than the "
                        + MAX_LINE_CHARS + " a line of this output can have; it was skipped");
                lines.add("");
            } else {
                lines.add(text.substring(start, end));
            }
            if (end < length && text.charAt(end) == '\r' && end + 1 < length && text.charAt(end + 1) == '\n') {
                end++;
            }
            start = end + 1;
        }
        return lines;
    }

    /** {@code text} cut to 80 characters for a problem message, control characters shown as '?'. */
    static String quote(String text) {
        String shown = text.strip();
        if (shown.length() > 80) {
            shown = shown.substring(0, 77) + "...";
        }
        StringBuilder quoted = new StringBuilder(shown.length() + 2).append('"');
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            quoted.append(Character.isISOControl(c) ? '?' : c);
        }
        return quoted.append('"').toString();
    }
}
