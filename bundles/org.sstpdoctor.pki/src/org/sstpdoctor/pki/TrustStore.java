package org.sstpdoctor.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import org.sstpdoctor.pki.CertificateFormatException.Reason;
import org.sstpdoctor.pki.internal.Hex;

/**
 * The roots a client trusts. The clients' trust is not the administrator's, so this is always
 * chosen, never taken from the JVM running SSTP Doctor: the JDK's {@code cacerts} (a stand-in for
 * a client with the usual public roots), a file (a PEM, DER or P7B bundle, or a Java keystore /
 * PKCS#12 trust store), a folder of root certificates (the company's roots as the clients get them
 * by Group Policy), or certificates given in code.
 * <p>
 * Every certificate in it is a trust anchor, as in the Windows Trusted Root store; a self-signed
 * server certificate installed there is trusted too. Immutable and thread-safe.
 */
public final class TrustStore {

    /** Where the roots come from. */
    public enum Kind {
        JDK_CACERTS, FILE, FOLDER, CERTIFICATES
    }

    private final Kind kind;
    private final String description;
    private final List<X509Certificate> certificates;
    private final Set<TrustAnchor> anchors;
    private final Map<X500Principal, List<X509Certificate>> bySubject;
    private final List<String> skipped;

    private TrustStore(Kind kind, String description, Collection<X509Certificate> roots, List<String> skipped) {
        this.kind = kind;
        this.description = description;
        Map<String, X509Certificate> unique = new LinkedHashMap<>();
        for (X509Certificate c : roots) {
            try {
                unique.putIfAbsent(Hex.upper(c.getEncoded()), c);
            } catch (java.security.cert.CertificateEncodingException e) {
                skipped.add("a certificate that cannot be encoded: " + e.getMessage());
            }
        }
        this.certificates = List.copyOf(unique.values());
        Set<TrustAnchor> a = new LinkedHashSet<>();
        Map<X500Principal, List<X509Certificate>> s = new LinkedHashMap<>();
        for (X509Certificate c : certificates) {
            a.add(new TrustAnchor(c, null));
            s.computeIfAbsent(c.getSubjectX500Principal(), k -> new ArrayList<>()).add(c);
        }
        this.anchors = Collections.unmodifiableSet(a);
        s.replaceAll((k, v) -> List.copyOf(v));
        this.bySubject = Collections.unmodifiableMap(s);
        this.skipped = List.copyOf(skipped);
    }

    /** The given certificates as roots (may be none: a client that trusts nothing). */
    public static TrustStore of(String description, Collection<X509Certificate> roots) {
        return new TrustStore(Kind.CERTIFICATES, description, roots, new ArrayList<>());
    }

    /** The public roots of the Java runtime SSTP Doctor runs on ({@code lib/security/cacerts}). */
    public static TrustStore jdkCacerts() throws CertificateFormatException {
        Path file = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
        List<X509Certificate> roots = readKeyStore(file, CertificateFormat.JAVA_KEYSTORE, PasswordProvider.NONE);
        return new TrustStore(Kind.JDK_CACERTS, "Java runtime roots (" + file + ")", roots, new ArrayList<>());
    }

    /**
     * The roots in one file: PEM/DER/P7B certificates, or a PKCS#12 or Java keystore trust store
     * (whose password, if {@code passwords} gives none, is not needed to read certificates but
     * then its integrity is not checked).
     */
    public static TrustStore fromFile(Path file, PasswordProvider passwords) throws CertificateFormatException {
        byte[] head = head(file);
        CertificateFormat format = CertificateReader.detect(head);
        List<X509Certificate> roots;
        if (format == CertificateFormat.PKCS12 || format == CertificateFormat.JAVA_KEYSTORE) {
            roots = readKeyStore(file, format, passwords);
        } else {
            roots = new CertificateReader(passwords).read(file).certificates();
        }
        return new TrustStore(Kind.FILE, "roots in " + file, roots, new ArrayList<>());
    }

    /**
     * The roots in the files of a folder (not its sub-folders), each file in any format the
     * {@link CertificateReader} reads without a password. Files that are not certificates are
     * skipped and listed in {@link #skipped()}; a folder without any certificate is an error.
     */
    public static TrustStore fromFolder(Path folder) throws CertificateFormatException {
        String source = folder.toString();
        if (!Files.isDirectory(folder)) {
            throw new CertificateFormatException(source, CertificateFormat.UNKNOWN, Reason.UNREADABLE,
                    "is not a folder");
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder)) {
            for (Path p : dir) {
                if (Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            throw new CertificateFormatException(source, CertificateFormat.UNKNOWN, Reason.UNREADABLE,
                    "cannot be listed: " + e.getMessage(), e);
        }
        Collections.sort(files);
        CertificateReader reader = new CertificateReader();
        List<X509Certificate> roots = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path p : files) {
            try {
                roots.addAll(reader.read(p).certificates());
            } catch (CertificateFormatException e) {
                skipped.add(e.getMessage());
            }
        }
        if (roots.isEmpty()) {
            throw new CertificateFormatException(source, CertificateFormat.UNKNOWN, Reason.NO_CERTIFICATES,
                    "the folder holds no readable certificate (" + files.size() + " files"
                            + (skipped.isEmpty() ? "" : "; " + String.join("; ", skipped)) + ")");
        }
        return new TrustStore(Kind.FOLDER, "roots in folder " + folder, roots, skipped);
    }

    private static byte[] head(Path file) throws CertificateFormatException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(4096);
        } catch (IOException e) {
            throw new CertificateFormatException(file.toString(), CertificateFormat.UNKNOWN, Reason.UNREADABLE,
                    "cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> readKeyStore(Path file, CertificateFormat format, PasswordProvider passwords)
            throws CertificateFormatException {
        String source = file.toString();
        byte[] data;
        try {
            if (Files.size(file) > CertificateReader.DEFAULT_MAX_INPUT_BYTES) {
                throw new CertificateFormatException(source, format, Reason.TOO_LARGE,
                        "larger than " + CertificateReader.DEFAULT_MAX_INPUT_BYTES + " bytes");
            }
            data = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CertificateFormatException(source, format, Reason.UNREADABLE,
                    "cannot be read: " + e.getMessage(), e);
        }
        String type = format == CertificateFormat.PKCS12 ? "PKCS12"
                : (data.length > 0 && (data[0] & 0xFF) == 0xCE ? "JCEKS" : "JKS");
        char[] password = passwords == null ? null : passwords.password(source, format);
        try {
            KeyStore store = KeyStore.getInstance(type);
            store.load(new java.io.ByteArrayInputStream(data), password);
            List<X509Certificate> out = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                Certificate c = store.getCertificate(alias);
                if (c instanceof X509Certificate x) {
                    out.add(x);
                }
            }
            if (out.isEmpty()) {
                throw new CertificateFormatException(source, format,
                        password == null && format == CertificateFormat.PKCS12 ? Reason.PASSWORD_REQUIRED
                                : Reason.NO_CERTIFICATES,
                        password == null ? "no certificate is readable without the store's password"
                                : "the store holds no certificates");
            }
            return out;
        } catch (CertificateFormatException e) {
            throw e;
        } catch (IOException e) {
            boolean wrong = e.getCause() instanceof java.security.UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).contains("password");
            throw new CertificateFormatException(source, format, wrong ? Reason.WRONG_PASSWORD : Reason.MALFORMED,
                    wrong ? "the password is wrong" : "the trust store cannot be opened: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new CertificateFormatException(source, format, Reason.MALFORMED,
                    "the trust store cannot be opened: " + e, e);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    public Kind kind() {
        return kind;
    }

    /** Where the roots come from, for reports: e.g. {@code roots in folder C:\roots}. */
    public String description() {
        return description;
    }

    /** The trusted certificates, without duplicates. */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    /** The certificates as PKIX trust anchors. */
    public Set<TrustAnchor> anchors() {
        return anchors;
    }

    /** The trusted certificates whose subject is {@code subject}. */
    public List<X509Certificate> withSubject(X500Principal subject) {
        return bySubject.getOrDefault(subject, List.of());
    }

    /** Whether {@code certificate} itself is trusted. */
    public boolean contains(X509Certificate certificate) {
        for (X509Certificate c : withSubject(certificate.getSubjectX500Principal())) {
            if (c.equals(certificate)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return certificates.isEmpty();
    }

    /** Files of a folder that were not certificates, each with the reason. */
    public List<String> skipped() {
        return skipped;
    }

    @Override
    public String toString() {
        return description + " (" + certificates.size() + " certificates)";
    }
}
