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
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.sstpdoctor.pki.FetchException.Kind;
import org.sstpdoctor.pki.internal.LimitedBody;

/**
 * {@link HttpFetcher} on {@code java.net.http}: HTTP/1.1, a connect timeout, one deadline for the
 * whole exchange (headers and body: a server that trickles its answer is cut off), a body limit
 * checked against Content-Length and again while reading, {@code http} URLs only, up to
 * {@value #MAX_REDIRECTS} redirects on GET.
 * <p>
 * Exchanges run on threads of the fetcher's own (daemon threads named {@code sstpdoctor-fetch-N},
 * at most {@value #MAX_EXCHANGE_THREADS} at once), never on the JVM's common {@code ForkJoinPool}:
 * {@code HttpClient.sendAsync} completes its answer there, and on a two-core machine that pool has
 * a single thread, so any parallel stream or {@code CompletableFuture} work elsewhere in the
 * process would hold up every CRL download until it timed out, and a reachable CRL server would be
 * reported offline (0x80092013). The deadline of an exchange starts when a fetch thread takes it
 * up: a wait for a free thread is not charged to the server.
 * <p>
 * By default it goes direct, ignoring the JVM's proxy settings; to go through a proxy, give it a
 * client built with one. Thread-safe; {@link #close()} stops its threads and a client it built
 * itself.
 */
public final class JdkHttpFetcher implements HttpFetcher, AutoCloseable {

    /** Default time to connect: 5 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Default time for a whole exchange: 15 s (the Windows default for a CRL URL retrieval). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    /** Redirects followed on GET. */
    public static final int MAX_REDIRECTS = 5;
    /** Exchanges one fetcher runs at once; more wait for a free thread. */
    public static final int MAX_EXCHANGE_THREADS = 32;
    /** Threads of a client this fetcher builds itself, for the client's own work. */
    private static final int CLIENT_THREADS = 2;

    private static final long ERROR_BODY_LIMIT = 4096;
    private static final String USER_AGENT = "SSTP-Doctor/0.1 (revocation and issuer check)";

    private final HttpClient client;
    private final ExecutorService clientThreads;
    private final ExecutorService exchanges;
    private final Duration timeout;

    /** A direct fetcher with the default timeouts. */
    public JdkHttpFetcher() {
        this(DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT);
    }

    /**
     * A direct fetcher: {@code connectTimeout} to connect, {@code timeout} for the whole exchange.
     * Its client works on threads of its own ({@code sstpdoctor-fetch-client-N}).
     */
    public JdkHttpFetcher(Duration connectTimeout, Duration timeout) {
        this(positive(connectTimeout, "connectTimeout"), positive(timeout, "timeout"),
                daemonThreads("sstpdoctor-fetch-client", CLIENT_THREADS));
    }

    private JdkHttpFetcher(Duration connectTimeout, Duration timeout, ExecutorService clientThreads) {
        this(HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(HttpClient.Builder.NO_PROXY)
                .executor(clientThreads)
                .build(), timeout, clientThreads);
    }

    /**
     * A fetcher on the caller's {@code client} (a proxy, an executor of its own); {@code timeout}
     * bounds each exchange. The client should not follow redirects itself, and should have an
     * executor of its own ({@link #daemonThreads(String, int)}). {@link #close()} stops the
     * fetcher's exchange threads and leaves the client open.
     */
    public JdkHttpFetcher(HttpClient client, Duration timeout) {
        this(client, timeout, null);
    }

    private JdkHttpFetcher(HttpClient client, Duration timeout, ExecutorService clientThreads) {
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = positive(timeout, "timeout");
        this.clientThreads = clientThreads;
        this.exchanges = daemonThreads("sstpdoctor-fetch", MAX_EXCHANGE_THREADS);
    }

    /**
     * A bounded pool of daemon threads named {@code name-1}, {@code name-2} ..., at most
     * {@code maxThreads} of them (more tasks wait in line); idle threads end after 30 s. Meant as
     * the executor of an {@link HttpClient} a fetcher uses ({@code HttpClient.Builder.executor}), so
     * that its work does not fall to a pool shared with the rest of the process. The caller shuts
     * it down.
     */
    public static ExecutorService daemonThreads(String name, int maxThreads) {
        Objects.requireNonNull(name, "name");
        if (maxThreads < 1) {
            throw new IllegalArgumentException("maxThreads must be positive: " + maxThreads);
        }
        AtomicInteger next = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, name + "-" + next.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(maxThreads, maxThreads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static Duration positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
        return d;
    }

    /** The deadline of one exchange. */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public FetchResponse get(URI uri, long maxBytes) throws FetchException {
        return onFetchThread(uri, start -> {
            URI current = uri;
            for (int hop = 0;; hop++) {
                checkHttp(current, uri);
                HttpRequest request = HttpRequest.newBuilder(current).GET().timeout(remaining(start, current))
                        .header("User-Agent", USER_AGENT).header("Accept", "*/*").build();
                Exchange ex = exchange(request, maxBytes);
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
        });
    }

    @Override
    public FetchResponse post(URI uri, String contentType, byte[] body, long maxBytes) throws FetchException {
        checkHttp(uri, uri);
        return onFetchThread(uri, start -> {
            HttpRequest request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .timeout(remaining(start, uri)).header("User-Agent", USER_AGENT)
                    .header("Content-Type", contentType).header("Accept", "*/*").build();
            return response(uri, exchange(request, maxBytes), start);
        });
    }

    /** What runs on a fetch thread: the whole of one fetch, its redirects included. */
    @FunctionalInterface
    private interface Fetch {
        FetchResponse run(long start) throws FetchException, InterruptedException;
    }

    /** A fetch as a fetch thread runs it: notes when it was taken up. */
    private static final class Started implements Callable<FetchResponse> {
        private final Fetch fetch;
        final CountDownLatch taken = new CountDownLatch(1);
        volatile long start;

        Started(Fetch fetch) {
            this.fetch = fetch;
        }

        @Override
        public FetchResponse call() throws Exception {
            start = System.nanoTime();
            taken.countDown();
            return fetch.run(start);
        }
    }

    /** A fetch in line for a fetch thread; also lets its caller go when it is dropped unrun. */
    private static final class FetchTask extends FutureTask<FetchResponse> {
        final Started started;

        FetchTask(Started started) {
            super(started);
            this.started = started;
        }

        @Override
        protected void done() {
            started.taken.countDown();
        }
    }

    /**
     * Runs {@code fetch} on a fetch thread and waits for it, at most {@link #timeout} from the
     * moment a thread takes it up; past that the exchange is cancelled.
     */
    private FetchResponse onFetchThread(URI uri, Fetch fetch) throws FetchException {
        FetchTask task = new FetchTask(new Started(fetch));
        try {
            exchanges.execute(task);
        } catch (RejectedExecutionException e) {
            throw new FetchException(Kind.INTERRUPTED, uri, 0, "not fetched: the fetcher is closed", e);
        }
        try {
            task.started.taken.await(); // in line for a free thread: not the server's time
            if (task.isCancelled()) {
                throw new FetchException(Kind.INTERRUPTED, uri, "not fetched: the fetcher was closed");
            }
            long left = timeout.toNanos() - (System.nanoTime() - task.started.start);
            return task.get(Math.max(1, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new FetchException(Kind.TIMEOUT, uri, 0, "no complete answer within " + seconds(timeout), e);
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new FetchException(Kind.INTERRUPTED, uri, 0, "interrupted", e);
        } catch (CancellationException e) {
            throw new FetchException(Kind.INTERRUPTED, uri, 0, "interrupted: the fetcher was closed", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof FetchException fe) {
                throw fe;
            }
            if (cause instanceof InterruptedException) {
                throw new FetchException(Kind.INTERRUPTED, uri, 0, "interrupted: the fetcher was closed", cause);
            }
            throw translate(uri, cause);
        }
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

    /** One request and its answer, on the calling fetch thread. */
    private Exchange exchange(HttpRequest request, long maxBytes) throws FetchException, InterruptedException {
        HttpResponse.BodyHandler<byte[]> handler = info -> {
            boolean ok = info.statusCode() >= 200 && info.statusCode() <= 299;
            long limit = ok ? maxBytes : ERROR_BODY_LIMIT;
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (ok && declared > limit) {
                return LimitedBody.refusing(limit, declared);
            }
            return new LimitedBody(limit, !ok);
        };
        try {
            // send, not sendAsync: sendAsync completes its future on the common ForkJoinPool
            HttpResponse<byte[]> r = client.send(request, handler);
            return new Exchange(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                    r.headers().firstValue("Location").orElse(null), r.body());
        } catch (IOException | RuntimeException e) {
            throw translate(request.uri(), e);
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

    /** Stops the fetch threads (a fetch under way fails as interrupted) and a client this fetcher built. */
    @Override
    public void close() {
        for (Runnable queued : exchanges.shutdownNow()) {
            if (queued instanceof Future<?> f) {
                f.cancel(false);
            }
        }
        if (clientThreads != null) {
            client.shutdownNow();
            clientThreads.shutdownNow();
        }
    }
}
