package org.sstpdoctor.ui.tests.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstpdoctor.ui.tests.UiTestSupport.findItem;
import static org.sstpdoctor.ui.tests.UiTestSupport.waitFor;

import java.util.List;
import java.util.Optional;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.Test;
import org.sstpdoctor.core.inventory.Inventory;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.inventory.ServerConfig;
import org.sstpdoctor.core.markers.FindingMarkers;
import org.sstpdoctor.probe.evidence.NetworkFindings;
import org.sstpdoctor.ui.internal.SstpDoctorUi;
import org.sstpdoctor.ui.internal.check.CheckJob;
import org.sstpdoctor.ui.internal.inventory.ServerInventoryView;
import org.sstpdoctor.ui.internal.inventory.ServerStatus;
import org.sstpdoctor.ui.tests.UiTestSupport;
import org.sstpdoctor.ui.tests.certificates.TlsEndpoint;

/** A server nothing answers for is shown as unreachable, apart from servers with other problems. */
class UnreachableStatusTest {

    @Test
    void aServerThatRefusesTheConnectionIsUnreachable() throws Exception {
        int port = TlsEndpoint.closedPort();
        Inventory inventory = Inventory.getDefault();
        ServerConfig config = new ServerConfig("127.0.0.1", port, ManagementChannel.NONE, List.of(), "", null);
        Optional<Server> old = inventory.find("uitest-unreachable", "refusing");
        Server server = old.isPresent() ? inventory.update(old.get(), config)
                : inventory.add("uitest-unreachable", "refusing", config);

        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        ServerInventoryView view = (ServerInventoryView) page.showView(SstpDoctorUi.INVENTORY_VIEW_ID);
        Tree tree = view.viewer().getTree();
        Server[] shown = new Server[1];
        waitFor(() -> {
            shown[0] = view.tree().root().allServers().stream()
                    .filter(s -> s.key().equals(server.key()) && s.config() != null && s.config().sstpPort() == port)
                    .findFirst().orElse(null);
            return shown[0] != null;
        }, "the server in the inventory");
        view.viewer().setSelection(new StructuredSelection(shown[0]), true);
        PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand("org.sstpdoctor.ui.commands.check", null);
        waitFor(() -> Job.getJobManager().find(CheckJob.FAMILY).length == 0
                && findItem(tree, tree.getItems(), t -> t.startsWith("refusing") && t.contains("unreachable")) != null,
                "the server to be shown unreachable");

        assertEquals(ServerStatus.UNREACHABLE, ServerStatus.of(shown[0], false));
        assertTrue(FindingMarkers.markers(server.file()).stream()
                .anyMatch(m -> NetworkFindings.CONNECTION_REFUSED.equals(m.getAttribute(FindingMarkers.KIND, ""))
                        && m.getAttribute(IMarker.SEVERITY, -1) == IMarker.SEVERITY_ERROR),
                "no connection-refused finding");

        // The status filter has an entry of its own for it; "Healthy" hides it.
        Combo status = UiTestSupport.find(tree.getParent(), Combo.class, c -> c.getItemCount() == 7);
        assertEquals("Unreachable", status.getItem(6));
        status.select(6);
        status.notifyListeners(SWT.Modify, new Event());
        assertNotNull(findItem(tree, tree.getItems(), t -> t.startsWith("refusing")));
        status.select(3);
        status.notifyListeners(SWT.Modify, new Event());
        assertNull(findItem(tree, tree.getItems(), t -> t.startsWith("refusing")));
        status.select(0);
        status.notifyListeners(SWT.Modify, new Event());
        view.viewer().setSelection(new StructuredSelection(shown[0]), true);
        UiTestSupport.screenshot(view.getSite().getShell(), "inventory-unreachable");
    }
}
