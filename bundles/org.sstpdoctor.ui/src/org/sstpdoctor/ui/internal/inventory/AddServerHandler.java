package org.sstpdoctor.ui.internal.inventory;

import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.ui.handlers.HandlerUtil;
import org.sstpdoctor.core.inventory.Server;

/** Opens the Add RRAS Server wizard, in the site of the selection. */
public final class AddServerHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        String site = "";
        if (HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection s) {
            Object first = s.getFirstElement();
            if (first instanceof InventoryTree.Site st) {
                site = st.path();
            } else if (first instanceof Server server) {
                site = server.site();
            }
        }
        List<String> sites = new java.util.ArrayList<>();
        if (HandlerUtil.getActivePart(event) instanceof ServerInventoryView view) {
            collect(view.tree().root(), sites);
        }
        new WizardDialog(HandlerUtil.getActiveWorkbenchWindow(event).getShell(), new AddServerWizard(sites, site)).open();
        return null;
    }

    private static void collect(InventoryTree.Site site, List<String> into) {
        for (InventoryTree.Site s : site.sites()) {
            into.add(s.path());
            collect(s, into);
        }
    }
}
