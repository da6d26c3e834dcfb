package org.sstpdoctor.probe;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.sstpdoctor.pki.CertificateAnalyzer;
import org.sstpdoctor.pki.CertificateReport;
import org.sstpdoctor.pki.ChainResult;
import org.sstpdoctor.pki.NameMatch;
import org.sstpdoctor.pki.RevocationReport;

/**
 * The verdict a Windows SSTP client would reach on the certificate chain a server presented:
 * the chain as built against the clients' trust, the server certificate's analysis, the host
 * name comparison and the revocation check, and every problem found, in the order a client
 * checks them. The first {@link CertificateProblem.Level#ERROR} is the error the client shows.
 * <p>
 * The server certificate's full analysis ({@link #leaf()}: every extension formatted, both
 * thumbprints) is made on first use only: a bulk probe that needs the verdict alone does not pay
 * for it. Immutable and thread-safe.
 */
public final class CertificateAssessment {

    private final ProbeTarget target;
    private final Instant assessedAt;
    private final String trustStore;
    private final ChainResult chain;
    private final X509Certificate leafCertificate;
    private final int expiryWarningDays;
    private final NameMatch name;
    private final RevocationReport revocation;
    private final List<CertificateProblem> problems;
    private volatile CertificateReport leaf;

    /**
     * @param target            the target as the VPN connection names it
     * @param assessedAt        the moment validity, CRLs and OCSP answers were judged at
     * @param trustStore        the clients' trust store it was judged against, described
     * @param chain             the chain built from the presented certificates (and AIA downloads)
     * @param leafCertificate   the server certificate
     * @param expiryWarningDays the warning window its analysis uses
     * @param name              the host name against the server certificate
     * @param revocation        the revocation check, or null when revocation checking was turned off
     * @param problems          every problem, in the order a client checks them; empty when a
     *                          client accepts the chain
     */
    public CertificateAssessment(ProbeTarget target, Instant assessedAt, String trustStore, ChainResult chain,
            X509Certificate leafCertificate, int expiryWarningDays, NameMatch name, RevocationReport revocation,
            List<CertificateProblem> problems) {
        this.target = Objects.requireNonNull(target, "target");
        this.assessedAt = Objects.requireNonNull(assessedAt, "assessedAt");
        this.trustStore = Objects.requireNonNull(trustStore, "trustStore");
        this.chain = Objects.requireNonNull(chain, "chain");
        this.leafCertificate = Objects.requireNonNull(leafCertificate, "leafCertificate");
        this.expiryWarningDays = expiryWarningDays;
        this.name = Objects.requireNonNull(name, "name");
        this.revocation = revocation;
        this.problems = List.copyOf(problems);
    }

    /** The target as the VPN connection names it. */
    public ProbeTarget target() {
        return target;
    }

    /** The moment validity, CRLs and OCSP answers were judged at. */
    public Instant assessedAt() {
        return assessedAt;
    }

    /** The clients' trust store it was judged against, described. */
    public String trustStore() {
        return trustStore;
    }

    /** The chain built from the presented certificates (and AIA downloads). */
    public ChainResult chain() {
        return chain;
    }

    /** The server certificate's full analysis, at the assessment's moment (made on first use). */
    public CertificateReport leaf() {
        CertificateReport r = leaf;
        if (r == null) {
            r = CertificateAnalyzer.analyze(leafCertificate, assessedAt, expiryWarningDays);
            leaf = r;
        }
        return r;
    }

    /** The host name against the server certificate. */
    public NameMatch name() {
        return name;
    }

    /** The revocation check, or null when revocation checking was turned off. */
    public RevocationReport revocation() {
        return revocation;
    }

    /** Every problem, in the order a client checks them; empty when a client accepts the chain. */
    public List<CertificateProblem> problems() {
        return problems;
    }

    /** The error a client shows because of the chain: the first error-level problem. */
    public Optional<PredictedError> error() {
        return problems.stream().filter(p -> p.level() == CertificateProblem.Level.ERROR).findFirst()
                .map(CertificateProblem::asPrediction);
    }

    /** Whether a client accepts the chain (warnings and notes aside). */
    public boolean accepted() {
        return error().isEmpty();
    }

    /** The problems of {@code kind}. */
    public List<CertificateProblem> problems(CertificateProblem.Kind kind) {
        return problems.stream().filter(p -> p.kind() == kind).toList();
    }

    /** Whether a problem of {@code kind} was found. */
    public boolean has(CertificateProblem.Kind kind) {
        return problems.stream().anyMatch(p -> p.kind() == kind);
    }

    /** One line: the verdict, e.g. {@code 0x800B0109 untrusted root; expires in 12 days}. */
    public String summary() {
        if (problems.isEmpty()) {
            return "a Windows client accepts the chain for " + target.host();
        }
        StringBuilder b = new StringBuilder();
        for (CertificateProblem p : problems) {
            b.append(b.isEmpty() ? "" : "; ").append(p.code() == null ? p.level().name().toLowerCase(java.util.Locale.ROOT)
                    : p.codeText()).append(' ').append(p.kind().name().toLowerCase(java.util.Locale.ROOT)
                            .replace('_', ' '));
        }
        return b.toString();
    }

    /** Every detail, for evidence: the server certificate, the name, the chain, revocation, the verdict. */
    public String describe() {
        CertificateReport leaf = leaf();
        StringBuilder b = new StringBuilder(2048);
        b.append("Certificate assessment at ").append(assessedAt).append(" for the host ").append(target.host())
                .append(", against ").append(trustStore).append('\n');
        b.append("server certificate:\n");
        b.append("  subject ").append(leaf.subject()).append('\n');
        b.append("  issuer ").append(leaf.issuer()).append('\n');
        b.append("  valid ").append(leaf.notBefore()).append(" to ").append(leaf.notAfter()).append(" (")
                .append(leaf.validity().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                .append(leaf.daysRemaining() >= 0 ? ", " + leaf.daysRemaining() + " days left" : "").append(")\n");
        b.append("  extended key usage ").append(leaf.hasExtendedKeyUsage() ? String.join(", ",
                leaf.extendedKeyUsageNames()) : "none (any purpose)").append('\n');
        b.append("  subject alternative names: DNS ").append(leaf.sanDnsNames().isEmpty() ? "none"
                : String.join(", ", leaf.sanDnsNames())).append("; IP ").append(leaf.sanIpAddresses().isEmpty()
                        ? "none" : String.join(", ", leaf.sanIpAddresses())).append('\n');
        b.append("  key ").append(leaf.keyDescription()).append(", signature ").append(leaf.signatureAlgorithm())
                .append('\n');
        b.append("  thumbprints SHA-1 ").append(leaf.sha1Thumbprint()).append(", SHA-256 ")
                .append(leaf.sha256Thumbprint()).append('\n');
        b.append("host name: ").append(name.explanation()).append('\n');
        b.append(chain.describe());
        if (revocation != null) {
            b.append(revocation.describe());
        } else {
            b.append("Revocation not checked (turned off in the settings).\n");
        }
        if (problems.isEmpty()) {
            b.append("verdict: a Windows client accepts this chain for ").append(target.host()).append('\n');
        } else {
            b.append("verdict, in the order a Windows client checks:\n");
            int i = 1;
            for (CertificateProblem p : problems) {
                b.append("  ").append(i++).append(". ").append(p.level()).append(p.code() == null ? "" : " "
                        + p.codeText()).append(p.scenario() > 0 ? " (KB947031 scenario " + p.scenario() + ")" : "")
                        .append(": ").append(p.cause()).append('\n');
                for (String t : p.tellApart()) {
                    b.append("     - ").append(t).append('\n');
                }
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "certificate assessment for " + target.host() + ": " + summary();
    }
}
