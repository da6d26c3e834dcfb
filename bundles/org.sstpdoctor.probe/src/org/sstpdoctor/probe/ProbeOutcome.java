package org.sstpdoctor.probe;

import java.util.Objects;

/**
 * What the network told a probe, classified: where the conversation with one address ended and
 * why. {@link #toString()} gives the compact form used in tests and logs, e.g. {@code REFUSED},
 * {@code TLS_FAILED(handshake_failure)}, {@code HTTP_STATUS(404)}, {@code SSTP_ACK}.
 *
 * @param kind     the class of result
 * @param step     the step at which it was decided
 * @param code     the HTTP status for {@link Kind#HTTP_STATUS}, {@link Kind#PROXY_FAILED} and
 *                 {@link Kind#PROXY_AUTH_REQUIRED}; 0 otherwise
 * @param argument the TLS alert for {@link Kind#TLS_FAILED}, the defect for {@link Kind#MALFORMED};
 *                 empty otherwise
 * @param message  a sentence that explains it to an administrator, with the figures seen
 */
public record ProbeOutcome(Kind kind, StepKind step, int code, String argument, String message) {

    /** The classes of result. */
    public enum Kind {
        /** The name does not resolve (or has no address of the families probed). */
        UNREACHABLE_DNS,
        /** The TCP connection was refused (a reset answered the SYN): nothing listens, or a firewall rejects. */
        REFUSED,
        /** No complete answer within the limit; {@link ProbeOutcome#step()} tells which. */
        TIMEOUT,
        /** No route to the host or network. */
        UNREACHABLE,
        /** The server reset an established connection. */
        RESET,
        /** The server closed the connection before a complete answer. */
        CLOSED,
        /** The HTTP proxy requires authentication (407). */
        PROXY_AUTH_REQUIRED,
        /** The HTTP proxy refused to open the tunnel, or did not answer like an HTTP proxy. */
        PROXY_FAILED,
        /** The TLS handshake failed with an alert (sent by the server, or raised by the probe). */
        TLS_FAILED,
        /** The server ended the TLS handshake without presenting a certificate. */
        NO_CERTIFICATE,
        /** The server answered {@code SSTP_DUPLEX_POST} with an HTTP status other than 200. */
        HTTP_STATUS,
        /** The server's answer breaks HTTP or [MS-SSTP], or exceeds a configured limit. */
        MALFORMED,
        /** The server acknowledged the Call Connect Request: it speaks MS-SSTP and accepts calls. */
        SSTP_ACK,
        /** The server refused the call with a Call Connect Nak. */
        SSTP_NAK,
        /** The server aborted the call with Call Abort. */
        SSTP_ABORT,
        /** The server answered the call with Call Disconnect. */
        SSTP_DISCONNECT,
        /** The probe was cancelled before it ended. */
        CANCELLED,
        /** The probe could not run (a local failure, not the server's). */
        ERROR
    }

    public ProbeOutcome {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(step, "step");
        argument = argument == null ? "" : argument;
        Objects.requireNonNull(message, "message");
    }

    /** An outcome that needs no code or argument. */
    public static ProbeOutcome of(Kind kind, StepKind step, String message) {
        return new ProbeOutcome(kind, step, 0, "", message);
    }

    /** A TLS failure with {@code alert} (e.g. {@code handshake_failure}). */
    public static ProbeOutcome tlsFailed(String alert, String message) {
        return new ProbeOutcome(Kind.TLS_FAILED, StepKind.TLS, 0, alert, message);
    }

    /** An answer to {@code SSTP_DUPLEX_POST} with HTTP status {@code status}. */
    public static ProbeOutcome httpStatus(int status, String message) {
        return new ProbeOutcome(Kind.HTTP_STATUS, StepKind.HTTP, status, "", message);
    }

    /** A malformed answer at {@code step}, {@code defect} saying what is wrong. */
    public static ProbeOutcome malformed(StepKind step, String defect, String message) {
        return new ProbeOutcome(Kind.MALFORMED, step, 0, defect, message);
    }

    /** Whether the server showed itself to be an SSTP listener (it answered the Call Connect Request). */
    public boolean reachedSstp() {
        return kind == Kind.SSTP_ACK || kind == Kind.SSTP_NAK || kind == Kind.SSTP_ABORT || kind == Kind.SSTP_DISCONNECT;
    }

    /** Whether the TCP connection was established. */
    public boolean connected() {
        return switch (kind) {
            case UNREACHABLE_DNS, REFUSED, UNREACHABLE, CANCELLED, ERROR -> step.compareTo(StepKind.TCP) > 0;
            case TIMEOUT, RESET, CLOSED -> step != StepKind.TCP && step != StepKind.DNS;
            default -> true;
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case TLS_FAILED, MALFORMED -> kind + "(" + argument + ")";
            case HTTP_STATUS, PROXY_FAILED -> code == 0 ? kind + "(" + argument + ")" : kind + "(" + code + ")";
            default -> kind.name();
        };
    }
}
