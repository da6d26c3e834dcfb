package org.sstpdoctor.probe;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * One step of a probe: what was done, when, for how long, how it ended and what was seen.
 *
 * @param kind     the step
 * @param address  the address the step talked to, or null for name resolution
 * @param start    when the step started, from the start of the probe
 * @param duration how long it took
 * @param status   how it ended
 * @param summary  one line: what was sent and what came back
 * @param detail   further lines (packet bytes in hexadecimal, response headers), or empty
 */
public record ProbeStep(StepKind kind, InetSocketAddress address, Duration start, Duration duration, Status status,
        String summary, String detail) {

    /** How a step ended. */
    public enum Status {
        /** It did what it should. */
        OK,
        /** It did not; the probe stopped here for this address. */
        FAILED,
        /** It completed, but something about it deserves attention. */
        WARNING
    }

    public ProbeStep {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(summary, "summary");
        detail = detail == null ? "" : detail;
    }
}
