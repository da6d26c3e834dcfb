package org.sstpdoctor.ui.internal.editor;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.forms.editor.FormEditor;
import org.sstpdoctor.core.inventory.Inventory;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.inventory.ServerConfig;

/**
 * The server editor, on a server file: its connection, management channel and credentials
 * (page "Server") and its last findings with the evidence they came from (page "Findings").
 * Saving writes the file through the inventory (atomically); credentials go to Secure Storage
 * only, never into the file.
 */
public final class ServerEditor extends FormEditor {

    /** The editor's id (org.eclipse.ui.editors, for *.server files). */
    public static final String ID = "org.sstpdoctor.ui.editors.server";

    private Server server;
    private ServerPage serverPage;

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof IFileEditorInput fileInput)) {
            throw new PartInitException("The server editor opens server files only");
        }
        super.init(site, input);
        IFile file = fileInput.getFile();
        try {
            server = Inventory.forProject(file.getProject()).get(file.getFullPath())
                    .orElseThrow(() -> new PartInitException(file.getFullPath() + " is not a server of the inventory"));
        } catch (CoreException e) {
            throw new PartInitException(e.getStatus());
        }
        setPartName(server.name());
        setTitleToolTip(server.host() + " (" + file.getFullPath() + ")");
    }

    /** The server as last read or saved. */
    public Server server() {
        return server;
    }

    @Override
    protected void addPages() {
        try {
            serverPage = new ServerPage(this);
            addPage(serverPage);
            addPage(new FindingsPage(this));
        } catch (PartInitException e) {
            MessageDialog.openError(getSite().getShell(), "Server editor", e.getMessage());
        }
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
        if (!server.isReadable()) {
            return;
        }
        ServerConfig edited = serverPage.edited();
        if (edited == null) {
            MessageDialog.openError(getSite().getShell(), "Cannot save " + server.name(), serverPage.problem());
            monitor.setCanceled(true);
            return;
        }
        try {
            server = Inventory.forProject(server.file().getProject()).update(server, edited);
            serverPage.saved(server);
            editorDirtyStateChanged();
        } catch (CoreException | IllegalArgumentException e) {
            MessageDialog.openError(getSite().getShell(), "Cannot save " + server.name(), e.getMessage());
            monitor.setCanceled(true);
        }
    }

    @Override
    public void doSaveAs() {
        throw new UnsupportedOperationException("a server is saved in its own file");
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }
}
