package org.sstpdoctor.ui.tests.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstpdoctor.ui.tests.UiTestSupport.findItem;
import static org.sstpdoctor.ui.tests.UiTestSupport.onShell;
import static org.sstpdoctor.ui.tests.UiTestSupport.press;
import static org.sstpdoctor.ui.tests.UiTestSupport.waitFor;

import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sstpdoctor.core.inventory.Inventory;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.markers.FindingMarkers;
import org.sstpdoctor.ui.internal.SstpDoctorUi;
import org.sstpdoctor.ui.internal.check.CheckJob;
import org.sstpdoctor.ui.internal.inventory.ServerInventoryView;
import org.sstpdoctor.ui.tests.UiTestSupport;
import org.sstpdoctor.ui.tests.remediation.FlagContributions;

/**
 * The Server Inventory view in the SSTP Doctor perspective: a server added through the wizard
 * appears in its site, the Check command marks it, and the filters find it.
 */
class InventoryViewTest {

    @AfterEach
    void cleanUp() {
        FlagContributions.FLAGGED.clear();
    }

    private static ServerInventoryView view() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        ServerInventoryView view = (ServerInventoryView) page.findView(SstpDoctorUi.INVENTORY_VIEW_ID);
        assertNotNull(view, "the Server Inventory is not open in the SSTP Doctor perspective");
        page.activate(view);
        return view;
    }

    @Test
    void serverAddedThroughTheWizardIsShownCheckedAndFiltered() throws Exception {
        ServerInventoryView view = view();
        Tree tree = view.viewer().getTree();

        // Add Server..., with an invalid host first: the wizard refuses it.
        AtomicReference<String> refused = new AtomicReference<>();
        UiTestSupport.Answer answer1 = onShell("Add RRAS Server", wizard -> {
            Text host = UiTestSupport.find(wizard, Text.class, t -> "The name clients put in their VPN connection, e.g. vpn.contoso.com".equals(t.getMessage()));
            host.setText("bad host!");
            refused.set(UiTestSupport.find(wizard, org.eclipse.swt.widgets.Button.class, b -> "&Finish".equals(b.getText())
                    || "Finish".equals(b.getText())).isEnabled() ? "finish enabled" : "finish disabled");
            host.setText("vpn-wizard.contoso.test");
            UiTestSupport.find(wizard, Combo.class, c -> (c.getStyle() & org.eclipse.swt.SWT.READ_ONLY) == 0).setText("emea/paris");
            pressFinish(wizard);
        });
        PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand("org.sstpdoctor.ui.commands.addServer", null);
        answer1.check();
        assertEquals("finish disabled", refused.get(), "the wizard accepted an invalid host name");

        Server added = Inventory.getDefault().find("emea/paris", "vpn-wizard.contoso.test").orElseThrow();
        assertEquals(443, added.config().sstpPort());
        waitFor(() -> findItem(tree, tree.getItems(), t -> t.startsWith("vpn-wizard.contoso.test")) != null,
                "the new server in the view");
        TreeItem site = findItem(tree, tree.getItems(), t -> t.startsWith("paris"));
        assertNotNull(site, "the site emea/paris is not shown");
        assertTrue(findItem(tree, tree.getItems(), t -> t.startsWith("vpn-wizard.contoso.test")).getText()
                .endsWith("not checked"));

        // Check it (F9's command) with a checker that finds a problem.
        FlagContributions.FLAGGED.add(added.host());
        Server shown = view.tree().root().allServers().stream().filter(s -> s.key().equals(added.key())).findFirst()
                .orElseThrow();
        view.viewer().setSelection(new StructuredSelection(shown), true);
        PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand("org.sstpdoctor.ui.commands.check", null);
        // The network checkers run too: the name does not resolve, so the server is also unreachable.
        waitFor(() -> Job.getJobManager().find(CheckJob.FAMILY).length == 0 && flagged(added)
                && findItem(tree, tree.getItems(), t -> t.startsWith("vpn-wizard.contoso.test")
                        && t.endsWith(problems(added))) != null,
                "the server to show its problems");
        assertTrue(findItem(tree, tree.getItems(), t -> t.startsWith("vpn-wizard.contoso.test")).getText()
                .contains("  unreachable, "), "the unresolvable name is not shown as unreachable");

        // The status filter keeps it under "With problems" and hides it under "Healthy".
        Combo status = UiTestSupport.find(tree.getParent(), Combo.class, c -> c.getItemCount() == 7);
        status.select(3);
        status.notifyListeners(org.eclipse.swt.SWT.Modify, new org.eclipse.swt.widgets.Event());
        assertNull(findItem(tree, tree.getItems(), t -> t.startsWith("vpn-wizard.contoso.test")));
        status.select(1);
        status.notifyListeners(org.eclipse.swt.SWT.Modify, new org.eclipse.swt.widgets.Event());
        assertNotNull(findItem(tree, tree.getItems(), t -> t.startsWith("vpn-wizard.contoso.test")));
        status.select(0);
        status.notifyListeners(org.eclipse.swt.SWT.Modify, new org.eclipse.swt.widgets.Event());

        // The text filter finds it by tag-less host fragment, and not by a foreign one.
        Text filter = UiTestSupport.find(tree.getParent(), Text.class, t -> t.getMessage().startsWith("Filter"));
        filter.setText("no-such-server");
        assertNull(findItem(tree, tree.getItems(), t -> t.startsWith("vpn-wizard.contoso.test")));
        filter.setText("wizard.contoso");
        assertNotNull(findItem(tree, tree.getItems(), t -> t.startsWith("vpn-wizard.contoso.test")));
        filter.setText("");
    }

    /** Whether the flag checker's finding is among the server's markers. */
    private static boolean flagged(Server server) {
        try {
            return FindingMarkers.markers(server.file()).stream()
                    .anyMatch(m -> "uitest.flagged".equals(m.getAttribute(FindingMarkers.KIND, "")));
        } catch (org.eclipse.core.runtime.CoreException e) {
            return false;
        }
    }

    /** "n problems" for the server's markers now. */
    private static String problems(Server server) {
        try {
            int n = FindingMarkers.markers(server.file()).size();
            return n == 1 ? "1 problem" : n + " problems";
        } catch (org.eclipse.core.runtime.CoreException e) {
            return "?";
        }
    }

    private static void pressFinish(Shell wizard) {
        press(wizard, UiTestSupport.find(wizard, org.eclipse.swt.widgets.Button.class,
                b -> b.getText().replace("&", "").equals("Finish")).getText());
    }
}
