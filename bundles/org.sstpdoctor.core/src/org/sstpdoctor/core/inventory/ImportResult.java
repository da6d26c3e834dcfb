package org.sstpdoctor.core.inventory;

import java.util.List;

/**
 * What a CSV import did, row by row: every server it added and every row it rejected, with
 * the line each starts on.
 *
 * @param added    the servers added, in file order
 * @param rejected the rows not imported and why, in file order
 */
public record ImportResult(List<Added> added, List<Rejected> rejected) {

    /** A row that became a server. */
    public record Added(int line, Server server) {
    }

    /** A row that did not, and why ("bad port \"99999\": ..."). */
    public record Rejected(int line, String reason) {

        @Override
        public String toString() {
            return "line " + line + ": " + reason;
        }
    }

    public ImportResult {
        added = List.copyOf(added);
        rejected = List.copyOf(rejected);
    }

    /** Whether every row was imported. */
    public boolean isComplete() {
        return rejected.isEmpty();
    }

    @Override
    public String toString() {
        return added.size() + " added, " + rejected.size() + " rejected" + (rejected.isEmpty() ? "" : ": " + rejected);
    }
}
