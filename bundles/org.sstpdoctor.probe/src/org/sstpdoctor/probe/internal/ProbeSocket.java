package org.sstpdoctor.probe.internal;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * The probe's TCP socket. Every read is bounded by the current phase's deadline (the step's
 * limit or the probe's overall deadline, whichever is sooner): a read past the deadline fails at
 * once, and the socket timeout follows the time left (within 20 ms), so a server that trickles
 * one byte a second cannot stretch a phase beyond its limit. TLS is layered over this socket, so the same bound applies inside the
 * handshake. The socket also counts the bytes in each direction.
 */
public final class ProbeSocket extends Socket {

    /** How far a read may overrun its phase's deadline, at most. */
    private static final int SLACK_MS = 20;

    private final long overallDeadline;
    private final Duration overallLimit;
    private volatile long phaseDeadline;
    private volatile String phase = "the connection";
    private volatile String phaseLimitText = "";
    /** The SO_TIMEOUT last set, in ms; -1 to set it at the next read. */
    private int appliedTimeout = -1;
    private long bytesIn;
    private long bytesOut;
    private InputStream in;
    private OutputStream out;

    /**
     * @param overallDeadline the {@link System#nanoTime()} by which the whole probe must end
     * @param overallLimit    the configured overall deadline, for messages
     */
    public ProbeSocket(long overallDeadline, Duration overallLimit) {
        this.overallDeadline = overallDeadline;
        this.overallLimit = overallLimit;
        this.phaseDeadline = overallDeadline;
    }

    /**
     * Starts a phase: the reads that follow must complete by {@code limit} from now (or by the
     * overall deadline, when that is sooner).
     *
     * @param what      what is awaited, for messages: "the TLS handshake"
     * @param limit     the step's limit
     * @param limitName the setting's name, for messages: "read timeout"
     */
    public void phase(String what, Duration limit, String limitName) {
        long now = System.nanoTime();
        long end = now + limit.toNanos();
        phase = what;
        appliedTimeout = -1;
        if (end - overallDeadline > 0) {
            phaseDeadline = overallDeadline;
            phaseLimitText = "the overall deadline of " + Durations.text(overallLimit);
        } else {
            phaseDeadline = end;
            phaseLimitText = "the " + limitName + " of " + Durations.text(limit);
        }
    }

    /** Milliseconds left in the overall deadline (at least 0). */
    public long overallMillisLeft() {
        return Math.max(0, (overallDeadline - System.nanoTime()) / 1_000_000);
    }

    /** What the current phase awaits. */
    public String phaseName() {
        return phase;
    }

    /** Why the current phase's time ran out, e.g. "no TLS handshake within the read timeout of 10 s". */
    public String timeoutMessage() {
        return "no complete " + phase.replaceFirst("^the ", "") + " within " + phaseLimitText;
    }

    /** Bytes read from the TCP connection. */
    public synchronized long bytesIn() {
        return bytesIn;
    }

    /** Bytes written to the TCP connection. */
    public synchronized long bytesOut() {
        return bytesOut;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (in == null) {
            in = new DeadlineInput(super.getInputStream());
        }
        return in;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (out == null) {
            out = new CountingOutput(super.getOutputStream());
        }
        return out;
    }

    private synchronized void countIn(int n) {
        bytesIn += n;
    }

    private synchronized void countOut(int n) {
        bytesOut += n;
    }

    private final class DeadlineInput extends FilterInputStream {

        DeadlineInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            long left = phaseDeadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException(timeoutMessage());
            }
            // SO_TIMEOUT must not outlast the phase; it is shrunk as the phase runs down, in steps
            // of at most SLACK_MS (setting it on every read would cost more than the read)
            int want = (int) Math.min(Integer.MAX_VALUE, Math.max(1, (left + 999_999) / 1_000_000));
            if (appliedTimeout < 0 || appliedTimeout - want > SLACK_MS) {
                setSoTimeout(want);
                appliedTimeout = want;
            }
            int n;
            try {
                n = super.read(b, off, len);
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException(timeoutMessage());
            }
            if (n > 0) {
                countIn(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            if (n <= 0) {
                return 0;
            }
            byte[] b = new byte[(int) Math.min(n, 512)];
            return Math.max(0, read(b, 0, b.length));
        }
    }

    private final class CountingOutput extends FilterOutputStream {

        CountingOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            countOut(1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            countOut(len);
        }
    }
}
