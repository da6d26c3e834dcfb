package org.sstpdoctor.pki;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A lab certification authority: its certificate, key pair and chain to its root. It issues
 * intermediates, server certificates, CRLs and OCSP answers. Thread-safe.
 */
public final class CertificateAuthority {

    private final X509Certificate certificate;
    private final KeyPair keyPair;
    private final List<X509Certificate> chain;

    CertificateAuthority(X509Certificate certificate, KeyPair keyPair, List<X509Certificate> chain) {
        this.certificate = certificate;
        this.keyPair = keyPair;
        this.chain = List.copyOf(chain);
    }

    /**
     * An end-entity certificate used as if it were a CA, to mint the broken chains a test or the
     * practice lab needs (an issuer without CA rights: TRUST_E_BASIC_CONSTRAINTS).
     */
    public static CertificateAuthority misusing(IssuedCertificate endEntity) {
        List<X509Certificate> chain = new java.util.ArrayList<>();
        chain.add(endEntity.certificate());
        chain.addAll(endEntity.issuers());
        return new CertificateAuthority(endEntity.certificate(), endEntity.keyPair(), chain);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    /** This CA's certificate first, then its issuers up to the root. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The root this CA chains to (itself for a root). */
    public X509Certificate root() {
        return chain.get(chain.size() - 1);
    }

    /** A builder of an intermediate CA issued by this one. */
    public AuthorityBuilder intermediate(String subjectDn) {
        return new AuthorityBuilder(this, subjectDn);
    }

    /**
     * A builder of an end-entity certificate issued by this CA, with the subject
     * {@code CN=commonName} (change it with {@link CertificateBuilder#subject(String)}).
     */
    public CertificateBuilder issue(String commonName) {
        return new CertificateBuilder(this, "CN=" + LabPki.escape(commonName));
    }

    /** A builder of a CRL signed by this CA. */
    public CrlBuilder crl() {
        return new CrlBuilder(this);
    }

    /** An OCSP responder answering for the certificates of this CA, signing with its key. */
    public OcspResponder ocspResponder() {
        return new OcspResponder(this);
    }

    @Override
    public String toString() {
        return "CA " + certificate.getSubjectX500Principal();
    }
}
