package org.sstpdoctor.probe.tests;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.sstpdoctor.probe.sstp.SstpAttribute;
import org.sstpdoctor.probe.sstp.SstpAttribute.StatusInfo;
import org.sstpdoctor.probe.sstp.SstpMessageType;
import org.sstpdoctor.probe.sstp.SstpServerPackets;
import org.sstpdoctor.probe.sstp.SstpStatus;
import org.sstpdoctor.probe.sstp.SstpWire;

/**
 * A minimal MS-SSTP server for tests, on 127.0.0.1. It does not use the probe's codec
 * ({@code SstpPacket}), so a mistake in the codec cannot hide itself: what it sends comes from
 * {@link SstpServerPackets}, the servers' writer, laid out from the packet formats of [MS-SSTP]
 * section 2.2 and tested byte for byte against them. It answers {@code SSTP_DUPLEX_POST} with 200
 * and a Call Connect Request with a 48-byte Call Connect Ack, or misbehaves in one of the ways the
 * {@link Mode}s describe.
 */
public final class SstpResponder implements AutoCloseable {

    /** How the responder answers. */
    public enum Mode {
        /** 200, then a Call Connect Ack (Crypto Binding Request, SHA256, random nonce); Disconnect Ack at the end. */
        ACK(true),
        /** Like ACK, then at once an SSTP data packet carrying a PPP LCP Configure-Request. */
        ACK_THEN_LCP(true),
        /** 200, then a Call Connect Nak with a Status Info that names no protocol problem (no free port). */
        NAK(true),
        /** 200, then a Call Connect Nak: VALUE_NOT_SUPPORTED about the Encapsulated Protocol ID. */
        NAK_PROTOCOL(true),
        /** 200, then Call Abort. */
        ABORT(true),
        /** 200, then an Ack whose Version byte is 0x20. */
        BAD_VERSION(true),
        /** A reverse proxy that cannot carry SSTP: 404 to everything. */
        HTTP_404(true),
        /** Completes the TLS handshake, then closes. */
        CLOSE_AFTER_TLS(true),
        /** Accepts the TCP connection and never says anything. */
        SILENT_TCP(false),
        /** Completes TLS, then never answers the HTTP request. */
        SILENT_HTTP(true),
        /** Sends its HTTP answer one byte a second. */
        TRICKLE_HTTP(true),
        /** 200, then an SSTP header announcing 4095 bytes, 3 bytes of it, and nothing more (holding the line). */
        LENGTH_4095_HOLD(true),
        /** Like LENGTH_4095_HOLD, but closes after the 3 bytes. */
        LENGTH_4095_CLOSE(true),
        /** 200 followed by 100 MB of header lines. */
        HUGE_HEADERS(true),
        /** Reads the TLS ClientHello and resets the connection: an http.sys listener without a certificate. */
        RESET_IN_HANDSHAKE(false);

        final boolean tls;

        Mode(boolean tls) {
            this.tls = tls;
        }
    }

    /** The Call Connect Request of [MS-SSTP] 2.2.9: version 1.0, control, length 14, PPP. */
    public static final byte[] CALL_CONNECT_REQUEST = HexFormat.of().parseHex("1001000e0001000100010006" + "0001");
    /** Status Info (2.2.8): attribute 0 (none), ATTRIB_STATUS_NO_ERROR. */
    private static final StatusInfo STATUS_NONE = new StatusInfo(0, SstpStatus.NO_ERROR);
    private static final byte[] NAK = SstpServerPackets.callConnectNak(STATUS_NONE);
    /** Status Info about attribute 1 (Encapsulated Protocol ID), VALUE_NOT_SUPPORTED, value 0x0001. */
    private static final byte[] NAK_PROTOCOL = SstpServerPackets.callConnectNak(new StatusInfo(
            SstpAttribute.ENCAPSULATED_PROTOCOL_ID, SstpStatus.VALUE_NOT_SUPPORTED.code(), new byte[] { 0, 1 }));
    private static final byte[] ABORT = SstpServerPackets.callAbort(STATUS_NONE);
    /** A data packet (2.2.3) carrying a PPP LCP Configure-Request id 1: MRU 1500, magic number. */
    private static final byte[] LCP_CONFIGURE_REQUEST = SstpServerPackets.data(HexFormat.of().parseHex("ff03c021"
            + "0101000e" + "010405dc" + "050612345678"));
    private static final int MAX_HEAD = 16 * 1024;

    private final Mode mode;
    private final ServerSocket server;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger disconnects = new AtomicInteger();
    private final AtomicLong bytesWritten = new AtomicLong();
    private volatile byte[] lastNonce;
    private volatile boolean closed;

    private SstpResponder(Mode mode, TestCertificates.Identity identity, String[] protocols) throws Exception {
        this(mode, identity, InetAddress.getByName("127.0.0.1"), 0, protocols);
    }

    private SstpResponder(Mode mode, TestCertificates.Identity identity, InetAddress bindTo, int port,
            String[] protocols) throws Exception {
        this(mode, identity, bindTo, port, protocols, null);
    }

    private SstpResponder(Mode mode, TestCertificates.Identity identity, InetAddress bindTo, int port,
            String[] protocols, String[] groups) throws Exception {
        this.mode = mode;
        if (mode.tls) {
            SSLServerSocket s = (SSLServerSocket) identity.serverContext().getServerSocketFactory()
                    .createServerSocket(port, 1024, bindTo);
            if (protocols != null && protocols.length > 0) {
                s.setEnabledProtocols(protocols);
            }
            if (groups != null) {
                javax.net.ssl.SSLParameters p = s.getSSLParameters();
                p.setNamedGroups(groups);
                s.setSSLParameters(p);
            }
            server = s;
        } else {
            server = new ServerSocket(port, 1024, bindTo);
        }
        acceptor = new Thread(this::acceptLoop, "sstp-responder-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A responder in {@code mode} with a fresh self-signed certificate for "localhost". */
    public static SstpResponder start(Mode mode) throws Exception {
        return new SstpResponder(mode, TestCertificates.selfSigned("localhost"), null);
    }

    /** A responder in {@code mode} presenting {@code identity}, offering only {@code protocols} (none given: JSSE's). */
    public static SstpResponder start(Mode mode, TestCertificates.Identity identity, String... protocols)
            throws Exception {
        return new SstpResponder(mode, identity, protocols);
    }

    /**
     * A responder in {@code mode} presenting {@code identity} on {@code bindTo} (a loopback address
     * of either family) and {@code port} (0: any free one).
     */
    public static SstpResponder start(Mode mode, TestCertificates.Identity identity, InetAddress bindTo, int port)
            throws Exception {
        return new SstpResponder(mode, identity, bindTo, port, null);
    }

    /**
     * A responder that accepts only the key-exchange {@code groups} (e.g. {@code secp256r1}: a
     * server limited to the NIST curves), offering {@code protocols}.
     */
    public static SstpResponder startWithGroups(Mode mode, TestCertificates.Identity identity, String[] protocols,
            String... groups) throws Exception {
        return new SstpResponder(mode, identity, InetAddress.getByName("127.0.0.1"), 0, protocols, groups);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The HTTP request heads received, in order. */
    public List<String> requests() {
        return requests;
    }

    /** What the responder found wrong in what the probe sent. */
    public List<String> failures() {
        return failures;
    }

    /** Connections accepted. */
    public int connections() {
        return connections.get();
    }

    /** Call Disconnects received (and acknowledged). */
    public int disconnects() {
        return disconnects.get();
    }

    /** Bytes written by the HUGE_HEADERS mode before the probe hung up. */
    public long bytesWritten() {
        return bytesWritten.get();
    }

    /** The nonce of the last Ack sent. */
    public byte[] lastNonce() {
        return lastNonce == null ? null : lastNonce.clone();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                open.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                if (!closed) {
                    failures.add("accept: " + e);
                }
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(60_000);
            s.setTcpNoDelay(true);
            switch (mode) {
                case SILENT_TCP -> drain(s.getInputStream());
                case RESET_IN_HANDSHAKE -> {
                    s.getInputStream().read(new byte[5]); // the start of the ClientHello record
                    s.setSoLinger(true, 0);
                }
                default -> serveTls((SSLSocket) s);
            }
        } catch (IOException | InterruptedException e) {
            // the probe hung up or the responder closed: either is part of the test
        } finally {
            open.remove(s);
        }
    }

    private void serveTls(SSLSocket s) throws IOException, InterruptedException {
        s.startHandshake();
        if (mode == Mode.CLOSE_AFTER_TLS) {
            return;
        }
        InputStream in = new BufferedInputStream(s.getInputStream());
        OutputStream out = s.getOutputStream();
        String head = SstpWire.readHttpHead(in, MAX_HEAD);
        requests.add(head);
        switch (mode) {
            case SILENT_HTTP -> {
                drain(in);
                return;
            }
            case HTTP_404 -> {
                write(out, "HTTP/1.1 404 Not Found\r\nServer: test-reverse-proxy\r\nContent-Length: 0\r\n\r\n");
                return;
            }
            default -> {
                // the SSTP listener
            }
        }
        if (head.startsWith("HEAD ")) {
            write(out, "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nServer: Microsoft-HTTPAPI/2.0\r\n\r\n");
            return;
        }
        if (!head.startsWith("SSTP_DUPLEX_POST /sra_{BA195980-CD49-458b-9E23-C84EE0ADCD75}/ HTTP/1.1\r\n")) {
            failures.add("not an SSTP request: " + head);
            write(out, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n");
            return;
        }
        String ok = "HTTP/1.1 200\r\nContent-Length: 18446744073709551615\r\nServer: Microsoft-HTTPAPI/2.0\r\n";
        switch (mode) {
            case TRICKLE_HTTP -> {
                for (byte b : (ok + "\r\n").getBytes(StandardCharsets.US_ASCII)) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(1000);
                }
                drain(in);
                return;
            }
            case HUGE_HEADERS -> {
                hugeHeaders(out, ok);
                return;
            }
            default -> write(out, ok + "\r\n");
        }
        byte[] request = SstpWire.readPacket(in);
        if (!Arrays.equals(request, CALL_CONNECT_REQUEST)) {
            failures.add("not the Call Connect Request of [MS-SSTP] 2.2.9: " + HexFormat.of().formatHex(request));
        }
        switch (mode) {
            case NAK -> out.write(NAK);
            case NAK_PROTOCOL -> out.write(NAK_PROTOCOL);
            case ABORT -> out.write(ABORT);
            case BAD_VERSION -> {
                byte[] ack = ack();
                ack[0] = 0x20;
                out.write(ack);
            }
            case LENGTH_4095_HOLD, LENGTH_4095_CLOSE -> {
                out.write(HexFormat.of().parseHex("10010fff" + "000200"));
                out.flush();
                if (mode == Mode.LENGTH_4095_HOLD) {
                    drain(in);
                }
                return;
            }
            case ACK_THEN_LCP -> {
                out.write(ack());
                out.write(LCP_CONFIGURE_REQUEST);
            }
            default -> out.write(ack());
        }
        out.flush();
        if (mode != Mode.ACK && mode != Mode.ACK_THEN_LCP) {
            return;
        }
        for (byte[] p; (p = SstpWire.nextPacket(in)) != null;) {
            if (SstpWire.controlMessageType(p) == SstpMessageType.CALL_DISCONNECT) {
                disconnects.incrementAndGet();
                out.write(SstpServerPackets.callDisconnectAck());
                out.flush();
                return;
            }
        }
    }

    /** A Call Connect Ack (2.2.10): one Crypto Binding Request (2.2.7), SHA256, a random nonce. */
    private byte[] ack() {
        byte[] nonce = SstpServerPackets.newNonce();
        lastNonce = nonce;
        return SstpServerPackets.callConnectAck(SstpAttribute.HASH_SHA256, nonce);
    }

    private void hugeHeaders(OutputStream out, String statusAndFirstHeaders) throws IOException {
        write(out, statusAndFirstHeaders);
        StringBuilder line = new StringBuilder("X-Filler-0000000: ");
        while (line.length() < 1022) {
            line.append('a');
        }
        line.append("\r\n");
        byte[] chunk = line.toString().repeat(16).getBytes(StandardCharsets.US_ASCII); // 16 KiB
        long total = 0;
        while (total < 100L * 1024 * 1024) {
            out.write(chunk);
            total += chunk.length;
            bytesWritten.set(total);
        }
        write(out, "\r\n");
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads until the probe or the responder closes. */
    private static void drain(InputStream in) throws IOException {
        byte[] b = new byte[1024];
        while (in.read(b) >= 0) {
            // discard
        }
    }
}
