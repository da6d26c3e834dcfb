package org.sstpdoctor.probe.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sstpdoctor.core.checks.CheckerDescriptor;
import org.sstpdoctor.core.checks.CheckerRegistry;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.IChecker;
import org.sstpdoctor.core.errors.ErrorCatalog;
import org.sstpdoctor.probe.evidence.NetworkEvidenceProvider;
import org.sstpdoctor.probe.tests.Evidences.Case;

/**
 * Every network checker over the evidence of every kind of server: which findings come out, with
 * which code, scenario and severity, and nothing for a healthy server.
 */
@Timeout(60)
class NetworkCheckersTest {

    static final List<String> CHECKERS = List.of("reachability", "tlsHandshake", "serverCertificate", "revocation",
            "sstpHandshake", "addressFamilies").stream().map(s -> "org.sstpdoctor.probe." + s).toList();

    /** Every finding of every network checker on {@code c}, as {@code kind code scenario severity}. */
    private static List<String> findings(Case c) throws Exception {
        CheckerRegistry registry = new CheckerRegistry(Platform.getExtensionRegistry());
        List<String> out = new ArrayList<>();
        for (String id : CHECKERS) {
            IChecker checker = registry.checker(id).orElseThrow(() -> new AssertionError(id + " not contributed"))
                    .createChecker();
            for (Finding f : checker.check(Evidences.context(c), new NullProgressMonitor())) {
                out.add(f.kind().replace("org.sstpdoctor.probe.", "") + " " + (f.errorCode() == null ? "-"
                        : f.errorCodeText()) + " " + f.scenario() + " " + f.severity());
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            HEALTHY              | none
            NAME_NOT_RESOLVED    | nameNotResolved 868 0 ERROR
            REFUSED              | connectionRefused 809 2 ERROR
            TLS_VERSION_MISMATCH | tlsHandshakeFailed 0x80090326 0 ERROR
            NO_CERTIFICATE       | noServerCertificate 0x80070040 3 ERROR
            EXPIRED_AND_MISNAMED | certificateExpired 0x800B0101 4 ERROR, certificateNameMismatch 0x800B010F 6 ERROR
            EXPIRING_SOON        | certificateExpiringSoon - 4 WARNING
            REVOKED              | certificateRevoked 0x80092010 0 ERROR
            CALL_REFUSED         | sstpCallRefused 0x800704C9 1 ERROR
            REVERSE_PROXY        | notAnSstpListener 809 2 ERROR
            FAMILIES_DIFFER      | addressesPresentDifferentCertificates - 0 WARNING
            """)
    void eachServerGetsTheFindingsOfItsProblem(Case c, String expected) throws Exception {
        List<String> want = expected == null ? List.of() : List.of(expected.split("\\s*,\\s*"));
        assertEquals(want, findings(c), () -> Evidences.evidence(c).text());
    }

    @Test
    void everyCodeACheckerDeclaresIsInTheCatalog() {
        CheckerRegistry registry = new CheckerRegistry(Platform.getExtensionRegistry());
        for (String id : CHECKERS) {
            CheckerDescriptor d = registry.checker(id).orElseThrow(() -> new AssertionError(id + " is not valid"));
            assertEquals(List.of(NetworkEvidenceProvider.ID), d.requiredEvidence(), id);
            for (String code : d.reportedCodes()) {
                assertTrue(ErrorCatalog.getDefault().lookup(code).isPresent(), id + " reports " + code);
            }
        }
        assertTrue(registry.evidenceProvider(NetworkEvidenceProvider.ID).isPresent());
    }

    @Test
    void aFindingCarriesTheCauseTheSummaryAndTheTranscript() throws Exception {
        IChecker checker = new CheckerRegistry(Platform.getExtensionRegistry())
                .checker("org.sstpdoctor.probe.sstpHandshake").orElseThrow().createChecker();
        Finding f = checker.check(Evidences.context(Case.REVERSE_PROXY), new NullProgressMonitor()).get(0);
        assertTrue(f.message().startsWith("Something other than the SSTP listener answers on port "), f.message());
        assertTrue(f.message().contains("HTTP 404, Server: test-reverse-proxy"), f.message());
        assertFalse(f.message().contains("\n"));
        assertTrue(f.evidenceSummary().contains("HTTP_STATUS(404) at the HTTP step"), f.evidenceSummary());
        for (String part : List.of("SSTP probe of localhost:", "outcome: HTTP_STATUS(404)", "evidence to look at:",
                "Certificate assessment at", "verdict: a Windows client accepts this chain for localhost")) {
            assertTrue(f.evidence().contains(part), "missing \"" + part + "\" in\n" + f.evidence());
        }
    }

    @Test
    void aFindingBehindACertificateErrorSaysWhichErrorClientsMeetFirst() throws Exception {
        IChecker checker = new CheckerRegistry(Platform.getExtensionRegistry())
                .checker("org.sstpdoctor.probe.serverCertificate").orElseThrow().createChecker();
        List<Finding> found = checker.check(Evidences.context(Case.EXPIRED_AND_MISNAMED), new NullProgressMonitor());
        Finding name = found.stream().filter(f -> f.kind().endsWith("certificateNameMismatch")).findFirst()
                .orElseThrow();
        assertTrue(name.evidenceSummary().endsWith("(clients meet 0x800B0101 first)"), name.evidenceSummary());
        assertTrue(name.evidence().contains("What tells the causes apart:\n  - localhost matches none of DNS:vpn.contoso.com"),
                name.evidence());
        assertTrue(name.message().contains("localhost"), name.message());
    }
}
