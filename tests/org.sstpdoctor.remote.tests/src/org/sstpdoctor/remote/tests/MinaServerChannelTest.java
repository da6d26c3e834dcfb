package org.sstpdoctor.remote.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.sshd.common.channel.RequestHandler;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.eclipse.core.runtime.ILogListener;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.core.inventory.Credentials;
import org.sstpdoctor.remote.CommandIds;
import org.sstpdoctor.remote.CommandResult;
import org.sstpdoctor.remote.PowerShell;
import org.sstpdoctor.remote.PowerShellScript;
import org.sstpdoctor.remote.RemoteCommand;
import org.sstpdoctor.remote.RemoteException;
import org.sstpdoctor.remote.RemoteException.Step;
import org.sstpdoctor.remote.RemoteSettings;
import org.sstpdoctor.remote.ssh.IHostKeyConfirmer;
import org.sstpdoctor.remote.ssh.KnownHosts;
import org.sstpdoctor.remote.ssh.SshChannel;
import org.sstpdoctor.remote.ssh.SshEndpoint;

/**
 * The SSH channel against MINA SSHD's own server, in this process. What this peer proves, where
 * Debian's OpenSSH server would need a system user with a password: password authentication,
 * right and wrong; that no credential is sent before a new host key is confirmed; that no secret
 * reaches an exception or a log; keep-alive requests; and a server that dies under a command. The
 * connection failures (a port that never greets, a closed port, a name that does not resolve)
 * need no SSH server at all.
 */
class MinaServerChannelTest {

    private static final String USER = "CONTOSO\\rras-admin";
    private static final String PASSWORD = "Pa55-w0rd-" + UUID.randomUUID();

    @TempDir
    Path temp;

    private SshServer sshd;
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<String> passwordsTried = new CopyOnWriteArrayList<>();
    private final AtomicInteger keepAlives = new AtomicInteger();
    private Path knownHosts;

    @BeforeEach
    void startServer() throws Exception {
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(temp.resolve("mina-host-key")));
        sshd.setPasswordAuthenticator((user, password, session) -> {
            passwordsTried.add(password);
            return USER.equals(user) && PASSWORD.equals(password);
        });
        sshd.setCommandFactory((channel, command) -> {
            commands.add(command);
            boolean forever = command.startsWith(PowerShell.COMMAND_PREFIX) && PowerShell.decode(
                    command.substring(PowerShell.COMMAND_PREFIX.length())).contains("Start-Sleep");
            return forever ? new AnswerCommand(null) : new AnswerCommand("received\n");
        });
        List<RequestHandler<ConnectionService>> handlers = new ArrayList<>();
        handlers.add((connection, request, wantReply, buffer) -> {
            if (request.startsWith("keepalive@")) {
                keepAlives.incrementAndGet();
            }
            return RequestHandler.Result.Unsupported; // let the server's own handlers answer
        });
        handlers.addAll(sshd.getGlobalRequestHandlers());
        sshd.setGlobalRequestHandlers(handlers);
        sshd.start();

        knownHosts = temp.resolve("known_hosts");
        for (KeyPair key : sshd.getKeyPairProvider().loadKeys(null)) {
            new KnownHosts(knownHosts).add("127.0.0.1", sshd.getPort(), key.getPublic());
        }
    }

    @AfterEach
    void stopServer() throws IOException {
        sshd.stop(true);
    }

    @Test
    void aPasswordLogsInAndTheServerReceivesTheExactCommandLine() throws Exception {
        RemoteCommand command = RemoteCommand.powerShell(CommandIds.SERVICES, PowerShellScript.cmdlet("Get-Service")
                .param("Name", new String[] {"RemoteAccess", "SstpSvc"}));

        CommandResult result;
        try (SshChannel channel = open(PASSWORD, settings())) {
            result = channel.run(command, null);
        }

        assertEquals(List.of(command.commandLine()), commands);
        assertEquals(PowerShell.PREAMBLE + "\nGet-Service -Name @('RemoteAccess', 'SstpSvc')",
                PowerShellQuotingTest.decode(commands.get(0)));
        assertEquals("received\n", result.stdout());
        assertEquals(0, result.exitCode().getAsInt());
    }

    @Test
    void aWrongPasswordFailsAtTheAuthenticationStep() {
        RemoteException e = assertThrows(RemoteException.class, () -> open("not-" + PASSWORD, settings()));

        assertEquals(Step.AUTH, e.step());
        assertEquals("mina (127.0.0.1:" + sshd.getPort() + "): authentication failed: the server refused the "
                + "password for user \"" + USER + "\"", e.getMessage());
    }

    @Test
    void noCredentialIsSentBeforeANewHostKeyIsConfirmed() throws Exception {
        Files.delete(knownHosts);

        RemoteException e = assertThrows(RemoteException.class, () -> open(PASSWORD, settings()));

        assertEquals(Step.HOST_KEY, e.step());
        Thread.sleep(200);
        assertEquals(List.of(), passwordsTried, "the server never saw a password");
    }

    /**
     * Secrets go to the SSH library and nowhere else: not to an exception, not to the platform log,
     * not to the library's own log (SLF4J, at debug level for org.apache.sshd, into the file the
     * test bundle's pom.xml names).
     */
    @Test
    void noSecretReachesAnExceptionOrALog() throws Exception {
        String passphrase = "key-passphrase-" + UUID.randomUUID();
        String wrongPassword = "wrong-" + PASSWORD;
        String wrongPassphrase = "wrong-" + passphrase;
        Path key = Processes.keygen(temp, "id_encrypted", "ecdsa", passphrase);
        List<IStatus> logged = new CopyOnWriteArrayList<>();
        ILogListener listener = (status, plugin) -> logged.add(status);
        Platform.addLogListener(listener);
        List<RemoteException> failures = new ArrayList<>();
        try {
            failures.add(assertThrows(RemoteException.class, () -> open(wrongPassword, settings())));
            try (Credentials credentials = new Credentials(USER, wrongPassword.toCharArray(),
                    wrongPassphrase.toCharArray())) {
                failures.add(assertThrows(RemoteException.class, () -> SshChannel.open(endpoint(), credentials, key,
                        IHostKeyConfirmer.REFUSE, settings(), null)));
            }
            // the key decrypts but the server does not take keys; the password then logs in
            try (Credentials credentials = new Credentials(USER, PASSWORD.toCharArray(), passphrase.toCharArray());
                    SshChannel channel = SshChannel.open(endpoint(), credentials, key, IHostKeyConfirmer.REFUSE,
                            settings(), null)) {
                assertEquals("received\n", channel.run(RemoteCommand.powerShell(CommandIds.SERVICES,
                        PowerShellScript.cmdlet("Get-Date")), null).stdout());
            }
            Files.delete(knownHosts);
            failures.add(assertThrows(RemoteException.class, () -> open(PASSWORD, settings())));
        } finally {
            Platform.removeLogListener(listener);
        }

        String[] secrets = {PASSWORD, wrongPassword, passphrase, wrongPassphrase};
        assertEquals(List.of(Step.AUTH, Step.AUTH, Step.HOST_KEY), failures.stream().map(RemoteException::step).toList());
        for (RemoteException failure : failures) {
            Secrets.assertAbsent(failure, secrets);
        }
        for (IStatus status : logged) {
            Secrets.assertAbsent("the platform log", status.toString(), secrets);
        }
        String logFile = System.getProperty("org.slf4j.simpleLogger.logFile");
        assertTrue(logFile != null && Files.isRegularFile(Path.of(logFile)), "SLF4J logs nowhere the test can read: "
                + "slf4j.simple is not bound, or org.slf4j.simpleLogger.logFile is not set (see pom.xml): " + logFile);
        String log = Files.readString(Path.of(logFile), StandardCharsets.UTF_8);
        assertTrue(log.contains("org.apache.sshd.client"), "the SSH library's debug log was captured");
        Secrets.assertAbsent("the SSH library's log", log, secrets);
    }

    @Test
    void anIdleConnectionSendsKeepAliveRequests() throws Exception {
        try (SshChannel channel = open(PASSWORD, settings().withKeepAliveInterval(Duration.ofMillis(200)))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (keepAlives.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(keepAlives.get() >= 3, keepAlives.get() + " keep-alive requests");
            assertTrue(channel.isOpen());
        }
    }

    @Test
    void aServerThatDiesUnderACommandEndsItWithACommandFailure() throws Exception {
        try (SshChannel channel = open(PASSWORD, settings())) {
            new Thread(() -> {
                try {
                    Thread.sleep(300);
                    sshd.stop(true);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).start();

            RemoteException e = assertThrows(RemoteException.class, () -> channel.run(RemoteCommand.powerShell(
                    CommandIds.SERVICES, PowerShellScript.cmdlet("Start-Sleep").param("Seconds", 3600)), null));

            assertEquals(Step.COMMAND, e.step());
            assertTrue(e.getMessage().contains("closed while services ran"), e.getMessage());
        }
    }

    /** A port that accepts TCP connections and never says a word. */
    @Test
    void aPortThatNeverGreetsTimesOutAtTheConnectStep() throws Exception {
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress("127.0.0.1", 0));
            SshEndpoint endpoint = new SshEndpoint("silent", "127.0.0.1", silent.getLocalPort(), USER);
            long start = System.nanoTime();

            RemoteException e = assertThrows(RemoteException.class, () -> open(endpoint, PASSWORD,
                    settings().withConnectTimeout(Duration.ofSeconds(1))));

            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(Step.CONNECT, e.step());
            assertTrue(e.getMessage().contains("did not complete the SSH handshake within 1 s"), e.getMessage());
            assertTrue(e.getMessage().contains("sent no SSH greeting"), e.getMessage());
            assertTrue(millis >= 900 && millis < 4000, millis + " ms");
        }
    }

    @Test
    void aClosedPortFailsAtTheConnectStep() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            port = socket.getLocalPort();
        }

        RemoteException e = assertThrows(RemoteException.class,
                () -> open(new SshEndpoint("closed", "127.0.0.1", port, USER), PASSWORD, settings()));

        assertEquals(Step.CONNECT, e.step());
        assertTrue(e.getMessage().startsWith("closed: connection failed: could not connect to port " + port),
                e.getMessage());
    }

    @Test
    void aNameThatDoesNotResolveFailsAtTheDnsStep() {
        RemoteException e = assertThrows(RemoteException.class, () -> open(
                new SshEndpoint("ghost", "no-such-host.invalid", 22, USER), PASSWORD,
                settings().withConnectTimeout(Duration.ofSeconds(5))));

        assertEquals(Step.DNS, e.step());
        assertTrue(e.getMessage().startsWith("ghost: host name lookup failed: "), e.getMessage());
        assertTrue(e.getMessage().contains("no-such-host.invalid"), e.getMessage());
    }

    private RemoteSettings settings() {
        return RemoteSettings.withKnownHosts(knownHosts).withConnectTimeout(Duration.ofSeconds(10))
                .withAuthTimeout(Duration.ofSeconds(10));
    }

    private SshEndpoint endpoint() {
        return new SshEndpoint("mina (127.0.0.1:" + sshd.getPort() + ")", "127.0.0.1", sshd.getPort(), USER);
    }

    private SshChannel open(String password, RemoteSettings settings) throws RemoteException {
        return open(endpoint(), password, settings);
    }

    private static SshChannel open(SshEndpoint endpoint, String password, RemoteSettings settings)
            throws RemoteException {
        try (Credentials credentials = new Credentials(USER, password.toCharArray(), null)) {
            return SshChannel.open(endpoint, credentials, null, IHostKeyConfirmer.REFUSE, settings, null);
        }
    }
}
