package org.sstpdoctor.probe;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.sstpdoctor.pki.CertificateFormatException;
import org.sstpdoctor.pki.PasswordProvider;
import org.sstpdoctor.pki.TrustStore;

/**
 * Where the roots the VPN clients trust come from: a setting, because the clients' trust is not
 * the administrator's. The JDK's {@code cacerts} stands in for a client with the usual public
 * roots; a file (PEM, DER, P7B bundle, PKCS#12 or Java keystore) or a folder of root certificates
 * holds what the clients really get (the company's roots, deployed by Group Policy).
 * <p>
 * {@link #load()} reads the store and keeps it while the file or folder is unchanged, so that a
 * check of many servers reads it once.
 *
 * @param kind the source
 * @param path the file or folder; null for {@link Kind#JDK_CACERTS}
 */
public record ClientTrust(Kind kind, Path path) {

    /** The sources of the clients' roots. */
    public enum Kind {
        /** The public roots of the Java runtime SSTP Doctor runs on. */
        JDK_CACERTS,
        /** One file of roots. */
        FILE,
        /** A folder of root certificates, one or more per file. */
        FOLDER
    }

    private static final Map<ClientTrust, Loaded> CACHE = new ConcurrentHashMap<>();

    private record Loaded(String stamp, TrustStore store) {
    }

    public ClientTrust {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.JDK_CACERTS) != (path == null)) {
            throw new IllegalArgumentException(kind == Kind.JDK_CACERTS ? "the JDK's roots take no path"
                    : "a " + kind.name().toLowerCase(java.util.Locale.ROOT) + " of roots needs its path");
        }
    }

    /** The Java runtime's public roots. */
    public static ClientTrust jdkCacerts() {
        return new ClientTrust(Kind.JDK_CACERTS, null);
    }

    /** The roots in {@code file}. */
    public static ClientTrust file(Path file) {
        return new ClientTrust(Kind.FILE, file);
    }

    /** The roots in the files of {@code folder}. */
    public static ClientTrust folder(Path folder) {
        return new ClientTrust(Kind.FOLDER, folder);
    }

    /**
     * The trust store, read now or reused from an earlier read of the same, unchanged source.
     *
     * @throws CertificateFormatException when the source cannot be read or holds no certificate
     */
    public TrustStore load() throws CertificateFormatException {
        String stamp = stamp();
        Loaded cached = CACHE.get(this);
        if (cached != null && cached.stamp.equals(stamp)) {
            return cached.store;
        }
        TrustStore store = switch (kind) {
            case JDK_CACERTS -> TrustStore.jdkCacerts();
            case FILE -> TrustStore.fromFile(path, PasswordProvider.NONE);
            case FOLDER -> TrustStore.fromFolder(path);
        };
        if (store.isEmpty()) {
            throw new CertificateFormatException(toString(), org.sstpdoctor.pki.CertificateFormat.UNKNOWN,
                    CertificateFormatException.Reason.NO_CERTIFICATES, "holds no certificate a client could trust");
        }
        CACHE.put(this, new Loaded(stamp, store));
        return store;
    }

    /** What identifies the source's current content: sizes and modification times. */
    private String stamp() {
        Path p = kind == Kind.JDK_CACERTS ? Path.of(System.getProperty("java.home"), "lib", "security", "cacerts")
                : path;
        StringBuilder b = new StringBuilder(attributes(p));
        if (kind == Kind.FOLDER && Files.isDirectory(p)) {
            List<String> entries = new ArrayList<>();
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(p)) {
                for (Path f : dir) {
                    entries.add(f.getFileName() + "=" + attributes(f));
                    if (entries.size() > 10_000) {
                        break; // a folder this large is refused by the reader anyway
                    }
                }
            } catch (IOException e) {
                entries.add("unlistable:" + e.getMessage());
            }
            entries.sort(null);
            b.append(entries);
        }
        return b.toString();
    }

    private static String attributes(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return a.size() + "@" + a.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return "unreadable";
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case JDK_CACERTS -> "the Java runtime's public roots";
            case FILE -> "the roots in " + path;
            case FOLDER -> "the roots in the folder " + path;
        };
    }
}
