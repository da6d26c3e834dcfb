package org.sstpdoctor.ui.internal.remediation;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.sstpdoctor.core.inventory.Inventory;
import org.sstpdoctor.core.inventory.Server;

/** The inventory's server for a server file, read afresh (the file may have changed since the check). */
final class ServerLookup {

    private ServerLookup() {
    }

    static Server server(IFile file) throws CoreException {
        return Inventory.forProject(file.getProject()).get(file.getFullPath()).orElse(null);
    }
}
