package org.sstpdoctor.probe.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sstpdoctor.probe.ProbeOutcome;
import org.sstpdoctor.probe.ProbeResult;
import org.sstpdoctor.probe.ProbeSettings;
import org.sstpdoctor.probe.ProbeTarget;
import org.sstpdoctor.probe.Prober;
import org.sstpdoctor.probe.tests.SstpResponder.Mode;

/** Many probes at once: all complete, in order, and a batch can be cancelled. */
@Timeout(120)
class ProberTest {

    @Test
    void manyEndpointsAreProbedConcurrentlyAndReportedInOrder() throws Exception {
        List<SstpResponder> responders = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                responders.add(SstpResponder.start(Mode.ACK));
            }
            List<ProbeTarget> targets = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                targets.add(ProbeTarget.of("127.0.0.1", responders.get(i % responders.size()).port()));
            }
            AtomicInteger told = new AtomicInteger();
            try (Prober prober = new Prober(ProbeSettings.DEFAULT)) {
                prober.probeAll(targets.subList(0, 200)); // warm up JIT and JSSE
                resetPeaks();
                long start = System.nanoTime();
                List<ProbeResult> results = prober.start(targets, r -> told.incrementAndGet()).await();
                double seconds = (System.nanoTime() - start) / 1e9;
                assertEquals(targets.size(), results.size());
                for (int i = 0; i < targets.size(); i++) {
                    ProbeResult r = results.get(i);
                    assertEquals(targets.get(i), r.target());
                    assertEquals(ProbeOutcome.Kind.SSTP_ACK, r.outcome().kind(), Probes.why(r));
                }
                assertEquals(targets.size(), told.get());
                System.out.printf("probe throughput: %d full probes (TCP+TLS 1.3 ECDSA P-256+HTTP+SSTP Call Connect "
                        + "+Disconnect) of %d loopback endpoints at concurrency %d in %.2f s = %.0f probes/s "
                        + "(responders in the same JVM); peak heap %d MB of max %d MB%n", targets.size(),
                        responders.size(), prober.concurrency(), seconds, targets.size() / seconds, peakHeap() >> 20,
                        Runtime.getRuntime().maxMemory() >> 20);
            }
        } finally {
            for (SstpResponder r : responders) {
                r.close();
            }
        }
    }

    @Test
    void aCancelledBatchEndsAtOnce() throws Exception {
        try (SstpResponder silent = SstpResponder.start(Mode.SILENT_TCP)) {
            ProbeSettings patient = ProbeSettings.DEFAULT.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(60),
                    Duration.ofSeconds(90));
            List<ProbeTarget> targets = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                targets.add(ProbeTarget.of("127.0.0.1", silent.port()));
            }
            try (Prober prober = new Prober(patient, 16)) {
                Prober.Batch batch = prober.start(targets, null);
                Thread.sleep(500);
                assertEquals(0, batch.completed());
                long start = System.nanoTime();
                batch.cancel();
                assertTrue(batch.await(Duration.ofSeconds(5)), "the batch did not end within 5 s of its cancellation");
                System.out.printf("cancel: 100 hanging probes ended %.0f ms after cancel()%n",
                        (System.nanoTime() - start) / 1e6);
                for (ProbeResult r : batch.await()) {
                    assertEquals(ProbeOutcome.Kind.CANCELLED, r.outcome().kind(), Probes.why(r));
                }
            }
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
