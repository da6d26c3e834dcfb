package org.sstpdoctor.probe.internal.checks;

import java.util.List;

import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.Severity;
import org.sstpdoctor.probe.ErrorPredictor;
import org.sstpdoctor.probe.PredictedError;
import org.sstpdoctor.probe.ProbeOutcome;
import org.sstpdoctor.probe.ProbeResult;
import org.sstpdoctor.probe.StepKind;
import org.sstpdoctor.probe.evidence.NetworkEvidence;
import org.sstpdoctor.probe.evidence.NetworkFindings;

/**
 * Whether the TLS handshake completes: a shared version and cipher suite (0x80090326, the TLS
 * hardening mismatch), a certificate presented at all (0x80070040, KB947031 scenario 3), and a
 * connection that survives the handshake (809).
 */
public final class TlsHandshakeChecker extends NetworkChecker {

    @Override
    protected List<Finding> findings(NetworkEvidence e) {
        ProbeResult r = e.probe();
        ProbeOutcome o = r.outcome();
        String kind;
        switch (o.kind()) {
            case TLS_FAILED -> kind = NetworkFindings.TLS_HANDSHAKE_FAILED;
            case NO_CERTIFICATE -> kind = NetworkFindings.NO_SERVER_CERTIFICATE;
            case RESET, CLOSED, TIMEOUT -> {
                if (o.step() != StepKind.TLS) {
                    return List.of();
                }
                kind = NetworkFindings.TLS_HANDSHAKE_BROKEN;
            }
            default -> {
                return List.of();
            }
        }
        PredictedError p = ErrorPredictor.network(r);
        return List.of(finding(kind, Severity.ERROR, p.code(), p.scenario(), p.cause(), p.tellApart(), outcome(r), e));
    }
}
