package org.sstpdoctor.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.sstpdoctor.pki.CertificateWriter;
import org.sstpdoctor.pki.IssuedCertificate;
import org.sstpdoctor.probe.sstp.SstpAttribute;
import org.sstpdoctor.probe.sstp.SstpMessageType;
import org.sstpdoctor.probe.sstp.SstpServerPackets;
import org.sstpdoctor.probe.sstp.SstpWire;

/**
 * A fleet of MS-SSTP endpoints on 127.0.0.1, served by this one process: each endpoint its own
 * port and its own ECDSA P-256 server certificate (SAN: its DNS name and 127.0.0.1), issued by a
 * fleet issuing CA under a fleet root, presenting certificate and intermediate. Each answers as
 * an SSTP listener does ([MS-SSTP] 2.2, the same exchange as the probe tests' responder, its
 * packets written by the probe's {@code SstpServerPackets}):
 * {@code SSTP_DUPLEX_POST} with HTTP 200, the Call Connect Request with a 48-byte Call Connect
 * Ack (one Crypto Binding Request, SHA-256, a random nonce), a Call Disconnect with a Call
 * Disconnect Ack.
 * <p>
 * {@code SstpFleet --count N --dir DIR} writes {@code DIR/endpoints.txt} (one
 * {@code host port} a line), {@code DIR/root.pem} (the root the clients trust) and then
 * {@code DIR/ready}, and serves until its standard input ends or it is stopped; it then prints
 * the connections served and the failures seen.
 */
public final class SstpFleet {

    private static final String DUPLEX_POST = "SSTP_DUPLEX_POST /sra_{BA195980-CD49-458b-9E23-C84EE0ADCD75}/ HTTP/1.1\r\n";
    /** The Call Connect Request of [MS-SSTP] 2.2.9: version 1.0, control, length 14, PPP. */
    private static final byte[] CALL_CONNECT_REQUEST = HexFormat.of().parseHex("1001000e0001000100010006" + "0001");
    private static final byte[] OK = ("HTTP/1.1 200\r\nContent-Length: 18446744073709551615\r\n"
            + "Server: Microsoft-HTTPAPI/2.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEAD = 16 * 1024;

    private final AtomicLong served = new AtomicLong();
    private final AtomicLong tlsOnly = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<String> firstFailures = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        FleetCertificates.Options options = FleetCertificates.Options.parse("SstpFleet", args);
        new SstpFleet().run(options.count(), options.dir());
    }

    private void run(int count, Path dir) throws Exception {
        long t0 = System.nanoTime();
        FleetCertificates.Fleet fleet = FleetCertificates.mint(count);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        List<SSLServerSocket> servers = new ArrayList<>(count);
        StringBuilder endpoints = new StringBuilder();
        for (IssuedCertificate leaf : fleet.endpoints()) {
            SSLServerSocket s = (SSLServerSocket) context(leaf).getServerSocketFactory().createServerSocket(0, 4096,
                    loopback);
            servers.add(s);
            endpoints.append("127.0.0.1 ").append(s.getLocalPort()).append('\n');
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("root.pem"), CertificateWriter.pem(fleet.root().certificate()));
        Files.writeString(dir.resolve("endpoints.txt"), endpoints);
        for (SSLServerSocket s : servers) {
            Thread.ofVirtual().name("fleet-accept-" + s.getLocalPort()).start(() -> accept(s));
        }
        Files.writeString(dir.resolve("ready"), "");
        System.out.printf("fleet: %d MS-SSTP endpoints on 127.0.0.1 (ECDSA P-256, leaf + intermediate), ready in "
                + "%.1f s%n", count, (System.nanoTime() - t0) / 1e9);
        Runtime.getRuntime().addShutdownHook(new Thread(this::report));
        // serve until the standard input ends (the driver holds it open) or the process is stopped
        while (System.in.read() >= 0) {
            // keep serving
        }
        System.exit(0);
    }

    private void report() {
        System.out.printf("fleet: %d SSTP calls served, %d TLS-only connections, %d failed%s%n", served.get(),
                tlsOnly.get(), failed.get(),
                firstFailures.isEmpty() ? "" : " (first: " + String.join("; ", firstFailures) + ")");
    }

    private static SSLContext context(IssuedCertificate leaf) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = "fleet".toCharArray();
        ks.setKeyEntry("server", leaf.privateKey(), pw, leaf.presentedChain().toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(kmf.getKeyManagers(), null, null);
        return c;
    }

    private void accept(SSLServerSocket server) {
        while (true) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                fail("accept: " + e);
                return;
            }
            Thread.ofVirtual().start(() -> serve((SSLSocket) s));
        }
    }

    private void serve(SSLSocket s) {
        try (s) {
            s.setSoTimeout(30_000);
            s.setTcpNoDelay(true);
            s.startHandshake();
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            in.mark(1);
            if (in.read() < 0) {
                tlsOnly.incrementAndGet(); // a TLS client that hangs up after the handshake (openssl s_client)
                return;
            }
            in.reset();
            String head = SstpWire.readHttpHead(in, MAX_HEAD);
            if (!head.startsWith(DUPLEX_POST)) {
                out.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                fail("not an SSTP request: " + head.lines().findFirst().orElse(""));
                return;
            }
            out.write(OK);
            out.flush();
            byte[] request = SstpWire.readPacket(in);
            if (!Arrays.equals(request, CALL_CONNECT_REQUEST)) {
                fail("not a Call Connect Request: " + HexFormat.of().formatHex(request));
                return;
            }
            // one Crypto Binding Request, SHA-256, a fresh nonce
            out.write(SstpServerPackets.callConnectAck(SstpAttribute.HASH_SHA256, SstpServerPackets.newNonce()));
            out.flush();
            // until a Call Disconnect, or the client hangs up without one
            for (byte[] p; (p = SstpWire.nextPacket(in)) != null;) {
                if (SstpWire.controlMessageType(p) == SstpMessageType.CALL_DISCONNECT) {
                    out.write(SstpServerPackets.callDisconnectAck());
                    out.flush();
                    break;
                }
            }
            served.incrementAndGet();
        } catch (IOException e) {
            fail(e.toString());
        }
    }

    private void fail(String what) {
        if (failed.incrementAndGet() <= 3) {
            synchronized (firstFailures) {
                firstFailures.add(what);
            }
        }
    }
}
