package org.sstpdoctor.kb947031.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.Severity;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.remediation.IRemediation;
import org.sstpdoctor.core.remediation.PlanStep;
import org.sstpdoctor.core.remediation.RemediationDescriptor;
import org.sstpdoctor.core.remediation.RemediationOutcome;
import org.sstpdoctor.core.remediation.RemediationPlan;
import org.sstpdoctor.core.remediation.RemediationRegistry;
import org.sstpdoctor.kb947031.KbFindings;
import org.sstpdoctor.pki.IssuedCertificate;
import org.sstpdoctor.probe.tests.SstpResponder;

/**
 * The quick fixes that write files instead of changing a server: a certificate request with its
 * key, the root CA with client install scripts, a note for the PKI team. Each plan shows the
 * files, writes nothing; applying writes them.
 */
class FileRemediationsTest {

    @TempDir
    static Path shared;

    @TempDir
    Path out;

    @BeforeAll
    static void clientsTrustTheTestRoot() throws Exception {
        Pki.trustRoot(shared);
    }

    @AfterAll
    static void restoreTrust() throws Exception {
        Pki.untrust();
    }

    private static IRemediation fix(String id) throws Exception {
        RemediationDescriptor d = RemediationRegistry.getDefault().remediation("org.sstpdoctor.kb947031.fix." + id)
                .orElseThrow();
        assertFalse(d.changesServer(), id + " only writes files");
        return d.createRemediation();
    }

    private static List<Path> planned(RemediationPlan plan) {
        return plan.steps().stream().filter(s -> s.kind() == PlanStep.Kind.FILE).map(s -> Path.of(s.target())).toList();
    }

    @Test
    void aRenewalRequestForAnIpHost() throws Exception {
        Server server = TestServers.server(Pki.HOST, 443, ManagementChannel.NONE);
        Finding finding = Finding.of(KbFindings.BOUND_CERTIFICATE_EXPIRED, Severity.ERROR, "expired");
        IRemediation csr = fix("renewalRequest");
        assertTrue(csr.appliesTo(finding, server));
        TestContext context = new TestContext(server, finding, out.resolve("files"), null);
        RemediationPlan plan = csr.plan(context, null);
        assertFalse(plan.changesServer());
        List<Path> files = planned(plan);
        assertEquals(3, files.size());
        assertTrue(files.stream().noneMatch(Files::exists), "planning writes nothing");

        RemediationOutcome outcome = csr.apply(plan, context, null);
        assertTrue(outcome.succeeded(), outcome.output());
        assertEquals(files, outcome.files());

        PKCS10CertificationRequest request;
        try (PEMParser pem = new PEMParser(new StringReader(Files.readString(files.get(0))))) {
            request = (PKCS10CertificationRequest) pem.readObject();
        }
        assertEquals("CN=127.0.0.1", request.getSubject().toString());
        assertTrue(request.isSignatureValid(new JcaContentVerifierProviderBuilder()
                .build(new JcaPKCS10CertificationRequest(request).getPublicKey())));
        Extensions ext = Extensions.getInstance(request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)[0]
                .getAttrValues().getObjectAt(0));
        GeneralName[] san = GeneralNames.fromExtensions(ext, Extension.subjectAlternativeName).getNames();
        assertEquals(1, san.length);
        assertEquals(GeneralName.iPAddress, san[0].getTagNo());
        assertTrue(ExtendedKeyUsage.fromExtensions(ext).hasKeyPurposeId(KeyPurposeId.id_kp_serverAuth));

        Path key = files.get(1);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        String keyPem = Files.readString(key);
        assertTrue(keyPem.startsWith("-----BEGIN PRIVATE KEY-----"), "PKCS#8 PEM");
        byte[] der = Base64.getMimeDecoder().decode(keyPem.replaceAll("-----[A-Z ]+-----", ""));
        var publicKey = new JcaPKCS10CertificationRequest(request).getPublicKey();
        var privateKey = KeyFactory.getInstance(publicKey.getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(der));
        assertEquals(publicKey.getAlgorithm(), privateKey.getAlgorithm());
        assertTrue(Files.readString(files.get(2)).contains("_continue_ = \"ipaddress=127.0.0.1&\""));
        try (var listing = Files.list(files.get(0).getParent())) {
            assertEquals(3, listing.count(), "no temporary file is left behind");
        }

        RemediationOutcome again = csr.apply(plan, context, null);
        assertFalse(again.succeeded(), "a key file is never replaced");
        assertEquals(keyPem, Files.readString(key));
    }

    @Test
    void aRenewalRequestForADnsName() throws Exception {
        Server server = TestServers.server("vpn.example.org", 443, ManagementChannel.NONE);
        TestContext context = new TestContext(server, Finding.of(KbFindings.CERTIFICATE_NAME_MISMATCH, Severity.ERROR,
                "x"), out, null);
        IRemediation csr = fix("renewalRequest");
        RemediationPlan plan = csr.plan(context, null);
        assertTrue(csr.apply(plan, context, null).succeeded());
        PKCS10CertificationRequest request;
        try (PEMParser pem = new PEMParser(new StringReader(Files.readString(planned(plan).get(0))))) {
            request = (PKCS10CertificationRequest) pem.readObject();
        }
        Extensions ext = Extensions.getInstance(request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)[0]
                .getAttrValues().getObjectAt(0));
        GeneralName san = GeneralNames.fromExtensions(ext, Extension.subjectAlternativeName).getNames()[0];
        assertEquals(GeneralName.dNSName, san.getTagNo());
        assertEquals("vpn.example.org", san.getName().toString());
    }

    @Test
    void theRootCaWithClientInstallScripts() throws Exception {
        IssuedCertificate foreign = Pki.FOREIGN.issue(Pki.HOST).ipAddresses(Pki.HOST).build();
        Finding finding = Scenarios.finding(Scenarios.presenting(shared, foreign, SstpResponder.Mode.ACK),
                KbFindings.ROOT_NOT_TRUSTED_BY_CLIENTS);
        IRemediation kit = fix("rootCaInstallKit");
        Server server = TestServers.server(Pki.HOST, 443, ManagementChannel.NONE);
        assertTrue(kit.appliesTo(finding, server));
        TestContext context = new TestContext(server, finding, out, null);
        RemediationPlan plan = kit.plan(context, null);
        List<Path> files = planned(plan);
        assertTrue(files.stream().noneMatch(Files::exists));
        assertTrue(kit.apply(plan, context, null).succeeded());

        X509Certificate root = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(files.get(0))));
        assertArrayEquals(Pki.FOREIGN.certificate().getEncoded(), root.getEncoded());
        String thumbprint = WindowsOutputs.hash("SHA-1", root);
        String ps1 = Files.readString(files.get(1));
        assertTrue(ps1.contains("Import-Certificate -FilePath $file -CertStoreLocation Cert:\\LocalMachine\\Root"), ps1);
        assertTrue(ps1.contains("'" + thumbprint + "'"), "checks the thumbprint first");
        assertTrue(ps1.contains("'" + files.get(0).getFileName() + "'"), ps1);
        String cmd = Files.readString(files.get(2));
        assertTrue(cmd.contains("certutil -addstore Root \"%~dp0" + files.get(0).getFileName() + "\""), cmd);
        assertTrue(plan.summary().contains(thumbprint));
    }

    @Test
    void aNoteForThePkiTeam() throws Exception {
        String crl = "http://127.0.0.1:" + Pki.closedPort() + "/kbnote.crl";
        IssuedCertificate cert = Pki.ROOT.issue(Pki.HOST).ipAddresses(Pki.HOST).crlDistributionPoints(crl).build();
        Finding finding = Scenarios.finding(Scenarios.presenting(shared, cert, SstpResponder.Mode.ACK),
                KbFindings.CRL_UNREACHABLE);
        IRemediation note = fix("revocationNote");
        Server server = TestServers.server(Pki.HOST, 443, ManagementChannel.NONE);
        assertTrue(note.appliesTo(finding, server));
        TestContext context = new TestContext(server, finding, out, null);
        RemediationPlan plan = note.plan(context, null);
        assertEquals(1, planned(plan).size());
        assertTrue(plan.steps().get(0).text().contains(crl), "the plan shows the note");
        assertTrue(note.apply(plan, context, null).succeeded());
        String text = Files.readString(planned(plan).get(0), StandardCharsets.UTF_8);
        assertTrue(text.contains("  " + crl + "\r\n"), text);
        assertTrue(text.contains("0x80092013"), text);
        assertFalse(note.appliesTo(Finding.of(KbFindings.CRL_UNREACHABLE, Severity.ERROR, "no evidence"), server));
    }
}
