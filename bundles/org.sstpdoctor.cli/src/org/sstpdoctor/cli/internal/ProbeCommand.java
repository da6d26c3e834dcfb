package org.sstpdoctor.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.sstpdoctor.probe.CertificateAssessor;
import org.sstpdoctor.probe.ProbeResult;
import org.sstpdoctor.probe.ProbeTarget;
import org.sstpdoctor.probe.Prober;

import com.google.gson.stream.JsonWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code probe HOST[:PORT]}: the network-only diagnosis of one server, as a Windows SSTP client meets it. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Probe one SSTP server from the network (DNS, TCP, TLS, HTTP, MS-SSTP) and predict "
                + "the error a Windows client would show.",
        footer = "Exit status: 0 when the server accepts SSTP calls and no client error is predicted, "
                + "1 when one is, 2 on a usage error.")
final class ProbeCommand implements Callable<Integer> {

    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "HOST[:PORT]", description = "the name clients connect to; port 443 unless given; [IPv6]:PORT")
    String endpoint;

    @Option(names = "--proxy", paramLabel = "HOST:PORT", description = "reach the server through this HTTP proxy (CONNECT)")
    String proxy;

    @Option(names = "--trust", paramLabel = "TRUST", description = "the roots the VPN clients trust: jdk (the Java "
            + "runtime's public roots, the default), file:PEM-FILE or folder:DIR")
    String trust;

    @Option(names = "--timeout", paramLabel = "S", description = "the longest the probe may take, in seconds (default ${DEFAULT-VALUE})")
    double timeoutSeconds = 30;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json")
    Format format = Format.text;

    @Override
    public Integer call() throws IOException {
        if (!(timeoutSeconds > 0) || timeoutSeconds > 3600) {
            throw new CliException("--timeout must be more than 0 and at most 3600 seconds");
        }
        ProbeTarget target = Endpoints.target(endpoint, proxy);
        Optional<CertificateAssessor> assessor = Probes.assessor(trust);
        ProbeResult result;
        try (Prober prober = new Prober(Probes.settings(Duration.ofMillis((long) (timeoutSeconds * 1000))), 1)) {
            result = prober.probe(target);
        }
        Report.ProbeSummary s = Probes.summary(result, assessor);
        boolean problem = !Probes.findings(result, s, assessor).isEmpty();
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            JsonWriter w = new JsonWriter(out);
            w.setIndent("  ");
            w.beginObject();
            w.name("schemaVersion").value(JsonReport.SCHEMA_VERSION);
            w.name("command").value("probe");
            w.name("target").value(target.toString());
            w.name("healthy").value(!problem);
            w.name("probe");
            JsonReport.writeProbe(w, s);
            w.endObject();
            w.flush();
            out.println();
        } else {
            boolean colour = Terminal.colour();
            out.println(target + "  " + Terminal.paint(s.outcome(), problem ? "31" : "32", colour) + "  ("
                    + Text.seconds(s.duration()) + ")");
            if (!s.predictedCode().isEmpty()) {
                out.println("Predicted client error: " + Terminal.paint(s.predictedCode(), "1;31", colour)
                        + (s.scenario() > 0 ? " (KB947031 scenario " + s.scenario() + ")" : ""));
            } else {
                out.println("Predicted client error: none");
            }
            if (s.cause() != null && !s.cause().isEmpty()) {
                out.println("Cause: " + s.cause());
            }
            if (!s.certificateAssessed()) {
                out.println("The certificate chain was not judged: a certificate error may still come first.");
            }
            out.println();
            out.print(s.transcript());
            if (!s.transcript().endsWith("\n")) {
                out.println();
            }
        }
        out.flush();
        return problem ? Exit.PROBLEMS : Exit.HEALTHY;
    }
}
