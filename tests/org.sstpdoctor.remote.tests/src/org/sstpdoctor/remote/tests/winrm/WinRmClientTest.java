package org.sstpdoctor.remote.tests.winrm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sstpdoctor.pki.CertificateAuthority;
import org.sstpdoctor.pki.IssuedCertificate;
import org.sstpdoctor.pki.LabPki;
import org.sstpdoctor.remote.winrm.ShellResult;
import org.sstpdoctor.remote.winrm.WinRmClient;
import org.sstpdoctor.remote.winrm.WinRmException;
import org.sstpdoctor.remote.winrm.WinRmException.Step;
import org.sstpdoctor.remote.winrm.WinRmSettings;

/** {@link WinRmClient} against the loopback WS-Man endpoint: Basic over HTTPS and NTLM with message encryption. */
class WinRmClientTest {

    static final String USER = "labadmin";
    static final String PASSWORD = "S3cret-Pa55!";
    static final Duration RUN = Duration.ofSeconds(30);

    static final CertificateAuthority ROOT = LabPki.rootCa("CN=WinRM Test Root, O=SSTP Doctor Lab").build();
    static final IssuedCertificate SERVER = ROOT.issue("localhost").dnsNames("localhost").ipAddresses("127.0.0.1")
            .build();

    private WsmanTestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static X509TrustManager trust(X509Certificate root) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("root", root);
        TrustManagerFactory f = TrustManagerFactory.getInstance("PKIX");
        f.init(ks);
        return (X509TrustManager) f.getTrustManagers()[0];
    }

    private WinRmSettings.Builder https(String password) throws Exception {
        return WinRmSettings.builder(server.url()).credentials(USER, password.toCharArray())
                .trustManager(trust(ROOT.certificate()));
    }

    private WinRmSettings.Builder ntlm(String password) {
        return WinRmSettings.builder(server.url()).auth(WinRmSettings.Auth.NTLM)
                .credentials("LAB\\" + USER, password.toCharArray());
    }

    private static void assertNoSecrets(WinRmException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            assertFalse(m.contains(PASSWORD) || m.contains("wrong-password"), () -> "a password in: " + m);
            assertFalse(m.contains(USER), () -> "the user name in: " + m);
        }
    }

    @Test
    void basicOverHttpsRunsACommandInANewShellAndDeletesIt() throws Exception {
        server = WsmanTestServer.basicHttps(SERVER, USER, PASSWORD);
        try (WinRmClient client = new WinRmClient(https(PASSWORD).build())) {
            ShellResult r = client.run("ipconfig", List.of("/all"), RUN, new NullProgressMonitor());
            assertEquals(0, r.exitCode());
            assertEquals(ShellSimulator.IPCONFIG, r.stdout());
            assertEquals("", r.stderr());
            assertFalse(r.truncated());
        }
        assertEquals(List.of(List.of("ipconfig", "/all")), server.shell.commandLines);
        Map<String, String> options = server.shell.createOptions.get(0);
        assertEquals("65001", options.get("WINRS_CODEPAGE"));
        assertEquals("TRUE", options.get("WINRS_NOPROFILE"));
        assertEquals(1, server.shell.deletes.get());
        assertTrue(server.shell.shells.isEmpty(), "the shell is deleted");
    }

    @Test
    void stderrAndExitCodeComeBack() throws Exception {
        server = WsmanTestServer.basicHttps(SERVER, USER, PASSWORD);
        try (WinRmClient client = new WinRmClient(https(PASSWORD).build())) {
            ShellResult r = client.run("fail", List.of(), RUN, null);
            assertEquals(3, r.exitCode());
            assertEquals("partial\r\n", r.stdout());
            assertEquals("fail: the service did not respond\r\n", r.stderr());
            ShellResult unknown = client.run("nosuchtool", List.of(), RUN, null);
            assertEquals(1, unknown.exitCode());
            assertTrue(unknown.stderr().contains("is not recognized"), unknown.stderr());
        }
    }

    @Test
    void powerShellRunsAsAnEncodedCommand() throws Exception {
        server = WsmanTestServer.basicHttps(SERVER, USER, PASSWORD);
        String script = "Get-Service SstpSvc | ConvertTo-Json -Compress # \"quotes\" & <angle> ü";
        try (WinRmClient client = new WinRmClient(https(PASSWORD).build())) {
            ShellResult r = client.runPowerShell(script, RUN, null);
            assertEquals(0, r.exitCode());
            assertEquals("ran: " + script + "\r\n", r.stdout());
        }
        assertEquals(List.of("powershell.exe", "-NoProfile", "-NonInteractive", "-EncodedCommand",
                WinRmClient.encodePowerShell(script)), server.shell.commandLines.get(0));
    }

    @Test
    void powerShellErrorsComeBackAsText() throws Exception {
        server = WsmanTestServer.basicHttps(SERVER, USER, PASSWORD);
        try (WinRmClient client = new WinRmClient(https(PASSWORD).build())) {
            ShellResult r = client.runPowerShell("Write-Error boom", RUN, null);
            assertEquals(1, r.exitCode());
            assertEquals("boom : boom\r\n    + CategoryInfo          : NotSpecified: (:) [Write-Error],"
                    + " WriteErrorException\r\n", r.stderr());
            ShellResult raw = client.run("powershell.exe", List.of("-EncodedCommand",
                    WinRmClient.encodePowerShell("Write-Error boom")), RUN, null);
            assertTrue(raw.stderr().startsWith("#< CLIXML"), "run() leaves the stream as it came");
        }
    }

    @Test
    void pollsAgainAfterTheOperationTimeoutFault() throws Exception {
        server = WsmanTestServer.basicHttps(SERVER, USER, PASSWORD);
        try (WinRmClient client = new WinRmClient(https(PASSWORD).build())) {
            ShellResult r = client.run("slowecho", List.of("3", "late", "output"), RUN, null);
            assertEquals("late output\r\n", r.stdout());
            assertEquals(0, r.exitCode());
        }
        assertEquals(3, server.shell.operationTimeouts.get());
    }

    @Test
    void utf8SplitAcrossReceivesDecodes() throws Exception {
        server = WsmanTestServer.basicHttps(SERVER, USER, PASSWORD);
        try (WinRmClient client = new WinRmClient(https(PASSWORD).build())) {
            assertEquals("Grüße – 日本語\r\n", client.run("unicode", List.of(), RUN, null).stdout());
        }
    }

    @Test
    void wrongPasswordOverBasicIsAuth() throws Exception {
        server = WsmanTestServer.basicHttps(SERVER, USER, PASSWORD);
        try (WinRmClient client = new WinRmClient(https("wrong-password").build())) {
            WinRmException e = assertThrows(WinRmException.class, () -> client.run("ipconfig", List.of(), RUN, null));
            assertEquals(Step.AUTH, e.step());
            assertTrue(e.getMessage().contains("127.0.0.1:" + server.url().getPort()), e.getMessage());
            assertNoSecrets(e);
        }
    }

    @Test
    void untrustedCertificateIsTlsAndAsksTheCallback() throws Exception {
        CertificateAuthority foreign = LabPki.rootCa("CN=Someone Else, O=Elsewhere").build();
        IssuedCertificate other = foreign.issue("localhost").dnsNames("localhost").ipAddresses("127.0.0.1").build();
        server = WsmanTestServer.basicHttps(other, USER, PASSWORD);
        List<List<X509Certificate>> asked = new CopyOnWriteArrayList<>();
        List<String> problems = new CopyOnWriteArrayList<>();
        WinRmSettings refusing = https(PASSWORD).trustCallback((endpoint, chain, problem) -> {
            asked.add(chain);
            problems.add(problem);
            return false;
        }).build();
        try (WinRmClient client = new WinRmClient(refusing)) {
            WinRmException e = assertThrows(WinRmException.class, () -> client.run("ipconfig", List.of(), RUN, null));
            assertEquals(Step.TLS, e.step());
            assertTrue(e.getMessage().contains("not trusted"), e.getMessage());
        }
        assertEquals(1, asked.size());
        assertEquals(other.certificate(), asked.get(0).get(0), "the callback sees the presented leaf");
        assertTrue(problems.get(0).contains("trusted roots"), problems.get(0));
        assertEquals(0, server.shell.commandLines.size(), "nothing was sent");

        // the person trusts it: the command runs, and the stored answer works without asking again
        WinRmSettings accepting = https(PASSWORD).trustCallback((endpoint, chain, problem) -> true).build();
        try (WinRmClient client = new WinRmClient(accepting)) {
            assertEquals(0, client.run("ipconfig", List.of(), RUN, null).exitCode());
        }
        WinRmSettings stored = https(PASSWORD).trustedCertificate(other.certificate()).build();
        try (WinRmClient client = new WinRmClient(stored)) {
            assertEquals(0, client.run("ipconfig", List.of(), RUN, null).exitCode());
        }
    }

    @Test
    void certificateForAnotherHostIsTls() throws Exception {
        IssuedCertificate wrongName = ROOT.issue("vpn.example.org").dnsNames("vpn.example.org").build();
        server = WsmanTestServer.basicHttps(wrongName, USER, PASSWORD);
        List<String> problems = new CopyOnWriteArrayList<>();
        WinRmSettings s = https(PASSWORD).trustCallback((endpoint, chain, problem) -> {
            problems.add(problem);
            return false;
        }).build();
        try (WinRmClient client = new WinRmClient(s)) {
            WinRmException e = assertThrows(WinRmException.class, () -> client.run("ipconfig", List.of(), RUN, null));
            assertEquals(Step.TLS, e.step());
        }
        assertEquals(List.of("the certificate is not issued to 127.0.0.1"), problems);
    }

    @Test
    void ntlmWithMessageEncryptionRunsCommandsOnOneConnection() throws Exception {
        server = WsmanTestServer.ntlmHttp(USER, PASSWORD);
        try (WinRmClient client = new WinRmClient(ntlm(PASSWORD).build())) {
            ShellResult r = client.run("ipconfig", List.of("/all"), RUN, null);
            assertEquals(ShellSimulator.IPCONFIG, r.stdout());
            ShellResult f = client.run("fail", List.of(), RUN, null);
            assertEquals(3, f.exitCode());
            assertEquals("fail: the service did not respond\r\n", f.stderr());
            ShellResult slow = client.run("slowecho", List.of("2", "ok"), RUN, null);
            assertEquals("ok\r\n", slow.stdout());
        }
        assertEquals(1, server.connections.get(), "the NTLM context stays on one connection");
        assertEquals(1, server.handshakes.get());
        assertEquals(0, server.rejectedRequests.get());
        // 3 × (Create, Command, Receive, Delete), a second Receive for fail's stderr, two polls that timed out
        assertEquals(15, server.encryptedRequests.get());
        assertTrue(server.shell.shells.isEmpty());
    }

    @Test
    void ntlmStartsANewContextWhenTheServerDropsAnIdleConnection() throws Exception {
        server = WsmanTestServer.ntlmHttp(USER, PASSWORD);
        try (WinRmClient client = new WinRmClient(ntlm(PASSWORD).build())) {
            assertEquals(ShellSimulator.IPCONFIG, client.run("ipconfig", List.of(), RUN, null).stdout());
            server.dropConnections();
            assertEquals("again\r\n", client.run("echo", List.of("again"), RUN, null).stdout());
        }
        assertEquals(2, server.connections.get());
        assertEquals(2, server.handshakes.get(), "a new connection gets a new NTLM context");
        assertEquals(0, server.rejectedRequests.get());
    }

    @Test
    void ntlmOverHttpsSendsChannelBindings() throws Exception {
        server = WsmanTestServer.ntlmHttps(SERVER, USER, PASSWORD);
        WinRmSettings s = WinRmSettings.builder(server.url()).auth(WinRmSettings.Auth.NTLM)
                .credentials(USER, PASSWORD.toCharArray()).trustManager(trust(ROOT.certificate())).build();
        try (WinRmClient client = new WinRmClient(s)) {
            assertEquals(ShellSimulator.IPCONFIG, client.run("ipconfig", List.of(), RUN, null).stdout());
            assertEquals("ok\r\n", client.run("echo", List.of("ok"), RUN, null).stdout());
        }
        assertEquals(1, server.handshakes.get(), "the endpoint requires matching channel bindings");
        assertEquals(1, server.connections.get());
    }

    @Test
    void wrongPasswordOverNtlmIsAuth() throws Exception {
        server = WsmanTestServer.ntlmHttp(USER, PASSWORD);
        try (WinRmClient client = new WinRmClient(ntlm("wrong-password").build())) {
            WinRmException e = assertThrows(WinRmException.class, () -> client.run("ipconfig", List.of(), RUN, null));
            assertEquals(Step.AUTH, e.step());
            assertNoSecrets(e);
        }
        assertEquals(0, server.handshakes.get());
    }

    @Test
    void tamperedEncryptedResponseIsAProtocolError() throws Exception {
        server = WsmanTestServer.ntlmHttp(USER, PASSWORD);
        server.tamper = true;
        try (WinRmClient client = new WinRmClient(ntlm(PASSWORD).build())) {
            WinRmException e = assertThrows(WinRmException.class, () -> client.run("ipconfig", List.of(), RUN, null));
            assertEquals(Step.PROTOCOL, e.step());
            assertTrue(e.getMessage().contains("altered"), e.getMessage());
        }
    }

    @Test
    void timeoutTerminatesTheCommandAndDeletesTheShell() throws Exception {
        server = WsmanTestServer.ntlmHttp(USER, PASSWORD);
        long start = System.nanoTime();
        try (WinRmClient client = new WinRmClient(ntlm(PASSWORD).build())) {
            WinRmException e = assertThrows(WinRmException.class,
                    () -> client.run("sleep", List.of(), Duration.ofSeconds(2), null));
            assertEquals(Step.TIMEOUT, e.step());
            assertEquals("ok\r\n", client.run("slowecho", List.of("0", "ok"), RUN, null).stdout(),
                    "the client is usable after a timeout");
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 15);
        assertEquals(1, server.shell.signals.get(), "the command was terminated");
        assertTrue(server.shell.shells.isEmpty(), "the shell was deleted");
    }

    @Test
    void outputCapTruncatesAndTerminates() throws Exception {
        server = WsmanTestServer.basicHttps(SERVER, USER, PASSWORD);
        try (WinRmClient client = new WinRmClient(https(PASSWORD).maxOutputBytes(100_000).build())) {
            ShellResult r = client.run("big", List.of("1000000"), RUN, null);
            assertTrue(r.truncated());
            assertEquals(100_000, r.stdout().length());
            assertEquals(-1, r.exitCode());
            ShellResult small = client.run("big", List.of("1000"), RUN, null);
            assertFalse(small.truncated());
            assertEquals(1000, small.stdout().length());
        }
        assertEquals(1, server.shell.signals.get());
        assertTrue(server.shell.shells.isEmpty());
    }

    @Test
    void cancellationStopsTheCommand() throws Exception {
        server = WsmanTestServer.ntlmHttp(USER, PASSWORD);
        NullProgressMonitor monitor = new NullProgressMonitor();
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                return;
            }
            monitor.setCanceled(true);
        });
        long start = System.nanoTime();
        try (WinRmClient client = new WinRmClient(ntlm(PASSWORD).build())) {
            canceller.start();
            WinRmException e = assertThrows(WinRmException.class,
                    () -> client.run("sleep", List.of(), RUN, monitor));
            assertEquals(Step.CANCELLED, e.step());
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
        assertTrue(server.shell.shells.isEmpty(), "the shell was deleted");
    }

    @Test
    void refusedConnectionAndUnknownHost() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        WinRmSettings refused = WinRmSettings.builder(URI.create("http://127.0.0.1:" + port + "/wsman"))
                .credentials(USER, PASSWORD.toCharArray()).build();
        try (WinRmClient client = new WinRmClient(refused)) {
            WinRmException e = assertThrows(WinRmException.class, () -> client.run("ipconfig", List.of(), RUN, null));
            assertEquals(Step.CONNECT, e.step());
            assertNoSecrets(e);
        }
        WinRmSettings unknown = WinRmSettings.builder(URI.create("https://winrm.sstpdoctor.invalid/wsman"))
                .credentials(USER, PASSWORD.toCharArray()).build();
        try (WinRmClient client = new WinRmClient(unknown)) {
            WinRmException e = assertThrows(WinRmException.class, () -> client.run("ipconfig", List.of(), RUN, null));
            assertEquals(Step.DNS, e.step());
            assertTrue(e.getMessage().contains("winrm.sstpdoctor.invalid"), e.getMessage());
        }
    }

    @Test
    void settingsRefuseBasicOverHttpAndHideThePassword() {
        WinRmSettings.Builder b = WinRmSettings.builder(URI.create("http://server:5985/wsman"))
                .auth(WinRmSettings.Auth.BASIC).credentials(USER, PASSWORD.toCharArray());
        assertThrows(IllegalStateException.class, b::build);
        WinRmSettings s = WinRmSettings.builder(URI.create("https://server/wsman"))
                .credentials(USER, PASSWORD.toCharArray()).build();
        assertEquals(WinRmSettings.Transport.HTTPS, s.transport());
        assertEquals(WinRmSettings.Auth.BASIC, s.auth());
        assertFalse(s.toString().contains(PASSWORD));
        assertNotNull(s.trustCallback());
    }
}
