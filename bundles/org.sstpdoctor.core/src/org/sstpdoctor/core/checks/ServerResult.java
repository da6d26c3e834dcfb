package org.sstpdoctor.core.checks;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.sstpdoctor.core.inventory.Server;

/**
 * The outcome of checking one server in one run.
 *
 * @param server   the server
 * @param status   how far the check got
 * @param findings what was found, including findings about checks that could not be completed
 * @param sources  the checkers and evidence providers whose findings this result replaces
 * @param elapsed  how long the server took
 */
public record ServerResult(Server server, Status status, List<Finding> findings, Set<String> sources,
        Duration elapsed) {

    /** How far the check of a server got. */
    public enum Status {
        /** Every applicable checker ran to completion. */
        CHECKED,
        /** Some checker timed out, failed, or lacked evidence; the findings say which. */
        INCOMPLETE,
        /** The run was cancelled before this server was done. */
        CANCELLED,
        /** The server file could not be read, so nothing was checked. */
        NOT_CHECKED
    }

    public ServerResult {
        findings = List.copyOf(findings);
        sources = Set.copyOf(sources);
    }

    /** The most severe finding's severity, or null when there is none. */
    public Severity worstSeverity() {
        return findings.stream().map(Finding::severity).min(Enum::compareTo).orElse(null);
    }
}
