package org.sstpdoctor.probe;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The status line and headers of an HTTP response (from the SSTP listener, a reverse proxy in
 * its place, or an HTTP proxy answering {@code CONNECT}).
 *
 * @param statusLine the status line as received, e.g. {@code HTTP/1.1 200}
 * @param version    e.g. {@code HTTP/1.1}
 * @param status     the three-digit status code
 * @param reason     the reason phrase, possibly empty
 * @param headers    the header fields in the order received
 * @param headBytes  the size of the head on the wire, final empty line included
 */
public record HttpResponseHead(String statusLine, String version, int status, String reason, List<Header> headers,
        int headBytes) {

    /** One header field. */
    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return name + ": " + value;
        }
    }

    public HttpResponseHead {
        Objects.requireNonNull(statusLine, "statusLine");
        Objects.requireNonNull(version, "version");
        reason = reason == null ? "" : reason;
        headers = List.copyOf(headers);
    }

    /** The value of the first header named {@code name} (case-insensitive). */
    public Optional<String> header(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (Header h : headers) {
            if (h.name().toLowerCase(Locale.ROOT).equals(n)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    /** The head as text, one line per field. */
    public String text() {
        StringBuilder b = new StringBuilder(statusLine);
        for (Header h : headers) {
            b.append('\n').append(h);
        }
        return b.toString();
    }
}
