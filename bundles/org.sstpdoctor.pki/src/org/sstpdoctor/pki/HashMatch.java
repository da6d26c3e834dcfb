package org.sstpdoctor.pki;

/** How a hash from the server's registry compares with a certificate's thumbprints. */
public enum HashMatch {
    /** It equals the certificate's SHA-256 thumbprint (registry value Sha256CertificateHash). */
    SHA256,
    /** It equals the certificate's SHA-1 thumbprint (registry value Sha1CertificateHash). */
    SHA1,
    /** It is a well-formed hash of another certificate. */
    NO_MATCH,
    /** It is not a SHA-1 or SHA-256 hash in hex (wrong length or not hex). */
    INVALID;

    public boolean matches() {
        return this == SHA256 || this == SHA1;
    }
}
