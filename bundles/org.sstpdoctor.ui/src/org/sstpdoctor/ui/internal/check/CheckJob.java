package org.sstpdoctor.ui.internal.check;

import java.util.List;
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
import org.sstpdoctor.core.inventory.Server;

/**
 * Checks servers with every contributed checker, in the background with progress. Which servers
 * are being checked right now (by a check job or by the re-check after a quick fix) is known to
 * the views through {@link #isChecking}; the evidence each server's check gathered is kept in
 * {@link LastEvidence} by an {@link EvidenceRecorder}.
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
        readable.forEach(CheckJob::started);
        try {
            run = new CheckEngine(CheckerRegistry.getDefault(), settings).check(readable, d -> true,
                    EvidenceRecorder.forCheck(), monitor);
        } finally {
            readable.forEach(CheckJob::ended);
        }
        return run.cancelled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
    }

    /** {@code server} starts being checked, by a check job or by the re-check after a quick fix. */
    static void started(Server server) {
        if (CHECKING.add(server.key())) {
            changed(server);
        }
    }

    /** {@code server} is done being checked. */
    static void ended(Server server) {
        if (CHECKING.remove(server.key())) {
            changed(server);
        }
    }

    private static void changed(Server server) {
        LISTENERS.forEach(l -> l.accept(server));
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }
}
