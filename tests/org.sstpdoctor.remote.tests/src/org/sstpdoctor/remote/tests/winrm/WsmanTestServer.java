package org.sstpdoctor.remote.tests.winrm;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.sstpdoctor.lab.winrm.ServerNtlm;
import org.sstpdoctor.lab.winrm.WsmanEnvelope;
import org.sstpdoctor.pki.IssuedCertificate;

/**
 * A WS-Management endpoint on loopback for tests, on raw sockets so that NTLM can bind its context to the TCP
 * connection as Windows does: Basic over HTTPS, or NTLMv2 over HTTP with MS-WSMV message encryption (every request
 * after the handshake must be encrypted; responses are encrypted). The shell itself is {@link ShellSimulator}.
 */
final class WsmanTestServer implements AutoCloseable {

    enum Mode {
        BASIC_HTTPS, NTLM_HTTP, NTLM_HTTPS, KERBEROS_HTTP, KERBEROS_HTTPS
    }

    static final String KERBEROS_PROTOCOL = "application/HTTP-Kerberos-session-encrypted";

    private static final String PROTOCOL = "application/HTTP-SPNEGO-session-encrypted";
    private static final byte[] BOUNDARY = "--Encrypted Boundary\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSING = "--Encrypted Boundary--\r\n".getBytes(StandardCharsets.US_ASCII);

    final ShellSimulator shell = new ShellSimulator();
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger handshakes = new AtomicInteger();
    final AtomicInteger encryptedRequests = new AtomicInteger();
    final AtomicInteger rejectedRequests = new AtomicInteger();
    /** Every HTTP request read, whatever its answer. */
    final AtomicInteger requests = new AtomicInteger();
    /** When set, the sealed payload of every encrypted response gets one byte flipped. */
    volatile boolean tamper;
    /** Rewrites every SOAP answer before it is sent (and encrypted): a misbehaving server. */
    volatile java.util.function.UnaryOperator<byte[]> rewrite = java.util.function.UnaryOperator.identity();
    /** When set, the encrypted header gives a Length one more than the envelope's. */
    volatile boolean wrongLength;
    /** When set, NTLM answers come back unencrypted. */
    volatile boolean plaintextAnswers;
    /** When set, every response says Connection: close and the connection is closed after it. */
    volatile boolean closeEachConnection;
    /** The last failure inside the endpoint, for test messages. */
    volatile Throwable lastError;

    private final Mode mode;
    private final String user;
    private final String password;
    private final ServerSocket server;
    private final Thread acceptor;
    private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile byte[] bindings;
    /** The Kerberos acceptor of the KERBEROS modes. */
    ServerKerberos kerberos;
    /** KERBEROS_HTTPS: the tls-server-end-point channel binding the acceptor requires, or null for none. */
    volatile byte[] kerberosBindings;

    private WsmanTestServer(Mode mode, String user, String password, ServerSocket server) {
        this.mode = mode;
        this.user = user;
        this.password = password;
        this.server = server;
        this.acceptor = new Thread(this::accept, "WS-Man test endpoint " + mode);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static WsmanTestServer basicHttps(IssuedCertificate certificate, String user, String password) throws Exception {
        return new WsmanTestServer(Mode.BASIC_HTTPS, user, password, tlsServerSocket(certificate));
    }

    /** NTLM inside TLS, without message encryption, requiring channel bindings (CbtHardeningLevel Strict). */
    static WsmanTestServer ntlmHttps(IssuedCertificate certificate, String user, String password) throws Exception {
        WsmanTestServer s = new WsmanTestServer(Mode.NTLM_HTTPS, user, password, tlsServerSocket(certificate));
        s.bindings = ServerNtlm.tlsServerEndPoint(certificate.certificate());
        return s;
    }

    private static ServerSocket tlsServerSocket(IssuedCertificate certificate) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = "test".toCharArray();
        ks.setKeyEntry("server", certificate.privateKey(), pw,
                certificate.presentedChain().toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        return ssl.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    /** Kerberos (SPNEGO or raw) with MS-WSMV Kerberos message encryption over HTTP, accepting with the keytab. */
    static WsmanTestServer kerberosHttp(ServerKerberos acceptor) throws IOException {
        WsmanTestServer s = new WsmanTestServer(Mode.KERBEROS_HTTP, null, null,
                new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        s.kerberos = acceptor;
        return s;
    }

    /** Kerberos inside TLS, without message encryption. */
    static WsmanTestServer kerberosHttps(ServerKerberos acceptor, IssuedCertificate certificate) throws Exception {
        WsmanTestServer s = new WsmanTestServer(Mode.KERBEROS_HTTPS, null, null, tlsServerSocket(certificate));
        s.kerberos = acceptor;
        return s;
    }

    static WsmanTestServer ntlmHttp(String user, String password) throws IOException {
        return new WsmanTestServer(Mode.NTLM_HTTP, user, password,
                new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    URI url() {
        return URI.create((mode == Mode.NTLM_HTTP || mode == Mode.KERBEROS_HTTP ? "http" : "https")
                + "://127.0.0.1:" + server.getLocalPort() + "/wsman");
    }

    /** The URL by the host name the Kerberos service principal HTTP/localhost names. */
    URI localhostUrl() {
        return URI.create((mode == Mode.KERBEROS_HTTP ? "http" : "https") + "://localhost:" + server.getLocalPort()
                + "/wsman");
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "WS-Man test connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** A fresh NTLM context (a Kerberos-only server has no password: its NTLM never authenticates). */
    private ServerNtlm ntlm() {
        return new ServerNtlm(user, password == null ? null : ServerNtlm.ntHash(password.toCharArray()), bindings);
    }

    /** One connection: its own NTLM context, as http.sys keeps it per connection. */
    private void serve(Socket socket) {
        ServerNtlm ntlm = ntlm();
        ServerNtlm.Sealing sealing = null;
        org.ietf.jgss.GSSContext[] gss = new org.ietf.jgss.GSSContext[1];
        try (socket) {
            socket.setSoTimeout(60_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                String requestLine = line(in);
                if (requestLine == null) {
                    return;
                }
                Map<String, String> headers = new LinkedHashMap<>();
                for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                    int colon = h.indexOf(':');
                    headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
                }
                int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
                if (length > 4 * 1024 * 1024) {
                    respond(out, 413, "Request Entity Too Large", null, new byte[0], null);
                    return;
                }
                byte[] body = in.readNBytes(length);
                requests.incrementAndGet();
                if (!requestLine.startsWith("POST /wsman ")) {
                    respond(out, 404, "Not Found", null, new byte[0], null);
                    continue;
                }
                String authorization = headers.get("authorization");
                if (kerberos != null) {
                    if (!kerberosRequest(out, gss, authorization, headers.getOrDefault("content-type", ""), body)) {
                        return;
                    }
                    continue;
                }
                if (mode == Mode.BASIC_HTTPS) {
                    String expected = "Basic " + Base64.getEncoder()
                            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
                    if (!expected.equals(authorization)) {
                        rejectedRequests.incrementAndGet();
                        respond(out, 401, "Unauthorized", "Basic realm=\"WSMAN\"", new byte[0], null);
                        continue;
                    }
                    WsmanEnvelope.Answer a = shell.handle(body);
                    respond(out, a.status(), a.status() == 200 ? "OK" : "Internal Server Error", null,
                            rewrite.apply(a.soap()), "application/soap+xml;charset=UTF-8");
                    if (closeEachConnection) {
                        return;
                    }
                    continue;
                }
                if (authorization != null) {
                    String[] parts = authorization.split(" ", 2);
                    byte[] token = parts.length == 2 ? Base64.getDecoder().decode(parts[1].trim()) : new byte[0];
                    int type = ServerNtlm.type(token);
                    if (type == 1) {
                        sealing = null;
                        ntlm = ntlm();
                        respond(out, 401, "Unauthorized",
                                "Negotiate " + Base64.getEncoder().encodeToString(ntlm.challenge(token)), new byte[0],
                                null);
                        continue;
                    }
                    if (type == 3) {
                        sealing = ntlm.authenticate(token);
                        if (sealing == null) {
                            rejectedRequests.incrementAndGet();
                            respond(out, 401, "Unauthorized", "Negotiate", new byte[0], null);
                            continue;
                        }
                        handshakes.incrementAndGet();
                        if (body.length == 0) {
                            respond(out, 200, "OK", null, new byte[0], null);
                            continue;
                        }
                    }
                }
                if (sealing == null) { // no context yet: the usual first answer, which starts the handshake
                    respond(out, 401, "Unauthorized", "Negotiate", new byte[0], null);
                    continue;
                }
                String type = headers.getOrDefault("content-type", "");
                if (mode == Mode.NTLM_HTTPS) { // TLS protects the messages: no message encryption
                    encryptedRequests.incrementAndGet(); // counted as protected requests
                    WsmanEnvelope.Answer a = shell.handle(body);
                    respond(out, a.status(), a.status() == 200 ? "OK" : "Internal Server Error", null,
                            rewrite.apply(a.soap()), "application/soap+xml;charset=UTF-8");
                    continue;
                }
                if (!type.startsWith("multipart/encrypted") || !type.contains(PROTOCOL)) {
                    rejectedRequests.incrementAndGet(); // AllowUnencrypted=false
                    respond(out, 400, "Bad Request", null, new byte[0], null);
                    continue;
                }
                byte[] soap = decrypt(sealing, body);
                if (soap == null) {
                    rejectedRequests.incrementAndGet();
                    respond(out, 400, "Bad Request", null, new byte[0], null);
                    return;
                }
                encryptedRequests.incrementAndGet();
                WsmanEnvelope.Answer a = shell.handle(soap);
                byte[] answer = rewrite.apply(a.soap());
                if (plaintextAnswers) {
                    respond(out, a.status(), "OK", null, answer, "application/soap+xml;charset=UTF-8");
                } else {
                    respond(out, a.status(), a.status() == 200 ? "OK" : "Internal Server Error", null,
                            encrypt(sealing, answer), "multipart/encrypted;protocol=\"" + PROTOCOL
                                    + "\";boundary=\"Encrypted Boundary\"");
                }
                if (closeEachConnection) {
                    return;
                }
            }
        } catch (java.net.SocketException | java.io.EOFException e) {
            // the client went away: end this connection
        } catch (Exception e) {
            lastError = e; // garbage or a bug in the endpoint: end this connection, keep the cause for the test
        }
    }

    /**
     * One request in a KERBEROS mode: a Negotiate token starts a new context on this connection (answered with the
     * mutual-authentication token), and requests without one use the connection's context.
     *
     * @return false to end the connection
     */
    private boolean kerberosRequest(OutputStream out, org.ietf.jgss.GSSContext[] gss, String authorization,
            String type, byte[] body) throws Exception {
        String mutual = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Negotiate ", 0, 10)) {
            org.ietf.jgss.GSSContext context = kerberos.newContext();
            if (kerberosBindings != null) {
                context.setChannelBinding(new org.ietf.jgss.ChannelBinding(kerberosBindings));
            }
            byte[] answer;
            try {
                byte[] token = Base64.getDecoder().decode(authorization.substring(10).trim());
                answer = context.acceptSecContext(token, 0, token.length);
            } catch (org.ietf.jgss.GSSException e) {
                lastError = e;
                rejectedRequests.incrementAndGet();
                gss[0] = null;
                respond(out, 401, "Unauthorized", "Negotiate", new byte[0], null);
                return true;
            }
            String header = answer == null || answer.length == 0 ? "Negotiate"
                    : "Negotiate " + Base64.getEncoder().encodeToString(answer);
            if (!context.isEstablished()) {
                respond(out, 401, "Unauthorized", header, new byte[0], null);
                return true;
            }
            gss[0] = context;
            kerberos.lastMechanism = context.getMech().toString();
            handshakes.incrementAndGet();
            mutual = header;
            if (body.length == 0) {
                respond(out, 200, "OK", mutual, new byte[0], null);
                return true;
            }
        }
        if (gss[0] == null) {
            respond(out, 401, "Unauthorized", "Negotiate", new byte[0], null);
            return true;
        }
        if (mode == Mode.KERBEROS_HTTPS) {
            encryptedRequests.incrementAndGet(); // counted as protected requests
            WsmanEnvelope.Answer a = shell.handle(body);
            respond(out, a.status(), a.status() == 200 ? "OK" : "Internal Server Error", mutual,
                    rewrite.apply(a.soap()), "application/soap+xml;charset=UTF-8");
            return !closeEachConnection;
        }
        if (!type.startsWith("multipart/encrypted") || !type.contains(KERBEROS_PROTOCOL)) {
            rejectedRequests.incrementAndGet(); // AllowUnencrypted=false
            respond(out, 400, "Bad Request", null, new byte[0], null);
            return true;
        }
        org.ietf.jgss.GSSContext context = gss[0];
        byte[] soap = open(body, KERBEROS_PROTOCOL, (sig, data) -> kerberos.unwrap(context, sig, data));
        if (soap == null) {
            rejectedRequests.incrementAndGet();
            respond(out, 400, "Bad Request", null, new byte[0], null);
            return false;
        }
        encryptedRequests.incrementAndGet();
        WsmanEnvelope.Answer a = shell.handle(soap);
        byte[] answer = rewrite.apply(a.soap());
        byte[][] wrapped = ServerKerberos.wrap(context, answer);
        if (tamper) {
            wrapped[1][wrapped[1].length / 2] ^= 0x20;
        }
        respond(out, a.status(), a.status() == 200 ? "OK" : "Internal Server Error", mutual,
                envelope(KERBEROS_PROTOCOL, answer.length + (wrongLength ? 1 : 0), wrapped[0], wrapped[1]),
                "multipart/encrypted;protocol=\"" + KERBEROS_PROTOCOL + "\";boundary=\"Encrypted Boundary\"");
        return !closeEachConnection;
    }

    /** Reads an MS-WSMV encrypted body of {@code protocol}; null when it is malformed or does not verify. */
    private static byte[] open(byte[] body, String protocol,
            java.util.function.BinaryOperator<byte[]> unwrap) {
        int second = indexOf(body, BOUNDARY, BOUNDARY.length);
        if (second < 0 || indexOf(body, BOUNDARY, 0) != 0) {
            return null;
        }
        String head = new String(body, 0, second, StandardCharsets.ISO_8859_1);
        Matcher m = Pattern.compile("Length=(\\d+)").matcher(head);
        if (!head.contains(protocol) || !m.find()) {
            return null;
        }
        int at = second + BOUNDARY.length + "\tContent-Type: application/octet-stream\r\n".length();
        int end = body.length - CLOSING.length;
        if (at + 4 > end) {
            return null;
        }
        int sigLen = ByteBuffer.wrap(body, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        at += 4;
        if (sigLen < 0 || at + sigLen > end) {
            return null;
        }
        byte[] plain = unwrap.apply(Arrays.copyOfRange(body, at, at + sigLen), Arrays.copyOfRange(body, at + sigLen,
                end));
        return plain != null && plain.length == Integer.parseInt(m.group(1)) ? plain : null;
    }

    private static byte[] envelope(String protocol, int length, byte[] signature, byte[] data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(BOUNDARY);
        b.writeBytes(("\tContent-Type: " + protocol + "\r\n\tOriginalContent: type=application/soap+xml;charset=UTF-8;"
                + "Length=" + length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(BOUNDARY);
        b.writeBytes("\tContent-Type: application/octet-stream\r\n".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(ServerNtlm.le32(signature.length));
        b.writeBytes(signature);
        b.writeBytes(data);
        b.writeBytes(CLOSING);
        return b.toByteArray();
    }

    private static byte[] decrypt(ServerNtlm.Sealing sealing, byte[] body) throws Exception {
        int second = indexOf(body, BOUNDARY, BOUNDARY.length);
        if (second < 0 || indexOf(body, BOUNDARY, 0) != 0) {
            return null;
        }
        Matcher m = Pattern.compile("Length=(\\d+)")
                .matcher(new String(body, 0, second, StandardCharsets.ISO_8859_1));
        if (!m.find()) {
            return null;
        }
        int at = second + BOUNDARY.length;
        String octet = "\tContent-Type: application/octet-stream\r\n";
        at += octet.length();
        int sigLen = ByteBuffer.wrap(body, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        at += 4;
        int end = body.length - CLOSING.length;
        byte[] plain = sealing.unseal(Arrays.copyOfRange(body, at, at + sigLen),
                Arrays.copyOfRange(body, at + sigLen, end));
        return plain != null && plain.length == Integer.parseInt(m.group(1)) ? plain : null;
    }

    private byte[] encrypt(ServerNtlm.Sealing sealing, byte[] soap) throws Exception {
        byte[] sealed = sealing.seal(soap); // 16-byte signature, then the sealed envelope
        if (tamper) {
            sealed[16 + sealed.length / 2 - 8] ^= 0x20;
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(BOUNDARY);
        b.writeBytes(("\tContent-Type: " + PROTOCOL + "\r\n\tOriginalContent: type=application/soap+xml;charset=UTF-8;"
                + "Length=" + (soap.length + (wrongLength ? 1 : 0)) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(BOUNDARY);
        b.writeBytes("\tContent-Type: application/octet-stream\r\n".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(ServerNtlm.le32(16));
        b.writeBytes(sealed);
        b.writeBytes(CLOSING);
        return b.toByteArray();
    }

    private void respond(OutputStream out, int status, String reason, String authenticate, byte[] body,
            String contentType) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        h.append("Server: Microsoft-HTTPAPI/2.0\r\n");
        if (authenticate != null) {
            h.append("WWW-Authenticate: ").append(authenticate).append("\r\n");
        }
        if (contentType != null) {
            h.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (closeEachConnection && status != 401) {
            h.append("Connection: close\r\n");
        }
        h.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0; c = in.read()) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            if (b.size() > 16384) {
                throw new IOException("line too long");
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    private static int indexOf(byte[] data, byte[] needle, int from) {
        outer: for (int i = from; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Closes every open connection, as http.sys does with idle keep-alive connections. */
    void dropConnections() throws IOException {
        for (Socket s : open) {
            s.close();
        }
        open.clear();
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
    }
}
