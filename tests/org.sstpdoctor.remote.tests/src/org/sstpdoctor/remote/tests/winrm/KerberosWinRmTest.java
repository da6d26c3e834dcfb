package org.sstpdoctor.remote.tests.winrm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.CredentialStore;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.inventory.ServerConfig;
import org.sstpdoctor.core.inventory.ServerFileFormat;
import org.sstpdoctor.pki.CertificateWriter;
import org.sstpdoctor.remote.CommandIds;
import org.sstpdoctor.remote.CommandResult;
import org.sstpdoctor.remote.IRemoteChannel;
import org.sstpdoctor.remote.PowerShell;
import org.sstpdoctor.remote.PowerShellScript;
import org.sstpdoctor.remote.RemoteChannels;
import org.sstpdoctor.remote.RemoteCommand;
import org.sstpdoctor.remote.RemoteException;
import org.sstpdoctor.remote.RemoteSettings;
import org.sstpdoctor.remote.ssh.IHostKeyConfirmer;
import org.sstpdoctor.remote.tests.TestInventory;
import org.sstpdoctor.remote.winrm.ShellResult;
import org.sstpdoctor.remote.winrm.WinRmClient;
import org.sstpdoctor.remote.winrm.WinRmException;
import org.sstpdoctor.remote.winrm.WinRmException.Step;
import org.sstpdoctor.remote.winrm.WinRmSettings;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * WinRM with Kerberos against a real MIT KDC (Debian's krb5-kdc, started by this class on loopback in a temporary
 * folder): the client logs in with the password through JAAS, gets a ticket for HTTP/localhost, authenticates with
 * Negotiate, and over HTTP seals every message with the Kerberos session (MS-WSMV); the test endpoint accepts
 * with JGSS and the service keytab. Over HTTPS, Debian's python3-winrm with requests-kerberos (a ticket from MIT
 * kinit) holds the endpoint to the protocol; that client has no Kerberos message encryption, so HTTP is checked with
 * this client only. When the KDC is not installed the tests fail and say how to install it.
 */
class KerberosWinRmTest {

    static final String USER = "winrmuser";
    static final String PASSWORD = "Kerb-" + UUID.randomUUID();
    static final String SERVICE = "HTTP/localhost";

    @TempDir
    static Path dir;
    static MitKdc kdc;
    static ServerKerberos acceptor;

    private WsmanTestServer server;

    @BeforeAll
    static void startKdc() throws Exception {
        kdc = MitKdc.start(dir, List.<String[]>of(new String[] { USER, PASSWORD }), List.of(SERVICE));
        String before = System.getProperty("java.security.krb5.conf");
        System.setProperty("java.security.krb5.conf", kdc.krb5Conf.toString());
        try {
            acceptor = new ServerKerberos(kdc.keytab, SERVICE + "@" + MitKdc.REALM);
        } finally {
            restore(before);
        }
    }

    private static void restore(String value) {
        if (value == null) {
            System.clearProperty("java.security.krb5.conf");
        } else {
            System.setProperty("java.security.krb5.conf", value);
        }
    }

    @AfterAll
    static void stopKdc() throws Exception {
        if (kdc != null) {
            kdc.close();
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private WinRmSettings.Builder kerberos(String password) {
        return WinRmSettings.builder(server.localhostUrl()).auth(WinRmSettings.Auth.KERBEROS)
                .credentials(USER, password.toCharArray()).kerberos(MitKdc.REALM.toLowerCase(), kdc.kdc())
                .operationTimeout(Duration.ofSeconds(5));
    }

    private static void assertNoSecret(Throwable e, String secret) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()) + t;
            assertFalse(m.contains(secret), () -> "a password in: " + m);
        }
    }

    @Test
    void kerberosOverHttpEncryptsEveryMessageInTheWindowsLayout() throws Exception {
        server = WsmanTestServer.kerberosHttp(acceptor);
        try (WinRmClient client = new WinRmClient(kerberos(PASSWORD).build())) {
            ShellResult r = client.run("ipconfig", List.of("/all"), WinRmClientTest.RUN, new NullProgressMonitor());
            assertEquals(0, r.exitCode(), () -> "endpoint: " + server.lastError);
            assertEquals(ShellSimulator.IPCONFIG, r.stdout());
            ShellResult fail = client.run("fail", List.of(), WinRmClientTest.RUN, null);
            assertEquals(3, fail.exitCode());
            assertEquals("fail: the service did not respond\r\n", fail.stderr());
            ShellResult slow = client.run("slowecho", List.of("7", "late"), WinRmClientTest.RUN, null);
            assertEquals("late\r\n", slow.stdout(), "a Receive after an operation timeout fault");
        }
        assertEquals(1, server.handshakes.get(), "one Kerberos context for the kept-alive connection");
        assertEquals(0, server.rejectedRequests.get(), () -> "every request was sealed: " + server.lastError);
        assertTrue(server.encryptedRequests.get() >= 12, () -> "sealed requests: " + server.encryptedRequests);
        assertEquals(28, acceptor.lastRrc, "the wrap token is rotated as Windows expects (RRC=28)");
        assertEquals(60, acceptor.lastSignatureLength, "the signature is the 60-byte AES wrap header");
        assertEquals("1.2.840.113554.1.2.2", acceptor.lastMechanism, "a raw Kerberos token, as pywinrm sends");
        assertTrue(server.shell.shells.isEmpty(), "every shell was deleted");
    }

    /** How many initial tickets the KDC issued to the user, from its log. */
    private static long loginsAtTheKdc() throws Exception {
        return Files.readAllLines(kdc.dir.resolve("kdc.log"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("AS_REQ") && l.contains("ISSUE") && l.contains(USER + "@")).count();
    }

    @Test
    void aNewConnectionAuthenticatesAgainWithoutLoggingInAgain() throws Exception {
        server = WsmanTestServer.kerberosHttp(acceptor);
        long before = loginsAtTheKdc();
        try (WinRmClient client = new WinRmClient(kerberos(PASSWORD).build())) {
            for (int i = 0; i < 3; i++) {
                assertEquals(ShellSimulator.IPCONFIG, client.run("ipconfig", List.of("/all"), WinRmClientTest.RUN,
                        null).stdout());
                server.dropConnections(); // as http.sys does with idle connections
            }
        }
        assertEquals(3, server.handshakes.get(), "a new Kerberos context for each new connection");
        assertEquals(1, loginsAtTheKdc() - before, "one login, its ticket kept for the following connections");
    }

    @Test
    void aWrongPasswordIsRefusedByTheKdcAtTheAuthStep() throws Exception {
        server = WsmanTestServer.kerberosHttp(acceptor);
        String wrong = "wrong-" + UUID.randomUUID();
        try (WinRmClient client = new WinRmClient(kerberos(wrong).build())) {
            WinRmException e = assertThrows(WinRmException.class,
                    () -> client.run("ipconfig", List.of(), WinRmClientTest.RUN, null));
            assertEquals(Step.AUTH, e.step(), e::getMessage);
            assertTrue(e.getMessage().contains("the KDC refused the password"), e::getMessage);
            assertTrue(e.getMessage().startsWith("WinRM localhost:" + server.port() + ": auth: "), e::getMessage);
            assertNoSecret(e, wrong);
        }
        assertEquals(0, server.handshakes.get());
    }

    @Test
    void anUnknownServicePrincipalFailsAtTheAuthStep() throws Exception {
        server = WsmanTestServer.kerberosHttp(acceptor);
        try (WinRmClient client = new WinRmClient(kerberos(PASSWORD).servicePrincipal("HTTP/nowhere@" + MitKdc.REALM)
                .build())) {
            WinRmException e = assertThrows(WinRmException.class,
                    () -> client.run("ipconfig", List.of(), WinRmClientTest.RUN, null));
            assertEquals(Step.AUTH, e.step(), e::getMessage);
            assertTrue(e.getMessage().contains("service principal"), e::getMessage);
            assertNoSecret(e, PASSWORD);
        }
    }

    @Test
    void anUnreachableKdcFailsAtTheAuthStepAndSaysSo() throws Exception {
        server = WsmanTestServer.kerberosHttp(acceptor);
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (WinRmClient client = new WinRmClient(WinRmSettings.builder(server.localhostUrl())
                .auth(WinRmSettings.Auth.KERBEROS).credentials(USER, PASSWORD.toCharArray())
                .kerberos(MitKdc.REALM, "127.0.0.1:" + closed).build())) {
            WinRmException e = assertThrows(WinRmException.class,
                    () -> client.run("ipconfig", List.of(), WinRmClientTest.RUN, null));
            assertEquals(Step.AUTH, e.step(), e::getMessage);
            assertTrue(e.getMessage().contains("KDC"), e::getMessage);
        }
    }

    @Test
    void aKdcThatNeverAnswersTimesOut() throws Exception {
        server = WsmanTestServer.kerberosHttp(acceptor);
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 5,
                java.net.InetAddress.getLoopbackAddress())) {
            Thread holder = new Thread(() -> {
                List<java.net.Socket> held = new ArrayList<>();
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept()); // accept and never answer
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            }, "silent KDC");
            holder.setDaemon(true);
            holder.start();
            long start = System.nanoTime();
            try (WinRmClient client = new WinRmClient(WinRmSettings.builder(server.localhostUrl())
                    .auth(WinRmSettings.Auth.KERBEROS).credentials(USER, PASSWORD.toCharArray())
                    .kerberos(MitKdc.REALM, "127.0.0.1:" + silent.getLocalPort()).build())) {
                WinRmException e = assertThrows(WinRmException.class,
                        () -> client.run("ipconfig", List.of(), Duration.ofSeconds(60), null));
                assertEquals(Step.AUTH, e.step(), e::getMessage);
                assertTrue(e.getMessage().contains("KDC"), e::getMessage);
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertTrue(seconds < 30, "the login gave up after " + seconds + " s");
        }
    }

    @Test
    void anAlteredAnswerIsAProtocolError() throws Exception {
        server = WsmanTestServer.kerberosHttp(acceptor);
        server.tamper = true;
        try (WinRmClient client = new WinRmClient(kerberos(PASSWORD).build())) {
            WinRmException e = assertThrows(WinRmException.class,
                    () -> client.run("ipconfig", List.of(), WinRmClientTest.RUN, null));
            assertEquals(Step.PROTOCOL, e.step(), e::getMessage);
            assertTrue(e.getMessage().contains("altered"), e::getMessage);
        }
    }

    @Test
    void theRealmAndKdcCanComeFromTheSystemKerberosConfiguration() throws Exception {
        server = WsmanTestServer.kerberosHttp(acceptor);
        String before = System.getProperty("java.security.krb5.conf");
        System.setProperty("java.security.krb5.conf", kdc.krb5Conf.toString()); // stands for /etc/krb5.conf
        try (WinRmClient client = new WinRmClient(WinRmSettings.builder(server.localhostUrl())
                .auth(WinRmSettings.Auth.KERBEROS).credentials(USER, PASSWORD.toCharArray()).build())) {
            assertEquals(ShellSimulator.IPCONFIG,
                    client.run("ipconfig", List.of("/all"), WinRmClientTest.RUN, null).stdout());
            assertEquals(kdc.krb5Conf.toString(), System.getProperty("java.security.krb5.conf"),
                    "the system configuration was left as it was");
        } finally {
            restore(before);
        }
    }

    private static byte[] endPoint(org.sstpdoctor.pki.IssuedCertificate c) throws Exception {
        byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(c.certificate().getEncoded());
        byte[] prefix = "tls-server-end-point:".getBytes(StandardCharsets.US_ASCII);
        byte[] data = java.util.Arrays.copyOf(prefix, prefix.length + hash.length);
        System.arraycopy(hash, 0, data, prefix.length, hash.length);
        return data;
    }

    @Test
    void kerberosInsideTlsIsBoundToTheServersCertificate() throws Exception {
        server = WsmanTestServer.kerberosHttps(acceptor, WinRmClientTest.SERVER);
        server.kerberosBindings = endPoint(WinRmClientTest.SERVER);
        try (WinRmClient client = new WinRmClient(kerberos(PASSWORD)
                .trustManager(WinRmClientTest.trust(WinRmClientTest.ROOT.certificate())).build())) {
            assertEquals(ShellSimulator.IPCONFIG,
                    client.run("ipconfig", List.of("/all"), WinRmClientTest.RUN, null).stdout());
        }
        assertEquals(1, server.handshakes.get());
        assertEquals(0, server.rejectedRequests.get());

        server.kerberosBindings = endPoint(CertificateTrustTest.OTHER); // as if TLS ended at another server
        try (WinRmClient client = new WinRmClient(kerberos(PASSWORD)
                .trustManager(WinRmClientTest.trust(WinRmClientTest.ROOT.certificate())).build())) {
            WinRmException e = assertThrows(WinRmException.class,
                    () -> client.run("ipconfig", List.of("/all"), WinRmClientTest.RUN, null));
            assertEquals(Step.AUTH, e.step(), e::getMessage);
        }
        assertEquals(1, server.rejectedRequests.get(), "the acceptor refused bindings of another certificate");
    }

    @Test
    void aServerWithTheKerberosChoiceRunsCommandsWithItsStoredPassword(@TempDir Path temp) throws Exception {
        server = WsmanTestServer.kerberosHttp(acceptor);
        CredentialStore store = TestInventory.credentialStore(temp.resolve("storage"));
        String ref = UUID.randomUUID().toString();
        store.store(ref, USER, PASSWORD.toCharArray(), null);
        Server entry = TestInventory.server("kerberos", "localhost", new ManagementChannel(ChannelKind.WINRM,
                server.port(), USER, Map.of("transport", "http", "auth", "kerberos", "realm", MitKdc.REALM, "kdc",
                        kdc.kdc())), ref);
        try (IRemoteChannel channel = RemoteChannels.open(entry, store, IHostKeyConfirmer.REFUSE,
                RemoteSettings.withKnownHosts(temp.resolve("known_hosts")))) {
            CommandResult result = channel.run(RemoteCommand.powerShell(CommandIds.SERVICES,
                    PowerShellScript.cmdlet("Get-Service").param("Name", "SstpSvc")), null);
            assertEquals("ran: " + PowerShell.PREAMBLE + "\nGet-Service -Name 'SstpSvc'\r\n", result.stdout());
        }
        Server bad = TestInventory.server("kerberos-bad", "localhost", new ManagementChannel(ChannelKind.WINRM,
                server.port(), USER, Map.of("auth", "kerberos", "realm", MitKdc.REALM)), ref);
        RemoteException e = assertThrows(RemoteException.class, () -> RemoteChannels.open(bad, store,
                IHostKeyConfirmer.REFUSE, RemoteSettings.withKnownHosts(temp.resolve("known_hosts"))));
        assertEquals(RemoteException.Step.AUTH, e.step());
        assertTrue(e.getMessage().contains("realm and its KDC"), e::getMessage);
    }

    @Test
    void pyWinRmWithKerberosOverHttps() throws Exception {
        Path python = PyWinRmTest.PYTHON;
        assertTrue(Files.isExecutable(python), "/usr/bin/python3 is missing");
        PyWinRmTest.Run probe = PyWinRmTest.python(List.of("-c", "import winrm, requests_kerberos"), null);
        assertEquals(0, probe.code(), () -> "python3-winrm with python3-requests-kerberos is not installed"
                + " (apt-get install python3-winrm python3-requests-kerberos; ./sstpdoctor test installs them): "
                + probe.output());
        Path kinit = Path.of("/usr/bin/kinit");
        assertTrue(Files.isExecutable(kinit), "kinit is missing: apt-get install krb5-user");
        server = WsmanTestServer.kerberosHttps(acceptor, WinRmClientTest.SERVER);
        Path cache = dir.resolve("pywinrm.ccache");
        Map<String, String> env = Map.of("KRB5_CONFIG", kdc.krb5Conf.toString(), "KRB5CCNAME", "FILE:" + cache);
        run(env, PASSWORD + "\n", kinit.toString(), USER + "@" + MitKdc.REALM);
        assertTrue(Files.exists(cache), "kinit wrote its ticket cache into the test's folder");

        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, CertificateWriter.pem(WinRmClientTest.ROOT.certificate()));
        Path script = dir.resolve("pywinrm_check.py");
        URL entry = FrameworkUtil.getBundle(KerberosWinRmTest.class).getEntry("scripts/pywinrm_check.py");
        assertNotNull(entry);
        try (InputStream in = entry.openStream()) {
            Files.write(script, in.readAllBytes());
        }
        String out = run(env, null, python.toString(), script.toString(), server.localhostUrl().toString(),
                "kerberos", USER, "unused", ca.toString());
        JsonObject result = JsonParser.parseString(out.strip().lines().reduce((a, b) -> b).orElse(""))
                .getAsJsonObject();
        assertFalse(result.has("error"), () -> "pywinrm: " + result + "; endpoint: " + server.lastError);
        assertEquals(ShellSimulator.IPCONFIG, result.getAsJsonObject("ipconfig").get("stdout").getAsString());
        assertEquals(3, result.getAsJsonObject("fail").get("code").getAsInt());
        assertEquals("late\r\n", result.getAsJsonObject("slow").get("stdout").getAsString());
        assertTrue(server.handshakes.get() >= 1, "pywinrm authenticated with its Kerberos ticket");
        assertTrue(server.shell.shells.isEmpty(), "pywinrm deleted every shell");
    }

    private static String run(Map<String, String> env, String stdin, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true);
        pb.environment().remove("PYTHONPATH");
        pb.environment().remove("PYTHONHOME");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), command[0] + " did not finish");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> command[0] + " failed: " + text);
        return text;
    }

    @Test
    void kerberosOptionsAreChecked() {
        URI url = URI.create("http://localhost:5985/wsman");
        assertThrows(IllegalArgumentException.class, () -> WinRmSettings.builder(url).kerberos("EXAMPLE.COM", null));
        assertThrows(IllegalArgumentException.class,
                () -> WinRmSettings.builder(url).kerberos("EXAMPLE.COM", "kdc.example.com:88; rm"));
        assertThrows(IllegalArgumentException.class,
                () -> WinRmSettings.builder(url).kerberos("EX AMPLE", "kdc.example.com"));
        assertThrows(IllegalArgumentException.class, () -> WinRmSettings.builder(url).servicePrincipal("HTTP/a b"));
        WinRmSettings s = WinRmSettings.builder(url).auth(WinRmSettings.Auth.KERBEROS)
                .credentials("u", "p".toCharArray()).kerberos("corp.example.com", "kdc.corp.example.com:88").build();
        assertEquals("CORP.EXAMPLE.COM", s.realm());
        assertEquals("kdc.corp.example.com:88", s.kdc());
    }

    private static ServerConfig winRm(Map<String, String> options) {
        return new ServerConfig("rras.corp.example.com", 443, new ManagementChannel(ChannelKind.WINRM, 5985, "admin",
                options), List.of(), "", "");
    }

    @Test
    void theKerberosChoiceIsSavedInTheServerFileAndValidated() throws Exception {
        ServerConfig config = winRm(Map.of("transport", "http", "auth", "kerberos", "realm", "CORP.EXAMPLE.COM", "kdc",
                "dc1.corp.example.com:88"));
        assertEquals(null, ServerFileFormat.problem(config));
        ServerConfig read = ServerFileFormat.read(ServerFileFormat.write(config));
        assertEquals(config, read);
        assertEquals("kerberos", read.channel().options().get("auth"));

        assertTrue(ServerFileFormat.problem(winRm(Map.of("auth", "kerberos", "realm", "CORP.EXAMPLE.COM")))
                .contains("realm and its KDC"));
        assertTrue(ServerFileFormat.problem(winRm(Map.of("auth", "digest"))).contains("not ntlm, kerberos or basic"));
        assertTrue(ServerFileFormat.problem(winRm(Map.of("auth", "basic"))).contains("https only"));
        assertTrue(ServerFileFormat.problem(winRm(Map.of("transport", "ftp"))).contains("not http or https"));
        assertTrue(ServerFileFormat.problem(winRm(Map.of("auth", "kerberos", "realm", "A B", "kdc", "dc")))
                .contains("not a Kerberos realm"));
        assertThrows(IllegalArgumentException.class,
                () -> ServerFileFormat.write(winRm(Map.of("auth", "kerberos", "kdc", "dc1"))));
        assertEquals(null, ServerFileFormat.problem(winRm(Map.of("auth", "negotiate"))));
    }
}
