package org.sstpdoctor.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.sstpdoctor.pki.CertificateFormatException.Reason;
import org.sstpdoctor.pki.internal.Der;
import org.sstpdoctor.pki.internal.Hex;
import org.sstpdoctor.pki.internal.PemBlocks;
import org.sstpdoctor.pki.internal.X509;

/**
 * Reads certificates from PEM (one or many, with any text or other PEM blocks around them), DER,
 * PKCS#7/P7B (binary or PEM), PKCS#12/PFX and Java keystores, telling the format from the bytes;
 * and takes the certificates a TLS server presented.
 * <p>
 * Anything that is not a readable certificate ends in a {@link CertificateFormatException} that
 * names the source, the format tried and the reason; input larger than a limit (10 MiB unless
 * changed) is refused before it is parsed. Passwords come from the caller's
 * {@link PasswordProvider}, asked only when a file turns out to need one. Instances are immutable
 * and can be shared between threads.
 */
public final class CertificateReader {

    /** The default limit on input: 10 MiB. */
    public static final long DEFAULT_MAX_INPUT_BYTES = 10L * 1024 * 1024;

    private static final int JKS_MAGIC = 0xFEEDFEED;
    private static final int JCEKS_MAGIC = 0xCECECECE;

    private final PasswordProvider passwords;
    private final long maxInputBytes;

    /** A reader that asks no passwords (protected files fail with {@code PASSWORD_REQUIRED}). */
    public CertificateReader() {
        this(PasswordProvider.NONE);
    }

    /** A reader that asks {@code passwords} for the password of protected files. */
    public CertificateReader(PasswordProvider passwords) {
        this(passwords, DEFAULT_MAX_INPUT_BYTES);
    }

    private CertificateReader(PasswordProvider passwords, long maxInputBytes) {
        this.passwords = passwords == null ? PasswordProvider.NONE : passwords;
        this.maxInputBytes = maxInputBytes;
    }

    /** This reader with another input limit. */
    public CertificateReader withMaxInputBytes(long max) {
        if (max <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + max);
        }
        return new CertificateReader(passwords, max);
    }

    public long maxInputBytes() {
        return maxInputBytes;
    }

    /** Reads a file, telling its format from its content. */
    public LoadedCertificates read(Path file) throws CertificateFormatException {
        String source = file.toString();
        try {
            long size = Files.size(file);
            if (size > maxInputBytes) {
                throw tooLarge(source, size);
            }
            try (InputStream in = Files.newInputStream(file)) {
                return read(in, source);
            }
        } catch (NoSuchFileException e) {
            throw new CertificateFormatException(source, CertificateFormat.UNKNOWN, Reason.UNREADABLE,
                    "no such file", e);
        } catch (IOException e) {
            throw new CertificateFormatException(source, CertificateFormat.UNKNOWN, Reason.UNREADABLE,
                    "cannot be read: " + e.getMessage(), e);
        }
    }

    /** Reads a stream to its end (at most the limit, then it stops), telling the format from the content. */
    public LoadedCertificates read(InputStream in, String source) throws CertificateFormatException {
        byte[] data;
        try {
            data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxInputBytes + 1));
        } catch (IOException e) {
            throw new CertificateFormatException(source, CertificateFormat.UNKNOWN, Reason.UNREADABLE,
                    "cannot be read: " + e.getMessage(), e);
        }
        if (data.length > maxInputBytes) {
            throw tooLarge(source, -1);
        }
        return read(data, source);
    }

    /** Reads bytes, telling the format from the content. */
    public LoadedCertificates read(byte[] data, String source) throws CertificateFormatException {
        checkSize(data, source);
        if (Der.onlyWhitespaceFrom(data, 0)) {
            throw new CertificateFormatException(source, CertificateFormat.UNKNOWN, Reason.EMPTY,
                    "the input is empty");
        }
        CertificateFormat format = detect(data);
        if (format == CertificateFormat.UNKNOWN) {
            String text = text(data);
            if (PemBlocks.looksLikeBareBase64(text)) {
                byte[] decoded;
                try {
                    decoded = java.util.Base64.getMimeDecoder().decode(text.strip());
                } catch (IllegalArgumentException e) {
                    throw new CertificateFormatException(source, CertificateFormat.UNKNOWN, Reason.MALFORMED,
                            "looks like base-64 text without PEM armour but does not decode: " + e.getMessage(), e);
                }
                CertificateFormat inner = detect(decoded);
                if (inner == CertificateFormat.DER || inner == CertificateFormat.PKCS7_DER
                        || inner == CertificateFormat.PKCS12) {
                    return read(decoded, source, inner);
                }
            }
            throw new CertificateFormatException(source, CertificateFormat.UNKNOWN, Reason.UNRECOGNIZED,
                    "not a certificate in any known format (PEM, DER, PKCS#7, PKCS#12, Java keystore); it starts with "
                            + Hex.preview(data, 16));
        }
        return read(data, source, format);
    }

    /** Reads bytes as {@code format}. */
    public LoadedCertificates read(byte[] data, String source, CertificateFormat format)
            throws CertificateFormatException {
        checkSize(data, source);
        try {
            return switch (format) {
            case PEM, PKCS7_PEM -> readPem(data, source);
            case DER -> new LoadedCertificates(source, CertificateFormat.DER, readDerCertificates(data, source),
                    List.of(), false);
            case PKCS7_DER -> new LoadedCertificates(source, CertificateFormat.PKCS7_DER,
                    readPkcs7(data, source, CertificateFormat.PKCS7_DER, ""), List.of(), false);
            case PKCS12 -> readKeyStore(data, source, CertificateFormat.PKCS12, "PKCS12");
            case JAVA_KEYSTORE -> readKeyStore(data, source, CertificateFormat.JAVA_KEYSTORE,
                    ByteBufferInt.of(data) == JCEKS_MAGIC ? "JCEKS" : "JKS");
            case TLS_HANDSHAKE, UNKNOWN -> throw new IllegalArgumentException("cannot read bytes as " + format);
            };
        } catch (RuntimeException e) {
            // Parsers of hostile input throw all kinds of runtime exceptions: never let one escape.
            throw new CertificateFormatException(source, format, Reason.MALFORMED,
                    "the data is malformed (" + e + ")", e);
        }
    }

    /**
     * The format of {@code data} judged from its first bytes, {@link CertificateFormat#UNKNOWN}
     * when it is none the reader knows. PEM text holding a PKCS#7 block reports
     * {@link CertificateFormat#PEM}: the reader reads both the same way.
     */
    public static CertificateFormat detect(byte[] data) {
        int start = startAfterBom(data);
        if (data.length - start >= 4) {
            int magic = ByteBufferInt.of(data);
            if (magic == JKS_MAGIC || magic == JCEKS_MAGIC) {
                return CertificateFormat.JAVA_KEYSTORE;
            }
        }
        if (start < data.length && (data[start] & 0xFF) == Der.SEQUENCE && start == 0) {
            Der.Header outer = Der.header(data, 0);
            if (outer != null) {
                Der.Header inner = Der.header(data, outer.headerLength());
                if (inner != null) {
                    return switch (inner.tag()) {
                    case 0x02 -> CertificateFormat.PKCS12; // PFX: version INTEGER 3
                    case 0x06 -> CertificateFormat.PKCS7_DER; // ContentInfo: contentType OID
                    case 0x30 -> CertificateFormat.DER; // Certificate: tbsCertificate SEQUENCE
                    default -> CertificateFormat.UNKNOWN;
                    };
                }
            }
            return CertificateFormat.UNKNOWN;
        }
        return PemBlocks.looksLikePem(text(data)) ? CertificateFormat.PEM : CertificateFormat.UNKNOWN;
    }

    /**
     * The certificates a TLS peer presented, leaf first, as {@code SSLSession.getPeerCertificates()}
     * gives them.
     */
    public static List<X509Certificate> fromHandshake(Certificate[] presented) throws CertificateFormatException {
        String source = "TLS handshake";
        if (presented == null || presented.length == 0) {
            throw new CertificateFormatException(source, CertificateFormat.TLS_HANDSHAKE, Reason.NO_CERTIFICATES,
                    "the server presented no certificate");
        }
        List<X509Certificate> out = new ArrayList<>(presented.length);
        for (int i = 0; i < presented.length; i++) {
            if (!(presented[i] instanceof X509Certificate x)) {
                throw new CertificateFormatException(source, CertificateFormat.TLS_HANDSHAKE, Reason.MALFORMED,
                        "certificate " + (i + 1) + " is not X.509 but "
                                + (presented[i] == null ? "missing" : presented[i].getType()));
            }
            out.add(x);
        }
        return Collections.unmodifiableList(out);
    }

    /** The certificates the peer of {@code session} presented, leaf first. */
    public static List<X509Certificate> fromSession(SSLSession session) throws CertificateFormatException {
        try {
            return fromHandshake(session.getPeerCertificates());
        } catch (SSLPeerUnverifiedException e) {
            throw new CertificateFormatException("TLS handshake", CertificateFormat.TLS_HANDSHAKE,
                    Reason.NO_CERTIFICATES, "the peer presented no certificate: " + e.getMessage(), e);
        }
    }

    // --- formats

    private LoadedCertificates readPem(byte[] data, String source) throws CertificateFormatException {
        List<PemBlocks.Block> blocks;
        try {
            blocks = PemBlocks.parse(text(data));
        } catch (PemBlocks.PemSyntaxException e) {
            throw new CertificateFormatException(source, CertificateFormat.PEM, Reason.TRUNCATED, e.getMessage(), e);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        boolean pkcs7 = false;
        boolean plain = false;
        for (int i = 0; i < blocks.size(); i++) {
            PemBlocks.Block block = blocks.get(i);
            String where = "PEM block " + (i + 1) + " (" + block.label() + ", line " + block.line() + ")";
            switch (block.label()) {
            case "CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE" -> {
                byte[] der = decode(block, where, source, CertificateFormat.PEM);
                // A TRUSTED CERTIFICATE is a certificate followed by OpenSSL's trust settings.
                boolean trailerAllowed = block.label().equals("TRUSTED CERTIFICATE");
                certificates.add(readOneDer(der, 0, where, source, CertificateFormat.PEM, trailerAllowed));
                plain = true;
            }
            case "PKCS7", "CMS", "PKCS #7 SIGNED DATA" -> {
                byte[] der = decode(block, where, source, CertificateFormat.PKCS7_PEM);
                certificates.addAll(readPkcs7(der, source, CertificateFormat.PKCS7_PEM, where + ": "));
                pkcs7 = true;
            }
            default -> ignored.add(where);
            }
        }
        CertificateFormat format = pkcs7 && !plain ? CertificateFormat.PKCS7_PEM : CertificateFormat.PEM;
        if (certificates.isEmpty()) {
            throw new CertificateFormatException(source, format, Reason.NO_CERTIFICATES, blocks.isEmpty()
                    ? "no complete PEM block was found"
                    : "none of its PEM blocks holds a certificate: " + String.join(", ", ignored));
        }
        return new LoadedCertificates(source, format, certificates, ignored, false);
    }

    private static byte[] decode(PemBlocks.Block block, String where, String source, CertificateFormat format)
            throws CertificateFormatException {
        try {
            byte[] der = block.decode();
            if (der.length == 0) {
                throw new CertificateFormatException(source, format, Reason.EMPTY, where + " is empty");
            }
            return der;
        } catch (IllegalArgumentException e) {
            throw new CertificateFormatException(source, format, Reason.MALFORMED,
                    where + " is not valid base 64: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> readDerCertificates(byte[] data, String source)
            throws CertificateFormatException {
        List<X509Certificate> out = new ArrayList<>();
        int offset = 0;
        while (offset < data.length && !Der.onlyWhitespaceFrom(data, offset)) {
            String where = out.isEmpty() && offset == 0 ? "the certificate" : "certificate " + (out.size() + 1);
            Der.Header h = Der.header(data, offset);
            if (h == null || h.tag() != Der.SEQUENCE || h.length() < 0) {
                if (out.isEmpty()) {
                    throw new CertificateFormatException(source, CertificateFormat.DER, Reason.MALFORMED,
                            "does not start with a DER SEQUENCE");
                }
                throw new CertificateFormatException(source, CertificateFormat.DER, Reason.MALFORMED,
                        (data.length - offset) + " unexpected bytes after certificate " + out.size());
            }
            out.add(readOneDer(data, offset, where, source, CertificateFormat.DER, false));
            offset = (int) h.end(offset);
        }
        return out;
    }

    /** One DER certificate at {@code offset}, with clear messages for truncation and look-alikes. */
    private static X509Certificate readOneDer(byte[] data, int offset, String where, String source,
            CertificateFormat format, boolean trailerAllowed) throws CertificateFormatException {
        Der.Header h = Der.header(data, offset);
        if (h == null || h.tag() != Der.SEQUENCE || h.length() < 0) {
            throw new CertificateFormatException(source, format, Reason.MALFORMED,
                    where + " does not start with a DER SEQUENCE (starts " + Hex.preview(
                            Arrays.copyOfRange(data, offset, Math.min(data.length, offset + 8)), 8) + ")");
        }
        long end = h.end(offset);
        if (end > data.length) {
            throw new CertificateFormatException(source, format, Reason.TRUNCATED, where + " declares "
                    + (end - offset) + " bytes but only " + (data.length - offset) + " are present (truncated)");
        }
        if (!trailerAllowed && format == CertificateFormat.PEM && end < data.length) {
            throw new CertificateFormatException(source, format, Reason.MALFORMED,
                    where + " has " + (data.length - end) + " unexpected bytes after the certificate");
        }
        byte[] der = Arrays.copyOfRange(data, offset, (int) end);
        try {
            return X509.certificate(der);
        } catch (CertificateException | RuntimeException e) {
            String what = lookAlike(der);
            if (what != null) {
                throw new CertificateFormatException(source, format, Reason.NO_CERTIFICATES,
                        where + " is " + what + ", not a certificate", e);
            }
            throw new CertificateFormatException(source, format, Reason.MALFORMED,
                    where + " is not a valid X.509 certificate: " + rootMessage(e), e);
        }
    }

    /** What a DER structure that is not a certificate is, when it is something well known. */
    private static String lookAlike(byte[] der) {
        try {
            X509.crl(der);
            return "a certificate revocation list (CRL)";
        } catch (Exception e) {
            // not a CRL
        }
        try {
            new PKCS10CertificationRequest(der);
            return "a certificate request (PKCS#10 CSR)";
        } catch (Exception e) {
            return null;
        }
    }

    private static List<X509Certificate> readPkcs7(byte[] data, String source, CertificateFormat format,
            String where) throws CertificateFormatException {
        Der.Header h = Der.header(data, 0);
        if (h == null || h.tag() != Der.SEQUENCE) {
            throw new CertificateFormatException(source, format, Reason.MALFORMED,
                    where + "does not start with a DER SEQUENCE");
        }
        if (h.length() >= 0 && h.end(0) > data.length) {
            throw new CertificateFormatException(source, format, Reason.TRUNCATED,
                    where + "declares " + h.end(0) + " bytes but only " + data.length + " are present (truncated)");
        }
        CMSSignedData signed;
        try {
            signed = new CMSSignedData(data);
        } catch (CMSException | RuntimeException e) {
            throw new CertificateFormatException(source, format, Reason.MALFORMED,
                    where + "not a PKCS#7 SignedData structure: " + rootMessage(e), e);
        }
        List<X509Certificate> out = new ArrayList<>();
        for (X509CertificateHolder holder : signed.getCertificates().getMatches(null)) {
            try {
                out.add(X509.certificate(holder.getEncoded()));
            } catch (CertificateException | IOException e) {
                throw new CertificateFormatException(source, format, Reason.MALFORMED,
                        where + "certificate " + (out.size() + 1) + " in it is not valid X.509: " + rootMessage(e), e);
            }
        }
        if (out.isEmpty()) {
            throw new CertificateFormatException(source, format, Reason.NO_CERTIFICATES,
                    where + "the PKCS#7 structure holds no certificates");
        }
        return out;
    }

    private LoadedCertificates readKeyStore(byte[] data, String source, CertificateFormat format, String type)
            throws CertificateFormatException {
        if (format == CertificateFormat.PKCS12) {
            Der.Header h = Der.header(data, 0);
            if (h != null && h.length() >= 0 && h.end(0) > data.length) {
                throw new CertificateFormatException(source, format, Reason.TRUNCATED,
                        "declares " + h.end(0) + " bytes but only " + data.length + " are present (truncated)");
            }
        }
        KeyStore store;
        if (format == CertificateFormat.JAVA_KEYSTORE) {
            // A Java keystore's certificates are readable without its password (which only
            // checks its integrity): ask for one only when it is offered.
            store = load(data, source, format, type, null);
        } else {
            // A PFX exported with an empty password opens without asking anyone; a broken one
            // fails here with MALFORMED, before anyone is asked for a password.
            store = tryLoad(data, source, format, type, new char[0]);
            if (store == null) {
                char[] password = passwords.password(source, format);
                if (password == null) {
                    throw new CertificateFormatException(source, format, Reason.PASSWORD_REQUIRED,
                            "the file is protected by a password and none was given");
                }
                try {
                    store = load(data, source, format, type, password);
                } finally {
                    Arrays.fill(password, '\0');
                }
            }
        }
        Map<String, X509Certificate> unique = new LinkedHashMap<>();
        boolean key = false;
        try {
            List<String> aliases = Collections.list(store.aliases());
            Collections.sort(aliases);
            for (String alias : aliases) {
                if (store.isKeyEntry(alias)) {
                    key = true;
                    Certificate[] chain = store.getCertificateChain(alias);
                    if (chain != null) {
                        for (Certificate c : chain) {
                            add(unique, c);
                        }
                    }
                }
            }
            for (String alias : aliases) {
                if (!store.isKeyEntry(alias)) {
                    add(unique, store.getCertificate(alias));
                }
            }
        } catch (Exception e) {
            throw new CertificateFormatException(source, format, Reason.MALFORMED,
                    "its entries cannot be read: " + rootMessage(e), e);
        }
        if (unique.isEmpty()) {
            throw new CertificateFormatException(source, format, Reason.NO_CERTIFICATES,
                    "the file holds no certificates");
        }
        return new LoadedCertificates(source, format, new ArrayList<>(unique.values()), List.of(), key);
    }

    private static void add(Map<String, X509Certificate> unique, Certificate c) throws CertificateException {
        if (c instanceof X509Certificate x) {
            unique.putIfAbsent(Hex.upper(x.getEncoded()), x);
        }
    }

    /** The store, or null when {@code password} is wrong. */
    private static KeyStore tryLoad(byte[] data, String source, CertificateFormat format, String type,
            char[] password) throws CertificateFormatException {
        try {
            return load(data, source, format, type, password);
        } catch (CertificateFormatException e) {
            if (e.reason() == Reason.WRONG_PASSWORD) {
                return null;
            }
            throw e;
        }
    }

    private static KeyStore load(byte[] data, String source, CertificateFormat format, String type,
            char[] password) throws CertificateFormatException {
        try {
            KeyStore store = KeyStore.getInstance(type);
            store.load(new ByteArrayInputStream(data), password);
            return store;
        } catch (IOException e) {
            if (isWrongPassword(e)) {
                throw new CertificateFormatException(source, format, Reason.WRONG_PASSWORD,
                        "the password is wrong (the file's integrity check failed with it)", e);
            }
            throw new CertificateFormatException(source, format, Reason.MALFORMED,
                    "the file cannot be opened: " + rootMessage(e), e);
        } catch (Exception e) {
            throw new CertificateFormatException(source, format, Reason.MALFORMED,
                    "the file cannot be opened: " + rootMessage(e), e);
        }
    }

    private static boolean isWrongPassword(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnrecoverableKeyException) {
                return true;
            }
            String m = t.getMessage();
            if (m != null && (m.contains("password was incorrect") || m.contains("integrity check"))) {
                return true;
            }
        }
        return false;
    }

    // --- helpers

    private void checkSize(byte[] data, String source) throws CertificateFormatException {
        if (data.length > maxInputBytes) {
            throw tooLarge(source, data.length);
        }
    }

    private CertificateFormatException tooLarge(String source, long size) {
        return new CertificateFormatException(source, CertificateFormat.UNKNOWN, Reason.TOO_LARGE,
                (size >= 0 ? "is " + size + " bytes, " : "") + "larger than the limit of " + maxInputBytes
                        + " bytes for certificate input");
    }

    private static int startAfterBom(byte[] data) {
        return data.length >= 3 && (data[0] & 0xFF) == 0xEF && (data[1] & 0xFF) == 0xBB && (data[2] & 0xFF) == 0xBF
                ? 3
                : 0;
    }

    private static String text(byte[] data) {
        int start = startAfterBom(data);
        return new String(data, start, data.length - start, StandardCharsets.ISO_8859_1);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** The first four bytes as a big-endian int. */
    private static final class ByteBufferInt {
        static int of(byte[] d) {
            return d.length < 4 ? 0
                    : (d[0] & 0xFF) << 24 | (d[1] & 0xFF) << 16 | (d[2] & 0xFF) << 8 | (d[3] & 0xFF);
        }
    }
}
