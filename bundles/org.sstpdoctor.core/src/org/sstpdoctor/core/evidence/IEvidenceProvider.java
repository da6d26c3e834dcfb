package org.sstpdoctor.core.evidence;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.sstpdoctor.core.checks.ICheckContext;

/**
 * Gathers one kind of evidence about a server: a network probe, the output of a remote command,
 * an imported evidence bundle. Contributed with {@code <evidenceProvider>} in the
 * {@code org.sstpdoctor.core.checkers} extension point. The engine calls it at most once per
 * server per run and hands the result to every checker that asks.
 */
public interface IEvidenceProvider {

    /**
     * Gathers the evidence.
     *
     * @param context the server, and the evidence this provider itself declared it requires
     * @param monitor progress and cancellation; every network read has its own timeout as well
     * @return the evidence, never null; its class is documented by the provider
     * @throws CoreException when it could not be gathered; the message names the server and the
     *                       step that failed (DNS, connect, TLS, authentication, command)
     */
    Object gather(ICheckContext context, IProgressMonitor monitor) throws CoreException;
}
