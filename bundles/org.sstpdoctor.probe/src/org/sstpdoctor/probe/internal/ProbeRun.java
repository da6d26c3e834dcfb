package org.sstpdoctor.probe.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.sstpdoctor.probe.AddressProbe;
import org.sstpdoctor.probe.HttpResponseHead;
import org.sstpdoctor.probe.ProbeOutcome;
import org.sstpdoctor.probe.ProbeOutcome.Kind;
import org.sstpdoctor.probe.ProbeResult;
import org.sstpdoctor.probe.ProbeSettings;
import org.sstpdoctor.probe.ProbeStep;
import org.sstpdoctor.probe.ProbeStep.Status;
import org.sstpdoctor.probe.ProbeTarget;
import org.sstpdoctor.probe.StepKind;
import org.sstpdoctor.probe.TlsInfo;
import org.sstpdoctor.probe.sstp.MalformedSstpPacketException;
import org.sstpdoctor.probe.sstp.SstpAttribute;
import org.sstpdoctor.probe.sstp.SstpAttribute.CryptoBindingRequest;
import org.sstpdoctor.probe.sstp.SstpAttribute.StatusInfo;
import org.sstpdoctor.probe.sstp.SstpHttp;
import org.sstpdoctor.probe.sstp.SstpMessageType;
import org.sstpdoctor.probe.sstp.SstpPacket;
import org.sstpdoctor.probe.sstp.SstpStatus;

/**
 * One probe of one target, on the calling thread: DNS, then for each address TCP, the proxy's
 * CONNECT, TLS (capturing the chain), {@code SSTP_DUPLEX_POST}, the Call Connect Request and the
 * server's answer, a clean Call Disconnect, and optionally the load-balancer {@code HEAD} check.
 * Every wait is bounded by {@link ProbeSocket}; every step is recorded with its timing.
 */
public final class ProbeRun {

    private static final SstpPacket CALL_CONNECT_REQUEST = SstpPacket.callConnectRequest();
    private static final byte[] CALL_CONNECT_REQUEST_BYTES = CALL_CONNECT_REQUEST.toBytes();
    /** The texts of the packets every probe sends, made once rather than per probe. */
    private static final String CALL_CONNECT_REQUEST_TEXT = CALL_CONNECT_REQUEST.describe();
    private static final String CALL_CONNECT_REQUEST_HEX = CALL_CONNECT_REQUEST.hex();
    private static final SstpPacket CALL_DISCONNECT = SstpPacket.control(SstpMessageType.CALL_DISCONNECT,
            new StatusInfo(0, SstpStatus.NO_ERROR));
    private static final byte[] CALL_DISCONNECT_BYTES = CALL_DISCONNECT.toBytes();
    private static final String CALL_DISCONNECT_SENT = "sent " + CALL_DISCONNECT.describe() + "\n"
            + CALL_DISCONNECT.hex() + "\n";
    private static final SstpPacket CALL_DISCONNECT_ACK = SstpPacket.control(SstpMessageType.CALL_DISCONNECT_ACK);
    private static final SstpPacket ECHO_RESPONSE = SstpPacket.control(SstpMessageType.ECHO_RESPONSE);
    /** Packets read after the Call Disconnect while waiting for its Ack, at most. */
    private static final int MAX_PACKETS_AFTER_DISCONNECT = 16;
    /** Echo requests answered while waiting for the answer to the Call Connect Request, at most. */
    private static final int MAX_ECHOES = 4;
    /** The one key share offered first (the group Windows prefers too). */
    private static final String[] ONE_KEY_SHARE = { "x25519" };

    private final ProbeTarget target;
    private final ProbeSettings settings;
    private final Cancellation cancellation;
    private final long t0;
    private final long deadline;

    private ProbeRun(ProbeTarget target, ProbeSettings settings, Cancellation cancellation) {
        this.target = target;
        this.settings = settings;
        this.cancellation = cancellation;
        this.t0 = System.nanoTime();
        this.deadline = t0 + settings.deadline().toNanos();
    }

    /** Probes {@code target}; {@code cancellation} may end it early (outcome CANCELLED). */
    public static ProbeResult run(ProbeTarget target, ProbeSettings settings, Cancellation cancellation) {
        return new ProbeRun(target, settings, cancellation).run();
    }

    private ProbeResult run() {
        Instant startedAt = Instant.now();
        boolean viaProxy = target.proxy() != null;
        String name = viaProxy ? target.proxy().host() : target.host();
        int port = viaProxy ? target.proxy().port() : target.port();
        List<InetAddress> addresses = new ArrayList<>(2);
        ProbeOutcome failure = null;
        long s = System.nanoTime();
        ProbeStep dns;
        if (cancellation.isCancelled()) {
            failure = ProbeOutcome.of(Kind.CANCELLED, StepKind.DNS, "cancelled before it started");
            dns = step(StepKind.DNS, null, s, Status.FAILED, failure.message(), "");
        } else {
            try {
                InetAddress[] all = Resolver.resolve(name, min(settings.connectTimeout()));
                for (InetAddress a : all) {
                    if (settings.addressFamilies().accepts(a)) {
                        addresses.add(a);
                    }
                }
                if (addresses.isEmpty()) {
                    failure = ProbeOutcome.of(Kind.UNREACHABLE_DNS, StepKind.DNS, name + " resolves to "
                            + addressList(Arrays.asList(all)) + ", none of them " + settings.addressFamilies());
                }
            } catch (UnknownHostException e) {
                failure = ProbeOutcome.of(Kind.UNREACHABLE_DNS, StepKind.DNS, name + " does not resolve ("
                        + Failures.text(e) + ")");
            } catch (TimeoutException e) {
                failure = ProbeOutcome.of(Kind.UNREACHABLE_DNS, StepKind.DNS, "the resolver did not answer for "
                        + name + " within " + Durations.text(min(settings.connectTimeout())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = ProbeOutcome.of(Kind.CANCELLED, StepKind.DNS, "interrupted while resolving " + name);
            }
            dns = failure != null ? step(StepKind.DNS, null, s, Status.FAILED, failure.message(), "")
                    : step(StepKind.DNS, null, s, Status.OK, name + " -> " + addressList(addresses)
                            + (viaProxy ? " (the proxy's address; the proxy resolves " + target.host() + ")" : ""), "");
        }
        List<AddressProbe> attempts = new ArrayList<>(addresses.size());
        for (InetAddress address : addresses) {
            if (cancellation.isCancelled() || (!attempts.isEmpty() && System.nanoTime() - deadline >= 0)) {
                break;
            }
            AddressProbe a = new Attempt(new InetSocketAddress(address, port)).run();
            attempts.add(a);
            if (!settings.probeAllAddresses() && a.outcome().connected()) {
                break;
            }
        }
        ProbeOutcome outcome = failure != null ? failure : ProbeResult.primaryOf(attempts).outcome();
        return new ProbeResult(target, settings, startedAt, Duration.ofNanos(System.nanoTime() - t0), dns, addresses,
                attempts, outcome);
    }

    private static volatile List<String> supportedProtocols;

    /** The TLS versions this runtime implements (the same for every context; computed once). */
    private static List<String> supportedProtocols(SSLContext context) {
        List<String> s = supportedProtocols;
        if (s == null) {
            s = List.of(context.getSupportedSSLParameters().getProtocols());
            supportedProtocols = s;
        }
        return s;
    }

    /** {@code limit}, or the time left before the overall deadline when that is shorter (at least 1 ms). */
    private Duration min(Duration limit) {
        long left = deadline - System.nanoTime();
        return Duration.ofNanos(Math.max(1_000_000, Math.min(limit.toNanos(), left)));
    }

    private ProbeStep step(StepKind kind, InetSocketAddress address, long start, Status status, String summary,
            String detail) {
        long now = System.nanoTime();
        return new ProbeStep(kind, address, Duration.ofNanos(start - t0), Duration.ofNanos(now - start), status, summary,
                detail);
    }

    private static String addressList(List<InetAddress> addresses) {
        StringBuilder b = new StringBuilder();
        for (InetAddress a : addresses) {
            b.append(b.isEmpty() ? "" : ", ").append(a.getHostAddress());
        }
        return b.toString();
    }

    /** Ends an attempt with {@code outcome} (its failed step already recorded). Cheap: no stack trace. */
    private static final class Stop extends Exception {
        private static final long serialVersionUID = 1L;
        final transient ProbeOutcome outcome;

        Stop(ProbeOutcome outcome) {
            super(outcome.message(), null, false, false);
            this.outcome = outcome;
        }
    }

    /** The probe of one address. */
    private final class Attempt {

        private final InetSocketAddress address;
        private final List<ProbeStep> steps = new ArrayList<>(8);
        private final List<SstpPacket> sent = new ArrayList<>(2);
        private final List<SstpPacket> received = new ArrayList<>(3);
        private final boolean recording;
        private TlsInfo tls;
        private HttpResponseHead http;
        private HttpResponseHead proxyAnswer;
        private HttpResponseHead headCheck;
        private ProbeSocket socket;
        /** Bytes of a first connection given up (one key share was not enough). */
        private long priorIn;
        private long priorOut;
        private SSLSocket ssl;
        private WireReader reader;

        Attempt(InetSocketAddress address) {
            this(address, true);
        }

        private Attempt(InetSocketAddress address, boolean recording) {
            this.address = address;
            this.recording = recording;
        }

        AddressProbe run() {
            ProbeOutcome outcome;
            try {
                open();
                outcome = sstp();
                if (outcome.kind() == Kind.SSTP_ACK) {
                    disconnect();
                }
            } catch (Stop stop) {
                outcome = stop.outcome;
            } finally {
                close();
            }
            if (settings.headCheck() && tls != null && tls.handshakeCompleted() && !cancellation.isCancelled()) {
                headCheck();
            }
            long in = priorIn + (socket == null ? 0 : socket.bytesIn());
            long out = priorOut + (socket == null ? 0 : socket.bytesOut());
            return new AddressProbe(address, steps, outcome, tls, http, proxyAnswer, headCheck, sent, received, out, in);
        }

        /** TCP, the proxy's tunnel when there is one, and TLS (twice, when one key share was not enough). */
        private void open() throws Stop {
            connect();
            if (!tls(true)) {
                priorIn += socket.bytesIn();
                priorOut += socket.bytesOut();
                Cancellation.closeQuietly(socket);
                cancellation.unregister(socket);
                ssl = null;
                connect();
                tls(false);
            }
        }

        private void connect() throws Stop {
            socket = new ProbeSocket(deadline, settings.deadline());
            cancellation.register(socket);
            tcp();
            if (target.proxy() != null) {
                proxy();
            }
        }

        private void tcp() throws Stop {
            long s = System.nanoTime();
            long left = (deadline - s) / 1_000_000;
            if (left <= 0) {
                stop(StepKind.TCP, s, ProbeOutcome.of(Kind.TIMEOUT, StepKind.TCP, "the overall deadline of "
                        + Durations.text(settings.deadline()) + " passed before this address could be tried"));
            }
            long limit = settings.connectTimeout().toMillis();
            boolean byDeadline = left < limit;
            try {
                socket.connect(address, (int) Math.max(1, Math.min(limit, left)));
                socket.setTcpNoDelay(true);
            } catch (IOException e) {
                stop(StepKind.TCP, s, cancelledOr(Failures.connect(e, settings.connectTimeout(), byDeadline,
                        settings.deadline()), StepKind.TCP));
            }
            record(StepKind.TCP, s, Status.OK, "connected to " + text(address) + " from "
                    + text((InetSocketAddress) socket.getLocalSocketAddress()), "");
        }

        private void proxy() throws Stop {
            long s = System.nanoTime();
            String request = "CONNECT " + target.authority() + " HTTP/1.1\r\nHost: " + target.authority()
                    + "\r\nProxy-Connection: Keep-Alive\r\n\r\n";
            HttpResponseHead head;
            WireReader proxyReader = null;
            try {
                socket.phase("the proxy's answer to CONNECT", settings.connectTimeout(), "connect timeout");
                OutputStream out = socket.getOutputStream();
                out.write(request.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                proxyReader = new WireReader(socket.getInputStream());
                head = proxyReader.readHttpHead(settings.maxHeaderBytes());
            } catch (WireReader.HttpFormatException e) {
                stop(StepKind.PROXY, s, new ProbeOutcome(Kind.PROXY_FAILED, StepKind.PROXY, 0, e.defect(),
                        "the proxy's answer to CONNECT is not HTTP: " + e.getMessage()));
                return;
            } catch (IOException e) {
                ProbeOutcome o = Failures.io(e, StepKind.PROXY, socket, proxyReader);
                if (o.kind() != Kind.TIMEOUT && o.kind() != Kind.CANCELLED) {
                    o = new ProbeOutcome(Kind.PROXY_FAILED, StepKind.PROXY, 0, o.kind().name().toLowerCase(java.util.Locale.ROOT),
                            "the proxy did not answer CONNECT: " + o.message());
                }
                stop(StepKind.PROXY, s, cancelledOr(o, StepKind.PROXY));
                return;
            }
            proxyAnswer = head;
            String summary = "CONNECT " + target.authority() + " -> " + head.statusLine();
            if (head.status() == 407) {
                String auth = head.header("Proxy-Authenticate").map(v -> " (Proxy-Authenticate: " + v + ")").orElse("");
                stop(StepKind.PROXY, s, head.text(), new ProbeOutcome(Kind.PROXY_AUTH_REQUIRED, StepKind.PROXY, 407, "",
                        "the proxy requires authentication: " + head.statusLine() + auth));
            }
            if (head.status() / 100 != 2) {
                stop(StepKind.PROXY, s, head.text(), new ProbeOutcome(Kind.PROXY_FAILED, StepKind.PROXY, head.status(),
                        "", "the proxy refused the tunnel: " + head.statusLine()));
            }
            if (proxyReader.buffered() > 0) {
                stop(StepKind.PROXY, s, head.text(), new ProbeOutcome(Kind.PROXY_FAILED, StepKind.PROXY, head.status(),
                        "data after the CONNECT answer", "the proxy sent " + proxyReader.buffered()
                                + " bytes after its answer, before the TLS handshake"));
            }
            record(StepKind.PROXY, s, Status.OK, summary, head.text());
        }

        /**
         * The TLS handshake, first offering one key share (x25519), as most servers accept it:
         * generating a second share for the other group family costs more than the rest of the
         * client's handshake. A server that shares no group with that offer (or drops the
         * connection instead of saying so) is tried once more, on a new connection, with every
         * group this runtime offers, so that a server limited to the NIST curves is judged on
         * what a Windows client, which offers them too, would get.
         *
         * @return false when the one-share offer failed in a way a wider offer may cure (the
         *         failed step is recorded); true when the handshake completed
         */
        private boolean tls(boolean oneKeyShare) throws Stop {
            long s = System.nanoTime();
            String sni = sniName();
            List<String> offered;
            CaptureTrustManager.Capture capture;
            try {
                SSLContext context = CaptureTrustManager.context();
                List<String> supported = supportedProtocols(context);
                offered = settings.tlsProtocols().stream().filter(supported::contains).toList();
                if (offered.isEmpty()) {
                    stop(StepKind.TLS, s, ProbeOutcome.of(Kind.ERROR, StepKind.TLS, "this Java runtime supports none "
                            + "of the TLS versions to offer " + settings.tlsProtocols() + " (it has " + supported + ")"));
                }
                // a peer name of its own per connection: the session cache key, so nothing is resumed
                ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, CaptureTrustManager.sessionKey(),
                        target.port(), true);
                // only what differs from JSSE's defaults: the versions, the server name, the groups; no
                // ALPN, no endpoint identification (name matching is the certificate analysis' job)
                SSLParameters p = new SSLParameters(null, offered.toArray(String[]::new));
                p.setServerNames(sni == null ? List.<SNIServerName>of() : List.<SNIServerName>of(new SNIHostName(sni)));
                if (oneKeyShare) {
                    p.setNamedGroups(ONE_KEY_SHARE.clone());
                }
                ssl.setSSLParameters(p);
                ssl.setUseClientMode(true);
                capture = CaptureTrustManager.capture(ssl);
            } catch (GeneralSecurityException | IOException e) {
                stop(StepKind.TLS, s, cancelledOr(ProbeOutcome.of(Kind.ERROR, StepKind.TLS,
                        "the TLS client could not be set up: " + Failures.text(e)), StepKind.TLS));
                return false;
            }
            socket.phase("the TLS handshake", settings.readTimeout(), "read timeout");
            X509Certificate[] chain;
            try (capture) {
                try {
                    ssl.startHandshake();
                } catch (IOException e) {
                    chain = capture.chain();
                    ProbeOutcome failed = cancelledOr(Failures.tls(e, chain != null, socket), StepKind.TLS);
                    if (oneKeyShare && chain == null && widerOfferMayHelp(failed)) {
                        record(StepKind.TLS, s, Status.WARNING, "offering one key share (" + ONE_KEY_SHARE[0] + "): "
                                + failed.message() + "; trying again with every group this client supports", "");
                        return false;
                    }
                    if (chain != null) {
                        tls = new TlsInfo(false, null, null, sni, null, offered, capture.authType(), chain);
                    }
                    stop(StepKind.TLS, s, failed);
                }
                chain = capture.chain();
                if (chain == null) {
                    chain = peerChain(ssl.getSession());
                }
                SSLSession session = ssl.getSession();
                String alpn = ssl.getApplicationProtocol();
                tls = new TlsInfo(true, session.getProtocol(), session.getCipherSuite(), sni,
                        alpn == null || alpn.isEmpty() ? null : alpn, offered, capture.authType(), chain);
            }
            Status status = chain.length == 0 ? Status.WARNING : Status.OK;
            record(StepKind.TLS, s, status, tls.toString(), "");
            try {
                reader = new WireReader(ssl.getInputStream());
            } catch (IOException e) {
                stop(StepKind.TLS, s, cancelledOr(Failures.io(e, StepKind.TLS, socket, null), StepKind.TLS));
            }
            return true;
        }

        /**
         * Whether a handshake that failed before any certificate may succeed with more groups
         * offered. Servers say "no group in common" with different alerts (handshake_failure,
         * illegal_parameter, insufficient_security; JSSE even unexpected_message), and some hang
         * up: every alert but a version mismatch, and a hang-up, get the second offer.
         */
        private boolean widerOfferMayHelp(ProbeOutcome failed) {
            return switch (failed.kind()) {
                case TLS_FAILED -> !failed.argument().equals("protocol_version");
                case NO_CERTIFICATE -> true;
                default -> false;
            };
        }

        /** The host name for SNI: the target's name; none for an address (RFC 6066 forbids literals). */
        private String sniName() {
            if (target.hostIsAddress()) {
                return null;
            }
            String h = target.host().endsWith(".") ? target.host().substring(0, target.host().length() - 1)
                    : target.host();
            try {
                new SNIHostName(h);
                return h;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        /** The HTTP request, then the SSTP Call Connect Request and the server's answer. */
        private ProbeOutcome sstp() throws Stop {
            long s = System.nanoTime();
            UUID correlation = UUID.randomUUID();
            HttpResponseHead head;
            try {
                socket.phase("the HTTP response head", settings.readTimeout(), "read timeout");
                OutputStream out = ssl.getOutputStream();
                out.write(SstpHttp.duplexPost(target.hostHeader(), correlation));
                out.flush();
                head = reader.readHttpHead(settings.maxHeaderBytes());
            } catch (WireReader.HttpFormatException e) {
                stop(StepKind.HTTP, s, "first bytes: " + reader.bufferedText(120),
                        ProbeOutcome.malformed(StepKind.HTTP, e.defect(), e.getMessage()));
                return null;
            } catch (IOException e) {
                stop(StepKind.HTTP, s, reader.buffered() == 0 ? "" : "received: " + reader.bufferedText(120),
                        cancelledOr(Failures.io(e, StepKind.HTTP, socket, reader), StepKind.HTTP));
                return null;
            }
            http = head;
            String summary = SstpHttp.METHOD + " " + SstpHttp.PATH + " (SSTPCORRELATIONID "
                    + SstpHttp.correlationIdText(correlation) + ") -> " + head.statusLine();
            if (head.status() != 200) {
                stop(StepKind.HTTP, s, head.text(), ProbeOutcome.httpStatus(head.status(), "the server answered "
                        + SstpHttp.METHOD + " with " + head.statusLine() + head.header("Server").map(v -> " (Server: "
                                + v + ")").orElse("") + " instead of HTTP 200"));
            }
            record(StepKind.HTTP, s, Status.OK, summary, head.text());

            s = System.nanoTime();
            try {
                OutputStream out = ssl.getOutputStream();
                out.write(CALL_CONNECT_REQUEST_BYTES);
                out.flush();
            } catch (IOException e) {
                stop(StepKind.SSTP_REQUEST, s, cancelledOr(Failures.io(e, StepKind.SSTP_REQUEST, socket, reader),
                        StepKind.SSTP_REQUEST));
            }
            sent.add(CALL_CONNECT_REQUEST);
            record(StepKind.SSTP_REQUEST, s, Status.OK, CALL_CONNECT_REQUEST_TEXT, CALL_CONNECT_REQUEST_HEX);
            return answer();
        }

        private ProbeOutcome answer() throws Stop {
            long s = System.nanoTime();
            socket.phase("the answer to the Call Connect Request", settings.readTimeout(), "read timeout");
            StringBuilder detail = new StringBuilder();
            for (int echoes = 0;; echoes++) {
                SstpPacket p = readPacket(StepKind.SSTP_ANSWER, s, detail);
                if (p.is(SstpMessageType.ECHO_REQUEST) && echoes < MAX_ECHOES) {
                    send(ECHO_RESPONSE, StepKind.SSTP_ANSWER, s);
                    detail.append("(the server sent an Echo Request first; the probe answered with an Echo Response)\n");
                    continue;
                }
                if (!p.isControl()) {
                    stop(StepKind.SSTP_ANSWER, s, detail.toString(), ProbeOutcome.malformed(StepKind.SSTP_ANSWER,
                            "data packet before the Call Connect Ack", "the server sent a data packet ("
                                    + p.describe() + ") before acknowledging the call"));
                }
                return classify(p, s, detail);
            }
        }

        private ProbeOutcome classify(SstpPacket p, long s, StringBuilder detail) throws Stop {
            switch (p.messageType()) {
                case CALL_CONNECT_ACK -> {
                    List<CryptoBindingRequest> requests = p.attributes(CryptoBindingRequest.class);
                    if (requests.size() != 1 || p.attributes().size() != 1) {
                        stop(StepKind.SSTP_ANSWER, s, detail.toString(), ProbeOutcome.malformed(StepKind.SSTP_ANSWER,
                                "Call Connect Ack without exactly one Crypto Binding Request", "the Call Connect Ack "
                                        + "must carry exactly one SSTP_ATTRIB_CRYPTO_BINDING_REQ and nothing else; it "
                                        + "carries " + p.attributes()));
                    }
                    int mask = requests.get(0).hashProtocolBitmask();
                    if ((mask & (SstpAttribute.HASH_SHA1 | SstpAttribute.HASH_SHA256)) == 0) {
                        stop(StepKind.SSTP_ANSWER, s, detail.toString(), ProbeOutcome.malformed(StepKind.SSTP_ANSWER,
                                "no hash protocol in the Crypto Binding Request", String.format("the Hash Protocol "
                                        + "Bitmask 0x%02X names neither SHA1 (0x01) nor SHA256 (0x02)", mask)));
                    }
                    record(StepKind.SSTP_ANSWER, s, Status.OK, p.describe(), detail.toString());
                    return ProbeOutcome.of(Kind.SSTP_ACK, StepKind.SSTP_ANSWER, "the server acknowledged the call: "
                            + "Call Connect Ack with a Crypto Binding Request (hash " + SstpAttribute.hashNames(mask) + ")");
                }
                case CALL_CONNECT_NAK -> {
                    record(StepKind.SSTP_ANSWER, s, Status.FAILED, p.describe(), detail.toString());
                    return ProbeOutcome.of(Kind.SSTP_NAK, StepKind.SSTP_ANSWER, "the server refused the call with "
                            + "a Call Connect Nak" + statuses(p));
                }
                case CALL_ABORT -> {
                    record(StepKind.SSTP_ANSWER, s, Status.FAILED, p.describe(), detail.toString());
                    return ProbeOutcome.of(Kind.SSTP_ABORT, StepKind.SSTP_ANSWER, "the server aborted the call"
                            + statuses(p));
                }
                case CALL_DISCONNECT -> {
                    trySend(CALL_DISCONNECT_ACK);
                    record(StepKind.SSTP_ANSWER, s, Status.FAILED, p.describe(), detail.toString());
                    return ProbeOutcome.of(Kind.SSTP_DISCONNECT, StepKind.SSTP_ANSWER, "the server answered the call "
                            + "with Call Disconnect" + statuses(p));
                }
                default -> {
                    stop(StepKind.SSTP_ANSWER, s, detail.toString(), ProbeOutcome.malformed(StepKind.SSTP_ANSWER,
                            "unexpected " + p.messageType().specName(), "the server answered the Call Connect "
                                    + "Request with " + p.describe() + "; [MS-SSTP] allows only Ack, Nak, Abort or "
                                    + "Disconnect here"));
                    return null;
                }
            }
        }

        private String statuses(SstpPacket p) {
            StringBuilder b = new StringBuilder();
            for (StatusInfo si : p.attributes(StatusInfo.class)) {
                b.append(b.isEmpty() ? " (" : "; ").append(SstpStatus.describe(si.status())).append(" about ")
                        .append(SstpAttribute.idName(si.attribId()));
            }
            return b.isEmpty() ? "" : b.append(')').toString();
        }

        /** Reads one packet for {@code step}; ends the attempt on a timeout, a close or a malformed packet. */
        private SstpPacket readPacket(StepKind step, long s, StringBuilder detail) throws Stop {
            try {
                SstpPacket p = reader.readSstpPacket(settings.maxPacketLength());
                received.add(p);
                detail.append(Transcripts.hex(reader.lastRaw())).append('\n');
                return p;
            } catch (MalformedSstpPacketException e) {
                detail.append("received bytes: ").append(reader.bufferedHex(64)).append('\n');
                stop(step, s, detail.toString(), ProbeOutcome.malformed(step, e.field() + ": expected " + e.expected()
                        + ", found " + e.actual(), e.getMessage()));
            } catch (IOException e) {
                if (reader.buffered() > 0) {
                    detail.append("received bytes: ").append(reader.bufferedHex(64)).append('\n');
                }
                stop(step, s, detail.toString(), cancelledOr(Failures.io(e, step, socket, reader), step));
            }
            return null;
        }

        private void send(SstpPacket p, StepKind step, long s) throws Stop {
            try {
                OutputStream out = ssl.getOutputStream();
                out.write(p.toBytes());
                out.flush();
                sent.add(p);
            } catch (IOException e) {
                stop(step, s, cancelledOr(Failures.io(e, step, socket, reader), step));
            }
        }

        private void trySend(SstpPacket p) {
            try {
                OutputStream out = ssl.getOutputStream();
                out.write(p.toBytes());
                out.flush();
                sent.add(p);
            } catch (IOException e) {
                // the server is closing: it has what it needs
            }
        }

        /**
         * Sends Call Disconnect after an Ack and reads until the server's Call Disconnect Ack,
         * recording what came first (PPP frames, when the server already started LCP). Failures
         * here do not change the outcome: the server did accept the call.
         */
        private void disconnect() {
            long s = System.nanoTime();
            StringBuilder detail = new StringBuilder();
            try {
                OutputStream out = ssl.getOutputStream();
                out.write(CALL_DISCONNECT_BYTES);
                out.flush();
                sent.add(CALL_DISCONNECT);
                detail.append(CALL_DISCONNECT_SENT);
            } catch (IOException e) {
                record(StepKind.DISCONNECT, s, Status.WARNING, "the Call Disconnect could not be sent: "
                        + Failures.text(e), "");
                return;
            }
            socket.phase("the Call Disconnect Ack", settings.readTimeout(), "read timeout");
            List<String> data = new ArrayList<>(1);
            for (int i = 0; i < MAX_PACKETS_AFTER_DISCONNECT; i++) {
                SstpPacket p;
                try {
                    p = reader.readSstpPacket(settings.maxPacketLength());
                } catch (MalformedSstpPacketException e) {
                    record(StepKind.DISCONNECT, s, Status.WARNING, "a malformed packet instead of the Call Disconnect "
                            + "Ack: " + e.getMessage(), detail.append(reader.bufferedHex(64)).toString());
                    return;
                } catch (IOException e) {
                    ProbeOutcome o = Failures.io(e, StepKind.DISCONNECT, socket, reader);
                    record(StepKind.DISCONNECT, s, Status.WARNING, "Call Disconnect sent" + seen(data)
                            + "; no Call Disconnect Ack: " + o.message(), detail.toString());
                    return;
                }
                received.add(p);
                detail.append("received ").append(p.describe()).append('\n').append(Transcripts.hex(reader.lastRaw()))
                        .append('\n');
                if (!p.isControl()) {
                    data.add(p.describe());
                    continue;
                }
                if (p.is(SstpMessageType.CALL_DISCONNECT_ACK)) {
                    record(StepKind.DISCONNECT, s, Status.OK, "Call Disconnect sent" + seen(data)
                            + "; Call Disconnect Ack received", detail.toString());
                    return;
                }
                if (p.is(SstpMessageType.CALL_DISCONNECT)) {
                    trySend(CALL_DISCONNECT_ACK);
                    record(StepKind.DISCONNECT, s, Status.OK, "Call Disconnect sent" + seen(data)
                            + "; the server disconnected too", detail.toString());
                    return;
                }
                if (p.is(SstpMessageType.CALL_ABORT)) {
                    record(StepKind.DISCONNECT, s, Status.WARNING, "Call Disconnect sent" + seen(data)
                            + "; the server answered with Call Abort", detail.toString());
                    return;
                }
            }
            record(StepKind.DISCONNECT, s, Status.WARNING, "Call Disconnect sent" + seen(data) + "; no Call "
                    + "Disconnect Ack among the next " + MAX_PACKETS_AFTER_DISCONNECT + " packets", detail.toString());
        }

        private String seen(List<String> data) {
            if (data.isEmpty()) {
                return "";
            }
            return "; the server had already sent " + data.size() + " data packet(s): " + String.join(", ", data);
        }

        /** The monitor's HEAD request on a connection of its own; the result is a note, never the outcome. */
        private void headCheck() {
            long s = System.nanoTime();
            Attempt probe = new Attempt(address, false);
            try {
                probe.open();
                probe.socket.phase("the answer to HEAD", settings.readTimeout(), "read timeout");
                OutputStream out = probe.ssl.getOutputStream();
                out.write(SstpHttp.headRequest(target.hostHeader()));
                out.flush();
                HttpResponseHead head = probe.reader.readHttpHead(settings.maxHeaderBytes());
                headCheck = head;
                boolean healthy = head.status() == 401;
                record(StepKind.HEAD_CHECK, s, healthy ? Status.OK : Status.WARNING, "HEAD " + SstpHttp.PATH + " -> "
                        + head.statusLine() + (healthy ? " (what a healthy SSTP listener answers)"
                                : " (a healthy SSTP listener answers 401; a load-balancer monitor expecting 401 "
                                        + "would mark this server down)"), head.text());
            } catch (Stop stop) {
                record(StepKind.HEAD_CHECK, s, Status.WARNING, "HEAD " + SstpHttp.PATH + " not answered: "
                        + stop.outcome.message(), "");
            } catch (WireReader.HttpFormatException e) {
                record(StepKind.HEAD_CHECK, s, Status.WARNING, "HEAD " + SstpHttp.PATH + ": " + e.getMessage(), "");
            } catch (IOException e) {
                record(StepKind.HEAD_CHECK, s, Status.WARNING, "HEAD " + SstpHttp.PATH + " not answered: "
                        + Failures.io(e, StepKind.HEAD_CHECK, probe.socket, probe.reader).message(), "");
            } finally {
                probe.close();
            }
        }

        /**
         * Ends the connection. After a completed handshake the probe sends close_notify and a FIN
         * ({@code shutdownOutput}) but never {@code SSLSocket.close()}, which would first read
         * whatever the server still sends (a hostile server: without limit).
         */
        private void close() {
            if (socket == null) {
                return;
            }
            try {
                if (ssl != null && tls != null && tls.handshakeCompleted() && !cancellation.isCancelled()
                        && !socket.isClosed()) {
                    ssl.shutdownOutput();
                }
            } catch (IOException e) {
                // the server may already have gone: the socket is closed below in any case
            } finally {
                Cancellation.closeQuietly(socket);
                cancellation.unregister(socket);
            }
        }

        private ProbeOutcome cancelledOr(ProbeOutcome o, StepKind step) {
            return cancellation.isCancelled() ? ProbeOutcome.of(Kind.CANCELLED, step, "the probe was cancelled") : o;
        }

        private void stop(StepKind kind, long s, ProbeOutcome outcome) throws Stop {
            stop(kind, s, "", outcome);
        }

        private void stop(StepKind kind, long s, String detail, ProbeOutcome outcome) throws Stop {
            record(kind, s, Status.FAILED, outcome.message(), detail);
            throw new Stop(outcome);
        }

        private void record(StepKind kind, long s, Status status, String summary, String detail) {
            if (recording) {
                steps.add(step(kind, address, s, status, summary, detail));
            }
        }

        private X509Certificate[] peerChain(SSLSession session) {
            try {
                Certificate[] certs = session.getPeerCertificates();
                List<X509Certificate> x = new ArrayList<>(certs.length);
                for (Certificate c : certs) {
                    if (c instanceof X509Certificate xc) {
                        x.add(xc);
                    }
                }
                return x.toArray(X509Certificate[]::new);
            } catch (SSLPeerUnverifiedException e) {
                return new X509Certificate[0];
            }
        }
    }

    private static String text(InetSocketAddress a) {
        if (a == null) {
            return "?";
        }
        String h = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + a.getPort();
    }
}
