package org.sstpdoctor.ui.internal.check;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.probe.evidence.NetworkEvidence;
import org.sstpdoctor.probe.evidence.NetworkEvidenceProvider;
import org.sstpdoctor.remote.evidence.ServerState;
import org.sstpdoctor.remote.evidence.ServerStateProvider;

/**
 * The evidence objects of each server's last check in this session: the network evidence (the
 * chain the server presented) and the server state (its certificate store, http.sys bindings and
 * SSTP registry values), for the views that show the evidence itself rather than the findings
 * made from it. Filled by {@link EvidenceRecorder} from every check the workbench runs: the
 * checks of {@link CheckJob} and the re-check after a quick fix; kept in memory only, by server
 * key, for the {@value #MAX_SERVERS} servers checked or looked at last (a check of thousands of
 * servers does not keep every chain and store).
 */
public final class LastEvidence {

    /** The id of the remote bundle's server-state evidence. */
    public static final String SERVER_STATE_ID = ServerStateProvider.ID;

    /**
     * The evidence of a server's last check. After a re-check that gathered only part of the
     * evidence (the re-check after a quick fix gathers what the re-run checkers require), the
     * other part is the one of the check before, and says so by its time.
     *
     * @param network   the network evidence, or null when it was not gathered
     * @param networkAt when the check that gathered {@code network} ended, or null with it
     * @param state     the server state, or null when it was not gathered
     * @param stateAt   when the check that gathered {@code state} ended, or null with it
     * @param checkedAt when the last check ended
     */
    public record Snapshot(NetworkEvidence network, Instant networkAt, ServerState state, Instant stateAt,
            Instant checkedAt) {

        /** Whether the network evidence is older than the last check, which did not probe the network. */
        public boolean networkFromEarlierCheck() {
            return network != null && networkAt.isBefore(checkedAt);
        }

        /** Whether the server state is older than the last check, which did not read the server. */
        public boolean stateFromEarlierCheck() {
            return state != null && stateAt.isBefore(checkedAt);
        }
    }

    /** How many servers' evidence is kept: the most recently checked or looked at. */
    public static final int MAX_SERVERS = 1000;

    private static final Map<String, Snapshot> LAST = Collections.synchronizedMap(
            new LinkedHashMap<String, Snapshot>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Snapshot> eldest) {
                    return size() > MAX_SERVERS;
                }
            });
    private static final List<Consumer<String>> LISTENERS = new CopyOnWriteArrayList<>();

    private LastEvidence() {
    }

    /** The evidence of the last check of {@code server} in this session, if any. */
    public static Optional<Snapshot> of(Server server) {
        return Optional.ofNullable(LAST.get(server.key()));
    }

    /** Tells {@code listener} (from a worker thread) the key of each server whose evidence changed. */
    public static void addListener(Consumer<String> listener) {
        LISTENERS.add(listener);
    }

    public static void removeListener(Consumer<String> listener) {
        LISTENERS.remove(listener);
    }

    /**
     * Records what a check of {@code server} with every checker gathered, replacing the previous
     * check's evidence: what it did not gather is recorded as not gathered.
     */
    public static void record(Server server, Map<String, Object> gathered) {
        Instant now = Instant.now();
        NetworkEvidence network = gathered.get(NetworkEvidenceProvider.ID) instanceof NetworkEvidence n ? n : null;
        ServerState state = gathered.get(SERVER_STATE_ID) instanceof ServerState s ? s : null;
        LAST.put(server.key(), new Snapshot(network, network == null ? null : now, state, state == null ? null : now,
                now));
        LISTENERS.forEach(l -> l.accept(server.key()));
    }

    /**
     * Records what a re-check of {@code server} by some of the checkers gathered (the re-check
     * after a quick fix): the evidence it gathered replaces the previous check's, the evidence it
     * did not gather is kept from the previous check, with that check's time.
     */
    public static void update(Server server, Map<String, Object> gathered) {
        Instant now = Instant.now();
        NetworkEvidence network = gathered.get(NetworkEvidenceProvider.ID) instanceof NetworkEvidence n ? n : null;
        ServerState state = gathered.get(SERVER_STATE_ID) instanceof ServerState s ? s : null;
        LAST.compute(server.key(), (key, before) -> new Snapshot(
                network != null ? network : before == null ? null : before.network(),
                network != null ? now : before == null ? null : before.networkAt(),
                state != null ? state : before == null ? null : before.state(),
                state != null ? now : before == null ? null : before.stateAt(), now));
        LISTENERS.forEach(l -> l.accept(server.key()));
    }

    /** Forgets everything (tests). */
    public static void clear() {
        LAST.clear();
    }
}
