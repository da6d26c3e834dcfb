package org.sstpdoctor.core.remediation;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.inventory.Server;

/**
 * A remediation (quick fix), contributed through {@code org.sstpdoctor.core.remediations}.
 * <p>
 * It works in two steps. {@link #plan} says exactly what it will do (every command with the
 * server it runs on, every file with its content) and changes nothing. Only after the person
 * confirmed that plan does {@link #apply} carry it out, doing what the plan says and nothing
 * else. The caller records both in the audit log and re-runs the checkers afterwards.
 * Commands are built from typed values and quoted by the server's channel, never by pasting
 * text from the server, the inventory or the user into a command line.
 */
public interface IRemediation {

    /**
     * Whether this remediation can fix this particular finding (its kind already matches).
     * Called often, from any thread: answer from the finding alone, without I/O.
     */
    default boolean appliesTo(Finding finding, Server server) {
        return true;
    }

    /** What {@link #apply} would do, computed without changing anything. */
    RemediationPlan plan(IRemediationContext context, IProgressMonitor monitor) throws CoreException;

    /** Carries out a plan this remediation made and the person confirmed. */
    RemediationOutcome apply(RemediationPlan plan, IRemediationContext context, IProgressMonitor monitor)
            throws CoreException;
}
