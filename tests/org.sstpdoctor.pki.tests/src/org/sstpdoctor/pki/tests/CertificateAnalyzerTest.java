package org.sstpdoctor.pki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sstpdoctor.pki.CertificateAnalyzer;
import org.sstpdoctor.pki.CertificateBuilder;
import org.sstpdoctor.pki.CertificateReport;
import org.sstpdoctor.pki.EkuVerdict;
import org.sstpdoctor.pki.ExtensionInfo;
import org.sstpdoctor.pki.ExtensionType;
import org.sstpdoctor.pki.IssuedCertificate;
import org.sstpdoctor.pki.KeyPurpose;
import org.sstpdoctor.pki.KeyType;
import org.sstpdoctor.pki.KeyUsageBit;
import org.sstpdoctor.pki.OidNames;
import org.sstpdoctor.pki.ValidityStatus;

/** The report of one certificate: every field, against certificates minted for it. */
class CertificateAnalyzerTest {

    private static final Instant NOW = TestPki.NOW;

    @ParameterizedTest(name = "valid {0} to {1} days from now, warn within {2}: {3}")
    @CsvSource({
            "-10, 100, 30, VALID, 100",
            "-10, 20, 30, EXPIRING_SOON, 20",
            "-10, 29, 30, EXPIRING_SOON, 29",
            "-10, 30, 30, VALID, 30", // 30 days and a second left: not within 30 days
            "-10, 31, 30, VALID, 31",
            "-400, -1, 30, EXPIRED, -1",
            "-400, -30, 30, EXPIRED, -30",
            "5, 400, 30, NOT_YET_VALID, 400",
            "-1, 5, 0, VALID, 5" })
    void validityAndDaysRemaining(long fromDays, long toDays, int warnDays, ValidityStatus status, long remaining) {
        IssuedCertificate c = TestPki.ISSUING.issue("v").validity(TestPki.daysFromNow(fromDays).plusSeconds(1),
                TestPki.daysFromNow(toDays).plusSeconds(1)).build();
        CertificateReport r = CertificateAnalyzer.analyze(c.certificate(), NOW, warnDays);
        assertEquals(status, r.validity());
        assertEquals(remaining, r.daysRemaining());
        assertEquals(status == ValidityStatus.EXPIRED, r.expired());
        assertEquals(status == ValidityStatus.NOT_YET_VALID, r.notYetValid());
        assertEquals(status == ValidityStatus.EXPIRING_SOON, r.expiringSoon());
        assertEquals(NOW, r.evaluatedAt());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "server auth,                 SERVER_AUTH,           SERVER_AUTHENTICATION,      true",
            "server and client auth,      SERVER_CLIENT,         SERVER_AUTHENTICATION,      true",
            "client auth only (KB 809),   CLIENT_AUTH,           CLIENT_AUTHENTICATION_ONLY, false",
            "client auth and email,       CLIENT_EMAIL,          CLIENT_AUTHENTICATION_ONLY, false",
            "no EKU extension,            NONE,                  NO_EKU_ANY_PURPOSE,         true",
            "any purpose,                 ANY,                   ANY_PURPOSE,                true",
            "code signing only,           CODE,                  NO_SERVER_AUTHENTICATION,   false",
            "an unknown purpose,          UNKNOWN,               NO_SERVER_AUTHENTICATION,   false" })
    void ekuVerdicts(String name, String profile, EkuVerdict verdict, boolean serverAuth) {
        CertificateBuilder b = TestPki.ISSUING.issue("eku");
        switch (profile) {
        case "SERVER_AUTH" -> b.extendedKeyUsage(KeyPurpose.SERVER_AUTHENTICATION);
        case "SERVER_CLIENT" -> b.extendedKeyUsage(KeyPurpose.CLIENT_AUTHENTICATION, KeyPurpose.SERVER_AUTHENTICATION);
        case "CLIENT_AUTH" -> b.extendedKeyUsage(KeyPurpose.CLIENT_AUTHENTICATION);
        case "CLIENT_EMAIL" -> b.extendedKeyUsage(KeyPurpose.CLIENT_AUTHENTICATION, KeyPurpose.SECURE_EMAIL);
        case "NONE" -> b.noExtendedKeyUsage();
        case "ANY" -> b.extendedKeyUsage(KeyPurpose.ANY_PURPOSE);
        case "CODE" -> b.extendedKeyUsage(KeyPurpose.CODE_SIGNING);
        default -> b.extendedKeyUsageOids("1.2.3.4.5");
        }
        CertificateReport r = CertificateAnalyzer.analyze(b.build().certificate(), NOW);
        assertEquals(verdict, r.ekuVerdict(), name);
        assertEquals(serverAuth, r.allowsServerAuthentication(), name);
        assertEquals(!profile.equals("NONE"), r.hasExtendedKeyUsage(), name);
    }

    @Test
    void ekuNamesAndRawOidFallback() {
        IssuedCertificate c = TestPki.ISSUING.issue("eku").extendedKeyUsageOids(KeyPurpose.SERVER_AUTHENTICATION.oid(),
                "1.3.6.1.4.1.99999.1").build();
        CertificateReport r = CertificateAnalyzer.analyze(c.certificate(), NOW);
        assertEquals(List.of("Server Authentication", "1.3.6.1.4.1.99999.1"), r.extendedKeyUsageNames());
        assertEquals(List.of(KeyPurpose.SERVER_AUTHENTICATION), r.keyPurposes());
        assertEquals("Server Authentication (1.3.6.1.5.5.7.3.1)", OidNames.describe("1.3.6.1.5.5.7.3.1"));
        assertEquals("1.3.6.1.4.1.99999.1", OidNames.describe("1.3.6.1.4.1.99999.1"));
        assertFalse(OidNames.isKnown("1.3.6.1.4.1.99999.1"));
        String eku = r.extension(ExtensionType.EXTENDED_KEY_USAGE.oid()).orElseThrow().value();
        assertEquals("Server Authentication (1.3.6.1.5.5.7.3.1)\n1.3.6.1.4.1.99999.1", eku);
    }

    @Test
    void rsaKeyNamesAndUrls() {
        IssuedCertificate c = TestPki.ISSUING.issue("vpn.contoso.com").subject("CN=vpn.contoso.com, O=Contoso, C=US")
                .keyType(KeyType.RSA_2048).dnsNames("vpn.contoso.com", "*.vpn.contoso.com")
                .ipAddresses("192.0.2.10", "2001:db8::1").crlDistributionPoints("http://crl.contoso.com/issuing.crl",
                        "ldap:///CN=Issuing,CN=CDP,DC=contoso,DC=com")
                .ocspUrls("http://ocsp.contoso.com").caIssuersUrls("http://pki.contoso.com/issuing.crt")
                .serialNumber(new BigInteger("0a1b2c", 16)).build();
        CertificateReport r = CertificateAnalyzer.analyze(c.certificate(), NOW);
        assertEquals("CN=vpn.contoso.com, O=Contoso, C=US", r.subject());
        assertEquals(List.of("vpn.contoso.com"), r.subjectCommonNames());
        assertEquals("CN=SSTP Doctor Test Issuing CA, O=SSTP Doctor Lab", r.issuer());
        assertEquals("0A1B2C", r.serialNumber());
        assertEquals("RSA", r.keyAlgorithm());
        assertEquals(2048, r.keySize());
        assertNull(r.curve());
        assertEquals("RSA 2048 bits", r.keyDescription());
        assertEquals("sha256ECDSA", r.signatureAlgorithm(), "signed by the EC issuing CA");
        assertFalse(r.weakSignature());
        assertEquals(List.of("vpn.contoso.com", "*.vpn.contoso.com"), r.sanDnsNames());
        assertEquals(List.of("192.0.2.10", "2001:db8::1"), r.sanIpAddresses());
        assertEquals(List.of("http://crl.contoso.com/issuing.crl", "ldap:///CN=Issuing,CN=CDP,DC=contoso,DC=com"),
                r.crlDistributionPoints());
        assertEquals(List.of("http://ocsp.contoso.com"), r.ocspUrls());
        assertEquals(List.of("http://pki.contoso.com/issuing.crt"), r.caIssuersUrls());
        assertEquals(Set.of(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.KEY_ENCIPHERMENT), r.keyUsage());
        assertTrue(r.hasKeyUsage());
        assertFalse(r.certificateAuthority());
        assertFalse(r.selfSigned());
        String san = r.extension(ExtensionType.SUBJECT_ALTERNATIVE_NAME.oid()).orElseThrow().value();
        assertEquals("DNS Name=vpn.contoso.com\nDNS Name=*.vpn.contoso.com\nIP Address=192.0.2.10\n"
                + "IP Address=2001:db8::1", san);
        String cdp = r.extension(ExtensionType.CRL_DISTRIBUTION_POINTS.oid()).orElseThrow().value();
        assertTrue(cdp.startsWith("[1] URL=http://crl.contoso.com/issuing.crl\n[2] URL=ldap:"), cdp);
        String aia = r.extension(ExtensionType.AUTHORITY_INFORMATION_ACCESS.oid()).orElseThrow().value();
        assertEquals("On-line Certificate Status Protocol: URL=http://ocsp.contoso.com\n"
                + "Certification Authority Issuer: URL=http://pki.contoso.com/issuing.crt", aia);
    }

    @Test
    void ecKeyAndCaFacts() {
        CertificateReport root = CertificateAnalyzer.analyze(TestPki.ROOT.certificate(), NOW);
        assertEquals("EC", root.keyAlgorithm());
        assertEquals(256, root.keySize());
        assertEquals("P-256", root.curve());
        assertEquals("EC P-256 (256 bits)", root.keyDescription());
        assertTrue(root.certificateAuthority());
        assertEquals(-1, root.pathLengthConstraint());
        assertTrue(root.selfSigned());
        assertEquals(Set.of(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.KEY_CERT_SIGN, KeyUsageBit.CRL_SIGN),
                root.keyUsage());
        ExtensionInfo basic = root.extension(ExtensionType.BASIC_CONSTRAINTS.oid()).orElseThrow();
        assertTrue(basic.critical());
        assertEquals("Subject Type=CA, Path Length Constraint=None", basic.value());
        assertEquals(EkuVerdict.NO_EKU_ANY_PURPOSE, root.ekuVerdict());
        ExtensionInfo first = root.extensions().get(0);
        assertTrue(first.critical(), "critical extensions first: " + root.extensions());
    }

    @Test
    void weakSignatureIsFlagged() {
        IssuedCertificate sha1 = org.sstpdoctor.pki.LabPki.selfSigned("old").keyType(KeyType.RSA_2048)
                .signatureAlgorithm("SHA1withRSA").build();
        CertificateReport r = CertificateAnalyzer.analyze(sha1.certificate(), NOW);
        assertEquals("sha1RSA", r.signatureAlgorithm());
        assertEquals("1.2.840.113549.1.1.5", r.signatureAlgorithmOid());
        assertTrue(r.weakSignature());
    }

    @Test
    void unknownExtensionsShowRaw() {
        IssuedCertificate c = TestPki.ISSUING.issue("x").extension("1.3.6.1.4.1.99999.7", false,
                new byte[] { 0x0C, 0x03, 'a', 'b', 'c' }).build();
        ExtensionInfo e = CertificateAnalyzer.analyze(c.certificate(), NOW).extension("1.3.6.1.4.1.99999.7")
                .orElseThrow();
        assertFalse(e.known());
        assertEquals("1.3.6.1.4.1.99999.7", e.name());
        assertTrue(e.value().contains("abc"), e.value());
    }

    @Test
    void thumbprintsAreUpperCaseHexOfTheEncoding() throws Exception {
        IssuedCertificate c = TestPki.ISSUING.issue("t").build();
        byte[] der = c.certificate().getEncoded();
        CertificateReport r = CertificateAnalyzer.analyze(c.certificate(), NOW);
        assertEquals(HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(der)),
                r.sha256Thumbprint());
        assertEquals(HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(der)),
                r.sha1Thumbprint());
        assertTrue(r.sha256Thumbprint().matches("[0-9A-F]{64}"));
        assertTrue(r.sha1Thumbprint().matches("[0-9A-F]{40}"));
    }

    @Test
    void noSanAndCnOnly() {
        IssuedCertificate c = TestPki.ISSUING.issue("cn-only.contoso.com").build();
        CertificateReport r = CertificateAnalyzer.analyze(c.certificate(), NOW);
        assertTrue(r.sanDnsNames().isEmpty());
        assertTrue(r.sanIpAddresses().isEmpty());
        assertTrue(r.extension(ExtensionType.SUBJECT_ALTERNATIVE_NAME.oid()).isEmpty());
        assertEquals(List.of("cn-only.contoso.com"), r.subjectCommonNames());
    }
}
