package org.sstpdoctor.ui.tests.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstpdoctor.ui.tests.UiTestSupport.onShell;
import static org.sstpdoctor.ui.tests.UiTestSupport.press;
import static org.sstpdoctor.ui.tests.UiTestSupport.texts;
import static org.sstpdoctor.ui.tests.UiTestSupport.waitFor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.core.checks.ICheckContext;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.remote.RemoteSettings;
import org.sstpdoctor.remote.bundle.ImportedBundles;
import org.sstpdoctor.remote.commands.ServicesEvidence;
import org.sstpdoctor.remote.evidence.ServerState;
import org.sstpdoctor.remote.evidence.ServerStateProvider;
import org.sstpdoctor.ui.internal.SstpDoctorUi;
import org.sstpdoctor.ui.internal.inventory.ServerInventoryView;
import org.sstpdoctor.ui.tests.UiTestSupport.Answer;
import org.sstpdoctor.ui.tests.remediation.TestInventory;

/**
 * Servers > Import Evidence Bundle... on the server selected in the inventory: the archive is kept for the server, the
 * report says what it holds and what is missing, and the server's next check reads its state from it.
 */
class ImportEvidenceBundleTest {

    static final String COMMAND = "org.sstpdoctor.ui.commands.importEvidenceBundle";
    static final String FILE = "org.sstpdoctor.ui.commands.importEvidenceBundle.file";
    static final String TITLE = "Import Evidence Bundle";

    static final String SERVICES = "[{\"Name\":\"RemoteAccess\",\"DisplayName\":\"Routing and Remote Access\","
            + "\"Status\":\"Running\",\"StartType\":\"Automatic\"},{\"Name\":\"SstpSvc\",\"DisplayName\":"
            + "\"Secure Socket Tunneling Protocol Service\",\"Status\":\"Stopped\",\"StartType\":\"Manual\"}]";

    private static Path archive(Path dir) throws Exception {
        Path zip = dir.resolve("SstpEvidence-VPN9-20261125T093636Z.zip");
        String manifest = """
                {"format":"sstpdoctor-evidence","version":1,"tool":"SSTP Doctor test","script":"powershell",\
                "host":"VPN9","time":"2026-11-25T09:36:36Z","commands":[\
                {"id":"services","form":"powershell","exitCode":0,"file":"services.powershell.txt"},\
                {"id":"listeners","form":"powershell","exitCode":0,"file":"listeners.powershell.txt"}]}
                """;
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, String> e : Map.of("manifest.json", manifest, "services.powershell.txt", SERVICES)
                    .entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }

    @Test
    void theSelectedServerIsCheckedFromTheImportedBundle(@TempDir Path dir) throws Exception {
        Server server = TestInventory.server("bundle-import.example.test");
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        ServerInventoryView view = (ServerInventoryView) page.showView(SstpDoctorUi.INVENTORY_VIEW_ID);
        waitFor(() -> view.tree().root().allServers().stream().anyMatch(s -> s.key().equals(server.key())),
                "the server in the view");
        Server shown = view.tree().root().allServers().stream().filter(s -> s.key().equals(server.key())).findFirst()
                .orElseThrow();
        page.activate(view);
        view.viewer().setSelection(new StructuredSelection(shown), true);
        try {
            importAndCheck(shown, dir);
        } finally {
            view.viewer().setSelection(StructuredSelection.EMPTY); // later tests start from no selection
        }
    }

    private static void importAndCheck(Server shown, Path dir) throws Exception {
        ICommandService commands = PlatformUI.getWorkbench().getService(ICommandService.class);
        waitFor(() -> commands.getCommand(COMMAND).isEnabled(), "the command to be enabled for the selected server");

        AtomicReference<String> report = new AtomicReference<>();
        Answer answer = onShell(TITLE, dialog -> {
            report.set(texts(dialog));
            press(dialog, "OK");
        });
        PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand(ParameterizedCommand
                .generateCommand(commands.getCommand(COMMAND), Map.of(FILE, archive(dir).toString())), null);
        waitFor(() -> report.get() != null, "the import report");
        answer.check();
        String text = report.get();
        assertTrue(text.contains("was imported for"), text);
        assertTrue(text.contains("collected 2026-11-25T09:36:36Z on VPN9"), text);
        assertTrue(text.contains("1 command output: services."), text);
        assertTrue(text.contains("listeners.powershell.txt"), "the missing part is reported: " + text);
        assertTrue(text.contains("The next check of"), text);

        assertTrue(ImportedBundles.of(RemoteSettings.defaults()).latest(shown).isPresent(), "kept for the server");
        ServerState state = (ServerState) new ServerStateProvider().gather(new ICheckContext() {
            @Override
            public Server server() {
                return shown;
            }

            @Override
            public <T> T evidence(String evidenceId, Class<T> type) {
                throw new IllegalStateException("not needed");
            }
        }, new NullProgressMonitor());
        assertTrue(state.isAvailable(), () -> state.unavailableReason());
        assertTrue(state.channel().contains("evidence bundle imported"), state.channel());
        assertEquals(ServicesEvidence.State.STOPPED, state.services().orElseThrow().value().service("SstpSvc").state(),
                "the state read from the imported bundle");
    }
}
