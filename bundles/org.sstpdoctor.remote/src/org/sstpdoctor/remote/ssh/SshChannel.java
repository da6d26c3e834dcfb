package org.sstpdoctor.remote.ssh;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.future.WaitableFuture;
import org.apache.sshd.common.util.io.resource.PathResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.Credentials;
import org.sstpdoctor.remote.CommandResult;
import org.sstpdoctor.remote.IRemoteChannel;
import org.sstpdoctor.remote.RemoteCommand;
import org.sstpdoctor.remote.RemoteException;
import org.sstpdoctor.remote.RemoteException.Step;
import org.sstpdoctor.remote.RemoteSettings;
import org.sstpdoctor.remote.internal.CappedOutput;
import org.sstpdoctor.remote.internal.ConnectionState;
import org.sstpdoctor.remote.internal.SshClients;

/**
 * An SSH session with a Windows OpenSSH server (Windows Server 2019 and later), on which commands
 * run as exec requests. Windows OpenSSH runs an exec request with its default shell, cmd.exe, so
 * the request text is exactly {@link RemoteCommand#commandLine()}: the fixed PowerShell command
 * line with the script's base64, or a validated legacy command line.
 *
 * <p>Opening one goes through these steps, each with its own failure ({@link Step}):
 * <ol>
 * <li>DNS: the host name is resolved, within the connect timeout;</li>
 * <li>CONNECT: TCP, then the SSH handshake, within the same connect timeout;</li>
 * <li>HOST_KEY: the server's host key is looked up in SSTP Doctor's known-hosts file. A key on
 * file is trusted; a key that differs from the one on file is refused, and the message shows both
 * fingerprints; an unknown key is shown to the {@link IHostKeyConfirmer} before any credential is
 * sent, and kept only if it says yes;</li>
 * <li>AUTH: the private key (an OpenSSH or PEM file, decrypted with the stored passphrase) and
 * the password are offered, within the authentication timeout.</li>
 * </ol>
 * The session then sends keep-alive requests and is dropped after three go unanswered.
 *
 * <p>Output is decoded as UTF-8: the preamble of every PowerShell script makes PowerShell print
 * UTF-8. Legacy commands print in the server's OEM code page, which for the KB's commands on an
 * English system is ASCII; a caller that knows the code page decodes
 * {@link CommandResult#stdoutBytes()} itself.
 *
 * <p>Secrets are read from the {@link Credentials} only to hand them to the SSH library; they are
 * not logged and never appear in a message.
 */
public final class SshChannel implements IRemoteChannel {

    /** How often waiting loops look at the progress monitor and the clock. */
    private static final long SLICE_MILLIS = 50;
    /** The largest private key file read. */
    private static final long MAX_KEY_FILE_SIZE = 64 * 1024;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    /**
     * Host name lookups, each on a daemon thread of its own: the platform's lookup blocks without
     * a timeout, and one slow name must not hold up the others.
     */
    private static final ExecutorService LOOKUPS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "SSTP Doctor host name lookup");
        thread.setDaemon(true);
        return thread;
    });

    private final SshEndpoint endpoint;
    private final ClientSession session;

    private SshChannel(SshEndpoint endpoint, ClientSession session) {
        this.endpoint = endpoint;
        this.session = session;
    }

    /**
     * Opens an SSH channel to {@code endpoint}.
     *
     * @param credentials  the password (may be empty) and the private key's passphrase (may be
     *                     null); the caller keeps and closes them
     * @param identityFile an OpenSSH or PEM private key file to authenticate with, or null
     * @param confirmer    asked about a host key seen for the first time
     * @param monitor      cancellation; may be null
     * @throws RemoteException naming the server and the step that failed
     */
    public static SshChannel open(SshEndpoint endpoint, Credentials credentials, Path identityFile,
            IHostKeyConfirmer confirmer, RemoteSettings settings, IProgressMonitor monitor) throws RemoteException {
        IProgressMonitor progress = monitor == null ? new NullProgressMonitor() : monitor;
        String server = endpoint.server();
        char[] password = credentials.password();
        try {
            List<KeyPair> keys = identityFile == null ? List.of() : loadKeys(server, identityFile, credentials);
            if (keys.isEmpty() && password.length == 0) {
                throw new RemoteException(server, Step.AUTH, "no credentials to log in as \"" + endpoint.user()
                        + "\" with: store a password, or name a private key file (channel option identityFile)");
            }
            long connectDeadline = deadline(settings.connectTimeout());
            InetAddress[] addresses = resolve(server, endpoint.host(), settings.connectTimeout(), progress);
            KnownHosts knownHosts = new KnownHosts(settings.knownHostsFile());
            SshClient client = SshClients.shared(settings.keepAliveInterval());

            ConnectionState state = null;
            ClientSession session = null;
            Throwable lastFailure = null;
            for (InetAddress address : addresses) {
                state = new ConnectionState(knownHosts, endpoint.host(), endpoint.port());
                ConnectFuture connect = connect(client, endpoint, address, state, server);
                if (!await(connect, connectDeadline, progress, server)) {
                    connect.cancel();
                    throw new RemoteException(server, Step.CONNECT, "no TCP connection to " + address.getHostAddress()
                            + " port " + endpoint.port() + " within " + seconds(settings.connectTimeout()));
                }
                if (connect.isConnected()) {
                    session = connect.getClientSession();
                    break;
                }
                lastFailure = connect.getException();
            }
            if (session == null) {
                throw new RemoteException(server, Step.CONNECT, "could not connect to port " + endpoint.port() + " of "
                        + Arrays.stream(addresses).map(InetAddress::getHostAddress).toList() + ": "
                        + describe(lastFailure), lastFailure);
            }
            try {
                handshake(session, state, connectDeadline, settings, server, progress);
                confirmHostKey(session, state, knownHosts, endpoint, confirmer, server);
                authenticate(session, keys, password, endpoint, identityFile, settings, server, progress);
                return new SshChannel(endpoint, session);
            } catch (RemoteException | RuntimeException e) {
                session.close(true);
                throw e;
            }
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public String serverName() {
        return endpoint.server();
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.SSH;
    }

    /** Whether the session is still open. */
    public boolean isOpen() {
        return session.isOpen() && !session.isClosing();
    }

    @Override
    public CommandResult run(RemoteCommand command, IProgressMonitor monitor) throws RemoteException {
        IProgressMonitor progress = monitor == null ? new NullProgressMonitor() : monitor;
        String server = endpoint.server();
        if (!isOpen()) {
            throw new RemoteException(server, Step.COMMAND, "the SSH connection is closed, so " + command.id()
                    + " cannot run");
        }
        long start = System.nanoTime();
        long deadline = start + command.timeout().toNanos();
        CountDownLatch done = new CountDownLatch(1);
        CappedOutput output = new CappedOutput(command.outputCap(), done::countDown);
        ChannelExec exec;
        try {
            exec = session.createExecChannel(command.commandLine());
        } catch (IOException e) {
            throw new RemoteException(server, Step.COMMAND, "could not open an SSH channel for " + command.id() + ": "
                    + describe(e), e);
        }
        try {
            exec.setOut(output.stdout());
            exec.setErr(output.stderr());
            exec.addCloseFutureListener(future -> done.countDown());
            OpenFuture open = exec.open();
            if (!await(open, deadline, progress, server)) {
                throw timeout(server, command);
            }
            if (!open.isOpened()) {
                throw new RemoteException(server, Step.COMMAND, "the server refused to run " + command.id() + ": "
                        + describe(open.getException()), open.getException());
            }
            try {
                exec.getInvertedIn().close(); // nothing to send: end of input, so nothing waits for it
            } catch (IOException e) {
                // the command ended and its channel closed first: what it returned decides below
            }
            while (!done.await(Math.min(SLICE_MILLIS, millisLeft(deadline)), TimeUnit.MILLISECONDS)) {
                if (progress.isCanceled()) {
                    throw new RemoteException(server, Step.CANCELLED, command.id() + " was cancelled after "
                            + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw timeout(server, command);
                }
            }
            boolean truncated = output.exceeded();
            Integer exitCode = truncated ? null : exec.getExitStatus();
            if (!truncated && exitCode == null && !isOpen()) {
                throw new RemoteException(server, Step.COMMAND, "the SSH connection closed while " + command.id()
                        + " ran");
            }
            return new CommandResult(command.id(), command.form(), exitCode, output.stdoutBytes(),
                    output.stderrBytes(), StandardCharsets.UTF_8, truncated, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new RemoteException(server, Step.COMMAND, command.id() + " failed: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException(server, Step.CANCELLED, command.id() + " was interrupted");
        } finally {
            exec.close(true);
        }
    }

    /** Ends the session, politely if the server answers within two seconds. */
    @Override
    public void close() {
        try {
            if (!session.close(false).await(CLOSE_GRACE)) {
                session.close(true);
            }
        } catch (IOException e) {
            session.close(true);
        }
    }

    private static ConnectFuture connect(SshClient client, SshEndpoint endpoint, InetAddress address,
            ConnectionState state, String server) throws RemoteException {
        try {
            return client.connect(endpoint.user(), new InetSocketAddress(address, endpoint.port()), state.context(),
                    null);
        } catch (IOException e) {
            throw new RemoteException(server, Step.CONNECT, "could not start connecting: " + describe(e), e);
        }
    }

    /** Waits for the key exchange, which includes the host key check. */
    private static void handshake(ClientSession session, ConnectionState state, long deadline, RemoteSettings settings,
            String server, IProgressMonitor progress) throws RemoteException {
        Set<ClientSessionEvent> wanted = EnumSet.of(ClientSessionEvent.WAIT_AUTH, ClientSessionEvent.CLOSED);
        while (true) {
            Set<ClientSessionEvent> events = session.waitFor(wanted, Math.min(SLICE_MILLIS, millisLeft(deadline)));
            if (events.contains(ClientSessionEvent.CLOSED)) {
                throw handshakeFailure(session, state, server);
            }
            if (events.contains(ClientSessionEvent.WAIT_AUTH)) {
                return;
            }
            checkCancelled(progress, server, "while connecting");
            if (System.nanoTime() - deadline >= 0) {
                throw new RemoteException(server, Step.CONNECT, "the server accepted the TCP connection but did not "
                        + "complete the SSH handshake within " + seconds(settings.connectTimeout())
                        + (session.getServerVersion() == null ? " (it sent no SSH greeting: is this port an SSH server?)"
                                : ""));
            }
        }
    }

    private static RemoteException handshakeFailure(ClientSession session, ConnectionState state, String server) {
        KnownHosts.Verdict verdict = state.verdict();
        PublicKey presented = state.presentedKey();
        if (state.knownHostsFailure() != null) {
            return new RemoteException(server, Step.HOST_KEY, "the known-hosts file could not be read, so the "
                    + "server's host key cannot be checked: " + describe(state.knownHostsFailure()),
                    state.knownHostsFailure());
        }
        if (verdict != null && verdict.status() == KnownHosts.Status.CHANGED) {
            List<String> old = new ArrayList<>();
            for (PublicKey key : verdict.knownKeys()) {
                old.add(KnownHosts.keyType(key) + " " + KnownHosts.fingerprint(key));
            }
            return new RemoteException(server, Step.HOST_KEY, "the server's host key has CHANGED. SSTP Doctor knows "
                    + String.join(", ", old) + "; the server now presents " + KnownHosts.keyType(presented) + " "
                    + KnownHosts.fingerprint(presented) + ". Someone may be intercepting the connection, or the "
                    + "server was reinstalled. Check the key on the server itself; only if it really changed, remove "
                    + "the old key from SSTP Doctor's known hosts and connect again. Connection refused.");
        }
        if (verdict != null && verdict.status() == KnownHosts.Status.REVOKED) {
            return new RemoteException(server, Step.HOST_KEY, "the server presents the host key "
                    + KnownHosts.keyType(presented) + " " + KnownHosts.fingerprint(presented)
                    + ", which is marked @revoked in SSTP Doctor's known hosts. Connection refused.");
        }
        Throwable failure = state.failure();
        return new RemoteException(server, Step.CONNECT, "the SSH handshake failed"
                + (session.getServerVersion() == null ? " before the server sent an SSH greeting" : "")
                + (failure == null ? "" : ": " + describe(failure)), failure);
    }

    /** Asks about an unknown host key, after the handshake and before any credential is sent. */
    private static void confirmHostKey(ClientSession session, ConnectionState state, KnownHosts knownHosts,
            SshEndpoint endpoint, IHostKeyConfirmer confirmer, String server) throws RemoteException {
        KnownHosts.Verdict verdict = state.verdict();
        PublicKey key = state.presentedKey();
        if (verdict != null && verdict.status() == KnownHosts.Status.TRUSTED) {
            return;
        }
        if (verdict == null || key == null || verdict.status() != KnownHosts.Status.UNKNOWN) {
            throw handshakeFailure(session, state, server);
        }
        HostKeyInfo info = new HostKeyInfo(server, endpoint.host(), endpoint.port(), KnownHosts.keyType(key),
                KnownHosts.fingerprint(key), knownHosts.file());
        boolean trusted;
        try {
            trusted = confirmer.trustNewHostKey(info);
        } catch (RuntimeException e) {
            throw new RemoteException(server, Step.HOST_KEY, "asking whether to trust the host key "
                    + info.fingerprint() + " failed: " + describe(e), e);
        }
        if (!trusted) {
            throw new RemoteException(server, Step.HOST_KEY, "the server's host key " + info.keyType() + " "
                    + info.fingerprint() + " is not known and was not confirmed. Compare it with the key on the "
                    + "server and trust it to connect.");
        }
        try {
            knownHosts.add(endpoint.host(), endpoint.port(), key);
        } catch (IOException e) {
            throw new RemoteException(server, Step.HOST_KEY, "the confirmed host key could not be stored in "
                    + knownHosts.file() + ": " + describe(e), e);
        }
        ILog.of(SshChannel.class).info("Trusted the " + info.keyType() + " host key " + info.fingerprint() + " of "
                + server + " as confirmed, and stored it in " + knownHosts.file());
    }

    private static void authenticate(ClientSession session, List<KeyPair> keys, char[] password, SshEndpoint endpoint,
            Path identityFile, RemoteSettings settings, String server, IProgressMonitor progress)
            throws RemoteException {
        keys.forEach(session::addPublicKeyIdentity);
        if (password.length > 0) {
            session.addPasswordIdentity(new String(password)); // the SSH library takes a String
        }
        List<String> offered = new ArrayList<>();
        if (!keys.isEmpty()) {
            offered.add("the private key " + identityFile);
        }
        if (password.length > 0) {
            offered.add("the password");
        }
        AuthFuture auth;
        try {
            auth = session.auth();
        } catch (IOException e) {
            throw new RemoteException(server, Step.AUTH, "authentication could not start: " + describe(e), e);
        }
        if (!await(auth, deadline(settings.authTimeout()), progress, server)) {
            throw new RemoteException(server, Step.AUTH, "the server did not finish authenticating \"" + endpoint.user()
                    + "\" within " + seconds(settings.authTimeout()));
        }
        if (!auth.isSuccess()) {
            throw new RemoteException(server, Step.AUTH, "the server refused " + String.join(" and ", offered)
                    + " for user \"" + endpoint.user() + "\"", auth.getException());
        }
    }

    /** The key pairs in {@code file}, decrypted with the stored passphrase when there is one. */
    private static List<KeyPair> loadKeys(String server, Path file, Credentials credentials) throws RemoteException {
        if (!file.isAbsolute()) {
            throw new RemoteException(server, Step.AUTH, "the private key file must be named by an absolute path: "
                    + file);
        }
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_KEY_FILE_SIZE) {
                throw new RemoteException(server, Step.AUTH, "the private key file " + file + " is larger than "
                        + MAX_KEY_FILE_SIZE / 1024 + " KiB: not a private key");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new RemoteException(server, Step.AUTH, "the private key file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new RemoteException(server, Step.AUTH, "the private key file " + file + " could not be read: "
                    + describe(e), e);
        }
        boolean hasPassphrase = credentials.hasPassphrase();
        FilePasswordProvider passphrase = (session, resource, retry) -> {
            char[] secret = credentials.passphrase();
            if (secret == null || retry > 0) {
                return null;
            }
            try {
                return new String(secret); // the SSH library takes a String
            } finally {
                Arrays.fill(secret, '\0');
            }
        };
        List<KeyPair> keys = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, new PathResource(file), in, passphrase);
            if (loaded != null) {
                loaded.forEach(keys::add);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new RemoteException(server, Step.AUTH, "the private key file " + file + " could not be used: "
                    + (hasPassphrase ? "the stored passphrase does not decrypt it, or it is not an OpenSSH or PEM "
                            + "private key of a supported type"
                            : "it is encrypted and no passphrase is stored, or it is not an OpenSSH or PEM private "
                                    + "key of a supported type")
                    + " (" + e.getClass().getSimpleName() + ")", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        if (keys.isEmpty()) {
            throw new RemoteException(server, Step.AUTH, "the file " + file + " holds no private key");
        }
        return keys;
    }

    /** Resolves {@code host}, in a thread of its own since the platform's lookup has no timeout. */
    private static InetAddress[] resolve(String server, String host, Duration timeout, IProgressMonitor progress)
            throws RemoteException {
        Future<InetAddress[]> lookup = LOOKUPS.submit(() -> InetAddress.getAllByName(host));
        long deadline = deadline(timeout);
        while (true) {
            try {
                return lookup.get(Math.min(SLICE_MILLIS, millisLeft(deadline)), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (progress.isCanceled()) {
                    lookup.cancel(true);
                    throw new RemoteException(server, Step.CANCELLED, "cancelled while looking up " + host);
                }
                if (System.nanoTime() - deadline >= 0) {
                    lookup.cancel(true);
                    throw new RemoteException(server, Step.DNS, "no answer for \"" + host + "\" within "
                            + seconds(timeout));
                }
            } catch (ExecutionException e) {
                throw new RemoteException(server, Step.DNS, "\"" + host + "\" could not be resolved: "
                        + describe(e.getCause()), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RemoteException(server, Step.CANCELLED, "interrupted while looking up " + host);
            }
        }
    }

    /** Waits for {@code future} until {@code deadline}; false when the time ran out. */
    private static boolean await(WaitableFuture future, long deadline, IProgressMonitor progress, String server)
            throws RemoteException {
        while (true) {
            try {
                if (future.await(Math.min(SLICE_MILLIS, millisLeft(deadline)))) {
                    return true;
                }
            } catch (IOException e) { // interrupted
                Thread.currentThread().interrupt();
                throw new RemoteException(server, Step.CANCELLED, "interrupted", e);
            }
            checkCancelled(progress, server, "while connecting");
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
        }
    }

    private static void checkCancelled(IProgressMonitor progress, String server, String when) throws RemoteException {
        if (progress.isCanceled()) {
            throw new RemoteException(server, Step.CANCELLED, "cancelled " + when);
        }
    }

    private static RemoteException timeout(String server, RemoteCommand command) {
        return new RemoteException(server, Step.TIMEOUT, command.id() + " did not finish within "
                + seconds(command.timeout()) + "; it was stopped");
    }

    private static long deadline(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }

    /** Milliseconds to the deadline, at least 1 so that a wait never means "forever". */
    private static long millisLeft(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** A failure's message for a user: the exception's message, or its class when it has none. */
    private static String describe(Throwable failure) {
        if (failure == null) {
            return "no reason given";
        }
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}
