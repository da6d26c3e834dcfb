package org.sstpdoctor.pki.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sstpdoctor.pki.CertificateAnalyzer;
import org.sstpdoctor.pki.CertificateReader;
import org.sstpdoctor.pki.CertificateReport;
import org.sstpdoctor.pki.CertificateRequest;
import org.sstpdoctor.pki.CertificateWriter;
import org.sstpdoctor.pki.CsrBuilder;
import org.sstpdoctor.pki.IssuedCertificate;
import org.sstpdoctor.pki.KeyType;
import org.sstpdoctor.pki.LabPki;
import org.sstpdoctor.pki.PasswordProvider;
import org.sstpdoctor.pki.RevocationReason;

/** The lab generator and the renewal CSR, checked by parsing their output back with Bouncy Castle. */
class LabPkiTest {

    @Test
    void csrParsesBackWithSubjectSanAndServerAuthentication() throws Exception {
        CertificateRequest csr = CsrBuilder.forSubject("CN=vpn.contoso.com, O=Contoso, C=US")
                .dnsNames("vpn.contoso.com", "sstp.contoso.com").ipAddresses("192.0.2.10").build();
        assertTrue(csr.pem().startsWith("-----BEGIN CERTIFICATE REQUEST-----\n"), csr.pem());
        PKCS10CertificationRequest parsed;
        try (PEMParser p = new PEMParser(new StringReader(csr.pem()))) {
            parsed = (PKCS10CertificationRequest) p.readObject();
        }
        assertArrayEquals(csr.der(), parsed.getEncoded());
        assertTrue(parsed.isSignatureValid(new JcaContentVerifierProviderBuilder().build(parsed.getSubjectPublicKeyInfo())),
                "self-signed with its new key");
        assertEquals(new javax.security.auth.x500.X500Principal("CN=vpn.contoso.com, O=Contoso, C=US"),
                new javax.security.auth.x500.X500Principal(parsed.getSubject().getEncoded()));
        Attribute[] attrs = parsed.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest);
        assertEquals(1, attrs.length);
        Extensions ext = Extensions.getInstance(attrs[0].getAttrValues().getObjectAt(0));
        GeneralNames san = GeneralNames.fromExtensions(ext, Extension.subjectAlternativeName);
        List<String> names = new ArrayList<>();
        for (GeneralName n : san.getNames()) {
            names.add(n.getTagNo() == GeneralName.iPAddress
                    ? java.net.InetAddress.getByAddress(
                            org.bouncycastle.asn1.ASN1OctetString.getInstance(n.getName()).getOctets()).getHostAddress()
                    : n.getName().toString());
        }
        assertEquals(List.of("vpn.contoso.com", "sstp.contoso.com", "192.0.2.10"), names);
        ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(ext);
        assertTrue(eku.hasKeyPurposeId(KeyPurposeId.id_kp_serverAuth));
        assertEquals(1, eku.size());
        KeyUsage ku = KeyUsage.fromExtensions(ext);
        assertTrue(ku.hasUsages(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        assertTrue(ext.getExtension(Extension.keyUsage).isCritical());
        assertEquals("RSA", csr.keyPair().getPublic().getAlgorithm());
        assertEquals(2048, ((RSAPublicKey) csr.keyPair().getPublic()).getModulus().bitLength());
    }

    @Test
    void privateKeyIsPkcs8PemAndMatchesTheRequest() throws Exception {
        CertificateRequest csr = CsrBuilder.forSubject("CN=vpn").keyType(KeyType.EC_P256).build();
        String pem = csr.privateKeyPem();
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertFalse(csr.pem().contains("PRIVATE"), "the CSR does not carry the key");
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        assertSignsFor(key, csr);

        String encrypted = csr.encryptedPrivateKeyPem("s3cret".toCharArray());
        assertTrue(encrypted.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        PKCS8EncryptedPrivateKeyInfo info;
        try (PEMParser p = new PEMParser(new StringReader(encrypted))) {
            info = (PKCS8EncryptedPrivateKeyInfo) p.readObject();
        }
        byte[] decrypted = info.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build("s3cret".toCharArray())).getEncoded();
        assertSignsFor(KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(decrypted)), csr);
    }

    private static void assertSignsFor(PrivateKey key, CertificateRequest csr) throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(key);
        s.update(new byte[] { 1, 2, 3 });
        byte[] sig = s.sign();
        Signature v = Signature.getInstance("SHA256withECDSA");
        v.initVerify(csr.keyPair().getPublic());
        v.update(new byte[] { 1, 2, 3 });
        assertTrue(v.verify(sig), "the written key is the request's key");
    }

    @Test
    void renewalKeepsSubjectNamesAndKeyType() throws Exception {
        IssuedCertificate current = TestPki.ISSUING.issue("vpn.contoso.com").subject("CN=vpn.contoso.com, O=Contoso")
                .dnsNames("vpn.contoso.com").ipAddresses("192.0.2.10").keyType(KeyType.EC_P256).build();
        CertificateRequest csr = CsrBuilder.renewalOf(current.certificate()).dnsNames("vpn2.contoso.com").build();
        assertEquals("CN=vpn.contoso.com, O=Contoso", csr.subject());
        assertEquals(List.of("vpn.contoso.com", "vpn2.contoso.com"), csr.dnsNames());
        assertEquals(List.of("192.0.2.10"), csr.ipAddresses());
        assertTrue(csr.keyPair().getPublic() instanceof ECPublicKey);
        assertFalse(csr.keyPair().getPublic().equals(current.keyPair().getPublic()), "a new key");
    }

    @Test
    void writesTheKeyForItsOwnerOnly(@TempDir Path dir) throws Exception {
        CertificateRequest csr = CsrBuilder.forSubject("CN=vpn").keyType(KeyType.EC_P256).build();
        Path csrFile = dir.resolve("vpn.csr");
        Path keyFile = dir.resolve("vpn.key");
        csr.write(csrFile, keyFile);
        assertEquals(csr.pem(), Files.readString(csrFile));
        assertEquals(csr.privateKeyPem(), Files.readString(keyFile));
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        }
        assertThrowsIo(() -> csr.write(csrFile, keyFile));
    }

    private static void assertThrowsIo(org.junit.jupiter.api.function.Executable e) {
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, e, "an existing key file is kept");
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = { "RSA_2048", "EC_P256" })
    void serverCertificatesOfBothKeyTypes(KeyType type) {
        IssuedCertificate c = TestPki.ISSUING.issue("vpn.contoso.com").keyType(type).dnsNames("vpn.contoso.com")
                .ipAddresses("192.0.2.10").validity(TestPki.daysFromNow(-1), TestPki.daysFromNow(90)).build();
        CertificateReport r = CertificateAnalyzer.analyze(c.certificate(), TestPki.NOW);
        assertEquals(type == KeyType.RSA_2048 ? "RSA" : "EC", r.keyAlgorithm());
        assertEquals(type.bits(), r.keySize());
        assertEquals(90, r.daysRemaining());
        assertTrue(r.allowsServerAuthentication());
        assertEquals(List.of("vpn.contoso.com"), r.sanDnsNames());
        assertEquals(List.of("192.0.2.10"), r.sanIpAddresses());
        assertEquals(3, c.chain().size());
        assertEquals(2, c.presentedChain().size());
        assertTrue(r.caIssuersUrls().isEmpty());
    }

    @Test
    void crlCarriesRevokedSerialsAndUpdates() throws Exception {
        X509CRL crl = TestPki.ISSUING.crl().thisUpdate(TestPki.daysFromNow(-1)).nextUpdate(TestPki.daysFromNow(6))
                .revoke(BigInteger.valueOf(77), TestPki.daysFromNow(-2), RevocationReason.KEY_COMPROMISE)
                .number(BigInteger.valueOf(5)).build();
        crl.verify(TestPki.ISSUING.certificate().getPublicKey());
        assertEquals(TestPki.ISSUING.certificate().getSubjectX500Principal(), crl.getIssuerX500Principal());
        assertNotNull(crl.getRevokedCertificate(BigInteger.valueOf(77)));
        assertEquals(java.security.cert.CRLReason.KEY_COMPROMISE,
                crl.getRevokedCertificate(BigInteger.valueOf(77)).getRevocationReason());
        assertEquals(TestPki.daysFromNow(6).getEpochSecond(), crl.getNextUpdate().toInstant().getEpochSecond());
        assertTrue(CertificateWriter.pem(crl).startsWith("-----BEGIN X509 CRL-----"));
    }

    @Test
    void pfxExportRoundTrips() throws Exception {
        IssuedCertificate c = TestPki.ISSUING.issue("vpn").keyType(KeyType.RSA_2048).build();
        byte[] pfx = CertificateWriter.pkcs12(c.privateKey(), c.chain(), "vpn", "pw".toCharArray());
        var loaded = new CertificateReader(PasswordProvider.of("pw".toCharArray())).read(pfx, "vpn.pfx");
        assertEquals(c.chain(), loaded.certificates());
        assertTrue(loaded.containsPrivateKey());
    }

    @Test
    void serialNumbersAreUniqueAndPositive() {
        BigInteger a = TestPki.ISSUING.issue("a").build().certificate().getSerialNumber();
        BigInteger b = TestPki.ISSUING.issue("a").build().certificate().getSerialNumber();
        assertTrue(a.signum() > 0 && b.signum() > 0);
        assertFalse(a.equals(b));
    }
}
