package org.sstpdoctor.remote.winrm;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small HTTP/1.1 client on one socket: one request at a time, keep-alive, Content-Length or chunked bodies, every
 * line, header block and body bounded. NTLM binds its security context to this connection, so it is never pooled.
 */
final class HttpConnection implements Closeable {

    private static final int MAX_LINE = 8192;
    private static final int MAX_HEADERS = 100;

    /** A response that broke HTTP/1.1 or a cap. */
    static final class HttpProtocolException extends IOException {
        private static final long serialVersionUID = 1L;

        HttpProtocolException(String message) {
            super(message);
        }
    }

    /** One HTTP response; header names in lower case. */
    record Response(int status, String reason, Map<String, List<String>> headers, byte[] body, boolean keepAlive) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String hostHeader;
    private volatile boolean open = true;

    HttpConnection(Socket socket, String hostHeader) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 16384);
        this.out = socket.getOutputStream();
        this.hostHeader = hostHeader;
    }

    /** The server's leaf certificate when this is a TLS connection, else null. */
    java.security.cert.X509Certificate peerCertificate() {
        if (socket instanceof javax.net.ssl.SSLSocket ssl) {
            try {
                java.security.cert.Certificate[] chain = ssl.getSession().getPeerCertificates();
                return chain.length > 0 && chain[0] instanceof java.security.cert.X509Certificate x ? x : null;
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * Whether a kept-alive connection can no longer carry a request: the server closed it (as http.sys does with idle
     * connections) or sent something unasked. Waits at most a millisecond.
     */
    boolean isStale() {
        if (!isOpen()) {
            return true;
        }
        try {
            socket.setSoTimeout(1);
            return in.read() >= -1; // end of stream, or bytes nobody asked for: either way not usable
        } catch (java.net.SocketTimeoutException quiet) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    boolean isOpen() {
        return open && !socket.isClosed();
    }

    /**
     * Sends one POST and reads its response.
     *
     * @param headers     extra headers as name, value pairs
     * @param maxBody     the largest response body accepted
     * @param readTimeout the longest wait for any one read, in milliseconds
     */
    Response post(String path, List<String[]> headers, byte[] body, int maxBody, int readTimeout) throws IOException {
        StringBuilder head = new StringBuilder(256);
        head.append("POST ").append(path).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(hostHeader).append("\r\n");
        head.append("User-Agent: SSTP Doctor WinRM\r\n");
        head.append("Connection: Keep-Alive\r\n");
        for (String[] h : headers) {
            if (h[0].indexOf('\n') >= 0 || h[1].indexOf('\n') >= 0 || h[1].indexOf('\r') >= 0) {
                throw new IllegalArgumentException("header with a line break");
            }
            head.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        socket.setSoTimeout(readTimeout);
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        return read(maxBody);
    }

    private Response read(int maxBody) throws IOException {
        String status = readLine();
        if (status == null) {
            throw new java.io.EOFException("the server closed the connection without an answer");
        }
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new HttpProtocolException("not an HTTP/1.1 status line");
        }
        int code;
        try {
            code = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new HttpProtocolException("not an HTTP status code");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0;; i++) {
            String line = readLine();
            if (line == null) {
                throw new HttpProtocolException("the connection ended inside the response headers");
            }
            if (line.isEmpty()) {
                break;
            }
            if (i >= MAX_HEADERS) {
                throw new HttpProtocolException("more than " + MAX_HEADERS + " response headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new HttpProtocolException("a malformed response header");
            }
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        boolean http10 = parts[0].equals("HTTP/1.0");
        String connection = first(headers, "connection");
        boolean keepAlive = connection == null ? !http10 : !connection.equalsIgnoreCase("close");
        byte[] body;
        String transferEncoding = first(headers, "transfer-encoding");
        String contentLength = first(headers, "content-length");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = readChunked(maxBody);
        } else if (contentLength != null) {
            long n;
            try {
                n = Long.parseLong(contentLength);
            } catch (NumberFormatException e) {
                throw new HttpProtocolException("a malformed Content-Length");
            }
            if (n < 0 || n > maxBody) {
                throw new HttpProtocolException("the response body of " + n + " bytes is larger than the cap of "
                        + maxBody + " bytes");
            }
            body = in.readNBytes((int) n);
            if (body.length != n) {
                throw new java.io.EOFException("the connection ended inside the response body");
            }
        } else if (code == 204 || code == 304 || code / 100 == 1) {
            body = new byte[0];
        } else {
            keepAlive = false;
            body = in.readNBytes(maxBody + 1);
            if (body.length > maxBody) {
                throw new HttpProtocolException("the response body is larger than the cap of " + maxBody + " bytes");
            }
        }
        if (!keepAlive) {
            close();
        }
        return new Response(code, parts.length > 2 ? parts[2] : "", headers, body, keepAlive);
    }

    private byte[] readChunked(int maxBody) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new java.io.EOFException("the connection ended inside a chunked body");
            }
            int semi = line.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semi < 0 ? line : line.substring(0, semi)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new HttpProtocolException("a malformed chunk size");
            }
            if (size < 0 || body.size() + (long) size > maxBody) {
                throw new HttpProtocolException("the response body is larger than the cap of " + maxBody + " bytes");
            }
            if (size == 0) {
                while (true) { // trailers
                    String trailer = readLine();
                    if (trailer == null || trailer.isEmpty()) {
                        return body.toByteArray();
                    }
                }
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new java.io.EOFException("the connection ended inside a chunk");
            }
            body.writeBytes(chunk);
            String end = readLine();
            if (end == null || !end.isEmpty()) {
                throw new HttpProtocolException("a chunk is not followed by CRLF");
            }
        }
    }

    /** A line without its CR LF; null when the stream ends before the line's first byte. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw new java.io.EOFException("the connection ended inside a line");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new HttpProtocolException("a response line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    @Override
    public void close() {
        open = false;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing: nothing more to do with this socket
        }
    }
}
