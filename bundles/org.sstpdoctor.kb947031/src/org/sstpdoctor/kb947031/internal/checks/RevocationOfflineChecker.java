package org.sstpdoctor.kb947031.internal.checks;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.eclipse.core.runtime.CoreException;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.ICheckContext;
import org.sstpdoctor.core.checks.Severity;
import org.sstpdoctor.kb947031.KbFindings;
import org.sstpdoctor.pki.RevocationAttempt;
import org.sstpdoctor.probe.CertificateAssessment;
import org.sstpdoctor.probe.CertificateProblem;
import org.sstpdoctor.probe.evidence.NetworkEvidence;
import org.sstpdoctor.remote.commands.CertStoreEvidence.Certificate;

/**
 * KB947031 scenario 7 (0x80092013): the clients cannot check revocation because the CRL (or OCSP)
 * URLs of the certificate are unreachable from where they are, outside the tunnel. Names the
 * CRL distribution points of the certificate SSTP uses and what fetching each gave the probe.
 */
public final class RevocationOfflineChecker extends KbChecker {

    static final int CODE = 0x80092013;

    /** The prefix of each unreachable URL's line in the evidence. */
    public static final String URL_MARKER = "Unreachable URL: ";

    @Override
    List<Finding> check(ServerFacts facts, ICheckContext context) throws CoreException {
        NetworkEvidence network = network(context);
        Optional<CertificateAssessment> assessment = network.certificate();
        if (assessment.isEmpty() || assessment.get().revocation() == null
                || !(assessment.get().has(CertificateProblem.Kind.REVOCATION_OFFLINE)
                        || assessment.get().has(CertificateProblem.Kind.CRL_EXPIRED))) {
            return List.of();
        }
        List<RevocationAttempt> failed = assessment.get().revocation().attempts().stream()
                .filter(a -> !a.outcome().definitive()).toList();
        Set<String> urls = new LinkedHashSet<>();
        failed.forEach(a -> urls.add(a.url()));
        Optional<Certificate> bound = facts.boundCertificate();
        List<String> cdps = bound.flatMap(ServerFacts::x509).map(RevocationOfflineChecker::crlUrls).orElse(List.of());
        StringBuilder evidence = new StringBuilder();
        if (bound.isPresent()) {
            evidence.append("Bound certificate (").append(facts.boundThumbprintSource()).append("):\n")
                    .append(ServerFacts.describe(bound.get())).append("CRL distribution points: ")
                    .append(cdps.isEmpty() ? "none" : String.join(", ", cdps)).append("\n\n");
        }
        evidence.append("What the clients' side fetched:\n");
        failed.forEach(a -> evidence.append("  ").append(a.describe()).append('\n'));
        evidence.append('\n');
        urls.forEach(u -> evidence.append(URL_MARKER).append(u).append('\n'));
        evidence.append('\n').append(assessment.get().revocation().describe()).append('\n').append(network.transcript());
        String where = cdps.isEmpty() ? String.join(", ", urls)
                : String.join(", ", cdps.stream().filter(urls::contains).toList().isEmpty() ? cdps
                        : cdps.stream().filter(urls::contains).toList());
        return List.of(Finding.of(KbFindings.CRL_UNREACHABLE, Severity.ERROR,
                "The clients cannot reach the revocation list of the certificate SSTP uses (" + where
                        + "): they check it before the tunnel exists, so it must be reachable from outside")
                .withErrorCode(CODE).withScenario(7)
                .withEvidence(failed.size() + " revocation source(s) unreachable", evidence.toString()));
    }

    /** The http(s)/ldap URLs of a certificate's CRL distribution points. */
    static List<String> crlUrls(X509Certificate certificate) {
        byte[] ext = certificate.getExtensionValue("2.5.29.31");
        List<String> out = new ArrayList<>();
        if (ext == null) {
            return out;
        }
        try {
            CRLDistPoint points = CRLDistPoint.getInstance(
                    ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(ext).getOctets()));
            for (DistributionPoint p : points.getDistributionPoints()) {
                DistributionPointName name = p.getDistributionPoint();
                if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                    for (GeneralName g : GeneralNames.getInstance(name.getName()).getNames()) {
                        if (g.getTagNo() == GeneralName.uniformResourceIdentifier) {
                            out.add(g.getName().toString());
                        }
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // an extension that does not decode names no URL
        }
        return out;
    }
}
