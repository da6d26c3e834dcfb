package org.sstpdoctor.core.checks;

import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;

/**
 * A checker, contributed through the {@code org.sstpdoctor.core.checkers} extension point.
 * It reads the evidence it declared and reports what it finds; it never contacts the server
 * itself. One instance serves a whole check run and may be called for several servers at
 * once from different threads, so it keeps no per-server state.
 * <p>
 * Contract tests for implementations: {@code org.sstpdoctor.core.tests.contract.CheckerContractTest} in the
 * core test bundle; extend it.
 */
public interface IChecker {

    /**
     * Checks one server.
     *
     * @param context the server and its evidence
     * @param monitor progress and cancellation; a cancelled check returns promptly
     * @return the findings; empty when the server is healthy in this checker's respect
     * @throws CoreException when the check could not be made (the engine reports it as an
     *                       incomplete check, not as a finding of the server)
     */
    List<Finding> check(ICheckContext context, IProgressMonitor monitor) throws CoreException;
}
