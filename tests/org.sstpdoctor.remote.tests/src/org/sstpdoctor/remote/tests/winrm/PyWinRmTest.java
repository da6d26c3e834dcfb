package org.sstpdoctor.remote.tests.winrm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.sstpdoctor.pki.CertificateWriter;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Holds the test WS-Man endpoint to the protocol with a third-party client, Debian's python3-winrm (pywinrm 0.3.0):
 * Basic over HTTPS with certificate validation against the test CA, and NTLM with message encryption. If the client is
 * not installed the test fails and says how to install it.
 */
class PyWinRmTest {

    static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    static Path dir;
    static Path script;

    private WsmanTestServer server;

    @BeforeAll
    static void needPyWinRm() throws Exception {
        assertTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 is missing: install python3-winrm"
                + " (./sstpdoctor test installs it as root on Debian)");
        Run probe = python(List.of("-c", "import winrm"), null);
        assertEquals(0, probe.code, () -> "python3-winrm is not installed (apt-get install python3-winrm;"
                + " ./sstpdoctor test installs it as root on Debian): " + probe.output);
        Bundle bundle = FrameworkUtil.getBundle(PyWinRmTest.class);
        URL entry = bundle.getEntry("scripts/pywinrm_check.py");
        assertNotNull(entry, "scripts/pywinrm_check.py is missing from the test bundle");
        script = dir.resolve("pywinrm_check.py");
        try (InputStream in = entry.openStream()) {
            Files.write(script, in.readAllBytes());
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    record Run(int code, String output) {
    }

    static Run python(List<String> args, Path opensslConf) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(PYTHON.toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("PYTHONPATH");
        pb.environment().remove("PYTHONHOME");
        if (opensslConf != null) {
            pb.environment().put("OPENSSL_CONF", opensslConf.toString());
        }
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("pywinrm did not finish in 120 s");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static JsonObject check(String url, String transport, String password, Path ca, Path conf)
            throws Exception {
        List<String> args = new ArrayList<>(List.of(script.toString(), url, transport, WinRmClientTest.USER, password));
        if (ca != null) {
            args.add(ca.toString());
        }
        Run r = python(args, conf);
        assertEquals(0, r.code, () -> "pywinrm check failed: " + r.output);
        String last = r.output.strip().lines().reduce((a, b) -> b).orElse("");
        return JsonParser.parseString(last).getAsJsonObject();
    }

    private void assertCommands(JsonObject out) {
        assertTrue(!out.has("error"), () -> "pywinrm: " + out + "; endpoint: " + stack(server.lastError));
        JsonObject ipconfig = out.getAsJsonObject("ipconfig");
        assertEquals(0, ipconfig.get("code").getAsInt());
        assertEquals(ShellSimulator.IPCONFIG, ipconfig.get("stdout").getAsString());
        JsonObject fail = out.getAsJsonObject("fail");
        assertEquals(3, fail.get("code").getAsInt());
        assertEquals("fail: the service did not respond\r\n", fail.get("stderr").getAsString());
        assertEquals("late\r\n", out.getAsJsonObject("slow").get("stdout").getAsString());
        assertEquals("ran: Get-Service SstpSvc | ConvertTo-Json\r\n",
                out.getAsJsonObject("ps").get("stdout").getAsString());
    }

    private static String stack(Throwable t) {
        if (t == null) {
            return "no error";
        }
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    @Test
    void basicOverHttpsWithTheTestCa() throws Exception {
        server = WsmanTestServer.basicHttps(WinRmClientTest.SERVER, WinRmClientTest.USER, WinRmClientTest.PASSWORD);
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, CertificateWriter.pem(WinRmClientTest.ROOT.certificate()));
        assertCommands(check(server.url().toString(), "basic", WinRmClientTest.PASSWORD, ca, null));
        assertEquals(2, server.shell.operationTimeouts.get(), "pywinrm polled again after the timeout fault");
        assertTrue(server.shell.shells.isEmpty(), "pywinrm deleted every shell");

        JsonObject wrong = check(server.url().toString(), "basic", "wrong-password", ca, null);
        assertEquals("InvalidCredentialsError", wrong.get("error").getAsString(), wrong::toString);

        Path otherCa = dir.resolve("other-ca.pem");
        Files.writeString(otherCa, CertificateWriter.pem(org.sstpdoctor.pki.LabPki
                .rootCa("CN=Unrelated Root").build().certificate()));
        JsonObject untrusted = check(server.url().toString(), "basic", WinRmClientTest.PASSWORD, otherCa, null);
        assertTrue(untrusted.has("error"), untrusted::toString);
        assertTrue(untrusted.get("message").getAsString().contains("CERTIFICATE_VERIFY_FAILED"),
                untrusted::toString);
    }

    /** ntlm-auth needs MD4, which OpenSSL 3 only has in its legacy provider. */
    private static Path legacyOpenSsl() throws IOException {
        Path conf = dir.resolve("openssl-legacy.cnf");
        Files.writeString(conf, """
                openssl_conf = openssl_init
                [openssl_init]
                providers = provider_sect
                [provider_sect]
                default = default_sect
                legacy = legacy_sect
                [default_sect]
                activate = 1
                [legacy_sect]
                activate = 1
                """);
        return conf;
    }

    @Test
    void ntlmOverHttpsWithChannelBindings() throws Exception {
        server = WsmanTestServer.ntlmHttps(WinRmClientTest.SERVER, WinRmClientTest.USER, WinRmClientTest.PASSWORD);
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, CertificateWriter.pem(WinRmClientTest.ROOT.certificate()));
        assertCommands(check(server.url().toString(), "ntlm", WinRmClientTest.PASSWORD, ca, legacyOpenSsl()));
        assertTrue(server.handshakes.get() >= 1, "pywinrm's channel bindings matched the endpoint's");
        assertTrue(server.shell.shells.isEmpty(), "pywinrm deleted every shell");
    }

    @Test
    void ntlmWithMessageEncryption() throws Exception {
        server = WsmanTestServer.ntlmHttp(WinRmClientTest.USER, WinRmClientTest.PASSWORD);
        Path conf = legacyOpenSsl();
        assertCommands(check(server.url().toString(), "ntlm", WinRmClientTest.PASSWORD, null, conf));
        assertTrue(server.handshakes.get() >= 1);
        assertEquals(0, server.rejectedRequests.get(), "every request after the handshake was encrypted and verified");
        assertTrue(server.encryptedRequests.get() >= 16, () -> "encrypted requests: " + server.encryptedRequests);
        assertTrue(server.shell.shells.isEmpty(), "pywinrm deleted every shell");

        JsonObject wrong = check(server.url().toString(), "ntlm", "wrong-password", null, conf);
        assertEquals("InvalidCredentialsError", wrong.get("error").getAsString(), wrong::toString);
    }
}
