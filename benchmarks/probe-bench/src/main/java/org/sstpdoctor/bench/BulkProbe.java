package org.sstpdoctor.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.sstpdoctor.pki.PasswordProvider;
import org.sstpdoctor.pki.TrustStore;
import org.sstpdoctor.probe.CertificateAssessment;
import org.sstpdoctor.probe.ClientFetchers;
import org.sstpdoctor.probe.PkiCertificateAssessor;
import org.sstpdoctor.probe.ProbeResult;
import org.sstpdoctor.probe.ProbeSettings;
import org.sstpdoctor.probe.ProbeTarget;
import org.sstpdoctor.probe.Prober;

/**
 * The bulk probe as the product runs it: every endpoint of a list probed in full (DNS, TCP, TLS
 * capturing the chain, {@code SSTP_DUPLEX_POST}, Call Connect Request and Ack, Call Disconnect)
 * by a {@link Prober} at its default concurrency, and each presented chain judged by the
 * {@link PkiCertificateAssessor} against the given root (chain, validity, name, EKU, revocation),
 * on the prober's worker threads as each probe ends.
 * <p>
 * {@code BulkProbe --endpoints FILE --trust ROOT.pem [--rounds N] [--concurrency C]} prints, per
 * round, the probes per second and what the probes and verdicts were, then the heap: the largest
 * used heap seen by a sampler every 5 ms, the sum of the heap pools' peaks (an upper bound: the
 * pools peak at different moments), the maximum heap, and the collections. The first round
 * includes the JIT's warm-up; later rounds show the steady state.
 */
public final class BulkProbe {

    public static void main(String[] args) throws Exception {
        Path endpoints = null;
        Path trust = null;
        int rounds = 3;
        int concurrency = Prober.DEFAULT_CONCURRENCY;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--endpoints" -> endpoints = Path.of(args[++i]);
                case "--trust" -> trust = Path.of(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException(
                        "usage: BulkProbe --endpoints FILE --trust ROOT.pem [--rounds N] [--concurrency C]");
            }
        }
        if (endpoints == null || trust == null || rounds < 1) {
            throw new IllegalArgumentException(
                    "usage: BulkProbe --endpoints FILE --trust ROOT.pem [--rounds N] [--concurrency C]");
        }
        List<ProbeTarget> targets = new ArrayList<>();
        for (String line : Files.readAllLines(endpoints)) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 2) {
                targets.add(ProbeTarget.of(f[0], Integer.parseInt(f[1])));
            }
        }
        HeapSampler sampler = new HeapSampler();
        sampler.start();
        TrustStore roots = TrustStore.fromFile(trust, PasswordProvider.NONE);
        try (ClientFetchers fetchers = ClientFetchers.create();
                Prober prober = new Prober(ProbeSettings.DEFAULT, concurrency)) {
            PkiCertificateAssessor assessor = new PkiCertificateAssessor(roots, fetchers);
            System.out.printf("bulk probe: %d endpoints, concurrency %d, %d rounds, max heap %d MB, %s %s%n",
                    targets.size(), concurrency, rounds, Runtime.getRuntime().maxMemory() >> 20,
                    System.getProperty("java.vm.name"), System.getProperty("java.version"));
            double best = 0;
            for (int round = 1; round <= rounds; round++) {
                Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
                Map<String, AtomicLong> verdicts = new ConcurrentHashMap<>();
                long cpu0 = processCpuNanos();
                long start = System.nanoTime();
                Prober.Batch batch = prober.start(targets, r -> judge(r, assessor, outcomes, verdicts));
                List<ProbeResult> results = batch.await();
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuMs = (processCpuNanos() - cpu0) / 1e6;
                double rate = results.size() / seconds;
                best = Math.max(best, rate);
                System.out.printf("round %d: %d full probes (TCP+TLS+MS-SSTP Call Connect+chain analysis) in %.2f s = "
                        + "%.0f probes/s, prober CPU %.2f ms a probe; outcomes %s; chains %s%n", round, results.size(),
                        seconds, rate, cpuMs / results.size(), new TreeMap<>(outcomes), new TreeMap<>(verdicts));
            }
            sampler.stop();
            System.out.printf("best round: %.0f probes/s%n", best);
            System.out.printf("heap: peak used %.1f MB (sampled every 5 ms); sum of heap pool peaks %.1f MB; max heap "
                    + "%d MB%n", sampler.peak / 1048576.0, poolPeaks() / 1048576.0,
                    Runtime.getRuntime().maxMemory() >> 20);
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                System.out.printf("gc: %s %d collections, %d ms%n", gc.getName(), gc.getCollectionCount(),
                        gc.getCollectionTime());
            }
        }
    }

    /** Judges the chain a probe captured, on the worker thread that ran the probe. */
    private static void judge(ProbeResult r, PkiCertificateAssessor assessor, Map<String, AtomicLong> outcomes,
            Map<String, AtomicLong> verdicts) {
        outcomes.computeIfAbsent(r.outcome().toString(), k -> new AtomicLong()).incrementAndGet();
        String verdict;
        if (r.tls() == null || !r.tls().certificatePresented()) {
            verdict = "none presented";
        } else {
            CertificateAssessment a = assessor.evaluate(r.target(), r.tls());
            verdict = a.accepted() ? "accepted" : a.error().orElseThrow().codeText();
        }
        verdicts.computeIfAbsent(verdict, k -> new AtomicLong()).incrementAndGet();
    }

    /** The CPU time of this process (every thread, user and system). */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static long poolPeaks() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Samples the used heap every 5 ms, keeping the largest value. */
    private static final class HeapSampler implements Runnable {
        private volatile boolean running = true;
        private volatile long peak;
        private Thread thread;

        void start() {
            thread = new Thread(this, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        @Override
        public void run() {
            var memory = ManagementFactory.getMemoryMXBean();
            while (running) {
                long used = memory.getHeapMemoryUsage().getUsed();
                if (used > peak) {
                    peak = used;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
