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
 * Whether an SSTP listener answers after the handshake: {@code SSTP_DUPLEX_POST} answered with
 * HTTP 200 (anything else means something other than the SSTP listener owns the port, such as a
 * reverse proxy: 809), then the Call Connect Request acknowledged (a Nak, Abort or Disconnect is
 * KB947031 scenario 1, 0x800704C9, most often no free SSTP port), in well-formed MS-SSTP.
 */
public final class SstpHandshakeChecker extends NetworkChecker {

    @Override
    protected List<Finding> findings(NetworkEvidence e) {
        ProbeResult r = e.probe();
        ProbeOutcome o = r.outcome();
        PredictedError p = ErrorPredictor.network(r);
        String kind;
        String cause = p.cause();
        switch (o.kind()) {
            case SSTP_NAK, SSTP_ABORT, SSTP_DISCONNECT -> kind = NetworkFindings.SSTP_CALL_REFUSED;
            case HTTP_STATUS -> {
                kind = NetworkFindings.NOT_AN_SSTP_LISTENER;
                String server = r.primary() == null || r.primary().http() == null ? ""
                        : r.primary().http().header("Server").map(v -> ", Server: " + v).orElse("");
                cause = "Something other than the SSTP listener answers on port " + r.target().port()
                        + " (HTTP " + o.code() + server + " to SSTP_DUPLEX_POST instead of 200), e.g. a reverse "
                        + "proxy, a web server or a gateway.";
            }
            case MALFORMED -> {
                if (o.step() == StepKind.PROXY || o.step() == StepKind.TLS) {
                    return List.of();
                }
                kind = NetworkFindings.MALFORMED_SSTP_ANSWER;
            }
            case RESET, CLOSED, TIMEOUT -> {
                if (o.step().compareTo(StepKind.HTTP) < 0) {
                    return List.of();
                }
                kind = NetworkFindings.SSTP_NOT_ANSWERED;
            }
            default -> {
                return List.of();
            }
        }
        return List.of(finding(kind, Severity.ERROR, p.code(), p.scenario(), cause, p.tellApart(), outcome(r), e));
    }
}
