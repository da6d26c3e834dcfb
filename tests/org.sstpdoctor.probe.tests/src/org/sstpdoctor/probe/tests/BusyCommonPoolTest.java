package org.sstpdoctor.probe.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sstpdoctor.pki.CertificateRevocation;
import org.sstpdoctor.pki.IssuedCertificate;
import org.sstpdoctor.pki.JdkHttpFetcher;
import org.sstpdoctor.pki.RevocationAttempt;
import org.sstpdoctor.pki.RevocationChecker;
import org.sstpdoctor.pki.RevocationReason;
import org.sstpdoctor.pki.RevocationStatus;
import org.sstpdoctor.probe.CertificateAssessment;
import org.sstpdoctor.probe.CertificateProblem;
import org.sstpdoctor.probe.ClientFetchers;
import org.sstpdoctor.probe.ProbeTarget;
import org.sstpdoctor.probe.TlsInfo;

/**
 * CRL and OCSP downloads do not depend on the JVM's common {@code ForkJoinPool}. On a two-core
 * machine that pool has one thread; while work elsewhere in the workbench holds it (a parallel
 * stream, a {@code CompletableFuture}), a revocation check that needed it would time out and be
 * reported as "revocation server offline" (0x80092013) for a server that answers at once. Here
 * every thread of the pool is held for the whole check, against a real HTTP server on loopback.
 */
@Timeout(60)
class BusyCommonPoolTest {

    private static final Instant REVOKED_AT = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    /** Generous, so that a fetch that waits for the pool fails by a wide margin. */
    private static final Duration TIMEOUT = Duration.ofSeconds(6);
    /** "Well within the timeout": a loopback download takes milliseconds. */
    private static final Duration WELL_WITHIN = TIMEOUT.dividedBy(3);

    private static HttpPeer http;

    @BeforeAll
    static void start() throws Exception {
        http = new HttpPeer();
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    @Test
    void aRevokedCertificateIsStillJudgedRevokedThroughTheClientFetchers() throws Exception {
        IssuedCertificate server = Lab.ISSUING.issue("localhost").dnsNames("localhost")
                .crlDistributionPoints(http.url("/busy-revoked.crl")).build();
        http.bytes("/busy-revoked.crl", "application/pkix-crl", Lab.ISSUING.crl().revoke(server.certificate(),
                REVOKED_AT, RevocationReason.KEY_COMPROMISE).build().getEncoded());
        try (ClientFetchers fetchers = ClientFetchers.create(Lab.FETCH_CONNECT, TIMEOUT)) {
            CertificateAssessment a;
            Duration took;
            CommonPoolHold hold = CommonPoolHold.all();
            try {
                long start = System.nanoTime();
                a = Lab.assessor(fetchers).evaluate(ProbeTarget.of("localhost", 443), tlsOf(server));
                took = Duration.ofNanos(System.nanoTime() - start);
            } finally {
                hold.release();
            }
            assertEquals(CertificateProblem.Kind.REVOKED, a.problems().get(0).kind(), a.describe());
            assertEquals("0x80092010", a.error().orElseThrow().codeText(), a.describe());
            assertFalse(a.has(CertificateProblem.Kind.REVOCATION_OFFLINE), a.describe());
            assertTrue(took.compareTo(WELL_WITHIN) < 0, "the check took " + took + " beside a busy common pool");
            assertTrue(http.requests().contains("GET /busy-revoked.crl"), http.requests().toString());
        }
    }

    @Test
    void aGoodCrlAndARevokingOcspResponderAnswerThroughTheConvenienceFetcher() throws Exception {
        IssuedCertificate good = Lab.ISSUING.issue("good").crlDistributionPoints(http.url("/busy-good.crl")).build();
        http.bytes("/busy-good.crl", "application/pkix-crl", Lab.ISSUING.crl().build().getEncoded());
        IssuedCertificate revoked = Lab.ISSUING.issue("revoked").ocspUrls(http.url("/busy-ocsp")).build();
        http.ocsp("/busy-ocsp", Lab.ISSUING.ocspResponder().revoke(revoked.certificate(), REVOKED_AT,
                RevocationReason.SUPERSEDED));
        try (JdkHttpFetcher fetcher = new JdkHttpFetcher(Lab.FETCH_CONNECT, TIMEOUT)) {
            RevocationChecker checker = new RevocationChecker(fetcher);
            CertificateRevocation crl;
            CertificateRevocation ocsp;
            Duration took;
            CommonPoolHold hold = CommonPoolHold.all();
            try {
                long start = System.nanoTime();
                crl = checker.checkCertificate(good.certificate(), Lab.ISSUING.certificate(), Instant.now());
                ocsp = checker.checkCertificate(revoked.certificate(), Lab.ISSUING.certificate(), Instant.now());
                took = Duration.ofNanos(System.nanoTime() - start);
            } finally {
                hold.release();
            }
            assertEquals(RevocationStatus.GOOD, crl.status(), crl.explanation());
            assertEquals(List.of(RevocationAttempt.Outcome.GOOD), outcomes(crl));
            assertEquals(RevocationStatus.REVOKED, ocsp.status(), ocsp.explanation());
            assertEquals(List.of(RevocationAttempt.Outcome.REVOKED), outcomes(ocsp));
            assertTrue(took.compareTo(WELL_WITHIN) < 0, "two checks took " + took + " beside a busy common pool");
        }
    }

    @Test
    void theFetchThreadsAreNamedDaemonsAndEndWithTheFetchers() throws Exception {
        http.bytes("/threads.crl", "application/pkix-crl", Lab.ISSUING.crl().build().getEncoded());
        Set<Thread> before = fetchThreads();
        ClientFetchers fetchers = ClientFetchers.create(Lab.FETCH_CONNECT, TIMEOUT);
        try {
            assertEquals(200, fetchers.forProxy(null).get(java.net.URI.create(http.url("/threads.crl")), 65536)
                    .status());
            Set<Thread> ours = fetchThreads();
            ours.removeAll(before);
            assertTrue(ours.stream().anyMatch(t -> t.getName().matches("sstpdoctor-fetch-\\d+")), ours.toString());
            assertTrue(ours.stream().anyMatch(t -> t.getName().matches("sstpdoctor-fetch-client-\\d+")),
                    ours.toString());
            assertTrue(ours.stream().allMatch(Thread::isDaemon), ours.toString());
        } finally {
            fetchers.close();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Set<Thread> left = fetchThreads();
        while (left.stream().anyMatch(t -> !before.contains(t)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            left = fetchThreads();
        }
        left.removeAll(before);
        assertEquals(Set.of(), left, "close() ends the fetch threads it started");
    }

    /** The live threads of the fetchers (other tests' fetchers included). */
    private static Set<Thread> fetchThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("sstpdoctor-fetch-"))
                .collect(Collectors.toCollection(java.util.HashSet::new));
    }

    private static List<RevocationAttempt.Outcome> outcomes(CertificateRevocation r) {
        return r.attempts().stream().map(RevocationAttempt::outcome).toList();
    }

    private static TlsInfo tlsOf(IssuedCertificate server) {
        return new TlsInfo(true, "TLSv1.3", "TLS_AES_128_GCM_SHA256", "localhost", null, List.of("TLSv1.3"), "EC",
                TestCertificates.of(server).chain());
    }

    /**
     * Holds every thread of the common pool: tasks that wait on a latch (a wait the pool does not
     * compensate with a new thread), one more each time a probe task still gets to run. Release it
     * in a finally block.
     */
    private static final class CommonPoolHold {
        private static final int MOST = 64;
        private final CountDownLatch release = new CountDownLatch(1);

        static CommonPoolHold all() throws InterruptedException {
            CommonPoolHold hold = new CommonPoolHold();
            try {
                hold.fill();
                return hold;
            } catch (InterruptedException | RuntimeException | Error e) {
                hold.release();
                throw e;
            }
        }

        private void fill() throws InterruptedException {
            ForkJoinPool pool = ForkJoinPool.commonPool();
            int held = 0;
            for (int i = 0; i < Math.max(1, ForkJoinPool.getCommonPoolParallelism()); i++) {
                held += holdOne(pool) ? 1 : 0;
            }
            while (held < MOST) {
                CountDownLatch ran = new CountDownLatch(1);
                pool.execute(ran::countDown);
                if (!ran.await(300, TimeUnit.MILLISECONDS)) {
                    return; // a task given to the pool no longer runs: every thread is held
                }
                held += holdOne(pool) ? 1 : 0;
            }
            fail("the common pool still runs tasks with " + held + " of its threads held");
        }

        /** One task that holds a pool thread until released; true once it runs. */
        private boolean holdOne(ForkJoinPool pool) throws InterruptedException {
            CountDownLatch running = new CountDownLatch(1);
            pool.execute(() -> {
                running.countDown();
                boolean interrupted = false;
                while (true) {
                    try {
                        release.await();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            });
            return running.await(2, TimeUnit.SECONDS);
        }

        void release() {
            release.countDown();
        }
    }
}
