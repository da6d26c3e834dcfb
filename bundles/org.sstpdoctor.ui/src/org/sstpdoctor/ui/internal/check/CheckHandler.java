package org.sstpdoctor.ui.internal.check;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.handlers.HandlerUtil;
import org.sstpdoctor.core.checks.CheckPreferences;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.ui.internal.inventory.InventoryTree;

/** Check: the selected servers, and every server of the selected sites. */
public final class CheckHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        List<Server> servers = servers(HandlerUtil.getCurrentSelection(event));
        if (!servers.isEmpty()) {
            new CheckJob(servers, CheckPreferences.current()).schedule();
        }
        return null;
    }

    /** The servers a selection stands for, each once, in selection order. */
    static List<Server> servers(ISelection selection) {
        Set<Server> servers = new LinkedHashSet<>();
        if (selection instanceof IStructuredSelection s) {
            for (Object o : s) {
                if (o instanceof Server server) {
                    servers.add(server);
                } else if (o instanceof InventoryTree.Site site) {
                    servers.addAll(site.allServers());
                }
            }
        }
        return List.copyOf(servers);
    }
}
