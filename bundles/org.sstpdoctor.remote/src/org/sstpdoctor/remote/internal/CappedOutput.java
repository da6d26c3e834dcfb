package org.sstpdoctor.remote.internal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/**
 * The output of one command, stdout and stderr, kept up to a cap on both together. Bytes beyond
 * the cap are dropped, and the first time that happens {@code onExceeded} runs so that the caller
 * stops the command; memory never holds more than the cap.
 */
public final class CappedOutput {

    private final long cap;
    private final Runnable onExceeded;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private long kept;
    private boolean exceeded;

    /**
     * @param cap        the most bytes kept, stdout and stderr together
     * @param onExceeded run once, on the writing thread, when a byte beyond the cap arrives
     */
    public CappedOutput(long cap, Runnable onExceeded) {
        this.cap = cap;
        this.onExceeded = onExceeded;
    }

    /** The stream standard output is written to. */
    public OutputStream stdout() {
        return new Sink(stdout);
    }

    /** The stream standard error is written to. */
    public OutputStream stderr() {
        return new Sink(stderr);
    }

    /** The standard output kept. */
    public synchronized byte[] stdoutBytes() {
        return stdout.toByteArray();
    }

    /** The standard error kept. */
    public synchronized byte[] stderrBytes() {
        return stderr.toByteArray();
    }

    /** Whether bytes beyond the cap arrived and were dropped. */
    public synchronized boolean exceeded() {
        return exceeded;
    }

    private void accept(ByteArrayOutputStream target, byte[] bytes, int offset, int length) {
        boolean first;
        synchronized (this) {
            int room = (int) Math.min(length, cap - kept);
            target.write(bytes, offset, room);
            kept += room;
            first = room < length && !exceeded;
            exceeded |= room < length;
        }
        if (first) {
            onExceeded.run();
        }
    }

    private final class Sink extends OutputStream {

        private final ByteArrayOutputStream target;

        Sink(ByteArrayOutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            accept(target, bytes, offset, length);
        }
    }
}
