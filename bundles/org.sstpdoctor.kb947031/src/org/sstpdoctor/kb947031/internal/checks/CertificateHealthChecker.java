package org.sstpdoctor.kb947031.internal.checks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.ICheckContext;
import org.sstpdoctor.core.checks.Severity;
import org.sstpdoctor.kb947031.KbFindings;
import org.sstpdoctor.probe.evidence.ProbeEvidenceSettings;
import org.sstpdoctor.remote.commands.CertStoreEvidence.Certificate;
import org.sstpdoctor.remote.commands.CommandCatalog;

/**
 * Beyond the KB, what administrators need to know before clients fail: the certificate SSTP uses
 * expires within the warning window (the same setting as the probe's,
 * {@link ProbeEvidenceSettings#KEY_EXPIRY_WARNING_DAYS}), or Windows holds no private key for it
 * (RasSstp event 11: SSTP cannot use it).
 */
public final class CertificateHealthChecker extends KbChecker {

    @Override
    List<Finding> check(ServerFacts facts, ICheckContext context) {
        Optional<Certificate> bound = facts.boundCertificate();
        if (bound.isEmpty()) {
            return List.of();
        }
        Certificate c = bound.get();
        List<Finding> out = new ArrayList<>();
        String evidence = ServerFacts.describe(c) + "\n" + facts.outputs(CommandCatalog.SSLCERT, CommandCatalog.CERT_STORE);
        int days = ProbeEvidenceSettings.current().expiryWarningDays();
        if (days > 0 && !c.notAfter().isBefore(facts.now())
                && c.notAfter().isBefore(facts.now().plus(Duration.ofDays(days)))) {
            long left = Duration.between(facts.now(), c.notAfter()).toDays();
            out.add(Finding.of(KbFindings.BOUND_CERTIFICATE_EXPIRING_SOON, Severity.WARNING,
                    "The certificate SSTP uses, " + ServerFacts.brief(c) + ", expires in " + left
                            + (left == 1 ? " day" : " days") + " (warning window " + days + " days)")
                    .withErrorCode(ExpiredCertificateChecker.CODE).withScenario(4)
                    .withEvidence("expires " + c.notAfter(), evidence));
        }
        boolean anotherHasKey = facts.store().map(st -> st.value().certificates().stream()
                .anyMatch(o -> o.allowsServerAuthentication() && o.hasPrivateKey())).orElse(false);
        if (!c.hasPrivateKey() && anotherHasKey) { // with no such certificate at all, scenario 3 names the cause
            out.add(Finding.of(KbFindings.BOUND_CERTIFICATE_WITHOUT_PRIVATE_KEY, Severity.ERROR,
                    "Windows has no private key for the certificate SSTP uses, " + ServerFacts.brief(c)
                            + ": SSTP cannot complete a TLS handshake with it")
                    .withErrorCode(NoServerCertificateChecker.CODE).withScenario(3)
                    .withEvidence("HasPrivateKey false", evidence));
        }
        return out;
    }
}
