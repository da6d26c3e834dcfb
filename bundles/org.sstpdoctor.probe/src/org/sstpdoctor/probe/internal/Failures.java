package org.sstpdoctor.probe.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;

import javax.net.ssl.SSLException;

import org.sstpdoctor.probe.ProbeOutcome;
import org.sstpdoctor.probe.ProbeOutcome.Kind;
import org.sstpdoctor.probe.StepKind;

/** Turns the exceptions of the network layer into {@link ProbeOutcome}s with clear messages. */
final class Failures {

    private static final String ALERT_PREFIX = "Received fatal alert: ";

    private Failures() {
    }

    /** A failed TCP connection. */
    static ProbeOutcome connect(IOException e, Duration connectTimeout, boolean deadlineLimited, Duration overall) {
        String text = text(e);
        String lower = text.toLowerCase(Locale.ROOT);
        if (e instanceof SocketTimeoutException || lower.contains("timed out")) {
            return ProbeOutcome.of(Kind.TIMEOUT, StepKind.TCP, "no answer to the TCP connection request within "
                    + (deadlineLimited ? "the overall deadline of " + Durations.text(overall)
                            : "the connect timeout of " + Durations.text(connectTimeout))
                    + " (the SYN went unanswered)");
        }
        if (e instanceof ConnectException && lower.contains("refused")) {
            return ProbeOutcome.of(Kind.REFUSED, StepKind.TCP,
                    "connection refused: the host answered the TCP SYN with a reset (" + text + ")");
        }
        if (e instanceof NoRouteToHostException || lower.contains("unreachable")) {
            return ProbeOutcome.of(Kind.UNREACHABLE, StepKind.TCP, "no route to the address (" + text + ")");
        }
        if (lower.contains("reset")) {
            return ProbeOutcome.of(Kind.RESET, StepKind.TCP, "the connection was reset while opening (" + text + ")");
        }
        return ProbeOutcome.of(Kind.UNREACHABLE, StepKind.TCP, "the TCP connection could not be opened (" + text + ")");
    }

    /** A failed TLS handshake; {@code chainSeen} when the server had presented its certificate. */
    static ProbeOutcome tls(IOException e, boolean chainSeen, ProbeSocket socket) {
        if (has(e, SocketTimeoutException.class)) {
            return ProbeOutcome.of(Kind.TIMEOUT, StepKind.TLS, socket.timeoutMessage() + " (" + socket.bytesIn()
                    + " bytes received)");
        }
        String alert = receivedAlert(e);
        if (alert != null) {
            return ProbeOutcome.tlsFailed(alert, "the server ended the handshake with the fatal TLS alert " + alert
                    + (chainSeen ? " after presenting its certificate" : ""));
        }
        boolean eof = has(e, EOFException.class) || text(e).contains("terminated the handshake");
        boolean reset = resetIn(e);
        if (eof || reset) {
            String how = reset ? "reset the connection" : "closed the connection";
            if (!chainSeen) {
                return ProbeOutcome.of(Kind.NO_CERTIFICATE, StepKind.TLS, "the server " + how
                        + " during the TLS handshake without presenting a certificate (" + socket.bytesIn()
                        + " bytes received)");
            }
            return ProbeOutcome.of(reset ? Kind.RESET : Kind.CLOSED, StepKind.TLS, "the server " + how
                    + " during the TLS handshake, after presenting its certificate");
        }
        String text = text(e);
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("protocol version") || lower.contains("no appropriate protocol")
                || lower.contains("not accepted by client preferences") || lower.contains("protocol is disabled")) {
            return ProbeOutcome.tlsFailed("protocol_version", "no TLS version in common: the probe ended the "
                    + "handshake (" + text + ")");
        }
        if (lower.contains("cipher") || lower.contains("no negotiable") || lower.contains("signature scheme")
                || lower.contains("named group")) {
            return ProbeOutcome.tlsFailed("handshake_failure", "no cipher suite, group or signature scheme in "
                    + "common: the probe ended the handshake (" + text + ")");
        }
        if (lower.contains("unsupported or unrecognized ssl message") || lower.contains("plaintext")) {
            return ProbeOutcome.tlsFailed("unexpected_message", "the server does not speak TLS on this port (" + text
                    + ")");
        }
        return ProbeOutcome.tlsFailed(e instanceof SSLException ? "handshake_failure" : "io_error",
                "the TLS handshake failed (" + text + ")");
    }

    /** A failure while reading or writing at {@code step}, after the TLS handshake. */
    static ProbeOutcome io(IOException e, StepKind step, ProbeSocket socket, WireReader reader) {
        if (has(e, SocketTimeoutException.class)) {
            String progress = reader == null ? "" : progress(reader);
            return ProbeOutcome.of(Kind.TIMEOUT, step, socket.timeoutMessage() + progress);
        }
        if (e instanceof WireReader.TruncatedException t) {
            if (t.expected() > 0) {
                return ProbeOutcome.malformed(step, "truncated SSTP packet (" + t.received() + " of " + t.expected()
                        + " bytes)", t.getMessage());
            }
            if (t.received() > 0 && step != StepKind.HTTP && step != StepKind.PROXY) {
                return ProbeOutcome.malformed(step, "truncated SSTP packet header", t.getMessage());
            }
            return ProbeOutcome.of(Kind.CLOSED, step, t.getMessage());
        }
        String alert = receivedAlert(e);
        if (alert != null) {
            return new ProbeOutcome(Kind.TLS_FAILED, step, 0, alert, "the server sent the fatal TLS alert " + alert);
        }
        if (resetIn(e)) {
            return ProbeOutcome.of(Kind.RESET, step, "the server reset the connection (" + text(e) + ")");
        }
        if (has(e, EOFException.class) || text(e).toLowerCase(Locale.ROOT).contains("broken pipe")) {
            return ProbeOutcome.of(Kind.CLOSED, step, "the server closed the connection (" + text(e) + ")");
        }
        return new ProbeOutcome(Kind.ERROR, step, 0, "", "unexpected I/O failure: " + text(e));
    }

    private static String progress(WireReader reader) {
        int pending = reader.pendingLength();
        if (pending > 0) {
            return "; " + reader.buffered() + " of the " + pending
                    + " bytes the SSTP Length field announced had arrived";
        }
        return reader.buffered() > 0 ? "; " + reader.buffered() + " bytes of an unfinished answer had arrived" : "";
    }

    /** The name of a fatal alert the peer sent, or null. */
    static String receivedAlert(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            int at = m == null ? -1 : m.indexOf(ALERT_PREFIX); // JDK 25 puts "(alert) " before it
            if (at >= 0) {
                String rest = m.substring(at + ALERT_PREFIX.length()).strip();
                int end = 0;
                while (end < rest.length() && (Character.isLetterOrDigit(rest.charAt(end)) || rest.charAt(end) == '_')) {
                    end++;
                }
                return end == 0 ? rest : rest.substring(0, end);
            }
        }
        return null;
    }

    private static boolean resetIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketException && t.getMessage() != null
                    && t.getMessage().toLowerCase(Locale.ROOT).contains("reset")) {
                return true;
            }
        }
        return false;
    }

    static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The exception's message, with its cause's when that adds something. */
    static String text(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable c = e.getCause();
        if (c != null && c.getMessage() != null && !m.contains(c.getMessage())) {
            m += ": " + c.getMessage();
        }
        return m;
    }
}
