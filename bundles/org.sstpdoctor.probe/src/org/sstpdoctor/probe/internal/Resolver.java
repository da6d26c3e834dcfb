package org.sstpdoctor.probe.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.sstpdoctor.probe.ProbeTarget;

/**
 * Name resolution with a time limit. The platform resolver cannot be given a timeout, so a name
 * is looked up on a daemon thread and waited for; an address literal is converted in place
 * without any lookup.
 */
public final class Resolver {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService LOOKUPS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "sstp-probe-dns-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    private Resolver() {
    }

    /**
     * All addresses of {@code host}, in the resolver's order.
     *
     * @throws UnknownHostException when the name does not resolve
     * @throws TimeoutException     when the resolver did not answer within {@code limit}
     */
    public static InetAddress[] resolve(String host, Duration limit)
            throws UnknownHostException, TimeoutException, InterruptedException {
        if (ProbeTarget.isAddressLiteral(host)) {
            return InetAddress.getAllByName(host);
        }
        Future<InetAddress[]> lookup = LOOKUPS.submit(() -> InetAddress.getAllByName(host));
        try {
            return lookup.get(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException u) {
                throw u;
            }
            UnknownHostException u = new UnknownHostException(host + ": " + e.getCause());
            u.initCause(e.getCause());
            throw u;
        } catch (TimeoutException | InterruptedException e) {
            lookup.cancel(true);
            throw e;
        }
    }
}
