package org.sstpdoctor.core.checks;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.sstpdoctor.core.checks.CheckEngine.RunContext;
import org.sstpdoctor.core.evidence.EvidenceProviderDescriptor;
import org.sstpdoctor.core.evidence.IEvidenceProvider;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.internal.Contributions;
import org.sstpdoctor.core.markers.FindingMarkers;

/** The check of one server in one run: its checkers in turn, its evidence gathered once. */
final class ServerCheck {

    /** Finding kinds the engine reports about checks that could not be completed. */
    static final String CHECKER_FAILED = "org.sstpdoctor.core.checkerFailed";
    static final String CHECKER_TIMED_OUT = "org.sstpdoctor.core.checkerTimedOut";
    static final String SERVER_TIMED_OUT = "org.sstpdoctor.core.serverTimedOut";
    static final String EVIDENCE_UNAVAILABLE = "org.sstpdoctor.core.evidenceUnavailable";

    private final RunContext run;
    private final Server server;
    private final Map<String, CompletableFuture<Object>> evidence = new ConcurrentHashMap<>();
    private final Map<String, String> evidenceFailures = new ConcurrentHashMap<>();

    ServerCheck(RunContext run, Server server) {
        this.run = run;
        this.server = server;
    }

    ServerResult run(IProgressMonitor jobMonitor) {
        long start = System.nanoTime();
        if (!server.isReadable()) {
            return new ServerResult(server, ServerResult.Status.NOT_CHECKED, List.of(), Set.of(), Duration.ZERO);
        }
        long deadline = start + run.settings().serverTimeout().toNanos();
        long checkerTimeout = run.settings().checkerTimeout().toNanos();
        List<Finding> findings = new ArrayList<>();
        Set<String> sources = new LinkedHashSet<>();
        boolean incomplete = false;
        boolean cancelled = false;
        for (RunContext.LoadedChecker loaded : run.checkers()) {
            if (jobMonitor.isCanceled()) {
                cancelled = true;
                break;
            }
            CheckerDescriptor d = loaded.descriptor();
            sources.add(d.id());
            sources.addAll(evidenceClosure(d.requiredEvidence()));
            if (loaded.checker() == null) {
                findings.add(incomplete(CHECKER_FAILED, d, "Checker '" + d.name() + "' could not be loaded: "
                        + loaded.loadError().getMessage()));
                incomplete = true;
                continue;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                findings.add(incomplete(SERVER_TIMED_OUT, d, "Checker '" + d.name() + "' did not run: the server's "
                        + seconds(run.settings().serverTimeout()) + " time limit was reached"));
                incomplete = true;
                continue;
            }
            CheckerMonitor monitor = new CheckerMonitor(jobMonitor);
            Context context = new Context(d.requiredEvidence(), new ArrayDeque<>(), monitor);
            Future<List<Finding>> future = run.workers().submit(() -> loaded.checker().check(context, monitor));
            boolean limitedByServer = remaining < checkerTimeout;
            try {
                List<Finding> found = await(future, Math.min(remaining, checkerTimeout), jobMonitor);
                if (found == null) {
                    throw new ExecutionException(new NullPointerException("check(...) returned null"));
                }
                for (Finding f : found) {
                    findings.add(f.withChecker(d.id()));
                }
            } catch (TimeoutException e) {
                monitor.setCanceled(true);
                future.cancel(true);
                if (jobMonitor.isCanceled()) {
                    cancelled = true;
                    break;
                }
                findings.add(limitedByServer
                        ? incomplete(SERVER_TIMED_OUT, d, "Checker '" + d.name() + "' was stopped: the server's "
                                + seconds(run.settings().serverTimeout()) + " time limit was reached")
                        : incomplete(CHECKER_TIMED_OUT, d, "Checker '" + d.name() + "' did not finish within "
                                + seconds(run.settings().checkerTimeout())));
                incomplete = true;
            } catch (ExecutionException e) {
                if (jobMonitor.isCanceled()) {
                    cancelled = true;
                    break;
                }
                if (!failedForLackOfEvidence(d)) {
                    Throwable cause = e.getCause();
                    if (!(cause instanceof CoreException)) {
                        Contributions.logFailure(d.contributor(), "Checker " + d.id() + " on " + server.host(), cause);
                    }
                    findings.add(incomplete(CHECKER_FAILED, d, "Checker '" + d.name() + "' failed: " + message(cause)));
                }
                incomplete = true;
            } catch (CancellationException e) {
                monitor.setCanceled(true);
                cancelled = true;
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelled = true;
                break;
            }
        }
        for (Map.Entry<String, String> failure : new LinkedHashMap<>(evidenceFailures).entrySet()) {
            String name = run.registry().evidenceProvider(failure.getKey()).map(EvidenceProviderDescriptor::name)
                    .orElse(failure.getKey());
            findings.add(Finding.of(EVIDENCE_UNAVAILABLE, Severity.WARNING,
                    "Could not gather " + name + ": " + failure.getValue()).withChecker(failure.getKey()));
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (cancelled) {
            return new ServerResult(server, ServerResult.Status.CANCELLED, findings, sources, elapsed);
        }
        if (run.settings().writeMarkers()) {
            FindingMarkers.replace(server, sources, findings);
        }
        ServerResult.Status status = incomplete || !evidenceFailures.isEmpty() ? ServerResult.Status.INCOMPLETE
                : ServerResult.Status.CHECKED;
        return new ServerResult(server, status, findings, sources, elapsed);
    }

    /**
     * Waits for a checker, in slices, so that cancelling the run stops the wait at once rather
     * than at the checker's timeout.
     */
    private static <T> T await(Future<T> future, long timeoutNanos, IProgressMonitor jobMonitor)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            if (jobMonitor.isCanceled()) {
                future.cancel(true);
                throw new CancellationException();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException();
            }
            try {
                return future.get(Math.min(left, POLL_NANOS), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // next slice
            }
        }
    }

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private boolean failedForLackOfEvidence(CheckerDescriptor d) {
        return evidenceClosure(d.requiredEvidence()).stream().anyMatch(evidenceFailures::containsKey);
    }

    private Set<String> evidenceClosure(List<String> ids) {
        Set<String> all = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(ids);
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (all.add(id)) {
                run.registry().evidenceProvider(id).ifPresent(p -> todo.addAll(p.requiredEvidence()));
            }
        }
        return all;
    }

    private static Finding incomplete(String kind, CheckerDescriptor d, String message) {
        return Finding.of(kind, Severity.WARNING, message).withChecker(d.id());
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String message(Throwable t) {
        if (t instanceof CoreException ce) {
            return ce.getStatus().getMessage();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** A checker's or provider's view: the server, and the evidence it declared. */
    private final class Context implements ICheckContext {
        private final List<String> declared;
        private final Deque<String> chain;
        private final IProgressMonitor monitor;

        Context(List<String> declared, Deque<String> chain, IProgressMonitor monitor) {
            this.declared = declared;
            this.chain = chain;
            this.monitor = monitor;
        }

        @Override
        public Server server() {
            return server;
        }

        @Override
        public <T> T evidence(String evidenceId, Class<T> type) throws CoreException {
            if (!declared.contains(evidenceId)) {
                throw new IllegalStateException("evidence '" + evidenceId + "' was not declared with <requires>");
            }
            Object value = gather(evidenceId);
            if (!type.isInstance(value)) {
                throw new CoreException(Status.error("Evidence " + evidenceId + " is a " + value.getClass().getName()
                        + ", not a " + type.getName()));
            }
            return type.cast(value);
        }

        private Object gather(String id) throws CoreException {
            if (chain.contains(id)) {
                throw new CoreException(Status.error("Circular evidence requirement: " + chain + " -> " + id));
            }
            CompletableFuture<Object> mine = new CompletableFuture<>();
            CompletableFuture<Object> existing = evidence.putIfAbsent(id, mine);
            if (existing != null) {
                return await(existing);
            }
            try {
                Object p = run.provider(id);
                if (p instanceof CoreException e) {
                    throw e;
                }
                EvidenceProviderDescriptor d = run.registry().evidenceProvider(id).orElseThrow();
                Deque<String> next = new ArrayDeque<>(chain);
                next.push(id);
                Object value;
                try {
                    value = ((IEvidenceProvider) p).gather(new Context(d.requiredEvidence(), next, monitor), monitor);
                } catch (RuntimeException | LinkageError e) {
                    if (monitor.isCanceled() || Thread.currentThread().isInterrupted()) {
                        throw new CoreException(Status.error("stopped before it finished"));
                    }
                    Contributions.logFailure(d.contributor(), "Evidence provider " + id + " on " + server.host(), e);
                    throw new CoreException(Status.error(message(e), e));
                }
                if (value == null) {
                    throw new CoreException(Status.error("the provider returned nothing"));
                }
                run.evidenceGathered(server, id, value);
                mine.complete(value);
                return value;
            } catch (CoreException e) {
                evidenceFailures.putIfAbsent(id, e.getStatus().getMessage());
                mine.completeExceptionally(e);
                throw e;
            }
        }

        private Object await(CompletableFuture<Object> future) throws CoreException {
            try {
                return future.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof CoreException ce) {
                    throw ce;
                }
                throw new CoreException(Status.error(message(e.getCause()), e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CoreException(Status.CANCEL_STATUS);
            }
        }
    }

    /** A checker's monitor: cancelled by its timeout or by the server's job. */
    private static final class CheckerMonitor extends NullProgressMonitor {
        private final IProgressMonitor parent;

        CheckerMonitor(IProgressMonitor parent) {
            this.parent = parent;
        }

        @Override
        public boolean isCanceled() {
            return super.isCanceled() || parent.isCanceled();
        }
    }
}
