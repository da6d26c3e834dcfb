package org.sstpdoctor.pki.internal;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.sstpdoctor.pki.KeyType;
import org.sstpdoctor.pki.KeyUsageBit;

/** Mints one X.509 v3 certificate from a description; the lab builders fill it. */
public final class CertificateSigner {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What to put in the certificate. Lists may be empty; null EKU means no EKU extension. */
    public static final class Spec {
        public X500Principal subject;
        public PublicKey subjectKey;
        public X500Principal issuer;
        public PublicKey issuerPublicKey;
        public PrivateKey issuerPrivateKey;
        public String signatureAlgorithm;
        public BigInteger serial;
        public Instant notBefore;
        public Instant notAfter;
        public boolean ca;
        public int pathLength = -1;
        public List<KeyUsageBit> keyUsage = new ArrayList<>();
        public List<String> extendedKeyUsage;
        public List<String> dnsNames = new ArrayList<>();
        public List<String> ipAddresses = new ArrayList<>();
        public List<String> crlDistributionPoints = new ArrayList<>();
        public List<String> ocspUrls = new ArrayList<>();
        public List<String> caIssuersUrls = new ArrayList<>();
        /** Extra extensions: OID, critical, DER value. */
        public List<Object[]> extra = new ArrayList<>();
    }

    private CertificateSigner() {
    }

    /** A new positive 127-bit serial number. */
    public static BigInteger newSerial() {
        return new BigInteger(127, RANDOM).setBit(120);
    }

    public static X509Certificate sign(Spec s) {
        try {
            X500Name subject = X500Name.getInstance(s.subject.getEncoded());
            X500Name issuer = X500Name.getInstance(s.issuer.getEncoded());
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
                    s.serial == null ? newSerial() : s.serial, Date.from(s.notBefore), Date.from(s.notAfter), subject,
                    s.subjectKey);
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true,
                    s.ca ? (s.pathLength >= 0 ? new BasicConstraints(s.pathLength) : new BasicConstraints(true))
                            : new BasicConstraints(false));
            if (!s.keyUsage.isEmpty()) {
                int bits = 0;
                for (KeyUsageBit bit : s.keyUsage) {
                    bits |= keyUsageMask(bit);
                }
                b.addExtension(Extension.keyUsage, true, new KeyUsage(bits));
            }
            if (s.extendedKeyUsage != null) {
                KeyPurposeId[] ids = new KeyPurposeId[s.extendedKeyUsage.size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = KeyPurposeId.getInstance(new ASN1ObjectIdentifier(s.extendedKeyUsage.get(i)));
                }
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(ids));
            }
            GeneralNames san = generalNames(s.dnsNames, s.ipAddresses);
            if (san != null) {
                b.addExtension(Extension.subjectAlternativeName, subject.getRDNs().length == 0, san);
            }
            b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(s.subjectKey));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(s.issuerPublicKey));
            if (!s.crlDistributionPoints.isEmpty()) {
                b.addExtension(Extension.cRLDistributionPoints, false, crlDistPoint(s.crlDistributionPoints));
            }
            if (!s.ocspUrls.isEmpty() || !s.caIssuersUrls.isEmpty()) {
                List<AccessDescription> ad = new ArrayList<>();
                for (String u : s.ocspUrls) {
                    ad.add(new AccessDescription(AccessDescription.id_ad_ocsp,
                            new GeneralName(GeneralName.uniformResourceIdentifier, u)));
                }
                for (String u : s.caIssuersUrls) {
                    ad.add(new AccessDescription(AccessDescription.id_ad_caIssuers,
                            new GeneralName(GeneralName.uniformResourceIdentifier, u)));
                }
                b.addExtension(Extension.authorityInfoAccess, false,
                        new AuthorityInformationAccess(ad.toArray(AccessDescription[]::new)));
            }
            for (Object[] e : s.extra) {
                b.addExtension(new ASN1ObjectIdentifier((String) e[0]), (Boolean) e[1],
                        ASN1Primitive.fromByteArray((byte[]) e[2]));
            }
            String alg = s.signatureAlgorithm != null ? s.signatureAlgorithm
                    : KeyType.signatureAlgorithmFor(s.issuerPublicKey);
            return new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder(alg).build(s.issuerPrivateKey)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot mint the certificate " + s.subject + ": " + e.getMessage(), e);
        }
    }

    /** SAN of DNS names and IP addresses, or null when there are none. */
    public static GeneralNames generalNames(List<String> dnsNames, List<String> ipAddresses) {
        List<GeneralName> names = new ArrayList<>();
        for (String n : dnsNames) {
            names.add(new GeneralName(GeneralName.dNSName, n));
        }
        for (String ip : ipAddresses) {
            names.add(new GeneralName(GeneralName.iPAddress, ip));
        }
        return names.isEmpty() ? null : new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static CRLDistPoint crlDistPoint(List<String> urls) {
        DistributionPoint[] points = new DistributionPoint[urls.size()];
        for (int i = 0; i < points.length; i++) {
            points[i] = new DistributionPoint(new DistributionPointName(
                    new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, urls.get(i)))), null, null);
        }
        return new CRLDistPoint(points);
    }

    public static int keyUsageMask(KeyUsageBit bit) {
        return switch (bit) {
        case DIGITAL_SIGNATURE -> KeyUsage.digitalSignature;
        case NON_REPUDIATION -> KeyUsage.nonRepudiation;
        case KEY_ENCIPHERMENT -> KeyUsage.keyEncipherment;
        case DATA_ENCIPHERMENT -> KeyUsage.dataEncipherment;
        case KEY_AGREEMENT -> KeyUsage.keyAgreement;
        case KEY_CERT_SIGN -> KeyUsage.keyCertSign;
        case CRL_SIGN -> KeyUsage.cRLSign;
        case ENCIPHER_ONLY -> KeyUsage.encipherOnly;
        case DECIPHER_ONLY -> KeyUsage.decipherOnly;
        };
    }

    /** A key pair: the given one, or a new one of {@code type}. */
    public static KeyPair keyPair(KeyPair given, KeyType type) {
        return given != null ? given : type.generate();
    }
}
