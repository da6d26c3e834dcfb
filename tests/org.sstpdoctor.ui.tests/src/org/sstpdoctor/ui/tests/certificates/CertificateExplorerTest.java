package org.sstpdoctor.ui.tests.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstpdoctor.ui.tests.UiTestSupport.find;
import static org.sstpdoctor.ui.tests.UiTestSupport.findItem;
import static org.sstpdoctor.ui.tests.UiTestSupport.onShell;
import static org.sstpdoctor.ui.tests.UiTestSupport.press;
import static org.sstpdoctor.ui.tests.UiTestSupport.screenshot;
import static org.sstpdoctor.ui.tests.UiTestSupport.waitFor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.core.checks.CheckPreferences;
import org.sstpdoctor.core.checks.ServerResult;
import org.sstpdoctor.core.inventory.Inventory;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.inventory.ServerConfig;
import org.sstpdoctor.pki.CertificateAuthority;
import org.sstpdoctor.pki.CertificateFormat;
import org.sstpdoctor.pki.CertificateReader;
import org.sstpdoctor.pki.CertificateWriter;
import org.sstpdoctor.pki.IssuedCertificate;
import org.sstpdoctor.pki.KeyPurpose;
import org.sstpdoctor.pki.KeyType;
import org.sstpdoctor.pki.LabPki;
import org.sstpdoctor.pki.Thumbprints;
import org.sstpdoctor.remote.commands.CertStoreEvidence;
import org.sstpdoctor.remote.commands.CommandCatalog;
import org.sstpdoctor.remote.commands.ParseResult;
import org.sstpdoctor.remote.commands.SslCertEvidence;
import org.sstpdoctor.remote.commands.SstpRegistryEvidence;
import org.sstpdoctor.remote.evidence.ServerState;
import org.sstpdoctor.ui.internal.SstpDoctorUi;
import org.sstpdoctor.ui.internal.certificates.CertificateDetails;
import org.sstpdoctor.ui.internal.certificates.CertificateEntry;
import org.sstpdoctor.ui.internal.certificates.CertificateExplorerView;
import org.sstpdoctor.ui.internal.certificates.CertificateGroup;
import org.sstpdoctor.ui.internal.certificates.CertificateModel;
import org.sstpdoctor.ui.internal.certificates.OpenCertificateFileHandler;
import org.sstpdoctor.ui.internal.check.CheckJob;
import org.sstpdoctor.ui.internal.check.EvidenceRecorder;
import org.sstpdoctor.ui.internal.check.LastEvidence;
import org.sstpdoctor.ui.internal.inventory.ServerInventoryView;
import org.sstpdoctor.ui.tests.UiTestSupport;

/**
 * The Certificate Explorer: the chain a server presented to a real check, with the details of
 * its certificates; the certificates bound to SSTP and in the server's store, marked against the
 * registry's hashes; certificate files opened, exported and copied.
 */
class CertificateExplorerTest {

    private static CertificateAuthority root;
    private static IssuedCertificate leaf;
    private static IssuedCertificate other;

    @TempDir
    Path dir;

    @BeforeAll
    static void mint() {
        root = LabPki.rootCa("CN=SSTP Doctor UI Test Root, O=SSTP Doctor Tests").build();
        leaf = root.issue("vpn.uitest.example").dnsNames("vpn.uitest.example").ipAddresses("127.0.0.1")
                .keyType(KeyType.RSA_2048)
                .extendedKeyUsage(KeyPurpose.CLIENT_AUTHENTICATION, KeyPurpose.SERVER_AUTHENTICATION)
                .crlDistributionPoints("http://127.0.0.1:1/uitest-root.crl")
                .caIssuersUrls("http://127.0.0.1:1/uitest-root.cer").build();
        other = root.issue("old.uitest.example").dnsNames("old.uitest.example")
                .extendedKeyUsage(KeyPurpose.CLIENT_AUTHENTICATION).build();
    }

    @AfterEach
    void closeDialogs() {
        for (org.eclipse.swt.widgets.Shell s : org.eclipse.swt.widgets.Display.getDefault().getShells()) {
            if (!s.isDisposed() && s.getText().startsWith("Password for")) {
                s.close();
            }
        }
    }

    private static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    private static CertificateExplorerView explorer() throws Exception {
        CertificateExplorerView view = (CertificateExplorerView) page().findView(SstpDoctorUi.CERTIFICATE_VIEW_ID);
        assertNotNull(view, "the Certificate Explorer is not open in the SSTP Doctor perspective");
        page().activate(view);
        return view;
    }

    /** The server {@code name} of the site "uitest-certificates", with {@code config}, replacing an older one. */
    static Server server(String name, ServerConfig config) throws Exception {
        Inventory inventory = Inventory.getDefault();
        Optional<Server> old = inventory.find("uitest-certificates", name);
        return old.isPresent() ? inventory.update(old.get(), config) : inventory.add("uitest-certificates", name, config);
    }

    /** Selects {@code server} in the Server Inventory, as a click does, once the view shows it. */
    static Server selectInInventory(Server server) throws Exception {
        ServerInventoryView inventory = (ServerInventoryView) page().showView(SstpDoctorUi.INVENTORY_VIEW_ID);
        Server[] shown = new Server[1];
        waitFor(() -> {
            shown[0] = inventory.tree().root().allServers().stream().filter(s -> s.key().equals(server.key())
                    && s.config() != null && s.config().sstpPort() == server.config().sstpPort()).findFirst().orElse(null);
            return shown[0] != null;
        }, "the Server Inventory to show " + server.name());
        inventory.viewer().setSelection(new StructuredSelection(shown[0]), true);
        return shown[0];
    }

    @Test
    void showsTheChainAServerPresentedToACheck() throws Exception {
        try (TlsEndpoint endpoint = new TlsEndpoint(leaf.privateKey(), leaf.chain())) {
            Server server = server("bad-certificate",
                    new ServerConfig("127.0.0.1", endpoint.port(), ManagementChannel.NONE, List.of(), "", null));
            CertificateExplorerView view = explorer();
            Server shown = selectInInventory(server);
            PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand("org.sstpdoctor.ui.commands.check",
                    null);
            waitFor(() -> Job.getJobManager().find(CheckJob.FAMILY).length == 0 && LastEvidence.of(shown).isPresent(),
                    "the check of the server");
            page().activate(view);

            waitFor(() -> view.groups().get(0).entries().size() == 2, "the presented chain in the Certificate Explorer");
            CertificateGroup presented = view.groups().get(0);
            assertEquals(CertificateModel.PRESENTED, presented.name());
            assertEquals(leaf.certificate(), presented.entries().get(0).certificate());
            assertEquals(root.certificate(), presented.entries().get(1).certificate());
            Tree tree = view.viewer().getTree();
            assertNotNull(findItem(tree, tree.getItems(), t -> t.startsWith("vpn.uitest.example") && t.contains("presented, 1 of 2")),
                    "the tree does not list the server certificate");
            assertTrue(view.groups().get(1).entries().isEmpty(), "a certificate bound to SSTP without the server's state");

            view.viewer().setSelection(new StructuredSelection(presented.entries().get(0)), true);
            String text = view.details().getText();
            assertTrue(text.contains("Subject: CN=vpn.uitest.example"), text);
            assertTrue(text.contains("Subject alternative names: DNS vpn.uitest.example, IP 127.0.0.1"), text);
            assertTrue(text.contains("Enhanced key usage: Client Authentication, Server Authentication"), text);
            assertTrue(text.contains("Public key: RSA 2048 bits"), text);
            assertTrue(text.contains("CRL distribution points: http://127.0.0.1:1/uitest-root.crl"), text);
            assertTrue(text.contains("CA issuers http://127.0.0.1:1/uitest-root.cer"), text);
            assertTrue(text.contains("SHA-1 thumbprint: " + Thumbprints.sha1(leaf.certificate())), text);
            assertTrue(text.contains("SHA-256 thumbprint: " + Thumbprints.sha256(leaf.certificate())), text);
            assertTrue(text.matches("(?s).*Valid to: .* \\(3[0-9][0-9] days remaining\\).*"), text);
            assertTrue(text.contains("Windows clients: 0x800B0109"), "the clients' verdict (untrusted root): " + text);
            int at = text.indexOf("Server Authentication", text.indexOf("Enhanced key usage"));
            StyleRange style = view.details().getStyleRangeAtOffset(at);
            assertNotNull(style, "Server Authentication is not emphasised");
            assertEquals(SWT.BOLD, style.fontStyle & SWT.BOLD, "Server Authentication is not bold");
            assertEquals(null, view.details().getStyleRangeAtOffset(text.indexOf("Client Authentication")),
                    "Client Authentication is emphasised too");
            screenshotMaximized(view, "certificate-explorer-presented-chain");

            // Activating another server's editor shows that server's certificates.
            Server unchecked = server("editor-activation",
                    new ServerConfig("127.0.0.1", 443, ManagementChannel.NONE, List.of(), "", null));
            org.eclipse.ui.IEditorPart editor = org.eclipse.ui.ide.IDE.openEditor(page(), unchecked.file(),
                    org.sstpdoctor.ui.internal.editor.ServerEditor.ID, true);
            try {
                waitFor(() -> view.getContentDescription().startsWith("Certificates of editor-activation"),
                        "the Certificate Explorer to follow the active server editor");
                assertEquals(0, view.groups().get(0).entries().size());
            } finally {
                page().closeEditor(editor, false);
            }
        }
    }

    @Test
    void marksTheBoundAndStoreCertificatesAgainstTheRegistryHashes() throws Exception {
        X509Certificate bound = leaf.certificate();
        X509Certificate stale = other.certificate();
        ServerState state = stateBinding(bound, stale);
        Server server = server("registry-hashes",
                new ServerConfig("vpn.uitest.example", 443, ManagementChannel.NONE, List.of(), "", null));
        LastEvidence.record(server, Map.of(LastEvidence.SERVER_STATE_ID, state));

        List<CertificateGroup> groups = CertificateModel.of(LastEvidence.of(server).orElseThrow());
        CertificateGroup boundGroup = groups.get(1);
        assertEquals(CertificateModel.BOUND, boundGroup.name());
        assertEquals(List.of(bound, stale), boundGroup.entries().stream().map(CertificateEntry::certificate).toList());
        assertTrue(boundGroup.entries().get(0).notes().get(0).startsWith("Bound by http.sys on 0.0.0.0:443 for SSTP"),
                boundGroup.entries().get(0).notes().toString());
        assertEquals("Named by the SSTP registry value Sha1CertificateHash", boundGroup.entries().get(1).notes().get(0));
        assertEquals(2, groups.get(2).entries().size());

        String boundText = CertificateDetails.of(boundGroup.entries().get(0), java.time.Instant.now(), 30).text();
        assertTrue(boundText.contains(Thumbprints.sha256(bound) + "  " + CertificateDetails.MATCH
                + "Sha256CertificateHash"), boundText);
        assertTrue(boundText.contains(Thumbprints.sha1(bound) + "  " + CertificateDetails.NO_MATCH
                + "Sha1CertificateHash"), boundText);
        String staleText = CertificateDetails.of(groups.get(2).entries().get(1), java.time.Instant.now(), 30).text();
        assertTrue(staleText.contains(CertificateDetails.NO_MATCH + "Sha256CertificateHash"), staleText);
        assertTrue(staleText.contains(CertificateDetails.MATCH + "Sha1CertificateHash"), staleText);
        assertTrue(staleText.contains("without a private key"), staleText);
        assertTrue(staleText.contains("(no Server Authentication: SSTP cannot use it)"), staleText);

        // The view shows the same, for the server selected in the inventory.
        CertificateExplorerView view = explorer();
        Server shown = selectInInventory(server);
        waitFor(() -> view.groups().size() >= 3 && view.groups().get(1).entries().size() == 2,
                "the bound certificates of " + shown.name());
        view.viewer().setSelection(new StructuredSelection(view.groups().get(1).entries().get(0)), true);
        String text = view.details().getText();
        int mark = text.indexOf(CertificateDetails.MATCH);
        assertTrue(mark > 0, text);
        assertNotNull(view.details().getStyleRangeAtOffset(mark), "the match is not emphasised");
        screenshotMaximized(view, "certificate-explorer-bound-to-sstp");
    }

    /**
     * A server state read over a test channel: {@code bound} bound by http.sys on 0.0.0.0:443 for
     * SSTP and named by Sha256CertificateHash, {@code stale} named by Sha1CertificateHash, both in
     * the store (only {@code bound} with its key).
     */
    private static ServerState stateBinding(X509Certificate bound, X509Certificate stale) throws Exception {
        return ServerState.over("test channel")
                .parsed(CommandCatalog.SSTP_REGISTRY, new ParseResult<>(new SstpRegistryEvidence(
                        SstpRegistryEvidence.KeyState.PRESENT,
                        List.of(registryHash("Sha256CertificateHash", Thumbprints.sha256(bound)),
                                registryHash("Sha1CertificateHash", Thumbprints.sha1(stale))),
                        true), List.of()), "")
                .parsed(CommandCatalog.CERT_STORE, new ParseResult<>(new CertStoreEvidence(
                        List.of(storeEntry(bound, true), storeEntry(stale, false)), true), List.of()), "")
                .parsed(CommandCatalog.SSLCERT, new ParseResult<>(new SslCertEvidence(List.of(new SslCertEvidence.Binding(
                        SslCertEvidence.Kind.IP_PORT, "0.0.0.0", OptionalInt.of(443), Thumbprints.sha1(bound),
                        SslCertEvidence.SSTP_APPLICATION_ID, Optional.of("MY"), Map.of(), 1)), true), List.of()), "")
                .build();
    }

    @Test
    void theRecheckAfterAQuickFixReplacesTheServerStateAndKeepsTheChainOfTheCheckBefore() throws Exception {
        try (TlsEndpoint endpoint = new TlsEndpoint(leaf.privateKey(), leaf.chain())) {
            Server server = server("rechecked",
                    new ServerConfig("127.0.0.1", endpoint.port(), ManagementChannel.NONE, List.of(), "", null));
            CheckJob check = new CheckJob(List.of(server), CheckPreferences.current());
            check.schedule();
            waitFor(() -> check.getResult() != null, "the check of " + server.name());
            LastEvidence.Snapshot checked = LastEvidence.of(server).orElseThrow();
            assertNotNull(checked.network(), "the check probed the server");
            CertificateExplorerView view = explorer();
            view.showServer(server);
            assertEquals(leaf.chain(), group(view, CertificateModel.PRESENTED).entries().stream()
                    .map(CertificateEntry::certificate).toList());
            assertTrue(group(view, CertificateModel.BOUND).entries().isEmpty());

            // A cancelled re-check keeps nothing.
            EvidenceRecorder cancelled = EvidenceRecorder.forRecheck();
            cancelled.evidenceGathered(server, LastEvidence.SERVER_STATE_ID, stateBinding(other.certificate(),
                    leaf.certificate()));
            cancelled.serverDone(new ServerResult(server, ServerResult.Status.CANCELLED, List.of(), Set.of(),
                    Duration.ZERO));
            assertSame(checked, LastEvidence.of(server).orElseThrow());

            // The re-check after a quick fix, as the remediation service tells it from a worker thread.
            Thread.sleep(5);
            EvidenceRecorder recheck = EvidenceRecorder.forRecheck();
            ServerState fixed = stateBinding(leaf.certificate(), other.certificate());
            Thread worker = new Thread(() -> {
                recheck.serverStarted(server);
                recheck.evidenceGathered(server, LastEvidence.SERVER_STATE_ID, fixed);
                recheck.serverDone(new ServerResult(server, ServerResult.Status.CHECKED, List.of(), Set.of(),
                        Duration.ZERO));
            });
            worker.start();
            worker.join(10_000);
            waitFor(() -> !group(view, CertificateModel.BOUND).entries().isEmpty(),
                    "the Certificate Explorer to show the re-check's server state");
            LastEvidence.Snapshot after = LastEvidence.of(server).orElseThrow();
            assertTrue(after.checkedAt().isAfter(checked.checkedAt()));
            assertSame(checked.network(), after.network(), "the chain of the check before is kept");
            assertEquals(checked.networkAt(), after.networkAt());
            assertTrue(after.networkFromEarlierCheck());
            assertFalse(after.stateFromEarlierCheck());
            assertEquals(leaf.certificate(), group(view, CertificateModel.BOUND).entries().get(0).certificate());
            CertificateGroup presented = group(view, CertificateModel.PRESENTED);
            assertEquals("As presented at the check of " + CertificateModel.shown(checked.checkedAt())
                    + ": the re-check after the quick fix did not probe the network. Check the server (F9) to see"
                    + " what it presents now.", presented.children().get(0).toString());
            assertEquals(leaf.chain(), presented.entries().stream().map(CertificateEntry::certificate).toList());
            assertEquals("Certificates of rechecked, checked " + CertificateModel.shown(after.checkedAt()),
                    view.getContentDescription());
            assertFalse(CheckJob.isChecking(server), "the re-check is over");

            // A check with every checker that did not probe the network says so instead.
            EvidenceRecorder full = EvidenceRecorder.forCheck();
            full.evidenceGathered(server, LastEvidence.SERVER_STATE_ID, stateBinding(leaf.certificate(),
                    other.certificate()));
            full.serverDone(new ServerResult(server, ServerResult.Status.CHECKED, List.of(), Set.of(), Duration.ZERO));
            waitFor(() -> group(view, CertificateModel.PRESENTED).entries().isEmpty(),
                    "the Certificate Explorer to show the full check");
            assertEquals("The last check did not probe the network.",
                    group(view, CertificateModel.PRESENTED).children().get(0).toString());
        }
    }

    @Test
    void opensPemAndPasswordProtectedPfxFiles() throws Exception {
        CertificateExplorerView view = explorer();
        Path pem = dir.resolve("uitest-leaf.pem");
        Files.writeString(pem, "A server certificate\n" + CertificateWriter.pem(leaf.certificate()), StandardCharsets.US_ASCII);
        // Servers > Open Certificate File..., with the file given as the command's parameter.
        org.eclipse.ui.commands.ICommandService commands = PlatformUI.getWorkbench()
                .getService(org.eclipse.ui.commands.ICommandService.class);
        PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand(
                org.eclipse.core.commands.ParameterizedCommand.generateCommand(
                        commands.getCommand(OpenCertificateFileHandler.COMMAND_ID),
                        Map.of(OpenCertificateFileHandler.FILE, pem.toString())), null);
        waitFor(() -> group(view, "File uitest-leaf.pem") != null, "the PEM file's certificate");
        CertificateGroup fromPem = group(view, "File uitest-leaf.pem");
        assertEquals(List.of(leaf.certificate()), fromPem.entries().stream().map(CertificateEntry::certificate).toList());
        assertTrue(view.details().getText().contains("Subject: CN=vpn.uitest.example"), view.details().getText());
        assertTrue(view.details().getText().contains("as PEM"), view.details().getText());

        Path pfx = dir.resolve("uitest-server.pfx");
        Files.write(pfx, CertificateWriter.pkcs12(leaf.privateKey(), leaf.chain(), "vpn", "s3cret!".toCharArray()));
        UiTestSupport.Answer answer = onShell("Password for uitest-server.pfx", dialog -> {
            Text password = find(dialog, Text.class, t -> (t.getStyle() & SWT.PASSWORD) != 0);
            assertNotNull(password, "the password field does not hide what is typed");
            password.setText("s3cret!");
            press(dialog, "OK");
        });
        view.openFile(pfx);
        waitFor(() -> group(view, "File uitest-server.pfx") != null, "the PFX file's certificates");
        answer.check();
        CertificateGroup fromPfx = group(view, "File uitest-server.pfx");
        assertEquals(leaf.chain(), fromPfx.entries().stream().map(CertificateEntry::certificate).toList());
        assertTrue(fromPfx.entries().get(0).notes().contains("The file also holds a private key."),
                fromPfx.entries().get(0).notes().toString());
    }

    @Test
    void exportsAsPemAndDerAndCopiesAsText() throws Exception {
        CertificateExplorerView view = explorer();
        Path pem = dir.resolve("chain-source.pem");
        Files.writeString(pem, CertificateWriter.pem(leaf.chain()), StandardCharsets.US_ASCII);
        view.openFile(pem);
        waitFor(() -> group(view, "File chain-source.pem") != null, "the chain file");
        CertificateGroup group = group(view, "File chain-source.pem");

        Path outPem = dir.resolve("exported.pem");
        Files.writeString(outPem, "old content");
        Job pemJob = view.export(group.entries(), outPem, true);
        waitFor(() -> pemJob.getResult() != null, "the PEM export");
        assertEquals(leaf.chain(), new CertificateReader().read(outPem).certificates());
        Path outDer = dir.resolve("exported.cer");
        Job derJob = view.export(group.entries().subList(0, 1), outDer, false);
        waitFor(() -> derJob.getResult() != null, "the DER export");
        assertEquals(CertificateFormat.DER, new CertificateReader().read(outDer).format());
        assertEquals(leaf.certificate(), new CertificateReader().read(outDer).first());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(),
                    "temporary files left behind");
        }

        view.viewer().setSelection(new StructuredSelection(group), true);
        String copied = view.copyText();
        assertEquals(2, copied.split("-----BEGIN CERTIFICATE-----", -1).length - 1, copied);
        assertTrue(copied.contains("SHA-256 thumbprint: " + Thumbprints.sha256(root.certificate())), copied);
    }

    /** A screenshot of the workbench with the view maximized, so that the whole details pane shows. */
    private static void screenshotMaximized(CertificateExplorerView view, String name) throws Exception {
        org.eclipse.ui.IViewReference ref = (org.eclipse.ui.IViewReference) page().getReference(view);
        page().setPartState(ref, IWorkbenchPage.STATE_MAXIMIZED);
        try {
            screenshot(view.getSite().getShell(), name);
        } finally {
            page().setPartState(ref, IWorkbenchPage.STATE_RESTORED);
        }
    }

    private static CertificateGroup group(CertificateExplorerView view, String name) {
        return view.groups().stream().filter(g -> g.name().equals(name)).findFirst().orElse(null);
    }

    private static SstpRegistryEvidence.Value registryHash(String name, String hex) {
        return new SstpRegistryEvidence.Value(name, SstpRegistryEvidence.ValueKind.BINARY, OptionalLong.empty(), hex,
                List.of());
    }

    private static CertStoreEvidence.Certificate storeEntry(X509Certificate c, boolean privateKey) throws Exception {
        return new CertStoreEvidence.Certificate(c.getSubjectX500Principal().getName(),
                c.getIssuerX500Principal().getName(), c.getSerialNumber().toString(16).toUpperCase(), List.of(), true,
                c.getExtendedKeyUsage() == null ? List.of() : c.getExtendedKeyUsage(), c.getNotBefore().toInstant(),
                c.getNotAfter().toInstant(), Thumbprints.sha1(c), Thumbprints.sha256(c), privateKey, Optional.empty(),
                Base64.getEncoder().encodeToString(c.getEncoded()));
    }
}
