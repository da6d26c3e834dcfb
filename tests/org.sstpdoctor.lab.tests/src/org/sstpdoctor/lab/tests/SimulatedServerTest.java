package org.sstpdoctor.lab.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sstpdoctor.lab.CommandAnswer;
import org.sstpdoctor.lab.ICommandHost;
import org.sstpdoctor.lab.Lab;
import org.sstpdoctor.lab.LabHost;
import org.sstpdoctor.lab.LabScenario;
import org.sstpdoctor.lab.WindowsState;
import org.sstpdoctor.remote.CommandForm;
import org.sstpdoctor.remote.CommandResult;
import org.sstpdoctor.remote.actions.ActionOutcome;
import org.sstpdoctor.remote.actions.ServerAction;
import org.sstpdoctor.remote.actions.ServerActions;
import org.sstpdoctor.remote.commands.CatalogEntry;
import org.sstpdoctor.remote.commands.CertStoreEvidence;
import org.sstpdoctor.remote.commands.CommandCatalog;
import org.sstpdoctor.remote.commands.EventsEvidence;
import org.sstpdoctor.remote.commands.FirewallEvidence;
import org.sstpdoctor.remote.commands.FormKind;
import org.sstpdoctor.remote.commands.ListenersEvidence;
import org.sstpdoctor.remote.commands.ParseResult;
import org.sstpdoctor.remote.commands.RemoteAccessEvidence;
import org.sstpdoctor.remote.commands.RrasFiltersEvidence;
import org.sstpdoctor.remote.commands.ServicesEvidence;
import org.sstpdoctor.remote.commands.SslCertEvidence;
import org.sstpdoctor.remote.commands.SstpRegistryEvidence;
import org.sstpdoctor.remote.commands.Verdict;

/**
 * Every catalog command, in both its forms, through every lab host and the remote bundle's real
 * parsers: no parse problem, and the evidence read says what the host's state is. Then each
 * server action, sent as its exact command line, changes the state, and the evidence read again
 * shows it.
 */
class SimulatedServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    static Path dir;
    static Lab lab;

    @BeforeAll
    static void startLab() throws Exception {
        lab = Lab.start(dir.resolve("lab"), List.of());
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @ParameterizedTest
    @EnumSource(LabScenario.class)
    void everyCatalogCommandInBothFormsParsesCleanlyAndSaysWhatTheStateIs(LabScenario scenario) {
        LabHost host = lab.host(scenario);
        assertEvidenceIsTheState(host);
    }

    static void assertEvidenceIsTheState(LabHost host) {
        for (CatalogEntry<?> entry : CommandCatalog.entries()) {
            for (CommandForm kind : List.of(CommandForm.POWERSHELL, CommandForm.LEGACY)) {
                FormKind formKind = kind == CommandForm.POWERSHELL ? FormKind.POWERSHELL : FormKind.LEGACY_TEXT;
                if (entry.form(formKind).isEmpty()) {
                    continue;
                }
                ParseResult<?> result = read(host.commandHost(), entry, formKind);
                String where = host.name() + " " + entry.id() + " " + formKind;
                if (notConfigured(host.state(), entry.id())) {
                    // what Windows says when remote access is not configured is a problem of the answer
                    assertFalse(result.problems().isEmpty(), where);
                    assertTrue(result.problems().toString().contains("not configured")
                            || result.problems().toString().contains("was not found: routing ip dump"),
                            where + ": " + result.problems());
                } else {
                    assertTrue(result.isClean(), where + ": " + result.problems());
                }
                assertMatches(host.state(), entry.id(), result.value(), formKind, where);
            }
        }
    }

    /** Whether Windows answers {@code id} with an error because remote access is not configured. */
    static boolean notConfigured(WindowsState state, String id) {
        return !state.remoteAccessInstalled()
                && (id.equals(CommandCatalog.REMOTE_ACCESS) || id.equals(CommandCatalog.RRAS_FILTERS));
    }

    static ParseResult<?> read(ICommandHost host, CatalogEntry<?> entry, FormKind kind) {
        var form = entry.form(kind).orElseThrow();
        StringBuilder output = new StringBuilder();
        if (kind == FormKind.POWERSHELL) {
            CommandAnswer answer = host.run(form.toCommand(entry.id()).commandLine(), TIMEOUT);
            assertEquals(0, answer.exitCode(), entry.id() + ": " + answer.stderr());
            output.append(answer.stdout());
        } else {
            for (String line : form.commands()) {
                output.append(host.run(line, TIMEOUT).stdout());
            }
        }
        return form.parse(output.toString());
    }

    private static void assertMatches(WindowsState state, String id, Object value, FormKind kind, String where) {
        switch (id) {
        case CommandCatalog.SERVICES -> {
            ServicesEvidence e = (ServicesEvidence) value;
            for (WindowsState.ServiceState s : state.services()) {
                assertEquals(s.running(), e.service(s.name()).isRunning(), where + " " + s.name());
                if (kind == FormKind.POWERSHELL) {
                    assertEquals(s.startType() == ServicesEvidence.StartType.DISABLED,
                            e.service(s.name()).startType() == ServicesEvidence.StartType.DISABLED, where);
                }
            }
        }
        case CommandCatalog.LISTENERS -> {
            ListenersEvidence e = (ListenersEvidence) value;
            Set<String> got = e.listeners().stream().map(s -> s.localAddress() + "/" + s.localPort())
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> want = state.listeners().stream().map(l -> l.address() + "/" + l.port())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(want, got, where);
            assertEquals(state.sstpListening() ? Verdict.YES : Verdict.NO,
                    e.listening(state.listenerPort(), org.sstpdoctor.remote.commands.IpFamily.IPV4), where);
        }
        case CommandCatalog.SSLCERT -> {
            SslCertEvidence e = (SslCertEvidence) value;
            List<String> got = e.bindings().stream().map(b -> b.endpoint() + " " + b.certificateHash() + " "
                    + b.applicationId()).toList();
            List<String> want = state.sslBindings().stream().map(b -> b.endpoint() + " " + b.thumbprint() + " "
                    + b.applicationId()).toList();
            assertEquals(want, got, where);
        }
        case CommandCatalog.SSTP_REGISTRY -> {
            SstpRegistryEvidence e = (SstpRegistryEvidence) value;
            assertEquals(state.listenerPort(), e.effectiveListenerPort().getAsInt(), where);
            assertEquals(hex(state, "Sha256CertificateHash"), e.sha256CertificateHash().orElse(""), where);
            assertEquals(hex(state, "Sha1CertificateHash"), e.sha1CertificateHash().orElse(""), where);
            assertEquals(state.registryValues().size(), e.values().size(), where);
        }
        case CommandCatalog.CERT_STORE -> {
            CertStoreEvidence e = (CertStoreEvidence) value;
            assertEquals(state.certificates().stream().map(c -> c.sha1() + " " + c.hasPrivateKey()).toList(),
                    e.certificates().stream().map(c -> c.sha1Thumbprint() + " " + c.hasPrivateKey()).toList(), where);
        }
        case CommandCatalog.REMOTE_ACCESS -> {
            RemoteAccessEvidence e = (RemoteAccessEvidence) value;
            assertEquals(state.remoteAccessInstalled() ? RemoteAccessEvidence.InstallState.INSTALLED
                    : RemoteAccessEvidence.InstallState.UNINSTALLED, e.vpnStatus(), where);
            if (state.remoteAccessInstalled()) {
                assertEquals(state.sstpPorts(), e.sstpPorts().getAsInt(), where);
            }
        }
        case CommandCatalog.FIREWALL -> assertEquals(state.firewallGroupEnabled() ? Verdict.YES : Verdict.NO,
                ((FirewallEvidence) value).allowsInboundTcp(443), where);
        case CommandCatalog.RRAS_FILTERS -> {
            RrasFiltersEvidence e = (RrasFiltersEvidence) value;
            if (state.remoteAccessInstalled()) {
                assertEquals(state.filtersBlock(443) ? Verdict.YES : Verdict.NO, e.blocksInboundTcp(443), where);
                assertEquals(state.rrasFilters().size(), e.interfaces().stream().mapToInt(i -> i.filters().size())
                        .sum(), where);
            }
        }
        case CommandCatalog.EVENTS -> {
            EventsEvidence e = (EventsEvidence) value;
            assertEquals(state.events().stream().map(WindowsState.LabEvent::id).toList(),
                    e.events().stream().map(EventsEvidence.Event::id).toList(), where);
        }
        default -> throw new AssertionError("no comparison for " + id);
        }
    }

    private static String hex(WindowsState state, String name) {
        return state.registryValue(name).filter(v -> v.kind() == SstpRegistryEvidence.ValueKind.BINARY)
                .map(v -> java.util.HexFormat.of().withUpperCase().formatHex(v.bytes())).orElse("");
    }

    @Test
    void theScenarioHostsLogTheRasSstpEventsOfTheirFault() {
        assertTrue(ids(LabScenario.OLD_REGISTRY_HASH).contains(32), ids(LabScenario.OLD_REGISTRY_HASH).toString());
        assertTrue(ids(LabScenario.NO_IPV6_BINDING).contains(13));
        assertTrue(ids(LabScenario.CERTIFICATE_REMOVED).contains(25));
        assertTrue(ids(LabScenario.CERTIFICATE_REMOVED).contains(11));
        assertEquals(List.of(), ids(LabScenario.HEALTHY));
    }

    private static List<Integer> ids(LabScenario scenario) {
        return lab.host(scenario).state().events().stream().map(WindowsState.LabEvent::id).toList();
    }

    @Test
    void anUnknownCommandAnswersAsCmdAndPowerShellWould() {
        ICommandHost host = lab.host(LabScenario.HEALTHY).commandHost();
        CommandAnswer cmd = host.run("format c:", TIMEOUT);
        assertEquals(1, cmd.exitCode());
        assertEquals("'format' is not recognized as an internal or external command,\r\n"
                + "operable program or batch file.\r\n", cmd.stderr());
        String script = org.sstpdoctor.remote.PowerShell.commandLine(
                org.sstpdoctor.remote.PowerShellScript.cmdlet("Get-Nothing"));
        CommandAnswer ps = host.run(script, TIMEOUT);
        assertEquals(1, ps.exitCode());
        assertTrue(ps.stderr().startsWith("Get-Nothing : The term 'Get-Nothing' is not recognized"), ps.stderr());
        assertEquals(1060, host.run("sc.exe query nosuchservice", TIMEOUT).exitCode());
    }

    /** The fix of each host's fault; null for the faults no server action fixes. */
    private static ServerAction fix(LabHost host) {
        WindowsState state = host.state();
        String unboundServerCertificate = state.certificates().stream()
                .filter(c -> c.hasPrivateKey() && !c.certificate().getNotAfter().before(new java.util.Date())
                        && state.sslBindings().stream().noneMatch(b -> b.thumbprint().equals(c.sha1())))
                .map(WindowsState.StoreCertificate::sha1).findFirst().orElse(null);
        String ipv4Bound = state.sslBinding(WindowsState.IPV4_ANY, 443).map(WindowsState.SslBinding::thumbprint)
                .orElse(null);
        return switch (host.scenario()) {
        case NO_FREE_PORTS -> new ServerAction.SetSstpPortCount(256);
        case SSTPSVC_STOPPED -> new ServerAction.StartService("SstpSvc");
        case REMOTE_ACCESS_NOT_ENABLED -> new ServerAction.EnableRemoteAccess();
        case CLIENT_AUTH_CERTIFICATE, EXPIRED_CERTIFICATE -> new ServerAction.BindSstpCertificate(
                unboundServerCertificate);
        case LISTENER_PORT -> new ServerAction.SetListenerPort(443);
        case NO_IPV6_BINDING, OLD_REGISTRY_HASH -> new ServerAction.BindSstpCertificate(ipv4Bound);
        case FIREWALL_DISABLED -> ServerAction.EnableFirewallRuleGroup.sstp();
        case RRAS_FILTER -> {
            RrasFiltersEvidence e = (RrasFiltersEvidence) read(host.commandHost(), CommandCatalog.rrasFilters(),
                    FormKind.POWERSHELL).value();
            RrasFiltersEvidence.Interface itf = e.interfaces().stream().filter(i -> !i.filters().isEmpty())
                    .findFirst().orElseThrow();
            yield ServerAction.RemoveRrasFilter.of(itf, itf.filters().get(0));
        }
        default -> null;
        };
    }

    @Test
    void eachActionChangesTheStateAndTheEvidenceReadAgainShowsIt() throws Exception {
        try (Lab own = Lab.start(dir.resolve("fixed-lab"), List.of())) {
            List<String> problems = new ArrayList<>();
            for (LabHost host : own.hosts()) {
                ServerAction action = fix(host);
                if (action == null) {
                    continue;
                }
                CommandAnswer answer = host.commandHost().run(ServerActions.command(action).commandLine(), TIMEOUT);
                ActionOutcome outcome = ServerActions.outcome(new CommandResult(action.id(), CommandForm.POWERSHELL,
                        answer.exitCode(), answer.stdout().getBytes(StandardCharsets.UTF_8),
                        answer.stderr().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, false,
                        Duration.ZERO));
                if (!outcome.ok()) {
                    problems.add(host.name() + ": " + action.describe() + " failed: " + outcome.message());
                    continue;
                }
                assertEvidenceIsTheState(host);
                WindowsState s = host.state();
                if (s.reach(false) != WindowsState.Reach.SSTP || s.reach(true) != WindowsState.Reach.SSTP) {
                    problems.add(host.name() + " after " + action.describe() + ": " + s.reach(false) + "/"
                            + s.reach(true) + " " + s);
                }
                String bound = s.sslBinding(WindowsState.IPV4_ANY, 443).orElseThrow().thumbprint();
                assertEquals(bound, s.sslBinding(WindowsState.IPV6_ANY, 443).orElseThrow().thumbprint(), host.name());
                assertEquals(bound, s.registryCertificate().orElseThrow().sha1(), host.name());
                assertTrue(s.services().stream().allMatch(WindowsState.ServiceState::running), host.name());
                assertTrue(s.portsInUse() < s.sstpPorts(), host.name());
            }
            assertEquals(List.of(), problems, String.join("\n", problems));
            // an action that cannot be carried out says so, with exit code 1
            LabHost healthy = own.host(LabScenario.HEALTHY);
            CommandAnswer missing = healthy.commandHost().run(ServerActions.command(
                    new ServerAction.BindSstpCertificate("0".repeat(40))).commandLine(), TIMEOUT);
            assertEquals(1, missing.exitCode());
            assertTrue(missing.stdout().contains("\"Ok\":false"), missing.stdout());
            assertTrue(missing.stdout().toLowerCase(Locale.ROOT).contains("does not exist"), missing.stdout());
        }
    }
}
