package org.sstpdoctor.pki;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.sstpdoctor.pki.internal.Certificates;
import org.sstpdoctor.pki.internal.ExtensionFormatters;

/** Analyses certificates into {@link CertificateReport}s. Stateless and thread-safe. */
public final class CertificateAnalyzer {

    /** The default warning window before expiry: 30 days. */
    public static final int DEFAULT_EXPIRING_WITHIN_DAYS = 30;

    private static final long SECONDS_PER_DAY = 86_400;

    private CertificateAnalyzer() {
    }

    /** The report of {@code c} at {@code at}, with the default 30-day warning window. */
    public static CertificateReport analyze(X509Certificate c, Instant at) {
        return analyze(c, at, DEFAULT_EXPIRING_WITHIN_DAYS);
    }

    /**
     * The report of {@code c} at {@code at}.
     *
     * @param expiringWithinDays a certificate that ends within this many days of {@code at} is
     *                           {@link ValidityStatus#EXPIRING_SOON}
     */
    public static CertificateReport analyze(X509Certificate c, Instant at, int expiringWithinDays) {
        Instant notBefore = c.getNotBefore().toInstant();
        Instant notAfter = c.getNotAfter().toInstant();
        long daysRemaining = Math.floorDiv(notAfter.getEpochSecond() - at.getEpochSecond(), SECONDS_PER_DAY);
        ValidityStatus validity = validity(notBefore, notAfter, at, expiringWithinDays);

        List<String> ekuOids = Certificates.extendedKeyUsageOids(c);
        boolean hasEku = ekuOids != null;
        List<String> ekus = hasEku ? ekuOids : List.of();

        ASN1Primitive kuValue = Certificates.extension(c, "2.5.29.15");
        Set<KeyUsageBit> keyUsage = EnumSet.noneOf(KeyUsageBit.class);
        if (kuValue != null) {
            try {
                KeyUsage ku = KeyUsage.getInstance(kuValue);
                for (KeyUsageBit bit : KeyUsageBit.values()) {
                    if (Certificates.keyUsageBitSet(ku, bit)) {
                        keyUsage.add(bit);
                    }
                }
            } catch (RuntimeException e) {
                // malformed key usage: no bits
            }
        }

        String sigOid = c.getSigAlgOID();
        SignatureAlgorithm sig = SignatureAlgorithm.byOid(sigOid).orElse(null);
        String sigName = sig != null ? sig.friendlyName() : c.getSigAlgName();
        boolean weak = sig != null ? sig.weak() : sigName.toUpperCase(Locale.ROOT).matches(".*(MD5|SHA1|SHA-1).*");

        List<String> ips = new ArrayList<>();
        for (byte[] ip : Certificates.sanIpAddresses(c)) {
            ips.add(Certificates.ipText(ip));
        }

        int basic = c.getBasicConstraints();
        boolean ca = basic >= 0;
        int pathLen = basic == Integer.MAX_VALUE || basic < 0 ? -1 : basic;

        return new CertificateReport(c, c.getSubjectX500Principal().toString(), Certificates.commonNames(c),
                c.getIssuerX500Principal().toString(), Certificates.serialHex(c.getSerialNumber()), notBefore,
                notAfter, at, daysRemaining, expiringWithinDays, validity, ekus, hasEku, ekuVerdict(hasEku, ekus),
                keyUsage, kuValue != null, Certificates.keyAlgorithm(c.getPublicKey()),
                Certificates.keySize(c.getPublicKey()), Certificates.curveName(c.getPublicKey()), sigName, sigOid,
                weak, Certificates.sanDnsNames(c), ips, Certificates.sanOtherNames(c),
                Certificates.crlDistributionPoints(c), Certificates.ocspUrls(c), Certificates.caIssuersUrls(c), ca,
                pathLen, Certificates.selfSigned(c), Thumbprints.sha1(c), Thumbprints.sha256(c), extensions(c));
    }

    /** The reports of every certificate of a chain, in order, with the default warning window. */
    public static List<CertificateReport> analyzeAll(List<X509Certificate> chain, Instant at) {
        return chain.stream().map(c -> analyze(c, at, DEFAULT_EXPIRING_WITHIN_DAYS)).toList();
    }

    /** Where {@code at} falls in [notBefore, notAfter] (both inclusive, as Windows counts them). */
    public static ValidityStatus validity(Instant notBefore, Instant notAfter, Instant at, int expiringWithinDays) {
        if (at.isBefore(notBefore)) {
            return ValidityStatus.NOT_YET_VALID;
        }
        if (at.isAfter(notAfter)) {
            return ValidityStatus.EXPIRED;
        }
        if (!at.plusSeconds(expiringWithinDays * SECONDS_PER_DAY).isBefore(notAfter)) {
            return ValidityStatus.EXPIRING_SOON;
        }
        return ValidityStatus.VALID;
    }

    /** What a certificate's EKU list means for a TLS server; {@code hasEku} false means no extension. */
    public static EkuVerdict ekuVerdict(boolean hasEku, List<String> ekuOids) {
        if (!hasEku) {
            return EkuVerdict.NO_EKU_ANY_PURPOSE;
        }
        if (ekuOids.contains(KeyPurpose.SERVER_AUTHENTICATION.oid())) {
            return EkuVerdict.SERVER_AUTHENTICATION;
        }
        if (ekuOids.contains(KeyPurpose.ANY_PURPOSE.oid())) {
            return EkuVerdict.ANY_PURPOSE;
        }
        if (ekuOids.contains(KeyPurpose.CLIENT_AUTHENTICATION.oid())) {
            return EkuVerdict.CLIENT_AUTHENTICATION_ONLY;
        }
        return EkuVerdict.NO_SERVER_AUTHENTICATION;
    }

    /** Every extension of {@code c}, critical ones first, each in OID order, formatted. */
    public static List<ExtensionInfo> extensions(X509Certificate c) {
        List<ExtensionInfo> out = new ArrayList<>();
        for (boolean critical : new boolean[] { true, false }) {
            Set<String> oids = critical ? c.getCriticalExtensionOIDs() : c.getNonCriticalExtensionOIDs();
            if (oids == null) {
                continue;
            }
            for (String oid : new TreeSet<>(oids)) {
                byte[] value = Certificates.extensionOctets(c, oid);
                String text = value == null ? "(unreadable)" : ExtensionFormatters.format(oid, value);
                out.add(new ExtensionInfo(oid, OidNames.name(oid), critical, text));
            }
        }
        return out;
    }
}
