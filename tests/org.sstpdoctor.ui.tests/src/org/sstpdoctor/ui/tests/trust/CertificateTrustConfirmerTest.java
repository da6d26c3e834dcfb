package org.sstpdoctor.ui.tests.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstpdoctor.ui.tests.UiTestSupport.onShell;
import static org.sstpdoctor.ui.tests.UiTestSupport.press;
import static org.sstpdoctor.ui.tests.UiTestSupport.texts;
import static org.sstpdoctor.ui.tests.UiTestSupport.waitFor;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.sstpdoctor.remote.winrm.CertificateInfo;
import org.sstpdoctor.remote.winrm.ICertificateTrustConfirmer;
import org.sstpdoctor.ui.internal.trust.CertificateTrustDialogConfirmer;
import org.sstpdoctor.ui.tests.UiTestSupport.Answer;

/** The workbench answers untrusted WinRM HTTPS certificates with a dialog, registered as the confirmer service. */
class CertificateTrustConfirmerTest {

    static final String SHA256 = "3F:1A:00:7C:9B:22:D4:E5:10:AA:BB:CC:DD:EE:FF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89"
            + ":AB:CD:EF:42";
    static final String SHA1 = "0123456789ABCDEF0123456789ABCDEF01234567";

    static CertificateInfo info(Instant notBefore, Instant notAfter) {
        return new CertificateInfo("emea/vpn1 (vpn1.contoso.com:5986)", "vpn1.contoso.com", 5986,
                "CN=vpn1.contoso.com", "CN=Contoso Issuing CA 2, DC=contoso, DC=com", SHA256, SHA1, notBefore,
                notAfter, "the certificate chain does not verify against the trusted roots (no path)",
                Path.of("/tmp/state/winrm_certificates"), null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "Trust and Connect, true", "Refuse, false" })
    void theWorkbenchAsksThePerson(String button, boolean trusted) throws Exception {
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        ServiceReference<ICertificateTrustConfirmer> ref = context.getServiceReference(
                ICertificateTrustConfirmer.class);
        assertNotNull(ref, "no certificate trust confirmer service is registered");
        ICertificateTrustConfirmer confirmer = context.getService(ref);
        assertTrue(confirmer instanceof CertificateTrustDialogConfirmer, confirmer.getClass().getName());

        CertificateInfo certificate = info(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2099-01-01T00:00:00Z"));
        AtomicReference<String> shown = new AtomicReference<>();
        Answer answer = onShell(CertificateTrustDialogConfirmer.TITLE, dialog -> {
            shown.set(texts(dialog));
            press(dialog, button);
        });
        CompletableFuture<Boolean> result = CompletableFuture
                .supplyAsync(() -> confirmer.trustCertificate(certificate));
        waitFor(result::isDone, "the certificate question to be answered");
        answer.check();
        assertEquals(trusted, result.get());
        String text = shown.get();
        assertTrue(text.contains(SHA256), text);
        assertTrue(text.contains(SHA1), text);
        assertTrue(text.contains("CN=vpn1.contoso.com"), text);
        assertTrue(text.contains("CN=Contoso Issuing CA 2"), text);
        assertTrue(text.contains("2026-01-01 00:00 UTC to 2099-01-01 00:00 UTC"), text);
        assertTrue(text.contains("vpn1.contoso.com:5986"), text);
        assertTrue(text.contains("/tmp/state/winrm_certificates"), text);
        assertTrue(text.contains("does not verify against the trusted roots"), text);
        context.ungetService(ref);
    }

    @Test
    void theTextSaysWhenTheCertificateHasExpiredOrIsNotYetValid() {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        String expired = CertificateTrustDialogConfirmer.message(
                info(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z")), now);
        assertTrue(expired.contains("(EXPIRED)"), expired);
        String early = CertificateTrustDialogConfirmer.message(
                info(Instant.parse("2027-01-01T00:00:00Z"), Instant.parse("2028-01-01T00:00:00Z")), now);
        assertTrue(early.contains("(NOT YET VALID)"), early);
        String valid = CertificateTrustDialogConfirmer.message(
                info(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2028-01-01T00:00:00Z")), now);
        assertFalse(valid.contains("EXPIRED") || valid.contains("NOT YET"), valid);
    }
}
