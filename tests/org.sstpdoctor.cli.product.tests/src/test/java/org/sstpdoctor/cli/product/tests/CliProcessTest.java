package org.sstpdoctor.cli.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The command-line product run as a process: {@code explain}, {@code probe} and {@code check}
 * against a TLS + MS-SSTP endpoint this test starts and a port nothing listens on; the JSON
 * against docs/cli-json-schema.json, the JUnit XML against the JUnit schema, the exit statuses,
 * and a credential stored in a Secure Storage file of the test's that appears in no output.
 */
class CliProcessTest {

    private static final String SECRET = "S3cr3t-Pa55w0rd-CLI-7f1c";
    private static final String CREDENTIAL_REF = "3f2a9d1c-7b4e-4c6a-9e0f-1d2c3b4a5f60";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Cli cli;
    private static SstpEndpoint endpoint;
    private static int closedPort;
    private static Schema schema;

    @BeforeAll
    static void start() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        cli = new Cli(home);
        endpoint = new SstpEndpoint(dir);
        closedPort = SstpEndpoint.closedPort();
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(Path.of(System.getProperty("json.schema"))), InputFormat.JSON);
    }

    @AfterAll
    static void stop() throws IOException {
        if (endpoint != null) {
            endpoint.close();
            assertEquals(List.of(), endpoint.failures, "the endpoint saw requests that were not SSTP's");
        }
    }

    // ---- explain

    @ParameterizedTest
    @ValueSource(strings = { "0x800B0109", "800b0109", "-2146762487", "2148204809", "CERT_E_UNTRUSTEDROOT", "cert_e_untrustedroot",
            "scenario 5", "Scenario5" })
    void explainReadsEveryFormOfACode(String code) {
        Cli.Result r = cli.run(("explain " + code).split(" "));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("0x800B0109 (CERT_E_UNTRUSTEDROOT): "), r.toString());
        assertTrue(r.out().contains("-2146762487 (unsigned 2148204809)"), r.toString());
        assertTrue(r.out().contains("KB947031 scenario 5"), r.toString());
    }

    @Test
    void explainWritesJsonOfItsSchema() throws IOException {
        Cli.Result r = cli.run("explain", "809", "--format", "json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode json = valid(r.out());
        assertEquals("809", json.get("code").get("key").asText());
        assertEquals("ERROR_VPN_TIMEOUT", json.get("code").get("symbolicName").asText());
        assertEquals(2, json.get("code").get("scenario").asInt());
    }

    @Test
    void explainOfAnUnknownCodeIsStatusOneAndUsageErrorsAreTwo() {
        Cli.Result unknown = cli.run("explain", "0x8FFF0001");
        assertEquals(1, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().contains("no entry for \"0x8FFF0001\""), unknown.toString());
        assertEquals(2, cli.run("explain").exit());
        assertEquals(2, cli.run("no-such-command").exit());
        assertEquals(2, cli.run().exit());
        Cli.Result lab = cli.run("lab", "--no-such-option");
        assertEquals(2, lab.exit(), lab.toString());
    }

    // ---- probe

    @Test
    void probeOfAResponsiveServerPredictsNoErrorInUnderASecond() throws IOException {
        Cli.Result untrusted = cli.run("probe", "localhost:" + endpoint.port());
        assertEquals(1, untrusted.exit(), "a self-signed chain is untrusted by the Java runtime's roots: " + untrusted);
        assertTrue(untrusted.out().contains("0x800B0109"), untrusted.toString());

        Cli.Result text = cli.run("probe", "localhost:" + endpoint.port(), "--trust", endpoint.trust());
        assertEquals(0, text.exit(), text.toString());
        assertTrue(text.out().contains("SSTP_ACK"), text.toString());
        assertTrue(text.out().contains("Predicted client error: none"), text.toString());
        assertFalse(text.out().contains("\u001b["), "colour on a pipe");

        Cli.Result r = cli.run("probe", "127.0.0.1:" + endpoint.port(), "--format", "json", "--trust", endpoint.trust());
        assertEquals(0, r.exit(), r.toString());
        JsonNode probe = valid(r.out()).get("probe");
        assertEquals("SSTP_ACK", probe.get("outcome").asText());
        assertTrue(probe.get("predictedError").isNull(), r.out());
        assertTrue(probe.get("durationMillis").asLong() < 1000, "the probe took " + probe.get("durationMillis") + " ms");
        assertEquals("CN=localhost,O=SSTP Doctor tests \\<&\\>", probe.get("certificates").get(0).get("subject").asText());
    }

    @Test
    void probeOfAClosedPortPredicts809() throws IOException {
        Cli.Result r = cli.run("probe", "127.0.0.1:" + closedPort, "--timeout", "5");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().contains("REFUSED"), r.toString());
        assertTrue(r.out().contains("Predicted client error: 809"), r.toString());

        Cli.Result json = cli.run("probe", "127.0.0.1:" + closedPort, "--format", "json");
        assertEquals(1, json.exit(), json.toString());
        assertEquals("809", valid(json.out()).get("probe").get("predictedError").asText());
    }

    @Test
    void probeRefusesMalformedTargetsWithStatusTwo() {
        Cli.Result r = cli.run("probe", "localhost:99999");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("1-65535"), r.toString());
        assertEquals(2, cli.run("probe", "localhost", "--timeout", "0").exit());
    }

    // ---- check

    /** An inventory folder: a healthy server at the top, a broken one in site emea/paris, an unreadable file. */
    private static Path inventory(boolean withBroken, boolean withCorrupt) throws IOException {
        return inventory(withBroken, withCorrupt, "none");
    }

    /** The same, the good server managed over {@code channel} (with "ssh" it needs its credentials). */
    private static Path inventory(boolean withBroken, boolean withCorrupt, String channel) throws IOException {
        Path inv = Files.createTempDirectory(dir, "inventory");
        Files.writeString(inv.resolve("good.server"), server("localhost", endpoint.port(), "prod", channel));
        if (withBroken) {
            Files.createDirectories(inv.resolve("emea/paris"));
            Files.writeString(inv.resolve("emea/paris/closed.server"), server("127.0.0.1", closedPort, "dmz", "none"));
        }
        if (withCorrupt) {
            Files.writeString(inv.resolve("corrupt.server"), "{ \"format\": \"sstpdoctor-server\", ");
        }
        return inv;
    }

    private static String server(String host, int port, String tag, String channel) {
        return """
                {
                  "format": "sstpdoctor-server",
                  "version": 1,
                  "host": "%s",
                  "sstpPort": %d,
                  "channel": { "kind": "%s", "user": "alice" },
                  "tags": [ "%s" ],
                  "notes": "<script>alert(1)</script> & co",
                  "credentialRef": "%s"
                }
                """.formatted(host, port, channel, tag, CREDENTIAL_REF);
    }

    @Test
    void checkOfAHealthyInventoryIsStatusZero() throws IOException {
        Cli.Result r = cli.run("check", "--inventory", inventory(false, false).toString(), "--format", "json",
                "--trust", endpoint.trust());
        assertEquals(0, r.exit(), r.toString());
        JsonNode json = valid(r.out());
        assertTrue(json.get("healthy").asBoolean());
        assertEquals(1, json.get("servers").size());
        JsonNode good = json.get("servers").get(0);
        assertEquals("good", good.get("name").asText());
        assertEquals("SSTP_ACK", good.get("probe").get("outcome").asText());
    }

    @Test
    void checkWithAProblemIsStatusOneAndItsJsonFollowsTheSchema() throws IOException {
        Path inv = inventory(true, true);
        Cli.Result r = cli.run("check", "--trust", endpoint.trust(), "--inventory", inv.toString(), "--format", "json", "--timeout", "5");
        assertEquals(1, r.exit(), r.toString());
        JsonNode json = valid(r.out());
        assertFalse(json.get("healthy").asBoolean());
        assertEquals(3, json.get("summary").get("servers").asInt(), r.out());
        assertEquals(2, json.get("summary").get("withProblems").asInt(), r.out());
        JsonNode closed = find(json, "closed");
        assertEquals("emea/paris", closed.get("site").asText());
        JsonNode finding = closed.get("checks").get(0).get("findings").get(0);
        assertEquals("809", finding.get("errorCode").asText());
        assertEquals("error", finding.get("severity").asText());
        JsonNode corrupt = find(json, "corrupt");
        assertEquals("not-checked", corrupt.get("status").asText());
        assertTrue(corrupt.has("problem"));

        Cli.Result text = cli.run("check", "--trust", endpoint.trust(), "--inventory", inv.toString());
        assertEquals(1, text.exit(), text.toString());
        assertTrue(text.out().lines().anyMatch(l -> l.matches("emea/paris/closed +127\\.0\\.0\\.1:\\d+ +PROBLEMS +809 +1")),
                text.out());
        assertTrue(text.out().contains("3 servers checked"), text.out());
        assertEquals("", text.err(), "progress or noise on a standard error that is not a terminal");
    }

    @Test
    void checkFiltersBySiteTagAndChecker() throws IOException {
        Path inv = inventory(true, false);
        Cli.Result site = cli.run("check", "--trust", endpoint.trust(), "--inventory", inv.toString(), "--site", "emea", "--format", "json");
        assertEquals(1, site.exit(), site.toString());
        assertEquals(1, valid(site.out()).get("servers").size());
        assertEquals("closed", valid(site.out()).get("servers").get(0).get("name").asText());

        Cli.Result tag = cli.run("check", "--trust", endpoint.trust(), "--inventory", inv.toString(), "--tag", "PROD", "--format", "json");
        assertEquals(0, tag.exit(), tag.toString());
        assertEquals("good", valid(tag.out()).get("servers").get(0).get("name").asText());

        Cli.Result checker = cli.run("check", "--trust", endpoint.trust(), "--inventory", inv.toString(), "--checker", "probe", "--format", "json");
        assertEquals(1, checker.exit(), checker.toString());
        assertEquals("probe", valid(checker.out()).get("checkers").get(0).get("id").asText());

        Cli.Result unknown = cli.run("check", "--inventory", inv.toString(), "--checker", "no.such.checker");
        assertEquals(2, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().contains("no such checker"), unknown.toString());
    }

    @Test
    void theClientsTrustReachesTheContributedNetworkCheckers() throws IOException {
        String[] args = { "check", "localhost:" + endpoint.port(), "--checker", "org.sstpdoctor.probe.serverCertificate",
                "--format", "json" };
        Cli.Result untrusted = cli.run(args);
        assertEquals(1, untrusted.exit(), untrusted.toString());
        assertTrue(untrusted.out().contains("0x800B0109"), untrusted.toString());
        Cli.Result trusted = cli.run(concat(args, "--trust", endpoint.trust()));
        assertEquals(0, trusted.exit(), trusted.toString());
        assertTrue(valid(trusted.out()).get("healthy").asBoolean(), trusted.out());
        Cli.Result bad = cli.run(concat(args, "--trust", "file:" + dir.resolve("no-such.pem")));
        assertEquals(2, bad.exit(), bad.toString());
    }

    @Test
    void checkReadsACsvInventory() throws IOException {
        Path csv = dir.resolve("servers.csv");
        Files.writeString(csv, "host,port,site,channel,name,tags\r\n"
                + "localhost," + endpoint.port() + ",emea/paris,none,good,prod;dmz\r\n"
                + "127.0.0.1," + closedPort + ",,none,closed,\r\n");
        Cli.Result r = cli.run("check", "--trust", endpoint.trust(), "--csv", csv.toString(), "--format", "json");
        assertEquals(1, r.exit(), r.toString());
        JsonNode json = valid(r.out());
        assertEquals(2, json.get("servers").size(), r.out());
        assertEquals("emea/paris", find(json, "good").get("site").asText());
        assertTrue(find(json, "good").get("healthy").asBoolean(), r.out());
        assertFalse(find(json, "closed").get("healthy").asBoolean(), r.out());

        Cli.Result prod = cli.run("check", "--trust", endpoint.trust(), "--csv", csv.toString(), "--tag", "dmz");
        assertEquals(0, prod.exit(), prod.toString());
        assertTrue(prod.out().contains("1 servers checked"), prod.out());
    }

    @Test
    void checkOfHostArgumentsAndUsageErrors() throws IOException {
        Cli.Result r = cli.run("check", "--trust", endpoint.trust(), "localhost:" + endpoint.port(), "127.0.0.1:" + closedPort, "--format", "json");
        assertEquals(1, r.exit(), r.toString());
        assertEquals(2, valid(r.out()).get("servers").size());

        assertEquals(2, cli.run("check", "--inventory", dir.resolve("missing").toString()).exit());
        assertEquals(2, cli.run("check", "--concurrency", "0", "localhost").exit());
        assertEquals(2, cli.run("check", "--format", "yaml", "localhost").exit());
        assertEquals(2, cli.run("check", "--inventory", dir.toString(), "--csv", "x.csv").exit());
        Cli.Result ws = cli.run("check", "--workspace", dir.resolve("empty-workspace").toString());
        assertEquals(2, ws.exit(), ws.toString());
        assertTrue(ws.err().contains("holds no SSTP Doctor inventory"), ws.toString());
    }

    @Test
    void checkWritesJunitXmlValidAgainstTheJunitSchema() throws Exception {
        Path report = dir.resolve("junit.xml");
        Cli.Result r = cli.run("check", "--trust", endpoint.trust(), "--inventory", inventory(true, true).toString(), "--format", "junit", "-o",
                report.toString(), "--timeout", "5");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("", r.out(), "the report went to the file");
        String xml = Files.readString(report);
        Validator validator = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(getClass().getResource("/JUnit.xsd")).newValidator();
        validator.validate(new StreamSource(new StringReader(xml)));

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        NodeList cases = doc.getElementsByTagName("testcase");
        // good and closed × (probe + each KB947031 checker), and corrupt's server-file error
        int probes = 0;
        int kb = 0;
        int failures = 0;
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            probes += c.getAttribute("name").equals("probe") ? 1 : 0;
            kb += c.getAttribute("name").startsWith("org.sstpdoctor.kb947031.") ? 1 : 0;
            if (c.getElementsByTagName("failure").getLength() > 0) {
                failures++;
                assertEquals("emea/paris/closed", c.getAttribute("classname"));
                assertEquals("probe", c.getAttribute("name"));
            }
        }
        assertEquals(1, failures, xml);
        assertEquals(2, probes, xml);
        assertTrue(kb >= 2 && kb % 2 == 0, "each KB checker once per readable server: " + kb);
        assertEquals(probes + kb + 1, cases.getLength(), xml);
    }

    @Test
    void checkWritesASelfContainedEscapedHtmlReport() throws IOException {
        Path report = dir.resolve("report.html");
        Cli.Result r = cli.run("check", "--trust", endpoint.trust(), "--inventory", inventory(true, false).toString(), "--format", "html", "-o",
                report.toString());
        assertEquals(1, r.exit(), r.toString());
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("Certificates presented"), "no certificate details");
        assertTrue(html.contains("O=SSTP Doctor tests \\&lt;&amp;\\&gt;"), "the certificate subject is not escaped");
        assertFalse(html.contains("<&>"), "unescaped text from the network");
        assertFalse(html.contains("src=") || html.contains("href=\"http"), "the report loads something from outside");
        assertTrue(html.contains("809"), "the finding is missing");
    }

    @Test
    void onATerminalCheckShowsProgressAndColourUnlessNoColor() {
        Cli.Result tty = cli.runOnTerminal(false, "check", "127.0.0.1:" + closedPort, "localhost:" + endpoint.port());
        org.junit.jupiter.api.Assumptions.assumeTrue(tty != null, "no util-linux script to make a terminal");
        assertEquals(1, tty.exit(), tty.toString());
        assertTrue(tty.out().matches("(?s)\\r0/2 servers checked, [0-9.]+ s elapsed .*\\r2/2 servers checked, [0-9.]+ s elapsed .*"),
                tty.out());
        assertTrue(tty.out().contains("\u001b[31mPROBLEMS"), tty.out());

        Cli.Result plain = cli.runOnTerminal(true, "check", "127.0.0.1:" + closedPort);
        assertEquals(1, plain.exit(), plain.toString());
        assertTrue(plain.out().contains("servers checked, "), "progress belongs on a terminal: " + plain.out());
        assertFalse(plain.out().contains("\u001b["), "colour despite NO_COLOR: " + plain.out());
    }

    // ---- credentials

    @Test
    void credentialsFromSecureStorageAppearNowhere() throws IOException {
        Path keyring = dir.resolve("secure_storage");
        Path master = dir.resolve("master-password.txt");
        Files.writeString(master, "test master password 9c2e");
        String[] storage = { "-eclipse.keyring", keyring.toString(), "-eclipse.password", master.toString() };

        Cli.Result store = cli.runWithInput(SECRET + "\n", concat(storage, "credentials", "--ref", CREDENTIAL_REF, "--user", "alice"));
        assertEquals(0, store.exit(), store.toString());
        assertTrue(Files.exists(keyring), "no secure storage file was written");
        assertFalse(Files.readString(keyring, StandardCharsets.ISO_8859_1).contains(SECRET), "the secret is stored in clear");

        Path inv = inventory(true, false, "ssh");
        StringBuilder everything = new StringBuilder(store.out()).append(store.err());
        Cli.Result text = cli.run(concat(storage, "check", "--inventory", inv.toString()));
        assertEquals(1, text.exit(), text.toString());
        Cli.Result json = cli.run(concat(storage, "check", "--inventory", inv.toString(), "--format", "json"));
        JsonNode good = find(valid(json.out()), "good");
        assertEquals("stored for user alice", good.get("credentials").asText(), "the credentials were not read");
        for (String format : List.of("junit", "html")) {
            Path report = dir.resolve("secret-check." + format);
            Cli.Result r = cli.run(concat(storage, "check", "--inventory", inv.toString(), "--format", format, "-o", report.toString()));
            assertEquals(1, r.exit(), r.toString());
            everything.append(r.out()).append(r.err()).append(Files.readString(report));
        }
        everything.append(text.out()).append(text.err()).append(json.out()).append(json.err());
        assertFalse(everything.toString().contains(SECRET), "the password appears in an output");
        assertFalse(everything.toString().contains("test master password"), "the master password appears in an output");

        Cli.Result noPassword = cli.runWithInput(SECRET + "\n", "credentials", "--ref", "not-a-uuid", "--user", "alice");
        assertEquals(2, noPassword.exit(), noPassword.toString());
        assertFalse((noPassword.out() + noPassword.err()).contains(SECRET));
    }

    @Test
    void missingCredentialsOfAManagedServerAreAProblem() throws IOException {
        Path inv = inventory(false, false, "ssh");
        Cli.Result r = cli.run("-eclipse.keyring", dir.resolve("empty_storage").toString(), "check", "--inventory",
                inv.toString(), "--format", "json");
        assertEquals(1, r.exit(), r.toString());
        JsonNode good = find(valid(r.out()), "good");
        assertEquals("not stored", good.get("credentials").asText());
        JsonNode credentials = null;
        for (JsonNode check : good.get("checks")) {
            credentials = check.get("checker").asText().equals("credentials") ? check : credentials;
        }
        assertNotNull(credentials, good.toString());
        assertEquals("warning", credentials.get("findings").get(0).get("severity").asText());
    }

    // ---- helpers

    private static String[] concat(String[] head, String... tail) {
        String[] all = new String[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    private static JsonNode find(JsonNode check, String name) {
        for (JsonNode s : check.get("servers")) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no server " + name + " in " + check);
    }

    /** {@code text} parsed, after asserting it is valid against the CLI's JSON schema. */
    private static JsonNode valid(String text) throws IOException {
        List<Error> errors = schema.validate(text, InputFormat.JSON);
        assertEquals(List.of(), errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList(),
                "not valid against docs/cli-json-schema.json:\n" + text);
        return JSON.readTree(text);
    }
}
