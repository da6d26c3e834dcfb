package org.sstpdoctor.pki.internal;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.sstpdoctor.pki.KeyUsageBit;
import org.sstpdoctor.pki.NamedCurve;

/** Reads the parts of a certificate the analysis needs, tolerating malformed extensions. */
public final class Certificates {

    /** The UPN otherName of Microsoft client certificates. */
    private static final String UPN = "1.3.6.1.4.1.311.20.2.3";

    private Certificates() {
    }

    /** The parsed value of extension {@code oid}, or null when absent or not DER. */
    public static ASN1Primitive extension(X509Certificate c, String oid) {
        byte[] wrapped = c.getExtensionValue(oid);
        if (wrapped == null) {
            return null;
        }
        try {
            return ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(wrapped).getOctets());
        } catch (Exception e) {
            return null;
        }
    }

    /** The extnValue content of extension {@code oid}, or null. */
    public static byte[] extensionOctets(X509Certificate c, String oid) {
        byte[] wrapped = c.getExtensionValue(oid);
        if (wrapped == null) {
            return null;
        }
        try {
            return ASN1OctetString.getInstance(wrapped).getOctets();
        } catch (Exception e) {
            return null;
        }
    }

    /** The subject's CN values, in the order they are encoded. */
    public static List<String> commonNames(X509Certificate c) {
        List<String> out = new ArrayList<>();
        try {
            X500Name name = X500Name.getInstance(c.getSubjectX500Principal().getEncoded());
            for (RDN rdn : name.getRDNs(BCStyle.CN)) {
                for (var atv : rdn.getTypesAndValues()) {
                    if (atv.getType().equals(BCStyle.CN)) {
                        out.add(atv.getValue() instanceof ASN1String s ? s.getString()
                                : IETFUtils.valueToString(atv.getValue()));
                    }
                }
            }
        } catch (RuntimeException e) {
            // malformed subject: no CN
        }
        return out;
    }

    /** The Subject Alternative Names of {@code tag} (a {@link GeneralName} tag). */
    public static List<GeneralName> subjectAltNames(X509Certificate c, int tag) {
        List<GeneralName> out = new ArrayList<>();
        ASN1Primitive v = extension(c, Extension.subjectAlternativeName.getId());
        if (v == null) {
            return out;
        }
        try {
            for (GeneralName n : GeneralNames.getInstance(v).getNames()) {
                if (tag < 0 || n.getTagNo() == tag) {
                    out.add(n);
                }
            }
        } catch (RuntimeException e) {
            // malformed SAN: no names
        }
        return out;
    }

    /** The DNS names of the SAN, as written. */
    public static List<String> sanDnsNames(X509Certificate c) {
        List<String> out = new ArrayList<>();
        for (GeneralName n : subjectAltNames(c, GeneralName.dNSName)) {
            out.add(ASN1String.class.cast(n.getName()).getString());
        }
        return out;
    }

    /** The IP addresses of the SAN (4 or 16 bytes each; others skipped). */
    public static List<byte[]> sanIpAddresses(X509Certificate c) {
        List<byte[]> out = new ArrayList<>();
        for (GeneralName n : subjectAltNames(c, GeneralName.iPAddress)) {
            byte[] b = ASN1OctetString.getInstance(n.getName()).getOctets();
            if (b.length == 4 || b.length == 16) {
                out.add(b);
            }
        }
        return out;
    }

    /** The SAN entries that are neither DNS names nor IP addresses, described. */
    public static List<String> sanOtherNames(X509Certificate c) {
        List<String> out = new ArrayList<>();
        for (GeneralName n : subjectAltNames(c, -1)) {
            if (n.getTagNo() != GeneralName.dNSName && n.getTagNo() != GeneralName.iPAddress) {
                out.add(describe(n));
            }
        }
        return out;
    }

    /** An IP address in its usual text form. */
    public static String ipText(byte[] address) {
        try {
            String s = InetAddress.getByAddress(address).getHostAddress();
            return address.length == 16 ? compressIpv6(s) : s;
        } catch (UnknownHostException e) {
            return Hex.upper(address);
        }
    }

    /** {@code 0:0:0:0:0:0:0:1} as {@code ::1}: the longest run of zero groups collapsed. */
    static String compressIpv6(String full) {
        String[] g = full.split(":");
        if (g.length != 8) {
            return full;
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8;) {
            if (g[i].equals("0")) {
                int j = i;
                while (j < 8 && g[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLen && j - i > 1) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        String left = String.join(":", java.util.Arrays.copyOfRange(g, 0, bestStart));
        String right = String.join(":", java.util.Arrays.copyOfRange(g, bestStart + bestLen, 8));
        return left + "::" + right;
    }

    /** A general name the way Windows shows it, e.g. {@code DNS Name=vpn.contoso.com}. */
    public static String describe(GeneralName n) {
        ASN1Encodable v = n.getName();
        try {
            return switch (n.getTagNo()) {
            case GeneralName.dNSName -> "DNS Name=" + ((ASN1String) v).getString();
            case GeneralName.iPAddress -> "IP Address=" + ipText(ASN1OctetString.getInstance(v).getOctets());
            case GeneralName.uniformResourceIdentifier -> "URL=" + ((ASN1String) v).getString();
            case GeneralName.rfc822Name -> "RFC822 Name=" + ((ASN1String) v).getString();
            case GeneralName.directoryName -> "Directory Address=" + X500Name.getInstance(v);
            case GeneralName.registeredID -> "Registered ID=" + ASN1ObjectIdentifier.getInstance(v).getId();
            case GeneralName.otherName -> otherName(ASN1Sequence.getInstance(v));
            default -> "[" + n.getTagNo() + "]=" + v;
            };
        } catch (RuntimeException e) {
            return "[" + n.getTagNo() + "] (malformed)";
        }
    }

    private static String otherName(ASN1Sequence seq) {
        String oid = ASN1ObjectIdentifier.getInstance(seq.getObjectAt(0)).getId();
        ASN1Encodable value = seq.getObjectAt(1);
        if (value instanceof ASN1TaggedObject t) {
            value = t.getBaseObject();
        }
        String text = value instanceof ASN1String s ? s.getString() : value.toString();
        return (oid.equals(UPN) ? "Principal Name" : "Other Name " + oid) + "=" + text;
    }

    /** The URLs (any scheme) of the CRL distribution points, in order. */
    public static List<String> crlDistributionPoints(X509Certificate c) {
        List<String> out = new ArrayList<>();
        ASN1Primitive v = extension(c, Extension.cRLDistributionPoints.getId());
        if (v == null) {
            return out;
        }
        try {
            for (DistributionPoint dp : CRLDistPoint.getInstance(v).getDistributionPoints()) {
                DistributionPointName name = dp.getDistributionPoint();
                if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                    for (GeneralName n : GeneralNames.getInstance(name.getName()).getNames()) {
                        if (n.getTagNo() == GeneralName.uniformResourceIdentifier) {
                            out.add(((ASN1String) n.getName()).getString());
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            // malformed: no URLs
        }
        return out;
    }

    /** The URLs of AIA entries with access method {@code method} (OCSP or caIssuers). */
    public static List<String> authorityInformationAccess(X509Certificate c, ASN1ObjectIdentifier method) {
        List<String> out = new ArrayList<>();
        ASN1Primitive v = extension(c, Extension.authorityInfoAccess.getId());
        if (v == null) {
            return out;
        }
        try {
            for (AccessDescription d : AuthorityInformationAccess.getInstance(v).getAccessDescriptions()) {
                GeneralName n = d.getAccessLocation();
                if (d.getAccessMethod().equals(method) && n.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    out.add(((ASN1String) n.getName()).getString());
                }
            }
        } catch (RuntimeException e) {
            // malformed: no URLs
        }
        return out;
    }

    public static List<String> ocspUrls(X509Certificate c) {
        return authorityInformationAccess(c, AccessDescription.id_ad_ocsp);
    }

    public static List<String> caIssuersUrls(X509Certificate c) {
        return authorityInformationAccess(c, AccessDescription.id_ad_caIssuers);
    }

    /** The EKU OIDs, or null when the certificate has no EKU extension. */
    public static List<String> extendedKeyUsageOids(X509Certificate c) {
        ASN1Primitive v = extension(c, Extension.extendedKeyUsage.getId());
        if (v == null) {
            return c.getExtensionValue(Extension.extendedKeyUsage.getId()) == null ? null : List.of();
        }
        List<String> out = new ArrayList<>();
        try {
            for (KeyPurposeId id : ExtendedKeyUsage.getInstance(v).getUsages()) {
                out.add(id.getId());
            }
        } catch (RuntimeException e) {
            // malformed EKU: no purposes (Windows then allows none)
        }
        return out;
    }

    public static boolean keyUsageBitSet(KeyUsage ku, KeyUsageBit bit) {
        return ku.hasUsages(CertificateSigner.keyUsageMask(bit));
    }

    /** The subject key identifier, or null. */
    public static byte[] subjectKeyIdentifier(X509Certificate c) {
        ASN1Primitive v = extension(c, Extension.subjectKeyIdentifier.getId());
        try {
            return v == null ? null : SubjectKeyIdentifier.getInstance(v).getKeyIdentifier();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The authority key identifier's key id, or null. */
    public static byte[] authorityKeyIdentifier(X509Certificate c) {
        ASN1Primitive v = extension(c, Extension.authorityKeyIdentifier.getId());
        try {
            return v == null ? null : AuthorityKeyIdentifier.getInstance(v).getKeyIdentifierObject() == null ? null
                    : AuthorityKeyIdentifier.getInstance(v).getKeyIdentifierObject().getOctets();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Whether {@code issuer}'s key verifies {@code c}'s signature. */
    public static boolean signedBy(X509Certificate c, PublicKey issuerKey) {
        try {
            c.verify(issuerKey);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Whether the certificate names itself as issuer. */
    public static boolean selfIssued(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
    }

    /** Whether the certificate is self-issued and its own key verifies it. */
    public static boolean selfSigned(X509Certificate c) {
        return selfIssued(c) && signedBy(c, c.getPublicKey());
    }

    /** The key algorithm, e.g. {@code RSA}, {@code EC}, {@code Ed25519}. */
    public static String keyAlgorithm(PublicKey key) {
        return key.getAlgorithm();
    }

    /** The key size in bits: RSA modulus, EC field size; 0 when not known. */
    public static int keySize(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        String alg = key.getAlgorithm();
        return alg.equalsIgnoreCase("Ed25519") ? 256 : alg.equalsIgnoreCase("Ed448") ? 456 : 0;
    }

    /** The name of an EC key's curve, e.g. {@code P-256}, or null when the key is not EC. */
    public static String curveName(PublicKey key) {
        if (!(key instanceof ECPublicKey)) {
            return null;
        }
        try {
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(key.getEncoded());
            ASN1Encodable params = spki.getAlgorithm().getParameters();
            if (params instanceof ASN1ObjectIdentifier oid) {
                return NamedCurve.byOid(oid.getId()).map(NamedCurve::friendlyName).orElseGet(() -> {
                    String n = ECNamedCurveTable.getName(oid);
                    return n != null ? n : oid.getId();
                });
            }
            return "explicit curve parameters";
        } catch (RuntimeException e) {
            return "unknown curve";
        }
    }

    public static String digest(X509Certificate c, String algorithm) {
        try {
            return Hex.upper(MessageDigest.getInstance(algorithm).digest(c.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(algorithm + " of a certificate", e);
        }
    }

    /** The serial number as upper-case hex of whole bytes, the way Windows shows it. */
    public static String serialHex(BigInteger serial) {
        String hex = serial.toString(16).toUpperCase(Locale.ROOT);
        if (hex.startsWith("-")) {
            return hex;
        }
        return hex.length() % 2 == 1 ? "0" + hex : hex;
    }
}
