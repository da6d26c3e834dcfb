package org.sstpdoctor.ui.internal.check;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.sstpdoctor.core.checks.ICheckListener;
import org.sstpdoctor.core.checks.ServerResult;
import org.sstpdoctor.core.inventory.Server;

/**
 * The workbench's listener of a check run: keeps the evidence each server's check gathered in
 * {@link LastEvidence} once the server is done, and tells {@link CheckJob}'s listeners when a
 * server starts and ends being checked. {@link CheckJob} passes one to the check engine for a
 * check, the quick fixes pass one to the remediation service for the re-check after a fix, so
 * the views show the evidence of whichever ran last. A cancelled or impossible check records
 * nothing. Thread-safe, as the engine calls it from its workers.
 */
public final class EvidenceRecorder implements ICheckListener {

    private final boolean partial;
    private final Map<String, Map<String, Object>> gathered = new ConcurrentHashMap<>();

    private EvidenceRecorder(boolean partial) {
        this.partial = partial;
    }

    /** For a check with every checker: evidence it does not gather is recorded as not gathered. */
    public static EvidenceRecorder forCheck() {
        return new EvidenceRecorder(false);
    }

    /**
     * For a re-check by some checkers (after a quick fix): evidence they do not require is kept
     * from the check before.
     */
    public static EvidenceRecorder forRecheck() {
        return new EvidenceRecorder(true);
    }

    @Override
    public void serverStarted(Server server) {
        CheckJob.started(server);
    }

    @Override
    public void evidenceGathered(Server server, String evidenceId, Object evidence) {
        gathered.computeIfAbsent(server.key(), k -> new ConcurrentHashMap<>()).put(evidenceId, evidence);
    }

    @Override
    public void serverDone(ServerResult result) {
        Map<String, Object> evidence = gathered.remove(result.server().key());
        if (result.status() != ServerResult.Status.CANCELLED && result.status() != ServerResult.Status.NOT_CHECKED) {
            Map<String, Object> all = evidence == null ? Map.of() : evidence;
            if (partial) {
                LastEvidence.update(result.server(), all);
            } else {
                LastEvidence.record(result.server(), all);
            }
        }
        CheckJob.ended(result.server());
    }
}
