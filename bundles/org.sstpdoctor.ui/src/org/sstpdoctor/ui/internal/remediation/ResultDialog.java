package org.sstpdoctor.ui.internal.remediation;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.remediation.RemediationDescriptor;
import org.sstpdoctor.core.remediation.RemediationResult;

/** Tells what a remediation did and what the re-check found. */
final class ResultDialog {

    /** The dialog's title prefix. */
    static final String TITLE = "Quick Fix result";

    private ResultDialog() {
    }

    static void show(Shell shell, Server server, RemediationDescriptor remediation, Finding finding,
            RemediationResult result) {
        String title = TITLE + ": " + remediation.label();
        if (result.status() == RemediationResult.Status.FAILED) {
            MessageDialog.openError(shell, title, remediation.label() + " on " + server.host() + " failed:\n\n"
                    + result.error());
            return;
        }
        StringBuilder text = new StringBuilder();
        text.append(result.outcome().succeeded() ? "Applied to " : "Applying failed on ").append(server.host())
                .append(".\n\n");
        if (result.fixed(finding.kind())) {
            text.append("The re-check no longer finds: ").append(finding.message());
        } else {
            text.append("The re-check still finds problems:");
            result.recheck().findings().forEach(f -> text.append("\n  - ").append(f.message()));
        }
        if (!result.outcome().output().isBlank()) {
            text.append("\n\nOutput:\n").append(result.outcome().output());
        }
        if (result.fixed(finding.kind())) {
            MessageDialog.openInformation(shell, title, text.toString());
        } else {
            MessageDialog.openWarning(shell, title, text.toString());
        }
    }
}
