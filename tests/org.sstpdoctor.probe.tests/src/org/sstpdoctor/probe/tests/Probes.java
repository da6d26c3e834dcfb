package org.sstpdoctor.probe.tests;

import java.time.Duration;

import org.sstpdoctor.probe.ProbeResult;
import org.sstpdoctor.probe.ProbeSettings;
import org.sstpdoctor.probe.ProbeTarget;
import org.sstpdoctor.probe.Prober;

/** Shared settings and helpers of the probe tests. */
final class Probes {

    /** Short limits so that hostile servers end quickly: connect 2 s, read 2.5 s, overall 10 s. */
    static final ProbeSettings FAST = ProbeSettings.DEFAULT.withTimeouts(Duration.ofSeconds(2),
            Duration.ofMillis(2500), Duration.ofSeconds(10));

    private Probes() {
    }

    static ProbeResult probe(int port) {
        return probe(ProbeTarget.of("localhost", port), FAST);
    }

    static ProbeResult probe(ProbeTarget target, ProbeSettings settings) {
        try (Prober prober = new Prober(settings, 1)) {
            return prober.probe(target);
        }
    }

    /** The transcript, for assertion messages. */
    static String why(ProbeResult r) {
        return "\n" + r.transcript();
    }
}
