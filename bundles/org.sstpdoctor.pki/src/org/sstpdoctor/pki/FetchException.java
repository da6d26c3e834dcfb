package org.sstpdoctor.pki;

import java.net.URI;
import java.util.Objects;

/** An HTTP fetch that did not give a usable answer, and why. */
public class FetchException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, in the terms a note to a PKI team uses. */
    public enum Kind {
        /** Not an {@code http} URL (e.g. {@code ldap://}, {@code https://}, {@code file:}). */
        UNSUPPORTED_URL("not fetched: only http URLs are fetched"),
        /** The host name does not resolve. */
        UNKNOWN_HOST("host name does not resolve"),
        /** Nothing listens: connection refused or no route. */
        REFUSED("connection refused"),
        /** No connection or no complete answer within the timeout. */
        TIMEOUT("timed out"),
        /** The server answered with a status other than 2xx. */
        HTTP_STATUS("HTTP error"),
        /** The body is larger than the limit. */
        TOO_LARGE("response too large"),
        /** Any other transport failure (reset, bad HTTP). */
        IO("transport error"),
        /** The calling thread was interrupted. */
        INTERRUPTED("interrupted");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** A few words for reports, e.g. {@code connection refused}. */
        public String label() {
            return label;
        }
    }

    private final Kind kind;
    private final URI uri;
    private final int httpStatus;

    public FetchException(Kind kind, URI uri, int httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.uri = uri;
        this.httpStatus = httpStatus;
    }

    public FetchException(Kind kind, URI uri, String message) {
        this(kind, uri, 0, message, null);
    }

    public Kind kind() {
        return kind;
    }

    public URI uri() {
        return uri;
    }

    /** The HTTP status for {@link Kind#HTTP_STATUS}, else 0. */
    public int httpStatus() {
        return httpStatus;
    }
}
