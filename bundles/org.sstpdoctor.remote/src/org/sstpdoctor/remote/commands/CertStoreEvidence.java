package org.sstpdoctor.remote.commands;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The certificates of the computer's Personal store, {@code Cert:\LocalMachine\My} (KB947031
 * Scenarios 2, 3, 4, 6 and 8): RRAS binds one whose enhanced key usage allows server
 * authentication (or that has no EKU extension: all purposes) and that has a private key.
 *
 * @param certificates the certificates read, in output order
 * @param complete     whether the whole output was read; a missing certificate is evidence only then
 */
public record CertStoreEvidence(List<Certificate> certificates, boolean complete) {

    public CertStoreEvidence {
        certificates = List.copyOf(certificates);
    }

    static CertStoreEvidence unknown() {
        return new CertStoreEvidence(List.of(), false);
    }

    /** The certificate with this SHA-1 thumbprint, in any case and spacing. */
    public Optional<Certificate> byThumbprint(String thumbprint) {
        Optional<String> wanted = Hex.normalize(thumbprint);
        return wanted.flatMap(t -> certificates.stream().filter(c -> c.sha1Thumbprint().equals(t)).findFirst());
    }

    /** The certificate with this SHA-256 hash, in any case and spacing. */
    public Optional<Certificate> bySha256(String hash) {
        Optional<String> wanted = Hex.normalize(hash);
        return wanted.flatMap(h -> certificates.stream().filter(c -> c.sha256().equals(h)).findFirst());
    }

    /** The certificates SSTP can use at {@code at}: server authentication, a private key, valid. */
    public List<Certificate> usableServerCertificates(Instant at) {
        return certificates.stream()
                .filter(c -> c.allowsServerAuthentication() && c.hasPrivateKey() && c.isValidAt(at)).toList();
    }

    /** Whether the store holds a certificate SSTP can use at {@code at}. */
    public Verdict hasUsableServerCertificate(Instant at) {
        return Verdict.of(!usableServerCertificates(at).isEmpty(), complete);
    }

    public enum AltNameType {
        DNS, IP, OTHER
    }

    /** One subject alternative name: {@code DNS vpn.example.org}, {@code IP 203.0.113.10}. */
    public record AltName(AltNameType type, String value) {

        public AltName {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * One certificate, as decoded from its bytes.
     *
     * @param subject                 the subject as Windows writes it ({@code CN=vpn.example.org})
     * @param issuer                  the issuer as Windows writes it
     * @param serialNumber            the serial number in upper-case hexadecimal
     * @param subjectAlternativeNames the subject alternative names
     * @param hasEkuExtension         whether it has an enhanced key usage extension (without one it
     *                                is valid for all purposes)
     * @param enhancedKeyUsages       the EKU OIDs, see {@link KnownEku}
     * @param notBefore               the start of its validity
     * @param notAfter                the end of its validity
     * @param sha1Thumbprint          the SHA-1 hash of its bytes, as http.sys and Windows show it
     * @param sha256                  the SHA-256 hash of its bytes, as {@code Sha256CertificateHash}
     * @param hasPrivateKey           whether Windows has its private key
     * @param friendlyName            its friendly name, when it has one
     * @param derBase64               its DER encoding, Base64
     */
    public record Certificate(String subject, String issuer, String serialNumber, List<AltName> subjectAlternativeNames,
            boolean hasEkuExtension, List<String> enhancedKeyUsages, Instant notBefore, Instant notAfter,
            String sha1Thumbprint, String sha256, boolean hasPrivateKey, Optional<String> friendlyName,
            String derBase64) {

        public Certificate {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(serialNumber, "serialNumber");
            subjectAlternativeNames = List.copyOf(subjectAlternativeNames);
            enhancedKeyUsages = List.copyOf(enhancedKeyUsages);
            Objects.requireNonNull(notBefore, "notBefore");
            Objects.requireNonNull(notAfter, "notAfter");
            Objects.requireNonNull(sha1Thumbprint, "sha1Thumbprint");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(friendlyName, "friendlyName");
            Objects.requireNonNull(derBase64, "derBase64");
        }

        /** Whether its EKU allows server authentication: no EKU extension, Server Authentication or Any Purpose. */
        public boolean allowsServerAuthentication() {
            return !hasEkuExtension || enhancedKeyUsages.contains(KnownEku.SERVER_AUTHENTICATION.oid())
                    || enhancedKeyUsages.contains(KnownEku.ANY_PURPOSE.oid());
        }

        public boolean isValidAt(Instant at) {
            return !at.isBefore(notBefore) && !at.isAfter(notAfter);
        }

        /** Its DER encoding (a copy). */
        public byte[] der() {
            return Base64.getDecoder().decode(derBase64);
        }
    }
}
