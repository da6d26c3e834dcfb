package org.sstpdoctor.ui.internal.inventory;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.handlers.HandlerUtil;
import org.sstpdoctor.core.inventory.Inventory;
import org.sstpdoctor.core.inventory.InventoryNames;
import org.sstpdoctor.core.inventory.Server;

/**
 * Rename Server and Move Server to Site: asks for the new name or site (validated as typed),
 * then changes the inventory in the background. Credentials and findings go with the server.
 */
public final class RenameMoveHandler extends AbstractHandler {

    /** The command parameter: {@code rename} or {@code move}. */
    public static final String MODE = "org.sstpdoctor.ui.commands.renameMove.mode";

    @Override
    public Object execute(ExecutionEvent event) {
        if (!(HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection s)
                || !(s.getFirstElement() instanceof Server server)) {
            return null;
        }
        boolean rename = !"move".equals(event.getParameter(MODE));
        InputDialog dialog = rename
                ? new InputDialog(HandlerUtil.getActiveWorkbenchWindow(event).getShell(), "Rename Server",
                        "New name of " + server.name() + ":", server.name(), InventoryNames::problem)
                : new InputDialog(HandlerUtil.getActiveWorkbenchWindow(event).getShell(), "Move Server",
                        "Site to move " + server.name() + " to (folders separated by /, empty for the top):",
                        server.site(), site -> site.isBlank() ? null : InventoryNames.siteProblem(site.strip()));
        if (dialog.open() != Window.OK) {
            return null;
        }
        String value = dialog.getValue().strip();
        Job job = Job.create((rename ? "Renaming " : "Moving ") + server.name(), monitor -> {
            try {
                Inventory inventory = Inventory.forProject(server.file().getProject());
                if (rename) {
                    inventory.rename(server, value);
                } else {
                    inventory.move(server, value);
                }
                return Status.OK_STATUS;
            } catch (CoreException | IllegalArgumentException e) {
                return Status.error("Could not " + (rename ? "rename " : "move ") + server.name() + ": "
                        + e.getMessage(), e);
            }
        });
        job.setUser(true);
        job.schedule();
        return null;
    }
}
