package org.sstpdoctor.ui.internal.certificates;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * Open Certificate File: shows the Certificate Explorer and opens a certificate file in it, the
 * one named by the {@value #FILE} parameter or one chosen in a file dialog.
 */
public final class OpenCertificateFileHandler extends AbstractHandler {

    /** The command's id. */
    public static final String COMMAND_ID = "org.sstpdoctor.ui.commands.openCertificateFile";

    /** The optional parameter naming the file to open. */
    public static final String FILE = COMMAND_ID + ".file";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindow(event);
        CertificateExplorerView view;
        try {
            view = (CertificateExplorerView) window.getActivePage().showView(CertificateExplorerView.ID);
        } catch (PartInitException e) {
            throw new ExecutionException("The Certificate Explorer cannot be opened", e);
        }
        String file = event.getParameter(FILE);
        if (file != null && !file.isBlank()) {
            view.openFile(Path.of(file));
        } else {
            view.chooseAndOpen();
        }
        return null;
    }
}
