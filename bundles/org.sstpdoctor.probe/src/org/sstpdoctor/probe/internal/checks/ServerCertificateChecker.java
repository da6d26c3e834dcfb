package org.sstpdoctor.probe.internal.checks;

import java.util.List;

import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.probe.evidence.NetworkEvidence;

/**
 * The server certificate as the clients judge it: a chain to a root they trust (0x800B0109,
 * KB947031 scenario 5) that is complete (0x800B010A), valid now (0x800B0101, scenario 4), for
 * Server Authentication (809, scenario 2) and issued to the host name the VPN connection uses
 * (0x800B010F, scenario 6); and, as a warning, one that expires within the warning window.
 */
public final class ServerCertificateChecker extends NetworkChecker {

    @Override
    protected List<Finding> findings(NetworkEvidence e) {
        return CertificateFindings.of(e, CertificateFindings.SERVER_CERTIFICATE);
    }
}
