package org.sstpdoctor.cli.product.tests;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
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

/**
 * A TLS + MS-SSTP endpoint on 127.0.0.1, like an RRAS SSTP listener: answers
 * {@code SSTP_DUPLEX_POST} with 200 and the Call Connect Request with a 48-byte Call Connect Ack
 * ([MS-SSTP] 2.2.10), written from the packet formats by hand. Its certificate is made by the
 * JDK's keytool for CN=localhost with the names localhost and 127.0.0.1. It counts the TCP
 * connections, TLS handshakes and Call Connect Requests it receives, as a server's logs would.
 */
final class SstpEndpoint implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SSLServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test SSTP endpoint");
        t.setDaemon(true);
        return t;
    });
    final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger handshakes = new AtomicInteger();
    private final AtomicInteger callConnects = new AtomicInteger();
    private final Path trustFile;

    SstpEndpoint(Path dir) throws Exception {
        Path keystore = dir.resolve("endpoint.p12");
        if (!Files.exists(keystore)) {
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                    "-alias", "sstp", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "365",
                    "-dname", "CN=localhost, O=SSTP Doctor tests \\<&\\>", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-ext", "EKU=serverAuth").redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (keytool.waitFor() != 0) {
                throw new IOException("keytool failed: " + output);
            }
        }
        trustFile = dir.resolve("endpoint-root.pem");
        if (!Files.exists(trustFile)) {
            Process export = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-exportcert", "-rfc", "-keystore", keystore.toString(), "-storepass", "changeit", "-alias", "sstp",
                    "-file", trustFile.toString()).redirectErrorStream(true).start();
            String output = new String(export.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (export.waitFor() != 0) {
                throw new IOException("keytool -exportcert failed: " + output);
            }
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 64, InetAddress.getByName("127.0.0.1"));
        threads.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /**
     * {@code --trust} for clients that trust this endpoint's self-signed certificate: a PEM file of
     * it, exported by keytool next to the key store.
     */
    String trust() {
        return "file:" + trustFile;
    }

    /** TCP connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /** TLS handshakes completed so far. */
    int handshakes() {
        return handshakes.get();
    }

    /** SSTP Call Connect Requests received so far: the SSTP calls an RRAS server would log. */
    int callConnects() {
        return callConnects.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                threads.execute(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(10_000);
            ((javax.net.ssl.SSLSocket) s).startHandshake();
            handshakes.incrementAndGet();
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            String head = readHead(in);
            if (head.startsWith("HEAD ")) {
                write(out, "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nServer: Microsoft-HTTPAPI/2.0\r\n\r\n");
                return;
            }
            if (!head.startsWith("SSTP_DUPLEX_POST /sra_{BA195980-CD49-458b-9E23-C84EE0ADCD75}/ HTTP/1.1\r\n")) {
                failures.add("not an SSTP request: " + head);
                write(out, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n");
                return;
            }
            write(out, "HTTP/1.1 200\r\nContent-Length: 18446744073709551615\r\nServer: Microsoft-HTTPAPI/2.0\r\n\r\n");
            byte[] request = readPacket(in);
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
                byte[] p = readPacket(in);
                if (p.length >= 8 && (p[1] & 1) == 1 && p[4] == 0 && p[5] == 6) { // Call Disconnect
                    out.write(HexFormat.of().parseHex("10010008" + "00070000")); // Call Disconnect Ack
                    out.flush();
                    return;
                }
            }
        } catch (EOFException e) {
            // the probe closed
        } catch (IOException e) {
            // a probe that gave up; not the endpoint's failure
        }
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("request head unfinished");
            }
            head.write(c);
            String h = head.toString(StandardCharsets.US_ASCII);
            if (h.endsWith("\r\n\r\n")) {
                return h;
            }
            if (head.size() > 16384) {
                throw new IOException("request head too large");
            }
        }
    }

    private static byte[] readPacket(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        byte[] header = new byte[4];
        d.readFully(header);
        int length = ((header[2] & 0x0F) << 8) | (header[3] & 0xFF);
        if (header[0] != 0x10 || length < 4) {
            throw new IOException("not an SSTP packet header: " + HexFormat.of().formatHex(header));
        }
        byte[] p = Arrays.copyOf(header, length);
        d.readFully(p, 4, length - 4);
        return p;
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A port on 127.0.0.1 that nothing listens on (bound, then closed). */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
