package org.sstpdoctor.pki;

import java.net.URI;

/**
 * Fetches revocation data and missing issuers over HTTP, the way a Windows client does it: from
 * the client's side, outside any tunnel. Implementations bound every exchange by a timeout and the
 * body by {@code maxBytes}, and accept {@code http} URLs only (CRL, OCSP and AIA URLs are plain
 * HTTP by design: their content is signed).
 * <p>
 * {@link JdkHttpFetcher} is the implementation; the probe may supply another (through a proxy).
 * Implementations must be safe for use by several threads at once.
 */
public interface HttpFetcher {

    /**
     * GETs {@code uri}, following a few redirects to other {@code http} URLs.
     *
     * @param maxBytes the largest body accepted; a larger one fails with {@code TOO_LARGE}
     * @return the 2xx answer
     * @throws FetchException on anything else, with its kind
     */
    FetchResponse get(URI uri, long maxBytes) throws FetchException;

    /**
     * POSTs {@code body} of {@code contentType} to {@code uri} (no redirects).
     *
     * @return the 2xx answer
     * @throws FetchException on anything else, with its kind
     */
    FetchResponse post(URI uri, String contentType, byte[] body, long maxBytes) throws FetchException;
}
