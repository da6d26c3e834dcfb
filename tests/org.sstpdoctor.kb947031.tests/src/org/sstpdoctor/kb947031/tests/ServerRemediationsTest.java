package org.sstpdoctor.kb947031.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.Severity;
import org.sstpdoctor.core.inventory.ChannelKind;
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
import org.sstpdoctor.remote.PowerShell;
import org.sstpdoctor.remote.actions.ServerAction;
import org.sstpdoctor.remote.actions.ServerActions;
import org.sstpdoctor.remote.commands.CommandCatalog;
import org.sstpdoctor.remote.commands.RrasFiltersEvidence;

/**
 * The quick fixes that change a server: each plan shows exactly the command it will send (and
 * what it decodes to), sends nothing; applying sends exactly the planned command lines over the
 * channel the context adapts to, and reports a refusal of the server as a failure.
 */
class ServerRemediationsTest {

    private static final String FIX = "org.sstpdoctor.kb947031.fix.";

    @TempDir
    Path folder;

    static final IssuedCertificate EXPIRED = Pki.server(-400, -35);
    static final IssuedCertificate RENEWED = Pki.server(-5, 360);
    static final IssuedCertificate RENEWED_EARLIER = Pki.server(-30, 200);
    static final IssuedCertificate OTHER_NAME = Pki.named("other.example.org");
    static final IssuedCertificate NO_KEY = Pki.server(-1, 700);

    static Server sshServer() {
        return TestServers.server(Pki.HOST, 443, new ManagementChannel(ChannelKind.SSH, 22, "admin", Map.of()));
    }

    static Stream<Arguments> fixes() {
        WindowsOutputs healthy = new WindowsOutputs().bind(Pki.server().certificate());
        WindowsOutputs renewed = new WindowsOutputs().bind(EXPIRED.certificate()).store(RENEWED_EARLIER.certificate(), true)
                .store(RENEWED.certificate(), true).store(OTHER_NAME.certificate(), true)
                .store(NO_KEY.certificate(), false);
        WindowsOutputs zeroPorts = new WindowsOutputs().bind(Pki.server().certificate())
                .fixture(CommandCatalog.REMOTE_ACCESS, "powershell", "remoteAccess/zero-sstp-ports.json");
        WindowsOutputs filtered = new WindowsOutputs().bind(Pki.server().certificate())
                .fixture(CommandCatalog.RRAS_FILTERS, "legacy", "rrasFilters/dump-blocks-443.txt");
        return Stream.of(
                Arguments.of("startRemoteAccess", KbFindings.REMOTE_ACCESS_SERVICE_STOPPED, healthy,
                        List.of(new ServerAction.StartService("RemoteAccess"))),
                Arguments.of("startSstpSvc", KbFindings.SSTP_SERVICE_STOPPED, healthy,
                        List.of(new ServerAction.StartService("SstpSvc"))),
                Arguments.of("restartRemoteAccess", KbFindings.NOT_LISTENING, healthy,
                        List.of(new ServerAction.RestartService("RemoteAccess"))),
                Arguments.of("enableRemoteAccess", KbFindings.REMOTE_ACCESS_NOT_ENABLED, healthy,
                        List.of(new ServerAction.EnableRemoteAccess())),
                Arguments.of("raiseSstpPorts", KbFindings.SSTP_PORTS_EXHAUSTED, healthy,
                        List.of(new ServerAction.SetSstpPortCount(256))),
                Arguments.of("raiseSstpPorts", KbFindings.SSTP_PORTS_EXHAUSTED, zeroPorts,
                        List.of(new ServerAction.SetSstpPortCount(128))),
                Arguments.of("bindCertificate", KbFindings.RENEWED_CERTIFICATE_NOT_BOUND, renewed,
                        List.of(new ServerAction.BindSstpCertificate(WindowsOutputs.hash("SHA-1", RENEWED.certificate())))),
                Arguments.of("setListenerPort", KbFindings.LISTENER_PORT_MISMATCH,
                        new WindowsOutputs().bind(Pki.server().certificate()).listenerPort(8443),
                        List.of(new ServerAction.SetListenerPort(443))),
                Arguments.of("enableFirewallRules", KbFindings.FIREWALL_RULE_DISABLED, healthy,
                        List.of(ServerAction.EnableFirewallRuleGroup.sstp())),
                Arguments.of("removeRrasFilter", KbFindings.RRAS_FILTER_BLOCKS_SSTP, filtered,
                        List.of(new ServerAction.RemoveRrasFilter("Internet", RrasFiltersEvidence.Type.INPUT, "0.0.0.0",
                                "0.0.0.0", "0.0.0.0", "0.0.0.0", "TCP", 0, 443))),
                Arguments.of("removeRrasFilter", KbFindings.RRAS_FILTER_BLOCKS_SSTP, new WindowsOutputs()
                        .bind(Pki.server().certificate())
                        .fixture(CommandCatalog.RRAS_FILTERS, "legacy", "rrasFilters/dump-outbound-blocks.txt"),
                        List.of(new ServerAction.RemoveRrasFilter("Internet", RrasFiltersEvidence.Type.OUTPUT,
                                "0.0.0.0", "0.0.0.0", "0.0.0.0", "0.0.0.0", "ANY", 0, 0))));
    }

    private static IRemediation remediation(String id) throws CoreException {
        RemediationDescriptor d = RemediationRegistry.getDefault().remediation(FIX + id).orElseThrow();
        assertTrue(d.changesServer(), id + " declares that it changes the server");
        return d.createRemediation();
    }

    @ParameterizedTest(name = "{0} for {1}")
    @MethodSource("fixes")
    void planShowsTheExactCommandAndApplySendsExactlyIt(String id, String kind, WindowsOutputs outputs,
            List<ServerAction> expected) throws Exception {
        IRemediation fix = remediation(id);
        Server server = sshServer();
        Finding finding = Finding.of(kind, Severity.ERROR, "test");
        assertTrue(fix.appliesTo(finding, server));
        RecordingChannel channel = new RecordingChannel(outputs.outputs(), true);
        TestContext context = new TestContext(server, finding, folder, channel);

        RemediationPlan plan = fix.plan(context, null);
        List<String> lines = expected.stream().map(a -> ServerActions.command(a).commandLine()).toList();
        assertEquals(lines, plan.steps().stream().filter(s -> s.kind() == PlanStep.Kind.COMMAND).map(PlanStep::text)
                .toList());
        assertTrue(plan.steps().stream().filter(s -> s.kind() == PlanStep.Kind.COMMAND)
                .allMatch(s -> s.target().equals(Pki.HOST)), "the plan names the server");
        for (ServerAction a : expected) {
            String script = PowerShell.decode(ServerActions.command(a).commandLine()
                    .substring(PowerShell.COMMAND_PREFIX.length()).strip());
            assertTrue(plan.describe().contains(a.describe()), () -> plan.describe());
            assertTrue(plan.steps().stream().anyMatch(s -> s.kind() == PlanStep.Kind.NOTE && s.text().contains(script)),
                    "the plan shows the decoded script for people");
        }
        assertTrue(plan.changesServer());
        assertEquals(List.of(), channel.sent, "planning sends nothing that changes the server");

        RemediationOutcome outcome = fix.apply(plan, context, null);
        assertTrue(outcome.succeeded(), outcome.output());
        assertEquals(lines, channel.sent);
        assertTrue(channel.closed, "the channel is closed after use");
    }

    @ParameterizedTest(name = "{0} for {1}")
    @MethodSource("fixes")
    void aRefusalOfTheServerIsAFailedOutcome(String id, String kind, WindowsOutputs outputs,
            List<ServerAction> expected) throws Exception {
        IRemediation fix = remediation(id);
        Finding finding = Finding.of(kind, Severity.ERROR, "test");
        RecordingChannel channel = new RecordingChannel(outputs.outputs(), false);
        TestContext context = new TestContext(sshServer(), finding, folder, channel);
        RemediationOutcome outcome = fix.apply(fix.plan(context, null), context, null);
        assertFalse(outcome.succeeded());
        assertTrue(outcome.output().contains("Access is denied."), outcome.output());
        assertEquals(1, channel.sent.size(), "stops at the first refused command");
    }

    @Test
    void theBindPlanNamesTheCertificateBySubjectAndThumbprint() throws Exception {
        WindowsOutputs outputs = new WindowsOutputs().bind(EXPIRED.certificate()).store(RENEWED.certificate(), true)
                .store(OTHER_NAME.certificate(), true);
        Finding finding = Finding.of(KbFindings.RENEWED_CERTIFICATE_NOT_BOUND, Severity.ERROR, "test");
        RemediationPlan plan = remediation("bindCertificate").plan(new TestContext(sshServer(), finding, folder,
                new RecordingChannel(outputs.outputs(), true)), null);
        String thumbprint = WindowsOutputs.hash("SHA-1", RENEWED.certificate());
        assertTrue(plan.summary().contains("CN=127.0.0.1") && plan.summary().contains(thumbprint), plan.summary());
    }

    @Test
    void noCertificateToBindIsSaidBeforeAnythingIsSent() throws Exception {
        WindowsOutputs outputs = new WindowsOutputs().bind(EXPIRED.certificate()).store(OTHER_NAME.certificate(), true);
        Finding finding = Finding.of(KbFindings.BOUND_CERTIFICATE_MISSING, Severity.ERROR, "test");
        RecordingChannel channel = new RecordingChannel(outputs.outputs(), true);
        CoreException e = assertThrows(CoreException.class, () -> remediation("bindCertificate")
                .plan(new TestContext(sshServer(), finding, folder, channel), null));
        assertTrue(e.getMessage().contains("names 127.0.0.1"), e.getMessage());
        assertEquals(List.of(), channel.sent);
    }

    @Test
    void aFilterSetThatDropsAllButWhatItListsCannotBeFixedByDeleting() throws Exception {
        String dump = WindowsOutputs.read("rrasFilters/dump-blocks-443.txt").replace("action=FORWARD", "action=DROP")
                .replace("dstport=443", "dstport=3389");
        WindowsOutputs outputs = new WindowsOutputs().bind(Pki.server().certificate())
                .set(CommandCatalog.RRAS_FILTERS, "legacy", dump);
        RecordingChannel channel = new RecordingChannel(outputs.outputs(), true);
        assertThrows(CoreException.class, () -> remediation("removeRrasFilter").plan(new TestContext(sshServer(),
                Finding.of(KbFindings.RRAS_FILTER_BLOCKS_SSTP, Severity.ERROR, "test"), folder, channel), null));
        assertEquals(List.of(), channel.sent);
    }

    @Test
    void aPlanAlteredAfterConfirmationIsNotRun() throws Exception {
        IRemediation fix = remediation("startSstpSvc");
        RecordingChannel channel = new RecordingChannel(new WindowsOutputs().outputs(), true);
        TestContext context = new TestContext(sshServer(), Finding.of(KbFindings.SSTP_SERVICE_STOPPED, Severity.ERROR,
                "test"), folder, channel);
        RemediationPlan altered = new RemediationPlan("x", List.of(PlanStep.command(Pki.HOST, "format c:")));
        assertThrows(CoreException.class, () -> fix.apply(altered, context, null));
        assertEquals(List.of(), channel.sent);
    }

    @Test
    void serversWithoutAChannelAreNotOfferedServerChanges() throws Exception {
        Server none = TestServers.server(Pki.HOST, 443, ManagementChannel.NONE);
        assertFalse(remediation("startSstpSvc").appliesTo(Finding.of(KbFindings.SSTP_SERVICE_STOPPED, Severity.ERROR,
                "test"), none));
    }
}
