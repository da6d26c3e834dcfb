package org.sstpdoctor.pki;

import java.security.cert.X509Certificate;
import java.util.Locale;

import org.sstpdoctor.pki.internal.Certificates;

/**
 * Certificate thumbprints as Windows shows them (upper-case hex, no separators), and comparison
 * with hashes as they come from the SSTP registry values {@code Sha256CertificateHash} /
 * {@code Sha1CertificateHash}, {@code netsh http show sslcert} or a copy from the certificate
 * dialog.
 */
public final class Thumbprints {

    private Thumbprints() {
    }

    /** The SHA-1 thumbprint: 40 upper-case hex digits. */
    public static String sha1(X509Certificate c) {
        return Certificates.digest(c, "SHA-1");
    }

    /** The SHA-256 thumbprint: 64 upper-case hex digits. */
    public static String sha256(X509Certificate c) {
        return Certificates.digest(c, "SHA-256");
    }

    /**
     * A hash written any usual way as upper-case hex without separators: white space (also
     * between bytes), {@code :}, {@code -} and {@code ,} separators, a leading {@code 0x}, lower
     * case, and the invisible marks (U+200E, U+200F, U+FEFF) the Windows certificate dialog puts
     * in front of a copied thumbprint are all accepted.
     *
     * @return the normalised hex, or null when what remains is not hex digits
     */
    public static String normalize(String hash) {
        if (hash == null) {
            return null;
        }
        String s = hash.strip();
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == ':' || c == '-' || c == ','
                    || c == '\u200E' || c == '\u200F' || c == '\uFEFF') {
                continue;
            }
            sb.append(c);
        }
        String hex = sb.toString();
        if (hex.startsWith("0x") || hex.startsWith("0X")) {
            hex = hex.substring(2);
        }
        if (hex.isEmpty()) {
            return null;
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                return null;
            }
        }
        return hex.toUpperCase(Locale.ROOT);
    }

    /** How {@code registryHash} compares with {@code certificate}'s SHA-256 and SHA-1 thumbprints. */
    public static HashMatch compare(X509Certificate certificate, String registryHash) {
        return compare(sha256(certificate), sha1(certificate), registryHash);
    }

    /** How {@code registryHash} compares with the given thumbprints. */
    public static HashMatch compare(String sha256, String sha1, String registryHash) {
        String hex = normalize(registryHash);
        if (hex == null || hex.length() != 64 && hex.length() != 40) {
            return HashMatch.INVALID;
        }
        if (hex.length() == 64) {
            return hex.equals(sha256) ? HashMatch.SHA256 : HashMatch.NO_MATCH;
        }
        return hex.equals(sha1) ? HashMatch.SHA1 : HashMatch.NO_MATCH;
    }
}
