package org.sstpdoctor.probe.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sstpdoctor.pki.CertificateFormatException;
import org.sstpdoctor.probe.ClientTrust;
import org.sstpdoctor.probe.ProbeTarget;
import org.sstpdoctor.probe.evidence.ProbeEvidenceSettings;

/** The evidence settings, as preferences write them: round trip, and defaults for what is missing or wrong. */
class ProbeEvidenceSettingsTest {

    private final IEclipsePreferences node = (IEclipsePreferences) InstanceScope.INSTANCE
            .getNode(ProbeEvidenceSettings.PREFERENCES_NODE).node("settings-test");

    @AfterEach
    void clear() throws Exception {
        node.removeNode();
    }

    @Test
    void nothingSetIsTheDefaults() {
        assertEquals(ProbeEvidenceSettings.DEFAULT, ProbeEvidenceSettings.fromPreferences(node));
        assertEquals(ClientTrust.jdkCacerts(), ProbeEvidenceSettings.DEFAULT.trust());
        assertEquals(30, ProbeEvidenceSettings.DEFAULT.expiryWarningDays());
        assertNull(ProbeEvidenceSettings.DEFAULT.proxy());
    }

    @Test
    void whatIsWrittenIsReadBack() {
        ProbeEvidenceSettings s = ProbeEvidenceSettings.DEFAULT.withTrust(ClientTrust.folder(Path.of("/etc/roots")))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(9))
                .withExpiryWarningDays(45).withProxy(new ProbeTarget.HttpProxy("proxy.contoso.com", 3128));
        s.toPreferences().forEach(node::put);
        assertEquals(s, ProbeEvidenceSettings.fromPreferences(node));
        assertEquals("proxy.contoso.com:3128", node.get(ProbeEvidenceSettings.KEY_PROXY, null));
        assertEquals("folder:/etc/roots", node.get(ProbeEvidenceSettings.KEY_TRUST, null));
        assertEquals("vpn.contoso.com:443 via proxy proxy.contoso.com:3128", s.target("vpn.contoso.com", 443)
                .toString());
    }

    @Test
    void unreadableValuesFallBackOneByOne() {
        node.put(ProbeEvidenceSettings.KEY_CONNECT_TIMEOUT, "soon");
        node.put(ProbeEvidenceSettings.KEY_READ_TIMEOUT, "-5");
        node.put(ProbeEvidenceSettings.KEY_EXPIRY_WARNING_DAYS, "99999");
        node.put(ProbeEvidenceSettings.KEY_TRUST, "registry:HKLM");
        node.put(ProbeEvidenceSettings.KEY_PROXY, "proxy-without-port");
        node.put(ProbeEvidenceSettings.KEY_CHECK_REVOCATION, "false");
        ProbeEvidenceSettings s = ProbeEvidenceSettings.fromPreferences(node);
        assertEquals(ProbeEvidenceSettings.DEFAULT.connectTimeout(), s.connectTimeout());
        assertEquals(ProbeEvidenceSettings.DEFAULT.readTimeout(), s.readTimeout());
        assertEquals(30, s.expiryWarningDays());
        assertEquals(ClientTrust.jdkCacerts(), s.trust());
        assertNull(s.proxy());
        assertEquals(false, s.checkRevocation(), "the readable value is kept");
    }

    @Test
    void aTrustFileThatIsNotThereIsACleanError() {
        CertificateFormatException e = assertThrows(CertificateFormatException.class,
                () -> ClientTrust.file(Path.of("/nonexistent/roots.pem")).load());
        assertEquals("/nonexistent/roots.pem", e.source());
        assertThrows(IllegalArgumentException.class, () -> new ClientTrust(ClientTrust.Kind.FILE, null));
    }

    @Test
    void theJdkRootsAreReadOnceWhileUnchanged() throws Exception {
        var first = ClientTrust.jdkCacerts().load();
        var second = ClientTrust.jdkCacerts().load();
        assertEquals(true, first == second, "the same store object, not a second read");
        assertEquals(true, first.certificates().size() > 50, first.toString());
    }
}
