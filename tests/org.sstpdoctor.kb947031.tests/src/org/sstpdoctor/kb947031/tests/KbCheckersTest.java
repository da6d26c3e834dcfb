package org.sstpdoctor.kb947031.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.ServerResult;
import org.sstpdoctor.core.checks.Severity;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.kb947031.KbFindings;
import org.sstpdoctor.pki.IssuedCertificate;
import org.sstpdoctor.probe.tests.SstpResponder;
import org.sstpdoctor.remote.commands.CommandCatalog;

/**
 * Each KB947031 scenario on a server whose state is what Windows prints (recorded outputs, the
 * test's certificates), read through an evidence bundle by the remote bundle's provider and, where
 * a checker needs it, probed over the network at a real TLS + MS-SSTP responder on loopback; all
 * checkers run by the core's engine from the extension registry. Each asserts exactly the findings
 * expected: kind, code and scenario.
 */
class KbCheckersTest {

    @TempDir
    static Path folder;

    @BeforeAll
    static void clientsTrustTheTestRoot() throws Exception {
        Pki.trustRoot(folder);
    }

    @AfterAll
    static void restoreTrust() throws Exception {
        Pki.untrust();
    }

    /** An expected finding. */
    record Expected(String kind, Integer code, int scenario) {
    }

    static Expected f(String kind, Integer code, int scenario) {
        return new Expected(kind, code, scenario);
    }

    private static ServerResult check(WindowsOutputs outputs) throws Exception {
        return TestServers.check(TestServers.bundled(folder, outputs), TestServers.KB);
    }

    private static void assertFindings(ServerResult result, Expected... expected) {
        assertEquals(ServerResult.Status.CHECKED, result.status(), () -> "not checked whole: " + result.findings());
        List<Expected> actual = result.findings().stream()
                .map(x -> new Expected(x.kind(), x.errorCode(), x.scenario())).sorted(
                        java.util.Comparator.comparing(Expected::kind)).toList();
        List<Expected> wanted = new ArrayList<>(Arrays.asList(expected));
        wanted.sort(java.util.Comparator.comparing(Expected::kind));
        assertEquals(wanted, actual, () -> result.findings().stream().map(x -> x.kind() + ": " + x.message())
                .collect(Collectors.joining("\n")));
        for (Finding x : result.findings()) {
            assertFalse(x.evidence().isBlank(), () -> x.kind() + " has no evidence");
            assertFalse(x.message().contains("\n"), () -> x.kind() + " is not one line: " + x.message());
            assertTrue(x.checkerId().startsWith("org.sstpdoctor.kb947031."), x.checkerId());
        }
    }

    private static Finding only(ServerResult result) {
        assertEquals(1, result.findings().size(), () -> result.findings().toString());
        return result.findings().get(0);
    }

    private static WindowsOutputs healthy() {
        return new WindowsOutputs().bind(Pki.server().certificate());
    }

    @Test
    void aHealthyServerHasNoFinding() throws Exception {
        assertFindings(check(healthy()));
    }

    @Test
    void aServerWithoutAChannelHasNoKbFinding() {
        Server server = TestServers.server(Pki.HOST, 443, ManagementChannel.NONE);
        assertFindings(TestServers.check(server, TestServers.KB));
    }

    // scenario 1

    @Test
    void scenario1_aRefusedCallWithEveryPortInUse() throws Exception {
        IssuedCertificate cert = Pki.server();
        try (SstpResponder responder = SstpResponder.start(SstpResponder.Mode.NAK, Identities.withRoot(cert))) {
            WindowsOutputs outputs = new WindowsOutputs().bind(cert.certificate()).listenerPort(responder.port());
            Server server = TestServers.bundled(Pki.HOST, responder.port(), TestServers.archive(folder, outputs.outputs()));
            ServerResult result = TestServers.check(server, TestServers.KB);
            assertFindings(result, f(KbFindings.SSTP_PORTS_EXHAUSTED, 0x800704C9, 1));
            Finding x = only(result);
            assertTrue(x.message().contains("128 SSTP ports"), x.message());
            assertTrue(x.evidence().contains("\"SstpPorts\":128"), "the command output is the evidence");
            assertTrue(x.evidence().contains("Nak") || x.evidence().contains("NAK"), x.evidence());
        }
    }

    @Test
    void scenario1_aRefusedCallWithAnUnreadablePortCountIsNotBlamedOnThePorts() throws Exception {
        IssuedCertificate cert = Pki.server();
        try (SstpResponder responder = SstpResponder.start(SstpResponder.Mode.NAK, Identities.withRoot(cert))) {
            WindowsOutputs outputs = new WindowsOutputs().bind(cert.certificate()).listenerPort(responder.port())
                    .fixture(CommandCatalog.REMOTE_ACCESS, "powershell", "remoteAccess/bad-number.json");
            Server server = TestServers.bundled(Pki.HOST, responder.port(), TestServers.archive(folder, outputs.outputs()));
            ServerResult result = TestServers.check(server, TestServers.KB);
            assertFindings(result, f(KbFindings.EVIDENCE_INCOMPLETE, null, 1));
            assertEquals(Severity.INFO, only(result).severity());
        }
    }

    @Test
    void scenario1_noSstpPortConfigured() throws Exception {
        assertFindings(check(healthy().fixture(CommandCatalog.REMOTE_ACCESS, "powershell",
                "remoteAccess/zero-sstp-ports.json")), f(KbFindings.SSTP_PORTS_EXHAUSTED, 0x800704C9, 1));
    }

    // scenario 2

    @Test
    void scenario2_remoteAccessNotEnabled() throws Exception {
        WindowsOutputs outputs = healthy().fixture(CommandCatalog.REMOTE_ACCESS, "powershell",
                "remoteAccess/not-configured.json");
        assertFindings(check(outputs), f(KbFindings.REMOTE_ACCESS_NOT_ENABLED, 809, 2));
    }

    @Test
    void scenario2_remoteAccessStopped() throws Exception {
        assertFindings(check(healthy().fixture(CommandCatalog.SERVICES, "powershell",
                "services/ps7-remoteaccess-stopped.json")), f(KbFindings.REMOTE_ACCESS_SERVICE_STOPPED, 809, 2));
    }

    @Test
    void scenario2_sstpSvcStopped() throws Exception {
        ServerResult result = check(healthy().fixture(CommandCatalog.SERVICES, "legacy",
                "services/sc-query-sstpsvc-stopped.txt"));
        assertFindings(result, f(KbFindings.SSTP_SERVICE_STOPPED, 809, 2));
        assertTrue(only(result).evidence().contains("STOPPED"), "sc query's own text is the evidence");
    }

    @Test
    void scenario2_notListeningOnTheSstpPort() throws Exception {
        assertFindings(check(healthy().fixture(CommandCatalog.LISTENERS, "legacy", "listeners/netstat-no-443.txt")),
                f(KbFindings.NOT_LISTENING, 809, 2));
    }

    @Test
    void scenario2_noCertificateBoundThoughOneIsThere() throws Exception {
        assertFindings(check(healthy().fixture(CommandCatalog.SSLCERT, "legacy", "sslcert/none.txt")),
                f(KbFindings.NO_CERTIFICATE_BOUND, 809, 2));
    }

    @Test
    void scenario2_theBoundCertificateWasRemoved() throws Exception {
        WindowsOutputs outputs = new WindowsOutputs().store(Pki.server().certificate(), true)
                .boundThumbprint("00112233445566778899AABBCCDDEEFF00112233");
        assertFindings(check(outputs), f(KbFindings.BOUND_CERTIFICATE_MISSING, 809, 2));
    }

    @Test
    void scenario2_theBoundCertificateIsForClientAuthentication() throws Exception {
        WindowsOutputs outputs = new WindowsOutputs().bind(Pki.clientAuthOnly().certificate())
                .store(Pki.server().certificate(), true);
        ServerResult result = check(outputs);
        assertFindings(result, f(KbFindings.BOUND_CERTIFICATE_CLIENT_AUTH_ONLY, 809, 2));
        assertTrue(only(result).evidence().contains("Client Authentication (1.3.6.1.5.5.7.3.2)"));
    }

    // scenario 3

    @Test
    void scenario3_noServerAuthenticationCertificateAtAll() throws Exception {
        WindowsOutputs outputs = new WindowsOutputs().store(Pki.clientAuthOnly().certificate(), true)
                .store(Pki.server().certificate(), false)
                .fixture(CommandCatalog.SSLCERT, "legacy", "sslcert/none.txt");
        assertFindings(check(outputs), f(KbFindings.NO_SERVER_AUTH_CERTIFICATE, 0x80070040, 3));
    }

    // scenario 4

    @Test
    void scenario4_theBoundCertificateExpired() throws Exception {
        ServerResult result = check(new WindowsOutputs().bind(Pki.server(-400, -35).certificate()));
        assertFindings(result, f(KbFindings.BOUND_CERTIFICATE_EXPIRED, 0x800B0101, 4));
    }

    @Test
    void scenario4_renewedButNotBound() throws Exception {
        IssuedCertificate renewed = Pki.server(-3, 365);
        WindowsOutputs outputs = new WindowsOutputs().bind(Pki.server(-400, -35).certificate())
                .store(renewed.certificate(), true);
        ServerResult result = check(outputs);
        assertFindings(result, f(KbFindings.RENEWED_CERTIFICATE_NOT_BOUND, 0x800B0101, 4));
        assertTrue(only(result).message().contains(WindowsOutputs.hash("SHA-1", renewed.certificate())),
                "names the renewal by thumbprint");
    }

    // scenario 5

    @Test
    void scenario5_theRootIsNotTrustedByTheClients() throws Exception {
        IssuedCertificate foreign = Pki.FOREIGN.issue(Pki.HOST).ipAddresses(Pki.HOST).build();
        try (SstpResponder responder = SstpResponder.start(SstpResponder.Mode.ACK, Identities.withRoot(foreign))) {
            WindowsOutputs outputs = new WindowsOutputs().bind(foreign.certificate()).listenerPort(responder.port());
            Server server = TestServers.bundled(Pki.HOST, responder.port(), TestServers.archive(folder, outputs.outputs()));
            ServerResult result = TestServers.check(server, TestServers.KB);
            assertFindings(result, f(KbFindings.ROOT_NOT_TRUSTED_BY_CLIENTS, 0x800B0109, 5));
            Finding x = only(result);
            assertTrue(x.message().contains("Someone Else's Root"), x.message());
            assertTrue(x.evidence().contains("-----BEGIN CERTIFICATE-----"), "carries the root to install");
        }
    }

    // scenario 6

    @Test
    void scenario6_theCertificateNamesAnotherHost() throws Exception {
        ServerResult result = check(new WindowsOutputs().bind(Pki.named("vpn.example.org").certificate()));
        assertFindings(result, f(KbFindings.CERTIFICATE_NAME_MISMATCH, 0x800B010F, 6));
        assertTrue(only(result).message().contains("IP address"), "says an IP host must be an IP SAN");
    }

    @Test
    void scenario6_anotherCertificateOfTheStoreMatches() throws Exception {
        WindowsOutputs outputs = new WindowsOutputs().bind(Pki.named("vpn.example.org").certificate())
                .store(Pki.server().certificate(), true);
        assertFindings(check(outputs), f(KbFindings.MATCHING_CERTIFICATE_NOT_BOUND, 0x800B010F, 6));
    }

    // scenario 7

    @Test
    void scenario7_theCrlIsUnreachableFromTheClients() throws Exception {
        String crl = "http://127.0.0.1:" + Pki.closedPort() + "/kbtest.crl";
        IssuedCertificate cert = Pki.ROOT.issue(Pki.HOST).ipAddresses(Pki.HOST).crlDistributionPoints(crl).build();
        try (SstpResponder responder = SstpResponder.start(SstpResponder.Mode.ACK, Identities.withRoot(cert))) {
            WindowsOutputs outputs = new WindowsOutputs().bind(cert.certificate()).listenerPort(responder.port());
            Server server = TestServers.bundled(Pki.HOST, responder.port(), TestServers.archive(folder, outputs.outputs()));
            ServerResult result = TestServers.check(server, TestServers.KB);
            assertFindings(result, f(KbFindings.CRL_UNREACHABLE, 0x80092013, 7));
            assertTrue(only(result).message().contains(crl), only(result).message());
        }
    }

    // scenario 8

    @Test
    void scenario8_listenerPortIsNotTheClientsPort() throws Exception {
        // the firewall rule SSTP-IN-TCP stays on 443, where the clients come in
        WindowsOutputs outputs = healthy().listenerPort(8443).fixture(CommandCatalog.FIREWALL, "powershell",
                "firewall/enabled.json");
        assertFindings(check(outputs), f(KbFindings.LISTENER_PORT_MISMATCH, null, 8));
    }

    @Test
    void scenario8_noBindingForIpv6() throws Exception {
        WindowsOutputs outputs = healthy();
        outputs.set(CommandCatalog.SSLCERT, "legacy", outputs.withBound("sslcert/ipv4-only.txt"));
        assertFindings(check(outputs), f(KbFindings.SSL_BINDING_MISSING, null, 8));
    }

    @Test
    void scenario8_theRegistryHoldsTheOldHash() throws Exception {
        IssuedCertificate old = Pki.server(-400, -35);
        WindowsOutputs outputs = healthy().store(old.certificate(), true);
        String registry = outputs.outputs().get(CommandCatalog.SSTP_REGISTRY)[1];
        outputs.set(CommandCatalog.SSTP_REGISTRY, "legacy", registry.replace(outputs.bound(),
                WindowsOutputs.hash("SHA-1", old.certificate())));
        ServerResult result = check(outputs);
        assertFindings(result, f(KbFindings.REGISTRY_HASH_MISMATCH, null, 8));
        assertTrue(only(result).message().contains("the registry names"), only(result).message());
    }

    @Test
    void scenario8_anRrasFilterDropsTcp443() throws Exception {
        ServerResult result = check(healthy().fixture(CommandCatalog.RRAS_FILTERS, "legacy",
                "rrasFilters/dump-blocks-443.txt"));
        assertFindings(result, f(KbFindings.RRAS_FILTER_BLOCKS_SSTP, null, 8));
        assertTrue(only(result).message().contains("\"Internet\""), only(result).message());
    }

    @Test
    void scenario8_anRrasFilterDropsSstpsReplies() throws Exception {
        ServerResult result = check(healthy().fixture(CommandCatalog.RRAS_FILTERS, "legacy",
                "rrasFilters/dump-outbound-blocks.txt"));
        assertFindings(result, f(KbFindings.RRAS_FILTER_BLOCKS_SSTP, null, 8));
        assertTrue(only(result).message().contains("outbound filters"), only(result).message());
    }

    @Test
    void scenario8_theFirewallRuleIsDisabled() throws Exception {
        assertFindings(check(healthy().fixture(CommandCatalog.FIREWALL, "powershell", "firewall/disabled.json")),
                f(KbFindings.FIREWALL_RULE_DISABLED, null, 8));
    }

    @Test
    void scenario8_rasSstpEventsWhoseCauseIsGoneAreOnlyANoteOfPastEvents() throws Exception {
        // event 18 (the SHA-256 registry hash missing or invalid) on a server whose hash is right now
        ServerResult result = check(healthy().fixture(CommandCatalog.EVENTS, "powershell", "events/ps7.json"));
        assertFindings(result, f(KbFindings.RAS_SSTP_PAST_EVENTS, null, 8));
        assertEquals(Severity.INFO, only(result).severity());
        assertTrue(only(result).message().contains("RasSstp 18") && only(result).message().contains("no longer"),
                only(result).message());
    }

    @Test
    void eventsThatSayWhatAFindingSaysAreNotReportedAgain() throws Exception {
        IssuedCertificate old = Pki.server(-400, -35);
        WindowsOutputs outputs = healthy().store(old.certificate(), true)
                .fixture(CommandCatalog.EVENTS, "powershell", "events/ps7.json");
        String registry = outputs.outputs().get(CommandCatalog.SSTP_REGISTRY)[1];
        outputs.set(CommandCatalog.SSTP_REGISTRY, "legacy", registry.replace(outputs.bound(),
                WindowsOutputs.hash("SHA-1", old.certificate())));
        assertFindings(check(outputs), f(KbFindings.REGISTRY_HASH_MISMATCH, null, 8));
    }

    // beyond the KB

    @Test
    void theBoundCertificateExpiresWithinTheWarningWindow() throws Exception {
        assertFindings(check(new WindowsOutputs().bind(Pki.server(-300, 10).certificate())),
                f(KbFindings.BOUND_CERTIFICATE_EXPIRING_SOON, 0x800B0101, 4));
    }

    @Test
    void theBoundCertificateHasNoPrivateKey() throws Exception {
        IssuedCertificate keyless = Pki.server();
        WindowsOutputs outputs = new WindowsOutputs().store(keyless.certificate(), false)
                .boundThumbprint(WindowsOutputs.hash("SHA-1", keyless.certificate()))
                .store(Pki.server().certificate(), true);
        assertFindings(check(outputs), f(KbFindings.BOUND_CERTIFICATE_WITHOUT_PRIVATE_KEY, 0x80070040, 3));
    }

    // evidence that cannot be read

    @Test
    void garbledOutputsNeverGiveAWrongVerdict() throws Exception {
        WindowsOutputs outputs = healthy();
        outputs.set(CommandCatalog.SSTP_REGISTRY, "legacy", outputs.withBound("sstpRegistry/reg-garbled-port.txt"))
                .set(CommandCatalog.SSLCERT, "legacy", outputs.withBound("sslcert/truncated-in-hash.txt"))
                .fixture(CommandCatalog.SERVICES, "legacy", "services/sc-query-garbled.txt")
                .fixture(CommandCatalog.LISTENERS, "legacy", "listeners/netstat-truncated.txt")
                .fixture(CommandCatalog.CERT_STORE, "powershell", "certStore/ps7-truncated.json")
                .fixture(CommandCatalog.REMOTE_ACCESS, "powershell", "remoteAccess/bad-number.json")
                .fixture(CommandCatalog.RRAS_FILTERS, "legacy", "rrasFilters/dump-garbled.txt");
        ServerResult result = check(outputs);
        assertEquals(ServerResult.Status.CHECKED, result.status());
        assertFalse(result.findings().isEmpty(), "says what it could not tell");
        for (Finding x : result.findings()) {
            assertEquals(KbFindings.EVIDENCE_INCOMPLETE, x.kind(), () -> "a verdict from garbled output: " + x);
            assertEquals(Severity.INFO, x.severity());
            assertTrue(x.message().startsWith("Could not tell"), x.message());
        }
    }

    @Test
    void aFilterLimitedToSomeAddressesIsNotCalledABlock() throws Exception {
        ServerResult result = check(healthy().fixture(CommandCatalog.RRAS_FILTERS, "legacy",
                "rrasFilters/dump-address-limited.txt"));
        assertFindings(result, f(KbFindings.EVIDENCE_INCOMPLETE, null, 8));
    }
}
