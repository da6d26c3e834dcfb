package org.sstpdoctor.ui.internal.bundle;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.remote.RemoteSettings;
import org.sstpdoctor.remote.bundle.EvidenceBundle;
import org.sstpdoctor.remote.bundle.ImportedBundles;

/**
 * Import Evidence Bundle: reads the archive the collection script wrote on the selected server, keeps it for that
 * server ({@link ImportedBundles}, in the workspace's state location), and says what it holds, which parts are missing
 * or damaged, and when it was collected. The server's next check reads its state from the newest import unless the
 * server has a live SSH or WinRM channel. The command's parameter {@value #FILE} names the archive; without it a file
 * dialog asks.
 */
public final class ImportEvidenceBundleHandler extends AbstractHandler {

    /** The command's id. */
    public static final String COMMAND = "org.sstpdoctor.ui.commands.importEvidenceBundle";
    /** The command parameter naming the archive. */
    public static final String FILE = "org.sstpdoctor.ui.commands.importEvidenceBundle.file";
    /** The title of the dialogs. */
    public static final String TITLE = "Import Evidence Bundle";

    @Override
    public Object execute(ExecutionEvent event) {
        Shell shell = HandlerUtil.getActiveWorkbenchWindow(event).getShell();
        Server server = selectedServer(HandlerUtil.getCurrentSelection(event));
        if (server == null) {
            MessageDialog.openInformation(shell, TITLE, "Select the server the evidence bundle was collected on.");
            return null;
        }
        String file = event.getParameter(FILE);
        if (file == null) {
            FileDialog dialog = new FileDialog(shell, SWT.OPEN);
            dialog.setText(TITLE + " for " + server);
            dialog.setFilterExtensions(new String[] { "*.zip", "*.*" });
            file = dialog.open();
            if (file == null) {
                return null;
            }
        }
        Path archive = Path.of(file);
        Display display = shell.getDisplay();
        Job job = Job.create("Importing the evidence bundle " + archive.getFileName() + " for " + server, monitor -> {
            ImportedBundles.Imported imported;
            try {
                imported = ImportedBundles.of(RemoteSettings.defaults()).importBundle(server, archive, Instant.now());
            } catch (IOException | RuntimeException e) {
                display.asyncExec(() -> MessageDialog.openError(display.getActiveShell(), TITLE,
                        "The evidence bundle " + archive + " could not be imported for " + server + ":\n\n"
                                + e.getMessage()));
                return Status.OK_STATUS;
            }
            String text = report(server, archive, imported);
            boolean complete = imported.bundle().isComplete();
            display.asyncExec(() -> {
                if (complete) {
                    MessageDialog.openInformation(display.getActiveShell(), TITLE, text);
                } else {
                    MessageDialog.openWarning(display.getActiveShell(), TITLE, text);
                }
            });
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
        return null;
    }

    /** The one server a selection stands for, or null. */
    static Server selectedServer(ISelection selection) {
        if (selection instanceof IStructuredSelection s && s.size() == 1 && s.getFirstElement() instanceof Server server
                && server.isReadable()) {
            return server;
        }
        return null;
    }

    /** What the import holds, in words. */
    static String report(Server server, Path archive, ImportedBundles.Imported imported) {
        EvidenceBundle bundle = imported.bundle();
        StringBuilder text = new StringBuilder();
        text.append(archive.getFileName()).append(" was imported for ").append(server).append(": ")
                .append(imported.describe()).append(".\n\n").append(bundle.results().size())
                .append(bundle.results().size() == 1 ? " command output: " : " command outputs: ")
                .append(String.join(", ", bundle.results().keySet())).append('.');
        if (!bundle.problems().isEmpty()) {
            text.append("\n\nNot imported:");
            bundle.problems().stream().limit(30).forEach(p -> text.append("\n  ").append(p));
            if (bundle.problems().size() > 30) {
                text.append("\n  ...");
            }
        }
        ChannelKind kind = server.config().channel().kind();
        if (kind == ChannelKind.SSH || kind == ChannelKind.WINRM) {
            text.append("\n\n").append(server).append(" has a live ").append(kind.id()).append(" channel, which its")
                    .append(" checks use. Set its management channel to none to check it from this bundle.");
        } else {
            text.append("\n\nThe next check of ").append(server).append(" reads the server's state from it.");
        }
        return text.toString();
    }
}
