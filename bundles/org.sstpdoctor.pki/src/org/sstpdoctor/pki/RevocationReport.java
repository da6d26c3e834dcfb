package org.sstpdoctor.pki;

import java.time.Instant;
import java.util.List;

/**
 * The revocation verdicts for a chain, leaf first.
 *
 * @param overall      the worst verdict, in the order REVOKED, OFFLINE, CRL_EXPIRED, NO_CHECK, GOOD
 *                     (NOT_CHECKED only when nothing was checked)
 * @param certificates the verdict of each certificate
 * @param checkedAt    the moment validity of CRLs and responses was judged at
 */
public record RevocationReport(RevocationStatus overall, List<CertificateRevocation> certificates,
        Instant checkedAt) {

    public RevocationReport {
        certificates = List.copyOf(certificates);
    }

    /** The leaf's verdict. */
    public CertificateRevocation leaf() {
        return certificates.get(0);
    }

    /** Every source tried, for every certificate, in order. */
    public List<RevocationAttempt> attempts() {
        return certificates.stream().flatMap(c -> c.attempts().stream()).toList();
    }

    /** A multi-line text of every verdict and source tried: evidence, and a note to the PKI team. */
    public String describe() {
        StringBuilder sb = new StringBuilder("Revocation checked at ").append(checkedAt).append(": ")
                .append(overall).append(overall.symbol().isEmpty() ? "" : " (" + overall.symbol() + ")").append('\n');
        for (CertificateRevocation c : certificates) {
            sb.append("  ").append(c.subject()).append(": ").append(c.status()).append(" - ")
                    .append(c.explanation()).append('\n');
            for (RevocationAttempt a : c.attempts()) {
                sb.append("    ").append(a.describe()).append('\n');
            }
        }
        return sb.toString();
    }
}
