package org.sstpdoctor.cli.internal;

import java.io.IOException;
import java.io.Writer;

import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.errors.ErrorCode;

import com.google.gson.stream.JsonWriter;

/**
 * The JSON output, described by {@code docs/cli-json-schema.json} (JSON Schema 2020-12). The
 * {@code schemaVersion} changes only when a field is removed or changes meaning; added fields
 * keep it.
 */
final class JsonReport {

    /** The version of the JSON output's schema. */
    static final String SCHEMA_VERSION = "1.0";

    private JsonReport() {
    }

    static void write(Report r, Writer out) throws IOException {
        JsonWriter w = new JsonWriter(out);
        w.setIndent("  ");
        w.beginObject();
        w.name("schemaVersion").value(SCHEMA_VERSION);
        w.name("command").value("check");
        w.name("startedAt").value(r.startedAt().toString());
        w.name("elapsedMillis").value(r.elapsed().toMillis());
        w.name("inventory").value(r.inventory());
        w.name("healthy").value(!r.hasProblems());
        w.name("cancelled").value(r.cancelled());
        w.name("checkers").beginArray();
        for (Report.Check c : r.checkers()) {
            w.beginObject().name("id").value(c.id()).name("name").value(c.name()).endObject();
        }
        w.endArray();
        w.name("summary").beginObject();
        w.name("servers").value(r.servers().size());
        w.name("healthy").value(r.servers().stream().filter(s -> !s.hasProblems()).count());
        w.name("withProblems").value(r.servers().stream().filter(Report.ServerReport::hasProblems).count());
        w.endObject();
        w.name("servers").beginArray();
        for (Report.ServerReport s : r.servers()) {
            w.beginObject();
            w.name("name").value(s.name());
            w.name("site").value(s.site());
            w.name("host").value(s.host());
            w.name("port").value(s.port());
            w.name("status").value(s.status());
            w.name("healthy").value(!s.hasProblems());
            if (s.problem() != null) {
                w.name("problem").value(s.problem());
            }
            w.name("credentials").value(s.credentials());
            w.name("elapsedMillis").value(s.elapsed().toMillis());
            if (s.probe() != null) {
                w.name("probe");
                writeProbe(w, s.probe());
            }
            w.name("checks").beginArray();
            for (Report.CheckOutcome c : s.checks()) {
                w.beginObject();
                w.name("checker").value(c.checkerId());
                w.name("name").value(c.checkerName());
                w.name("passed").value(!c.failed());
                w.name("findings").beginArray();
                for (Finding f : c.findings()) {
                    writeFinding(w, f);
                }
                w.endArray();
                w.endObject();
            }
            w.endArray();
            w.endObject();
        }
        w.endArray();
        w.endObject();
        w.flush();
        out.write(System.lineSeparator());
        out.flush();
    }

    static void writeFinding(JsonWriter w, Finding f) throws IOException {
        w.beginObject();
        w.name("kind").value(f.kind());
        w.name("severity").value(f.severity().name().toLowerCase(java.util.Locale.ROOT));
        if (f.errorCode() != null) {
            w.name("errorCode").value(f.errorCodeText());
        }
        if (f.scenario() > 0) {
            w.name("scenario").value(f.scenario());
        }
        w.name("message").value(f.message());
        w.name("evidenceSummary").value(f.evidenceSummary());
        w.name("evidence").value(f.evidence());
        w.endObject();
    }

    static void writeProbe(JsonWriter w, Report.ProbeSummary p) throws IOException {
        w.beginObject();
        w.name("outcome").value(p.outcome());
        w.name("reachedSstp").value(p.reachedSstp());
        if (!p.predictedCode().isEmpty()) {
            w.name("predictedError").value(p.predictedCode());
        } else {
            w.name("predictedError").nullValue();
        }
        if (p.scenario() > 0) {
            w.name("scenario").value(p.scenario());
        }
        w.name("cause").value(p.cause());
        w.name("certificateAssessed").value(p.certificateAssessed());
        if (p.protocol() != null) {
            w.name("tlsProtocol").value(p.protocol());
        }
        if (p.cipherSuite() != null) {
            w.name("cipherSuite").value(p.cipherSuite());
        }
        w.name("certificates").beginArray();
        for (Report.CertificateInfo c : p.chain()) {
            w.beginObject();
            w.name("subject").value(c.subject());
            w.name("issuer").value(c.issuer());
            w.name("serialNumber").value(c.serial());
            w.name("notBefore").value(c.notBefore().toString());
            w.name("notAfter").value(c.notAfter().toString());
            w.name("subjectAltNames").beginArray();
            for (String n : c.subjectAltNames()) {
                w.value(n);
            }
            w.endArray();
            w.name("sha256").value(c.sha256());
            w.endObject();
        }
        w.endArray();
        w.name("durationMillis").value(p.duration().toMillis());
        w.name("transcript").value(p.transcript());
        w.endObject();
    }

    static void writeCode(JsonWriter w, ErrorCode e) throws IOException {
        w.name("code").beginObject();
        w.name("key").value(e.key());
        if (e.value().isPresent()) {
            w.name("hex").value(e.hex());
            w.name("signedDecimal").value(e.value().getAsInt());
            w.name("unsignedDecimal").value(Integer.toUnsignedLong(e.value().getAsInt()));
        }
        w.name("symbolicName").value(e.symbolicName());
        w.name("title").value(e.title());
        w.name("message").value(e.message());
        w.name("causes").beginArray();
        for (String c : e.causes()) {
            w.value(c);
        }
        w.endArray();
        if (e.scenario().isPresent()) {
            w.name("scenario").value(e.scenario().getAsInt());
        }
        w.name("reference").value(e.reference());
        w.endObject();
    }
}
