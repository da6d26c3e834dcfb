package org.sstpdoctor.lab.tests.winrm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.CredentialStore;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.lab.tests.ssh.EchoHost;
import org.sstpdoctor.lab.tests.ssh.LabInventory;
import org.sstpdoctor.lab.winrm.LabWinRmServer;
import org.sstpdoctor.remote.CommandIds;
import org.sstpdoctor.remote.CommandResult;
import org.sstpdoctor.remote.IRemoteChannel;
import org.sstpdoctor.remote.PowerShell;
import org.sstpdoctor.remote.PowerShellScript;
import org.sstpdoctor.remote.RemoteChannels;
import org.sstpdoctor.remote.RemoteCommand;
import org.sstpdoctor.remote.RemoteSettings;
import org.sstpdoctor.remote.ssh.IHostKeyConfirmer;
import org.sstpdoctor.remote.winrm.ShellResult;
import org.sstpdoctor.remote.winrm.WinRmClient;
import org.sstpdoctor.remote.winrm.WinRmException;
import org.sstpdoctor.remote.winrm.WinRmSettings;

/**
 * The lab's WinRM endpoint against the product's WinRM client and channel (NTLM with message encryption over HTTP),
 * and against hostile HTTP on a raw socket: each refused with a clean answer while the endpoint keeps serving.
 */
class LabWinRmServerTest {

    static final String USER = "labadmin";
    static final String PASSWORD = "Lab-Pa55-" + UUID.randomUUID();
    static final Duration RUN = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private final EchoHost host = new EchoHost();
    private LabWinRmServer server;

    @BeforeEach
    void start() throws IOException {
        server = LabWinRmServer.start(host, USER, PASSWORD.toCharArray());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private WinRmClient client(String password) throws WinRmException {
        return new WinRmClient(WinRmSettings.builder(server.endpoint()).auth(WinRmSettings.Auth.NTLM)
                .credentials("LAB\\" + USER, password.toCharArray()).build());
    }

    @Test
    void theEndpointIsOnLoopback() {
        assertEquals("http://127.0.0.1:" + server.port() + "/wsman", server.endpoint().toString());
    }

    @Test
    void aCommandRunsWithItsArgumentsJoinedAndItsOutputComesBack() throws Exception {
        try (WinRmClient client = client(PASSWORD)) {
            ShellResult r = client.run("echo", List.of("hello", "w\u00f6rld"), RUN, null);
            assertEquals(0, r.exitCode());
            assertEquals("hello w\u00f6rld\r\n", r.stdout());
            assertEquals("", r.stderr());
            assertFalse(r.truncated());

            ShellResult ps = client.runPowerShell("echo from PowerShell", RUN, null);
            assertEquals("from PowerShell\r\n", ps.stdout());
        }
        assertEquals("echo hello w\u00f6rld", host.commandLines.get(0));
        assertTrue(host.commandLines.get(1).startsWith("powershell.exe -NoProfile -NonInteractive -EncodedCommand "),
                host.commandLines.get(1));
        assertEquals(0, server.openShells(), "the client deleted its shells");
    }

    @Test
    void aNonZeroExitCodeAndStandardErrorComeBack() throws Exception {
        try (WinRmClient client = client(PASSWORD)) {
            ShellResult r = client.run("fail", List.of("5", "access is denied"), RUN, null);
            assertEquals(5, r.exitCode());
            assertEquals("partial\r\n", r.stdout());
            assertEquals("access is denied\r\n", r.stderr());

            ShellResult unknown = client.run("nosuchtool", List.of(), RUN, null);
            assertEquals(1, unknown.exitCode());
            assertTrue(unknown.stderr().contains("is not recognized"), unknown.stderr());
        }
    }

    @Test
    void largeOutputComesBackWhole() throws Exception {
        int size = 3 * 1024 * 1024 + 17;
        try (WinRmClient client = client(PASSWORD)) {
            ShellResult r = client.run("big", List.of(Integer.toString(size)), RUN, null);
            assertEquals(0, r.exitCode());
            assertEquals(size, r.stdout().length());
            assertTrue(r.stdout().chars().allMatch(c -> c == 'x'));
        }
    }

    @Test
    void aSlowCommandIsPolledUntilItEnds() throws Exception {
        try (WinRmClient client = new WinRmClient(WinRmSettings.builder(server.endpoint())
                .auth(WinRmSettings.Auth.NTLM).credentials(USER, PASSWORD.toCharArray())
                .operationTimeout(Duration.ofSeconds(1)).build())) {
            ShellResult r = client.run("sleep", List.of("2500"), RUN, null);
            assertEquals(0, r.exitCode());
            assertEquals("slept\r\n", r.stdout());
        }
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        String wrong = "wrong-" + PASSWORD;
        try (WinRmClient client = client(wrong)) {
            WinRmException e = assertThrows(WinRmException.class, () -> client.run("echo", List.of("x"), RUN, null));
            assertEquals(WinRmException.Step.AUTH, e.step());
            assertFalse(e.getMessage().contains(wrong), e.getMessage());
        }
        try (WinRmClient client = client(PASSWORD)) {
            WinRmException e = assertThrows(WinRmException.class, () -> new WinRmClient(WinRmSettings
                    .builder(server.endpoint()).auth(WinRmSettings.Auth.NTLM).credentials("intruder",
                            PASSWORD.toCharArray()).build()).run("echo", List.of("x"), RUN, null));
            assertEquals(WinRmException.Step.AUTH, e.step(), "another user with the right password");
            assertEquals("ok\r\n", client.run("echo", List.of("ok"), RUN, null).stdout());
        }
        assertEquals(List.of("echo ok"), host.commandLines);
    }

    @Test
    void aRequestWithoutLogonGets401Negotiate() throws Exception {
        Answer a = raw("POST /wsman HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/soap+xml;charset=UTF-8"
                + "\r\nContent-Length: 5\r\n\r\n<a/>\n");
        assertEquals(401, a.status, a.head);
        assertTrue(a.head.contains("\r\nWWW-Authenticate: Negotiate\r\n"), a.head);
        assertTrue(a.head.contains("\r\nServer: Microsoft-HTTPAPI/2.0\r\n"), a.head);
    }

    /** The whole way from the inventory: server entry, Secure Storage, WinRM channel. */
    @Test
    void aServerOfTheInventoryOpensItsChannel() throws Exception {
        CredentialStore store = LabInventory.credentialStore(temp.resolve("storage"));
        String ref = UUID.randomUUID().toString();
        store.store(ref, USER, PASSWORD.toCharArray(), null);
        var entry = LabInventory.server("lab-winrm", new ManagementChannel(ChannelKind.WINRM, server.port(), USER,
                Map.of("transport", "http", "auth", "ntlm")), ref);
        RemoteCommand command = RemoteCommand.powerShell(CommandIds.SERVICES,
                PowerShellScript.fixed("echo through the channel"));

        try (IRemoteChannel channel = RemoteChannels.open(entry, store, IHostKeyConfirmer.REFUSE,
                RemoteSettings.withKnownHosts(temp.resolve("known_hosts")))) {
            CommandResult r = channel.run(command, null);
            assertEquals(0, r.exitCode().getAsInt());
            assertEquals("through the channel\r\n", r.stdout());
        }
        assertEquals(List.of(command.commandLine()), host.commandLines);
        assertTrue(command.commandLine().startsWith(PowerShell.COMMAND_PREFIX));
    }

    @Test
    void anOversizedBodyIsRefusedAndTheEndpointKeepsServing() throws Exception {
        Answer a = raw("POST /wsman HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 50000000\r\n\r\n");
        assertEquals(413, a.status, a.head);
        assertTrue(a.closed, "the connection is closed");
        assertStillServing();
    }

    @Test
    void garbageHttpIsRefusedAndTheEndpointKeepsServing() throws Exception {
        assertEquals(400, raw("\u0001\u0002 garbage\r\n\r\n").status);
        assertEquals(431, raw("POST /wsman HTTP/1.1\r\nX-Long: " + "y".repeat(20000) + "\r\n\r\n").status);
        assertEquals(400, raw("POST /wsman HTTP/1.1\r\nContent-Length: -4\r\n\r\n").status);
        assertEquals(400, raw("POST /wsman HTTP/1.1\r\nContent-Length: lots\r\n\r\n").status);
        assertEquals(501, raw("POST /wsman HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n").status);
        assertEquals(400, raw("POST /wsman HTTP/1.1\r\n" + "X-H: v\r\n".repeat(100) + "\r\n").status);
        assertEquals(404, raw("POST /other HTTP/1.1\r\nContent-Length: 0\r\n\r\n").status);
        assertEquals(405, raw("GET /wsman HTTP/1.1\r\n\r\n").status);
        assertEquals(401, raw("POST /wsman HTTP/1.1\r\nAuthorization: Negotiate !!notbase64\r\n\r\n").status);
        assertEquals(401, raw("POST /wsman HTTP/1.1\r\nAuthorization: Negotiate " + ntlm("NTLMSSP\0\3\0\0\0")
                + "\r\n\r\n").status, "an AUTHENTICATE without a CHALLENGE");
        Answer shortNegotiate = raw("POST /wsman HTTP/1.1\r\nAuthorization: Negotiate " + ntlm("NTLMSSP\0\1\0\0\0")
                + "\r\n\r\n");
        assertEquals(400, shortNegotiate.status, "a NEGOTIATE too short to read");
        assertStillServing();
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAndTheEndpointKeepsServing() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 32; i++) {
                held.add(new Socket("127.0.0.1", server.port()));
            }
            Thread.sleep(200);
            try (Socket extra = new Socket("127.0.0.1", server.port())) {
                extra.setSoTimeout(5000);
                assertEquals(-1, extra.getInputStream().read(), "the 33rd connection is closed at once");
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        Thread.sleep(200);
        assertStillServing();
    }

    private static String ntlm(String message) {
        return Base64.getEncoder().encodeToString(message.getBytes(StandardCharsets.ISO_8859_1));
    }

    private void assertStillServing() throws Exception {
        try (WinRmClient client = client(PASSWORD)) {
            assertEquals("still serving\r\n", client.run("echo", List.of("still", "serving"), RUN, null).stdout());
        }
    }

    record Answer(int status, String head, boolean closed) {
    }

    /** Sends {@code request} as it is and reads the answer's head (and whether the endpoint then closed). */
    private Answer raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                head.write(c);
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            assertTrue(text.startsWith("HTTP/1.1 "), () -> "no HTTP answer: " + text);
            int status = Integer.parseInt(text.substring(9, 12));
            boolean closed = false;
            if (text.contains("Connection: close")) {
                try {
                    in.skipNBytes(contentLength(text));
                    closed = in.read() == -1;
                } catch (IOException e) {
                    closed = true;
                }
            }
            return new Answer(status, text, closed);
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).strip());
            }
        }
        return 0;
    }
}
