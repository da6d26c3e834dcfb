package org.sstpdoctor.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
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
 * {@code BulkProbe --endpoints FILE --trust ROOT.pem [--warmup W] [--rounds N] [--concurrency C]}
 * probes every endpoint in {@code W} warm-up rounds (default 3: the JIT compiles the TLS and
 * elliptic-curve code over the first thousands of handshakes, so early rounds are slower and
 * say nothing of the steady state), then in {@code N} measured rounds (default 5). It prints, per
 * round, the probes per second, the process's CPU time a probe and what the probes and verdicts
 * were; then the median, least and greatest rate of the measured rounds, the rate the prober's
 * CPU time alone allows on this machine's cores, and the heap: the largest used heap seen by a
 * sampler every 5 ms over all rounds, the sum of the heap pools' peaks (an upper bound: the pools
 * peak at different moments), the maximum heap, and the collections.
 */
public final class BulkProbe {

    public static void main(String[] args) throws Exception {
        Path endpoints = null;
        Path trust = null;
        int warmup = 3;
        int rounds = 5;
        int concurrency = Prober.DEFAULT_CONCURRENCY;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--endpoints" -> endpoints = Path.of(args[++i]);
                case "--trust" -> trust = Path.of(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException(
                        "usage: BulkProbe --endpoints FILE --trust ROOT.pem [--warmup W] [--rounds N] [--concurrency C]");
            }
        }
        if (endpoints == null || trust == null || warmup < 0 || rounds < 1) {
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
            System.out.printf("bulk probe: %d endpoints, concurrency %d, %d warm-up and %d measured rounds, max heap %d MB, "
                    + "%s %s, %d cores%n", targets.size(), concurrency, warmup, rounds,
                    Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name"),
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
            List<Double> rates = new ArrayList<>();
            List<Double> cpus = new ArrayList<>();
            for (int round = 1; round <= warmup + rounds; round++) {
                Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
                Map<String, AtomicLong> verdicts = new ConcurrentHashMap<>();
                long cpu0 = processCpuNanos();
                long start = System.nanoTime();
                Prober.Batch batch = prober.start(targets, r -> judge(r, assessor, outcomes, verdicts));
                List<ProbeResult> results = batch.await();
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuMs = (processCpuNanos() - cpu0) / 1e6 / results.size();
                double rate = results.size() / seconds;
                boolean measured = round > warmup;
                if (measured) {
                    rates.add(rate);
                    cpus.add(cpuMs);
                }
                System.out.printf("%s %d: %d full probes (TCP+TLS+MS-SSTP Call Connect+chain analysis) in %.2f s = "
                        + "%.0f probes/s, prober CPU %.2f ms a probe; outcomes %s; chains %s%n",
                        measured ? "round" : "warm-up round", round, results.size(), seconds, rate, cpuMs,
                        new TreeMap<>(outcomes), new TreeMap<>(verdicts));
            }
            sampler.stop();
            double cpu = median(cpus);
            System.out.printf("measured rounds: median %.0f probes/s (min %.0f, max %.0f); prober CPU median %.2f ms a "
                    + "probe%n", median(rates), Collections.min(rates), Collections.max(rates), cpu);
            System.out.printf("prober-bound rate: %d cores / %.2f ms = %.0f probes/s (the rate when the servers do not "
                    + "share this machine's cores)%n", Runtime.getRuntime().availableProcessors(), cpu,
                    Runtime.getRuntime().availableProcessors() * 1000 / cpu);
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

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
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
