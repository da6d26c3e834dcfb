package org.sstpdoctor.remote.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.CredentialStore;
import org.sstpdoctor.core.inventory.Credentials;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.remote.CommandIds;
import org.sstpdoctor.remote.CommandResult;
import org.sstpdoctor.remote.IRemoteChannel;
import org.sstpdoctor.remote.LegacyCommand;
import org.sstpdoctor.remote.PowerShellScript;
import org.sstpdoctor.remote.RemoteChannels;
import org.sstpdoctor.remote.RemoteCommand;
import org.sstpdoctor.remote.RemoteException;
import org.sstpdoctor.remote.RemoteException.Step;
import org.sstpdoctor.remote.RemoteSettings;
import org.sstpdoctor.remote.ssh.HostKeyInfo;
import org.sstpdoctor.remote.ssh.IHostKeyConfirmer;
import org.sstpdoctor.remote.ssh.SshChannel;
import org.sstpdoctor.remote.ssh.SshEndpoint;

/**
 * The SSH channel against Debian's OpenSSH server on 127.0.0.1 ({@link OpenSshServer}): what this
 * peer proves is the transport as a real, independent SSH server sees it: key authentication with
 * OpenSSH key files (plain and encrypted with a passphrase), host keys and their fingerprints as
 * ssh-keygen computes them, the exact exec request text, and timeouts, cancellation and the output
 * cap on a real process. Password authentication is proved against MINA's own server
 * ({@link MinaServerChannelTest}), since OpenSSH would need a system user with a password.
 *
 * <p>The server runs the decoded "PowerShell" script with /bin/sh, so the scripts here are shell.
 */
class OpenSshChannelTest {

    private static final String PASSPHRASE = "key-passphrase-" + UUID.randomUUID();

    @TempDir
    static Path serverDir;

    private static OpenSshServer server;
    private static Path plainKey;
    private static Path encryptedKey;
    private static Path strangerKey;
    private static Path ed25519Key;

    @TempDir
    Path temp;

    private Path knownHosts;
    private RemoteSettings settings;

    @BeforeAll
    static void startServer() throws Exception {
        plainKey = Processes.keygen(serverDir, "id_plain", "ecdsa", "");
        encryptedKey = Processes.keygen(serverDir, "id_encrypted", "ecdsa", PASSPHRASE);
        strangerKey = Processes.keygen(serverDir, "id_stranger", "ecdsa", "");
        ed25519Key = Processes.keygen(serverDir, "id_ed25519", "ed25519", PASSPHRASE);
        server = OpenSshServer.start(serverDir, List.of(plainKey, encryptedKey, ed25519Key));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void trustTheServer() throws Exception {
        knownHosts = temp.resolve("state/known_hosts");
        Files.createDirectories(knownHosts.getParent());
        Files.writeString(knownHosts, server.knownHostsLine() + "\n");
        settings = RemoteSettings.withKnownHosts(knownHosts).withConnectTimeout(Duration.ofSeconds(10))
                .withAuthTimeout(Duration.ofSeconds(10));
    }

    @Test
    void keyAuthenticationRunsTheExactCommandLine() throws Exception {
        PowerShellScript script = PowerShellScript.fixed("printf '%s\\n' '\u00e9t\u00e9 \u2713 \u2018quoted\u2019'");
        RemoteCommand command = RemoteCommand.powerShell(CommandIds.SERVICES, script);

        CommandResult result;
        try (SshChannel channel = open(plainKey, noSecrets(), IHostKeyConfirmer.REFUSE)) {
            assertEquals(ChannelKind.SSH, channel.kind());
            result = channel.run(command, null);
        }

        assertEquals(command.commandLine(), server.lastExec(), "the exec request is the command line, as is");
        assertEquals(script.text(), server.lastBody(), "the script decodes as powershell.exe decodes it");
        assertEquals(0, result.exitCode().getAsInt(), result.stderr());
        assertEquals("\u00e9t\u00e9 \u2713 \u2018quoted\u2019\n", result.stdout());
        assertFalse(result.truncated());
        assertTrue(result.isSuccess());
    }

    @Test
    void exitCodesAndStandardErrorComeBack() throws Exception {
        try (SshChannel channel = open(plainKey, noSecrets(), IHostKeyConfirmer.REFUSE)) {
            CommandResult result = channel.run(powerShell("echo out; echo err >&2; exit 3"), null);

            assertEquals(3, result.exitCode().getAsInt());
            assertEquals("out\n", result.stdout());
            assertEquals("err\n", result.stderr());
            assertFalse(result.isSuccess());
        }
    }

    @Test
    void aLegacyCommandLineIsSentAsIs() throws Exception {
        RemoteCommand command = RemoteCommand.legacy(CommandIds.SERVICES,
                LegacyCommand.parse("sc query remoteaccess").andThen(LegacyCommand.parse("sc query sstpsvc")));
        try (SshChannel channel = open(plainKey, noSecrets(), IHostKeyConfirmer.REFUSE)) {
            CommandResult result = channel.run(command, null);

            assertEquals("sc query remoteaccess & sc query sstpsvc", server.lastExec());
            assertEquals(127, result.exitCode().getAsInt(), "this server only runs PowerShell command lines");
        }
    }

    @Test
    void commandsRunConcurrentlyOnOneChannel() throws Exception {
        try (SshChannel channel = open(plainKey, noSecrets(), IHostKeyConfirmer.REFUSE)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<CommandResult>> runs = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    RemoteCommand command = powerShell("sleep 0.2; echo " + i);
                    runs.add(pool.submit(() -> channel.run(command, null)));
                }
                for (int i = 0; i < runs.size(); i++) {
                    assertEquals(i + "\n", runs.get(i).get(30, TimeUnit.SECONDS).stdout());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aCommandThatOutlivesItsTimeoutIsStopped() throws Exception {
        try (SshChannel channel = open(plainKey, noSecrets(), IHostKeyConfirmer.REFUSE)) {
            long start = System.nanoTime();
            RemoteException e = assertThrows(RemoteException.class,
                    () -> channel.run(powerShell("sleep 60").withTimeout(Duration.ofSeconds(1)), null));

            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(Step.TIMEOUT, e.step());
            assertTrue(millis >= 1000 && millis < 5000, millis + " ms");
            assertTrue(e.getMessage().contains("did not finish within 1 s"), e.getMessage());
            assertTrue(e.getMessage().startsWith(channel.serverName() + ": "), e.getMessage());
            assertEquals("still usable\n", channel.run(powerShell("echo still usable"), null).stdout());
        }
    }

    @Test
    void cancellingStopsACommandPromptly() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (SshChannel channel = open(plainKey, noSecrets(), IHostKeyConfirmer.REFUSE)) {
            NullProgressMonitor monitor = new NullProgressMonitor();
            timer.schedule(() -> monitor.setCanceled(true), 300, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();

            RemoteException e = assertThrows(RemoteException.class, () -> channel.run(powerShell("sleep 60"), monitor));

            assertEquals(Step.CANCELLED, e.step());
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 3000);
        } finally {
            timer.shutdownNow();
        }
    }

    /** 50 MB of output against a 1 MiB cap: cut at the cap, quickly, and the producer never finishes. */
    @Test
    void outputBeyondTheCapIsNotRead() throws Exception {
        Path finished = serverDir.resolve("finished-" + UUID.randomUUID());
        RemoteCommand command = powerShell("head -c 52428800 /dev/zero && touch '" + finished + "'")
                .withOutputCap(1 << 20);
        try (SshChannel channel = open(plainKey, noSecrets(), IHostKeyConfirmer.REFUSE)) {
            long start = System.nanoTime();
            CommandResult result = channel.run(command, null);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertTrue(result.truncated());
            assertEquals(1 << 20, result.stdoutBytes().length, "exactly the cap is kept");
            assertEquals(1 << 20, result.outputSize());
            assertTrue(result.exitCode().isEmpty(), "a command cut short has no exit code");
            assertFalse(result.isSuccess());
            assertTrue(millis < 10_000, millis + " ms");
            Thread.sleep(1000);
            assertFalse(Files.exists(finished), "the 50 MB were never all sent: the command was stopped");
            assertEquals("ok\n", channel.run(powerShell("echo ok"), null).stdout());
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedByTheHeadlessDefault() throws Exception {
        Files.delete(knownHosts);

        RemoteException e = assertThrows(RemoteException.class,
                () -> open(plainKey, noSecrets(), IHostKeyConfirmer.REFUSE));

        assertEquals(Step.HOST_KEY, e.step());
        String fingerprint = Processes.fingerprint(KnownHostsTest.pub(server.hostKey));
        assertTrue(e.getMessage().contains(fingerprint), e.getMessage());
        assertTrue(e.getMessage().contains("not known and was not confirmed"), e.getMessage());
        assertFalse(Files.exists(knownHosts), "nothing was trusted");
    }

    @Test
    void aConfirmedHostKeyIsStoredAndTrustedFromThenOn() throws Exception {
        Files.delete(knownHosts);
        List<HostKeyInfo> asked = new ArrayList<>();

        try (SshChannel channel = open(plainKey, noSecrets(), key -> asked.add(key))) {
            assertEquals("ok\n", channel.run(powerShell("echo ok"), null).stdout());
        }

        assertEquals(1, asked.size());
        HostKeyInfo info = asked.get(0);
        assertEquals("127.0.0.1", info.host());
        assertEquals(server.port, info.port());
        assertEquals("ecdsa-sha2-nistp256", info.keyType());
        assertEquals(Processes.fingerprint(KnownHostsTest.pub(server.hostKey)), info.fingerprint());
        assertEquals(knownHosts.toAbsolutePath().normalize(), info.knownHostsFile());
        assertEquals(server.knownHostsLine() + "\n", Files.readString(knownHosts));

        try (SshChannel again = open(plainKey, noSecrets(), key -> fail("asked again about " + key))) {
            assertEquals("ok\n", again.run(powerShell("echo ok"), null).stdout());
        }
    }

    @Test
    void aChangedHostKeyIsRefusedWithBothFingerprints() throws Exception {
        Path other = Processes.keygen(temp, "old_host_key", "ecdsa", "");
        String[] pub = Files.readString(KnownHostsTest.pub(other)).strip().split(" ");
        Files.writeString(knownHosts, "[127.0.0.1]:" + server.port + " " + pub[0] + " " + pub[1] + "\n");

        RemoteException e = assertThrows(RemoteException.class,
                () -> open(plainKey, noSecrets(), key -> fail("a changed key must not be offered: " + key)));

        assertEquals(Step.HOST_KEY, e.step());
        String message = e.getMessage();
        assertTrue(message.contains("CHANGED"), message);
        assertTrue(message.contains(Processes.fingerprint(KnownHostsTest.pub(other))), "old fingerprint: " + message);
        assertTrue(message.contains(Processes.fingerprint(KnownHostsTest.pub(server.hostKey))),
                "new fingerprint: " + message);
        assertEquals("[127.0.0.1]:" + server.port + " " + pub[0] + " " + pub[1] + "\n", Files.readString(knownHosts),
                "the known key stays");
    }

    @Test
    void anEncryptedKeyIsDecryptedWithTheStoredPassphrase() throws Exception {
        try (Credentials credentials = new Credentials(server.user, new char[0], PASSPHRASE.toCharArray());
                SshChannel channel = open(encryptedKey, credentials, IHostKeyConfirmer.REFUSE)) {
            assertEquals("ok\n", channel.run(powerShell("echo ok"), null).stdout());
        }
    }

    /** ssh-keygen's default key type, which Windows administrators are most likely to have. */
    @Test
    void anEd25519KeyWorks() throws Exception {
        try (Credentials credentials = new Credentials(server.user, new char[0], PASSPHRASE.toCharArray());
                SshChannel channel = open(ed25519Key, credentials, IHostKeyConfirmer.REFUSE)) {
            assertEquals("ok\n", channel.run(powerShell("echo ok"), null).stdout());
        }
    }

    @Test
    void aWrongOrMissingPassphraseFailsAuthenticationWithoutTheSecret() throws Exception {
        String wrong = "wrong-passphrase-" + UUID.randomUUID();
        try (Credentials credentials = new Credentials(server.user, new char[0], wrong.toCharArray())) {
            RemoteException e = assertThrows(RemoteException.class,
                    () -> open(encryptedKey, credentials, IHostKeyConfirmer.REFUSE));
            assertEquals(Step.AUTH, e.step());
            assertTrue(e.getMessage().contains("the stored passphrase does not decrypt it"), e.getMessage());
            Secrets.assertAbsent(e, wrong, PASSPHRASE);
        }
        RemoteException missing = assertThrows(RemoteException.class,
                () -> open(encryptedKey, noSecrets(), IHostKeyConfirmer.REFUSE));
        assertEquals(Step.AUTH, missing.step());
        assertTrue(missing.getMessage().contains("no passphrase is stored"), missing.getMessage());
    }

    @Test
    void aKeyTheServerDoesNotKnowIsRefused() throws Exception {
        RemoteException e = assertThrows(RemoteException.class,
                () -> open(strangerKey, noSecrets(), IHostKeyConfirmer.REFUSE));

        assertEquals(Step.AUTH, e.step());
        assertTrue(e.getMessage().contains("refused the private key " + strangerKey + " for user \"" + server.user
                + "\""), e.getMessage());
    }

    @Test
    void withoutAnyCredentialNothingIsTried() {
        RemoteException e = assertThrows(RemoteException.class,
                () -> open(null, noSecrets(), IHostKeyConfirmer.REFUSE));

        assertEquals(Step.AUTH, e.step());
        assertTrue(e.getMessage().contains("no credentials"), e.getMessage());
    }

    /** The whole way from the inventory: server entry, Secure Storage, known hosts, key file. */
    @Test
    void aServerOfTheInventoryOpensItsChannel() throws Exception {
        CredentialStore store = TestInventory.credentialStore(temp.resolve("storage"));
        String ref = UUID.randomUUID().toString();
        store.store(ref, server.user, new char[0], PASSPHRASE.toCharArray());
        Server vpn = TestInventory.server("vpn1", "127.0.0.1", new ManagementChannel(ChannelKind.SSH, server.port, "",
                Map.of(RemoteChannels.OPTION_IDENTITY_FILE, encryptedKey.toString())), ref);

        try (IRemoteChannel channel = RemoteChannels.open(vpn, store, IHostKeyConfirmer.REFUSE, settings)) {
            assertEquals("vpn1 (127.0.0.1:" + server.port + ")", channel.serverName());
            assertEquals("ok\n", channel.run(powerShell("echo ok"), null).stdout());
        }
    }

    private SshChannel open(Path identity, Credentials credentials, IHostKeyConfirmer confirmer)
            throws RemoteException {
        SshEndpoint endpoint = new SshEndpoint("test-sshd (127.0.0.1:" + server.port + ")", "127.0.0.1", server.port,
                server.user);
        return SshChannel.open(endpoint, credentials, identity, confirmer, settings, null);
    }

    private static Credentials noSecrets() {
        return new Credentials(System.getProperty("user.name"), new char[0], null);
    }

    private static RemoteCommand powerShell(String shellScript) {
        return RemoteCommand.powerShell(CommandIds.SERVICES, PowerShellScript.fixed(shellScript))
                .withTimeout(Duration.ofSeconds(30));
    }
}
