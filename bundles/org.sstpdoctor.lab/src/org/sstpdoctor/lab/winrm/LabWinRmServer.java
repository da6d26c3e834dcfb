package org.sstpdoctor.lab.winrm;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sstpdoctor.lab.ICommandHost;

/**
 * The practice lab's WinRM endpoint: WS-Management over HTTP on loopback, configured as Windows is by default on
 * port 5985. Only Negotiate (NTLMv2) authentication is taken, with MS-WSMV message encryption
 * ({@code application/HTTP-SPNEGO-session-encrypted}) required on every request after the handshake, as
 * AllowUnencrypted=false demands; the NTLM context is bound to the TCP connection as http.sys binds it. The remote
 * shell's commands are answered by an {@link ICommandHost}.
 * <p>
 * Limits: request lines and headers 8 KiB each and 64 headers at most, bodies {@value #MAX_BODY} bytes, a request must
 * arrive within {@link #REQUEST_TIMEOUT}, idle keep-alive connections close after {@link #IDLE_TIMEOUT},
 * {@value #MAX_CONNECTIONS} connections at once, {@value #MAX_AUTH_FAILURES} failed logons per connection.
 */
public final class LabWinRmServer implements AutoCloseable {

    static final int MAX_BODY = 1024 * 1024;
    static final int MAX_LINE = 8192;
    static final int MAX_HEADERS = 64;
    static final int MAX_CONNECTIONS = 32;
    static final int MAX_AUTH_FAILURES = 3;
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static final String PROTOCOL = "application/HTTP-SPNEGO-session-encrypted";
    private static final byte[] BOUNDARY = "--Encrypted Boundary\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSING = "--Encrypted Boundary--\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OCTETS = "\tContent-Type: application/octet-stream\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final Pattern LENGTH = Pattern.compile("Length=(\\d{1,9})");

    private final WsmanShell shell;
    private final String user;
    private final byte[] ntHash;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);

    private LabWinRmServer(ICommandHost host, String user, byte[] ntHash, ServerSocket server) {
        this.shell = new WsmanShell(host);
        this.user = user;
        this.ntHash = ntHash;
        this.server = server;
        Thread.ofPlatform().daemon().name("lab WinRM endpoint " + host.name()).start(this::accept);
    }

    /**
     * Starts an endpoint on 127.0.0.1 on an ephemeral port.
     *
     * @param host     answers the commands
     * @param user     the one user that may log on (without domain; compared without regard to case)
     * @param password that user's password; only its NT hash is kept, the caller may clear the array
     * @return the running endpoint
     * @throws IOException when the port cannot be bound
     */
    public static LabWinRmServer start(ICommandHost host, String user, char[] password) throws IOException {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        return new LabWinRmServer(host, user, ServerNtlm.ntHash(password), socket);
    }

    /** The port the endpoint listens on (on 127.0.0.1). */
    public int port() {
        return server.getLocalPort();
    }

    /** The endpoint's URL, {@code http://127.0.0.1:<port>/wsman}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port() + "/wsman");
    }

    /** Remote shells open now (created and not yet deleted). */
    public int openShells() {
        return shell.openShells();
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing a listening socket does not fail in a way anyone can act on
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // already gone
            }
        }
        open.clear();
        Arrays.fill(ntHash, (byte) 0);
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (!slots.tryAcquire()) {
                try {
                    s.close(); // too many connections: refuse this one
                } catch (IOException e) {
                    // nothing to do
                }
                continue;
            }
            open.add(s);
            Thread.ofVirtual().name("lab WinRM connection").start(() -> {
                try {
                    serve(s);
                } finally {
                    open.remove(s);
                    slots.release();
                }
            });
        }
    }

    /** A request as read from the connection. */
    private record Request(String method, String target, Map<String, String> headers, byte[] body) {
    }

    /** The reason a connection is closed after an answer. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final String reason;

        Refused(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
            this.reason = reason;
        }
    }

    /** One connection: its own NTLM context, as http.sys keeps it per connection. */
    private void serve(Socket socket) {
        ServerNtlm ntlm = null;
        ServerNtlm.Sealing sealing = null;
        int failures = 0;
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                Request request;
                try {
                    request = read(socket, in, out);
                } catch (Refused e) {
                    respond(out, e.status, e.reason, null, new byte[0], null, true);
                    return;
                }
                if (request == null) {
                    return;
                }
                if (!request.target.equalsIgnoreCase("/wsman")) {
                    respond(out, 404, "Not Found", null, new byte[0], null, false);
                    continue;
                }
                if (!request.method.equals("POST")) {
                    respond(out, 405, "Method Not Allowed", null, new byte[0], null, false);
                    continue;
                }
                String authorization = request.headers.get("authorization");
                if (authorization != null) {
                    byte[] token = token(authorization);
                    int type = token == null ? -1 : ServerNtlm.type(token);
                    if (type == 1) {
                        sealing = null;
                        ntlm = new ServerNtlm(user, ntHash, null);
                        byte[] challenge;
                        try {
                            challenge = ntlm.challenge(token);
                        } catch (RuntimeException e) {
                            ntlm = null;
                            respond(out, 400, "Bad Request", null, new byte[0], null, true);
                            return;
                        }
                        respond(out, 401, "Unauthorized",
                                "Negotiate " + Base64.getEncoder().encodeToString(challenge), new byte[0], null, false);
                        continue;
                    }
                    if (type == 3 && ntlm != null) {
                        try {
                            sealing = ntlm.authenticate(token);
                        } catch (RuntimeException e) {
                            sealing = null;
                        }
                        ntlm = null;
                        if (sealing == null) {
                            failures++;
                            boolean last = failures >= MAX_AUTH_FAILURES;
                            respond(out, 401, "Unauthorized", "Negotiate", new byte[0], null, last);
                            if (last) {
                                return;
                            }
                            continue;
                        }
                        if (request.body.length == 0) {
                            respond(out, 200, "OK", null, new byte[0], null, false);
                            continue;
                        }
                    } else if (type != -1 || sealing == null) {
                        sealing = null; // a message out of order ends the context
                        respond(out, 401, "Unauthorized", "Negotiate", new byte[0], null, false);
                        continue;
                    }
                }
                if (sealing == null) { // no context yet: the usual first answer, which starts the handshake
                    respond(out, 401, "Unauthorized", "Negotiate", new byte[0], null, false);
                    continue;
                }
                String type = request.headers.getOrDefault("content-type", "");
                if (!type.toLowerCase(Locale.ROOT).startsWith("multipart/encrypted") || !type.contains(PROTOCOL)) {
                    respond(out, 400, "Bad Request", null, new byte[0], null, false); // AllowUnencrypted=false
                    continue;
                }
                byte[] soap = decrypt(sealing, request.body);
                if (soap == null) { // the sealing state is lost with a message that does not verify
                    respond(out, 400, "Bad Request", null, new byte[0], null, true);
                    return;
                }
                WsmanEnvelope.Answer a = shell.handle(soap);
                respond(out, a.status(), a.status() == 200 ? "OK" : "Internal Server Error", null,
                        encrypt(sealing, a.soap()),
                        "multipart/encrypted;protocol=\"" + PROTOCOL + "\";boundary=\"Encrypted Boundary\"", false);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // the client went away, timed out or sent what cannot be answered: end this connection
        }
    }

    private static byte[] token(String authorization) {
        String[] parts = authorization.trim().split(" ", 2);
        if (parts.length != 2 || !(parts[0].equalsIgnoreCase("Negotiate") || parts[0].equalsIgnoreCase("NTLM"))) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(parts[1].trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Reads one request; null when the client closed the connection between requests. */
    private static Request read(Socket socket, InputStream in, OutputStream out) throws IOException, Refused {
        socket.setSoTimeout((int) IDLE_TIMEOUT.toMillis());
        int first;
        try {
            first = in.read();
        } catch (SocketTimeoutException e) {
            return null; // idle keep-alive connection
        }
        if (first < 0) {
            return null;
        }
        long deadline = System.nanoTime() + REQUEST_TIMEOUT.toNanos();
        socket.setSoTimeout((int) REQUEST_TIMEOUT.toMillis());
        String requestLine = (char) first + line(in, deadline);
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new Refused(400, "Bad Request");
        }
        Map<String, String> headers = new HashMap<>();
        int count = 0;
        for (String h = line(in, deadline); !h.isEmpty(); h = line(in, deadline)) {
            int colon = h.indexOf(':');
            if (colon <= 0 || ++count > MAX_HEADERS) {
                throw new Refused(400, "Bad Request");
            }
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        if (headers.containsKey("transfer-encoding")) {
            throw new Refused(501, "Not Implemented");
        }
        long length;
        try {
            length = Long.parseLong(headers.getOrDefault("content-length", "0"));
        } catch (NumberFormatException e) {
            throw new Refused(400, "Bad Request");
        }
        if (length < 0) {
            throw new Refused(400, "Bad Request");
        }
        if (length > MAX_BODY) {
            throw new Refused(413, "Request Entity Too Large");
        }
        if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        byte[] body = new byte[(int) length];
        int at = 0;
        while (at < body.length) {
            if (System.nanoTime() > deadline) {
                throw new SocketTimeoutException("request body too slow");
            }
            int n = in.read(body, at, Math.min(body.length - at, 65536));
            if (n < 0) {
                throw new IOException("the client closed the connection in a request body");
            }
            at += n;
        }
        return new Request(parts[0], parts[1], headers, body);
    }

    private static String line(InputStream in, long deadline) throws IOException, Refused {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0; c = in.read()) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            if (b.size() >= MAX_LINE) {
                throw new Refused(431, "Request Header Fields Too Large");
            }
            if ((b.size() & 0xff) == 0 && System.nanoTime() > deadline) {
                throw new SocketTimeoutException("request head too slow");
            }
            b.write(c);
        }
        throw new IOException("the client closed the connection in a request head");
    }

    private static byte[] decrypt(ServerNtlm.Sealing sealing, byte[] body) throws GeneralSecurityException {
        if (indexOf(body, BOUNDARY, 0) != 0) {
            return null;
        }
        int second = indexOf(body, BOUNDARY, BOUNDARY.length);
        if (second < 0) {
            return null;
        }
        Matcher m = LENGTH.matcher(new String(body, 0, second, StandardCharsets.ISO_8859_1));
        if (!m.find()) {
            return null;
        }
        int at = second + BOUNDARY.length;
        if (indexOf(body, OCTETS, at) != at) {
            return null;
        }
        at += OCTETS.length;
        int end = body.length - CLOSING.length;
        if (end < at + 4 || indexOf(body, CLOSING, end) != end) {
            return null;
        }
        int sigLen = ByteBuffer.wrap(body, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        at += 4;
        if (sigLen != 16 || end - at < sigLen) {
            return null;
        }
        byte[] plain = sealing.unseal(Arrays.copyOfRange(body, at, at + sigLen),
                Arrays.copyOfRange(body, at + sigLen, end));
        return plain != null && plain.length == Integer.parseInt(m.group(1)) ? plain : null;
    }

    private static byte[] encrypt(ServerNtlm.Sealing sealing, byte[] soap) throws GeneralSecurityException {
        byte[] sealed = sealing.seal(soap); // 16-byte signature, then the sealed envelope
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(BOUNDARY);
        b.writeBytes(("\tContent-Type: " + PROTOCOL + "\r\n\tOriginalContent: type=application/soap+xml;charset=UTF-8;"
                + "Length=" + soap.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(BOUNDARY);
        b.writeBytes(OCTETS);
        b.writeBytes(ServerNtlm.le32(16));
        b.writeBytes(sealed);
        b.writeBytes(CLOSING);
        return b.toByteArray();
    }

    private static void respond(OutputStream out, int status, String reason, String authenticate, byte[] body,
            String contentType, boolean close) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        h.append("Server: Microsoft-HTTPAPI/2.0\r\n");
        if (authenticate != null) {
            h.append("WWW-Authenticate: ").append(authenticate).append("\r\n");
        }
        if (contentType != null) {
            h.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (close) {
            h.append("Connection: close\r\n");
        }
        h.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private static int indexOf(byte[] data, byte[] needle, int from) {
        outer: for (int i = Math.max(0, from); i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
