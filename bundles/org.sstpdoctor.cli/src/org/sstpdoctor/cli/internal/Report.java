package org.sstpdoctor.cli.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.Severity;

/** What a check run found, independent of how it is written (text, JSON, JUnit XML, HTML). */
record Report(Instant startedAt, Duration elapsed, String inventory, List<Check> checkers, List<ServerReport> servers,
        boolean cancelled) {

    /** A checker of the run; the network probe is the checker {@value Probes#CHECKER_ID}. */
    record Check(String id, String name) {
    }

    /** One server: where it is, whether its credentials are in Secure Storage, the probe and the findings per checker. */
    record ServerReport(String name, String site, String host, int port, String status, String problem,
            String credentials, Duration elapsed, ProbeSummary probe, List<CheckOutcome> checks) {

        boolean hasProblems() {
            return problem != null || checks.stream().anyMatch(CheckOutcome::failed);
        }

        String label() {
            return site.isEmpty() ? name : site + "/" + name;
        }
    }

    /** The findings of one checker on one server. */
    record CheckOutcome(String checkerId, String checkerName, List<Finding> findings) {
        boolean failed() {
            return findings.stream().anyMatch(f -> f.severity() != Severity.INFO);
        }
    }

    /** The network probe of a server. */
    record ProbeSummary(String outcome, boolean reachedSstp, String predictedCode, int scenario, String cause,
            boolean certificateAssessed, String protocol, String cipherSuite, List<CertificateInfo> chain,
            Duration duration, String transcript) {
    }

    /** One certificate as the server presented it. */
    record CertificateInfo(String subject, String issuer, String serial, Instant notBefore, Instant notAfter,
            List<String> subjectAltNames, String sha256) {
    }

    boolean hasProblems() {
        return cancelled || servers.stream().anyMatch(ServerReport::hasProblems);
    }
}
