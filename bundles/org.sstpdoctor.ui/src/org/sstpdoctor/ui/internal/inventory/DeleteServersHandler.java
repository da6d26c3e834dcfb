package org.sstpdoctor.ui.internal.inventory;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.handlers.HandlerUtil;
import org.sstpdoctor.core.inventory.Inventory;
import org.sstpdoctor.core.inventory.Server;

/** Deletes the selected servers, with their stored credentials, after asking. */
public final class DeleteServersHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        List<Server> servers = new ArrayList<>();
        if (HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection s) {
            for (Object o : s) {
                if (o instanceof Server server) {
                    servers.add(server);
                }
            }
        }
        if (servers.isEmpty()) {
            return null;
        }
        String what = servers.size() == 1 ? "the server " + servers.get(0).name() : servers.size() + " servers";
        if (!MessageDialog.openConfirm(HandlerUtil.getActiveWorkbenchWindow(event).getShell(), "Delete Servers",
                "Delete " + what + " from the inventory, with the credentials stored for "
                        + (servers.size() == 1 ? "it" : "them") + "?\n\nThe servers themselves are not changed.")) {
            return null;
        }
        Job job = Job.create("Deleting " + what, monitor -> {
            MultiStatus status = new MultiStatus(getClass(), 0, "Some servers could not be deleted");
            for (Server server : servers) {
                try {
                    Inventory.forProject(server.file().getProject()).delete(server);
                } catch (CoreException | IllegalArgumentException e) {
                    status.add(Status.error(server.name() + ": " + e.getMessage(), e));
                }
            }
            return status.isOK() ? Status.OK_STATUS : status;
        });
        job.setUser(true);
        job.schedule();
        return null;
    }
}
