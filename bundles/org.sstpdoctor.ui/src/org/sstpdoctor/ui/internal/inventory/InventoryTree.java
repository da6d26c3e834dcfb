package org.sstpdoctor.ui.internal.inventory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.sstpdoctor.core.inventory.Server;

/**
 * An immutable snapshot of the inventory as a tree: sites (folders, nested) holding servers.
 * Built off the UI thread from {@code Inventory.servers()}; the view shows one snapshot at a
 * time and replaces it whole when the inventory changes.
 */
public final class InventoryTree {

    /** A site: its path below the project ("" for the top), sub-sites and servers, sorted by name. */
    public record Site(String path, List<Site> sites, List<Server> servers) {

        /** The last segment of the path, or "" for the top. */
        public String name() {
            int slash = path.lastIndexOf('/');
            return slash < 0 ? path : path.substring(slash + 1);
        }

        /** Sub-sites first, then servers. */
        public Object[] children() {
            Object[] c = new Object[sites.size() + servers.size()];
            int i = 0;
            for (Site s : sites) {
                c[i++] = s;
            }
            for (Server s : servers) {
                c[i++] = s;
            }
            return c;
        }

        /** Every server of this site and its sub-sites. */
        public List<Server> allServers() {
            List<Server> all = new ArrayList<>(servers);
            sites.forEach(s -> all.addAll(s.allServers()));
            return all;
        }
    }

    private final Site root;
    private final int serverCount;

    private InventoryTree(Site root, int serverCount) {
        this.root = root;
        this.serverCount = serverCount;
    }

    /** The tree of {@code servers} and of the (possibly empty) {@code sites}. */
    public static InventoryTree of(Collection<Server> servers, Collection<String> sites) {
        Builder top = new Builder("");
        for (String site : sites) {
            top.site(site);
        }
        for (Server server : servers) {
            top.site(server.site()).servers.add(server);
        }
        return new InventoryTree(top.build(), servers.size());
    }

    public static InventoryTree empty() {
        return new InventoryTree(new Site("", List.of(), List.of()), 0);
    }

    public Site root() {
        return root;
    }

    public int serverCount() {
        return serverCount;
    }

    private static final class Builder {
        final String path;
        final Map<String, Builder> sites = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final List<Server> servers = new ArrayList<>();

        Builder(String path) {
            this.path = path;
        }

        Builder site(String sitePath) {
            if (sitePath.isEmpty()) {
                return this;
            }
            Builder b = this;
            String prefix = path;
            for (String segment : sitePath.split("/")) {
                String p = prefix.isEmpty() ? segment : prefix + "/" + segment;
                b = b.sites.computeIfAbsent(segment, k -> new Builder(p));
                prefix = p;
            }
            return b;
        }

        Site build() {
            servers.sort(Comparator.comparing(Server::name, String.CASE_INSENSITIVE_ORDER));
            return new Site(path, sites.values().stream().map(Builder::build).toList(), List.copyOf(servers));
        }
    }
}
