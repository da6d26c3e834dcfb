package org.sstpdoctor.kb947031.internal.fixes;

import java.time.Instant;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.sstpdoctor.core.remediation.IRemediationContext;
import org.sstpdoctor.kb947031.internal.checks.ServerFacts;
import org.sstpdoctor.remote.IRemoteChannel;
import org.sstpdoctor.remote.actions.ServerAction;
import org.sstpdoctor.remote.commands.CertStoreEvidence.Certificate;
import org.sstpdoctor.remote.commands.CommandCatalog;
import org.sstpdoctor.remote.evidence.ServerState;

/**
 * Binds a certificate to SSTP: the http.sys bindings of 0.0.0.0 and [::] at SSTP's port, the
 * registry's Sha256CertificateHash and Sha1CertificateHash, then RemoteAccess restarted. The
 * certificate is the newest (latest expiry) of LocalMachine\My that is valid now, allows Server
 * Authentication, has a private key and names the host the clients use; the plan names it by
 * subject and thumbprint.
 */
public final class BindCertificate extends ServerActionRemediation {

    @Override
    Planned prepare(IRemediationContext context, IRemoteChannel channel, IProgressMonitor monitor)
            throws CoreException {
        ServerState state = read(channel, CommandCatalog.certStore(), ServerState.over(channel.serverName()), monitor)
                .build();
        ServerFacts facts = new ServerFacts(context.server(), state, Instant.now());
        List<Certificate> candidates = facts.usableCertificatesForHost();
        if (candidates.isEmpty()) {
            throw new CoreException(Status.error("LocalMachine\\My on " + context.server()
                    + " holds no certificate that is valid now, allows Server Authentication, has a private key and"
                    + " names " + context.server().host() + ": request one (the renewal request quick fix writes a"
                    + " certificate request) and import it first"));
        }
        Certificate chosen = candidates.get(0);
        return new Planned("Bind " + chosen.subject() + " (thumbprint " + chosen.sha1Thumbprint() + ", valid until "
                + chosen.notAfter() + ") to SSTP on " + context.server().host()
                + " (http.sys 0.0.0.0 and [::], the registry's certificate hashes) and restart RemoteAccess.",
                List.of(new ServerAction.BindSstpCertificate(chosen.sha1Thumbprint())),
                List.of("The certificate to bind, the newest in LocalMachine\\My that is valid, allows Server"
                        + " Authentication, has a private key and names " + context.server().host() + ":\n"
                        + ServerFacts.describe(chosen),
                        ServiceRemediations.DROPS_CLIENTS + " Remove the old certificate from the store afterwards if"
                                + " nothing else uses it (an IIS binding of *:443 may still name it)."));
    }
}
