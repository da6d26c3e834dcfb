package org.sstpdoctor.pki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sstpdoctor.pki.CertificateAuthority;
import org.sstpdoctor.pki.CertificateRevocation;
import org.sstpdoctor.pki.CertificateWriter;
import org.sstpdoctor.pki.ChainBuilder;
import org.sstpdoctor.pki.IssuedCertificate;
import org.sstpdoctor.pki.JdkHttpFetcher;
import org.sstpdoctor.pki.KeyPurpose;
import org.sstpdoctor.pki.OcspResponder;
import org.sstpdoctor.pki.RevocationAttempt.Outcome;
import org.sstpdoctor.pki.RevocationAttempt.Source;
import org.sstpdoctor.pki.RevocationChecker;
import org.sstpdoctor.pki.RevocationReason;
import org.sstpdoctor.pki.RevocationReport;
import org.sstpdoctor.pki.RevocationStatus;

/**
 * Revocation checked from the client side against real HTTP servers on 127.0.0.1: CRLs and OCSP
 * answers minted by the lab CA, servers that are down, slow, or answer too much.
 */
class RevocationCheckerTest {

    private static final Instant REVOKED_AT = TestPki.NOW.minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);

    private LocalHttpServer http;
    private JdkHttpFetcher fetcher;
    private RevocationChecker checker;

    @BeforeEach
    void start() throws Exception {
        http = new LocalHttpServer();
        fetcher = new JdkHttpFetcher(Duration.ofMillis(500), Duration.ofMillis(800));
        checker = new RevocationChecker(fetcher);
    }

    @AfterEach
    void stop() {
        fetcher.close();
        http.close();
    }

    private IssuedCertificate serverWithCdp(String... paths) {
        String[] urls = new String[paths.length];
        for (int i = 0; i < paths.length; i++) {
            urls[i] = paths[i].startsWith("/") ? http.url(paths[i]) : paths[i];
        }
        return TestPki.ISSUING.issue("vpn.contoso.com").crlDistributionPoints(urls).build();
    }

    private void serveCrl(String path, org.sstpdoctor.pki.CrlBuilder crl) throws Exception {
        http.bytes(path, "application/pkix-crl", crl.build().getEncoded());
    }

    @Test
    void goodAccordingToTheCrl() throws Exception {
        IssuedCertificate s = serverWithCdp("/issuing.crl");
        serveCrl("/issuing.crl", TestPki.ISSUING.crl().revoke(java.math.BigInteger.TEN, REVOKED_AT,
                RevocationReason.SUPERSEDED));
        CertificateRevocation r = checker.checkCertificate(s.certificate(), TestPki.ISSUING.certificate(), TestPki.NOW);
        assertEquals(RevocationStatus.GOOD, r.status(), r.explanation());
        assertEquals(1, r.attempts().size());
        assertEquals(Outcome.GOOD, r.attempts().get(0).outcome());
        assertEquals(Source.CRL, r.attempts().get(0).source());
        assertTrue(r.attempts().get(0).nextUpdate().isAfter(TestPki.NOW));
    }

    @Test
    void revokedViaACrlServedOverHttp() throws Exception {
        IssuedCertificate s = serverWithCdp("/issuing.crl");
        serveCrl("/issuing.crl", TestPki.ISSUING.crl().revoke(s.certificate(), REVOKED_AT,
                RevocationReason.KEY_COMPROMISE));
        RevocationReport report = checker.check(s.chain(), TestPki.NOW);
        assertEquals(RevocationStatus.REVOKED, report.overall(), report.describe());
        CertificateRevocation leaf = report.leaf();
        assertEquals(RevocationStatus.REVOKED, leaf.status());
        assertEquals(REVOKED_AT, leaf.revocationDate());
        assertEquals(RevocationReason.KEY_COMPROMISE, leaf.reason());
        assertEquals(0x80092010, RevocationStatus.REVOKED.hresult());
        assertTrue(leaf.explanation().contains("Key Compromise"), leaf.explanation());
        assertEquals(RevocationStatus.NO_CHECK, report.certificates().get(1).status(), "the issuing CA has no CDP");
        assertEquals(RevocationStatus.NOT_CHECKED, report.certificates().get(2).status(), "the root");
        assertEquals(1, http.hits("/issuing.crl"));
    }

    @Test
    void crlServerDownIsOffline() throws Exception {
        IssuedCertificate s = serverWithCdp("http://127.0.0.1:" + LocalHttpServer.closedPort() + "/issuing.crl");
        CertificateRevocation r = checker.checkCertificate(s.certificate(), TestPki.ISSUING.certificate(), TestPki.NOW);
        assertEquals(RevocationStatus.OFFLINE, r.status(), r.explanation());
        assertEquals(Outcome.UNREACHABLE, r.attempts().get(0).outcome());
        assertTrue(r.attempts().get(0).detail().contains("refused"), r.attempts().get(0).detail());
        assertEquals(0x80092013, r.status().hresult());
        assertTrue(r.explanation().contains("0x80092013"), r.explanation());
    }

    @Test
    void crlExpired() throws Exception {
        IssuedCertificate s = serverWithCdp("/issuing.crl");
        serveCrl("/issuing.crl", TestPki.ISSUING.crl().thisUpdate(TestPki.daysFromNow(-14))
                .nextUpdate(TestPki.daysFromNow(-7)));
        CertificateRevocation r = checker.checkCertificate(s.certificate(), TestPki.ISSUING.certificate(), TestPki.NOW);
        assertEquals(RevocationStatus.CRL_EXPIRED, r.status(), r.explanation());
        assertEquals(Outcome.EXPIRED, r.attempts().get(0).outcome());
        assertEquals(0x80092013, RevocationStatus.CRL_EXPIRED.hresult(), "Windows treats it as offline");
        assertTrue(r.explanation().contains("offline"), r.explanation());
    }

    @Test
    void crlNotYetValidAndSignedByAnotherCaAreUnusable() throws Exception {
        IssuedCertificate s = serverWithCdp("/future.crl", "/foreign.crl", "/forged.crl");
        serveCrl("/future.crl", TestPki.ISSUING.crl().thisUpdate(TestPki.daysFromNow(2)).nextUpdate(
                TestPki.daysFromNow(9)));
        serveCrl("/foreign.crl", TestPki.FOREIGN_ROOT.crl());
        CertificateAuthority impostor = org.sstpdoctor.pki.LabPki
                .rootCa(TestPki.ISSUING.certificate().getSubjectX500Principal().getName()).build();
        serveCrl("/forged.crl", impostor.crl());
        CertificateRevocation r = checker.checkCertificate(s.certificate(), TestPki.ISSUING.certificate(), TestPki.NOW);
        assertEquals(RevocationStatus.OFFLINE, r.status(), r.explanation());
        assertEquals(List.of(Outcome.NOT_YET_VALID, Outcome.WRONG_RESPONSE, Outcome.BAD_SIGNATURE),
                r.attempts().stream().map(a -> a.outcome()).toList());
    }

    @Test
    void httpErrorsGarbageAndOversizeAreOffline() throws Exception {
        http.status("/missing.crl", 404);
        http.bytes("/garbage.crl", "text/html", "<html>proxy login</html>".getBytes());
        http.large("/huge.crl", 3 * 1024 * 1024, false);
        http.large("/huge-chunked.crl", 3 * 1024 * 1024, true);
        IssuedCertificate s = serverWithCdp("/missing.crl", "/garbage.crl", "/huge.crl", "/huge-chunked.crl");
        RevocationChecker small = checker.withLimits(1024 * 1024, 64 * 1024);
        long start = System.nanoTime();
        CertificateRevocation r = small.checkCertificate(s.certificate(), TestPki.ISSUING.certificate(), TestPki.NOW);
        assertEquals(RevocationStatus.OFFLINE, r.status(), r.explanation());
        assertEquals(List.of(Outcome.HTTP_ERROR, Outcome.UNPARSABLE, Outcome.TOO_LARGE, Outcome.TOO_LARGE),
                r.attempts().stream().map(a -> a.outcome()).toList());
        assertTrue(r.attempts().get(0).detail().contains("HTTP 404"), r.attempts().get(0).detail());
        assertTrue(r.attempts().get(2).detail().contains("Content-Length"), r.attempts().get(2).detail());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5);
    }

    @Test
    void slowServerBeyondTheTimeoutIsOffline() throws Exception {
        http.slow("/slow.crl", 5_000, TestPki.ISSUING.crl().build().getEncoded());
        http.trickle("/trickle.crl", 200, 100);
        IssuedCertificate s = serverWithCdp("/slow.crl", "/trickle.crl");
        long start = System.nanoTime();
        CertificateRevocation r = checker.checkCertificate(s.certificate(), TestPki.ISSUING.certificate(), TestPki.NOW);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(RevocationStatus.OFFLINE, r.status(), r.explanation());
        assertEquals(List.of(Outcome.TIMEOUT, Outcome.TIMEOUT), r.attempts().stream().map(a -> a.outcome()).toList());
        assertTrue(took.toMillis() < 3_000, "two timeouts of 0.8 s took " + took);
    }

    @Test
    void noCdpAndNoOcspIsNoCheck() {
        IssuedCertificate s = TestPki.ISSUING.issue("vpn").build();
        CertificateRevocation r = checker.checkCertificate(s.certificate(), TestPki.ISSUING.certificate(), TestPki.NOW);
        assertEquals(RevocationStatus.NO_CHECK, r.status());
        assertEquals(0x80092012, r.status().hresult());
        assertTrue(r.attempts().isEmpty());
    }

    @Test
    void ldapOnlyIsNotFetchedAndOffline() {
        IssuedCertificate s = serverWithCdp("ldap:///CN=Issuing,CN=CDP,CN=Public Key Services,DC=contoso,DC=com");
        CertificateRevocation r = checker.checkCertificate(s.certificate(), TestPki.ISSUING.certificate(), TestPki.NOW);
        assertEquals(RevocationStatus.OFFLINE, r.status());
        assertEquals(Outcome.NOT_FETCHED, r.attempts().get(0).outcome());
        assertTrue(r.attempts().get(0).detail().contains("outside the domain"), r.attempts().get(0).detail());
    }

    @Test
    void oneReachableCdpIsEnoughAndEveryUrlIsReported() throws Exception {
        IssuedCertificate s = serverWithCdp("http://127.0.0.1:" + LocalHttpServer.closedPort() + "/a.crl",
                "/issuing.crl");
        serveCrl("/issuing.crl", TestPki.ISSUING.crl());
        CertificateRevocation r = checker.checkCertificate(s.certificate(), TestPki.ISSUING.certificate(), TestPki.NOW);
        assertEquals(RevocationStatus.GOOD, r.status());
        assertEquals(List.of(Outcome.UNREACHABLE, Outcome.GOOD), r.attempts().stream().map(a -> a.outcome()).toList());
    }

    @Test
    void crlSharedByTwoCertificatesIsFetchedOnce() throws Exception {
        CertificateAuthority issuing = TestPki.ROOT.intermediate("CN=Issuing With CDP")
                .crlDistributionPoints(http.url("/root.crl")).build();
        IssuedCertificate s = issuing.issue("vpn").crlDistributionPoints(http.url("/issuing.crl")).build();
        serveCrl("/root.crl", TestPki.ROOT.crl());
        serveCrl("/issuing.crl", issuing.crl());
        RevocationReport report = checker.check(s.chain(), TestPki.NOW);
        assertEquals(RevocationStatus.GOOD, report.overall(), report.describe());
        assertEquals(2, report.attempts().size());
        assertEquals(1, http.hits("/root.crl"));
        assertTrue(report.describe().contains("/issuing.crl: good"), report.describe());
    }

    @Test
    void ocspGoodFromARealResponder() throws Exception {
        OcspResponder responder = TestPki.ISSUING.ocspResponder();
        http.ocsp("/ocsp", responder);
        IssuedCertificate s = TestPki.ISSUING.issue("vpn").ocspUrls(http.url("/ocsp")).build();
        CertificateRevocation r = checker.checkCertificate(s.certificate(), TestPki.ISSUING.certificate(), TestPki.NOW);
        assertEquals(RevocationStatus.GOOD, r.status(), r.attempts().toString());
        assertEquals(Source.OCSP, r.attempts().get(0).source());
        assertEquals(List.of("POST /ocsp"), http.requests);
    }

    @Test
    void ocspRevoked() throws Exception {
        OcspResponder responder = TestPki.ISSUING.ocspResponder();
        http.ocsp("/ocsp", responder);
        IssuedCertificate s = TestPki.ISSUING.issue("vpn").ocspUrls(http.url("/ocsp")).build();
        responder.revoke(s.certificate(), REVOKED_AT, RevocationReason.CESSATION_OF_OPERATION);
        CertificateRevocation r = checker.checkCertificate(s.certificate(), TestPki.ISSUING.certificate(), TestPki.NOW);
        assertEquals(RevocationStatus.REVOKED, r.status(), r.attempts().toString());
        assertEquals(REVOKED_AT, r.revocationDate());
        assertEquals(RevocationReason.CESSATION_OF_OPERATION, r.reason());
    }

    @Test
    void ocspFromADelegatedResponder() throws Exception {
        IssuedCertificate delegate = TestPki.ISSUING.issue("OCSP Responder")
                .extendedKeyUsage(KeyPurpose.OCSP_SIGNING).build();
        IssuedCertificate wrongEku = TestPki.ISSUING.issue("Not a responder").build();
        http.ocsp("/good", TestPki.ISSUING.ocspResponder().signedBy(delegate));
        http.ocsp("/unauthorised", TestPki.ISSUING.ocspResponder().signedBy(wrongEku));
        IssuedCertificate s = TestPki.ISSUING.issue("vpn").ocspUrls(http.url("/good"), http.url("/unauthorised"))
                .build();
        CertificateRevocation r = checker.checkCertificate(s.certificate(), TestPki.ISSUING.certificate(), TestPki.NOW);
        assertEquals(RevocationStatus.GOOD, r.status());
        assertEquals(Outcome.GOOD, r.attempts().get(0).outcome());
        assertTrue(r.attempts().get(0).detail().contains("authorised responder"), r.attempts().get(0).detail());
        assertEquals(Outcome.BAD_SIGNATURE, r.attempts().get(1).outcome());
        assertTrue(r.attempts().get(1).detail().contains("OCSP Signing"), r.attempts().get(1).detail());
    }

    @Test
    void ocspFromAnotherCaOrStaleOrUnknownIsNotAnAnswer() throws Exception {
        http.ocsp("/foreign", TestPki.FOREIGN_ROOT.ocspResponder());
        http.ocsp("/stale", TestPki.ISSUING.ocspResponder().updates(TestPki.daysFromNow(-3),
                TestPki.daysFromNow(-1)));
        OcspResponder unknown = TestPki.ISSUING.ocspResponder();
        http.ocsp("/unknown", unknown);
        http.bytes("/garbage", "application/ocsp-response", new byte[] { 0x30, 0x03, 0x0A, 0x01, 0x03 });
        IssuedCertificate s = TestPki.ISSUING.issue("vpn").ocspUrls(http.url("/foreign"), http.url("/stale"),
                http.url("/unknown"), http.url("/garbage")).build();
        unknown.unknown(s.certificate().getSerialNumber());
        CertificateRevocation r = checker.checkCertificate(s.certificate(), TestPki.ISSUING.certificate(), TestPki.NOW);
        assertEquals(List.of(Outcome.BAD_SIGNATURE, Outcome.EXPIRED, Outcome.UNKNOWN_STATUS, Outcome.RESPONDER_ERROR),
                r.attempts().stream().map(a -> a.outcome()).toList(), r.attempts().toString());
        assertEquals(RevocationStatus.CRL_EXPIRED, r.status(), "a stale answer and nothing better");
        assertTrue(r.attempts().get(3).detail().contains("tryLater"), r.attempts().get(3).detail());
    }

    @Test
    void ocspUnknownButCrlGood() throws Exception {
        OcspResponder responder = TestPki.ISSUING.ocspResponder();
        http.ocsp("/ocsp", responder);
        serveCrl("/issuing.crl", TestPki.ISSUING.crl());
        IssuedCertificate s = TestPki.ISSUING.issue("vpn").ocspUrls(http.url("/ocsp"))
                .crlDistributionPoints(http.url("/issuing.crl")).build();
        responder.unknown(s.certificate().getSerialNumber());
        CertificateRevocation r = checker.checkCertificate(s.certificate(), TestPki.ISSUING.certificate(), TestPki.NOW);
        assertEquals(RevocationStatus.GOOD, r.status());
        assertEquals(List.of(Source.OCSP, Source.CRL), r.attempts().stream().map(a -> a.source()).toList());
        RevocationChecker crlOnly = checker.withOcsp(false);
        assertEquals(1, crlOnly.checkCertificate(s.certificate(), TestPki.ISSUING.certificate(), TestPki.NOW)
                .attempts().size());
    }

    @Test
    void checksTheChainABuilderMade() throws Exception {
        http.bytes("/issuing.crt", "application/pkix-cert", CertificateWriter.der(TestPki.ISSUING.certificate()));
        IssuedCertificate s = TestPki.ISSUING.issue("vpn").caIssuersUrls(http.url("/issuing.crt"))
                .crlDistributionPoints(http.url("/issuing.crl")).build();
        serveCrl("/issuing.crl", TestPki.ISSUING.crl().revoke(s.certificate(), REVOKED_AT, RevocationReason.UNSPECIFIED));
        var chain = new ChainBuilder(TestPki.clientTrust()).withAiaFetching(fetcher).build(List.of(s.certificate()),
                TestPki.NOW);
        RevocationReport report = checker.check(chain, TestPki.NOW);
        assertEquals(RevocationStatus.REVOKED, report.overall(), report.describe());
        assertEquals(3, report.certificates().size());
    }

    @Test
    void incompleteChainLeavesTheLastCertificateUnchecked() {
        IssuedCertificate s = serverWithCdp("/issuing.crl");
        RevocationReport report = checker.check(List.of(s.certificate()), TestPki.NOW);
        assertEquals(RevocationStatus.NOT_CHECKED, report.overall());
        assertTrue(report.leaf().explanation().contains("chain is incomplete"), report.leaf().explanation());
        assertNull(report.leaf().revocationDate());
        assertEquals(0, http.hits("/issuing.crl"));
    }
}
