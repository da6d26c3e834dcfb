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
 * Whether a client reaches the server at all: its name resolves (868), and the TCP connection to
 * the SSTP port is accepted (809, KB947031 scenario 2: refused, unanswered, unreachable), directly
 * or through the clients' HTTP proxy.
 */
public final class ReachabilityChecker extends NetworkChecker {

    @Override
    protected List<Finding> findings(NetworkEvidence e) {
        ProbeResult r = e.probe();
        ProbeOutcome o = r.outcome();
        String kind;
        switch (o.kind()) {
            case UNREACHABLE_DNS -> kind = NetworkFindings.NAME_NOT_RESOLVED;
            case REFUSED -> kind = NetworkFindings.CONNECTION_REFUSED;
            case UNREACHABLE -> kind = NetworkFindings.HOST_UNREACHABLE;
            case RESET -> {
                if (o.step() != StepKind.TCP) {
                    return List.of();
                }
                kind = NetworkFindings.CONNECTION_REFUSED;
            }
            case TIMEOUT -> {
                if (o.step() == StepKind.DNS || o.step() == StepKind.TCP) {
                    kind = NetworkFindings.CONNECTION_TIMED_OUT;
                } else if (o.step() == StepKind.PROXY) {
                    kind = NetworkFindings.PROXY_FAILED;
                } else {
                    return List.of();
                }
            }
            case PROXY_AUTH_REQUIRED -> kind = NetworkFindings.PROXY_AUTHENTICATION_REQUIRED;
            case PROXY_FAILED -> kind = NetworkFindings.PROXY_FAILED;
            default -> {
                return List.of();
            }
        }
        PredictedError p = ErrorPredictor.network(r);
        return List.of(finding(kind, Severity.ERROR, p.code(), p.scenario(), p.cause(), p.tellApart(), outcome(r), e));
    }
}
