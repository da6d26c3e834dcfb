package org.sstpdoctor.core.checks;

import org.eclipse.core.runtime.CoreException;
import org.sstpdoctor.core.inventory.Server;

/** What a checker sees of the server it checks. */
public interface ICheckContext {

    /** The server being checked; its file is readable. */
    Server server();

    /**
     * The evidence gathered by the provider {@code evidenceId}, shared by every checker of this
     * server in this run; the first to ask waits while it is gathered.
     *
     * @param evidenceId an evidence the checker declared with {@code <requires evidence=.../>}
     * @param type       the class of the evidence object the provider documents
     * @throws CoreException         when the evidence could not be gathered (the message says why:
     *                               connection refused, authentication failed, timed out)
     * @throws IllegalStateException when the checker did not declare it
     */
    <T> T evidence(String evidenceId, Class<T> type) throws CoreException;
}
