package org.sstpdoctor.ui.internal.inventory;

import java.lang.reflect.InvocationTargetException;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.wizard.Wizard;
import org.sstpdoctor.core.inventory.Inventory;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.inventory.ServerConfig;

/** Adds a server to the inventory. */
public final class AddServerWizard extends Wizard {

    private final ServerWizardPage page;
    private Server added;

    public AddServerWizard(List<String> sites, String initialSite) {
        setWindowTitle("Add RRAS Server");
        setNeedsProgressMonitor(true);
        page = new ServerWizardPage(sites, initialSite);
        addPage(page);
    }

    /** The server added, once finished. */
    public Server added() {
        return added;
    }

    @Override
    public boolean performFinish() {
        String site = page.site();
        String name = page.name();
        ServerConfig config = page.config();
        try {
            getContainer().run(true, false, monitor -> {
                try {
                    added = Inventory.getDefault().add(site, name, config);
                } catch (CoreException | IllegalArgumentException e) {
                    throw new InvocationTargetException(e);
                }
            });
            return true;
        } catch (InvocationTargetException e) {
            page.setErrorMessage(e.getCause().getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
