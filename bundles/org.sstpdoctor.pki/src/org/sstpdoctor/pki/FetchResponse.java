package org.sstpdoctor.pki;

import java.net.URI;
import java.time.Duration;

/**
 * A successful (2xx) HTTP answer.
 *
 * @param uri         the URL that answered (after redirects)
 * @param status      the HTTP status
 * @param contentType the Content-Type header, or empty
 * @param body        the body, no larger than the limit asked for
 * @param elapsed     how long the exchange took
 */
public record FetchResponse(URI uri, int status, String contentType, byte[] body, Duration elapsed) {

    public FetchResponse {
        contentType = contentType == null ? "" : contentType;
        body = body == null ? new byte[0] : body;
    }
}
