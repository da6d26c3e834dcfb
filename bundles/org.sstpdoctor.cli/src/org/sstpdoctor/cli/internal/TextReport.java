package org.sstpdoctor.cli.internal;

import java.io.PrintWriter;

import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.Severity;

/** The text output: one aligned line per server, then the findings of those with problems. */
final class TextReport {

    private TextReport() {
    }

    static void write(Report r, PrintWriter o, boolean colour) {
        int nameWidth = Math.max(6, r.servers().stream().mapToInt(s -> s.label().length()).max().orElse(0)) + 2;
        int hostWidth = Math.max(4, r.servers().stream().mapToInt(s -> (s.host() + ":" + s.port()).length()).max().orElse(0)) + 2;
        o.println(Text.pad("SERVER", nameWidth) + Text.pad("HOST", hostWidth) + Text.pad("RESULT", 10) + "PREDICTED  FINDINGS");
        for (Report.ServerReport s : r.servers()) {
            String result = s.hasProblems() ? "PROBLEMS" : "HEALTHY";
            long findings = s.checks().stream().mapToLong(c -> c.findings().size()).sum();
            String predicted = s.probe() == null || s.probe().predictedCode().isEmpty() ? "-" : s.probe().predictedCode();
            o.println(Text.pad(s.label(), nameWidth) + Text.pad(s.host() + ":" + s.port(), hostWidth)
                    + Terminal.paint(Text.pad(result, 10), s.hasProblems() ? "31" : "32", colour)
                    + Text.pad(predicted, 11) + findings);
        }
        for (Report.ServerReport s : r.servers()) {
            if (s.checks().stream().allMatch(c -> c.findings().isEmpty()) && s.problem() == null) {
                continue;
            }
            o.println();
            o.println(Terminal.paint(s.label(), "1", colour) + " (" + s.host() + ":" + s.port() + ", " + s.status()
                    + ", credentials: " + s.credentials() + ")");
            if (s.problem() != null) {
                o.println("  " + Terminal.paint("NOT CHECKED", "31", colour) + " " + s.problem());
            }
            for (Report.CheckOutcome c : s.checks()) {
                for (Finding f : c.findings()) {
                    String sev = Text.pad(f.severity().name(), 8);
                    o.println("  " + Terminal.paint(sev, f.severity() == Severity.ERROR ? "31" : f.severity() == Severity.WARNING ? "33" : "36", colour)
                            + Text.pad(f.errorCode() != null ? f.errorCodeText() : "-", 11) + f.message());
                    o.println("  " + " ".repeat(19) + "[" + c.checkerId() + "]"
                            + (f.evidenceSummary().isEmpty() ? "" : " " + f.evidenceSummary()));
                }
            }
        }
        long bad = r.servers().stream().filter(Report.ServerReport::hasProblems).count();
        o.println();
        o.println(r.servers().size() + " servers checked in " + Text.seconds(r.elapsed()) + ": "
                + (r.servers().size() - bad) + " healthy, " + bad + " with problems"
                + (r.cancelled() ? " (cancelled)" : "") + ".");
        o.flush();
    }
}
