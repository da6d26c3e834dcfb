package org.sstpdoctor.core.checks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobGroup;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.internal.Contributions;

/**
 * Runs the applicable checkers over many servers in parallel.
 * <p>
 * Each server is checked by a {@link Job} of a {@link JobGroup} whose thread limit is the
 * configured concurrency. Within a server, checkers run one after another, each on a worker
 * thread of its own so that a checker that hangs is abandoned at its timeout instead of holding
 * the server; evidence is gathered once per server and shared. A checker that throws, times out,
 * or lacks evidence yields a finding that says so; it never stops the other checkers or servers.
 * Cancelling the monitor cancels every server promptly.
 */
public final class CheckEngine {

    /** The family of every server job of every run, for {@code IJobManager.find/cancel}. */
    public static final Object FAMILY = CheckEngine.class;

    private final CheckerRegistry registry;
    private final CheckSettings settings;

    public CheckEngine(CheckerRegistry registry, CheckSettings settings) {
        this.registry = Objects.requireNonNull(registry);
        this.settings = Objects.requireNonNull(settings);
    }

    public CheckSettings settings() {
        return settings;
    }

    /**
     * Checks {@code servers} with every contributed checker that {@code which} accepts, and waits
     * until all are done, timed out or cancelled.
     *
     * @param listener told as each server starts and ends; may be null
     * @param monitor  progress, one unit per server; cancellation stops the run
     */
    public CheckRun check(Collection<Server> servers, Predicate<CheckerDescriptor> which, ICheckListener listener,
            IProgressMonitor monitor) {
        long start = System.nanoTime();
        List<Server> list = List.copyOf(servers);
        SubMonitor progress = SubMonitor.convert(monitor, "Checking " + list.size() + " servers", list.size());
        List<CheckerDescriptor> descriptors = registry.checkers().stream().filter(which).toList();
        ExecutorService workers = Executors.newCachedThreadPool(daemonThreads());
        try {
            RunContext run = new RunContext(registry, settings, instantiate(descriptors), workers, listener);
            Map<Server, ServerResult> results = new ConcurrentHashMap<>();
            AtomicInteger done = new AtomicInteger();
            JobGroup group = new JobGroup("Checking servers", settings.concurrency(), list.size());
            for (Server server : list) {
                Job job = new Job("Checking " + server.host()) {
                    @Override
                    protected IStatus run(IProgressMonitor m) {
                        if (listener != null) {
                            listener.serverStarted(server);
                        }
                        ServerResult result = new ServerCheck(run, server).run(m);
                        results.put(server, result);
                        done.incrementAndGet();
                        if (listener != null) {
                            listener.serverDone(result);
                        }
                        return result.status() == ServerResult.Status.CANCELLED ? Status.CANCEL_STATUS
                                : Status.OK_STATUS;
                    }

                    @Override
                    public boolean belongsTo(Object family) {
                        return family == FAMILY || family == run;
                    }
                };
                job.setSystem(true);
                job.setJobGroup(group);
                job.schedule();
            }
            boolean cancelled = waitFor(group, done, list.size(), progress);
            List<ServerResult> ordered = new ArrayList<>(list.size());
            for (Server server : list) {
                ServerResult r = results.get(server);
                ordered.add(r != null ? r
                        : new ServerResult(server, ServerResult.Status.CANCELLED, List.of(), java.util.Set.of(),
                                Duration.ZERO));
            }
            return new CheckRun(ordered, cancelled, Duration.ofNanos(System.nanoTime() - start));
        } finally {
            workers.shutdownNow();
            if (monitor != null) {
                monitor.done();
            }
        }
    }

    /** Waits for the group, reporting servers done; returns whether the run was cancelled. */
    private static boolean waitFor(JobGroup group, AtomicInteger done, int total, SubMonitor progress) {
        int reported = 0;
        while (true) {
            try {
                boolean finished = group.join(100, null);
                int now = done.get();
                if (now > reported) {
                    progress.worked(now - reported);
                    reported = now;
                    progress.subTask(now + " of " + total + " servers checked");
                }
                if (finished) {
                    return false;
                }
                if (progress.isCanceled()) {
                    group.cancel();
                    joinQuietly(group);
                    return true;
                }
            } catch (InterruptedException e) {
                group.cancel();
                Thread.currentThread().interrupt();
                return true;
            } catch (OperationCanceledException e) {
                group.cancel();
                joinQuietly(group);
                return true;
            }
        }
    }

    private static void joinQuietly(JobGroup group) {
        try {
            group.join(5_000, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (OperationCanceledException e) {
            // already cancelled; nothing more to wait for
        }
    }

    /** Creates each checker once for the run; the ones that cannot be created are logged and left out. */
    private static List<RunContext.LoadedChecker> instantiate(List<CheckerDescriptor> descriptors) {
        List<RunContext.LoadedChecker> loaded = new ArrayList<>();
        for (CheckerDescriptor d : descriptors) {
            try {
                loaded.add(new RunContext.LoadedChecker(d, d.createChecker(), null));
            } catch (CoreException e) {
                Contributions.logFailure(d.contributor(), "Creating checker " + d.id(), e);
                loaded.add(new RunContext.LoadedChecker(d, null, e.getStatus()));
            }
        }
        return loaded;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "SSTP Doctor checker " + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * What all server checks of one run share: settings, the checkers created for the run, the
     * evidence providers (created on first use), and the worker threads.
     */
    static final class RunContext {

        /** A checker of the run, or why it could not be created. */
        record LoadedChecker(CheckerDescriptor descriptor, IChecker checker, IStatus loadError) {
        }

        private final CheckerRegistry registry;
        private final CheckSettings settings;
        private final List<LoadedChecker> checkers;
        private final ExecutorService workers;
        private final Map<String, Object> providers = new ConcurrentHashMap<>();
        private final ICheckListener listener;

        RunContext(CheckerRegistry registry, CheckSettings settings, List<LoadedChecker> checkers,
                ExecutorService workers, ICheckListener listener) {
            this.registry = registry;
            this.settings = settings;
            this.checkers = checkers;
            this.workers = workers;
            this.listener = listener;
        }

        /** Tells the run's listener, if any, of evidence gathered; a listener that throws is logged. */
        void evidenceGathered(Server server, String id, Object evidence) {
            if (listener == null) {
                return;
            }
            try {
                listener.evidenceGathered(server, id, evidence);
            } catch (RuntimeException e) {
                org.eclipse.core.runtime.ILog.of(CheckEngine.class).error("A check listener failed on evidence " + id, e);
            }
        }

        CheckerRegistry registry() {
            return registry;
        }

        CheckSettings settings() {
            return settings;
        }

        List<LoadedChecker> checkers() {
            return checkers;
        }

        ExecutorService workers() {
            return workers;
        }

        /** The run's instance of provider {@code id}, created on first use, or the CoreException why not. */
        Object provider(String id) {
            return providers.computeIfAbsent(id, key -> {
                try {
                    return registry.evidenceProvider(key)
                            .orElseThrow(() -> new CoreException(Status.error("No plug-in provides the evidence " + key)))
                            .createProvider();
                } catch (CoreException e) {
                    return e;
                }
            });
        }
    }
}
