package org.sstpdoctor.probe;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.sstpdoctor.probe.internal.Cancellation;
import org.sstpdoctor.probe.internal.ProbeRun;

/**
 * Probes SSTP servers: one on the calling thread ({@link #probe}), or many at once on a bounded
 * pool of worker threads ({@link #start}, {@link #probeAll}).
 * <p>
 * Each probe is independent: its own connection, its own TLS context, its own limits from
 * {@link ProbeSettings}. A probe never throws for anything the network or the server does; every
 * failure is an outcome in its {@link ProbeResult}. Thread-safe.
 */
public final class Prober implements AutoCloseable {

    /** Probes run at once by default. */
    public static final int DEFAULT_CONCURRENCY = 64;

    private final ProbeSettings settings;
    private final int concurrency;
    private final ThreadPoolExecutor workers;

    /** A prober with the default settings and concurrency. */
    public Prober() {
        this(ProbeSettings.DEFAULT, DEFAULT_CONCURRENCY);
    }

    /** A prober with {@code settings} and the default concurrency. */
    public Prober(ProbeSettings settings) {
        this(settings, DEFAULT_CONCURRENCY);
    }

    /**
     * @param settings    the limits of every probe
     * @param concurrency how many probes run at once, 1-4096
     */
    public Prober(ProbeSettings settings, int concurrency) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (concurrency < 1 || concurrency > 4096) {
            throw new IllegalArgumentException("concurrency must be 1-4096: " + concurrency);
        }
        this.concurrency = concurrency;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(concurrency, concurrency, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "sstp-probe-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        workers.allowCoreThreadTimeOut(true);
    }

    public ProbeSettings settings() {
        return settings;
    }

    public int concurrency() {
        return concurrency;
    }

    /** Probes {@code target} on the calling thread. */
    public ProbeResult probe(ProbeTarget target) {
        return ProbeRun.run(Objects.requireNonNull(target, "target"), settings, new Cancellation());
    }

    /**
     * Probes {@code targets} concurrently and waits for all of them.
     *
     * @return the results, in the order of {@code targets}
     * @throws InterruptedException when the calling thread is interrupted; the probes still
     *                              running are cancelled
     */
    public List<ProbeResult> probeAll(List<ProbeTarget> targets) throws InterruptedException {
        Batch batch = start(targets, null);
        try {
            return batch.await();
        } catch (InterruptedException e) {
            batch.cancel();
            throw e;
        }
    }

    /**
     * Starts probing {@code targets} concurrently and returns at once.
     *
     * @param onResult told of each result as it completes, on a worker thread; may be null. An
     *                 exception it throws is ignored.
     */
    public Batch start(List<ProbeTarget> targets, Consumer<ProbeResult> onResult) {
        List<ProbeTarget> list = List.copyOf(targets);
        Batch batch = new Batch(list.size());
        for (int i = 0; i < list.size(); i++) {
            int index = i;
            ProbeTarget target = list.get(i);
            Runnable task = () -> {
                ProbeResult r = ProbeRun.run(target, settings, batch.cancellation);
                batch.results[index] = r;
                try {
                    if (onResult != null) {
                        onResult.accept(r);
                    }
                } catch (RuntimeException e) {
                    // the listener's failure is its own; the batch goes on
                } finally {
                    batch.done.countDown();
                }
            };
            try {
                workers.execute(task);
            } catch (RejectedExecutionException e) {
                throw new IllegalStateException("the prober is closed", e);
            }
        }
        return batch;
    }

    /** Cancels nothing by itself; stops the worker threads once the probes started have ended. */
    @Override
    public void close() {
        workers.shutdown();
    }

    /** Probes started together: await them, or cancel them. */
    public static final class Batch {

        private final ProbeResult[] results;
        private final CountDownLatch done;
        private final Cancellation cancellation = new Cancellation();

        private Batch(int size) {
            this.results = new ProbeResult[size];
            this.done = new CountDownLatch(size);
        }

        /** Waits for every probe; returns their results in the order of the targets. */
        public List<ProbeResult> await() throws InterruptedException {
            done.await();
            return Arrays.asList(results.clone());
        }

        /** Waits at most {@code limit}; whether every probe ended. */
        public boolean await(Duration limit) throws InterruptedException {
            return done.await(limit.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** How many probes have ended. */
        public int completed() {
            return results.length - (int) done.getCount();
        }

        /** Ends every probe of the batch: running ones at once (outcome CANCELLED), queued ones before they start. */
        public void cancel() {
            cancellation.cancel();
        }
    }
}
