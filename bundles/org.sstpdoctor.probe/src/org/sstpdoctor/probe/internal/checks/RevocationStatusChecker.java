package org.sstpdoctor.probe.internal.checks;

import java.util.List;

import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.probe.evidence.NetworkEvidence;

/**
 * The revocation check a client makes before the tunnel exists, from its side: a revoked
 * certificate (0x80092010), no revocation server that answers or only an expired CRL (0x80092013,
 * KB947031 scenario 7), and, for information, a certificate that names nowhere to check
 * (0x80092012).
 */
public final class RevocationStatusChecker extends NetworkChecker {

    @Override
    protected List<Finding> findings(NetworkEvidence e) {
        return CertificateFindings.of(e, CertificateFindings.REVOCATION);
    }
}
