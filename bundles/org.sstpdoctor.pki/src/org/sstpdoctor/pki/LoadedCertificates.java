package org.sstpdoctor.pki;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * Certificates read from one source, in the order the source holds them.
 *
 * @param source             what was read, e.g. a file name
 * @param format             the format it was read as
 * @param certificates       the certificates, never empty
 * @param ignored            what the source held besides certificates, e.g. {@code PEM block
 *                           PRIVATE KEY (line 31)}; empty when nothing
 * @param containsPrivateKey whether a PKCS#12 or keystore also held a private key (the server
 *                           needs one for the certificate SSTP uses)
 */
public record LoadedCertificates(String source, CertificateFormat format, List<X509Certificate> certificates,
        List<String> ignored, boolean containsPrivateKey) {

    public LoadedCertificates {
        Objects.requireNonNull(format, "format");
        certificates = List.copyOf(certificates);
        ignored = List.copyOf(ignored);
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no certificates");
        }
        source = source == null ? "" : source;
    }

    /** The first certificate: the leaf, when the source keeps the usual order. */
    public X509Certificate first() {
        return certificates.get(0);
    }
}
