package org.sstpdoctor.cli.internal;

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
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.sstpdoctor.pki.CertificateWriter;
import org.sstpdoctor.pki.IssuedCertificate;
import org.sstpdoctor.pki.LabPki;
import org.sstpdoctor.probe.sstp.SstpWire;

/**
 * A TLS + MS-SSTP endpoint on 127.0.0.1 that counts what it receives, like an administrator
 * reading an RRAS server's logs: TCP connections, TLS handshakes completed and SSTP Call Connect
 * Requests. It
 * answers {@code SSTP_DUPLEX_POST} with 200 and the Call Connect Request with a Call Connect Ack
 * ([MS-SSTP] 2.2.10); when {@link #silent} it completes TLS and then never answers. Its
 * certificate is self-signed for localhost and 127.0.0.1; {@link #trust()} names a PEM file of it.
 */
final class CountingSstpEndpoint implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_HEAD = 16 * 1024;

    private final SSLServerSocket server;
    private final boolean silent;
    private final Path trustFile;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "counting SSTP endpoint");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger handshakes = new AtomicInteger();
    private final AtomicInteger callConnects = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    final List<String> failures = new CopyOnWriteArrayList<>();

    /** An endpoint whose certificate's PEM is written into {@code dir}; {@code silent}: it never answers after TLS. */
    CountingSstpEndpoint(Path dir, boolean silent) throws Exception {
        this.silent = silent;
        IssuedCertificate cert = LabPki.selfSigned("localhost").dnsNames("localhost").ipAddresses("127.0.0.1").build();
        trustFile = Files.createTempFile(dir, "endpoint-", ".pem");
        Files.writeString(trustFile, CertificateWriter.pem(cert.certificate()), StandardCharsets.US_ASCII);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = "test".toCharArray();
        ks.setKeyEntry("sstp", cert.privateKey(), pw, new X509Certificate[] { cert.certificate() });
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 64,
                InetAddress.getByName("127.0.0.1"));
        threads.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** {@code --trust} for clients that trust this endpoint's self-signed certificate. */
    String trust() {
        return "file:" + trustFile;
    }

    /** TCP connections accepted. */
    int connections() {
        return connections.get();
    }

    /** TLS handshakes completed with this endpoint. */
    int handshakes() {
        return handshakes.get();
    }

    /** SSTP Call Connect Requests received. */
    int callConnects() {
        return callConnects.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                open.add(s);
                threads.execute(() -> serve((SSLSocket) s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SSLSocket s) {
        try (s) {
            s.setSoTimeout(30_000);
            s.startHandshake();
            handshakes.incrementAndGet();
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            if (silent) {
                while (in.read() >= 0) {
                    // says nothing until the client gives up
                }
                return;
            }
            String head = SstpWire.readHttpHead(in, MAX_HEAD);
            if (!head.startsWith("SSTP_DUPLEX_POST /sra_{BA195980-CD49-458b-9E23-C84EE0ADCD75}/ HTTP/1.1\r\n")) {
                failures.add("not an SSTP request: " + head);
                write(out, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n");
                return;
            }
            write(out, "HTTP/1.1 200\r\nContent-Length: 18446744073709551615\r\nServer: Microsoft-HTTPAPI/2.0\r\n\r\n");
            byte[] request = SstpWire.readPacket(in);
            // control packet (C bit), message type 0x0001 SSTP_MSG_CALL_CONNECT_REQUEST
            if (request.length < 8 || (request[1] & 1) != 1 || request[4] != 0 || request[5] != 1) {
                failures.add("not a Call Connect Request: " + HexFormat.of().formatHex(request));
                return;
            }
            callConnects.incrementAndGet();
            byte[] nonce = new byte[32];
            RANDOM.nextBytes(nonce);
            byte[] ack = Arrays.copyOf(HexFormat.of().parseHex("10010030" + "00020001" + "00040028" + "000000" + "02"), 48);
            System.arraycopy(nonce, 0, ack, 16, 32);
            out.write(ack);
            out.flush();
            while (true) { // until the probe disconnects
                byte[] p = SstpWire.readPacket(in);
                if (p.length >= 8 && (p[1] & 1) == 1 && p[4] == 0 && p[5] == 6) { // Call Disconnect
                    out.write(HexFormat.of().parseHex("10010008" + "00070000")); // Call Disconnect Ack
                    out.flush();
                    return;
                }
            }
        } catch (IOException e) {
            // the probe hung up or gave up: part of the test, not the endpoint's failure
        } finally {
            open.remove(s);
        }
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
