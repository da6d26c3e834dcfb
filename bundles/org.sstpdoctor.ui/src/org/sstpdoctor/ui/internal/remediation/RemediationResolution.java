package org.sstpdoctor.ui.internal.remediation;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IMarkerResolution2;
import org.eclipse.ui.PlatformUI;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.remediation.IRemediationConfirmer;
import org.sstpdoctor.core.remediation.RemediationDescriptor;
import org.sstpdoctor.core.remediation.RemediationResult;
import org.sstpdoctor.core.remediation.RemediationService;
import org.sstpdoctor.ui.internal.check.EvidenceRecorder;

/**
 * One remediation as a Quick Fix. Choosing it runs a job that plans the fix, shows the plan
 * (every command and the server it runs on) and asks; only when the person chooses Apply is it
 * carried out, recorded in the audit log and followed by a re-check, whose outcome is shown. The
 * re-check's evidence is kept like a check's, so the Certificate Explorer shows the server as the
 * fix left it.
 */
public final class RemediationResolution implements IMarkerResolution2 {

    /** The family of remediation jobs. */
    public static final Object FAMILY = RemediationResolution.class;

    private final RemediationService service;
    private final RemediationDescriptor remediation;
    private final Server server;
    private final Finding finding;

    RemediationResolution(RemediationService service, RemediationDescriptor remediation, Server server,
            Finding finding) {
        this.service = service;
        this.remediation = remediation;
        this.server = server;
        this.finding = finding;
    }

    public RemediationDescriptor remediation() {
        return remediation;
    }

    @Override
    public String getLabel() {
        return remediation.label();
    }

    @Override
    public String getDescription() {
        String effect = remediation.changesServer()
                ? "Changes " + server.host() + " after showing exactly what it will run and asking."
                : "Writes files; does not change the server.";
        return remediation.description().isEmpty() ? effect : remediation.description() + "\n\n" + effect;
    }

    @Override
    public Image getImage() {
        return null;
    }

    @Override
    public void run(IMarker marker) {
        Display display = PlatformUI.getWorkbench().getDisplay();
        IRemediationConfirmer confirmer = (srv, d, plan) -> {
            boolean[] ok = { false };
            display.syncExec(() -> ok[0] = new PlanPreviewDialog(display.getActiveShell(), srv, d, plan).open() == 0);
            return ok[0];
        };
        Job job = new Job(remediation.label() + " on " + server.host()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                RemediationResult result = service.execute(remediation, server, finding, confirmer,
                        EvidenceRecorder.forRecheck(), monitor);
                if (result.status() != RemediationResult.Status.DECLINED) {
                    display.asyncExec(() -> ResultDialog.show(display.getActiveShell(), server, remediation, finding,
                            result));
                }
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        job.setUser(true);
        job.schedule();
    }
}
