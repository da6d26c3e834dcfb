package org.sstpdoctor.remote.ssh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.sshd.client.config.hosts.HostPatternsHolder;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.digest.BuiltinDigests;

/**
 * SSTP Doctor's own known-hosts file, in OpenSSH's format: one line per trusted key,
 * {@code host keytype base64} for port 22 and {@code [host]:port keytype base64} for any other.
 * Lines SSTP Doctor did not write are read too (hashed host names, patterns, {@code @revoked});
 * lines it cannot read are ignored, so they never make a key trusted. It is never the user's
 * {@code ~/.ssh/known_hosts}.
 *
 * <p>Changes are written to a temporary file that then replaces the file, so a crash leaves the
 * old or the new file, never a torn one. Threads of one SSTP Doctor share a lock per file.
 */
public final class KnownHosts {

    /** What the file says about a host's key. */
    public enum Status {
        /** The key is on file for this host and port. */
        TRUSTED,
        /** No usable key is on file for this host and port. */
        UNKNOWN,
        /** Other keys are on file for this host and port, and not this one. */
        CHANGED,
        /** The key is marked {@code @revoked}. */
        REVOKED
    }

    /**
     * @param status    the verdict
     * @param knownKeys the keys on file for the host and port (not revoked ones)
     */
    public record Verdict(Status status, List<PublicKey> knownKeys) {

        public Verdict {
            knownKeys = List.copyOf(knownKeys);
        }
    }

    /** The largest file read: far above any real one, to bound what a corrupt file costs. */
    private static final long MAX_FILE_SIZE = 4L << 20;
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private final Path file;

    /** The known hosts kept in {@code file}, which need not exist yet. */
    public KnownHosts(Path file) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** What the file says about {@code key} presented by {@code host} on {@code port}. */
    public Verdict check(String host, int port, PublicKey key) throws IOException {
        List<PublicKey> known = new ArrayList<>();
        boolean trusted = false;
        synchronized (lock()) {
            for (KnownHostEntry entry : entries()) {
                if (!entry.isHostMatch(host, port)) {
                    continue;
                }
                PublicKey onFile = resolve(entry);
                if (onFile == null) {
                    continue;
                }
                String marker = entry.getMarker();
                if ("revoked".equals(marker)) {
                    if (KeyUtils.compareKeys(onFile, key)) {
                        return new Verdict(Status.REVOKED, List.of(onFile));
                    }
                } else if (marker == null) {
                    known.add(onFile);
                    trusted |= KeyUtils.compareKeys(onFile, key);
                }
            }
        }
        Status status = trusted ? Status.TRUSTED : known.isEmpty() ? Status.UNKNOWN : Status.CHANGED;
        return new Verdict(status, known);
    }

    /** Adds {@code key} as trusted for {@code host} on {@code port}, creating the file when needed. */
    public void add(String host, int port, PublicKey key) throws IOException {
        String line = hostPattern(host, port) + " " + PublicKeyEntry.toString(key);
        synchronized (lock()) {
            String content = read();
            if (!content.isEmpty() && !content.endsWith("\n")) {
                content += "\n";
            }
            write(content + line + "\n");
        }
    }

    /**
     * Removes the lines SSTP Doctor wrote for {@code host} on {@code port}, so that a key the
     * server's administrator has really changed can be trusted anew.
     *
     * @return how many lines were removed
     */
    public int remove(String host, int port) throws IOException {
        String pattern = hostPattern(host, port);
        synchronized (lock()) {
            StringBuilder kept = new StringBuilder();
            int removed = 0;
            for (String line : read().split("\n", -1)) {
                if (line.startsWith(pattern + " ")) {
                    removed++;
                } else if (!line.isEmpty()) {
                    kept.append(line).append('\n');
                }
            }
            if (removed > 0) {
                write(kept.toString());
            }
            return removed;
        }
    }

    /** The SHA-256 fingerprint of {@code key} as OpenSSH prints it: {@code SHA256:} and unpadded base64. */
    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    /** The SSH type of {@code key}, e.g. {@code ssh-ed25519}. */
    public static String keyType(PublicKey key) {
        return KeyUtils.getKeyType(key);
    }

    /** The host pattern of a line for {@code host} and {@code port}: {@code host} or {@code [host]:port}. */
    static String hostPattern(String host, int port) {
        String name = Objects.requireNonNull(host, "host").toLowerCase(Locale.ROOT);
        if (name.isEmpty() || !name.chars().allMatch(c -> (c < 0x80 && Character.isLetterOrDigit(c)) || c == '-'
                || c == '.' || c == ':' || c == '_')) {
            throw new IllegalArgumentException("not a host name or address: \"" + host + "\"");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return port == 22 ? name
                : HostPatternsHolder.NON_STANDARD_PORT_PATTERN_ENCLOSURE_START_DELIM + name
                        + HostPatternsHolder.NON_STANDARD_PORT_PATTERN_ENCLOSURE_END_DELIM
                        + HostPatternsHolder.PORT_VALUE_DELIMITER + port;
    }

    private List<KnownHostEntry> entries() throws IOException {
        List<KnownHostEntry> entries = new ArrayList<>();
        for (String line : read().split("\n")) {
            try {
                KnownHostEntry entry = KnownHostEntry.parseKnownHostEntry(line.strip());
                if (entry != null) {
                    entries.add(entry);
                }
            } catch (RuntimeException e) {
                // a line that cannot be read trusts nothing
            }
        }
        return entries;
    }

    private static PublicKey resolve(KnownHostEntry entry) {
        try {
            return entry.getKeyEntry().resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.IGNORING);
        } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
            return null; // a key of a type this runtime cannot read trusts nothing
        }
    }

    private String read() throws IOException {
        try {
            if (Files.size(file) > MAX_FILE_SIZE) {
                throw new IOException("the known-hosts file " + file + " is larger than " + (MAX_FILE_SIZE >> 20)
                        + " MiB, so it is not read");
            }
            return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    private void write(String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private Object lock() {
        return LOCKS.computeIfAbsent(file, f -> new Object());
    }
}
