package org.sstpdoctor.probe;

/** The steps of a probe, in the order a Windows SSTP client takes them. */
public enum StepKind {
    /** Resolving the server's name (or, through a proxy, the proxy's). */
    DNS("DNS"),
    /** The TCP connection to one address. */
    TCP("TCP"),
    /** {@code CONNECT} through the HTTP proxy. */
    PROXY("proxy"),
    /** The TLS handshake, capturing the certificate chain the server presents. */
    TLS("TLS"),
    /** The {@code SSTP_DUPLEX_POST} request and the HTTP response head. */
    HTTP("HTTP"),
    /** The SSTP Call Connect Request sent. */
    SSTP_REQUEST("SSTP request"),
    /** The server's answer to the Call Connect Request. */
    SSTP_ANSWER("SSTP answer"),
    /** The Call Disconnect sent, and what the server sent until it acknowledged. */
    DISCONNECT("disconnect"),
    /** The {@code HEAD} request of a load-balancer monitor, on a connection of its own. */
    HEAD_CHECK("HEAD check");

    private final String label;

    StepKind(String label) {
        this.label = label;
    }

    /** The name shown in transcripts. */
    public String label() {
        return label;
    }
}
