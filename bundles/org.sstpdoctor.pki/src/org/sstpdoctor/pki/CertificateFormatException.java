package org.sstpdoctor.pki;

import java.util.Objects;

/**
 * Input that could not be read as certificates, naming the source, the format that was tried and
 * why it failed: empty, too large, not recognised, malformed, truncated, without certificates,
 * or protected by a password that was not given or is wrong.
 */
public class CertificateFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why input could not be read. */
    public enum Reason {
        /** The input holds no bytes (or only white space). */
        EMPTY,
        /** The input is larger than the reader's limit. */
        TOO_LARGE,
        /** The input is none of the formats the reader knows. */
        UNRECOGNIZED,
        /** The input looks like the format but does not decode. */
        MALFORMED,
        /** The input ends before the structure it starts is complete. */
        TRUNCATED,
        /** The input is well formed but holds no certificate. */
        NO_CERTIFICATES,
        /** A password is needed and none was given (no callback, or the person cancelled). */
        PASSWORD_REQUIRED,
        /** The password given does not open the file. */
        WRONG_PASSWORD,
        /** The input could not be read at all (file missing, I/O error). */
        UNREADABLE
    }

    private final CertificateFormat format;
    private final Reason reason;
    private final String source;

    /**
     * @param source what was read (a file name, "TLS handshake", ...)
     * @param format the format that was tried, {@link CertificateFormat#UNKNOWN} when none was
     * @param reason why it failed
     * @param detail a sentence for the person, without the source and format (added here)
     * @param cause  the underlying exception, or null
     */
    public CertificateFormatException(String source, CertificateFormat format, Reason reason, String detail,
            Throwable cause) {
        super(message(source, format, detail), cause);
        this.source = source == null ? "" : source;
        this.format = Objects.requireNonNull(format, "format");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public CertificateFormatException(String source, CertificateFormat format, Reason reason, String detail) {
        this(source, format, reason, detail, null);
    }

    private static String message(String source, CertificateFormat format, String detail) {
        StringBuilder sb = new StringBuilder();
        if (source != null && !source.isEmpty()) {
            sb.append(source).append(": ");
        }
        if (format != CertificateFormat.UNKNOWN) {
            sb.append("read as ").append(format.displayName()).append(": ");
        }
        return sb.append(detail).toString();
    }

    /** The format that was tried, {@link CertificateFormat#UNKNOWN} when the input matched none. */
    public CertificateFormat format() {
        return format;
    }

    public Reason reason() {
        return reason;
    }

    /** What was read, e.g. a file name. */
    public String source() {
        return source;
    }
}
