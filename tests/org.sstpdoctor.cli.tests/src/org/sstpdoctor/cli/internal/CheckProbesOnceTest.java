package org.sstpdoctor.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.Inventory;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.ServerConfig;
import org.sstpdoctor.core.inventory.ServerFileFormat;
import org.sstpdoctor.kb947031.KbFindings;
import org.sstpdoctor.lab.Lab;
import org.sstpdoctor.lab.LabHost;
import org.sstpdoctor.lab.LabInventory;
import org.sstpdoctor.lab.LabScenario;
import org.sstpdoctor.probe.evidence.ProbeEvidenceSettings;
import org.sstpdoctor.remote.RemoteSettings;
import org.sstpdoctor.remote.ssh.KnownHosts;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code check} probes every server exactly once: the endpoints this test starts count the TCP
 * connections, TLS handshakes and SSTP Call Connect Requests they receive, and every report
 * format still carries the predicted client code and the transcript of that one probe, also for
 * a managed server whose KB947031 checkers read the probe too. When the check run has no probe of
 * a server, the report says so rather than making a result up.
 */
class CheckProbesOnceTest {

    private static final String NETWORK_CHECKER = "org.sstpdoctor.probe.serverCertificate";

    @TempDir
    Path dir;

    private final List<CountingSstpEndpoint> endpoints = new ArrayList<>();
    private IProject project;
    private Path workspace;

    @BeforeEach
    void inventory() throws Exception {
        workspace = Path.of(Platform.getInstanceLocation().getURL().toURI()).toAbsolutePath().normalize();
        project = ResourcesPlugin.getWorkspace().getRoot().getProject(Inventory.PROJECT_NAME);
        if (project.exists()) {
            project.delete(IResource.ALWAYS_DELETE_PROJECT_CONTENT | IResource.FORCE, null);
        }
        project.create(null);
        project.open(null);
    }

    @AfterEach
    void stop() throws IOException, CoreException {
        for (CountingSstpEndpoint e : endpoints) {
            e.close();
            assertEquals(List.of(), e.failures, "the endpoint saw requests that were not SSTP's");
        }
        project.delete(IResource.ALWAYS_DELETE_PROJECT_CONTENT | IResource.FORCE, null);
    }

    @Test
    void everyReportFormatComesFromOneProbePerServer() throws Exception {
        Path roots = Files.createDirectories(dir.resolve("roots"));
        CountingSstpEndpoint a = endpoint(roots, false);
        CountingSstpEndpoint b = endpoint(roots, false);
        server("a", a.port(), "");
        server("b", b.port(), "");
        String trust = "folder:" + roots;

        Run json = check("--trust", trust, "--format", "json");
        assertEquals(Exit.HEALTHY, json.exit, json.toString());
        probedOnce(1, a, b);
        JsonObject report = JsonParser.parseString(json.out).getAsJsonObject();
        assertEquals("probe", report.getAsJsonArray("checkers").get(0).getAsJsonObject().get("id").getAsString());
        for (CountingSstpEndpoint e : List.of(a, b)) {
            JsonObject probe = server(report, e == a ? "a" : "b").getAsJsonObject("probe");
            assertNotNull(probe, json.out);
            assertEquals("SSTP_ACK", probe.get("outcome").getAsString(), json.out);
            assertTrue(probe.get("predictedError").isJsonNull(), json.out);
            assertTrue(probe.get("certificateAssessed").getAsBoolean(), json.out);
            assertEquals("CN=localhost", probe.getAsJsonArray("certificates").get(0).getAsJsonObject().get("subject")
                    .getAsString(), json.out);
            String transcript = probe.get("transcript").getAsString();
            assertTrue(transcript.contains("127.0.0.1:" + e.port()), transcript);
            assertTrue(transcript.contains("Call Connect"), transcript);
        }

        Run text = check("--trust", trust);
        assertEquals(Exit.HEALTHY, text.exit, text.toString());
        probedOnce(2, a, b);
        assertTrue(text.out.lines().anyMatch(l -> l.matches("a +127\\.0\\.0\\.1:" + a.port() + " +HEALTHY +- +0")), text.out);
        assertTrue(text.out.contains("2 servers checked"), text.out);

        Run junit = check("--trust", trust, "--format", "junit");
        assertEquals(Exit.HEALTHY, junit.exit, junit.toString());
        probedOnce(3, a, b);
        assertTrue(junit.out.contains("<testcase name=\"probe\" classname=\"a\""), junit.out);
        assertTrue(junit.out.contains("127.0.0.1:" + b.port()), "the transcript is the system-out: " + junit.out);
        assertFalse(junit.out.contains("<failure"), junit.out);

        Run html = check("--trust", trust, "--format", "html");
        assertEquals(Exit.HEALTHY, html.exit, html.toString());
        probedOnce(4, a, b);
        assertTrue(html.out.contains("<h3>Network probe</h3><p>Outcome <b>SSTP_ACK</b>; no client error predicted"), html.out);
        assertTrue(html.out.contains("Probe transcript"), html.out);
    }

    @Test
    void theClientErrorIsPredictedFromTheOneProbe() throws Exception {
        CountingSstpEndpoint e = endpoint(dir, false);
        server("untrusted", e.port(), "");
        // judged against the Java runtime's roots, which do not hold the endpoint's self-signed certificate
        Run run = check("--format", "json");
        assertEquals(Exit.PROBLEMS, run.exit, run.toString());
        probedOnce(1, e);
        JsonObject server = server(JsonParser.parseString(run.out).getAsJsonObject(), "untrusted");
        JsonObject probe = server.getAsJsonObject("probe");
        assertEquals("SSTP_ACK", probe.get("outcome").getAsString(), run.out);
        assertEquals("0x800B0109", probe.get("predictedError").getAsString(), run.out);
        assertEquals(5, probe.get("scenario").getAsInt(), run.out);
        String transcript = probe.get("transcript").getAsString();
        assertTrue(transcript.contains("0x800B0109"), transcript);
        JsonObject check = check(server, "probe");
        JsonObject finding = check.getAsJsonArray("findings").get(0).getAsJsonObject();
        assertEquals(Probes.KIND_CLIENT_ERROR, finding.get("kind").getAsString(), run.out);
        assertEquals("0x800B0109", finding.get("errorCode").getAsString(), run.out);
        assertEquals(transcript, finding.get("evidence").getAsString(), "the finding's evidence is the same probe's transcript");

        Run text = check();
        assertEquals(Exit.PROBLEMS, text.exit, text.toString());
        probedOnce(2, e);
        assertTrue(text.out.lines().anyMatch(l -> l.matches("untrusted +127\\.0\\.0\\.1:\\d+ +PROBLEMS +0x800B0109 +1")),
                text.out);
    }

    @Test
    void theProbeAloneOrWithTheNetworkCheckersIsStillOneProbe() throws Exception {
        CountingSstpEndpoint e = endpoint(dir, false);
        server("one", e.port(), "");
        String trust = e.trust();

        Run probeOnly = check("--trust", trust, "--checker", "probe", "--format", "json");
        assertEquals(Exit.HEALTHY, probeOnly.exit, probeOnly.toString());
        probedOnce(1, e);
        JsonObject report = JsonParser.parseString(probeOnly.out).getAsJsonObject();
        assertEquals(1, report.getAsJsonArray("checkers").size(), "an unreported checker gathered the probe: " + probeOnly.out);
        JsonObject one = server(report, "one");
        assertEquals("SSTP_ACK", one.getAsJsonObject("probe").get("outcome").getAsString(), probeOnly.out);
        assertEquals(1, one.getAsJsonArray("checks").size(), probeOnly.out);

        Run both = check("--trust", trust, "--checker", "probe", "--checker", NETWORK_CHECKER, "--format", "json");
        assertEquals(Exit.HEALTHY, both.exit, both.toString());
        probedOnce(2, e);
        one = server(JsonParser.parseString(both.out).getAsJsonObject(), "one");
        assertEquals("SSTP_ACK", one.getAsJsonObject("probe").get("outcome").getAsString(), both.out);
        assertTrue(check(one, NETWORK_CHECKER).get("passed").getAsBoolean(), both.out);

        Run networkOnly = check("--trust", trust, "--checker", NETWORK_CHECKER, "--format", "json");
        assertEquals(Exit.HEALTHY, networkOnly.exit, networkOnly.toString());
        probedOnce(3, e);
        assertFalse(server(JsonParser.parseString(networkOnly.out).getAsJsonObject(), "one").has("probe"),
                "the probe was not asked for: " + networkOnly.out);
    }

    @Test
    void aServerWithoutProbeEvidenceIsSaidToHaveNone() throws Exception {
        CountingSstpEndpoint e = endpoint(dir, false);
        // the network evidence cannot be gathered: the trust this server's file names is no trust store
        server("misconfigured", e.port(), "no such trust");
        Run json = check("--format", "json");
        assertEquals(Exit.PROBLEMS, json.exit, json.toString());
        assertEquals(0, e.connections(), "nothing may be probed when the evidence cannot be gathered");
        JsonObject server = server(JsonParser.parseString(json.out).getAsJsonObject(), "misconfigured");
        assertFalse(server.has("probe"), "a probe result was made up: " + json.out);
        JsonObject finding = check(server, "probe").getAsJsonArray("findings").get(0).getAsJsonObject();
        assertEquals(Probes.KIND_NO_EVIDENCE, finding.get("kind").getAsString(), json.out);
        assertEquals("warning", finding.get("severity").getAsString(), json.out);
        assertFalse(finding.has("errorCode"), json.out);
        assertTrue(finding.get("message").getAsString().contains("names no trust store"), json.out);
        for (JsonElement c : server.getAsJsonArray("checks")) {
            assertFalse(c.getAsJsonObject().get("checker").getAsString().startsWith(Probes.NETWORK_CHECKERS),
                    "the checker that gathers the probe is reported: " + json.out);
        }

        Run text = check();
        assertEquals(Exit.PROBLEMS, text.exit, text.toString());
        assertTrue(text.out.lines().anyMatch(l -> l.matches("misconfigured +127\\.0\\.0\\.1:\\d+ +PROBLEMS +- +1")), text.out);
        assertTrue(text.out.contains("No network probe result, so no client error is predicted"), text.out);
        assertEquals(0, e.connections());
    }

    @Test
    void aProbeCutShortByTheTimeoutIsSaidToHaveNoResult() throws Exception {
        CountingSstpEndpoint silent = endpoint(dir, true);
        server("silent", silent.port(), "");
        Run json = check("--trust", silent.trust(), "--timeout", "1", "--format", "json");
        assertEquals(Exit.PROBLEMS, json.exit, json.toString());
        assertEquals(1, silent.connections(), "one probe, cut short");
        assertEquals(0, silent.callConnects());
        JsonObject server = server(JsonParser.parseString(json.out).getAsJsonObject(), "silent");
        assertFalse(server.has("probe"), "a probe result was made up: " + json.out);
        JsonObject finding = check(server, "probe").getAsJsonArray("findings").get(0).getAsJsonObject();
        assertEquals(Probes.KIND_NO_EVIDENCE, finding.get("kind").getAsString(), json.out);
        assertTrue(finding.get("message").getAsString().contains("within 1 s"), json.out);
        assertEquals("incomplete", server.get("status").getAsString(), json.out);
    }

    /**
     * The case an administrator meets: a managed server, whose KB947031 checkers read its state
     * over SSH (a practice lab host) and the network probe of its SSTP port (the endpoint here).
     * The checkers' probe and the report's are one: the SSTP port sees one call, and the
     * transcript a checker quotes is the report's.
     */
    @Test
    void aManagedServerIsProbedOnceForItsCheckersAndTheReport() throws Exception {
        CountingSstpEndpoint e = endpoint(dir, false);
        try (Lab lab = Lab.start(dir.resolve("lab"), List.of())) {
            LabHost host = lab.host(LabScenario.HEALTHY);
            host.state().setSstpPorts(3);
            new KnownHosts(RemoteSettings.defaults().knownHostsFile()).add(host.address(), host.sshPort(),
                    host.sshHostKey());
            Map<String, String> options = new TreeMap<>(LabInventory.config(lab, host).channel().options());
            options.put(ProbeEvidenceSettings.SERVER_OPTION_TRUST, e.trust());
            ManagementChannel ssh = new ManagementChannel(ChannelKind.SSH, host.sshPort(), Lab.USER, options);
            // the state of the lab host, the SSTP port of the counting endpoint; no credentials: the lab's key
            ServerConfig config = new ServerConfig("127.0.0.1", e.port(), ssh, List.of(), "", "");
            Files.write(project.getLocation().toPath().resolve("managed.server"), ServerFileFormat.write(config));
            project.refreshLocal(IResource.DEPTH_INFINITE, null);

            Run json = check("--format", "json");
            probedOnce(1, e);
            JsonObject server = server(JsonParser.parseString(json.out).getAsJsonObject(), "managed");
            JsonObject probe = server.getAsJsonObject("probe");
            assertNotNull(probe, json.toString());
            assertEquals("SSTP_ACK", probe.get("outcome").getAsString(), json.out);
            assertTrue(probe.get("predictedError").isJsonNull(), json.out);
            JsonObject ports = check(server, "org.sstpdoctor.kb947031.noFreePorts").getAsJsonArray("findings").get(0)
                    .getAsJsonObject();
            assertEquals(KbFindings.SSTP_PORTS_LOW, ports.get("kind").getAsString(), json.out);
            assertTrue(ports.get("evidence").getAsString().endsWith(probe.get("transcript").getAsString()),
                    "the checker quotes another probe than the report's: " + json.out);
        }
    }

    // ---- helpers

    private record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private Run check(String... args) {
        List<String> all = new ArrayList<>(List.of("check", "--workspace", workspace.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CliApplication.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    private CountingSstpEndpoint endpoint(Path trustDir, boolean silent) throws Exception {
        CountingSstpEndpoint e = new CountingSstpEndpoint(trustDir, silent);
        endpoints.add(e);
        return e;
    }

    /** A server file for 127.0.0.1:{@code port}, not managed, with no credentials; {@code trust}: its clientTrust option. */
    private void server(String name, int port, String trust) throws IOException, CoreException {
        String options = trust.isEmpty() ? "{}" : "{ \"clientTrust\": \"" + trust + "\" }";
        Files.writeString(project.getLocation().toPath().resolve(name + ".server"), """
                {
                  "format": "sstpdoctor-server",
                  "version": 1,
                  "host": "127.0.0.1",
                  "sstpPort": %d,
                  "channel": { "kind": "none", "options": %s },
                  "tags": [],
                  "notes": ""
                }
                """.formatted(port, options), StandardCharsets.UTF_8);
        project.refreshLocal(IResource.DEPTH_INFINITE, null);
    }

    private static void probedOnce(int runs, CountingSstpEndpoint... endpoints) {
        for (CountingSstpEndpoint e : endpoints) {
            assertEquals(runs, e.connections(), "TCP connections to 127.0.0.1:" + e.port() + " after " + runs + " check runs");
            assertEquals(runs, e.handshakes(), "TLS handshakes with 127.0.0.1:" + e.port() + " after " + runs + " check runs");
            assertEquals(runs, e.callConnects(), "Call Connect Requests to 127.0.0.1:" + e.port() + " after " + runs + " check runs");
        }
    }

    private static JsonObject server(JsonObject report, String name) {
        for (JsonElement s : report.getAsJsonArray("servers")) {
            if (s.getAsJsonObject().get("name").getAsString().equals(name)) {
                return s.getAsJsonObject();
            }
        }
        throw new AssertionError("no server " + name + " in " + report);
    }

    private static JsonObject check(JsonObject server, String checker) {
        JsonArray checks = server.getAsJsonArray("checks");
        for (JsonElement c : checks) {
            if (c.getAsJsonObject().get("checker").getAsString().equals(checker)) {
                return c.getAsJsonObject();
            }
        }
        throw new AssertionError("no check " + checker + " in " + server);
    }
}
