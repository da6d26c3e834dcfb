package org.sstpdoctor.ui.internal.remediation;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.remediation.RemediationDescriptor;
import org.sstpdoctor.core.remediation.RemediationPlan;

/**
 * Shows exactly what a remediation will do, and asks. "Cancel" is the default button, so a
 * stray Enter never changes a server.
 */
final class PlanPreviewDialog extends TitleAreaDialog {

    /** The label of the button that carries the plan out. */
    static final String APPLY = "Apply";

    private final Server server;
    private final RemediationDescriptor remediation;
    private final RemediationPlan plan;

    PlanPreviewDialog(Shell parent, Server server, RemediationDescriptor remediation, RemediationPlan plan) {
        super(parent);
        this.server = server;
        this.remediation = remediation;
        this.plan = plan;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Quick Fix: " + remediation.label());
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle(remediation.label() + " on " + server.host());
        if (plan.changesServer()) {
            setMessage("This changes the server " + server.host() + ". Read what will run, then choose Apply.",
                    IMessageProvider.WARNING);
        } else {
            setMessage("This writes files on this machine; the server is not changed.", IMessageProvider.INFORMATION);
        }
        Composite area = (Composite) super.createDialogArea(parent);
        Text text = new Text(area, SWT.MULTI | SWT.READ_ONLY | SWT.BORDER | SWT.H_SCROLL | SWT.V_SCROLL);
        text.setFont(JFaceResources.getTextFont());
        text.setText(plan.describe());
        GridDataFactory.fillDefaults().grab(true, true).hint(640, 280).indent(8, 8).applyTo(text);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, APPLY, false);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, true);
    }
}
