package org.sstpdoctor.pki.tests;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.sstpdoctor.pki.OcspResponder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 and an ephemeral port, serving what a test puts at a path:
 * bytes, an OCSP responder, a status, a redirect, or hostile behaviour (slow, trickling, endless).
 */
final class LocalHttpServer implements AutoCloseable {

    /** What answers one path. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-http");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    LocalHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
    }

    private void dispatch(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        requests.add(ex.getRequestMethod() + " " + path);
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        Handler h = handlers.get(path);
        try (ex) {
            if (h == null) {
                send(ex, 404, "text/plain", "no such test resource".getBytes());
            } else {
                h.handle(ex);
            }
        } catch (IOException e) {
            // the client went away (timeouts, cancelled oversize bodies): expected in these tests
        }
    }

    URI uri(String path) {
        return URI.create(url(path));
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    LocalHttpServer bytes(String path, String contentType, byte[] body) {
        handlers.put(path, ex -> send(ex, 200, contentType, body));
        return this;
    }

    LocalHttpServer status(String path, int status) {
        handlers.put(path, ex -> send(ex, status, "text/plain", ("status " + status).getBytes()));
        return this;
    }

    LocalHttpServer redirect(String path, String location) {
        handlers.put(path, ex -> {
            ex.getResponseHeaders().set("Location", location);
            ex.sendResponseHeaders(302, -1);
        });
        return this;
    }

    /** Answers POSTed OCSP requests with {@code responder}. */
    LocalHttpServer ocsp(String path, OcspResponder responder) {
        handlers.put(path, ex -> {
            byte[] request = ex.getRequestBody().readNBytes(65536);
            send(ex, 200, "application/ocsp-response", responder.respond(request, Instant.now()));
        });
        return this;
    }

    /** Answers after {@code millis}. */
    LocalHttpServer slow(String path, long millis, byte[] body) {
        handlers.put(path, ex -> {
            sleep(millis);
            send(ex, 200, "application/octet-stream", body);
        });
        return this;
    }

    /** Sends headers at once, then one byte every {@code millis}, {@code count} bytes in all. */
    LocalHttpServer trickle(String path, long millis, int count) {
        handlers.put(path, ex -> {
            ex.sendResponseHeaders(200, count);
            OutputStream out = ex.getResponseBody();
            for (int i = 0; i < count; i++) {
                out.write('x');
                out.flush();
                sleep(millis);
            }
        });
        return this;
    }

    /** Streams {@code size} bytes, chunked (no Content-Length) when {@code chunked}. */
    LocalHttpServer large(String path, long size, boolean chunked) {
        handlers.put(path, ex -> {
            ex.sendResponseHeaders(200, chunked ? 0 : size);
            OutputStream out = ex.getResponseBody();
            byte[] block = new byte[64 * 1024];
            for (long sent = 0; sent < size; sent += block.length) {
                out.write(block, 0, (int) Math.min(block.length, size - sent));
            }
        });
        return this;
    }

    LocalHttpServer handler(String path, Handler handler) {
        handlers.put(path, handler);
        return this;
    }

    static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** A port on 127.0.0.1 where nothing listens (bound, then closed). */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
