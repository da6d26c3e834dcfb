package org.sstpdoctor.remote.internal;

/** Text that came from outside (a user, a file, a server) made safe to show in a message. */
public final class Messages {

    private Messages() {
    }

    /**
     * {@code value} cut at {@code max} code points (marked with {@code ...}), with control
     * characters written as {@code \}{@code uXXXX} so that a message keeps to one line and shows
     * what was really there.
     */
    public static String printable(String value, int max) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(max).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        if (value.codePointCount(0, value.length()) > max) {
            out.append("...");
        }
        return out.toString();
    }

    /** {@code value} in double quotes, as {@link #printable(String, int)} shows it, cut at 60 code points. */
    public static String quote(String value) {
        return value == null ? "null" : "\"" + printable(value, 60) + "\"";
    }
}
