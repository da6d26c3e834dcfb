package org.sstpdoctor.remote.tests.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sstpdoctor.remote.CommandForm;
import org.sstpdoctor.remote.CommandResult;
import org.sstpdoctor.remote.LegacyCommand;
import org.sstpdoctor.remote.PowerShell;
import org.sstpdoctor.remote.RemoteCommand;
import org.sstpdoctor.remote.actions.ActionOutcome;
import org.sstpdoctor.remote.actions.ServerAction;
import org.sstpdoctor.remote.actions.ServerAction.BindSstpCertificate;
import org.sstpdoctor.remote.actions.ServerAction.EnableFirewallRuleGroup;
import org.sstpdoctor.remote.actions.ServerAction.EnableRemoteAccess;
import org.sstpdoctor.remote.actions.ServerAction.RemoveRrasFilter;
import org.sstpdoctor.remote.actions.ServerAction.RestartService;
import org.sstpdoctor.remote.actions.ServerAction.SetListenerPort;
import org.sstpdoctor.remote.actions.ServerAction.SetSstpPortCount;
import org.sstpdoctor.remote.actions.ServerAction.StartService;
import org.sstpdoctor.remote.actions.ServerActions;
import org.sstpdoctor.remote.commands.RrasFiltersEvidence;
import org.sstpdoctor.remote.commands.RrasFiltersParser;

/**
 * The server actions: each becomes one PowerShell command whose values travel only as quoted
 * assignments, reads back as exactly the same action (which is how the practice lab carries it
 * out), and nothing else reads as an action. PowerShell cannot run here; the scripts' outcome
 * line is read from outputs written the way the scripts print it.
 */
class ServerActionsTest {

    static Stream<ServerAction> actions() {
        return Stream.of(new StartService("SstpSvc"), new StartService("RemoteAccess"), new RestartService("RemoteAccess"),
                new EnableRemoteAccess(), new SetSstpPortCount(256), new SetSstpPortCount(1),
                new BindSstpCertificate("a9:99:3e:36:47:06:81:6a:ba:3e:25:71:78:50:c2:6c:9c:d0:d8:9d"),
                new SetListenerPort(443), new SetListenerPort(65535), EnableFirewallRuleGroup.sstp(),
                new EnableFirewallRuleGroup("Secure Socket Tunneling Protocol"),
                new RemoveRrasFilter("Internet", RrasFiltersEvidence.Type.INPUT, "0.0.0.0", "0.0.0.0", "203.0.113.10",
                        "255.255.255.255", "TCP", 0, 443),
                new RemoveRrasFilter("it's a '$(Stop-Service SstpSvc)' \u2019 `n name", RrasFiltersEvidence.Type.OUTPUT,
                        "10.0.0.0", "255.0.0.0", "0.0.0.0", "0.0.0.0", "ANY", 0, 0));
    }

    @ParameterizedTest
    @MethodSource("actions")
    void anActionReadsBackFromItsCommandLineAsItself(ServerAction action) {
        RemoteCommand command = ServerActions.command(action);

        assertEquals(action.id(), command.id());
        assertEquals(CommandForm.POWERSHELL, command.form());
        assertTrue(command.commandLine().length() <= PowerShell.MAX_COMMAND_LINE, "fits cmd.exe's limit");
        assertTrue(command.commandLine().matches("[A-Za-z0-9 .+/=-]+"), "no character a shell reads");
        assertEquals(Optional.of(action), ServerActions.recognize(command.commandLine()));
    }

    @Test
    void hostileValuesStayInsideTheirQuotes() {
        RemoveRrasFilter filter = new RemoveRrasFilter("a'; Remove-Item C:\\ -Recurse; '\u2018x", RrasFiltersEvidence.Type.INPUT,
                "0.0.0.0", "0.0.0.0", "0.0.0.0", "0.0.0.0", "TCP", 0, 443);
        String script = decoded(ServerActions.command(filter));

        String assignment = script.lines().filter(l -> l.startsWith("$Interface = ")).findFirst().orElseThrow();
        assertEquals("$Interface = 'a''; Remove-Item C:\\ -Recurse; ''\u2018\u2018x'", assignment);
        assertFalse(script.contains("Remove-Item C:\\ -Recurse;\n"));
    }

    @Test
    void theScriptsPrintOneOutcomeLineAndSayWhatTheyChange() {
        String bind = decoded(ServerActions.command(new BindSstpCertificate("A9993E364706816ABA3E25717850C26C9CD0D89D")));
        assertTrue(bind.contains("$Thumbprint = 'A9993E364706816ABA3E25717850C26C9CD0D89D'"));
        assertTrue(bind.contains("Set-RemoteAccess -SslCertificate $cert"));
        assertTrue(bind.contains("'0.0.0.0:443', '[::]:443'"), "both http.sys bindings");
        assertTrue(bind.contains("Sha256CertificateHash") && bind.contains("Sha1CertificateHash"));
        assertTrue(bind.contains("appid={ba195980-cd49-458b-9e23-c84ee0adcd75}"), "SSTP's application id");
        assertFalse(bind.lines().anyMatch(l -> l.startsWith("#")), "comments stay in the bundle");

        String ports = decoded(ServerActions.command(new SetSstpPortCount(512)));
        assertTrue(ports.contains("$Ports = 512\n"));
        assertTrue(ports.contains("Set-VpnServerConfiguration -SstpPorts $Ports"));
        assertTrue(ports.contains("Restart-Service -Name RemoteAccess -Force"));

        String group = decoded(ServerActions.command(EnableFirewallRuleGroup.sstp()));
        assertTrue(group.contains("$Group = '@sstpsvc.dll,-35001'"), "the group reads the same in every language");
        assertTrue(group.contains("Enable-NetFirewallRule -Group $Group"));
    }

    @Test
    void aFilterFromTheRrasDumpBecomesItsDeleteAction() {
        String dump = "pushd routing ip\r\n"
                + "set filter name=\"Internet\" filtertype=INPUT action=FORWARD\r\n"
                + "add filter name=\"Internet\" filtertype=INPUT srcaddr=0.0.0.0 srcmask=0.0.0.0 dstaddr=0.0.0.0 "
                + "dstmask=0.0.0.0 proto=TCP srcport=0 dstport=443\r\n"
                + "popd\r\n";
        RrasFiltersEvidence evidence = RrasFiltersParser.parseDump(dump).value();
        RrasFiltersEvidence.Interface iface = evidence.interfaces().get(0);
        RemoveRrasFilter action = RemoveRrasFilter.of(iface, iface.filters().get(0));

        assertEquals(new RemoveRrasFilter("Internet", RrasFiltersEvidence.Type.INPUT, "0.0.0.0", "0.0.0.0", "0.0.0.0",
                "0.0.0.0", "TCP", 0, 443), action);
        assertTrue(action.hasPorts());
        assertEquals("Delete the input filter of the RRAS interface \"Internet\": TCP from 0.0.0.0/0.0.0.0 port 0 "
                + "to 0.0.0.0/0.0.0.0 port 443", action.describe());
    }

    @Test
    void nothingElseReadsAsAnAction() {
        String start = ServerActions.command(new StartService("SstpSvc")).commandLine();
        String script = PowerShell.decode(start.substring(PowerShell.COMMAND_PREFIX.length()));

        assertEquals(Optional.empty(), ServerActions.recognize(null));
        assertEquals(Optional.empty(), ServerActions.recognize(""));
        assertEquals(Optional.empty(), ServerActions.recognize("sc.exe start sstpsvc"));
        assertEquals(Optional.empty(), ServerActions.recognize(PowerShell.COMMAND_PREFIX + "not base64!"));
        assertEquals(Optional.empty(), ServerActions.recognize(
                RemoteCommand.legacy("services", LegacyCommand.of("sc", "query", "sstpsvc")).commandLine()));
        // the same values with another body, an extra statement, or a value of the wrong type
        assertEquals(Optional.empty(), ServerActions.recognize(encoded(script + "\nStop-Service -Name SstpSvc")));
        assertEquals(Optional.empty(), ServerActions.recognize(encoded(script.replace("Start-Service -Name $Name",
                "Stop-Service -Name $Name"))));
        assertEquals(Optional.empty(), ServerActions.recognize(encoded(script.replace("$Name = 'SstpSvc'",
                "$Name = 'SstpSvc'\n$Extra = 'x'"))));
        assertEquals(Optional.empty(), ServerActions.recognize(encoded(script.replace("$Name = 'SstpSvc'",
                "$Name = 5"))));
        assertEquals(Optional.empty(), ServerActions.recognize(encoded(script.replace("$Name = 'SstpSvc'",
                "$Name = 'Sstp Svc; x'"))), "a value its action would refuse");
        assertEquals(Optional.empty(), ServerActions.recognize(encoded(script.replace("$Name = 'SstpSvc'",
                "$Name = 'Sstp'+'Svc'"))), "an expression, not a literal");
        String port = ServerActions.command(new SetListenerPort(443)).commandLine();
        String portScript = PowerShell.decode(port.substring(PowerShell.COMMAND_PREFIX.length()));
        assertEquals(Optional.empty(), ServerActions.recognize(encoded(portScript.replace("$Port = 443", "$Port = 70000"))));
        assertEquals(Optional.of(new SetListenerPort(8443)),
                ServerActions.recognize(encoded(portScript.replace("$Port = 443", "$Port = 8443"))));
    }

    @Test
    void valuesAreCheckedWhenAnActionIsMade() {
        assertThrows(IllegalArgumentException.class, () -> new StartService("Sstp Svc"));
        assertThrows(IllegalArgumentException.class, () -> new StartService(""));
        assertThrows(IllegalArgumentException.class, () -> new SetSstpPortCount(0));
        assertThrows(IllegalArgumentException.class, () -> new SetSstpPortCount(16385));
        assertThrows(IllegalArgumentException.class, () -> new SetListenerPort(0));
        assertThrows(IllegalArgumentException.class, () -> new BindSstpCertificate("A9993E36"));
        assertThrows(IllegalArgumentException.class, () -> new BindSstpCertificate("Z9993E364706816ABA3E25717850C26C9CD0D89D"));
        assertThrows(IllegalArgumentException.class, () -> new EnableFirewallRuleGroup("line\nbreak"));
        assertThrows(IllegalArgumentException.class, () -> new RemoveRrasFilter("Internet", RrasFiltersEvidence.Type.INPUT,
                "0.0.0.256", "0.0.0.0", "0.0.0.0", "0.0.0.0", "TCP", 0, 443));
        assertThrows(IllegalArgumentException.class, () -> new RemoveRrasFilter("Internet", RrasFiltersEvidence.Type.INPUT,
                "0.0.0.0", "0.0.0.0", "0.0.0.0", "0.0.0.0", "TCP; x", 0, 443));
        assertEquals("A9993E364706816ABA3E25717850C26C9CD0D89D",
                new BindSstpCertificate("a9 99 3e 36 47 06 81 6a ba 3e 25 71 78 50 c2 6c 9c d0 d8 9d").sha1Thumbprint());
    }

    @Test
    void theOutcomeIsTheLastJsonLineAndTheExitCodeMustAgree() {
        assertEquals(new ActionOutcome(true, "SstpSvc is Running"),
                ServerActions.outcome(result(0, "WARNING: Waiting for service 'SSTP' to start...\r\n"
                        + "{\"Action\":\"start-service\",\"Ok\":true,\"Message\":\"SstpSvc is Running\"}\r\n", "")));
        assertEquals(new ActionOutcome(false, "Service 'SstpSvc' cannot be started: access denied"),
                ServerActions.outcome(result(1, "{\"Action\":\"start-service\",\"Ok\":false,"
                        + "\"Message\":\"Service 'SstpSvc' cannot be started: access denied\"}\r\n", "")));

        ActionOutcome disagreeing = ServerActions.outcome(result(1,
                "{\"Action\":\"start-service\",\"Ok\":true,\"Message\":\"SstpSvc is Running\"}", ""));
        assertFalse(disagreeing.ok());
        assertTrue(disagreeing.message().contains("exited 1"), disagreeing.message());

        ActionOutcome silent = ServerActions.outcome(result(null, "", "powershell.exe : The term is not recognized"));
        assertFalse(silent.ok());
        assertTrue(silent.message().contains("no outcome") && silent.message().contains("not recognized"),
                silent.message());

        ActionOutcome garbled = ServerActions.outcome(result(0, "{\"Action\":\"start-service\",\"Ok\":tr", ""));
        assertFalse(garbled.ok(), "a cut outcome line is no success");
        assertFalse(ServerActions.outcome(result(0, "{\"Ok\":\"yes\"}", "")).ok());
        assertTrue(ServerActions.outcome(result(0, "{\"Ok\":true,\"Message\":\"" + "x".repeat(10_000) + "\"}", ""))
                .message().length() <= ServerActions.MAX_MESSAGE + 6);
    }

    @Test
    void everyActionHasItsOwnCommandId() {
        List<String> ids = actions().map(ServerAction::id).distinct().toList();
        assertEquals(ServerActions.IDS.size(), ids.size());
        assertTrue(ServerActions.IDS.containsAll(ids));
        for (String id : ids) {
            assertTrue(actions().filter(a -> a.id().equals(id)).allMatch(a -> !a.describe().isBlank()));
        }
    }

    private static CommandResult result(Integer exit, String stdout, String stderr) {
        return new CommandResult("start-service", CommandForm.POWERSHELL, exit, stdout.getBytes(StandardCharsets.UTF_8),
                stderr.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, false, Duration.ZERO);
    }

    private static String decoded(RemoteCommand command) {
        return PowerShell.decode(command.commandLine().substring(PowerShell.COMMAND_PREFIX.length()));
    }

    private static String encoded(String script) {
        return PowerShell.COMMAND_PREFIX
                + Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
    }
}
