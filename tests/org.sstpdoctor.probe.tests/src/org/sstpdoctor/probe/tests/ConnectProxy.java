package org.sstpdoctor.probe.tests;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny HTTP proxy on 127.0.0.1 that supports only {@code CONNECT} (RFC 9110 section 9.3.6):
 * it opens a TCP connection to the requested authority, answers 200 and relays bytes both ways.
 * With {@code requireAuth} it answers every request with 407 instead.
 */
public final class ConnectProxy implements AutoCloseable {

    private final ServerSocket server;
    private final boolean requireAuth;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public ConnectProxy(boolean requireAuth) throws IOException {
        this.requireAuth = requireAuth;
        this.server = new ServerSocket(0, 128, InetAddress.getByName("127.0.0.1"));
        Thread t = new Thread(this::acceptLoop, "connect-proxy-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The request heads received. */
    public List<String> requests() {
        return requests;
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
                open.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(30_000);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String head = readHead(in);
            requests.add(head);
            String[] line = head.substring(0, head.indexOf("\r\n")).split(" ");
            if (requireAuth) {
                out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                        + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return;
            }
            if (line.length != 3 || !line[0].equals("CONNECT")) {
                out.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                return;
            }
            int colon = line[1].lastIndexOf(':');
            String host = line[1].substring(0, colon).replace("[", "").replace("]", "");
            int port = Integer.parseInt(line[1].substring(colon + 1));
            try (Socket upstream = new Socket(host, port)) {
                open.add(upstream);
                out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread up = Thread.ofVirtual().start(() -> relay(in, upstream));
                relay(upstream.getInputStream(), client);
                up.join(5000);
            } finally {
                open.removeIf(Socket::isClosed);
            }
        } catch (IOException | InterruptedException e) {
            // either side hung up
        } finally {
            open.remove(client);
        }
    }

    private static void relay(InputStream from, Socket to) {
        byte[] b = new byte[8192];
        try {
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = from.read(b)) >= 0) {
                out.write(b, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // either side hung up
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException();
            }
            head.write(c);
            String s = head.toString(StandardCharsets.US_ASCII);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
            if (head.size() > 8192) {
                throw new IOException("request head too large");
            }
        }
    }
}
