package org.sstpdoctor.kb947031.internal.checks;

import java.util.List;
import java.util.Optional;

import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.ICheckContext;
import org.sstpdoctor.core.checks.Severity;
import org.sstpdoctor.kb947031.KbFindings;
import org.sstpdoctor.pki.HostNameMatcher;
import org.sstpdoctor.pki.NameMatch;
import org.sstpdoctor.remote.commands.CertStoreEvidence.Certificate;
import org.sstpdoctor.remote.commands.CommandCatalog;

/**
 * KB947031 scenario 6 (0x800B010F): the host name the clients use (the inventory's host; an IP
 * address must appear in the certificate as an IP SAN) is not in the certificate SSTP uses. Says
 * whether another certificate of the store would match.
 */
public final class NameMismatchChecker extends KbChecker {

    static final int CODE = 0x800B010F;

    @Override
    List<Finding> check(ServerFacts facts, ICheckContext context) {
        Optional<Certificate> bound = facts.boundCertificate();
        if (bound.isEmpty()) {
            return List.of();
        }
        Certificate c = bound.get();
        String host = facts.server().host();
        var x509 = ServerFacts.x509(c);
        if (x509.isEmpty()) {
            return List.of(facts.couldNotTell(6, "whether the bound certificate names " + host
                    + " (its bytes do not decode)", CommandCatalog.CERT_STORE));
        }
        NameMatch match = HostNameMatcher.match(x509.get(), host);
        if (match.matches()) {
            return List.of();
        }
        String ip = match.hostKind().isAddress() ? " (an IP address must be in the certificate as an IP address SAN)"
                : "";
        List<Certificate> others = facts.usableCertificatesForHost().stream()
                .filter(o -> !o.sha1Thumbprint().equals(c.sha1Thumbprint())).toList();
        String evidence = "Clients connect to: " + host + "\nName check: " + match.explanation() + " (compared " + match.compared() + ")\n\nBound certificate:\n"
                + ServerFacts.describe(c)
                + (others.isEmpty() ? "" : "\nMatching certificate in the store:\n" + ServerFacts.describe(others.get(0)))
                + "\n" + facts.outputs(CommandCatalog.SSLCERT, CommandCatalog.CERT_STORE);
        if (!others.isEmpty()) {
            return List.of(Finding.of(KbFindings.MATCHING_CERTIFICATE_NOT_BOUND, Severity.ERROR,
                    "The certificate SSTP uses names " + ServerFacts.names(c) + ", not " + host + ip
                            + "; the store holds " + ServerFacts.brief(others.get(0)) + ", which does")
                    .withErrorCode(CODE).withScenario(6)
                    .withEvidence(host + " not in " + ServerFacts.names(c), evidence));
        }
        return List.of(Finding.of(KbFindings.CERTIFICATE_NAME_MISMATCH, Severity.ERROR,
                "The certificate SSTP uses names " + ServerFacts.names(c) + ", not " + host + ip
                        + ", and no certificate of the store does")
                .withErrorCode(CODE).withScenario(6).withEvidence(host + " not in " + ServerFacts.names(c), evidence));
    }
}
