package org.sstpdoctor.lab.tests.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.core.CoreModuleProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.CredentialStore;
import org.sstpdoctor.core.inventory.Credentials;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.lab.ssh.LabSshServer;
import org.sstpdoctor.remote.CommandIds;
import org.sstpdoctor.remote.CommandResult;
import org.sstpdoctor.remote.IRemoteChannel;
import org.sstpdoctor.remote.PowerShell;
import org.sstpdoctor.remote.PowerShellScript;
import org.sstpdoctor.remote.RemoteChannels;
import org.sstpdoctor.remote.RemoteCommand;
import org.sstpdoctor.remote.RemoteException;
import org.sstpdoctor.remote.RemoteException.Step;
import org.sstpdoctor.remote.RemoteSettings;
import org.sstpdoctor.remote.ssh.IHostKeyConfirmer;
import org.sstpdoctor.remote.ssh.SshChannel;
import org.sstpdoctor.remote.ssh.SshEndpoint;

/**
 * The lab's SSH server against the product's own SSH channel (password and key, through an inventory server entry
 * too) and against Debian's OpenSSH client ({@code ssh} in batch mode with a key): the exact exec request reaches the
 * host, its output, standard error and exit status come back, wrong credentials and shells are refused, and the host
 * key is kept in an OpenSSH key file.
 */
class LabSshServerTest {

    private static final String USER = "labadmin";
    private static final String PASSWORD = "Lab-Pa55-" + UUID.randomUUID();

    @TempDir
    static Path keys;
    private static Path clientKey;
    private static Path ed25519Key;
    private static Path strangerKey;

    @TempDir
    Path temp;

    private final EchoHost host = new EchoHost();
    private LabSshServer server;
    private Path knownHosts;

    @BeforeAll
    static void makeClientKeys() throws Exception {
        clientKey = keygen(keys, "id_ecdsa", "ecdsa");
        ed25519Key = keygen(keys, "id_ed25519", "ed25519");
        strangerKey = keygen(keys, "id_stranger", "ecdsa");
    }

    @BeforeEach
    void start() throws Exception {
        server = LabSshServer.start(host, temp.resolve("lab/ssh_host_key"), USER, PASSWORD.toCharArray(),
                List.of(publicKey(clientKey), publicKey(ed25519Key)));
        knownHosts = temp.resolve("known_hosts");
        Files.writeString(knownHosts, "[127.0.0.1]:" + server.port() + " " + PublicKeyEntry.toString(server.hostKey())
                + "\n");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPasswordLogsInAndTheHostAnswersTheExactCommandLine() throws Exception {
        RemoteCommand command = RemoteCommand.powerShell(CommandIds.SERVICES,
                PowerShellScript.fixed("echo h\u00e9llo"));
        CommandResult result;
        try (Credentials credentials = new Credentials(USER, PASSWORD.toCharArray(), null);
                SshChannel channel = open(credentials, null)) {
            result = channel.run(command, null);
        }

        assertEquals(List.of(command.commandLine()), host.commandLines, "the exec request is handed over as is");
        assertTrue(command.commandLine().startsWith(PowerShell.COMMAND_PREFIX));
        assertEquals("h\u00e9llo\r\n", result.stdout());
        assertEquals(0, result.exitCode().getAsInt());
    }

    @Test
    void aKeyLogsIn() throws Exception {
        try (Credentials credentials = new Credentials(USER, new char[0], null);
                SshChannel channel = open(credentials, clientKey)) {
            assertEquals("by key\r\n", channel.run(powerShell("echo by key"), null).stdout());
        }
    }

    @Test
    void exitStatusAndStandardErrorComeBack() throws Exception {
        try (Credentials credentials = new Credentials(USER, PASSWORD.toCharArray(), null);
                SshChannel channel = open(credentials, null)) {
            CommandResult failed = channel.run(powerShell("fail 7 the service did not start"), null);
            assertEquals(7, failed.exitCode().getAsInt());
            assertEquals("partial\r\n", failed.stdout());
            assertEquals("the service did not start\r\n", failed.stderr());

            CommandResult broken = channel.run(powerShell("throw"), null);
            assertEquals(1, broken.exitCode().getAsInt(), "a host that throws still ends the command");
            assertTrue(broken.stderr().contains("the simulated host broke"), broken.stderr());
        }
    }

    @Test
    void aWrongPasswordOrUserOrKeyIsRefused() throws Exception {
        for (Credentials wrong : List.of(new Credentials(USER, ("x" + PASSWORD).toCharArray(), null),
                new Credentials(USER, PASSWORD.substring(1).toCharArray(), null),
                new Credentials("someone-else", PASSWORD.toCharArray(), null))) {
            try (wrong) {
                SshEndpoint endpoint = new SshEndpoint("lab", "127.0.0.1", server.port(), wrong.user());
                RemoteException e = assertThrows(RemoteException.class,
                        () -> SshChannel.open(endpoint, wrong, null, IHostKeyConfirmer.REFUSE, settings(), null));
                assertEquals(Step.AUTH, e.step(), e.getMessage());
            }
        }
        try (Credentials credentials = new Credentials(USER, new char[0], null)) {
            RemoteException e = assertThrows(RemoteException.class, () -> open(credentials, strangerKey));
            assertEquals(Step.AUTH, e.step(), e.getMessage());
        }
        assertEquals(List.of(), host.commandLines, "nothing ran");
    }

    /** One connection may try a few logons only; after that the server disconnects it. */
    @Test
    void aConnectionGetsAFewLogonAttemptsOnly() throws Exception {
        try (SshClient client = client()) {
            try (ClientSession few = client.connect(USER, "127.0.0.1", server.port()).verify(10, TimeUnit.SECONDS)
                    .getSession()) {
                for (int i = 0; i < 3; i++) {
                    few.addPasswordIdentity("wrong-" + i);
                }
                assertThrows(IOException.class, () -> few.auth().verify(10, TimeUnit.SECONDS));
                assertTrue(few.isOpen(), "three wrong passwords leave the connection open");
            }
            try (ClientSession many = client.connect(USER, "127.0.0.1", server.port()).verify(10, TimeUnit.SECONDS)
                    .getSession()) {
                for (int i = 0; i < 10; i++) {
                    many.addPasswordIdentity("wrong-" + i);
                }
                many.addPasswordIdentity(PASSWORD); // the 12th request (after "none"): never reached
                assertThrows(IOException.class, () -> many.auth().verify(10, TimeUnit.SECONDS));
                assertTrue(many.waitFor(EnumSet.of(ClientSessionEvent.CLOSED), Duration.ofSeconds(10))
                        .contains(ClientSessionEvent.CLOSED), "the server disconnected after too many attempts");
            }
        }
        assertEquals(List.of(), host.commandLines);
    }

    /** Connections beyond the limit are closed at once; the server keeps serving the others. */
    @Test
    void connectionsBeyondTheLimitAreClosed() throws Exception {
        List<ClientSession> held = new ArrayList<>();
        try (SshClient client = client()) {
            for (int i = 0; i < 16; i++) {
                held.add(client.connect(USER, "127.0.0.1", server.port()).verify(10, TimeUnit.SECONDS).getSession());
            }
            try (ClientSession extra = client.connect(USER, "127.0.0.1", server.port())
                    .verify(10, TimeUnit.SECONDS).getSession()) {
                assertTrue(extra.waitFor(EnumSet.of(ClientSessionEvent.CLOSED), Duration.ofSeconds(10))
                        .contains(ClientSessionEvent.CLOSED), "the 17th connection is closed");
            }
            ClientSession first = held.get(0);
            first.addPasswordIdentity(PASSWORD);
            first.auth().verify(10, TimeUnit.SECONDS);
            assertTrue(first.isAuthenticated(), "a connection within the limit still logs on");
        } finally {
            for (ClientSession s : held) {
                s.close(true);
            }
        }
    }

    /** MINA's own client, trusting exactly the lab server's host key. */
    private SshClient client() {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, address, key) -> KeyUtils.compareKeys(key, server.hostKey()));
        CoreModuleProperties.PASSWORD_PROMPTS.set(client, 30);
        client.start();
        return client;
    }

    /**
     * The SSH library logs at debug level into the file the test bundle's pom.xml names; neither the right password
     * nor a wrong one reaches it.
     */
    @Test
    void noPasswordReachesTheLibrarysLog() throws Exception {
        String wrong = "wrong-" + PASSWORD;
        try (Credentials credentials = new Credentials(USER, wrong.toCharArray(), null)) {
            assertThrows(RemoteException.class, () -> open(credentials, null));
        }
        try (Credentials credentials = new Credentials(USER, PASSWORD.toCharArray(), null);
                SshChannel channel = open(credentials, null)) {
            assertEquals("logged\r\n", channel.run(powerShell("echo logged"), null).stdout());
        }
        String logFile = System.getProperty("org.slf4j.simpleLogger.logFile");
        assertTrue(logFile != null && Files.isRegularFile(Path.of(logFile)), "SLF4J logs nowhere the test can read: "
                + logFile);
        String log = Files.readString(Path.of(logFile), StandardCharsets.UTF_8);
        assertTrue(log.contains("org.apache.sshd.server"), "the SSH server's debug log was captured");
        assertFalse(log.contains(PASSWORD), "the password is in the SSH library's log");
        assertFalse(log.contains(wrong), "a wrong password is in the SSH library's log");
    }

    /** The whole way from the inventory: server entry, Secure Storage, known hosts. */
    @Test
    void aServerOfTheInventoryOpensItsChannel() throws Exception {
        CredentialStore store = LabInventory.credentialStore(temp.resolve("storage"));
        String ref = UUID.randomUUID().toString();
        store.store(ref, USER, PASSWORD.toCharArray(), null);
        var entry = LabInventory.server("lab-ssh", new ManagementChannel(ChannelKind.SSH, server.port(), USER,
                Map.of()), ref);

        try (IRemoteChannel channel = RemoteChannels.open(entry, store, IHostKeyConfirmer.REFUSE, settings())) {
            assertEquals("from the inventory\r\n", channel.run(powerShell("echo from the inventory"), null).stdout());
        }
    }

    @Test
    void openSshRunsACommandWithAKey() throws Exception {
        Run ok = ssh(ed25519Key, "echo from OpenSSH");
        assertEquals(0, ok.code, ok.stderr);
        assertEquals("from OpenSSH\r\n", ok.stdout);
        assertEquals("echo from OpenSSH", host.commandLines.get(0), "the exact request text");

        Run failed = ssh(clientKey, "fail 3 access is denied");
        assertEquals(3, failed.code, failed.stderr);
        assertEquals("partial\r\n", failed.stdout);
        assertTrue(failed.stderr.contains("access is denied\r\n"), failed.stderr);

        Run unknown = ssh(clientKey, "nosuchtool /all");
        assertEquals(1, unknown.code);
        assertTrue(unknown.stderr.contains("'nosuchtool' is not recognized"), unknown.stderr);
    }

    @Test
    void openSshWithAnUnknownKeyIsRefused() throws Exception {
        Run refused = ssh(strangerKey, "echo never");
        assertEquals(255, refused.code);
        assertTrue(refused.stderr.contains("Permission denied"), refused.stderr);
        assertEquals(List.of(), host.commandLines);
    }

    @Test
    void anInteractiveShellIsRefusedPolitely() throws Exception {
        Run shell = ssh(clientKey, null);
        assertEquals(1, shell.code, shell.stderr);
        assertTrue(shell.stderr.contains("accepts commands only"), shell.stderr);
        assertEquals(List.of(), host.commandLines);
    }

    @Test
    void theHostKeyIsKeptInAnOpenSshKeyFile() throws Exception {
        Path file = temp.resolve("lab/ssh_host_key");
        PublicKey first = server.hostKey();
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(file));
        String derived = run(List.of("ssh-keygen", "-y", "-f", file.toString()), null).stdout.strip();
        assertTrue(KeyUtils.compareKeys(first, PublicKeyEntry.parsePublicKeyEntry(derived)
                .resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING)), derived);
        try (var dir = Files.list(file.getParent())) {
            assertEquals(List.of(file), dir.toList(), "no temporary file is left behind");
        }
        server.close();

        server = LabSshServer.start(host, file, USER, PASSWORD.toCharArray(), List.of());
        assertTrue(KeyUtils.compareKeys(first, server.hostKey()), "the same key after a restart");
        try (LabSshServer other = LabSshServer.start(host, temp.resolve("other_key"), USER, PASSWORD.toCharArray(),
                List.of())) {
            assertFalse(KeyUtils.compareKeys(first, other.hostKey()), "another file, another key");
            assertNotEquals(server.port(), other.port());
        }
    }

    private SshChannel open(Credentials credentials, Path identity) throws RemoteException {
        SshEndpoint endpoint = new SshEndpoint("lab (127.0.0.1:" + server.port() + ")", "127.0.0.1", server.port(),
                USER);
        return SshChannel.open(endpoint, credentials, identity, IHostKeyConfirmer.REFUSE, settings(), null);
    }

    private RemoteSettings settings() {
        return RemoteSettings.withKnownHosts(knownHosts).withConnectTimeout(Duration.ofSeconds(10))
                .withAuthTimeout(Duration.ofSeconds(10));
    }

    private static RemoteCommand powerShell(String script) {
        return RemoteCommand.powerShell(CommandIds.SERVICES, PowerShellScript.fixed(script))
                .withTimeout(Duration.ofSeconds(30));
    }

    record Run(int code, String stdout, String stderr) {
    }

    /** Debian's OpenSSH client in batch mode; {@code command} null asks for a shell. */
    private Run ssh(Path identity, String command) throws Exception {
        List<String> args = new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-o", "BatchMode=yes", "-o",
                "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + knownHosts, "-o",
                "GlobalKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes", "-o", "ConnectTimeout=10", "-i",
                identity.toString(), "-p", Integer.toString(server.port()), "-l", USER, "127.0.0.1"));
        if (command != null) {
            args.add(command);
        }
        return run(args, temp);
    }

    private static Run run(List<String> command, Path dir) throws IOException, InterruptedException {
        Path err = Files.createTempFile(keys, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 60 s");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Path keygen(Path dir, String name, String type) throws Exception {
        Path file = dir.resolve(name);
        Run r = run(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C", name, "-f", file.toString()), dir);
        assertEquals(0, r.code, r.stderr);
        return file;
    }

    private static PublicKey publicKey(Path privateKey) throws Exception {
        Path pub = privateKey.resolveSibling(privateKey.getFileName() + ".pub");
        return AuthorizedKeyEntry.readAuthorizedKeys(pub).get(0).resolvePublicKey(null, Map.of(),
                PublicKeyEntryResolver.FAILING);
    }
}
