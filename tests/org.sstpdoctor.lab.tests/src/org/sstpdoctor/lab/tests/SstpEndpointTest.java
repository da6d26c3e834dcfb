package org.sstpdoctor.lab.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.lab.CommandAnswer;
import org.sstpdoctor.lab.Lab;
import org.sstpdoctor.lab.LabHost;
import org.sstpdoctor.lab.LabScenario;
import org.sstpdoctor.remote.actions.ServerAction;
import org.sstpdoctor.remote.actions.ServerActions;

/**
 * Each lab host's port 443 as a client meets it, on the wire: refused, dropped, reset in the
 * handshake, or TLS with SSTP's answers (401 to HEAD, Ack or Nak to a Call Connect Request); and
 * an action sent to the host changes what the port does at once.
 */
class SstpEndpointTest {

    private static final String PATH = "/sra_{BA195980-CD49-458b-9E23-C84EE0ADCD75}/";
    /** [MS-SSTP] 2.2.9: version 1.0, control, length 14, Call Connect Request, one attribute: PPP. */
    private static final byte[] CALL_CONNECT_REQUEST = HexFormat.of().parseHex("1001000e0001000100010006" + "0001");

    @TempDir
    static Path dir;
    static Lab lab;
    static SSLContext client;

    @BeforeAll
    static void startLab() throws Exception {
        lab = Lab.start(dir.resolve("lab"), List.of());
        X509Certificate root;
        try (InputStream in = Files.newInputStream(lab.rootsFolder().resolve("practice-lab-root.pem"))) {
            root = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("lab", root);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    private static Socket connect(int port, int timeoutMillis) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
        s.setSoTimeout(5000);
        return s;
    }

    private static SSLSocket tls(int port) throws IOException {
        Socket plain = connect(port, 2000);
        SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(plain, "127.0.0.1", port, true);
        s.startHandshake();
        return s;
    }

    /** The status line of the answer to {@code request}. */
    private static String statusLine(SSLSocket s, String request) throws IOException {
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        StringBuilder line = new StringBuilder();
        InputStream in = s.getInputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n' && line.length() < 200) {
            line.append((char) c);
        }
        return line.toString().strip();
    }

    /** Sends the SSTP request and a Call Connect Request; the message type of the answer (2 Ack, 3 Nak). */
    private static int callConnect(int port) throws IOException {
        try (SSLSocket s = call(port)) {
            byte[] header = new byte[8];
            new DataInputStream(s.getInputStream()).readFully(header);
            return (header[4] & 0xFF) << 8 | header[5] & 0xFF;
        }
    }

    /** A TLS connection on which the SSTP request was accepted (200) and a Call Connect Request sent. */
    private static SSLSocket call(int port) throws IOException {
        SSLSocket s = tls(port);
        try {
            OutputStream out = s.getOutputStream();
            out.write(("SSTP_DUPLEX_POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
                    + "18446744073709551615\r\nSSTPCORRELATIONID: {00000000-0000-0000-0000-000000000000}\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            int state = 0;
            StringBuilder head = new StringBuilder();
            while (state < 4 && head.length() < 4096) {
                int c = in.read();
                head.append((char) c);
                state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
                        ? state + 1 : c == '\r' ? 1 : 0;
            }
            assertTrue(head.toString().startsWith("HTTP/1.1 200"), head.toString());
            out.write(CALL_CONNECT_REQUEST);
            out.flush();
            return s;
        } catch (IOException | RuntimeException | Error e) {
            s.close();
            throw e;
        }
    }

    /** The next {@code n} bytes from {@code s}, in hexadecimal. */
    private static String next(SSLSocket s, int n) throws IOException {
        byte[] b = new byte[n];
        new DataInputStream(s.getInputStream()).readFully(b);
        return HexFormat.of().formatHex(b);
    }

    private static void send(SSLSocket s, String hex) throws IOException {
        s.getOutputStream().write(HexFormat.of().parseHex(hex));
        s.getOutputStream().flush();
    }

    private static void apply(LabHost host, ServerAction action) {
        CommandAnswer a = host.commandHost().run(ServerActions.command(action).commandLine(), Duration.ofSeconds(5));
        assertEquals(0, a.exitCode(), a.stdout() + a.stderr());
    }

    @Test
    void theHealthyHostAnswersHeadWith401AndACallWithAnAck() throws Exception {
        int port = lab.host(LabScenario.HEALTHY).sstpPort();
        try (SSLSocket s = tls(port)) {
            assertEquals("HTTP/1.1 401 Unauthorized", statusLine(s, "HEAD " + PATH + " HTTP/1.1\r\nHost: x\r\n\r\n"));
        }
        try (SSLSocket s = tls(port)) {
            assertEquals("HTTP/1.1 404 Not Found", statusLine(s, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        }
        assertEquals(2, callConnect(port));
    }

    @Test
    void aCallIsAckedWithACryptoBindingRequestEchoedAndDisconnectedOnTheWire() throws Exception {
        try (SSLSocket s = call(lab.host(LabScenario.HEALTHY).sstpPort())) {
            // [MS-SSTP] 2.2.10: Call Connect Ack, one Crypto Binding Request (2.2.7), SHA-256 only, a nonce
            String ack = next(s, 48);
            assertEquals("10010030" + "00020001" + "00040028" + "000000" + "02", ack.substring(0, 32), ack);
            assertNotEquals("0".repeat(64), ack.substring(32), "a random nonce");
            send(s, "1001000800080000"); // Echo Request (2.2.16)
            assertEquals("1001000800090000", next(s, 8), "Echo Response (2.2.17)");
            send(s, "1001000800060000"); // Call Disconnect (2.2.14), no attribute
            assertEquals("1001000800070000", next(s, 8), "Call Disconnect Ack (2.2.15)");
            assertEquals(-1, s.getInputStream().read(), "the server hangs up after the Disconnect Ack");
        }
    }

    @Test
    void aHostWithoutFreePortsNaksUntilItsPortCountIsRaised() throws Exception {
        LabHost host = lab.host(LabScenario.NO_FREE_PORTS);
        try (SSLSocket s = call(host.sstpPort())) {
            // [MS-SSTP] 2.2.11: Call Connect Nak, one Status Info (2.2.8): no attribute, ATTRIB_STATUS_NO_ERROR
            assertEquals("10010014" + "00030001" + "0002000c" + "00000000" + "00000000", next(s, 20));
        }
        apply(host, new ServerAction.SetSstpPortCount(256));
        assertEquals(2, callConnect(host.sstpPort()));
    }

    @Test
    void aStoppedServiceRefusesTheConnectionUntilItIsStarted() throws Exception {
        LabHost host = lab.host(LabScenario.SSTPSVC_STOPPED);
        assertThrows(ConnectException.class, () -> connect(host.sstpPort(), 2000).close());
        apply(host, new ServerAction.StartService("SstpSvc"));
        assertEquals(2, callConnect(host.sstpPort()));
    }

    @Test
    void aDisabledFirewallGroupDropsTheConnectionUntilItIsEnabled() throws Exception {
        LabHost host = lab.host(LabScenario.FIREWALL_DISABLED);
        assertThrows(SocketTimeoutException.class, () -> connect(host.sstpPort(), 1500).close());
        apply(host, ServerAction.EnableFirewallRuleGroup.sstp());
        assertEquals(2, callConnect(host.sstpPort()));
    }

    @Test
    void aHostWithoutItsCertificateResetsTheHandshake() throws Exception {
        LabHost host = lab.host(LabScenario.CERTIFICATE_REMOVED);
        assertThrows(IOException.class, () -> tls(host.sstpPort()).close());
        LabHost v6 = lab.host(LabScenario.NO_IPV6_BINDING);
        assertEquals(2, callConnect(v6.sstpPort()));
        if (v6.sstpPortIpv6().isPresent()) {
            Socket plain = new Socket();
            plain.connect(new InetSocketAddress("::1", v6.sstpPortIpv6().getAsInt()), 2000);
            plain.setSoTimeout(5000);
            SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(plain, "::1", 0, true);
            assertThrows(IOException.class, s::startHandshake);
            s.close();
        }
    }
}
