package org.sstpdoctor.remote.winrm;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A WinRM HTTPS certificate that the Java runtime's trust does not accept, as a person is asked to confirm it: compare
 * {@link #sha256()} with the thumbprint on the server itself ({@code Get-ChildItem WSMan:\localhost\Listener} shows the
 * listener's CertificateThumbprint, a SHA-1; {@code Get-ChildItem Cert:\LocalMachine\My | Format-List Subject,
 * Thumbprint} and the certificate's details in certlm.msc show the SHA-256 fingerprint).
 *
 * @param server      how the server is named in SSTP Doctor
 * @param host        the host name or address connected to
 * @param port        the WinRM HTTPS port
 * @param subject     the certificate's subject distinguished name
 * @param issuer      its issuer distinguished name
 * @param sha256      the SHA-256 of the certificate's DER bytes, upper-case hex with colons
 * @param sha1        the SHA-1 thumbprint as Windows shows it (upper-case hex, no colons)
 * @param notBefore   start of validity
 * @param notAfter    end of validity
 * @param problem     why the runtime does not trust it, in words
 * @param storeFile   where the decision will be kept once confirmed
 * @param certificate the certificate itself
 */
public record CertificateInfo(String server, String host, int port, String subject, String issuer, String sha256,
        String sha1, Instant notBefore, Instant notAfter, String problem, Path storeFile, X509Certificate certificate) {

    /** The description of {@code certificate} presented by {@code host:port}. */
    public static CertificateInfo of(String server, String host, int port, X509Certificate certificate,
            String problem, Path storeFile) {
        return new CertificateInfo(server, host, port, certificate.getSubjectX500Principal().getName(),
                certificate.getIssuerX500Principal().getName(), colons(sha256Hex(certificate)),
                digest("SHA-1", certificate).toUpperCase(Locale.ROOT), certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(), problem, storeFile, certificate);
    }

    /** The SHA-256 of a certificate's DER bytes, lower-case hex without separators (the stored form). */
    public static String sha256Hex(X509Certificate certificate) {
        return digest("SHA-256", certificate);
    }

    private static String digest(String algorithm, X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the certificate cannot be hashed: " + e.getMessage(), e);
        }
    }

    /** {@code aabb..} as {@code AA:BB:..}. */
    static String colons(String hex) {
        StringBuilder b = new StringBuilder(hex.length() * 3 / 2);
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                b.append(':');
            }
            b.append(hex, i, i + 2);
        }
        return b.toString().toUpperCase(Locale.ROOT);
    }

    /** Whether the certificate is valid at {@code now}. */
    public boolean isValidAt(Instant now) {
        return !now.isBefore(notBefore) && !now.isAfter(notAfter);
    }

    @Override
    public String toString() {
        return server + " presents the certificate " + subject + " (SHA-256 " + sha256 + ")";
    }
}
