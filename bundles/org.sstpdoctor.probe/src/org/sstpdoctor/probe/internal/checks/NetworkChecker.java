package org.sstpdoctor.probe.internal.checks;

import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.ICheckContext;
import org.sstpdoctor.core.checks.IChecker;
import org.sstpdoctor.core.checks.Severity;
import org.sstpdoctor.probe.PredictedError;
import org.sstpdoctor.probe.ProbeResult;
import org.sstpdoctor.probe.evidence.NetworkEvidence;
import org.sstpdoctor.probe.evidence.NetworkEvidenceProvider;

/**
 * What the checkers of the network evidence share: they read {@link NetworkEvidence} (never the
 * network), keep no state, and write each finding with a one-line cause, a one-line summary and
 * the full evidence: the cause, what tells its causes apart, the probe's transcript and the
 * certificate assessment.
 */
public abstract class NetworkChecker implements IChecker {

    @Override
    public final List<Finding> check(ICheckContext context, IProgressMonitor monitor) throws CoreException {
        if (monitor != null && monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
        NetworkEvidence evidence = context.evidence(NetworkEvidenceProvider.ID, NetworkEvidence.class);
        if (monitor != null && monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
        return List.copyOf(findings(evidence));
    }

    /** The findings in {@code evidence}; empty when the server is healthy in this checker's respect. */
    protected abstract List<Finding> findings(NetworkEvidence evidence);

    /**
     * A finding with its evidence.
     *
     * @param code      the client error code, or null
     * @param scenario  the KB947031 scenario, or 0
     * @param cause     the cause (made one line)
     * @param tellApart what tells the causes apart
     * @param summary   the evidence in one line
     */
    static Finding finding(String kind, Severity severity, Integer code, int scenario, String cause,
            List<String> tellApart, String summary, NetworkEvidence evidence) {
        Finding f = Finding.of(kind, severity, oneLine(cause));
        if (code != null) {
            f = f.withErrorCode(code);
        }
        if (scenario > 0) {
            f = f.withScenario(scenario);
        }
        PredictedError first = evidence.prediction();
        String behind = code != null && first.isError() && !first.code().equals(code)
                ? " (clients meet " + first.codeText() + " first)" : "";
        return f.withEvidence(oneLine(summary) + behind, text(cause, tellApart, evidence));
    }

    /** The probe's outcome in one line: {@code vpn.contoso.com:443: REFUSED at the TCP step: ...}. */
    static String outcome(ProbeResult r) {
        return r.target() + ": " + r.outcome() + " at the " + r.outcome().step().label() + " step: "
                + r.outcome().message();
    }

    private static String text(String cause, List<String> tellApart, NetworkEvidence evidence) {
        StringBuilder b = new StringBuilder(cause.strip()).append('\n');
        // the transcript ends with the prediction's own list: not twice when this is that prediction
        if (!tellApart.isEmpty() && !tellApart.equals(evidence.prediction().tellApart())) {
            b.append("\nWhat tells the causes apart:\n");
            for (String t : tellApart) {
                b.append("  - ").append(t).append('\n');
            }
        }
        b.append('\n').append(evidence.text());
        return b.toString();
    }

    static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
