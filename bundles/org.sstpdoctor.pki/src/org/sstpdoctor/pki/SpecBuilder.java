package org.sstpdoctor.pki;

import java.math.BigInteger;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.sstpdoctor.pki.internal.CertificateSigner;

/**
 * What {@link CertificateBuilder} and {@link AuthorityBuilder} share: subject, key, validity,
 * revocation and issuer URLs, serial number, signature algorithm, extra extensions.
 */
abstract class SpecBuilder<B extends SpecBuilder<B>> {

    final CertificateAuthority issuer;
    X500Principal subject;
    KeyType keyType = KeyType.EC_P256;
    KeyPair keyPair;
    Instant notBefore;
    Instant notAfter;
    BigInteger serial;
    String signatureAlgorithm;
    final List<String> crlDistributionPoints = new ArrayList<>();
    final List<String> ocspUrls = new ArrayList<>();
    final List<String> caIssuersUrls = new ArrayList<>();
    final List<Object[]> extra = new ArrayList<>();

    SpecBuilder(CertificateAuthority issuer, String subjectDn, Duration defaultLifetime) {
        this.issuer = issuer;
        subject(subjectDn);
        Instant now = Instant.now();
        this.notBefore = now.minus(Duration.ofHours(1));
        this.notAfter = now.plus(defaultLifetime);
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The subject, e.g. {@code CN=vpn.contoso.com, O=Contoso} (RFC 2253 / 1779 syntax). */
    public B subject(String dn) {
        this.subject = new X500Principal(dn);
        return self();
    }

    /** The key type of a new key pair (default EC P-256). */
    public B keyType(KeyType type) {
        this.keyType = type;
        return self();
    }

    /** Use this key pair instead of generating one. */
    public B keyPair(KeyPair pair) {
        this.keyPair = pair;
        return self();
    }

    /**
     * The validity period: a window in the past makes an expired certificate, one in the future a
     * not-yet-valid one. Default: from an hour ago, for a year (a CA: ten years).
     */
    public B validity(Instant from, Instant to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("notAfter " + to + " is before notBefore " + from);
        }
        this.notBefore = from;
        this.notAfter = to;
        return self();
    }

    /** CRL distribution point URLs, one distribution point each. */
    public B crlDistributionPoints(String... urls) {
        crlDistributionPoints.addAll(Arrays.asList(urls));
        return self();
    }

    /** AIA OCSP URLs. */
    public B ocspUrls(String... urls) {
        ocspUrls.addAll(Arrays.asList(urls));
        return self();
    }

    /** AIA caIssuers URLs. */
    public B caIssuersUrls(String... urls) {
        caIssuersUrls.addAll(Arrays.asList(urls));
        return self();
    }

    /** The serial number (default: random, 16 bytes). */
    public B serialNumber(BigInteger serialNumber) {
        this.serial = serialNumber;
        return self();
    }

    /** The JCA signature algorithm, e.g. {@code SHA1withRSA} for a weak one (default: SHA-256 for the issuer's key). */
    public B signatureAlgorithm(String algorithm) {
        this.signatureAlgorithm = algorithm;
        return self();
    }

    /** An extra extension, e.g. an unknown critical one. */
    public B extension(String oid, boolean critical, byte[] derValue) {
        extra.add(new Object[] { oid, critical, derValue.clone() });
        return self();
    }

    CertificateSigner.Spec spec(KeyPair pair) {
        CertificateSigner.Spec s = new CertificateSigner.Spec();
        s.subject = subject;
        s.subjectKey = pair.getPublic();
        if (issuer != null) {
            s.issuer = issuer.certificate().getSubjectX500Principal();
            s.issuerPublicKey = issuer.certificate().getPublicKey();
            s.issuerPrivateKey = issuer.privateKey();
        } else {
            s.issuer = subject;
            s.issuerPublicKey = pair.getPublic();
            s.issuerPrivateKey = pair.getPrivate();
        }
        s.signatureAlgorithm = signatureAlgorithm;
        s.serial = serial;
        s.notBefore = notBefore;
        s.notAfter = notAfter;
        s.crlDistributionPoints.addAll(crlDistributionPoints);
        s.ocspUrls.addAll(ocspUrls);
        s.caIssuersUrls.addAll(caIssuersUrls);
        s.extra.addAll(extra);
        return s;
    }

    KeyPair newKeyPair() {
        return CertificateSigner.keyPair(keyPair, keyType);
    }
}
