package org.sstpdoctor.pki;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.sstpdoctor.pki.internal.CertificateSigner;

/**
 * Mints an end-entity certificate (a server certificate, an OCSP responder's) for the practice lab
 * and for tests: issued by a {@link CertificateAuthority}, or self-signed. Defaults: EC P-256 key,
 * valid from an hour ago for a year, Server Authentication EKU, no SAN (add names explicitly), key
 * usage digital signature (plus key encipherment for RSA). Get one from
 * {@link CertificateAuthority#issue(String)} or {@link LabPki#selfSigned(String)}.
 */
public final class CertificateBuilder extends SpecBuilder<CertificateBuilder> {

    private final List<String> dnsNames = new ArrayList<>();
    private final List<String> ipAddresses = new ArrayList<>();
    private List<String> eku = List.of(KeyPurpose.SERVER_AUTHENTICATION.oid());
    private Set<KeyUsageBit> keyUsage;

    CertificateBuilder(CertificateAuthority issuer, String subjectDn) {
        super(issuer, subjectDn, Duration.ofDays(365));
    }

    /** DNS names of the Subject Alternative Name (as written: wildcards, A-labels). */
    public CertificateBuilder dnsNames(String... names) {
        dnsNames.addAll(Arrays.asList(names));
        return this;
    }

    /** IP addresses of the Subject Alternative Name. */
    public CertificateBuilder ipAddresses(String... addresses) {
        ipAddresses.addAll(Arrays.asList(addresses));
        return this;
    }

    /**
     * The extended key usages; none at all leaves the EKU extension out (a certificate for any
     * purpose). E.g. {@code extendedKeyUsage(KeyPurpose.CLIENT_AUTHENTICATION)} for KB947031's 809 case.
     */
    public CertificateBuilder extendedKeyUsage(KeyPurpose... purposes) {
        eku = Arrays.stream(purposes).map(KeyPurpose::oid).toList();
        return this;
    }

    /** Extended key usages by OID, including ones this model does not know. */
    public CertificateBuilder extendedKeyUsageOids(String... oids) {
        eku = List.of(oids);
        return this;
    }

    /** Leaves the EKU extension out: the certificate is good for any purpose. */
    public CertificateBuilder noExtendedKeyUsage() {
        eku = null;
        return this;
    }

    /** The Key Usage bits (none leaves the extension out). */
    public CertificateBuilder keyUsage(KeyUsageBit... bits) {
        keyUsage = bits.length == 0 ? EnumSet.noneOf(KeyUsageBit.class) : EnumSet.copyOf(Arrays.asList(bits));
        return this;
    }

    /** Mints the certificate with a new (or the given) key pair. */
    public IssuedCertificate build() {
        KeyPair pair = newKeyPair();
        CertificateSigner.Spec s = spec(pair);
        s.ca = false;
        s.extendedKeyUsage = eku == null || eku.isEmpty() ? null : eku;
        s.dnsNames.addAll(dnsNames);
        s.ipAddresses.addAll(ipAddresses);
        if (keyUsage != null) {
            s.keyUsage.addAll(keyUsage);
        } else {
            s.keyUsage.add(KeyUsageBit.DIGITAL_SIGNATURE);
            if (pair.getPublic().getAlgorithm().equals("RSA")) {
                s.keyUsage.add(KeyUsageBit.KEY_ENCIPHERMENT);
            }
        }
        X509Certificate cert = CertificateSigner.sign(s);
        List<X509Certificate> issuers = issuer == null ? List.of() : issuer.chain();
        return new IssuedCertificate(cert, pair, issuers);
    }
}
