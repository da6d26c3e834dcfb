package org.sstpdoctor.pki;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * The revocation verdict for one certificate.
 *
 * @param certificate    the certificate
 * @param subject        its subject
 * @param status         the verdict
 * @param revocationDate when it was revoked, for {@link RevocationStatus#REVOKED}, else null
 * @param reason         why, for {@link RevocationStatus#REVOKED} (UNSPECIFIED when the source gives none), else null
 * @param attempts       every source tried, in order
 * @param explanation    one sentence for the person
 */
public record CertificateRevocation(X509Certificate certificate, String subject, RevocationStatus status,
        Instant revocationDate, RevocationReason reason, List<RevocationAttempt> attempts, String explanation) {

    public CertificateRevocation {
        attempts = List.copyOf(attempts);
    }
}
