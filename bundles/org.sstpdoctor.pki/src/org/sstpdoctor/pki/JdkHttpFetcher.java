package org.sstpdoctor.pki;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.sstpdoctor.pki.FetchException.Kind;
import org.sstpdoctor.pki.internal.LimitedBody;

/**
 * {@link HttpFetcher} on {@code java.net.http}: HTTP/1.1, a connect timeout, one deadline for the
 * whole exchange (headers and body: a server that trickles its answer is cut off), a body limit
 * checked against Content-Length and again while reading, {@code http} URLs only, up to
 * {@value #MAX_REDIRECTS} redirects on GET.
 * <p>
 * By default it goes direct, ignoring the JVM's proxy settings; to go through a proxy, give it a
 * client built with one. Thread-safe; {@link #close()} stops a client it built itself.
 */
public final class JdkHttpFetcher implements HttpFetcher, AutoCloseable {

    /** Default time to connect: 5 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Default time for a whole exchange: 15 s (the Windows default for a CRL URL retrieval). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    /** Redirects followed on GET. */
    public static final int MAX_REDIRECTS = 5;

    private static final long ERROR_BODY_LIMIT = 4096;
    private static final String USER_AGENT = "SSTP-Doctor/0.1 (revocation and issuer check)";

    private final HttpClient client;
    private final boolean ownsClient;
    private final Duration timeout;

    /** A direct fetcher with the default timeouts. */
    public JdkHttpFetcher() {
        this(DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT);
    }

    /** A direct fetcher: {@code connectTimeout} to connect, {@code timeout} for the whole exchange. */
    public JdkHttpFetcher(Duration connectTimeout, Duration timeout) {
        this(HttpClient.newBuilder()
                .connectTimeout(positive(connectTimeout, "connectTimeout"))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(HttpClient.Builder.NO_PROXY)
                .build(), timeout, true);
    }

    /**
     * A fetcher on the caller's {@code client} (a proxy, an executor of its own); {@code timeout}
     * bounds each exchange. The client should not follow redirects itself; {@link #close()} leaves
     * it open.
     */
    public JdkHttpFetcher(HttpClient client, Duration timeout) {
        this(client, timeout, false);
    }

    private JdkHttpFetcher(HttpClient client, Duration timeout, boolean ownsClient) {
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = positive(timeout, "timeout");
        this.ownsClient = ownsClient;
    }

    private static Duration positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
        return d;
    }

    public Duration timeout() {
        return timeout;
    }

    @Override
    public FetchResponse get(URI uri, long maxBytes) throws FetchException {
        long start = System.nanoTime();
        URI current = uri;
        for (int hop = 0;; hop++) {
            checkHttp(current, uri);
            HttpRequest request = HttpRequest.newBuilder(current).GET().timeout(remaining(start, current))
                    .header("User-Agent", USER_AGENT).header("Accept", "*/*").build();
            Exchange ex = exchange(request, maxBytes, start);
            if (isRedirect(ex.status) && ex.location != null) {
                if (hop >= MAX_REDIRECTS) {
                    throw new FetchException(Kind.HTTP_STATUS, uri, ex.status,
                            "more than " + MAX_REDIRECTS + " redirects (last to " + ex.location + ")", null);
                }
                try {
                    current = current.resolve(ex.location);
                } catch (IllegalArgumentException e) {
                    throw new FetchException(Kind.HTTP_STATUS, uri, ex.status,
                            "HTTP " + ex.status + " redirect to an invalid URL: " + ex.location, e);
                }
                continue;
            }
            return response(current, ex, start);
        }
    }

    @Override
    public FetchResponse post(URI uri, String contentType, byte[] body, long maxBytes) throws FetchException {
        long start = System.nanoTime();
        checkHttp(uri, uri);
        HttpRequest request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(remaining(start, uri)).header("User-Agent", USER_AGENT).header("Content-Type", contentType)
                .header("Accept", "*/*").build();
        return response(uri, exchange(request, maxBytes, start), start);
    }

    private FetchResponse response(URI uri, Exchange ex, long start) throws FetchException {
        if (ex.status < 200 || ex.status > 299) {
            String text = new String(ex.body, StandardCharsets.ISO_8859_1).strip();
            if (text.length() > 120) {
                text = text.substring(0, 120) + "...";
            }
            throw new FetchException(Kind.HTTP_STATUS, uri, ex.status,
                    "HTTP " + ex.status + (isRedirect(ex.status) ? " redirect without a Location" : "")
                            + (text.isEmpty() || text.chars().anyMatch(c -> c < 9) ? "" : ": " + text),
                    null);
        }
        return new FetchResponse(uri, ex.status, ex.contentType, ex.body, Duration.ofNanos(System.nanoTime() - start));
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private record Exchange(int status, String contentType, String location, byte[] body) {
    }

    private Exchange exchange(HttpRequest request, long maxBytes, long start) throws FetchException {
        URI uri = request.uri();
        HttpResponse.BodyHandler<byte[]> handler = info -> {
            boolean ok = info.statusCode() >= 200 && info.statusCode() <= 299;
            long limit = ok ? maxBytes : ERROR_BODY_LIMIT;
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (ok && declared > limit) {
                return LimitedBody.refusing(limit, declared);
            }
            return new LimitedBody(limit, !ok);
        };
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, handler);
        try {
            long left = timeout.toNanos() - (System.nanoTime() - start);
            HttpResponse<byte[]> r = future.get(Math.max(1, left), TimeUnit.NANOSECONDS);
            return new Exchange(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                    r.headers().firstValue("Location").orElse(null), r.body());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new FetchException(Kind.TIMEOUT, uri, 0,
                    "no complete answer within " + seconds(timeout), e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new FetchException(Kind.INTERRUPTED, uri, 0, "interrupted", e);
        } catch (ExecutionException e) {
            throw translate(uri, e.getCause() == null ? e : e.getCause());
        }
    }

    private FetchException translate(URI uri, Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof LimitedBody.TooLargeException tl) {
                return new FetchException(Kind.TOO_LARGE, uri, 0, tl.getMessage(), t);
            }
            if (c instanceof HttpConnectTimeoutException) {
                return new FetchException(Kind.TIMEOUT, uri, 0, "could not connect within "
                        + seconds(client.connectTimeout().orElse(timeout)), t);
            }
            if (c instanceof HttpTimeoutException) {
                return new FetchException(Kind.TIMEOUT, uri, 0, "no answer within " + seconds(timeout), t);
            }
            if (c instanceof UnresolvedAddressException || c instanceof UnknownHostException) {
                return new FetchException(Kind.UNKNOWN_HOST, uri, 0,
                        "the host name " + uri.getHost() + " does not resolve", t);
            }
            if (c instanceof NoRouteToHostException) {
                return new FetchException(Kind.REFUSED, uri, 0, "no route to " + authority(uri), t);
            }
            if (c instanceof ConnectException) {
                return new FetchException(Kind.REFUSED, uri, 0, "connection to " + authority(uri) + " refused", t);
            }
        }
        String m = t.getMessage();
        return new FetchException(Kind.IO, uri, 0,
                t instanceof IOException && m != null ? m : t.toString(), t);
    }

    private Duration remaining(long start, URI uri) throws FetchException {
        long left = timeout.toNanos() - (System.nanoTime() - start);
        if (left <= 0) {
            throw new FetchException(Kind.TIMEOUT, uri, 0, "no complete answer within " + seconds(timeout), null);
        }
        return Duration.ofNanos(left);
    }

    private static void checkHttp(URI uri, URI original) throws FetchException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") || uri.getHost() == null) {
            throw new FetchException(Kind.UNSUPPORTED_URL, original,
                    (uri.equals(original) ? "" : "redirected to " + uri + ": ")
                            + "only http URLs are fetched (" + (scheme.isEmpty() ? "no scheme" : scheme + ":") + ")");
        }
    }

    private static String authority(URI uri) {
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        return uri.getHost() + ":" + port;
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.shutdownNow();
        }
    }
}
