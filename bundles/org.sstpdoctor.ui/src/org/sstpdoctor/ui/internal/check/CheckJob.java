package org.sstpdoctor.ui.internal.check;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.sstpdoctor.core.checks.CheckEngine;
import org.sstpdoctor.core.checks.CheckRun;
import org.sstpdoctor.core.checks.CheckSettings;
import org.sstpdoctor.core.checks.CheckerRegistry;
import org.sstpdoctor.core.checks.ICheckListener;
import org.sstpdoctor.core.checks.ServerResult;
import org.sstpdoctor.core.inventory.Server;

/**
 * Checks servers with every contributed checker, in the background with progress. Which servers
 * are being checked right now is known to the views through {@link #isChecking}; the evidence
 * each server's check gathered is kept in {@link LastEvidence}.
 */
public final class CheckJob extends Job {

    /** The family of check jobs, for the progress view and for waiting in tests. */
    public static final Object FAMILY = CheckJob.class;

    private static final Set<String> CHECKING = ConcurrentHashMap.newKeySet();
    private static final List<Consumer<Server>> LISTENERS = new CopyOnWriteArrayList<>();

    private final List<Server> servers;
    private final CheckSettings settings;
    private volatile CheckRun run;

    public CheckJob(List<Server> servers, CheckSettings settings) {
        super(servers.size() == 1 ? "Checking " + servers.get(0).host() : "Checking " + servers.size() + " servers");
        this.servers = List.copyOf(servers);
        this.settings = settings;
        setUser(true);
    }

    /** Whether {@code server} is being checked now. */
    public static boolean isChecking(Server server) {
        return CHECKING.contains(server.key());
    }

    /** Tells {@code listener} (from a worker thread) whenever a server starts or ends being checked. */
    public static void addListener(Consumer<Server> listener) {
        LISTENERS.add(listener);
    }

    public static void removeListener(Consumer<Server> listener) {
        LISTENERS.remove(listener);
    }

    /** The run's outcome once the job is done, or null. */
    public CheckRun result() {
        return run;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        List<Server> readable = servers.stream().filter(Server::isReadable).toList();
        readable.forEach(s -> CHECKING.add(s.key()));
        readable.forEach(this::changed);
        try {
            Map<String, Map<String, Object>> gathered = new ConcurrentHashMap<>();
            run = new CheckEngine(CheckerRegistry.getDefault(), settings).check(readable, d -> true, new ICheckListener() {
                @Override
                public void evidenceGathered(Server server, String evidenceId, Object evidence) {
                    gathered.computeIfAbsent(server.key(), k -> new ConcurrentHashMap<>()).put(evidenceId, evidence);
                }

                @Override
                public void serverDone(ServerResult result) {
                    Map<String, Object> evidence = gathered.remove(result.server().key());
                    if (result.status() != ServerResult.Status.CANCELLED
                            && result.status() != ServerResult.Status.NOT_CHECKED) {
                        LastEvidence.record(result.server(), evidence == null ? Map.of() : evidence);
                    }
                    CHECKING.remove(result.server().key());
                    changed(result.server());
                }
            }, monitor);
        } finally {
            readable.forEach(s -> {
                if (CHECKING.remove(s.key())) {
                    changed(s);
                }
            });
        }
        return run.cancelled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
    }

    private void changed(Server server) {
        LISTENERS.forEach(l -> l.accept(server));
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }
}
