package org.sstpdoctor.lab.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.sstpdoctor.lab.CommandAnswer;
import org.sstpdoctor.lab.ICommandHost;

/**
 * The practice lab's SSH server: a real SSH server (Apache MINA SSHD) on loopback that hands every
 * exec request, as the exact text the client sent, to a simulated Windows server
 * ({@link ICommandHost}), as Windows' OpenSSH server hands it to cmd.exe. It takes password and
 * public-key authentication for one user, refuses interactive shells, forwarding and subsystems,
 * and limits authentication attempts, idle time and concurrent sessions.
 */
public final class LabSshServer implements AutoCloseable {

    /** Authentication requests a connection may make before it is closed. */
    static final int MAX_AUTH_REQUESTS = 6;
    /** Connections served at once; further ones are closed at once. */
    static final int MAX_SESSIONS = 16;
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);
    static final Duration AUTH_TIMEOUT = Duration.ofSeconds(30);
    /** How long a command may take before the host is asked to give up. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    static final String SHELL_REFUSED = "This simulated server accepts commands only (ssh host command);"
            + " interactive shells are not available.\r\n";

    private final SshServer sshd;
    private final PublicKey hostKey;
    private final char[] password;

    private LabSshServer(SshServer sshd, PublicKey hostKey, char[] password) {
        this.sshd = sshd;
        this.hostKey = hostKey;
        this.password = password;
    }

    /**
     * Starts a server on 127.0.0.1 on an ephemeral port.
     *
     * @param host           answers the commands
     * @param hostKeyFile    the server's private host key (OpenSSH format); loaded when it exists,
     *                       otherwise a new ECDSA P-256 key is created there atomically
     * @param user           the one user that may log in (compared without regard to case, as
     *                       Windows does)
     * @param password       that user's password (copied; the caller may clear its array), or null
     *                       for public-key authentication only
     * @param authorizedKeys the public keys that log in as {@code user}; may be empty
     * @return the running server
     * @throws IOException when the host key cannot be read or written or the port cannot be bound
     */
    public static LabSshServer start(ICommandHost host, Path hostKeyFile, String user, char[] password,
            Collection<PublicKey> authorizedKeys) throws IOException {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        List<PublicKey> keys = List.copyOf(authorizedKeys);
        KeyPair key = hostKey(hostKeyFile);
        char[] secret = password == null ? null : password.clone();
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(key));
        CoreModuleProperties.MAX_AUTH_REQUESTS.set(sshd, MAX_AUTH_REQUESTS);
        CoreModuleProperties.AUTH_TIMEOUT.set(sshd, AUTH_TIMEOUT);
        CoreModuleProperties.IDLE_TIMEOUT.set(sshd, IDLE_TIMEOUT);
        CoreModuleProperties.MAX_CONCURRENT_SESSIONS.set(sshd, MAX_SESSIONS);
        CoreModuleProperties.MAX_CONCURRENT_CHANNELS.set(sshd, 8);
        sshd.setPasswordAuthenticator(secret == null ? null
                : (name, given, session) -> sameUser(user, name) & samePassword(secret, given));
        sshd.setPublickeyAuthenticator((name, given, session) -> {
            boolean known = false;
            for (PublicKey k : keys) {
                known |= KeyUtils.compareKeys(k, given);
            }
            return sameUser(user, name) && known;
        });
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setGSSAuthenticator(null);
        sshd.setHostBasedAuthenticator(null);
        sshd.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        sshd.setSubsystemFactories(List.of());
        sshd.setShellFactory(channel -> new HostCommand(null, host));
        sshd.setCommandFactory((channel, commandLine) -> new HostCommand(commandLine, host));
        AtomicInteger sessions = new AtomicInteger();
        sshd.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                if (sessions.incrementAndGet() > MAX_SESSIONS) {
                    session.close(true);
                }
            }

            @Override
            public void sessionClosed(Session session) {
                sessions.decrementAndGet();
            }
        });
        sshd.start();
        return new LabSshServer(sshd, key.getPublic(), secret);
    }

    /** The port the server listens on (on 127.0.0.1). */
    public int port() {
        return sshd.getPort();
    }

    /** The server's public host key, for a known_hosts entry. */
    public PublicKey hostKey() {
        return hostKey;
    }

    /** Stops the server and closes every session. */
    @Override
    public void close() {
        try {
            sshd.stop(true);
        } catch (IOException e) {
            // stopping a server on loopback does not fail in a way anyone can act on
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private static boolean sameUser(String expected, String given) {
        return given != null && expected.toLowerCase(Locale.ROOT).equals(given.toLowerCase(Locale.ROOT));
    }

    /** Compares in time independent of where the texts differ. */
    private static boolean samePassword(char[] expected, String given) {
        if (given == null) {
            return false;
        }
        byte[] a = utf8(CharBuffer.wrap(expected));
        byte[] b = utf8(CharBuffer.wrap(given));
        try {
            return MessageDigest.isEqual(a, b);
        } finally {
            Arrays.fill(a, (byte) 0);
            Arrays.fill(b, (byte) 0);
        }
    }

    private static byte[] utf8(CharBuffer chars) {
        ByteBuffer buffer = StandardCharsets.UTF_8.encode(chars);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
        return bytes;
    }

    /** Loads the host key, or creates one and writes it atomically. */
    private static KeyPair hostKey(Path file) throws IOException {
        return loadOrCreateKey(file);
    }

    /**
     * The ECDSA P-256 key pair in {@code file} (OpenSSH format, no passphrase), created and written
     * atomically, readable by its owner only, when the file does not exist.
     */
    public static KeyPair loadOrCreateKey(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (Files.exists(file)) {
            Iterator<KeyPair> keys = new FileKeyPairProvider(file).loadKeys(null).iterator();
            if (!keys.hasNext()) {
                throw new IOException("no SSH host key in " + file);
            }
            return keys.next();
        }
        KeyPair key;
        byte[] encoded;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            key = generator.generateKeyPair();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "sstpdoctor-lab (simulated)", null, out);
            encoded = out.toByteArray();
        } catch (GeneralSecurityException e) {
            throw new IOException("could not create an SSH host key: " + e.getMessage(), e);
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
        try {
            Files.write(temp, encoded);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return key;
    }

    /**
     * An exec request answered by the host, or (for a null command line) a shell request answered
     * with a polite refusal.
     */
    private static final class HostCommand implements Command {

        private final String commandLine;
        private final ICommandHost host;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private volatile Thread worker;

        HostCommand(String commandLine, ICommandHost host) {
            this.commandLine = commandLine;
            this.host = host;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            exit = callback;
        }

        @Override
        public void setInputStream(InputStream in) {
            // the simulated commands read no input
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void start(ChannelSession channel, Environment environment) {
            worker = Thread.ofVirtual().name("lab ssh command").start(this::run);
        }

        private void run() {
            if (commandLine == null) {
                write(err, SHELL_REFUSED);
                exit.onExit(1, "interactive shells are not available");
                return;
            }
            CommandAnswer answer;
            try {
                answer = host.run(commandLine, COMMAND_TIMEOUT);
            } catch (RuntimeException e) {
                answer = CommandAnswer.failed(1, host.name() + ": the command failed: " + e + "\r\n");
            }
            write(out, answer.stdout());
            write(err, answer.stderr());
            exit.onExit(answer.exitCode());
        }

        private static void write(OutputStream stream, String text) {
            if (text.isEmpty()) {
                return;
            }
            try {
                stream.write(text.getBytes(StandardCharsets.UTF_8));
                stream.flush();
            } catch (IOException e) {
                // the client went away: nothing left to tell it
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
            Thread t = worker;
            if (t != null) {
                t.interrupt();
            }
        }
    }
}
