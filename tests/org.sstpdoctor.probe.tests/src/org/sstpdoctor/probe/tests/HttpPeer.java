package org.sstpdoctor.probe.tests;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.sstpdoctor.pki.OcspResponder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 for what a client downloads while it checks a certificate:
 * CRLs, issuer certificates (AIA) and OCSP answers, each at a path. It records every request line
 * as received, so a test can tell a direct request ({@code GET /ca.crl}) from one a proxy was
 * asked to forward ({@code GET http://crl.invalid/ca.crl}): it serves both, by path.
 */
final class HttpPeer implements AutoCloseable {

    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-http-peer");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    HttpPeer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
    }

    private void dispatch(HttpExchange ex) throws IOException {
        requests.add(ex.getRequestMethod() + " " + ex.getRequestURI());
        Handler h = handlers.get(ex.getRequestURI().getPath());
        try (ex) {
            if (h == null) {
                send(ex, 404, "text/plain", "no such test resource".getBytes());
            } else {
                h.handle(ex);
            }
        } catch (IOException e) {
            // the client went away (a timeout): part of some tests
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** The request lines received, e.g. {@code GET /ca.crl} or {@code GET http://crl.invalid/ca.crl}. */
    List<String> requests() {
        return requests;
    }

    HttpPeer bytes(String path, String contentType, byte[] body) {
        handlers.put(path, ex -> send(ex, 200, contentType, body));
        return this;
    }

    /** Answers POSTed OCSP requests with {@code responder}. */
    HttpPeer ocsp(String path, OcspResponder responder) {
        handlers.put(path, ex -> {
            byte[] request = ex.getRequestBody().readNBytes(65536);
            send(ex, 200, "application/ocsp-response", responder.respond(request, Instant.now()));
        });
        return this;
    }

    private static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
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
