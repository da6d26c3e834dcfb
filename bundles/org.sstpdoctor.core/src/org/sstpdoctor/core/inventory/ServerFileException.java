package org.sstpdoctor.core.inventory;

/**
 * A server file that cannot be read: not JSON, not a server file, a version this SSTP Doctor does
 * not know, or a field with a wrong type or value. The message says what is wrong and names the
 * field; it never repeats a secret (server files hold none).
 */
public final class ServerFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final int line;

    /**
     * @param field   the field at fault as a path ({@code "channel.port"}), or null for the whole file
     * @param line    the line of the file at fault, 1-based, or 0 when not known
     * @param message what is wrong, including the field's name when there is one
     */
    public ServerFileException(String field, int line, String message) {
        super(message);
        this.field = field;
        this.line = line;
    }

    /** The field at fault as a path ({@code "channel.port"}), or null when the whole file is. */
    public String field() {
        return field;
    }

    /** The 1-based line at fault, or 0 when not known. */
    public int line() {
        return line;
    }
}
