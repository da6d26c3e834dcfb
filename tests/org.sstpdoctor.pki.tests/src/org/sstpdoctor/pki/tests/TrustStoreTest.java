package org.sstpdoctor.pki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.pki.CertificateFormatException;
import org.sstpdoctor.pki.CertificateFormatException.Reason;
import org.sstpdoctor.pki.CertificateWriter;
import org.sstpdoctor.pki.PasswordProvider;
import org.sstpdoctor.pki.TrustStore;

/** The clients' trust, from the JDK, a file, a folder or code: always chosen, never implied. */
class TrustStoreTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @Test
    void jdkCacertsHoldsThePublicRoots() throws Exception {
        TrustStore jdk = TrustStore.jdkCacerts();
        assertEquals(TrustStore.Kind.JDK_CACERTS, jdk.kind());
        assertTrue(jdk.certificates().size() > 50, jdk.toString());
        assertEquals(jdk.certificates().size(), jdk.anchors().size());
        assertFalse(jdk.contains(TestPki.ROOT.certificate()), "a lab root is not a public root");
    }

    @Test
    void fromPemBundleAndP7b(@TempDir Path dir) throws Exception {
        Path pem = dir.resolve("roots.pem");
        Files.writeString(pem, CertificateWriter.pem(List.of(TestPki.ROOT.certificate(),
                TestPki.FOREIGN_ROOT.certificate(), TestPki.ROOT.certificate())), StandardCharsets.US_ASCII);
        TrustStore fromPem = TrustStore.fromFile(pem, PasswordProvider.NONE);
        assertEquals(2, fromPem.certificates().size(), "duplicates dropped");
        assertTrue(fromPem.contains(TestPki.ROOT.certificate()));
        assertEquals(TrustStore.Kind.FILE, fromPem.kind());

        Path p7b = dir.resolve("roots.p7b");
        Files.write(p7b, CertificateWriter.pkcs7(List.of(TestPki.ROOT.certificate())));
        assertTrue(TrustStore.fromFile(p7b, PasswordProvider.NONE).contains(TestPki.ROOT.certificate()));
    }

    @Test
    void fromPkcs12TrustStoreNeedsItsPassword(@TempDir Path dir) throws Exception {
        Path p12 = dir.resolve("truststore.p12");
        Files.write(p12, CertificateWriter.pkcs12TrustStore(List.of(TestPki.ROOT.certificate()), PASSWORD));
        assertTrue(TrustStore.fromFile(p12, PasswordProvider.of(PASSWORD)).contains(TestPki.ROOT.certificate()));
        CertificateFormatException none = assertThrows(CertificateFormatException.class,
                () -> TrustStore.fromFile(p12, PasswordProvider.NONE), "its certificates are encrypted");
        assertEquals(Reason.PASSWORD_REQUIRED, none.reason(), none.getMessage());
        assertTrue(none.getMessage().contains("without the store's password"), none.getMessage());
        CertificateFormatException wrong = assertThrows(CertificateFormatException.class,
                () -> TrustStore.fromFile(p12, PasswordProvider.of("nope".toCharArray())));
        assertEquals(Reason.WRONG_PASSWORD, wrong.reason(), wrong.getMessage());
    }

    @Test
    void fromJavaKeystore(@TempDir Path dir) throws Exception {
        KeyStore jks = KeyStore.getInstance("JKS");
        jks.load(null, null);
        jks.setCertificateEntry("lab", TestPki.ROOT.certificate());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        jks.store(out, PASSWORD);
        Path file = dir.resolve("cacerts.jks");
        Files.write(file, out.toByteArray());
        TrustStore trust = TrustStore.fromFile(file, PasswordProvider.of(PASSWORD));
        assertEquals(1, trust.certificates().size());
        assertTrue(TrustStore.fromFile(file, PasswordProvider.NONE).contains(TestPki.ROOT.certificate()));
    }

    @Test
    void fromFolderSkipsWhatIsNotACertificate(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("lab-root.crt"), CertificateWriter.pem(TestPki.ROOT.certificate()));
        Files.write(dir.resolve("other-root.cer"), CertificateWriter.der(TestPki.FOREIGN_ROOT.certificate()));
        Files.writeString(dir.resolve("README.txt"), "Roots pushed by Group Policy");
        Files.createDirectory(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub").resolve("ignored.crt"), CertificateWriter.pem(TestPki.ISSUING.certificate()));
        TrustStore trust = TrustStore.fromFolder(dir);
        assertEquals(TrustStore.Kind.FOLDER, trust.kind());
        assertEquals(2, trust.certificates().size());
        assertFalse(trust.contains(TestPki.ISSUING.certificate()), "sub-folders are not read");
        assertEquals(1, trust.skipped().size());
        assertTrue(trust.skipped().get(0).contains("README.txt"), trust.skipped().toString());
    }

    @Test
    void folderWithoutCertificatesIsAnError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "nothing here");
        CertificateFormatException e = assertThrows(CertificateFormatException.class, () -> TrustStore.fromFolder(dir));
        assertEquals(Reason.NO_CERTIFICATES, e.reason());
        assertTrue(e.getMessage().contains("notes.txt"), e.getMessage());
        assertEquals(Reason.UNREADABLE, assertThrows(CertificateFormatException.class,
                () -> TrustStore.fromFolder(dir.resolve("missing"))).reason());
    }

    @Test
    void emptyTrustIsAllowedInCode() {
        TrustStore none = TrustStore.of("a client that trusts nothing", List.of());
        assertTrue(none.isEmpty());
        assertTrue(none.withSubject(TestPki.ROOT.certificate().getSubjectX500Principal()).isEmpty());
    }
}
