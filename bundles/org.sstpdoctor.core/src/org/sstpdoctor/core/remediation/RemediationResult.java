package org.sstpdoctor.core.remediation;

import org.sstpdoctor.core.checks.ServerResult;

/**
 * What became of a remediation.
 *
 * @param status  how far it got
 * @param plan    the plan shown, or null when none could be made
 * @param outcome what applying did, or null when nothing was applied
 * @param recheck the re-check afterwards, or null when nothing was applied
 * @param error   why it failed, or empty
 */
public record RemediationResult(Status status, RemediationPlan plan, RemediationOutcome outcome, ServerResult recheck,
        String error) {

    /** How far a remediation got. */
    public enum Status {
        /** The plan was not confirmed: nothing was changed. */
        DECLINED,
        /** Applied (successfully or not, see the outcome), and re-checked. */
        APPLIED,
        /** It could not be planned or applied: {@link RemediationResult#error()} says why. */
        FAILED
    }

    public RemediationResult {
        error = error == null ? "" : error;
    }

    /** Whether it was applied, succeeded, and the re-check no longer shows the finding's kind. */
    public boolean fixed(String kind) {
        return status == Status.APPLIED && outcome != null && outcome.succeeded() && recheck != null
                && recheck.findings().stream().noneMatch(f -> f.kind().equals(kind));
    }
}
