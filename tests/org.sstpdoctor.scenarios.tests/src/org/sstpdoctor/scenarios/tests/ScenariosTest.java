package org.sstpdoctor.scenarios.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstpdoctor.ui.tests.UiTestSupport.onShell;
import static org.sstpdoctor.ui.tests.UiTestSupport.press;
import static org.sstpdoctor.ui.tests.UiTestSupport.screenshot;
import static org.sstpdoctor.ui.tests.UiTestSupport.texts;
import static org.sstpdoctor.ui.tests.UiTestSupport.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IMarkerResolution;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sstpdoctor.core.checks.CheckEngine;
import org.sstpdoctor.core.checks.CheckRun;
import org.sstpdoctor.core.checks.CheckSettings;
import org.sstpdoctor.core.checks.CheckerRegistry;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.ServerResult;
import org.sstpdoctor.core.checks.Severity;
import org.sstpdoctor.core.inventory.Inventory;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.markers.FindingMarkers;
import org.sstpdoctor.core.remediation.AuditLog;
import org.sstpdoctor.lab.Lab;
import org.sstpdoctor.lab.LabInventory;
import org.sstpdoctor.lab.LabScenario;
import org.sstpdoctor.remote.RemoteSettings;
import org.sstpdoctor.ui.internal.SstpDoctorUi;
import org.sstpdoctor.ui.internal.certificates.CertificateEntry;
import org.sstpdoctor.ui.internal.certificates.CertificateExplorerView;
import org.sstpdoctor.ui.internal.certificates.CertificateGroup;
import org.sstpdoctor.ui.internal.certificates.CertificateModel;
import org.sstpdoctor.ui.internal.check.CheckJob;
import org.sstpdoctor.ui.internal.check.LastEvidence;
import org.sstpdoctor.ui.internal.remediation.RemediationResolution;

import com.google.gson.JsonObject;

/**
 * KB947031's scenarios end to end, on the practice lab, in the workbench: each lab host has one
 * fault injected; every contributed checker (the network probe's and the KB's, through their
 * extension points) checks it over the network and over SSH; the findings must be exactly the
 * expected kinds and codes; the KB's quick fix is chosen from the marker's resolutions (the
 * Problems view's Quick Fix), its plan previewed and applied over the host's SSH channel; the
 * audit log must hold the change, and the re-check must be clean; the re-check's evidence must
 * reach the Certificate Explorer without any other check (after binding the renewed certificate
 * it shows that one bound). Fixes that produce files for
 * others (a CSR, the root CA kit, a note for the PKI team) must write them, and the re-check
 * then still shows the cause, which only those others can remove.
 */
class ScenariosTest {

    private static final String KB = "org.sstpdoctor.kb947031.";
    private static final String PROBE = "org.sstpdoctor.probe.";
    private static final String BIND = "Bind the newest valid certificate to SSTP";
    private static final String CSR = "Write a certificate request (CSR) for the server";

    private static final CheckSettings SETTINGS = new CheckSettings(4, Duration.ofSeconds(30), Duration.ofSeconds(90),
            true);

    private static Path dir;
    private static Lab lab;

    @BeforeAll
    static void startLab() throws Exception {
        dir = Files.createTempDirectory("scenarios");
        lab = Lab.start(dir.resolve("lab"), List.of());
        Inventory inventory = Inventory.getDefault();
        LabInventory.populate(lab, inventory, RemoteSettings.defaults().knownHostsFile());
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @AfterEach
    void closeQuickFixShells() {
        for (Shell s : Display.getDefault().getShells()) {
            if (!s.isDisposed() && s.getText().startsWith("Quick Fix")) {
                s.close();
            }
        }
    }

    /**
     * Per host: the findings (kind and code) the check must report, the finding whose quick fix
     * is applied, the fix's label, whether it changes the server (else it writes files), and what
     * the re-check after a server fix may still note: hosts whose lab state logged RasSstp events
     * before the fix get a note of past events (INFO), because Windows keeps events in the log after
     * their cause is gone.
     */
    static Stream<Arguments> scenarios() {
        return Stream.of(CASES).map(c -> Arguments.of(c[0], c[1], c[2], c[3], c[4],
                Set.of(LabScenario.CLIENT_AUTH_CERTIFICATE, LabScenario.LISTENER_PORT, LabScenario.NO_IPV6_BINDING,
                        LabScenario.OLD_REGISTRY_HASH).contains(c[0]) ? Set.of(KB + "rasSstpPastEvents -") : Set.of()));
    }

    private static final Object[][] CASES = cases();

    private static Object[][] cases() {
        return Stream.of(
                Arguments.of(LabScenario.NO_FREE_PORTS, Set.of(KB + "sstpPortsExhausted 0x800704C9",
                        PROBE + "sstpCallRefused 0x800704C9"), KB + "sstpPortsExhausted", "Raise the number of SSTP ports", true),
                Arguments.of(LabScenario.SSTPSVC_STOPPED, Set.of(KB + "sstpServiceStopped 809",
                        PROBE + "connectionRefused 809"), KB + "sstpServiceStopped", "Start the SSTP service (SstpSvc)", true),
                Arguments.of(LabScenario.REMOTE_ACCESS_NOT_ENABLED, Set.of(KB + "remoteAccessNotEnabled 809",
                        KB + "evidenceIncomplete -", PROBE + "connectionRefused 809"), KB + "remoteAccessNotEnabled",
                        "Enable remote access (VPN)", true),
                Arguments.of(LabScenario.CLIENT_AUTH_CERTIFICATE, Set.of(KB + "boundCertificateClientAuthOnly 809",
                        KB + "rasSstpErrorEvents -", PROBE + "certificateClientAuthenticationOnly 809"),
                        KB + "boundCertificateClientAuthOnly", BIND, true),
                Arguments.of(LabScenario.CERTIFICATE_REMOVED, Set.of(KB + "boundCertificateMissing 809",
                        KB + "noServerAuthCertificate 0x80070040", KB + "rasSstpErrorEvents -",
                        PROBE + "noServerCertificate 0x80070040"), KB + "noServerAuthCertificate", CSR, false),
                Arguments.of(LabScenario.EXPIRED_CERTIFICATE, Set.of(KB + "renewedCertificateNotBound 0x800B0101",
                        PROBE + "certificateExpired 0x800B0101"), KB + "renewedCertificateNotBound", BIND, true),
                Arguments.of(LabScenario.UNTRUSTED_ROOT, Set.of(KB + "rootNotTrustedByClients 0x800B0109",
                        PROBE + "certificateUntrustedRoot 0x800B0109"), KB + "rootNotTrustedByClients",
                        "Export the root CA with client install scripts", false),
                Arguments.of(LabScenario.NAME_MISMATCH, Set.of(KB + "certificateNameMismatch 0x800B010F",
                        PROBE + "certificateNameMismatch 0x800B010F"), KB + "certificateNameMismatch", CSR, false),
                Arguments.of(LabScenario.CRL_UNREACHABLE, Set.of(KB + "crlUnreachable 0x80092013",
                        PROBE + "revocationOffline 0x80092013"), KB + "crlUnreachable",
                        "Write a note for the PKI team about the unreachable CRL", false),
                Arguments.of(LabScenario.LISTENER_PORT, Set.of(KB + "listenerPortMismatch -", KB + "noCertificateBound 809",
                        KB + "rasSstpErrorEvents -", PROBE + "connectionRefused 809"), KB + "listenerPortMismatch",
                        "Set SSTP's ListenerPort to the clients' port and restart RemoteAccess", true),
                Arguments.of(LabScenario.NO_IPV6_BINDING, Set.of(KB + "sslBindingMissing -"), KB + "sslBindingMissing",
                        BIND, true),
                Arguments.of(LabScenario.OLD_REGISTRY_HASH, Set.of(KB + "registryHashMismatch -"),
                        KB + "registryHashMismatch", BIND, true),
                Arguments.of(LabScenario.FIREWALL_DISABLED, Set.of(KB + "firewallRuleDisabled -", PROBE + "connectionTimedOut 809"),
                        KB + "firewallRuleDisabled", "Enable the \"Secure Socket Tunneling Protocol\" firewall rules", true),
                Arguments.of(LabScenario.RRAS_FILTER, Set.of(KB + "rrasFilterBlocksSstp -", PROBE + "connectionTimedOut 809"),
                        KB + "rrasFilterBlocksSstp", "Delete the RRAS filters that drop SSTP", true))
                .map(Arguments::get).toArray(Object[][]::new);
    }

    @Test
    void theHealthyHostHasNoFinding() throws Exception {
        assertEquals(Set.of(), kinds(check(server(LabScenario.HEALTHY))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void eachScenarioIsFoundFixedThroughItsQuickFixAuditedAndRechecked(LabScenario scenario, Set<String> expected,
            String fixedKind, String fixLabel, boolean changesServer, Set<String> history) throws Exception {
        Server server = server(scenario);
        CertificateExplorerView explorer = explorer(server);
        ServerResult before = checkInWorkbench(server);
        assertEquals(new TreeSet<>(expected), kinds(before), scenario + ": " + before.findings());
        LastEvidence.Snapshot evidenceBefore = LastEvidence.of(server).orElseThrow();
        assertNotNull(evidenceBefore.state(), "the check read the server's state");
        if (scenario == LabScenario.EXPIRED_CERTIFICATE) {
            waitFor(() -> !boundCertificates(explorer).isEmpty(), "the Certificate Explorer to show the bound certificate");
            assertTrue(boundCertificates(explorer).stream().allMatch(c -> c.getNotAfter().before(new Date())),
                    "before the fix only the expired certificate is bound: " + boundCertificates(explorer));
        }
        int kb = scenario.kbScenario();
        assertTrue(before.findings().stream().anyMatch(f -> f.kind().startsWith(KB) && f.scenario() == kb),
                "no KB finding of scenario " + kb + " for " + scenario + ": " + before.findings());

        IMarker marker = FindingMarkers.markers(server.file()).stream()
                .filter(m -> fixedKind.equals(m.getAttribute(FindingMarkers.KIND, ""))).findFirst().orElseThrow();
        IMarkerResolution fix = Arrays.stream(IDE.getMarkerHelpRegistry().getResolutions(marker))
                .filter(r -> r instanceof RemediationResolution && r.getLabel().equals(fixLabel)).findFirst()
                .orElseThrow(() -> new AssertionError("no quick fix '" + fixLabel + "' for " + fixedKind));
        int auditBefore = AuditLog.getDefault().read().size();

        AtomicReference<String> preview = new AtomicReference<>();
        AtomicReference<String> result = new AtomicReference<>();
        var answerPreview = onShell("Quick Fix: " + fixLabel, shell -> {
            preview.set(texts(shell));
            press(shell, "Apply");
        });
        var answerResult = onShell("Quick Fix result: " + fixLabel, shell -> {
            result.set(texts(shell));
            shell.close();
        });
        fix.run(marker);
        waitFor(() -> result.get() != null && Job.getJobManager().find(RemediationResolution.FAMILY).length == 0,
                "the quick fix '" + fixLabel + "' on " + scenario + " to be applied and reported");
        answerPreview.check();
        answerResult.check();
        assertTrue(preview.get().contains(server.host()), preview.get());

        // The re-check after the fix fed the Certificate Explorer: no other check has run yet.
        waitFor(() -> LastEvidence.of(server).orElseThrow().checkedAt().isAfter(evidenceBefore.checkedAt())
                && explorer.getContentDescription().endsWith(CertificateModel.shown(LastEvidence.of(server)
                        .orElseThrow().checkedAt())), "the Certificate Explorer to show the re-check's evidence");
        LastEvidence.Snapshot evidenceAfter = LastEvidence.of(server).orElseThrow();
        assertNotSame(evidenceBefore.state(), evidenceAfter.state(), "the re-check read the server's state again");
        assertFalse(evidenceAfter.stateFromEarlierCheck());
        if (scenario == LabScenario.EXPIRED_CERTIFICATE) {
            List<X509Certificate> bound = boundCertificates(explorer).stream().distinct().toList();
            assertEquals(1, bound.size(), "one certificate bound to SSTP after the fix: " + bound);
            assertTrue(bound.get(0).getNotAfter().after(new Date()), "the renewed certificate is bound: " + bound);
            assertTrue(group(explorer, CertificateModel.BOUND).entries().get(0).notes()
                    .contains("Friendly name: SSTP renewed (simulated)"),
                    group(explorer, CertificateModel.BOUND).entries().get(0).notes().toString());
            // The fix changed the server, so the re-check was a whole check of it: the network probe
            // saw the renewed certificate presented, and no probe finding about the expired one stays.
            assertFalse(evidenceAfter.networkFromEarlierCheck(), "the re-check did not probe the network again");
            X509Certificate presented = group(explorer, CertificateModel.PRESENTED).entries().get(0).certificate();
            assertEquals(bound.get(0), presented, "the server now presents the renewed certificate");
            explorer.viewer().setSelection(new StructuredSelection(group(explorer, CertificateModel.PRESENTED).entries()
                    .get(0)), true);
            screenshotMaximized(explorer, "certificate-explorer-after-quick-fix");
        }

        List<JsonObject> audit = AuditLog.getDefault().read();
        assertEquals(auditBefore + 1, audit.size(), "one audit entry for the fix");
        JsonObject entry = audit.get(audit.size() - 1);
        assertEquals("applied", entry.get("result").getAsString(), entry.toString());
        assertEquals(server.name(), entry.getAsJsonObject("server").get("name").getAsString(), entry.toString());

        ServerResult after = check(server);
        if (changesServer) {
            assertTrue(preview.get().contains("powershell.exe -NoProfile"), "the preview shows the command: "
                    + preview.get());
            assertEquals(new TreeSet<>(history), kinds(after), scenario + " after the fix: " + after.findings()
                    + "\nresult dialog:\n" + result.get());
            assertTrue(after.findings().stream().allMatch(f -> f.severity() == Severity.INFO), after.findings().toString());
            assertEquals(history.size(), FindingMarkers.markers(server.file()).size(), "markers left on " + server);
        } else {
            assertFalse(preview.get().contains("powershell.exe -NoProfile"), "a file remediation runs nothing on the "
                    + "server: " + preview.get());
            Path written = RemediationOutput.folder(server);
            assertTrue(RemediationOutput.files(written) > 0, "nothing written in " + written + ": " + entry);
            assertTrue(kinds(after).contains(kindWithCode(before, fixedKind)),
                    "only others can remove the cause of " + scenario + ": " + after.findings());
        }
    }

    private static String kindWithCode(ServerResult r, String kind) {
        return kinds(r).stream().filter(k -> k.startsWith(kind + " ")).findFirst().orElseThrow();
    }

    private static Server server(LabScenario scenario) throws Exception {
        return Inventory.getDefault().find(LabInventory.SITE, scenario.hostName()).orElseThrow();
    }

    /** The Certificate Explorer, showing {@code server}. */
    private static CertificateExplorerView explorer(Server server) throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        CertificateExplorerView view = (CertificateExplorerView) page.showView(SstpDoctorUi.CERTIFICATE_VIEW_ID);
        view.showServer(server);
        return view;
    }

    private static List<X509Certificate> boundCertificates(CertificateExplorerView view) {
        CertificateGroup bound = group(view, CertificateModel.BOUND);
        return bound == null ? List.of() : bound.entries().stream().map(CertificateEntry::certificate).toList();
    }

    private static CertificateGroup group(CertificateExplorerView view, String name) {
        return view.groups().stream().filter(g -> g.name().equals(name)).findFirst().orElse(null);
    }

    private static void screenshotMaximized(CertificateExplorerView view, String name) throws Exception {
        IWorkbenchPage page = view.getSite().getPage();
        IViewReference ref = (IViewReference) page.getReference(view);
        page.setPartState(ref, IWorkbenchPage.STATE_MAXIMIZED);
        try {
            screenshot(view.getSite().getShell(), name);
        } finally {
            page.setPartState(ref, IWorkbenchPage.STATE_RESTORED);
        }
    }

    /** Checks {@code server} as the workbench's Check command does, keeping its evidence for the views. */
    private static ServerResult checkInWorkbench(Server server) throws Exception {
        CheckJob job = new CheckJob(List.of(server), SETTINGS);
        job.schedule();
        waitFor(() -> job.getResult() != null, "the check of " + server.name());
        ServerResult r = job.result().results().get(0);
        assertNotNull(r);
        return r;
    }

    private static ServerResult check(Server server) {
        CheckRun run = new CheckEngine(CheckerRegistry.getDefault(), SETTINGS)
                .check(List.of(server), d -> true, null, new NullProgressMonitor());
        ServerResult r = run.results().get(0);
        assertNotNull(r);
        return r;
    }

    private static Set<String> kinds(ServerResult r) {
        Set<String> out = new TreeSet<>();
        for (Finding f : r.findings()) {
            out.add(f.kind() + " " + (f.errorCode() == null ? "-" : f.errorCodeText()));
        }
        return out;
    }
}
