package org.sstpdoctor.pki;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.sstpdoctor.pki.internal.CertificateSigner;

/**
 * Mints a lab certification authority: a self-signed root ({@link LabPki#rootCa(String)}) or an
 * intermediate ({@link CertificateAuthority#intermediate(String)}). Defaults: EC P-256 key, valid
 * from an hour ago for ten years, Basic Constraints CA without path length, key usage certificate
 * and CRL signing, no EKU.
 */
public final class AuthorityBuilder extends SpecBuilder<AuthorityBuilder> {

    private int pathLength = -1;

    AuthorityBuilder(CertificateAuthority issuer, String subjectDn) {
        super(issuer, subjectDn, Duration.ofDays(3650));
    }

    /** The Basic Constraints path length constraint (default: none). */
    public AuthorityBuilder pathLength(int length) {
        this.pathLength = length;
        return this;
    }

    /** Mints the CA certificate with a new (or the given) key pair. */
    public CertificateAuthority build() {
        KeyPair pair = newKeyPair();
        CertificateSigner.Spec s = spec(pair);
        s.ca = true;
        s.pathLength = pathLength;
        s.keyUsage.add(KeyUsageBit.DIGITAL_SIGNATURE);
        s.keyUsage.add(KeyUsageBit.KEY_CERT_SIGN);
        s.keyUsage.add(KeyUsageBit.CRL_SIGN);
        X509Certificate cert = CertificateSigner.sign(s);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(cert);
        if (issuer != null) {
            chain.addAll(issuer.chain());
        }
        return new CertificateAuthority(cert, pair, chain);
    }
}
