package org.sstpdoctor.core.checks;

/**
 * Told as a check run progresses, e.g. to update a server's decoration or a command line's
 * progress. Called from worker threads; implementations return quickly and are thread-safe.
 */
public interface ICheckListener {

    /** {@code server} is about to be checked. */
    default void serverStarted(org.sstpdoctor.core.inventory.Server server) {
    }

    /** A server is done (checked, incomplete, cancelled or not checkable). */
    void serverDone(ServerResult result);
}
