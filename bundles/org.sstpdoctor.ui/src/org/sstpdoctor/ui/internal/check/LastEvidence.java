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
 * made from it. Filled by {@link CheckJob}; kept in memory only, by server key, for the
 * {@value #MAX_SERVERS} servers checked or looked at last (a check of thousands of servers does
 * not keep every chain and store).
 */
public final class LastEvidence {

    /** The id of the remote bundle's server-state evidence. */
    public static final String SERVER_STATE_ID = ServerStateProvider.ID;

    /**
     * The evidence one check of a server gathered.
     *
     * @param network   the network evidence, or null when it was not gathered
     * @param state     the server state, or null when it was not gathered
     * @param checkedAt when the check ended
     */
    public record Snapshot(NetworkEvidence network, ServerState state, Instant checkedAt) {
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

    /** Records what one check of {@code server} gathered, replacing the previous check's evidence. */
    public static void record(Server server, Map<String, Object> gathered) {
        Object network = gathered.get(NetworkEvidenceProvider.ID);
        Object state = gathered.get(SERVER_STATE_ID);
        LAST.put(server.key(), new Snapshot(network instanceof NetworkEvidence n ? n : null,
                state instanceof ServerState s ? s : null, Instant.now()));
        LISTENERS.forEach(l -> l.accept(server.key()));
    }

    /** Forgets everything (tests). */
    public static void clear() {
        LAST.clear();
    }
}
