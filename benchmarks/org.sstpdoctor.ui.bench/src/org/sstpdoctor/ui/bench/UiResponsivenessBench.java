package org.sstpdoctor.ui.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.IWorkspaceRunnable;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.Test;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.Severity;
import org.sstpdoctor.core.inventory.Inventory;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.inventory.ServerConfig;
import org.sstpdoctor.core.markers.FindingMarkers;

/**
 * How long the UI thread is kept busy while the workbench holds a large inventory: 5,000 servers
 * in 50 sites get 10,000 problem markers, then "Check All" checks every one of them (each points
 * at a closed loopback port, so each check is a real probe that is refused at once and replaces
 * the server's markers). A heartbeat posted to the UI thread every 10 ms measures, per phase,
 * how late the UI thread ran it: the longest delay is the longest time a person would have found
 * the window frozen. When a heartbeat is more than 100 ms late, the UI thread's stack is sampled
 * to name what held it.
 * <p>
 * A benchmark, not a test: it prints its figures and judges nothing.
 */
class UiResponsivenessBench {

    private static final long BEAT_NANOS = 10_000_000L;
    private static final long STALL_NANOS = 100_000_000L;
    private static final String INVENTORY_VIEW_ID = "org.sstpdoctor.ui.views.inventory";
    private static final String CHECK_JOB = "org.sstpdoctor.ui.internal.check.CheckJob";

    @Test
    void largeInventory() throws Exception {
        int servers = Integer.getInteger("sstpdoctor.bench.servers", 5000);
        int markersPerServer = Integer.getInteger("sstpdoctor.bench.markersPerServer", 2);
        Display display = Display.getCurrent();
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        page.showView(INVENTORY_VIEW_ID);
        Composite window = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        page.showView("org.eclipse.ui.views.ProblemView");
        Heartbeat.Done checked = checkStartedAndEnded();
        Heartbeat beat = new Heartbeat(display);
        List<String> report = new ArrayList<>();
        report.add(String.format("UI responsiveness: %,d servers, %,d markers; %d cores; %s", servers,
                servers * markersPerServer, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        try {
            Inventory inventory = Inventory.getDefault();
            report.add(beat.phase("add " + servers + " servers (one workspace operation, view open)", display,
                    () -> inWorkspace(monitor -> {
                        for (int i = 0; i < servers; i++) {
                            inventory.add(String.format("site-%02d", i % 50), String.format("vpn-%05d.bench.test", i),
                                    new ServerConfig("127.0.0.1", 9, null, List.of("bench"), "", null));
                        }
                    }), () -> siteCount(window) >= Math.min(50, servers)));
            List<Server> all = inventory.servers();
            report.add(beat.phase("add " + servers * markersPerServer + " problem markers (one operation per server)",
                    display, () -> inJob(monitor -> {
                        for (Server s : all) {
                            List<Finding> findings = new ArrayList<>();
                            for (int k = 0; k < markersPerServer; k++) {
                                findings.add(Finding.of("org.sstpdoctor.bench.problem" + k, Severity.ERROR,
                                        "benchmark problem " + k).withErrorCode(809).withScenario(2).withChecker("bench"));
                            }
                            FindingMarkers.replace(s, Set.of("bench"), findings);
                        }
                    }), () -> true));
            report.add(beat.phase("Check All over " + servers + " servers (each probe refused on loopback)", display,
                    () -> {
                        PlatformUI.getWorkbench().getService(IHandlerService.class)
                                .executeCommand("org.sstpdoctor.ui.commands.checkAll", null);
                        return null;
                    }, checked));
            report.add(String.format("markers at the end, by source: %s; heap used %,d MB", markersBySource(),
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20));
        } finally {
            beat.stop();
            report.forEach(System.out::println);
        }
    }

    /** The number of sites the Server Inventory's tree shows. */
    private static int siteCount(Control control) {
        if (control instanceof Tree tree && tree.getItemCount() > 0 && tree.getItem(0).getText().startsWith("site-")) {
            return tree.getItemCount();
        }
        if (control instanceof Composite c) {
            for (Control child : c.getChildren()) {
                int n = siteCount(child);
                if (n > 0) {
                    return n;
                }
            }
        }
        return 0;
    }

    /**
     * Done once a check job of the workbench ("Check All") has been scheduled and every one
     * scheduled has ended; told by the job manager, so that waiting costs the UI thread nothing.
     */
    private static Heartbeat.Done checkStartedAndEnded() {
        AtomicLong started = new AtomicLong();
        AtomicLong ended = new AtomicLong();
        Job.getJobManager().addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void scheduled(IJobChangeEvent event) {
                if (event.getJob().getClass().getName().equals(CHECK_JOB)) {
                    started.incrementAndGet();
                }
            }

            @Override
            public void done(IJobChangeEvent event) {
                if (event.getJob().getClass().getName().equals(CHECK_JOB)) {
                    ended.incrementAndGet();
                }
            }
        });
        return () -> started.get() > 0 && ended.get() == started.get();
    }

    /** The problem markers of the inventory, counted by the checker that reported them. */
    private static Map<String, Integer> markersBySource() throws CoreException {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (org.eclipse.core.resources.IMarker m : ResourcesPlugin.getWorkspace().getRoot().findMarkers(
                FindingMarkers.TYPE, false, org.eclipse.core.resources.IResource.DEPTH_INFINITE)) {
            counts.merge(m.getAttribute(FindingMarkers.SOURCE, "?"), 1, Integer::sum);
        }
        return counts;
    }

    /** Runs {@code runnable} as one workspace operation in a job; answers the job. */
    private static Job inWorkspace(IWorkspaceRunnable runnable) {
        IWorkspace workspace = ResourcesPlugin.getWorkspace();
        return inJob(monitor -> workspace.run(runnable, workspace.getRoot(), IWorkspace.AVOID_UPDATE, monitor));
    }

    private interface Work {
        void run(IProgressMonitor monitor) throws CoreException;
    }

    private static Job inJob(Work work) {
        Job job = Job.create("benchmark", monitor -> {
            try {
                work.run(monitor);
                return Status.OK_STATUS;
            } catch (CoreException e) {
                return e.getStatus();
            }
        });
        job.schedule();
        return job;
    }

    /** Posts a beat to the UI thread every 10 ms and records how late each one ran. */
    private static final class Heartbeat {
        private final Display display;
        private final Thread uiThread;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong posted = new AtomicLong();
        private final AtomicReference<List<Long>> delays = new AtomicReference<>(Collections.synchronizedList(new ArrayList<>()));
        private final Map<String, Integer> stallFrames = new ConcurrentHashMap<>();
        private final Thread thread;

        Heartbeat(Display display) {
            this.display = display;
            this.uiThread = display.getThread();
            this.thread = new Thread(this::loop, "UI heartbeat");
            thread.setDaemon(true);
            thread.start();
        }

        private void loop() {
            while (running.get()) {
                long t = System.nanoTime();
                posted.set(t);
                List<Long> into = delays.get();
                try {
                    display.asyncExec(() -> {
                        into.add(System.nanoTime() - t);
                        posted.set(0);
                    });
                } catch (RuntimeException disposed) {
                    return;
                }
                // wait for the beat, sampling the UI thread when it is late
                long sampled = 0;
                while (running.get() && posted.get() == t) {
                    long late = System.nanoTime() - t;
                    if (late > STALL_NANOS && late - sampled > STALL_NANOS) {
                        sampled = late;
                        StackTraceElement[] stack = uiThread.getStackTrace();
                        stallFrames.merge(topFrames(stack), 1, Integer::sum);
                    }
                    sleep(2);
                }
                sleep(BEAT_NANOS / 1_000_000);
            }
        }

        private static String topFrames(StackTraceElement[] stack) {
            StringBuilder b = new StringBuilder();
            int shown = 0;
            for (StackTraceElement e : stack) {
                String c = e.getClassName();
                if (shown == 0 && (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun."))) {
                    continue;
                }
                b.append(shown == 0 ? "" : " < ").append(c.substring(c.lastIndexOf('.') + 1)).append('.')
                        .append(e.getMethodName());
                if (++shown == 4) {
                    break;
                }
            }
            return b.toString();
        }

        interface Action {
            Object start() throws Exception;
        }

        interface Done {
            boolean done();
        }

        /** Runs a phase, spinning the event loop until its job (if it returns one) and {@code done} end. */
        String phase(String name, Display d, Action action, Done done) throws Exception {
            List<Long> mine = Collections.synchronizedList(new ArrayList<>());
            delays.set(mine);
            stallFrames.clear();
            long t0 = System.nanoTime();
            Object started = action.start();
            Job job = started instanceof Job j ? j : null;
            long deadline = t0 + 1_500_000_000_000L;
            while ((job != null && job.getResult() == null || !done.done()) && System.nanoTime() < deadline) {
                if (!d.readAndDispatch()) {
                    d.sleep();
                }
            }
            long wall = System.nanoTime() - t0;
            // two more seconds of beats: what the phase left queued (refreshes, decorations) runs now
            long settle = System.nanoTime();
            while (System.nanoTime() - settle < 2_000_000_000L) {
                if (!d.readAndDispatch()) {
                    d.sleep();
                }
            }
            List<Long> sorted;
            synchronized (mine) {
                sorted = new ArrayList<>(mine);
            }
            Collections.sort(sorted);
            long max = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1);
            long p99 = sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(sorted.size() * 0.99)));
            long stalls = sorted.stream().filter(x -> x > STALL_NANOS).count();
            StringBuilder out = new StringBuilder(String.format(
                    "%s: %.2f s wall; %,d beats; UI-thread delay max %.0f ms, p99 %.0f ms, median %.1f ms; "
                            + "%d beats over 100 ms%s",
                    name, wall / 1e9, sorted.size(), max / 1e6, p99 / 1e6,
                    sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2) / 1e6, stalls,
                    job != null && job.getResult() != null && job.getResult().getSeverity() == IStatus.ERROR
                            ? "; the phase FAILED: " + job.getResult().getMessage() : ""));
            Map<String, Integer> frames = new LinkedHashMap<>();
            stallFrames.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(5)
                    .forEach(e -> frames.put(e.getKey(), e.getValue()));
            frames.forEach((k, v) -> out.append("\n    UI thread seen ").append(v).append("x in a stall at: ").append(k));
            return out.toString();
        }

        void stop() {
            running.set(false);
        }

        private static void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
