package org.sstpdoctor.pki.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sstpdoctor.pki.FetchException;
import org.sstpdoctor.pki.FetchException.Kind;
import org.sstpdoctor.pki.FetchResponse;
import org.sstpdoctor.pki.JdkHttpFetcher;

/** The HTTP fetcher's bounds: time, size, schemes, redirects, against a real local server. */
class JdkHttpFetcherTest {

    private LocalHttpServer http;
    private JdkHttpFetcher fetcher;

    @BeforeEach
    void start() throws Exception {
        http = new LocalHttpServer();
        fetcher = new JdkHttpFetcher(Duration.ofMillis(500), Duration.ofMillis(700));
    }

    @AfterEach
    void stop() {
        fetcher.close();
        http.close();
    }

    private FetchException fails(String url, long max) {
        return assertThrows(FetchException.class, () -> fetcher.get(URI.create(url), max));
    }

    @Test
    void getsAndPosts() throws Exception {
        http.bytes("/a", "application/pkix-crl", new byte[] { 1, 2, 3 });
        http.handler("/echo", ex -> LocalHttpServer.send(ex, 200, "application/octet-stream",
                ex.getRequestBody().readAllBytes()));
        FetchResponse r = fetcher.get(http.uri("/a"), 3);
        assertArrayEquals(new byte[] { 1, 2, 3 }, r.body());
        assertEquals("application/pkix-crl", r.contentType());
        assertEquals(200, r.status());
        assertArrayEquals(new byte[] { 9, 8 }, fetcher.post(http.uri("/echo"), "application/ocsp-request",
                new byte[] { 9, 8 }, 100).body());
    }

    @Test
    void sizeLimitByContentLengthAndWhileStreaming() {
        http.large("/declared", 200_000, false);
        http.large("/chunked", 200_000, true);
        FetchException declared = fails(http.url("/declared"), 100_000);
        assertEquals(Kind.TOO_LARGE, declared.kind());
        assertTrue(declared.getMessage().contains("Content-Length: 200000"), declared.getMessage());
        FetchException chunked = fails(http.url("/chunked"), 100_000);
        assertEquals(Kind.TOO_LARGE, chunked.kind());
        assertTrue(chunked.getMessage().contains("100000 bytes"), chunked.getMessage());
    }

    @Test
    void endlessBodyStopsAtTheLimit() {
        http.large("/endless", Long.MAX_VALUE / 2, true);
        long start = System.nanoTime();
        assertEquals(Kind.TOO_LARGE, fails(http.url("/endless"), 1024 * 1024).kind());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5_000);
    }

    @Test
    void timeouts() {
        http.slow("/slow", 3_000, new byte[] { 1 });
        http.trickle("/trickle", 100, 50);
        long start = System.nanoTime();
        FetchException slow = fails(http.url("/slow"), 100);
        assertEquals(Kind.TIMEOUT, slow.kind());
        assertEquals(Kind.TIMEOUT, fails(http.url("/trickle"), 100).kind());
        long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(ms < 2_500, "two 0.7 s deadlines took " + ms + " ms");
        assertTrue(slow.getMessage().contains("700 ms"), slow.getMessage());
    }

    @Test
    void refusedAndUnknownHost() throws Exception {
        FetchException refused = fails("http://127.0.0.1:" + LocalHttpServer.closedPort() + "/x.crl", 100);
        assertEquals(Kind.REFUSED, refused.kind());
        assertTrue(refused.getMessage().contains("refused"), refused.getMessage());
    }

    @Test
    void httpStatusIsAnError() {
        http.status("/gone", 410);
        FetchException e = fails(http.url("/gone"), 100);
        assertEquals(Kind.HTTP_STATUS, e.kind());
        assertEquals(410, e.httpStatus());
        assertTrue(e.getMessage().startsWith("HTTP 410"), e.getMessage());
    }

    @Test
    void redirectsAreFollowedOnlyToHttp() throws Exception {
        http.bytes("/real.crl", "application/pkix-crl", new byte[] { 7 });
        http.redirect("/moved.crl", "/real.crl");
        http.redirect("/secure.crl", "https://127.0.0.1/real.crl");
        http.redirect("/loop", "/loop");
        FetchResponse r = fetcher.get(http.uri("/moved.crl"), 10);
        assertEquals(http.uri("/real.crl"), r.uri());
        assertEquals(Kind.UNSUPPORTED_URL, fails(http.url("/secure.crl"), 10).kind());
        FetchException loop = fails(http.url("/loop"), 10);
        assertEquals(Kind.HTTP_STATUS, loop.kind());
        assertTrue(loop.getMessage().contains("redirects"), loop.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://127.0.0.1/x.crl", "ldap:///CN=CDP,DC=contoso,DC=com", "file:///etc/passwd",
            "ftp://127.0.0.1/x.crl" })
    void onlyHttpUrlsAreFetched(String url) {
        FetchException e = fails(url, 10);
        assertEquals(Kind.UNSUPPORTED_URL, e.kind());
        assertTrue(e.getMessage().contains("only http URLs"), e.getMessage());
    }

    @Test
    void exchangesRunOnNamedDaemonThreadsOfItsOwn() throws Exception {
        http.bytes("/a.crl", "application/pkix-crl", new byte[] { 5 });
        Set<Thread> before = threadsNamed("sstpdoctor-fetch");
        JdkHttpFetcher own = new JdkHttpFetcher(Duration.ofMillis(500), Duration.ofMillis(700));
        Set<Thread> during;
        try {
            assertArrayEquals(new byte[] { 5 }, own.get(http.uri("/a.crl"), 10).body());
            during = threadsNamed("sstpdoctor-fetch");
            during.removeAll(before);
        } finally {
            own.close();
        }
        assertTrue(during.stream().anyMatch(t -> t.getName().matches("sstpdoctor-fetch-\\d+")), during.toString());
        assertTrue(during.stream().anyMatch(t -> t.getName().matches("sstpdoctor-fetch-client-\\d+")),
                during.toString());
        assertTrue(during.stream().allMatch(Thread::isDaemon), during.toString());
        for (Thread t : during) {
            t.join(5_000);
            assertFalse(t.isAlive(), t + " still runs after close()");
        }
        FetchException closed = assertThrows(FetchException.class, () -> own.get(http.uri("/a.crl"), 10));
        assertEquals(Kind.INTERRUPTED, closed.kind());
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
    }

    private static Set<Thread> threadsNamed(String prefix) {
        Set<Thread> out = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith(prefix + "-")) {
                out.add(t);
            }
        }
        return out;
    }

    @Test
    void refusesNonsenseTimeouts() {
        assertThrows(IllegalArgumentException.class, () -> new JdkHttpFetcher(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new JdkHttpFetcher(Duration.ofSeconds(1), null));
    }
}
