package org.sstpdoctor.ui.internal.check;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.sstpdoctor.core.checks.CheckPreferences;
import org.sstpdoctor.core.inventory.Inventory;

/** Check All: every server of the inventory (read in the background, then checked). */
public final class CheckAllHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        Job read = Job.create("Reading the server inventory", (IProgressMonitor monitor) -> {
            try {
                new CheckJob(Inventory.getDefault().servers(), CheckPreferences.current()).schedule();
                return Status.OK_STATUS;
            } catch (CoreException e) {
                return e.getStatus();
            }
        });
        read.setSystem(true);
        read.schedule();
        return null;
    }

}
