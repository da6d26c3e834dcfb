package org.sstpdoctor.core.checks;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of a check run.
 *
 * @param concurrency    how many servers are checked at once, at least 1
 * @param checkerTimeout how long one checker (with the evidence it waits for) may take on one server
 * @param serverTimeout  how long all checkers together may take on one server
 * @param writeMarkers   whether findings replace the problem markers on the server files
 */
public record CheckSettings(int concurrency, Duration checkerTimeout, Duration serverTimeout, boolean writeMarkers) {

    /** 16 servers at once, 30 s a checker, 2 min a server, markers written. */
    public static final CheckSettings DEFAULT = new CheckSettings(16, Duration.ofSeconds(30), Duration.ofMinutes(2), true);

    public CheckSettings {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
        }
        Objects.requireNonNull(checkerTimeout, "checkerTimeout");
        Objects.requireNonNull(serverTimeout, "serverTimeout");
        if (checkerTimeout.isNegative() || checkerTimeout.isZero() || serverTimeout.isNegative() || serverTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    public CheckSettings withConcurrency(int n) {
        return new CheckSettings(n, checkerTimeout, serverTimeout, writeMarkers);
    }

    public CheckSettings withTimeouts(Duration checker, Duration server) {
        return new CheckSettings(concurrency, checker, server, writeMarkers);
    }

    public CheckSettings withMarkers(boolean write) {
        return new CheckSettings(concurrency, checkerTimeout, serverTimeout, write);
    }
}
