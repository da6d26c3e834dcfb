package org.sstpdoctor.remote.winrm;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The WinRM HTTPS certificates a person trusted, kept beside SSTP Doctor's SSH known-hosts file: one line per endpoint,
 * {@code host:port sha256-hex # subject}, the SHA-256 of the certificate's DER bytes. A host and port has at most one
 * trusted certificate; a different one is refused until its line is removed. Lines that cannot be read are ignored,
 * so they never make a certificate trusted. Changes are written to a temporary file that then replaces the file.
 */
public final class TrustedCertificates {

    /** The file's name, in the folder of the known-hosts file. */
    public static final String FILE_NAME = "winrm_certificates";

    private static final Pattern LINE = Pattern.compile("(\\S+):(\\d{1,5})\\s+([0-9a-f]{64})(\\s+#.*)?");
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private final Path file;

    /** The store in {@code file} (which need not exist yet). */
    public TrustedCertificates(Path file) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
    }

    /** The store beside an SSH known-hosts file. */
    public static TrustedCertificates besideKnownHosts(Path knownHostsFile) {
        return new TrustedCertificates(knownHostsFile.toAbsolutePath().resolveSibling(FILE_NAME));
    }

    public Path file() {
        return file;
    }

    private Object lock() {
        return LOCKS.computeIfAbsent(file, f -> new Object());
    }

    static String key(String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.indexOf(':') >= 0 && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return h + ":" + port;
    }

    /** The key of an endpoint URL. */
    static String key(URI endpoint) {
        return key(endpoint.getHost(), WinRmSettings.port(endpoint));
    }

    /** The SHA-256 (lower-case hex) trusted for {@code host:port}, if any. */
    public Optional<String> pinned(String host, int port) throws IOException {
        synchronized (lock()) {
            return Optional.ofNullable(read().get(key(host, port)));
        }
    }

    /** Trusts {@code certificate} for {@code host:port}, replacing what was trusted there before. */
    public void trust(String host, int port, X509Certificate certificate) throws IOException {
        String subject = certificate.getSubjectX500Principal().getName().replaceAll("[\\r\\n]", " ");
        synchronized (lock()) {
            Map<String, String[]> lines = readLines();
            lines.put(key(host, port), new String[] { CertificateInfo.sha256Hex(certificate), subject });
            StringBuilder text = new StringBuilder("# WinRM HTTPS certificates trusted in SSTP Doctor: host:port"
                    + " SHA-256 of the certificate. Remove a line to be asked again.\n");
            for (Map.Entry<String, String[]> e : lines.entrySet()) {
                text.append(e.getKey()).append(' ').append(e.getValue()[0]);
                if (!e.getValue()[1].isEmpty()) {
                    text.append(" # ").append(e.getValue()[1]);
                }
                text.append('\n');
            }
            write(text.toString());
        }
    }

    /**
     * The trust callback of a connection to {@code server}: shows the certificate to {@code confirmer} and, when it
     * is trusted, keeps it here before the connection goes on. A certificate that cannot be kept is not trusted.
     */
    public CertificateTrustCallback callback(String server, ICertificateTrustConfirmer confirmer) {
        Objects.requireNonNull(confirmer, "confirmer");
        return (endpoint, chain, problem) -> {
            String host = endpoint.getHost();
            int port = WinRmSettings.port(endpoint);
            CertificateInfo info = CertificateInfo.of(server, host, port, chain.get(0), problem, file);
            if (!confirmer.trustCertificate(info)) {
                return false;
            }
            try {
                trust(host, port, chain.get(0));
                return true;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("the trusted certificate could not be kept in " + file, e);
            }
        };
    }

    private Map<String, String> read() throws IOException {
        Map<String, String> pins = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : readLines().entrySet()) {
            pins.put(e.getKey(), e.getValue()[0]);
        }
        return pins;
    }

    private Map<String, String[]> readLines() throws IOException {
        Map<String, String[]> lines = new LinkedHashMap<>();
        List<String> text;
        try {
            if (Files.size(file) > 4L * 1024 * 1024) {
                throw new IOException(file + " is larger than 4 MiB: not a file SSTP Doctor wrote");
            }
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return lines;
        }
        for (String line : text) {
            var m = LINE.matcher(line.strip());
            if (m.matches()) {
                String comment = m.group(4) == null ? "" : m.group(4).strip().substring(1).strip();
                lines.put(m.group(1).toLowerCase(Locale.ROOT) + ":" + Integer.parseInt(m.group(2)),
                        new String[] { m.group(3), comment });
            }
        }
        return lines;
    }

    private void write(String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
