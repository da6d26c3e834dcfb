package org.sstpdoctor.ui.tests.remediation;

import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.sstpdoctor.core.inventory.Inventory;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.inventory.ServerConfig;

/** Servers in the workbench's own inventory, for UI tests. */
public final class TestInventory {

    private TestInventory() {
    }

    /** The server named after {@code host} in the site "uitest", added when missing. */
    public static Server server(String host) throws CoreException {
        Inventory inventory = Inventory.getDefault();
        return inventory.find("uitest", host).orElseGet(() -> {
            try {
                return inventory.add("uitest", host,
                        new ServerConfig(host, 443, ManagementChannel.NONE, List.of("test"), "", null));
            } catch (CoreException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
