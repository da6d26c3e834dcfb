package org.sstpdoctor.ui.tests.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.sstpdoctor.ui.tests.UiTestSupport.find;
import static org.sstpdoctor.ui.tests.UiTestSupport.onShell;
import static org.sstpdoctor.ui.tests.UiTestSupport.press;
import static org.sstpdoctor.ui.tests.UiTestSupport.waitFor;

import java.util.Map;

import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.Test;
import org.sstpdoctor.core.inventory.Inventory;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.ui.internal.SstpDoctorUi;
import org.sstpdoctor.ui.internal.inventory.RenameMoveHandler;
import org.sstpdoctor.ui.internal.inventory.ServerInventoryView;
import org.sstpdoctor.ui.tests.UiTestSupport.Answer;
import org.sstpdoctor.ui.tests.remediation.TestInventory;

/** Rename and Move to Site, from the Server Inventory, with the new name validated as typed. */
class RenameMoveTest {

    private void run(Server server, String mode, String typed, boolean expectValid) throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        ServerInventoryView view = (ServerInventoryView) page.showView(SstpDoctorUi.INVENTORY_VIEW_ID);
        waitFor(() -> view.tree().root().allServers().stream().anyMatch(s -> s.key().equals(server.key())),
                "the server in the view");
        Server shown = view.tree().root().allServers().stream().filter(s -> s.key().equals(server.key())).findFirst()
                .orElseThrow();
        page.activate(view);
        view.viewer().setSelection(new StructuredSelection(shown), true);
        ICommandService commands = PlatformUI.getWorkbench().getService(ICommandService.class);
        waitFor(() -> commands.getCommand("org.sstpdoctor.ui.commands.renameMove").isEnabled(),
                "the command to be enabled for the selected server");
        boolean[] okEnabled = { false };
        Answer answer = onShell(mode.equals("move") ? "Move Server" : "Rename Server", dialog -> {
            Text text = find(dialog, Text.class, t -> true);
            text.setText(typed);
            text.notifyListeners(SWT.Modify, new org.eclipse.swt.widgets.Event());
            okEnabled[0] = find(dialog, Button.class, b -> b.getText().replace("&", "").equals("OK")).isEnabled();
            press(dialog, okEnabled[0] ? "OK" : "Cancel");
        });
        PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand(ParameterizedCommand.generateCommand(
                commands.getCommand("org.sstpdoctor.ui.commands.renameMove"), Map.of(RenameMoveHandler.MODE, mode)),
                null);
        answer.check();
        assertEquals(expectValid, okEnabled[0], "OK enabled for '" + typed + "'");
    }

    @Test
    void movesAServerToAnotherSiteKeepingItsCredentialReference() throws Exception {
        Server server = TestInventory.server("move.example.test");
        run(server, "move", "uitest/moved/here", true);
        waitFor(() -> inInventory("uitest/moved/here", "move.example.test") != null, "the server in its new site");
        Server moved = inInventory("uitest/moved/here", "move.example.test");
        assertEquals(server.config().credentialRef(), moved.config().credentialRef());
        assertFalse(server.file().exists());
    }

    @Test
    void refusesAnInvalidNameAndRenamesWithAValidOne() throws Exception {
        Server server = TestInventory.server("rename.example.test");
        run(server, "rename", "bad/name", false);
        run(server, "rename", "renamed-server", true);
        waitFor(() -> inInventory("uitest", "renamed-server") != null, "the renamed server");
    }

    private static Server inInventory(String site, String name) {
        try {
            return Inventory.getDefault().find(site, name).orElse(null);
        } catch (Exception e) {
            return null;
        }
    }
}
