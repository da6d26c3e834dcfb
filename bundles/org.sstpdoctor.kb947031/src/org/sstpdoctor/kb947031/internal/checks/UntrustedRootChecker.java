package org.sstpdoctor.kb947031.internal.checks;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.CoreException;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.ICheckContext;
import org.sstpdoctor.core.checks.Severity;
import org.sstpdoctor.kb947031.KbFindings;
import org.sstpdoctor.pki.CertificateWriter;
import org.sstpdoctor.probe.CertificateAssessment;
import org.sstpdoctor.probe.CertificateProblem;
import org.sstpdoctor.probe.evidence.NetworkEvidence;
import org.sstpdoctor.remote.commands.CertStoreEvidence.Certificate;
import org.sstpdoctor.remote.commands.CommandCatalog;

/**
 * KB947031 scenario 5 (0x800B0109): the clients do not trust the root the server's certificate
 * chains to. The probe judged the chain against the clients' roots; the store says which CA
 * issued the certificate SSTP uses. The evidence carries the root certificate (PEM) the clients
 * must install.
 */
public final class UntrustedRootChecker extends KbChecker {

    static final int CODE = 0x800B0109;

    /** The line before the root certificate's PEM in the evidence. */
    public static final String ROOT_MARKER = "Root certificate the clients must trust (PEM):";

    @Override
    List<Finding> check(ServerFacts facts, ICheckContext context) throws CoreException {
        NetworkEvidence network = network(context);
        Optional<CertificateAssessment> assessment = network.certificate();
        if (assessment.isEmpty() || !assessment.get().has(CertificateProblem.Kind.UNTRUSTED_ROOT)) {
            return List.of();
        }
        X509Certificate root = assessment.get().chain().last();
        String rootName = root.getSubjectX500Principal().getName();
        boolean selfSigned = root.getSubjectX500Principal().equals(root.getIssuerX500Principal());
        Optional<Certificate> bound = facts.boundCertificate();
        String issuer = bound.map(Certificate::issuer).orElse(assessment.get().leaf().issuer());
        boolean issuedByRoot = selfSigned
                && root.getSubjectX500Principal().equals(assessment.get().chain().leaf().getIssuerX500Principal());
        boolean selfIssuedLeaf = bound.isPresent() && bound.get().issuer().equals(bound.get().subject());
        String message = "The certificate SSTP uses "
                + (selfIssuedLeaf ? "is self-signed (" + rootName + ")"
                        : issuedByRoot ? "was issued by the root " + rootName
                                : "was issued by " + issuer + " and chains to " + (selfSigned ? "the root " : "") + rootName)
                + ", which the clients do not trust: install that root in the clients' Trusted Root Certification"
                + " Authorities";
        String evidence = bound.map(c -> "Bound certificate (" + facts.boundThumbprintSource() + "):\n"
                + ServerFacts.describe(c) + "\n").orElse("") + assessment.get().describe() + "\n"
                + (selfSigned ? ROOT_MARKER + "\n" + CertificateWriter.pem(root) + "\n"
                        : "The server does not send its root; the top certificate sent is:\n"
                                + CertificateWriter.pem(root) + "\n")
                + network.transcript();
        return List.of(Finding.of(KbFindings.ROOT_NOT_TRUSTED_BY_CLIENTS, Severity.ERROR, message).withErrorCode(CODE)
                .withScenario(5).withEvidence("root " + rootName + " not trusted by the clients", evidence));
    }
}
