package org.sstpdoctor.core.inventory;

import java.io.IOException;
import java.io.Writer;
import java.util.Collection;
import java.util.List;

import org.sstpdoctor.core.internal.CsvWriter;

/**
 * Writes servers as CSV ({@code doc/inventory-csv.md}) in the columns {@link CsvImport} reads:
 * {@code host,port,site,channel,name,tags}, tags separated by ';'. Credentials, user names and
 * notes are not exported.
 */
public final class CsvExport {

    /** The columns written, in order. */
    public static final List<String> COLUMNS = List.of("host", "port", "site", "channel", "name", "tags");

    private CsvExport() {
    }

    /**
     * Writes a header row and one row per readable server of {@code servers}, in their order;
     * servers whose file cannot be read are left out.
     *
     * @return the number of servers written
     */
    public static int write(Collection<Server> servers, Writer out) throws IOException {
        CsvWriter csv = new CsvWriter(out);
        csv.write(COLUMNS);
        int written = 0;
        for (Server server : servers) {
            ServerConfig config = server.config();
            if (config == null) {
                continue;
            }
            csv.write(List.of(config.host(), Integer.toString(config.sstpPort()), server.site(),
                    config.channel().kind().id(), server.name(), String.join(";", config.tags())));
            written++;
        }
        out.flush();
        return written;
    }
}
