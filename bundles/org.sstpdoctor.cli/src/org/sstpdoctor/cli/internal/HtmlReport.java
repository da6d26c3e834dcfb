package org.sstpdoctor.cli.internal;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.sstpdoctor.core.checks.Finding;

/**
 * A self-contained HTML report a person can attach to a ticket: the summary, then per server
 * its probe, the certificates it presented, and every finding with its evidence. Inline CSS, no
 * scripts, no external resources; every text from the network or a server file is escaped.
 */
final class HtmlReport {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private HtmlReport() {
    }

    static void write(Report r, PrintWriter o) {
        o.println("<!DOCTYPE html>");
        o.println("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        o.println("<title>SSTP Doctor report " + esc(WHEN.format(r.startedAt())) + "</title>");
        o.println("<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}"
                + ".error{color:#b00020}.warning{color:#a86400}.info{color:#555}.ok{color:#2e7d32}"
                + "pre{background:#f6f6f6;padding:.6em;overflow-x:auto;font-size:90%}</style>");
        o.println("</head><body>");
        o.println("<h1>SSTP Doctor report</h1>");
        long bad = r.servers().stream().filter(Report.ServerReport::hasProblems).count();
        o.println("<p>Started " + esc(WHEN.format(r.startedAt())) + ", took " + esc(Text.seconds(r.elapsed()))
                + ". Inventory: " + esc(r.inventory()) + ". " + r.servers().size() + " servers, <span class=\""
                + (bad == 0 ? "ok" : "error") + "\">" + bad + " with problems</span>"
                + (r.cancelled() ? ", <span class=\"error\">cancelled</span>" : "") + ".</p>");
        o.println("<table><tr><th>Server</th><th>Host</th><th>Status</th><th>Predicted client error</th><th>Findings</th></tr>");
        int n = 0;
        for (Report.ServerReport s : r.servers()) {
            long findings = s.checks().stream().mapToLong(c -> c.findings().size()).sum();
            o.println("<tr><td><a href=\"#s" + n++ + "\">" + esc(s.label()) + "</a></td><td>" + esc(s.host() + ":" + s.port())
                    + "</td><td class=\"" + (s.hasProblems() ? "error" : "ok") + "\">" + esc(s.status()) + "</td><td>"
                    + esc(s.probe() == null || s.probe().predictedCode().isEmpty() ? "" : s.probe().predictedCode())
                    + "</td><td>" + findings + "</td></tr>");
        }
        o.println("</table>");
        n = 0;
        for (Report.ServerReport s : r.servers()) {
            o.println("<h2 id=\"s" + n++ + "\">" + esc(s.label()) + "</h2>");
            o.println("<p>" + esc(s.host() + ":" + s.port()) + " &middot; " + esc(s.status()) + " &middot; credentials: "
                    + esc(s.credentials()) + " &middot; " + esc(Text.seconds(s.elapsed())) + "</p>");
            if (s.problem() != null) {
                o.println("<p class=\"error\">Not checked: " + esc(s.problem()) + "</p>");
            }
            Report.ProbeSummary p = s.probe();
            if (p != null) {
                o.println("<h3>Network probe</h3><p>Outcome <b>" + esc(p.outcome()) + "</b>"
                        + (p.predictedCode().isEmpty() ? "; no client error predicted"
                                : "; predicted client error <b class=\"error\">" + esc(p.predictedCode()) + "</b>")
                        + (p.scenario() > 0 ? " (KB947031 scenario " + p.scenario() + ")" : "") + ". " + esc(p.cause())
                        + (p.protocol() != null ? " TLS: " + esc(p.protocol()) + ", " + esc(String.valueOf(p.cipherSuite())) + "." : "")
                        + "</p>");
                if (!p.chain().isEmpty()) {
                    o.println("<h3>Certificates presented</h3><table><tr><th>#</th><th>Subject</th><th>Issuer</th>"
                            + "<th>Valid</th><th>Names</th><th>Serial</th><th>SHA-256</th></tr>");
                    int i = 0;
                    for (Report.CertificateInfo c : p.chain()) {
                        o.println("<tr><td>" + i++ + "</td><td>" + esc(c.subject()) + "</td><td>" + esc(c.issuer()) + "</td><td>"
                                + esc(WHEN.format(c.notBefore())) + " to " + esc(WHEN.format(c.notAfter())) + "</td><td>"
                                + esc(String.join(", ", c.subjectAltNames())) + "</td><td>" + esc(c.serial()) + "</td><td><code>"
                                + esc(c.sha256()) + "</code></td></tr>");
                    }
                    o.println("</table>");
                }
            }
            o.println("<h3>Findings</h3>");
            boolean any = false;
            for (Report.CheckOutcome c : s.checks()) {
                for (Finding f : c.findings()) {
                    any = true;
                    String sev = f.severity().name().toLowerCase(Locale.ROOT);
                    o.println("<div><p><span class=\"" + sev + "\">" + esc(f.severity().name()) + "</span> "
                            + (f.errorCode() != null ? "<b>" + esc(f.errorCodeText()) + "</b> " : "") + esc(f.message())
                            + " <small>(" + esc(c.checkerName()) + ", " + esc(f.kind()) + ")</small></p>");
                    if (!f.evidenceSummary().isEmpty()) {
                        o.println("<p>Evidence: " + esc(f.evidenceSummary()) + "</p>");
                    }
                    if (!f.evidence().isEmpty()) {
                        o.println("<pre>" + esc(f.evidence()) + "</pre>");
                    }
                    o.println("</div>");
                }
            }
            if (!any) {
                o.println("<p class=\"ok\">No findings.</p>");
            }
            if (p != null) {
                o.println("<details><summary>Probe transcript</summary><pre>" + esc(p.transcript()) + "</pre></details>");
            }
        }
        o.println("</body></html>");
        o.flush();
    }

    /** {@code s} with the five HTML special characters escaped; null as empty. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r' ? '\uFFFD' : ch);
            }
        }
        return b.toString();
    }
}
