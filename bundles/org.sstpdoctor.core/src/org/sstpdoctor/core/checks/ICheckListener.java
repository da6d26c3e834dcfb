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

    /**
     * The provider {@code evidenceId} gathered {@code evidence} about {@code server} in this run,
     * for views that show the evidence itself (a presented certificate chain, a server's
     * certificate store) rather than the findings made from it. Evidence that could not be
     * gathered is not reported. Called on the checker's worker thread before the checkers read it.
     */
    default void evidenceGathered(org.sstpdoctor.core.inventory.Server server, String evidenceId, Object evidence) {
    }
}
