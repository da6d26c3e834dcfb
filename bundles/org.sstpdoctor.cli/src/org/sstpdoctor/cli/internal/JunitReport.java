package org.sstpdoctor.cli.internal;

import java.io.Writer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.Severity;

/**
 * The JUnit XML output (the Ant JUnit report format CI dashboards read): one {@code testsuite}
 * per server, one {@code testcase} per server and checker, a {@code failure} when the checker
 * found an error or a warning, the findings' evidence as its text. A server whose file could not
 * be read is one {@code error}.
 */
final class JunitReport {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);

    private JunitReport() {
    }

    static void write(Report r, Writer out) throws XMLStreamException {
        XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
        String timestamp = LocalDateTime.ofInstant(r.startedAt(), ZoneOffset.UTC).format(TIMESTAMP);
        String hostname = hostname();
        x.writeStartDocument("UTF-8", "1.0");
        x.writeCharacters("\n");
        x.writeStartElement("testsuites");
        int id = 0;
        for (Report.ServerReport s : r.servers()) {
            int failures = (int) s.checks().stream().filter(Report.CheckOutcome::failed).count();
            int errors = s.problem() != null ? 1 : 0;
            int tests = s.checks().size() + errors;
            x.writeCharacters("\n  ");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", token(s.label()));
            x.writeAttribute("package", token("sstpdoctor." + (s.site().isEmpty() ? "inventory" : s.site())));
            x.writeAttribute("id", Integer.toString(id++));
            x.writeAttribute("timestamp", timestamp);
            x.writeAttribute("hostname", hostname);
            x.writeAttribute("tests", Integer.toString(tests));
            x.writeAttribute("failures", Integer.toString(failures));
            x.writeAttribute("errors", Integer.toString(errors));
            x.writeAttribute("time", seconds(s.elapsed()));
            x.writeCharacters("\n    ");
            x.writeStartElement("properties");
            property(x, "host", s.host());
            property(x, "port", Integer.toString(s.port()));
            property(x, "status", s.status());
            property(x, "credentials", s.credentials());
            x.writeEndElement();
            if (s.problem() != null) {
                x.writeCharacters("\n    ");
                x.writeStartElement("testcase");
                x.writeAttribute("name", "server-file");
                x.writeAttribute("classname", token(s.label()));
                x.writeAttribute("time", "0");
                x.writeStartElement("error");
                x.writeAttribute("message", s.problem());
                x.writeAttribute("type", "unreadable server file");
                x.writeCharacters(s.problem());
                x.writeEndElement();
                x.writeEndElement();
            }
            for (Report.CheckOutcome c : s.checks()) {
                x.writeCharacters("\n    ");
                x.writeStartElement("testcase");
                x.writeAttribute("name", token(c.checkerId()));
                x.writeAttribute("classname", token(s.label()));
                x.writeAttribute("time", "0");
                List<Finding> failing = c.findings().stream().filter(f -> f.severity() != Severity.INFO).toList();
                if (!failing.isEmpty()) {
                    Finding first = failing.get(0);
                    x.writeStartElement("failure");
                    x.writeAttribute("message", headline(first) + (failing.size() > 1 ? " (+" + (failing.size() - 1) + " more)" : ""));
                    x.writeAttribute("type", first.kind());
                    StringBuilder text = new StringBuilder();
                    for (Finding f : c.findings()) {
                        text.append(f.severity()).append(": ").append(headline(f)).append('\n');
                        if (!f.evidence().isEmpty()) {
                            text.append(f.evidence()).append('\n');
                        }
                    }
                    x.writeCharacters(text.toString());
                    x.writeEndElement();
                }
                x.writeEndElement();
            }
            x.writeCharacters("\n    ");
            x.writeStartElement("system-out");
            if (s.probe() != null) {
                x.writeCharacters(s.probe().transcript());
            }
            x.writeEndElement();
            x.writeCharacters("\n    ");
            x.writeStartElement("system-err");
            x.writeEndElement();
            x.writeCharacters("\n  ");
            x.writeEndElement();
        }
        x.writeCharacters("\n");
        x.writeEndElement();
        x.writeCharacters("\n");
        x.writeEndDocument();
        x.flush();
    }

    private static String headline(Finding f) {
        return (f.errorCode() != null ? f.errorCodeText() + ": " : "") + f.message();
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", value == null ? "" : value);
    }

    /** An xs:token: no leading, trailing or repeated white space, no line breaks; never empty. */
    static String token(String s) {
        String t = s.replaceAll("\\s+", " ").strip();
        return t.isEmpty() ? "-" : t;
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
    }

    private static String hostname() {
        try {
            String h = token(InetAddress.getLocalHost().getHostName());
            return h.equals("-") ? "localhost" : h;
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
