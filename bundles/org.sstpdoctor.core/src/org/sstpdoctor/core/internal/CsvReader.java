package org.sstpdoctor.core.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads comma-separated values as RFC 4180 defines them: fields separated by commas, records by
 * CRLF (a bare LF or CR is accepted too), fields optionally in double quotes, inside which commas,
 * line breaks and doubled quotes ({@code ""}) stand for themselves. A byte order mark at the start
 * is skipped. A malformed record is returned as such, with its line, and reading goes on with the
 * next line.
 */
public final class CsvReader {

    /**
     * One record.
     *
     * @param line   the 1-based line it starts on
     * @param fields its fields, or empty when malformed
     * @param error  why it is malformed, or null
     */
    public record Record(int line, List<String> fields, String error) {

        /** Whether the record could be read. */
        public boolean isValid() {
            return error == null;
        }

        /** Whether every field is empty (a blank line). */
        public boolean isBlank() {
            return error == null && fields.stream().allMatch(String::isEmpty);
        }
    }

    private static final int END = -1;

    private final Reader in;
    private int line = 1;
    private int pushedBack = -2;
    private boolean started;

    /** Reads from {@code in}, which the caller closes; buffer it for speed. */
    public CsvReader(Reader in) {
        this.in = in;
    }

    /** The next record, or null at the end of the input. */
    public Record next() throws IOException {
        if (!started) {
            started = true;
            int first = read();
            if (first != '\uFEFF') {
                unread(first);
            }
        }
        int c = read();
        if (c == END) {
            return null;
        }
        unread(c);
        int start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (true) {
            c = read();
            if (c == '"' && field.isEmpty()) {
                String error = quoted(field);
                if (error != null) {
                    skipLine();
                    return new Record(start, List.of(), error);
                }
                c = read();
                if (c != ',' && c != '\r' && c != '\n' && c != END) {
                    skipLine();
                    return new Record(start, List.of(), "text after the closing quote of field "
                            + (fields.size() + 1) + " (a quote inside a field is written \"\")");
                }
            } else if (c == '"') {
                skipLine();
                return new Record(start, List.of(), "a quote inside unquoted field " + (fields.size() + 1)
                        + " (quote the whole field and double the quote: \"\")");
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' || c == '\n' || c == END) {
                endOfLine(c);
                fields.add(field.toString());
                return new Record(start, List.copyOf(fields), null);
            } else if (c != '"') {
                field.append((char) c);
            }
        }
    }

    /** Reads a quoted field's content after its opening quote, up to its closing quote. */
    private String quoted(StringBuilder field) throws IOException {
        int opened = line;
        while (true) {
            int c = read();
            if (c == END) {
                return "the quote opened on line " + opened + " is never closed";
            }
            if (c == '"') {
                int next = read();
                if (next != '"') {
                    unread(next);
                    return null;
                }
            }
            if (c == '\r' || c == '\n') {
                endOfLine(c);
                field.append('\n');
            } else {
                field.append((char) c);
            }
        }
    }

    private void skipLine() throws IOException {
        int c;
        do {
            c = read();
        } while (c != '\r' && c != '\n' && c != END);
        endOfLine(c);
    }

    /** Counts a line break, taking CRLF as one. */
    private void endOfLine(int c) throws IOException {
        if (c == '\r') {
            int next = read();
            if (next != '\n') {
                unread(next);
            }
        }
        if (c != END) {
            line++;
        }
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        pushedBack = c;
    }
}
