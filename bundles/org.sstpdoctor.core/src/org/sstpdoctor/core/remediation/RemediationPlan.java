package org.sstpdoctor.core.remediation;

import java.util.List;
import java.util.Objects;

/**
 * Exactly what a remediation will do, shown to the person before anything happens.
 *
 * @param summary one sentence: what and why
 * @param steps   every step, in order
 */
public record RemediationPlan(String summary, List<PlanStep> steps) {

    public RemediationPlan {
        Objects.requireNonNull(summary, "summary");
        steps = List.copyOf(steps);
    }

    /** Whether carrying it out changes the server (it runs at least one command there). */
    public boolean changesServer() {
        return steps.stream().anyMatch(s -> s.kind() == PlanStep.Kind.COMMAND);
    }

    /** The plan as plain text, as a preview shows it and the audit log records it. */
    public String describe() {
        StringBuilder b = new StringBuilder(summary).append('\n');
        for (PlanStep s : steps) {
            switch (s.kind()) {
                case COMMAND -> b.append("\nRun on ").append(s.target()).append(":\n    ").append(s.text());
                case FILE -> b.append("\nWrite ").append(s.target()).append(":\n").append(s.text().indent(4));
                case NOTE -> b.append("\nNote: ").append(s.text());
            }
            b.append('\n');
        }
        return b.toString();
    }
}
