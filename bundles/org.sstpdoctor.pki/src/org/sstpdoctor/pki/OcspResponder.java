package org.sstpdoctor.pki;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * An OCSP responder for a lab CA: answers a DER OCSP request with a signed DER OCSP response, for
 * a lab HTTP endpoint or a test's HTTP server. Certificates are good unless revoked or marked
 * unknown here; the answer is signed with the CA's key, or with a delegated responder's (a
 * certificate with the OCSP Signing EKU) given to {@link #signedBy(IssuedCertificate)}. It echoes
 * the request's nonce. Thread-safe: revocations may be added while it answers.
 */
public final class OcspResponder {

    private final CertificateAuthority ca;
    private final Map<BigInteger, Object[]> revoked = new ConcurrentHashMap<>();
    private final Set<BigInteger> unknown = ConcurrentHashMap.newKeySet();
    private volatile IssuedCertificate delegate;
    private volatile Duration validity = Duration.ofDays(1);
    private volatile Instant fixedThisUpdate;
    private volatile Instant fixedNextUpdate;

    OcspResponder(CertificateAuthority ca) {
        this.ca = ca;
    }

    /** Answers that {@code serial} was revoked on {@code when} for {@code reason}. */
    public OcspResponder revoke(BigInteger serial, Instant when, RevocationReason reason) {
        revoked.put(serial, new Object[] { when, reason });
        return this;
    }

    public OcspResponder revoke(X509Certificate certificate, Instant when, RevocationReason reason) {
        return revoke(certificate.getSerialNumber(), when, reason);
    }

    /** Answers "unknown" for {@code serial}. */
    public OcspResponder unknown(BigInteger serial) {
        unknown.add(serial);
        return this;
    }

    /** Signs with {@code responder}'s key and includes its certificate (a delegated responder). */
    public OcspResponder signedBy(IssuedCertificate responder) {
        this.delegate = responder;
        return this;
    }

    /** How long an answer is valid from the request (default a day): its nextUpdate. */
    public OcspResponder validity(Duration duration) {
        this.validity = duration;
        return this;
    }

    /** Fixed thisUpdate and nextUpdate (a nextUpdate in the past makes a stale answer). */
    public OcspResponder updates(Instant thisUpdate, Instant nextUpdate) {
        this.fixedThisUpdate = thisUpdate;
        this.fixedNextUpdate = nextUpdate;
        return this;
    }

    /**
     * The DER OCSP response to the DER {@code request} at {@code now}; a request that does not
     * parse gets the {@code malformedRequest} status.
     */
    public byte[] respond(byte[] request, Instant now) {
        try {
            OCSPReq req;
            try {
                req = new OCSPReq(request);
            } catch (Exception e) {
                return new OCSPRespBuilder().build(OCSPRespBuilder.MALFORMED_REQUEST, null).getEncoded();
            }
            IssuedCertificate signer = delegate;
            X509Certificate signerCert = signer != null ? signer.certificate() : ca.certificate();
            PrivateKey signerKey = signer != null ? signer.privateKey() : ca.privateKey();
            BasicOCSPRespBuilder b = new JcaBasicOCSPRespBuilder(signerCert.getPublicKey(),
                    new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1));
            Instant thisUpdate = fixedThisUpdate != null ? fixedThisUpdate : now;
            Instant nextUpdate = fixedNextUpdate != null ? fixedNextUpdate : now.plus(validity);
            // The issuer hashes of this CA, to answer "unknown" for certificates of other CAs.
            CertificateID ours = new CertificateID(
                    new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    new JcaX509CertificateHolder(ca.certificate()), BigInteger.ONE);
            for (Req r : req.getRequestList()) {
                CertificateID id = r.getCertID();
                boolean ourIssuer = java.util.Arrays.equals(id.getIssuerNameHash(), ours.getIssuerNameHash())
                        && java.util.Arrays.equals(id.getIssuerKeyHash(), ours.getIssuerKeyHash());
                b.addResponse(id, ourIssuer ? status(id.getSerialNumber()) : new UnknownStatus(),
                        Date.from(thisUpdate), nextUpdate == null ? null : Date.from(nextUpdate), null);
            }
            Extension nonce = req.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                b.setResponseExtensions(new Extensions(nonce));
            }
            List<X509CertificateHolder> certs = new ArrayList<>();
            if (signer != null) {
                certs.add(new JcaX509CertificateHolder(signerCert));
            }
            BasicOCSPResp basic = b.build(
                    new JcaContentSignerBuilder(KeyType.signatureAlgorithmFor(signerCert.getPublicKey())).build(signerKey),
                    certs.toArray(X509CertificateHolder[]::new), Date.from(now));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("the lab OCSP responder failed: " + e.getMessage(), e);
        }
    }

    private CertificateStatus status(BigInteger serial) {
        Object[] r = revoked.get(serial);
        if (r != null) {
            return new RevokedStatus(Date.from((Instant) r[0]), ((RevocationReason) r[1]).code());
        }
        if (unknown.contains(serial)) {
            return new UnknownStatus();
        }
        return CertificateStatus.GOOD;
    }
}
