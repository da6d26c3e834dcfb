package org.sstpdoctor.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.sstpdoctor.core.errors.ErrorCatalog;
import org.sstpdoctor.core.errors.ErrorCode;

import com.google.gson.stream.JsonWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code explain CODE}: the catalog entry of a client error code. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain a client error code: 0x800B0109, 800B0109, -2146762487, 2148204809, 809, "
                + "CERT_E_UNTRUSTEDROOT or \"scenario 5\".",
        footer = "Exit status: 0 when the catalog knows the code, 1 when it does not, 2 on a usage error.")
final class ExplainCommand implements Callable<Integer> {

    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CODE", description = "the code, in any form (words are joined: scenario 5)")
    java.util.List<String> code;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json")
    Format format = Format.text;

    @Override
    public Integer call() throws IOException {
        String text = String.join(" ", code);
        PrintWriter out = spec.commandLine().getOut();
        var entry = ErrorCatalog.getDefault().lookup(text);
        if (entry.isEmpty()) {
            spec.commandLine().getErr().println("The catalog has no entry for \"" + text + "\".");
            return Exit.PROBLEMS;
        }
        if (format == Format.json) {
            writeJson(entry.get(), out);
        } else {
            writeText(entry.get(), out);
        }
        out.flush();
        return Exit.HEALTHY;
    }

    static void writeText(ErrorCode e, PrintWriter out) {
        out.println(e.display() + ": " + e.title());
        if (e.value().isPresent()) {
            out.println("  " + Text.pad("Code", 12) + e.hex());
            out.println("  " + Text.pad("Decimal", 12) + e.signedDecimal()
                    + (e.signedDecimal().equals(e.unsignedDecimal()) ? "" : " (unsigned " + e.unsignedDecimal() + ")"));
        }
        if (e.scenario().isPresent()) {
            out.println("  " + Text.pad("Scenario", 12) + "KB947031 scenario " + e.scenario().getAsInt());
        }
        if (!e.reference().isEmpty()) {
            out.println("  " + Text.pad("Reference", 12) + e.reference());
        }
        out.println();
        out.println("Message:");
        out.println("  " + e.message());
        if (!e.causes().isEmpty()) {
            out.println();
            out.println("Causes:");
            int n = 1;
            for (String cause : e.causes()) {
                out.println("  " + n++ + ". " + cause);
            }
        }
    }

    static void writeJson(ErrorCode e, PrintWriter out) throws IOException {
        JsonWriter w = new JsonWriter(out);
        w.setIndent("  ");
        w.beginObject();
        w.name("schemaVersion").value(JsonReport.SCHEMA_VERSION);
        w.name("command").value("explain");
        JsonReport.writeCode(w, e);
        w.endObject();
        w.flush();
        out.println();
    }
}
