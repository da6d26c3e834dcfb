package org.sstpdoctor.kb947031.internal.checks;

import java.time.Instant;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.ICheckContext;
import org.sstpdoctor.core.checks.IChecker;
import org.sstpdoctor.probe.evidence.NetworkEvidence;
import org.sstpdoctor.probe.evidence.NetworkEvidenceProvider;
import org.sstpdoctor.remote.evidence.ServerState;
import org.sstpdoctor.remote.evidence.ServerStateProvider;

/**
 * A KB947031 checker: reads the server's state and, where it needs it, the network probe; says
 * nothing about a server whose state could not be looked at (the network checkers' findings then
 * stand alone).
 */
abstract class KbChecker implements IChecker {

    @Override
    public final List<Finding> check(ICheckContext context, IProgressMonitor monitor) throws CoreException {
        ServerState state = context.evidence(ServerStateProvider.ID, ServerState.class);
        if (!state.isAvailable()) {
            return List.of();
        }
        ServerFacts facts = new ServerFacts(context.server(), state, Instant.now());
        return check(facts, context);
    }

    /** Checks a server whose state was read. */
    abstract List<Finding> check(ServerFacts facts, ICheckContext context) throws CoreException;

    /** The network evidence, for checkers that declared it. */
    static NetworkEvidence network(ICheckContext context) throws CoreException {
        return context.evidence(NetworkEvidenceProvider.ID, NetworkEvidence.class);
    }
}
