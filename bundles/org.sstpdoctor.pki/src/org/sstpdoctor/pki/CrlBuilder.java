package org.sstpdoctor.pki;

import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Mints a CRL signed by a lab CA: revoked serials with dates and reasons, chosen thisUpdate and
 * nextUpdate (a nextUpdate in the past makes an expired CRL). Defaults: thisUpdate an hour ago,
 * nextUpdate in seven days, CRL number 1.
 */
public final class CrlBuilder {

    private final CertificateAuthority ca;
    private Instant thisUpdate = Instant.now().minus(Duration.ofHours(1));
    private Instant nextUpdate = Instant.now().plus(Duration.ofDays(7));
    private BigInteger number = BigInteger.ONE;
    private final List<Object[]> entries = new ArrayList<>();

    CrlBuilder(CertificateAuthority ca) {
        this.ca = ca;
    }

    public CrlBuilder thisUpdate(Instant when) {
        this.thisUpdate = when;
        return this;
    }

    /** The nextUpdate; null leaves it out. */
    public CrlBuilder nextUpdate(Instant when) {
        this.nextUpdate = when;
        return this;
    }

    public CrlBuilder number(BigInteger crlNumber) {
        this.number = crlNumber;
        return this;
    }

    /** Lists {@code serial} as revoked on {@code when} for {@code reason}. */
    public CrlBuilder revoke(BigInteger serial, Instant when, RevocationReason reason) {
        entries.add(new Object[] { serial, when, reason });
        return this;
    }

    /** Lists {@code certificate} as revoked on {@code when} for {@code reason}. */
    public CrlBuilder revoke(X509Certificate certificate, Instant when, RevocationReason reason) {
        return revoke(certificate.getSerialNumber(), when, reason);
    }

    public X509CRL build() {
        try {
            X509v2CRLBuilder b = new JcaX509v2CRLBuilder(ca.certificate().getSubjectX500Principal(),
                    Date.from(thisUpdate));
            if (nextUpdate != null) {
                b.setNextUpdate(Date.from(nextUpdate));
            }
            for (Object[] e : entries) {
                b.addCRLEntry((BigInteger) e[0], Date.from((Instant) e[1]), ((RevocationReason) e[2]).code());
            }
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(ca.certificate()));
            b.addExtension(Extension.cRLNumber, false, new org.bouncycastle.asn1.x509.CRLNumber(number));
            return new JcaX509CRLConverter().getCRL(b.build(new JcaContentSignerBuilder(
                    KeyType.signatureAlgorithmFor(ca.certificate().getPublicKey())).build(ca.privateKey())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot mint the CRL of " + ca + ": " + e.getMessage(), e);
        }
    }
}
