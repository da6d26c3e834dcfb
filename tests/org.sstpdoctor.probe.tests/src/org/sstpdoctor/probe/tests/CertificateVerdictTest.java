package org.sstpdoctor.probe.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sstpdoctor.pki.ChainElement;
import org.sstpdoctor.pki.IssuedCertificate;
import org.sstpdoctor.pki.KeyPurpose;
import org.sstpdoctor.pki.LabPki;
import org.sstpdoctor.pki.RevocationReason;
import org.sstpdoctor.probe.CertificateAssessment;
import org.sstpdoctor.probe.CertificateProblem;
import org.sstpdoctor.probe.CertificateProblem.Kind;
import org.sstpdoctor.probe.CertificateProblem.Level;
import org.sstpdoctor.probe.ClientFetchers;
import org.sstpdoctor.probe.PkiCertificateAssessor;
import org.sstpdoctor.probe.PredictedError;
import org.sstpdoctor.probe.ProbeOutcome;
import org.sstpdoctor.probe.ProbeResult;
import org.sstpdoctor.probe.ProbeTarget;

/**
 * End to end, for every certificate scenario: a real JSSE server on loopback presents a chain
 * minted by the lab PKI, the prober captures it, and the PKI assessor predicts the error a
 * Windows client shows, with CRLs, OCSP answers and issuers served by a real HTTP server.
 */
@Timeout(60)
class CertificateVerdictTest {

    private static final Instant REVOKED_AT = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);

    private static HttpPeer http;
    private static ClientFetchers fetchers;
    private static PkiCertificateAssessor assessor;

    @BeforeAll
    static void start() throws Exception {
        http = new HttpPeer();
        fetchers = ClientFetchers.create(Lab.FETCH_CONNECT, Lab.FETCH_TIMEOUT);
        assessor = Lab.assessor(fetchers);
    }

    @AfterAll
    static void stop() {
        fetchers.close();
        http.close();
    }

    /** A server certificate for localhost from the issuing CA, its CRL at {@code crlPath} of the HTTP peer. */
    private static org.sstpdoctor.pki.CertificateBuilder localhost(String crlPath) {
        return Lab.ISSUING.issue("localhost").dnsNames("localhost").crlDistributionPoints(http.url(crlPath));
    }

    private static void serveCrl(String path, org.sstpdoctor.pki.CrlBuilder crl) throws Exception {
        http.bytes(path, "application/pkix-crl", crl.build().getEncoded());
    }

    private static PredictedError predict(IssuedCertificate server, String host) throws Exception {
        return predict(TestCertificates.of(server), host);
    }

    private static PredictedError predict(TestCertificates.Identity identity, String host) throws Exception {
        ProbeResult r = Lab.probe(identity, host);
        assertEquals(ProbeOutcome.Kind.SSTP_ACK, r.outcome().kind(), Probes.why(r));
        PredictedError p = r.predictedError(assessor);
        assertTrue(p.certificateAssessed(), p.toString());
        return p;
    }

    private static CertificateAssessment assess(IssuedCertificate server, String host) throws Exception {
        return assess(TestCertificates.of(server), host);
    }

    private static CertificateAssessment assess(TestCertificates.Identity server, String host) throws Exception {
        ProbeResult r = Lab.probe(server, host);
        return assessor.evaluate(r.target(), r.tls());
    }

    @Test
    void aHealthyChainIsAcceptedAndTheCallGoesThrough() throws Exception {
        serveCrl("/good.crl", Lab.ISSUING.crl());
        IssuedCertificate server = localhost("/good.crl").build();
        PredictedError p = predict(server, "localhost");
        assertNull(p.code(), p.toString());
        CertificateAssessment a = assess(server, "localhost");
        assertEquals(List.of(), a.problems(), a.describe());
        assertTrue(a.describe().contains("a Windows client accepts this chain for localhost"), a.describe());
    }

    @Test
    void anExpiredCertificateIs800B0101() throws Exception {
        serveCrl("/expired.crl", Lab.ISSUING.crl());
        IssuedCertificate server = localhost("/expired.crl").validity(Lab.daysFromNow(-400), Lab.daysFromNow(-5))
                .build();
        PredictedError p = predict(server, "localhost");
        assertEquals("0x800B0101", p.codeText(), p.toString());
        assertEquals(4, p.scenario());
        assertTrue(p.cause().startsWith("The server certificate CN=localhost expired on"), p.cause());
        assertTrue(p.tellApart().stream().anyMatch(t -> t.contains("If the certificate was renewed")), p.toString());
    }

    @Test
    void aCertificateNotYetValidIsAlso800B0101() throws Exception {
        serveCrl("/future.crl", Lab.ISSUING.crl());
        IssuedCertificate server = localhost("/future.crl").validity(Lab.daysFromNow(3), Lab.daysFromNow(400))
                .build();
        PredictedError p = predict(server, "localhost");
        assertEquals("0x800B0101", p.codeText(), p.toString());
        assertTrue(p.cause().contains("is not valid before"), p.cause());
    }

    @Test
    void aClientAuthenticationOnlyCertificateIsTheKbs809() throws Exception {
        serveCrl("/client.crl", Lab.ISSUING.crl());
        IssuedCertificate server = localhost("/client.crl").extendedKeyUsage(KeyPurpose.CLIENT_AUTHENTICATION)
                .build();
        PredictedError p = predict(server, "localhost");
        assertEquals(809, p.code(), p.toString());
        assertEquals(2, p.scenario());
        assertTrue(p.cause().contains("Client Authentication only"), p.cause());
    }

    @Test
    void aWrongNameIs800B010F() throws Exception {
        serveCrl("/wrong.crl", Lab.ISSUING.crl());
        IssuedCertificate server = Lab.ISSUING.issue("vpn.contoso.com").dnsNames("vpn.contoso.com")
                .crlDistributionPoints(http.url("/wrong.crl")).build();
        PredictedError p = predict(server, "localhost");
        assertEquals("0x800B010F", p.codeText(), p.toString());
        assertEquals(6, p.scenario());
        assertTrue(p.tellApart().stream().anyMatch(t -> t.contains("DNS:vpn.contoso.com")), p.toString());
    }

    @Test
    void anIpAddressMustBeInTheCertificate() throws Exception {
        serveCrl("/ip.crl", Lab.ISSUING.crl());
        IssuedCertificate withAddress = localhost("/ip.crl").ipAddresses("127.0.0.1").build();
        assertNull(predict(withAddress, "127.0.0.1").code(), "the SAN holds 127.0.0.1");

        IssuedCertificate namesOnly = localhost("/ip.crl").build();
        PredictedError p = predict(namesOnly, "127.0.0.1");
        assertEquals("0x800B010F", p.codeText(), p.toString());
        assertTrue(p.tellApart().stream().anyMatch(t -> t.contains("by the IP address 127.0.0.1")), p.toString());

        IssuedCertificate cnAddress = Lab.ISSUING.issue("127.0.0.1").crlDistributionPoints(http.url("/ip.crl"))
                .build();
        assertNull(predict(cnAddress, "127.0.0.1").code(), "KB947031: the address in the subject name counts");
    }

    @Test
    void anUntrustedRootIs800B0109() throws Exception {
        IssuedCertificate server = Lab.FOREIGN_ROOT.issue("localhost").dnsNames("localhost").build();
        PredictedError p = predict(TestCertificates.withRoot(server), "localhost");
        assertEquals("0x800B0109", p.codeText(), p.toString());
        assertEquals(5, p.scenario());
        assertTrue(p.cause().contains("Someone Else's Root"), p.cause());

        PredictedError selfSigned = predict(TestCertificates.of(LabPki.selfSigned("localhost").dnsNames("localhost")
                .build()), "localhost");
        assertEquals("0x800B0109", selfSigned.codeText());
        assertTrue(selfSigned.cause().startsWith("The server's certificate is self-signed"), selfSigned.cause());
    }

    @Test
    void anIncompleteChainIsCompletedFromTheAiaUrl() throws Exception {
        serveCrl("/aia.crl", Lab.ISSUING.crl());
        http.bytes("/issuing.cer", "application/pkix-cert", Lab.ISSUING.certificate().getEncoded());
        IssuedCertificate server = localhost("/aia.crl").caIssuersUrls(http.url("/issuing.cer")).build();
        ProbeResult r = Lab.probe(TestCertificates.leafOnly(server), "localhost");
        assertEquals(1, r.presentedChain().length, "the server sends no intermediate");
        CertificateAssessment a = assessor.evaluate(r.target(), r.tls());
        assertEquals(List.of(), a.problems(), a.describe());
        assertEquals(ChainElement.Origin.FETCHED_VIA_AIA, a.chain().elements().get(1).origin());
        assertTrue(http.requests().contains("GET /issuing.cer"), http.requests().toString());
        assertNull(r.predictedError(assessor).code());
    }

    @Test
    void anIncompleteChainWithoutAReachableIssuerIs800B010A() throws Exception {
        serveCrl("/noaia.crl", Lab.ISSUING.crl());
        IssuedCertificate server = localhost("/noaia.crl")
                .caIssuersUrls("http://127.0.0.1:" + NetworkFailureTest.closedPort() + "/issuing.cer").build();
        PredictedError p = predict(TestCertificates.leafOnly(server), "localhost");
        assertEquals("0x800B010A", p.codeText(), p.toString());
        assertTrue(p.tellApart().stream().anyMatch(t -> t.startsWith("AIA http://127.0.0.1:") && t.contains("refused")),
                p.toString());
    }

    @Test
    void aCertificateOnTheCrlIs80092010() throws Exception {
        IssuedCertificate server = localhost("/revoked.crl").build();
        serveCrl("/revoked.crl", Lab.ISSUING.crl().revoke(server.certificate(), REVOKED_AT,
                RevocationReason.KEY_COMPROMISE));
        PredictedError p = predict(server, "localhost");
        assertEquals("0x80092010", p.codeText(), p.toString());
        assertTrue(p.cause().contains("is revoked (since " + REVOKED_AT), p.cause());
        assertTrue(http.requests().contains("GET /revoked.crl"), http.requests().toString());
    }

    @Test
    void aCrlServerThatIsDownIs80092013() throws Exception {
        IssuedCertificate server = Lab.ISSUING.issue("localhost").dnsNames("localhost")
                .crlDistributionPoints("http://127.0.0.1:" + NetworkFailureTest.closedPort() + "/down.crl").build();
        PredictedError p = predict(server, "localhost");
        assertEquals("0x80092013", p.codeText(), p.toString());
        assertEquals(7, p.scenario());
        assertTrue(p.tellApart().stream().anyMatch(t -> t.contains("unreachable") && t.contains("/down.crl")),
                p.toString());
    }

    @Test
    void anExpiredCrlCountsAsOffline() throws Exception {
        serveCrl("/stale.crl", Lab.ISSUING.crl().thisUpdate(Lab.daysFromNow(-10)).nextUpdate(Lab.daysFromNow(-3)));
        IssuedCertificate server = localhost("/stale.crl").build();
        CertificateAssessment a = assess(server, "localhost");
        assertEquals(Kind.CRL_EXPIRED, a.problems().get(0).kind(), a.describe());
        assertEquals("0x80092013", a.error().orElseThrow().codeText());
    }

    @Test
    void aCertificateTheOcspResponderCallsRevokedIs80092010() throws Exception {
        IssuedCertificate server = Lab.ISSUING.issue("localhost").dnsNames("localhost")
                .ocspUrls(http.url("/ocsp")).build();
        http.ocsp("/ocsp", Lab.ISSUING.ocspResponder().revoke(server.certificate(), REVOKED_AT,
                RevocationReason.CESSATION_OF_OPERATION));
        PredictedError p = predict(server, "localhost");
        assertEquals("0x80092010", p.codeText(), p.toString());
        assertTrue(http.requests().contains("POST /ocsp"), http.requests().toString());
    }

    @Test
    void aCertificateWithNowhereToCheckRevocationIsANoteNotAnError() throws Exception {
        IssuedCertificate server = Lab.ISSUING.issue("localhost").dnsNames("localhost").build();
        CertificateAssessment a = assess(server, "localhost");
        assertTrue(a.accepted(), a.describe());
        CertificateProblem note = a.problems(Kind.NO_REVOCATION_INFORMATION).get(0);
        assertEquals(Level.INFO, note.level());
        assertEquals("0x80092012", note.codeText());
        assertTrue(note.tellApart().stream().anyMatch(t -> t.contains("NoCertRevocationCheck")), note.toString());
    }

    @Test
    void aCertificateThatExpiresSoonIsAWarning() throws Exception {
        serveCrl("/soon.crl", Lab.ISSUING.crl());
        IssuedCertificate server = localhost("/soon.crl").validity(Lab.daysFromNow(-300), Lab.daysFromNow(10)).build();
        CertificateAssessment a = assess(server, "localhost");
        assertTrue(a.accepted(), a.describe());
        CertificateProblem soon = a.problems(Kind.EXPIRING_SOON).get(0);
        assertEquals(Level.WARNING, soon.level());
        assertTrue(soon.cause().contains("in 9 days") || soon.cause().contains("in 10 days"), soon.cause());
        assertTrue(assessor.withExpiryWarningDays(5).evaluate(a.target(), tlsOf(server)).problems().isEmpty(),
                "a five-day window does not warn of a certificate ten days from its end");
    }

    @Test
    void theClientsOrderDecidesWhichErrorIsShownAndEveryProblemIsListed() throws Exception {
        serveCrl("/order.crl", Lab.ISSUING.crl());
        IssuedCertificate expiredAndMisnamed = Lab.ISSUING.issue("vpn.contoso.com").dnsNames("vpn.contoso.com")
                .crlDistributionPoints(http.url("/order.crl")).validity(Lab.daysFromNow(-400), Lab.daysFromNow(-1))
                .build();
        CertificateAssessment a = assess(expiredAndMisnamed, "localhost");
        assertEquals(List.of(Kind.EXPIRED, Kind.NAME_MISMATCH), a.problems().stream().map(CertificateProblem::kind)
                .toList(), a.describe());
        assertEquals("0x800B0101", a.error().orElseThrow().codeText(), "the chain's time before the name");

        IssuedCertificate untrustedAndMisnamed = Lab.FOREIGN_ROOT.issue("vpn.contoso.com").dnsNames("vpn.contoso.com")
                .build();
        CertificateAssessment b = assess(TestCertificates.withRoot(untrustedAndMisnamed), "localhost");
        assertEquals(Kind.UNTRUSTED_ROOT, b.problems().get(0).kind(), b.describe());
        assertTrue(b.has(Kind.NAME_MISMATCH));

        IssuedCertificate revokedAndMisnamed = Lab.ISSUING.issue("vpn.contoso.com").dnsNames("vpn.contoso.com")
                .crlDistributionPoints(http.url("/order-revoked.crl")).build();
        serveCrl("/order-revoked.crl", Lab.ISSUING.crl().revoke(revokedAndMisnamed.certificate(), REVOKED_AT,
                RevocationReason.SUPERSEDED));
        CertificateAssessment c = assess(revokedAndMisnamed, "localhost");
        assertEquals(List.of(Kind.REVOKED, Kind.NAME_MISMATCH), c.problems().stream().map(CertificateProblem::kind)
                .toList(), c.describe());
        String text = c.describe();
        assertTrue(text.indexOf("1. ERROR 0x80092010") < text.indexOf("2. ERROR 0x800B010F"), text);
    }

    @Test
    void revocationIsFetchedThroughTheClientsProxy() throws Exception {
        // A CRL URL whose name never resolves: only a proxy that fetches it for the client can get it.
        IssuedCertificate server = Lab.ISSUING.issue("localhost").dnsNames("localhost")
                .crlDistributionPoints("http://crl.sstpdoctor.invalid/proxied.crl").build();
        serveCrl("/proxied.crl", Lab.ISSUING.crl());
        // the issuing CA's status, asked of the same proxy (which serves by path)
        http.bytes("/root.crl", "application/pkix-crl", Lab.ROOT.crl().build().getEncoded());
        X509Certificate[] chain = TestCertificates.of(server).chain();
        var tls = new org.sstpdoctor.probe.TlsInfo(true, "TLSv1.3", "TLS_AES_128_GCM_SHA256", "localhost", null,
                List.of("TLSv1.3"), "EC", chain);

        CertificateAssessment direct = assessor.evaluate(ProbeTarget.of("localhost", 443), tls);
        assertEquals(Kind.REVOCATION_OFFLINE, direct.problems().get(0).kind(), direct.describe());

        CertificateAssessment proxied = assessor.evaluate(ProbeTarget.of("localhost", 443).viaProxy("127.0.0.1",
                http.port()), tls);
        assertEquals(List.of(), proxied.problems(), proxied.describe());
        assertTrue(http.requests().contains("GET http://crl.sstpdoctor.invalid/proxied.crl"),
                "the proxy was asked for the absolute URL: " + http.requests());
    }

    @Test
    void theDownloadsOfOneAssessmentAreBounded() throws Exception {
        int down = NetworkFailureTest.closedPort();
        CertificateAssessment a;
        Duration took;
        // a server that accepts connections (into its backlog) and never answers
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            String[] urls = new String[8];
            for (int i = 0; i < urls.length; i++) {
                urls[i] = "http://127.0.0.1:" + silent.getLocalPort() + "/never-answers-" + i + ".crl";
            }
            urls[0] = "http://127.0.0.1:" + down + "/down.crl";
            IssuedCertificate server = Lab.ISSUING.issue("localhost").dnsNames("localhost")
                    .crlDistributionPoints(urls).build();
            PkiCertificateAssessor tight = assessor.withFetchBudget(Duration.ofMillis(500));
            long start = System.nanoTime();
            a = tight.evaluate(ProbeTarget.of("localhost", 443), tlsOf(server));
            took = Duration.ofNanos(System.nanoTime() - start);
        }
        assertEquals(Kind.REVOCATION_OFFLINE, a.problems().get(0).kind(), a.describe());
        // the budget, plus at most the one download that was under way when it ran out
        assertTrue(took.compareTo(Duration.ofMillis(500).plus(Lab.FETCH_TIMEOUT).plusMillis(700)) < 0, took.toString());
        assertTrue(a.describe().contains("were used up by the earlier ones"), a.describe());
        assertFalse(a.accepted());
    }

    private static org.sstpdoctor.probe.TlsInfo tlsOf(IssuedCertificate server) {
        return new org.sstpdoctor.probe.TlsInfo(true, "TLSv1.3", "TLS_AES_128_GCM_SHA256", "localhost", null,
                List.of("TLSv1.3"), "EC", TestCertificates.of(server).chain());
    }
}
