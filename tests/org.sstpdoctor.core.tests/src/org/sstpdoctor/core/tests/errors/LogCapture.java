package org.sstpdoctor.core.tests.errors;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.eclipse.core.runtime.ILogListener;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.sstpdoctor.core.SstpDoctorCore;

/** Collects what the core writes to the platform log while it is open. */
final class LogCapture implements ILogListener, AutoCloseable {

    private final List<IStatus> statuses = new CopyOnWriteArrayList<>();

    LogCapture() {
        Platform.addLogListener(this);
    }

    @Override
    public void logging(IStatus status, String plugin) {
        if (SstpDoctorCore.PLUGIN_ID.equals(status.getPlugin())) {
            statuses.add(status);
        }
    }

    /** The core's statuses of the given severity logged so far. */
    List<IStatus> withSeverity(int severity) {
        return statuses.stream().filter(status -> status.getSeverity() == severity).toList();
    }

    /**
     * The core's statuses of the given severity whose message satisfies {@code test}, waiting up
     * to a few seconds for the first in case the log delivers asynchronously.
     */
    List<IStatus> await(int severity, Predicate<String> test) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            List<IStatus> found = withSeverity(severity).stream().filter(status -> test.test(status.getMessage()))
                    .toList();
            if (!found.isEmpty() || System.nanoTime() > deadline) {
                return found;
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        Platform.removeLogListener(this);
    }
}
