package org.sstpdoctor.remote.winrm;

import java.net.URI;
import java.util.Objects;

/**
 * A WinRM exchange that failed, with the endpoint and the step that failed. The message names the server and the
 * step and never carries a credential.
 */
public final class WinRmException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Where a WinRM exchange failed, in the order a connection goes through them. */
    public enum Step {
        /** The host name did not resolve. */
        DNS,
        /** No TCP connection (refused, unreachable, connect timeout, connection lost). */
        CONNECT,
        /** The TLS handshake failed or the certificate is not trusted. */
        TLS,
        /** The server refused the credentials or the authentication exchange. */
        AUTH,
        /** The server answered something that is not valid WS-Management, HTTP or message encryption. */
        PROTOCOL,
        /** The server refused or failed the shell or the command (a WS-Management fault). */
        COMMAND,
        /** The command or the exchange did not finish within its time. */
        TIMEOUT,
        /** The caller cancelled. */
        CANCELLED
    }

    private final transient URI endpoint;
    private final Step step;

    public WinRmException(URI endpoint, Step step, String detail, Throwable cause) {
        super(message(endpoint, step, detail), cause);
        this.endpoint = endpoint;
        this.step = Objects.requireNonNull(step);
    }

    public WinRmException(URI endpoint, Step step, String detail) {
        this(endpoint, step, detail, null);
    }

    private static String message(URI endpoint, Step step, String detail) {
        String where = endpoint == null ? "WinRM" : "WinRM " + endpoint.getHost() + ":" + WinRmSettings.port(endpoint);
        return where + ": " + step.name().toLowerCase(java.util.Locale.ROOT) + ": " + detail;
    }

    /** The endpoint the exchange was with, without user information. */
    public URI endpoint() {
        return endpoint;
    }

    public Step step() {
        return step;
    }
}
