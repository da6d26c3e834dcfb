package org.sstpdoctor.kb947031.tests;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.prefs.BackingStoreException;
import org.sstpdoctor.pki.CertificateAuthority;
import org.sstpdoctor.pki.CertificateWriter;
import org.sstpdoctor.pki.IssuedCertificate;
import org.sstpdoctor.pki.KeyPurpose;
import org.sstpdoctor.pki.LabPki;
import org.sstpdoctor.probe.evidence.ProbeEvidenceSettings;

/**
 * The test PKI, minted once per run: a root the clients trust (set as the probe's client trust
 * store while a test needs it) and a root nobody trusts.
 */
final class Pki {

    static final CertificateAuthority ROOT = LabPki.rootCa("CN=SSTP Doctor KB Test Root, O=SSTP Doctor Tests").build();
    static final CertificateAuthority FOREIGN = LabPki.rootCa("CN=Someone Else's Root, O=Elsewhere").build();

    /** The host the test servers are reached at. */
    static final String HOST = "127.0.0.1";

    private Pki() {
    }

    /** A server certificate for the test host, valid a year. */
    static IssuedCertificate server() {
        return ROOT.issue(HOST).ipAddresses(HOST).build();
    }

    /** A server certificate for the test host valid from {@code fromDays} to {@code toDays} from now. */
    static IssuedCertificate server(long fromDays, long toDays) {
        Instant now = Instant.now();
        return ROOT.issue(HOST).ipAddresses(HOST).validity(now.plus(Duration.ofDays(fromDays)),
                now.plus(Duration.ofDays(toDays))).build();
    }

    /** A certificate for another name. */
    static IssuedCertificate named(String dnsName) {
        return ROOT.issue(dnsName).dnsNames(dnsName).build();
    }

    /** A certificate for the test host with Client Authentication only. */
    static IssuedCertificate clientAuthOnly() {
        return ROOT.issue(HOST).ipAddresses(HOST).extendedKeyUsage(KeyPurpose.CLIENT_AUTHENTICATION).build();
    }

    /** Makes the probe's clients trust {@link #ROOT} (and nothing else), until {@link #untrust()}. */
    static void trustRoot(Path folder) throws IOException, BackingStoreException {
        Path pem = folder.resolve("clients-trust.pem");
        Files.writeString(pem, CertificateWriter.pem(ROOT.certificate()));
        IEclipsePreferences node = InstanceScope.INSTANCE.getNode(ProbeEvidenceSettings.PREFERENCES_NODE);
        node.put(ProbeEvidenceSettings.KEY_TRUST, "file:" + pem.toAbsolutePath());
        node.flush();
    }

    static void untrust() throws BackingStoreException {
        IEclipsePreferences node = InstanceScope.INSTANCE.getNode(ProbeEvidenceSettings.PREFERENCES_NODE);
        node.remove(ProbeEvidenceSettings.KEY_TRUST);
        node.flush();
    }

    /** A loopback port nothing listens on. */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
