package org.sstpdoctor.probe.internal;

import java.io.IOException;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cancels probes in flight: a blocking socket read does not notice a thread interrupt, so
 * cancelling closes the sockets of every probe still running, which ends their reads at once.
 */
public final class Cancellation {

    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    /** Whether {@link #cancel()} was called. */
    public boolean isCancelled() {
        return cancelled;
    }

    /** Ends every probe of this token: those running stop now, those not started do not start. */
    public void cancel() {
        cancelled = true;
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    void register(Socket s) {
        open.add(s);
        if (cancelled) {
            closeQuietly(s);
        }
    }

    void unregister(Socket s) {
        open.remove(s);
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing to abandon the connection: nothing more to do with it
        }
    }
}
