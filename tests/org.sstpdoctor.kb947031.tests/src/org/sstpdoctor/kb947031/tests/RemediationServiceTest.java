package org.sstpdoctor.kb947031.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.core.checks.CheckEngine;
import org.sstpdoctor.core.checks.CheckSettings;
import org.sstpdoctor.core.checks.CheckerRegistry;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.ServerResult;
import org.sstpdoctor.core.checks.Severity;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.remediation.AuditLog;
import org.sstpdoctor.core.remediation.IRemediationConfirmer;
import org.sstpdoctor.core.remediation.PlanStep;
import org.sstpdoctor.core.remediation.RemediationDescriptor;
import org.sstpdoctor.core.remediation.RemediationPlan;
import org.sstpdoctor.core.remediation.RemediationRegistry;
import org.sstpdoctor.core.remediation.RemediationResult;
import org.sstpdoctor.core.remediation.RemediationService;
import org.sstpdoctor.kb947031.KbFindings;
import org.sstpdoctor.remote.IRemoteChannel;
import org.sstpdoctor.remote.RemoteException;
import org.sstpdoctor.remote.actions.ServerAction;
import org.sstpdoctor.remote.actions.ServerActions;
import org.sstpdoctor.remote.commands.CommandCatalog;

import com.google.gson.JsonObject;

/**
 * The KB947031 quick fixes in the core's remediation service, with the channel the remote
 * bundle adapts a remediation's context to: offered for the findings they fix, planned over the
 * server's real channel (here an imported evidence bundle), confirmed or declined, applied,
 * audited and re-checked.
 */
class RemediationServiceTest {

    @TempDir
    Path folder;

    private RemediationService service() {
        return new RemediationService(RemediationRegistry.getDefault(), new CheckEngine(CheckerRegistry.getDefault(),
                CheckSettings.DEFAULT.withMarkers(false).withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(60))),
                new AuditLog(folder.resolve("audit.jsonl")));
    }

    @Test
    void theRemoteBundleAdaptsAContextToTheServersChannel() throws Exception {
        WindowsOutputs outputs = new WindowsOutputs().bind(Pki.server().certificate());
        Server server = TestServers.bundled(folder, outputs);
        TestContext context = new TestContext(server, Finding.of("x", Severity.INFO, "x"), folder, null);
        try (IRemoteChannel channel = context.getAdapter(IRemoteChannel.class)) {
            assertNotNull(channel, "org.sstpdoctor.remote adapts remediation contexts");
            assertEquals(ChannelKind.BUNDLE, channel.kind());
            String out = channel.run(CommandCatalog.remoteAccess().powerShell().toCommand(CommandCatalog.REMOTE_ACCESS),
                    null).stdout();
            assertTrue(out.contains("\"SstpPorts\":128"), out);
        }
        Server none = TestServers.server(Pki.HOST, 443, ManagementChannel.NONE);
        try (IRemoteChannel channel = new TestContext(none, Finding.of("x", Severity.INFO, "x"), folder, null)
                .getAdapter(IRemoteChannel.class)) {
            RemoteException e = assertThrows(RemoteException.class, () -> channel.run(
                    ServerActions.command(new ServerAction.StartService("SstpSvc")), null));
            assertEquals(RemoteException.Step.CONNECT, e.step());
        }
    }

    @Test
    void theKbFixesAreOfferedForTheirFindings() {
        Server ssh = TestServers.server(Pki.HOST, 443, new ManagementChannel(ChannelKind.SSH, 22, "admin", Map.of()));
        Map<String, String> expected = Map.ofEntries(
                Map.entry(KbFindings.SSTP_PORTS_EXHAUSTED, "raiseSstpPorts"),
                Map.entry("org.sstpdoctor.probe.sstpCallRefused", "raiseSstpPorts"),
                Map.entry(KbFindings.REMOTE_ACCESS_NOT_ENABLED, "enableRemoteAccess"),
                Map.entry(KbFindings.REMOTE_ACCESS_SERVICE_STOPPED, "startRemoteAccess"),
                Map.entry(KbFindings.SSTP_SERVICE_STOPPED, "startSstpSvc"),
                Map.entry(KbFindings.NOT_LISTENING, "restartRemoteAccess"),
                Map.entry(KbFindings.NO_CERTIFICATE_BOUND, "bindCertificate"),
                Map.entry(KbFindings.RENEWED_CERTIFICATE_NOT_BOUND, "bindCertificate"),
                Map.entry(KbFindings.REGISTRY_HASH_MISMATCH, "bindCertificate"),
                Map.entry(KbFindings.NO_SERVER_AUTH_CERTIFICATE, "renewalRequest"),
                Map.entry(KbFindings.BOUND_CERTIFICATE_EXPIRED, "renewalRequest"),
                Map.entry(KbFindings.LISTENER_PORT_MISMATCH, "setListenerPort"),
                Map.entry(KbFindings.FIREWALL_RULE_DISABLED, "enableFirewallRules"),
                Map.entry(KbFindings.RRAS_FILTER_BLOCKS_SSTP, "removeRrasFilter"));
        RemediationService service = service();
        expected.forEach((kind, fix) -> {
            List<String> offered = service.remediationsFor(ssh, Finding.of(kind, Severity.ERROR, "x")).stream()
                    .map(RemediationDescriptor::id).toList();
            assertTrue(offered.contains("org.sstpdoctor.kb947031.fix." + fix), kind + ": " + offered);
        });
        assertEquals(List.of(), service.remediationsFor(ssh, Finding.of(KbFindings.EVIDENCE_INCOMPLETE, Severity.INFO,
                "x")), "nothing fixes 'could not tell'");
    }

    @Test
    void aFixTheServerCannotTakeIsAuditedAsFailedAndRechecked() throws Exception {
        WindowsOutputs outputs = new WindowsOutputs().bind(Pki.server().certificate())
                .fixture(CommandCatalog.REMOTE_ACCESS, "powershell", "remoteAccess/zero-sstp-ports.json");
        Server server = TestServers.bundled(folder, outputs);
        ServerResult before = TestServers.check(server, TestServers.KB);
        Finding finding = Scenarios.finding(before, KbFindings.SSTP_PORTS_EXHAUSTED);
        RemediationDescriptor fix = RemediationRegistry.getDefault()
                .remediation("org.sstpdoctor.kb947031.fix.raiseSstpPorts").orElseThrow();
        AtomicReference<RemediationPlan> shown = new AtomicReference<>();
        IRemediationConfirmer yes = (s, r, plan) -> {
            shown.set(plan);
            return true;
        };
        RemediationService service = service();
        RemediationResult result = service.execute(fix, server, finding, yes, null);

        String line = ServerActions.command(new ServerAction.SetSstpPortCount(128)).commandLine();
        assertEquals(List.of(line), shown.get().steps().stream().filter(s -> s.kind() == PlanStep.Kind.COMMAND)
                .map(PlanStep::text).toList(), "planned over the server's channel: 0 ports become 128");
        assertEquals(RemediationResult.Status.APPLIED, result.status());
        assertFalse(result.outcome().succeeded(), "an evidence bundle takes no change");
        assertTrue(result.outcome().output().contains("not done"), result.outcome().output());
        assertTrue(result.recheck().findings().stream().anyMatch(f -> f.kind().equals(KbFindings.SSTP_PORTS_EXHAUSTED)),
                "re-checked: still there");
        List<JsonObject> audit = new AuditLog(folder.resolve("audit.jsonl")).read();
        JsonObject entry = audit.get(audit.size() - 1);
        assertEquals("apply failed", entry.get("result").getAsString());
        assertEquals("org.sstpdoctor.kb947031.fix.raiseSstpPorts",
                entry.getAsJsonObject("remediation").get("id").getAsString());
        assertTrue(entry.toString().contains(line.substring(0, 60)), "the audit log holds the command");

        RemediationResult declined = service.execute(fix, server, finding, IRemediationConfirmer.DENY, null);
        assertEquals(RemediationResult.Status.DECLINED, declined.status());
        List<JsonObject> after = new AuditLog(folder.resolve("audit.jsonl")).read();
        assertEquals("declined", after.get(after.size() - 1).get("result").getAsString());
    }
}
