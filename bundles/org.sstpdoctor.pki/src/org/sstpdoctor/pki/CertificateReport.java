package org.sstpdoctor.pki;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one certificate says, analysed at a given moment: names, validity, purposes, key,
 * signature, revocation URLs, thumbprints and every extension. Made by
 * {@link CertificateAnalyzer#analyze(X509Certificate, Instant, int)}.
 *
 * @param certificate            the certificate
 * @param subject                the subject name, e.g. {@code CN=vpn.contoso.com, O=Contoso}
 * @param subjectCommonNames     the subject's CN values
 * @param issuer                 the issuer name
 * @param serialNumber           the serial number, upper-case hex
 * @param notBefore              start of validity
 * @param notAfter               end of validity
 * @param evaluatedAt            the moment the validity was judged at
 * @param daysRemaining          whole days from {@code evaluatedAt} to {@code notAfter} (negative
 *                               once expired)
 * @param expiringWithinDays     the warning window the status used
 * @param validity               the validity at {@code evaluatedAt}
 * @param extendedKeyUsageOids   the EKU OIDs, in order; empty when there is no EKU extension
 * @param hasExtendedKeyUsage    whether there is an EKU extension
 * @param ekuVerdict             what the EKU means for an SSTP server
 * @param keyUsage               the Key Usage bits set; empty when there is no Key Usage extension
 * @param hasKeyUsage            whether there is a Key Usage extension
 * @param keyAlgorithm           the key algorithm: {@code RSA}, {@code EC}, ...
 * @param keySize                the key size in bits (RSA modulus, EC field)
 * @param curve                  the EC curve, e.g. {@code P-256}; null for other keys
 * @param signatureAlgorithm     the signature algorithm's Windows name, e.g. {@code sha256RSA}
 * @param signatureAlgorithmOid  its OID
 * @param weakSignature          whether the signature rests on MD5 or SHA-1
 * @param sanDnsNames            the SAN DNS names, as written
 * @param sanIpAddresses         the SAN IP addresses, in text form
 * @param sanOtherNames          other SAN entries, described
 * @param crlDistributionPoints  the CRL distribution point URLs (any scheme)
 * @param ocspUrls               the AIA OCSP URLs
 * @param caIssuersUrls          the AIA caIssuers URLs
 * @param certificateAuthority   whether Basic Constraints says CA
 * @param pathLengthConstraint   the Basic Constraints path length, -1 when none
 * @param selfSigned             whether it is its own issuer and its key verifies it
 * @param sha1Thumbprint         SHA-1 thumbprint, 40 upper-case hex digits
 * @param sha256Thumbprint       SHA-256 thumbprint, 64 upper-case hex digits
 * @param extensions             every extension, formatted
 */
public record CertificateReport(X509Certificate certificate, String subject, List<String> subjectCommonNames,
        String issuer, String serialNumber, Instant notBefore, Instant notAfter, Instant evaluatedAt,
        long daysRemaining, int expiringWithinDays, ValidityStatus validity, List<String> extendedKeyUsageOids,
        boolean hasExtendedKeyUsage, EkuVerdict ekuVerdict, Set<KeyUsageBit> keyUsage, boolean hasKeyUsage,
        String keyAlgorithm, int keySize, String curve, String signatureAlgorithm, String signatureAlgorithmOid,
        boolean weakSignature, List<String> sanDnsNames, List<String> sanIpAddresses, List<String> sanOtherNames,
        List<String> crlDistributionPoints, List<String> ocspUrls, List<String> caIssuersUrls,
        boolean certificateAuthority, int pathLengthConstraint, boolean selfSigned, String sha1Thumbprint,
        String sha256Thumbprint, List<ExtensionInfo> extensions) {

    public CertificateReport {
        Objects.requireNonNull(certificate, "certificate");
        subjectCommonNames = List.copyOf(subjectCommonNames);
        extendedKeyUsageOids = List.copyOf(extendedKeyUsageOids);
        keyUsage = keyUsage.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(keyUsage));
        sanDnsNames = List.copyOf(sanDnsNames);
        sanIpAddresses = List.copyOf(sanIpAddresses);
        sanOtherNames = List.copyOf(sanOtherNames);
        crlDistributionPoints = List.copyOf(crlDistributionPoints);
        ocspUrls = List.copyOf(ocspUrls);
        caIssuersUrls = List.copyOf(caIssuersUrls);
        extensions = List.copyOf(extensions);
    }

    /** The EKUs this model knows by name, in order (unknown OIDs are in {@link #extendedKeyUsageOids()}). */
    public List<KeyPurpose> keyPurposes() {
        List<KeyPurpose> out = new ArrayList<>();
        for (String oid : extendedKeyUsageOids) {
            KeyPurpose.byOid(oid).ifPresent(out::add);
        }
        return out;
    }

    /** The EKUs by friendly name, raw OID for unknown ones, e.g. {@code [Server Authentication, 1.2.3.4]}. */
    public List<String> extendedKeyUsageNames() {
        return extendedKeyUsageOids.stream().map(OidNames::name).toList();
    }

    /** Whether Server Authentication is allowed (listed, Any Purpose, or no EKU extension at all). */
    public boolean allowsServerAuthentication() {
        return ekuVerdict.allowsServerAuthentication();
    }

    /** e.g. {@code RSA 2048 bits} or {@code EC P-256 (256 bits)}. */
    public String keyDescription() {
        return curve != null ? keyAlgorithm + " " + curve + " (" + keySize + " bits)"
                : keyAlgorithm + (keySize > 0 ? " " + keySize + " bits" : "");
    }

    /** How a registry hash (Sha256CertificateHash or Sha1CertificateHash) compares with this certificate. */
    public HashMatch compareRegistryHash(String registryHash) {
        return Thumbprints.compare(sha256Thumbprint, sha1Thumbprint, registryHash);
    }

    /** Whether a registry hash is this certificate's SHA-256 or SHA-1 thumbprint. */
    public boolean matchesRegistryHash(String registryHash) {
        return compareRegistryHash(registryHash).matches();
    }

    /** The extension with {@code oid}, if present. */
    public Optional<ExtensionInfo> extension(String oid) {
        return extensions.stream().filter(e -> e.oid().equals(oid)).findFirst();
    }

    /** Whether the validity status is {@link ValidityStatus#EXPIRED}. */
    public boolean expired() {
        return validity == ValidityStatus.EXPIRED;
    }

    /** Whether the validity status is {@link ValidityStatus#NOT_YET_VALID}. */
    public boolean notYetValid() {
        return validity == ValidityStatus.NOT_YET_VALID;
    }

    /** Whether it ends within the warning window (and has not ended yet). */
    public boolean expiringSoon() {
        return validity == ValidityStatus.EXPIRING_SOON;
    }
}
