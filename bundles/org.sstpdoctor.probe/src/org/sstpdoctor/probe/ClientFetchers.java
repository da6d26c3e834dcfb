package org.sstpdoctor.probe;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import org.sstpdoctor.pki.HttpFetcher;
import org.sstpdoctor.pki.JdkHttpFetcher;

/**
 * The HTTP fetchers a client uses for what it downloads while it checks a certificate: missing
 * issuers (AIA caIssuers), CRLs and OCSP answers. A Windows client fetches them itself, outside any
 * tunnel (KB947031 scenario 7); when it reaches the VPN server through an HTTP proxy it reaches
 * those URLs through the same proxy, so a target with a proxy gets a fetcher that goes through
 * it, and a target without one a direct fetcher.
 * <p>
 * Every fetch is bounded by a connect timeout and a deadline for the whole exchange; bodies are
 * bounded by the callers' limits. Fetches run on threads of their own, never on the JVM's common
 * {@code ForkJoinPool}: the HTTP clients work on a bounded pool of daemon threads
 * ({@code sstpdoctor-fetch-client-N}) and each fetcher runs its exchanges on its own
 * ({@code sstpdoctor-fetch-N}, see {@link JdkHttpFetcher}), so that work elsewhere in the process
 * that holds the common pool cannot make a reachable CRL server look offline. Thread-safe;
 * {@link #close()} stops the HTTP clients, the fetchers and their threads.
 */
public final class ClientFetchers implements AutoCloseable {

    /** Default time to connect to a CRL, OCSP or AIA server (or the proxy): 3 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** Default time for one whole exchange: 5 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** Threads the HTTP clients share for their own work (the exchanges run on the fetchers' threads). */
    private static final int CLIENT_THREADS = 4;
    private static final String DIRECT = "";

    private final Duration connectTimeout;
    private final Duration timeout;
    private final HttpFetcher fixed;
    private final ExecutorService clientThreads;
    private final Map<String, Made> made = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private record Made(HttpClient client, JdkHttpFetcher fetcher) {
    }

    private ClientFetchers(Duration connectTimeout, Duration timeout, HttpFetcher fixed) {
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
        this.fixed = fixed;
        this.clientThreads = fixed == null ? JdkHttpFetcher.daemonThreads("sstpdoctor-fetch-client", CLIENT_THREADS)
                : null;
    }

    /** Fetchers on {@code java.net.http}, direct or through the target's proxy, with these limits. */
    public static ClientFetchers create(Duration connectTimeout, Duration timeout) {
        positive(connectTimeout, "connectTimeout");
        positive(timeout, "timeout");
        return new ClientFetchers(connectTimeout, timeout, null);
    }

    /** Fetchers with the default limits (3 s to connect, 5 s an exchange). */
    public static ClientFetchers create() {
        return create(DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT);
    }

    /**
     * Always {@code fetcher}, whatever the target's proxy: for callers that route fetches
     * themselves. {@link #close()} leaves it open.
     */
    public static ClientFetchers using(HttpFetcher fetcher) {
        return new ClientFetchers(null, null, Objects.requireNonNull(fetcher, "fetcher"));
    }

    /** The fetcher for a client that reaches the server through {@code proxy} (null: directly). */
    public HttpFetcher forProxy(ProbeTarget.HttpProxy proxy) {
        if (fixed != null) {
            return fixed;
        }
        if (closed) {
            throw new IllegalStateException("the fetchers are closed");
        }
        String key = proxy == null ? DIRECT : proxy.toString();
        return made.computeIfAbsent(key, k -> make(proxy)).fetcher;
    }

    private Made make(ProbeTarget.HttpProxy proxy) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1);
        // unresolved: the proxy's name is looked up when a fetch connects, with its timeout, not here
        b.proxy(proxy == null ? HttpClient.Builder.NO_PROXY
                : ProxySelector.of(InetSocketAddress.createUnresolved(proxy.host(), proxy.port())));
        HttpClient client = b.executor(clientThreads).build();
        return new Made(client, new JdkHttpFetcher(client, timeout));
    }

    /** The connect timeout of the fetchers this makes (null when it hands out a given fetcher). */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The deadline of one exchange (null when it hands out a given fetcher). */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public void close() {
        closed = true;
        List<Made> all = new ArrayList<>(made.values());
        made.clear();
        for (Made m : all) {
            m.fetcher.close();
            m.client.shutdownNow();
        }
        if (clientThreads != null) {
            clientThreads.shutdownNow();
        }
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
