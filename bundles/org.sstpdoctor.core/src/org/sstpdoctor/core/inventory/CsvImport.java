package org.sstpdoctor.core.inventory;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.core.runtime.CoreException;
import org.sstpdoctor.core.internal.CsvReader;

/**
 * Adds servers to an inventory from CSV ({@code doc/inventory-csv.md}): a header row naming the
 * columns ({@code host,port,site,channel}, optionally {@code name,tags}; any case, any order,
 * other columns ignored), then one server per row. Each bad row is rejected with its line and
 * reason and the import goes on with the next.
 */
public final class CsvImport {

    /** The columns an import understands; only {@code host} is required. */
    public static final List<String> COLUMNS = List.of("host", "port", "site", "channel", "name", "tags");

    private final Inventory inventory;
    private final Map<String, Integer> columns = new HashMap<>();
    /** Lower-case "site/name" of every server there is, mapped to the line that added it (0: was there). */
    private final Map<String, Integer> taken = new HashMap<>();
    private final List<ImportResult.Added> added = new ArrayList<>();
    private final List<ImportResult.Rejected> rejected = new ArrayList<>();

    private CsvImport(Inventory inventory) {
        this.inventory = inventory;
    }

    /**
     * Imports the servers of {@code csv} into {@code inventory}. A server's name is its
     * {@code name} column, or else its host name; a row naming a server its site already has is
     * rejected as a duplicate.
     *
     * @throws IOException   when {@code csv} cannot be read
     * @throws CoreException when the inventory cannot be listed
     */
    public static ImportResult importServers(Inventory inventory, Reader csv) throws IOException, CoreException {
        return new CsvImport(inventory).run(new CsvReader(csv));
    }

    private ImportResult run(CsvReader csv) throws IOException, CoreException {
        CsvReader.Record header = csv.next();
        while (header != null && header.isBlank()) {
            header = csv.next();
        }
        if (header == null) {
            return result();
        }
        String headerProblem = readHeader(header);
        if (headerProblem != null) {
            rejected.add(new ImportResult.Rejected(header.line(), headerProblem));
            return result();
        }
        for (Server server : inventory.servers()) {
            taken.put(key(server.site(), server.name()), 0);
        }
        for (CsvReader.Record row = csv.next(); row != null; row = csv.next()) {
            if (!row.isValid()) {
                rejected.add(new ImportResult.Rejected(row.line(), "malformed CSV: " + row.error()));
            } else if (!row.isBlank()) {
                importRow(row);
            }
        }
        return result();
    }

    private String readHeader(CsvReader.Record header) {
        if (!header.isValid()) {
            return "malformed CSV header: " + header.error();
        }
        for (int i = 0; i < header.fields().size(); i++) {
            String column = header.fields().get(i).strip().toLowerCase(Locale.ROOT);
            if (COLUMNS.contains(column) && columns.putIfAbsent(column, i) != null) {
                return "the header names column \"" + column + "\" twice";
            }
        }
        if (!columns.containsKey("host")) {
            return "no header row naming a \"host\" column: the first row must name the columns, e.g."
                    + " host,port,site,channel";
        }
        return null;
    }

    private void importRow(CsvReader.Record row) {
        String reason;
        try {
            reason = addServer(row);
        } catch (CoreException e) {
            reason = "could not save the server: " + e.getStatus().getMessage();
        } catch (IllegalArgumentException e) {
            reason = e.getMessage();
        }
        if (reason != null) {
            rejected.add(new ImportResult.Rejected(row.line(), reason));
        }
    }

    /** Adds the server of {@code row}, or says why not. */
    private String addServer(CsvReader.Record row) throws CoreException {
        String host = value(row, "host");
        if (host.isEmpty()) {
            return "no host";
        }
        String hostProblem = HostNames.problem(host);
        if (hostProblem != null) {
            return "bad host \"" + host + "\": " + hostProblem;
        }
        String portText = value(row, "port");
        int port = ServerConfig.DEFAULT_SSTP_PORT;
        if (!portText.isEmpty()) {
            port = port(portText);
            if (port < 0) {
                return "bad port \"" + portText + "\": not a number from 1 to 65535";
            }
        }
        String site = value(row, "site");
        String siteProblem = InventoryNames.siteProblem(site);
        if (siteProblem != null) {
            return "bad site \"" + site + "\": " + siteProblem;
        }
        site = InventoryNames.checkSite(site);
        String channelText = value(row, "channel");
        ChannelKind kind = channelText.isEmpty() ? ChannelKind.NONE : ChannelKind.fromId(channelText);
        if (kind == null) {
            return "unknown channel \"" + channelText + "\" (known: none, ssh, winrm, bundle)";
        }
        String name = value(row, "name");
        if (name.isEmpty()) {
            name = InventoryNames.fromHost(host);
        }
        String nameProblem = InventoryNames.problem(name);
        if (nameProblem != null) {
            return "bad name: " + nameProblem;
        }
        List<String> tags = new ArrayList<>();
        for (String tag : value(row, "tags").split(";")) {
            if (!tag.isBlank()) {
                String tagProblem = ServerFileFormat.tagProblem(tag.strip());
                if (tagProblem != null) {
                    return "bad tag \"" + tag.strip() + "\": " + tagProblem;
                }
                tags.add(tag.strip());
            }
        }
        String key = key(site, name);
        Integer takenBy = taken.get(key);
        if (takenBy != null) {
            String where = site.isEmpty() ? "at the top of the inventory" : "in site \"" + site + "\"";
            return takenBy == 0 ? "duplicate: a server named \"" + name + "\" already exists " + where
                    : "duplicate: line " + takenBy + " already adds a server named \"" + name + "\" " + where;
        }
        ServerConfig config = new ServerConfig(host, port, ManagementChannel.of(kind), tags, "", "");
        Server server = inventory.add(site, name, config);
        taken.put(key, row.line());
        added.add(new ImportResult.Added(row.line(), server));
        return null;
    }

    private String value(CsvReader.Record row, String column) {
        Integer index = columns.get(column);
        return index == null || index >= row.fields().size() ? "" : row.fields().get(index).strip();
    }

    private static int port(String text) {
        if (text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int port = Integer.parseInt(text);
        return port >= 1 && port <= 65535 ? port : -1;
    }

    private static String key(String site, String name) {
        return (site + "/" + name).toLowerCase(Locale.ROOT);
    }

    private ImportResult result() {
        return new ImportResult(added, rejected);
    }
}
