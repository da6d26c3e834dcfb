package org.sstpdoctor.probe.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.core.checks.CheckEngine;
import org.sstpdoctor.core.checks.CheckRun;
import org.sstpdoctor.core.checks.CheckSettings;
import org.sstpdoctor.core.checks.CheckerRegistry;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.ServerResult;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.ServerConfig;
import org.sstpdoctor.pki.CertificateWriter;
import org.sstpdoctor.pki.IssuedCertificate;
import org.sstpdoctor.pki.KeyPurpose;
import org.sstpdoctor.pki.RevocationReason;
import org.sstpdoctor.probe.evidence.ProbeEvidenceSettings;
import org.sstpdoctor.probe.tests.SstpResponder.Mode;

/**
 * The check engine with the network evidence provider and its checkers over inventory servers
 * that point at real endpoints on loopback, one per failure: the findings (kinds and codes) of
 * each server, none for the healthy ones, and the settings read from the preferences as a
 * preference page will write them (the clients' roots in a file).
 */
@Timeout(120)
class ProbeCheckEngineTest {

    private final List<AutoCloseable> peers = new ArrayList<>();
    private HttpPeer http;
    private IEclipsePreferences preferences;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws Exception {
        http = new HttpPeer();
        peers.add(http);
        Path roots = dir.resolve("client-roots.pem");
        Files.writeString(roots, CertificateWriter.pem(Lab.ROOT.certificate()));
        ProbeEvidenceSettings settings = ProbeEvidenceSettings.DEFAULT
                .withTrust(org.sstpdoctor.probe.ClientTrust.file(roots))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(2500), Duration.ofSeconds(10));
        preferences = InstanceScope.INSTANCE.getNode(ProbeEvidenceSettings.PREFERENCES_NODE);
        settings.toPreferences().forEach(preferences::put);
    }

    @AfterEach
    void tearDown() throws Exception {
        preferences.clear();
        for (AutoCloseable p : peers) {
            p.close();
        }
    }

    private int serve(Mode mode, IssuedCertificate certificate) throws Exception {
        return serve(mode, TestCertificates.of(certificate));
    }

    private int serve(Mode mode, TestCertificates.Identity identity) throws Exception {
        SstpResponder r = identity == null ? SstpResponder.start(mode) : SstpResponder.start(mode, identity);
        peers.add(r);
        return r.port();
    }

    private org.sstpdoctor.pki.CertificateBuilder localhost(String crl) {
        return Lab.ISSUING.issue("localhost").dnsNames("localhost").crlDistributionPoints(http.url(crl));
    }

    @Test
    void everyServerGetsTheFindingsOfItsProblemAndHealthyOnesNone() throws Exception {
        http.bytes("/good.crl", "application/pkix-crl", Lab.ISSUING.crl().build().getEncoded());
        http.bytes("/issuing.cer", "application/pkix-cert", Lab.ISSUING.certificate().getEncoded());
        IssuedCertificate revoked = localhost("/revoked.crl").build();
        http.bytes("/revoked.crl", "application/pkix-crl", Lab.ISSUING.crl().revoke(revoked.certificate(),
                Instant.now().minus(Duration.ofDays(1)), RevocationReason.KEY_COMPROMISE).build().getEncoded());
        IssuedCertificate ocspRevoked = Lab.ISSUING.issue("localhost").dnsNames("localhost")
                .ocspUrls(http.url("/ocsp")).build();
        http.ocsp("/ocsp", Lab.ISSUING.ocspResponder().revoke(ocspRevoked.certificate(),
                Instant.now().minus(Duration.ofDays(1)), RevocationReason.SUPERSEDED));
        int closed = NetworkFailureTest.closedPort();

        // host, port -> the findings expected, as "kind code"
        Map<Server, List<String>> expected = new LinkedHashMap<>();
        expected.put(Evidences.server("localhost", serve(Mode.ACK, localhost("/good.crl").build())), List.of());
        expected.put(Evidences.server("localhost", serve(Mode.ACK, TestCertificates.leafOnly(localhost("/good.crl")
                .caIssuersUrls(http.url("/issuing.cer")).build()))), List.of());
        expected.put(Evidences.server("127.0.0.1", serve(Mode.ACK, localhost("/good.crl").ipAddresses("127.0.0.1")
                .build())), List.of());
        expected.put(Evidences.server("localhost", serve(Mode.ACK, localhost("/good.crl")
                .validity(Lab.daysFromNow(-400), Lab.daysFromNow(-3)).build())),
                List.of("certificateExpired 0x800B0101"));
        expected.put(Evidences.server("localhost", serve(Mode.ACK, localhost("/good.crl")
                .validity(Lab.daysFromNow(2), Lab.daysFromNow(400)).build())),
                List.of("certificateNotYetValid 0x800B0101"));
        expected.put(Evidences.server("localhost", serve(Mode.ACK, localhost("/good.crl")
                .extendedKeyUsage(KeyPurpose.CLIENT_AUTHENTICATION).build())),
                List.of("certificateClientAuthenticationOnly 809"));
        expected.put(Evidences.server("localhost", serve(Mode.ACK, Lab.ISSUING.issue("vpn.contoso.com")
                .dnsNames("vpn.contoso.com").crlDistributionPoints(http.url("/good.crl")).build())),
                List.of("certificateNameMismatch 0x800B010F"));
        expected.put(Evidences.server("127.0.0.1", serve(Mode.ACK, localhost("/good.crl").build())),
                List.of("certificateNameMismatch 0x800B010F"));
        expected.put(Evidences.server("localhost", serve(Mode.ACK, TestCertificates.withRoot(Lab.FOREIGN_ROOT
                .issue("localhost").dnsNames("localhost").build()))),
                List.of("certificateUntrustedRoot 0x800B0109", "noRevocationInformation 0x80092012"));
        expected.put(Evidences.server("localhost", serve(Mode.ACK, TestCertificates.leafOnly(localhost("/good.crl")
                .build()))), List.of("certificateChainIncomplete 0x800B010A"));
        expected.put(Evidences.server("localhost", serve(Mode.ACK, revoked)), List.of("certificateRevoked 0x80092010"));
        expected.put(Evidences.server("localhost", serve(Mode.ACK, ocspRevoked)),
                List.of("certificateRevoked 0x80092010"));
        expected.put(Evidences.server("localhost", serve(Mode.ACK, Lab.ISSUING.issue("localhost").dnsNames("localhost")
                .crlDistributionPoints("http://127.0.0.1:" + closed + "/down.crl").build())),
                List.of("revocationOffline 0x80092013"));
        expected.put(Evidences.server("localhost", serve(Mode.NAK, localhost("/good.crl").build())),
                List.of("sstpCallRefused 0x800704C9"));
        expected.put(Evidences.server("localhost", serve(Mode.HTTP_404, localhost("/good.crl").build())),
                List.of("notAnSstpListener 809"));
        expected.put(Evidences.server("localhost", serve(Mode.RESET_IN_HANDSHAKE, (TestCertificates.Identity) null)),
                List.of("noServerCertificate 0x80070040"));
        expected.put(Evidences.server("127.0.0.1", closed), List.of("connectionRefused 809"));
        expected.put(Evidences.server("vpn.sstpdoctor.invalid", 443), List.of("nameNotResolved 868"));

        CheckRun run = new CheckEngine(new CheckerRegistry(Platform.getExtensionRegistry()),
                new CheckSettings(8, Duration.ofSeconds(30), Duration.ofSeconds(60), false))
                .check(expected.keySet(), d -> d.id().startsWith("org.sstpdoctor.probe."), null,
                        new NullProgressMonitor());

        assertFalse(run.cancelled());
        List<String> problems = new ArrayList<>();
        for (ServerResult r : run.results()) {
            List<String> got = r.findings().stream().map(f -> f.kind().replace("org.sstpdoctor.probe.", "") + " "
                    + (f.errorCode() == null ? "-" : f.errorCodeText())).toList();
            List<String> want = expected.get(r.server());
            if (!new TreeSet<>(want).equals(new TreeSet<>(got)) || got.size() != want.size()) {
                problems.add(r.server().host() + ":" + r.server().config().sstpPort() + " expected " + want + ", got "
                        + got + (r.findings().isEmpty() ? "" : "\n" + r.findings().get(0).evidence()));
            }
            if (r.status() != ServerResult.Status.CHECKED) {
                problems.add(r.server().host() + ":" + r.server().config().sstpPort() + " " + r.status() + " "
                        + r.findings());
            }
            for (Finding f : r.findings()) {
                assertTrue(f.checkerId().startsWith("org.sstpdoctor.probe."), f.checkerId());
                assertTrue(f.evidence().contains("SSTP probe of " + r.server().host()), f.evidence());
            }
        }
        assertEquals(List.of(), problems, String.join("\n\n", problems));
        assertEquals(expected.size(), run.results().size());
    }

    @Test
    void aTrustStoreThatCannotBeReadIsSaidAndNoServerIsJudgedAgainstAnother() throws Exception {
        preferences.put(ProbeEvidenceSettings.KEY_TRUST, "file:" + dir.resolve("missing.pem"));
        Server s = Evidences.server("localhost", serve(Mode.ACK, localhost("/good.crl").build()));
        CheckRun run = new CheckEngine(new CheckerRegistry(Platform.getExtensionRegistry()),
                new CheckSettings(2, Duration.ofSeconds(30), Duration.ofSeconds(60), false))
                .check(List.of(s), d -> d.id().startsWith("org.sstpdoctor.probe."), null, new NullProgressMonitor());
        ServerResult r = run.results().get(0);
        assertEquals(ServerResult.Status.INCOMPLETE, r.status(), r.findings().toString());
        Finding unavailable = r.findings().stream().filter(f -> f.kind().equals("org.sstpdoctor.core.evidenceUnavailable"))
                .findFirst().orElseThrow(() -> new AssertionError(r.findings().toString()));
        assertTrue(unavailable.message().contains("The clients' trust store (the roots in " + dir.resolve("missing.pem")),
                unavailable.message());
    }

    private static Server withClientTrust(Server s, String trust) {
        ServerConfig c = s.config();
        return new Server(s.file(), s.name(), s.site(), new ServerConfig(c.host(), c.sstpPort(),
                new ManagementChannel(ChannelKind.NONE, 0, "", Map.of(ProbeEvidenceSettings.SERVER_OPTION_TRUST,
                        trust)), c.tags(), c.notes(), c.credentialRef()), null);
    }

    @Test
    void aServersClientTrustOptionWinsOverThePreference() throws Exception {
        http.bytes("/good.crl", "application/pkix-crl", Lab.ISSUING.crl().build().getEncoded());
        // the preference trusts only a root that did not issue anything here
        Path foreign = dir.resolve("foreign-roots.pem");
        Files.writeString(foreign, CertificateWriter.pem(Lab.FOREIGN_ROOT.certificate()));
        preferences.put(ProbeEvidenceSettings.KEY_TRUST, "file:" + foreign);
        Path rootsFolder = Files.createDirectories(dir.resolve("server-roots"));
        Files.writeString(rootsFolder.resolve("root.pem"), CertificateWriter.pem(Lab.ROOT.certificate()));
        Server plain = Evidences.server("localhost", serve(Mode.ACK, localhost("/good.crl").build()));
        Server own = withClientTrust(Evidences.server("localhost", serve(Mode.ACK, localhost("/good.crl").build())),
                "folder:" + rootsFolder);
        Server broken = withClientTrust(Evidences.server("localhost", serve(Mode.ACK, localhost("/good.crl").build())),
                "certificates-from-somewhere");
        CheckRun run = new CheckEngine(new CheckerRegistry(Platform.getExtensionRegistry()),
                new CheckSettings(4, Duration.ofSeconds(30), Duration.ofSeconds(60), false))
                .check(List.of(plain, own, broken), d -> d.id().startsWith("org.sstpdoctor.probe."), null,
                        new NullProgressMonitor());
        Map<Server, ServerResult> byServer = new LinkedHashMap<>();
        run.results().forEach(r -> byServer.put(r.server(), r));
        // judged against the preference's root, the chain ends nowhere the clients trust
        assertTrue(byServer.get(plain).findings().stream().anyMatch(f -> f.kind().startsWith(
                "org.sstpdoctor.probe.certificate")), byServer.get(plain).findings().toString());
        assertEquals(List.of(), byServer.get(own).findings(), byServer.get(own).findings().toString());
        assertEquals(ServerResult.Status.INCOMPLETE, byServer.get(broken).status());
        assertTrue(byServer.get(broken).findings().stream().anyMatch(f -> f.message().contains(
                "The option clientTrust of") && f.message().contains("names no trust store")),
                byServer.get(broken).findings().toString());
    }
}
