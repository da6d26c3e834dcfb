package org.sstpdoctor.pki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sstpdoctor.pki.ChainBuilder;
import org.sstpdoctor.pki.ChainElement.Origin;
import org.sstpdoctor.pki.ChainProblem;
import org.sstpdoctor.pki.ChainResult;
import org.sstpdoctor.pki.CertificateAuthority;
import org.sstpdoctor.pki.CertificateWriter;
import org.sstpdoctor.pki.FetchException;
import org.sstpdoctor.pki.IssuedCertificate;
import org.sstpdoctor.pki.JdkHttpFetcher;
import org.sstpdoctor.pki.LabPki;
import org.sstpdoctor.pki.TrustStore;

/** Chains as clients build them, every problem collected, missing issuers fetched from a real HTTP server. */
class ChainBuilderTest {

    private static final ChainBuilder CLIENT = new ChainBuilder(TestPki.clientTrust());

    private LocalHttpServer http;
    private JdkHttpFetcher fetcher;

    @BeforeEach
    void start() throws Exception {
        http = new LocalHttpServer();
        fetcher = new JdkHttpFetcher(Duration.ofSeconds(2), Duration.ofSeconds(3));
    }

    @AfterEach
    void stop() {
        fetcher.close();
        http.close();
    }

    private static IssuedCertificate server() {
        return TestPki.ISSUING.issue("vpn.contoso.com").dnsNames("vpn.contoso.com").build();
    }

    @Test
    void goodChain() {
        IssuedCertificate s = server();
        ChainResult r = CLIENT.build(s.presentedChain(), TestPki.NOW);
        assertTrue(r.valid(), r.describe());
        assertTrue(r.trusted());
        assertEquals(s.chain(), r.certificates());
        assertEquals(List.of(Origin.PRESENTED, Origin.PRESENTED, Origin.TRUST_STORE),
                r.elements().stream().map(e -> e.origin()).toList());
        assertTrue(r.elements().get(2).trustAnchor());
        assertTrue(r.unused().isEmpty());
        assertTrue(r.describe().contains("No problems"), r.describe());
    }

    @Test
    void orderIsNotTrustedAndExtrasAreIgnored() {
        IssuedCertificate s = server();
        ChainResult r = CLIENT.build(List.of(s.certificate(), TestPki.FOREIGN_ROOT.certificate(),
                TestPki.ROOT.certificate(), TestPki.ISSUING.certificate(), s.certificate()), TestPki.NOW);
        assertTrue(r.valid(), r.describe());
        assertEquals(s.chain(), r.certificates());
        assertEquals(Origin.PRESENTED, r.elements().get(2).origin(), "the server sent the root too");
        assertEquals(List.of(TestPki.FOREIGN_ROOT.certificate()), r.unused());
    }

    @Test
    void expiredLeaf() {
        IssuedCertificate s = TestPki.ISSUING.issue("vpn").validity(TestPki.daysFromNow(-400),
                TestPki.daysFromNow(-35)).build();
        ChainResult r = CLIENT.build(s.presentedChain(), TestPki.NOW);
        assertEquals(Set.of(ChainProblem.EXPIRED), r.problems(), r.describe());
        assertTrue(r.trusted());
        assertEquals(1, r.issues().size(), "PKIX agrees and adds nothing: " + r.describe());
        assertEquals(0, r.issues().get(0).index());
        assertEquals(0x800B0101, ChainProblem.EXPIRED.hresult());
    }

    @Test
    void notYetValidLeaf() {
        IssuedCertificate s = TestPki.ISSUING.issue("vpn").validity(TestPki.daysFromNow(2), TestPki.daysFromNow(400))
                .build();
        ChainResult r = CLIENT.build(s.presentedChain(), TestPki.NOW);
        assertEquals(Set.of(ChainProblem.NOT_YET_VALID), r.problems(), r.describe());
        assertTrue(r.issues().get(0).message().contains("not valid before"));
    }

    @Test
    void everyProblemIsCollectedNotOnlyTheFirst() {
        CertificateAuthority root = LabPki.rootCa("CN=Unknown Root").build();
        CertificateAuthority future = root.intermediate("CN=Future CA")
                .validity(TestPki.daysFromNow(10), TestPki.daysFromNow(1000)).build();
        IssuedCertificate leaf = future.issue("vpn").validity(TestPki.daysFromNow(-100), TestPki.daysFromNow(-1))
                .build();
        ChainResult r = CLIENT.build(leaf.chain(), TestPki.NOW);
        assertEquals(EnumSet.of(ChainProblem.EXPIRED, ChainProblem.NOT_YET_VALID, ChainProblem.UNTRUSTED_ROOT),
                r.problems(), r.describe());
        assertEquals(ChainProblem.EXPIRED, r.issuesAt(0).get(0).problem());
        assertEquals(ChainProblem.NOT_YET_VALID, r.issuesAt(1).get(0).problem());
        assertEquals(ChainProblem.UNTRUSTED_ROOT, r.issuesAt(2).get(0).problem());
        assertFalse(r.trusted());
    }

    @Test
    void untrustedRootPresented() {
        IssuedCertificate s = TestPki.FOREIGN_ROOT.issue("vpn").build();
        ChainResult r = CLIENT.build(s.chain(), TestPki.NOW);
        assertEquals(Set.of(ChainProblem.UNTRUSTED_ROOT), r.problems(), r.describe());
        assertTrue(r.issues().get(0).message().contains("not in the trust store (test clients' roots)"),
                r.describe());
        assertEquals(0x800B0109, ChainProblem.UNTRUSTED_ROOT.hresult());
    }

    @Test
    void theClientsTrustIsAParameter() throws Exception {
        IssuedCertificate s = server();
        assertTrue(CLIENT.build(s.chain(), TestPki.NOW).valid());
        ChainResult publicRoots = new ChainBuilder(TrustStore.jdkCacerts()).build(s.chain(), TestPki.NOW);
        assertEquals(Set.of(ChainProblem.UNTRUSTED_ROOT), publicRoots.problems(), publicRoots.describe());
        ChainResult none = new ChainBuilder(TrustStore.of("nothing", List.of())).build(s.chain(), TestPki.NOW);
        assertEquals(Set.of(ChainProblem.UNTRUSTED_ROOT), none.problems());
    }

    @Test
    void selfSignedServerCertificate() {
        IssuedCertificate self = LabPki.selfSigned("vpn.contoso.com").dnsNames("vpn.contoso.com").build();
        ChainResult untrusted = CLIENT.build(List.of(self.certificate()), TestPki.NOW);
        assertEquals(Set.of(ChainProblem.UNTRUSTED_ROOT), untrusted.problems(), untrusted.describe());
        assertTrue(untrusted.issues().get(0).message().contains("self-signed"));
        ChainResult installed = new ChainBuilder(TrustStore.of("clients with the lab certificate installed",
                List.of(self.certificate()))).build(List.of(self.certificate()), TestPki.NOW);
        assertTrue(installed.valid(), installed.describe());
        assertTrue(installed.elements().get(0).trustAnchor());
    }

    @Test
    void incompleteChainWithoutAia() {
        IssuedCertificate s = server();
        ChainResult r = CLIENT.build(List.of(s.certificate()), TestPki.NOW);
        assertEquals(Set.of(ChainProblem.INCOMPLETE_CHAIN), r.problems(), r.describe());
        assertEquals(1, r.elements().size());
        assertTrue(r.issues().get(0).message().contains("AIA fetching is off"), r.describe());
        assertEquals(0x800B010A, ChainProblem.INCOMPLETE_CHAIN.hresult());
    }

    @Test
    void incompleteChainCompletedViaAiaFromARealHttpServer() throws Exception {
        http.bytes("/issuing.crt", "application/pkix-cert", CertificateWriter.der(TestPki.ISSUING.certificate()));
        IssuedCertificate s = TestPki.ISSUING.issue("vpn").caIssuersUrls(http.url("/issuing.crt")).build();
        ChainResult r = CLIENT.withAiaFetching(fetcher).build(List.of(s.certificate()), TestPki.NOW);
        assertTrue(r.valid(), r.describe());
        assertEquals(s.chain(), r.certificates());
        assertEquals(Origin.FETCHED_VIA_AIA, r.elements().get(1).origin());
        assertEquals(1, r.aiaFetches().size());
        assertTrue(r.aiaFetches().get(0).succeeded(), r.describe());
        assertEquals(1, http.hits("/issuing.crt"));
    }

    @Test
    void aiaServingAPkcs7BundleReachesAnUntrustedRoot() throws Exception {
        CertificateAuthority foreignIssuing = TestPki.FOREIGN_ROOT.intermediate("CN=Foreign Issuing")
                .caIssuersUrls(http.url("/root.p7c")).build();
        http.bytes("/issuing.p7c", "application/pkcs7-mime",
                CertificateWriter.pkcs7(List.of(foreignIssuing.certificate())));
        http.bytes("/root.p7c", "application/pkcs7-mime", CertificateWriter.pkcs7(List.of(TestPki.FOREIGN_ROOT
                .certificate())));
        IssuedCertificate s = foreignIssuing.issue("vpn").caIssuersUrls(http.url("/issuing.p7c")).build();
        ChainResult r = CLIENT.withAiaFetching(fetcher).build(List.of(s.certificate()), TestPki.NOW);
        assertEquals(Set.of(ChainProblem.UNTRUSTED_ROOT), r.problems(), r.describe());
        assertEquals(3, r.elements().size());
        assertEquals(2, r.aiaFetches().size());
    }

    @Test
    void aiaServerDown() throws Exception {
        IssuedCertificate s = TestPki.ISSUING.issue("vpn")
                .caIssuersUrls("http://127.0.0.1:" + LocalHttpServer.closedPort() + "/issuing.crt").build();
        ChainResult r = CLIENT.withAiaFetching(fetcher).build(List.of(s.certificate()), TestPki.NOW);
        assertEquals(Set.of(ChainProblem.INCOMPLETE_CHAIN), r.problems(), r.describe());
        assertEquals(FetchException.Kind.REFUSED, r.aiaFetches().get(0).failure());
        assertTrue(r.issues().get(0).message().contains("AIA caIssuers fetching did not give it"), r.describe());
    }

    @Test
    void aiaIsNotFetchedUnlessEnabled() {
        http.bytes("/issuing.crt", "application/pkix-cert", CertificateWriter.der(TestPki.ISSUING.certificate()));
        IssuedCertificate s = TestPki.ISSUING.issue("vpn").caIssuersUrls(http.url("/issuing.crt")).build();
        ChainResult r = CLIENT.build(List.of(s.certificate()), TestPki.NOW);
        assertTrue(r.has(ChainProblem.INCOMPLETE_CHAIN));
        assertEquals(0, http.hits("/issuing.crt"));
        assertTrue(r.aiaFetches().isEmpty());
    }

    @Test
    void aiaAnswersThatAreTooLargeOrNotCertificates() {
        http.large("/huge.crt", 2 * 1024 * 1024, true);
        http.bytes("/page.html", "text/html", "<html>maintenance</html>".getBytes());
        http.redirect("/https.crt", "https://127.0.0.1/issuing.crt");
        IssuedCertificate s = TestPki.ISSUING.issue("vpn").caIssuersUrls(http.url("/huge.crt"), http.url("/page.html"),
                http.url("/https.crt"), "ldap:///CN=Issuing,CN=AIA", "http://127.0.0.1:1/").build();
        ChainResult r = CLIENT.withAiaFetching(fetcher).withAiaLimits(4, 64 * 1024).build(List.of(s.certificate()),
                TestPki.NOW);
        assertEquals(Set.of(ChainProblem.INCOMPLETE_CHAIN), r.problems(), r.describe());
        assertEquals(5, r.aiaFetches().size(), r.describe());
        assertEquals(FetchException.Kind.TOO_LARGE, r.aiaFetches().get(0).failure(), r.describe());
        assertTrue(r.aiaFetches().get(1).detail().contains("not a certificate"), r.describe());
        assertEquals(FetchException.Kind.UNSUPPORTED_URL, r.aiaFetches().get(2).failure(), r.describe());
        assertEquals(FetchException.Kind.UNSUPPORTED_URL, r.aiaFetches().get(3).failure(), r.describe());
        assertTrue(r.aiaFetches().get(4).detail().contains("limit of 4 AIA fetches"), r.describe());
    }

    @Test
    void badSignature() throws Exception {
        IssuedCertificate s = server();
        X509Certificate tampered = TestPki.tamperSignature(s.certificate());
        ChainResult r = CLIENT.build(List.of(tampered, TestPki.ISSUING.certificate()), TestPki.NOW);
        assertEquals(Set.of(ChainProblem.BAD_SIGNATURE), r.problems(), r.describe());
        assertEquals(0, r.issues().get(0).index());
        assertEquals(3, r.elements().size(), "linked by name and key identifier: " + r.describe());
    }

    @Test
    void issuerThatIsNotACa() {
        IssuedCertificate notCa = TestPki.ISSUING.issue("Not a CA").build();
        IssuedCertificate leaf = CertificateAuthority.misusing(notCa).issue("vpn").build();
        ChainResult r = CLIENT.build(List.of(leaf.certificate(), notCa.certificate(), TestPki.ISSUING.certificate()),
                TestPki.NOW);
        assertTrue(r.has(ChainProblem.NOT_A_CA), r.describe());
        assertTrue(r.has(ChainProblem.INVALID_KEY_USAGE), "no certificate signing in its key usage: " + r.describe());
        assertTrue(r.issuesAt(1).stream().allMatch(i -> i.subject().contains("Not a CA")), r.describe());
        assertTrue(r.trusted());
    }

    @Test
    void pathLengthConstraint() {
        CertificateAuthority constrained = TestPki.ROOT.intermediate("CN=Constrained").pathLength(0).build();
        CertificateAuthority below = constrained.intermediate("CN=Below").build();
        IssuedCertificate leaf = below.issue("vpn").build();
        ChainResult r = CLIENT.build(leaf.presentedChain(), TestPki.NOW);
        assertEquals(Set.of(ChainProblem.PATH_TOO_LONG), r.problems(), r.describe());
        assertEquals(2, r.issues().get(0).index());
    }

    @Test
    void unknownCriticalExtensionFoundByPkix() {
        IssuedCertificate s = TestPki.ISSUING.issue("vpn").extension("1.3.6.1.4.1.99999.42", true,
                new byte[] { 0x05, 0x00 }).build();
        ChainResult r = CLIENT.build(s.presentedChain(), TestPki.NOW);
        assertEquals(Set.of(ChainProblem.UNKNOWN_CRITICAL_EXTENSION), r.problems(), r.describe());
        assertTrue(r.issues().get(0).message().startsWith("PKIX validation failed"), r.describe());
    }

    @Test
    void aHostileHeapOfLookAlikeIssuersStaysCheap() {
        java.security.KeyPair shared = org.sstpdoctor.pki.KeyType.EC_P256.generate();
        String issuerDn = TestPki.ISSUING.certificate().getSubjectX500Principal().getName();
        List<X509Certificate> presented = new java.util.ArrayList<>();
        IssuedCertificate s = server();
        presented.add(s.certificate());
        for (int i = 0; i < 200; i++) {
            presented.add(LabPki.rootCa(issuerDn).keyPair(shared).build().certificate());
        }
        presented.add(TestPki.ISSUING.certificate());
        long start = System.nanoTime();
        ChainResult r = CLIENT.build(presented, TestPki.NOW);
        long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(ms < 2_000, "took " + ms + " ms");
        assertEquals(Set.of(ChainProblem.INCOMPLETE_CHAIN), r.problems(), "the real issuer came after the limit");
        assertEquals(201, r.unused().size());
        ChainResult inTime = CLIENT.build(List.of(s.certificate(), TestPki.ISSUING.certificate(), presented.get(1)),
                TestPki.NOW);
        assertTrue(inTime.valid(), "a look-alike with another key is not taken for the issuer: " + inTime.describe());
    }

    @Test
    void refusesAnEmptyChain() {
        assertThrows(IllegalArgumentException.class, () -> CLIENT.build(List.of(), TestPki.NOW));
    }
}
