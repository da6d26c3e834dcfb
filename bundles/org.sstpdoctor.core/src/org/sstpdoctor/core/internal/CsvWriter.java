package org.sstpdoctor.core.internal;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Writes comma-separated values as RFC 4180 defines them, each record ending with CRLF. */
public final class CsvWriter {

    private final Writer out;

    /** Writes to {@code out}, which the caller closes. */
    public CsvWriter(Writer out) {
        this.out = out;
    }

    /** Writes one record; fields with commas, quotes, line breaks or edge spaces are quoted. */
    public void write(List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(fields.get(i)));
        }
        out.write("\r\n");
    }

    /** {@code field} as a CSV field: as it is, or in quotes with its quotes doubled. */
    public static String quote(String field) {
        boolean needsQuotes = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                || field.indexOf('\r') >= 0 || !field.strip().equals(field);
        return needsQuotes ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}
