package org.sstpdoctor.probe.sstp;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * The HTTPS request that opens an SSTP connection, [MS-SSTP] section 3.2.4.1 (client) and
 * 3.3.4.1 (server): {@code SSTP_DUPLEX_POST} on the fixed URI with a Content-Length of
 * 2<sup>64</sup>-1 (the connection then carries SSTP packets in both directions) and an
 * {@code SSTPCORRELATIONID} header; a listener that accepts it answers {@code HTTP/1.1 200}.
 */
public final class SstpHttp {

    /** The method of the request that opens an SSTP connection. */
    public static final String METHOD = "SSTP_DUPLEX_POST";
    /** The URI every SSTP server listens on. */
    public static final String PATH = "/sra_{BA195980-CD49-458b-9E23-C84EE0ADCD75}/";
    /** The Content-Length of the request and the answer: 2^64-1, as an unsigned decimal. */
    public static final String CONTENT_LENGTH = "18446744073709551615";

    private SstpHttp() {
    }

    /**
     * The request head, e.g. {@code SSTP_DUPLEX_POST /sra_{...}/ HTTP/1.1}, {@code Host},
     * {@code Content-Length} and {@code SSTPCORRELATIONID: {GUID}}, ending with an empty line.
     *
     * @param hostHeader    the value of the Host header (host, and :port when not 443)
     * @param correlationId the connection's correlation id, sent as an upper-case GUID in braces
     */
    public static byte[] duplexPost(String hostHeader, UUID correlationId) {
        String head = METHOD + " " + PATH + " HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "Content-Length: " + CONTENT_LENGTH + "\r\n"
                + "SSTPCORRELATIONID: " + correlationIdText(correlationId) + "\r\n"
                + "\r\n";
        return head.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The {@code HEAD} request an SSTP-aware load-balancer monitor sends to the SSTP URI; a
     * healthy SSTP listener answers 401.
     */
    public static byte[] headRequest(String hostHeader) {
        String head = "HEAD " + PATH + " HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "Connection: close\r\n"
                + "\r\n";
        return head.getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}}. */
    public static String correlationIdText(UUID id) {
        return "{" + id.toString().toUpperCase(Locale.ROOT) + "}";
    }
}
