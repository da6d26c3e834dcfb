package org.sstpdoctor.core.checks;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of a check run: one result per server, in the order the servers were given.
 *
 * @param results   per server
 * @param cancelled whether the run was cancelled
 * @param elapsed   the run's duration
 */
public record CheckRun(List<ServerResult> results, boolean cancelled, Duration elapsed) {

    public CheckRun {
        results = List.copyOf(results);
    }

    /** Whether any server has a finding of severity ERROR or WARNING. */
    public boolean hasProblems() {
        return results.stream().flatMap(r -> r.findings().stream())
                .anyMatch(f -> f.severity() != Severity.INFO);
    }
}
