package org.sstpdoctor.cli.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * {@code sstpdoctor check} as a process makes exactly one probe per server: the endpoints this
 * test starts count the TCP connections, TLS handshakes and SSTP Call Connect Requests they
 * receive, as an RRAS server's logs would, and every report format still carries the predicted
 * client code and transcript of that probe. A server the run could not probe is said to have no
 * probe result.
 */
class CliCheckProbesOnceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Schema schema;

    @TempDir
    Path dir;

    private Cli cli;
    private SstpEndpoint a;
    private SstpEndpoint b;

    @BeforeAll
    static void schema() throws IOException {
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(Path.of(System.getProperty("json.schema"))), InputFormat.JSON);
    }

    @BeforeEach
    void start() throws Exception {
        cli = new Cli(Files.createDirectories(dir.resolve("home")));
        a = new SstpEndpoint(dir);
        b = new SstpEndpoint(dir); // the same certificate: one --trust for both
    }

    @AfterEach
    void stop() throws IOException {
        for (SstpEndpoint e : List.of(a, b)) {
            e.close();
            assertEquals(List.of(), e.failures, "the endpoint saw requests that were not SSTP's");
        }
    }

    @Test
    void everyFormatComesFromOneProbePerServer() throws IOException {
        Path inv = inventory("a", a.port(), "", "b", b.port(), "");
        Cli.Result json = cli.run("check", "--inventory", inv.toString(), "--trust", a.trust(), "--format", "json");
        assertEquals(0, json.exit(), json.toString());
        probedOnce(1, a, b);
        JsonNode report = valid(json.out());
        for (SstpEndpoint e : List.of(a, b)) {
            JsonNode probe = find(report, e == a ? "a" : "b").get("probe");
            assertEquals("SSTP_ACK", probe.get("outcome").asText(), json.out());
            assertTrue(probe.get("predictedError").isNull(), json.out());
            assertTrue(probe.get("transcript").asText().contains("127.0.0.1:" + e.port()), json.out());
        }

        Cli.Result text = cli.run("check", "--inventory", inv.toString(), "--trust", a.trust());
        assertEquals(0, text.exit(), text.toString());
        probedOnce(2, a, b);
        assertTrue(text.out().contains("2 servers checked"), text.out());

        Path junit = dir.resolve("junit.xml");
        Cli.Result j = cli.run("check", "--inventory", inv.toString(), "--trust", a.trust(), "--format", "junit", "-o",
                junit.toString());
        assertEquals(0, j.exit(), j.toString());
        probedOnce(3, a, b);
        assertTrue(Files.readString(junit).contains("127.0.0.1:" + b.port()), "the transcript is the system-out");

        Path html = dir.resolve("report.html");
        Cli.Result h = cli.run("check", "--inventory", inv.toString(), "--trust", a.trust(), "--format", "html", "-o",
                html.toString());
        assertEquals(0, h.exit(), h.toString());
        probedOnce(4, a, b);
        assertTrue(Files.readString(html).contains("Outcome <b>SSTP_ACK</b>; no client error predicted"),
                Files.readString(html));
    }

    @Test
    void theUntrustedChainIsPredictedFromTheOneProbe() throws IOException {
        Path inv = inventory("a", a.port(), "");
        Cli.Result json = cli.run("check", "--inventory", inv.toString(), "--format", "json");
        assertEquals(1, json.exit(), json.toString());
        probedOnce(1, a);
        JsonNode server = find(valid(json.out()), "a");
        assertEquals("0x800B0109", server.get("probe").get("predictedError").asText(), json.out());
        String transcript = server.get("probe").get("transcript").asText();
        assertTrue(transcript.contains("0x800B0109"), transcript);
        JsonNode finding = check(server, "probe").get("findings").get(0);
        assertEquals("0x800B0109", finding.get("errorCode").asText(), json.out());
        assertEquals(transcript, finding.get("evidence").asText(), "the finding's evidence is the same probe's");

        Cli.Result text = cli.run("check", "--inventory", inv.toString());
        assertEquals(1, text.exit(), text.toString());
        probedOnce(2, a);
        assertTrue(text.out().lines().anyMatch(l -> l.matches("a +127\\.0\\.0\\.1:\\d+ +PROBLEMS +0x800B0109 +1")),
                text.out());
    }

    @Test
    void theProbeAndTheNetworkCheckersShareOneProbe() throws IOException {
        Path inv = inventory("a", a.port(), "");
        Cli.Result r = cli.run("check", "--inventory", inv.toString(), "--trust", a.trust(), "--checker", "probe",
                "--checker", "org.sstpdoctor.probe.serverCertificate", "--checker", "org.sstpdoctor.probe.sstpHandshake",
                "--format", "json");
        assertEquals(0, r.exit(), r.toString());
        probedOnce(1, a);
        JsonNode server = find(valid(r.out()), "a");
        assertEquals("SSTP_ACK", server.get("probe").get("outcome").asText(), r.out());
        assertEquals(3, server.get("checks").size(), r.out());
    }

    @Test
    void aServerThatCouldNotBeProbedIsSaidToHaveNoProbeResult() throws IOException {
        // the trust its file names is no trust store: the network evidence cannot be gathered
        Path inv = inventory("a", a.port(), "no such trust");
        Cli.Result json = cli.run("check", "--inventory", inv.toString(), "--format", "json");
        assertEquals(1, json.exit(), json.toString());
        assertEquals(0, a.connections(), "nothing may be probed when the evidence cannot be gathered");
        JsonNode server = find(valid(json.out()), "a");
        assertFalse(server.has("probe"), "a probe result was made up: " + json.out());
        JsonNode finding = check(server, "probe").get("findings").get(0);
        assertEquals("org.sstpdoctor.cli.noProbeEvidence", finding.get("kind").asText(), json.out());
        assertEquals("warning", finding.get("severity").asText(), json.out());
        assertTrue(finding.get("message").asText().contains("names no trust store"), json.out());

        Cli.Result text = cli.run("check", "--inventory", inv.toString());
        assertEquals(1, text.exit(), text.toString());
        assertTrue(text.out().lines().anyMatch(l -> l.matches("a +127\\.0\\.0\\.1:\\d+ +PROBLEMS +- +1")), text.out());
        assertTrue(text.out().contains("No network probe result"), text.out());
    }

    // ---- helpers

    /** An inventory folder of servers on 127.0.0.1: name, port, clientTrust option ("" for none), repeated. */
    private Path inventory(Object... servers) throws IOException {
        Path inv = Files.createTempDirectory(dir, "inventory");
        for (int i = 0; i < servers.length; i += 3) {
            String trust = (String) servers[i + 2];
            Files.writeString(inv.resolve(servers[i] + ".server"), """
                    {
                      "format": "sstpdoctor-server",
                      "version": 1,
                      "host": "127.0.0.1",
                      "sstpPort": %d,
                      "channel": { "kind": "none", "options": %s },
                      "tags": [],
                      "notes": ""
                    }
                    """.formatted((Integer) servers[i + 1],
                    trust.isEmpty() ? "{}" : "{ \"clientTrust\": \"" + trust + "\" }"));
        }
        return inv;
    }

    private static void probedOnce(int runs, SstpEndpoint... endpoints) {
        for (SstpEndpoint e : endpoints) {
            assertEquals(runs, e.connections(), "TCP connections to port " + e.port() + " after " + runs + " check runs");
            assertEquals(runs, e.handshakes(), "TLS handshakes on port " + e.port() + " after " + runs + " check runs");
            assertEquals(runs, e.callConnects(), "Call Connect Requests on port " + e.port() + " after " + runs + " check runs");
        }
    }

    private static JsonNode find(JsonNode report, String name) {
        for (JsonNode s : report.get("servers")) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no server " + name + " in " + report);
    }

    private static JsonNode check(JsonNode server, String checker) {
        for (JsonNode c : server.get("checks")) {
            if (c.get("checker").asText().equals(checker)) {
                return c;
            }
        }
        throw new AssertionError("no check " + checker + " in " + server);
    }

    /** {@code text} parsed, after asserting it is valid against the CLI's JSON schema. */
    private static JsonNode valid(String text) throws IOException {
        List<Error> errors = schema.validate(text, InputFormat.JSON);
        assertEquals(List.of(), errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList(),
                "not valid against docs/cli-json-schema.json:\n" + text);
        return JSON.readTree(text);
    }
}
