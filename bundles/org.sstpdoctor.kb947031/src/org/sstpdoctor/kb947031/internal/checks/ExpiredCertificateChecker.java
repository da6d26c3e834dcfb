package org.sstpdoctor.kb947031.internal.checks;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.ICheckContext;
import org.sstpdoctor.core.checks.Severity;
import org.sstpdoctor.kb947031.KbFindings;
import org.sstpdoctor.remote.commands.CertStoreEvidence.Certificate;
import org.sstpdoctor.remote.commands.CommandCatalog;

/**
 * KB947031 scenario 4 (0x800B0101): the certificate SSTP uses has expired. Beyond the KB, the most
 * reported field failure is told apart: the certificate was renewed, the new one is in the store,
 * but SSTP still uses the old one (renewed but not rebound).
 */
public final class ExpiredCertificateChecker extends KbChecker {

    static final int CODE = 0x800B0101;

    @Override
    List<Finding> check(ServerFacts facts, ICheckContext context) {
        Optional<Certificate> bound = facts.boundCertificate();
        if (bound.isEmpty() || !bound.get().notAfter().isBefore(facts.now())) {
            return List.of();
        }
        Certificate old = bound.get();
        Optional<Certificate> renewed = facts.usableCertificates().stream()
                .filter(c -> !c.sha1Thumbprint().equals(old.sha1Thumbprint()))
                .filter(c -> ServerFacts.shareAName(c, old) || ServerFacts.matchesHost(c, facts.server().host()))
                .max(Comparator.comparing(Certificate::notAfter));
        String evidence = "Bound (" + facts.boundThumbprintSource() + "):\n" + ServerFacts.describe(old) + "\n"
                + renewed.map(r -> "Renewed, not bound:\n" + ServerFacts.describe(r) + "\n").orElse("")
                + facts.outputs(CommandCatalog.SSLCERT, CommandCatalog.SSTP_REGISTRY, CommandCatalog.CERT_STORE);
        if (renewed.isPresent()) {
            return List.of(Finding.of(KbFindings.RENEWED_CERTIFICATE_NOT_BOUND, Severity.ERROR,
                    "SSTP still uses the expired certificate " + ServerFacts.brief(old)
                            + " although the store holds its renewal " + ServerFacts.brief(renewed.get())
                            + ": renewed but not bound")
                    .withErrorCode(CODE).withScenario(4)
                    .withEvidence("expired " + old.notAfter() + "; renewal " + renewed.get().sha1Thumbprint() + " not bound",
                            evidence));
        }
        return List.of(Finding.of(KbFindings.BOUND_CERTIFICATE_EXPIRED, Severity.ERROR,
                "The certificate SSTP uses, " + ServerFacts.brief(old) + ", expired on " + old.notAfter()
                        + " and the store holds no renewal of it")
                .withErrorCode(CODE).withScenario(4).withEvidence("expired " + old.notAfter(), evidence));
    }
}
