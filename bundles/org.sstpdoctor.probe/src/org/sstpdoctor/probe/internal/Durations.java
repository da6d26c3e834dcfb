package org.sstpdoctor.probe.internal;

import java.time.Duration;

/** Durations as transcripts show them. */
public final class Durations {

    private Durations() {
    }

    /** {@code 250 ms}, {@code 10 s}, {@code 1.5 s}. */
    public static String text(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + " s";
        }
        return String.format("%.1f s", ms / 1000.0);
    }

    /** {@code 0.8 ms}, {@code 12 ms}, {@code 1.234 s}: for step timings. */
    public static String timing(Duration d) {
        long us = d.toNanos() / 1000;
        if (us < 10_000) {
            return String.format("%.1f ms", us / 1000.0);
        }
        if (us < 1_000_000) {
            return us / 1000 + " ms";
        }
        return String.format("%.3f s", us / 1_000_000.0);
    }
}
