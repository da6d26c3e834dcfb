package org.sstpdoctor.ui.internal.certificates;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * One certificate shown in the Certificate Explorer, with where it was seen.
 *
 * @param certificate    the certificate
 * @param origin         where it was seen, in a few words: "presented by 192.0.2.1:443, 1 of 2",
 *                       "LocalMachine\My", a file name
 * @param notes          more about it, one line each: private key, friendly name, binding,
 *                       the clients' verdict on the chain
 * @param registryHashes the SSTP registry's certificate hashes to compare with, or null when the
 *                       server's registry was not read
 */
public record CertificateEntry(X509Certificate certificate, String origin, List<String> notes,
        RegistryHashes registryHashes) {

    public CertificateEntry {
        Objects.requireNonNull(certificate, "certificate");
        origin = origin == null ? "" : origin;
        notes = List.copyOf(notes);
    }

    /**
     * The values {@code Sha256CertificateHash} and {@code Sha1CertificateHash} of the server's
     * SstpSvc parameters, upper-case hex, each null when the value is absent or not a hash.
     */
    public record RegistryHashes(String sha256, String sha1) {
    }
}
