package org.sstpdoctor.kb947031.internal.fixes;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.remediation.IRemediation;
import org.sstpdoctor.core.remediation.IRemediationContext;
import org.sstpdoctor.core.remediation.PlanStep;
import org.sstpdoctor.core.remediation.RemediationOutcome;
import org.sstpdoctor.core.remediation.RemediationPlan;
import org.sstpdoctor.kb947031.internal.checks.RevocationOfflineChecker;

/**
 * KB947031 scenario 7: writes a note for the PKI team naming the revocation URLs the clients
 * cannot reach, what the check found, and what would fix it.
 */
public final class CrlNote implements IRemediation {

    @Override
    public boolean appliesTo(Finding finding, Server server) {
        return !urls(finding).isEmpty();
    }

    /** The unreachable URLs the finding's evidence lists. */
    static List<String> urls(Finding finding) {
        return finding.evidence().lines().filter(l -> l.startsWith(RevocationOfflineChecker.URL_MARKER))
                .map(l -> l.substring(RevocationOfflineChecker.URL_MARKER.length()).strip()).distinct().toList();
    }

    @Override
    public RemediationPlan plan(IRemediationContext context, IProgressMonitor monitor) throws CoreException {
        List<String> urls = urls(context.finding());
        if (urls.isEmpty()) {
            throw new CoreException(Status.error("The finding names no unreachable revocation URL"));
        }
        Server server = context.server();
        Path file = context.outputFolder().resolve(OutputFiles.safeName(server.host()) + "-revocation-unreachable.txt");
        StringBuilder note = new StringBuilder();
        note.append("To: the PKI team\r\n");
        note.append("Subject: SSTP VPN clients cannot check revocation for ").append(server.host()).append("\r\n\r\n");
        note.append("VPN clients of ").append(server.host()).append(" (").append(server).append(") fail with error")
                .append(" 0x80092013 (CRYPT_E_REVOCATION_OFFLINE, KB947031 scenario 7): they check the revocation")
                .append(" of the server's certificate before the tunnel exists, from wherever they are, and these")
                .append(" URLs do not answer them:\r\n\r\n");
        urls.forEach(u -> note.append("  ").append(u).append("\r\n"));
        note.append("\r\nFinding (").append(Instant.now()).append("): ").append(context.finding().message())
                .append("\r\n\r\nPlease publish the CRL at an HTTP URL reachable from the Internet (not only inside")
                .append(" the network or over LDAP), keep it current (before its nextUpdate), and make sure firewalls")
                .append(" and DNS let the clients reach it; or reissue the VPN certificate with a CRL distribution")
                .append(" point or OCSP URL that is reachable. Until then no client outside can connect.\r\n\r\n")
                .append("What the check saw:\r\n")
                .append(context.finding().evidence().lines().filter(l -> l.startsWith("  CRL ") || l.startsWith("  OCSP "))
                        .map(l -> l + "\r\n").reduce("", String::concat));
        return new RemediationPlan("Write a note for the PKI team naming the " + urls.size()
                + " revocation URL" + (urls.size() == 1 ? "" : "s") + " the clients cannot reach.",
                List.of(PlanStep.file(file.toString(), note.toString())));
    }

    @Override
    public RemediationOutcome apply(RemediationPlan plan, IRemediationContext context, IProgressMonitor monitor) {
        List<PlanStep> files = plan.steps().stream().filter(s -> s.kind() == PlanStep.Kind.FILE).toList();
        try {
            for (PlanStep f : files) {
                OutputFiles.write(Path.of(f.target()), f.text(), false);
            }
        } catch (IOException e) {
            return new RemediationOutcome(false, "The note could not be written: " + e, List.of());
        }
        return new RemediationOutcome(true, "Wrote the note " + files.get(0).target() + " for the PKI team",
                files.stream().map(f -> Path.of(f.target())).toList());
    }
}
