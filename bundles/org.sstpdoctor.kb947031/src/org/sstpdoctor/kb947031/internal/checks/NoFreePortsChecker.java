package org.sstpdoctor.kb947031.internal.checks;

import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.CoreException;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.ICheckContext;
import org.sstpdoctor.core.checks.Severity;
import org.sstpdoctor.kb947031.KbFindings;
import org.sstpdoctor.probe.ProbeOutcome;
import org.sstpdoctor.probe.evidence.NetworkEvidence;
import org.sstpdoctor.remote.commands.CommandCatalog;
import org.sstpdoctor.remote.commands.ParseResult;
import org.sstpdoctor.remote.commands.RemoteAccessEvidence;

/**
 * KB947031 scenario 1 (0x800704C9): the server refuses SSTP calls because no SSTP port is free.
 * The probe saw the refusal (Call Connect Nak, Abort or Disconnect); the port count of WAN
 * Miniport (SSTP) from Get-VpnServerConfiguration says whether the ports are the cause.
 */
public final class NoFreePortsChecker extends KbChecker {

    /** 0x800704C9 ERROR_CONNECTION_REFUSED. */
    static final int CODE = 0x800704C9;

    @Override
    List<Finding> check(ServerFacts facts, ICheckContext context) throws CoreException {
        NetworkEvidence network = network(context);
        ProbeOutcome.Kind outcome = network.probe().outcome().kind();
        boolean refused = outcome == ProbeOutcome.Kind.SSTP_NAK || outcome == ProbeOutcome.Kind.SSTP_ABORT
                || outcome == ProbeOutcome.Kind.SSTP_DISCONNECT;
        Optional<ParseResult<RemoteAccessEvidence>> ra = facts.state().remoteAccess();
        if (ra.isEmpty() || ra.get().value().sstpPorts().isEmpty()) {
            return refused ? List.of(facts.couldNotTell(1, "whether the server refused the SSTP call ("
                    + outcome + ") for want of free SSTP ports", CommandCatalog.REMOTE_ACCESS)) : List.of();
        }
        int ports = ra.get().value().sstpPorts().getAsInt();
        String portsText = ports + " SSTP port" + (ports == 1 ? "" : "s") + " (WAN Miniport (SSTP), default "
                + RemoteAccessEvidence.DEFAULT_SSTP_PORTS + ")";
        String evidence = "SstpPorts: " + ports + "\n\n" + facts.output(CommandCatalog.REMOTE_ACCESS) + "\n"
                + network.transcript();
        if (refused || ports == 0) {
            String why = refused
                    ? "the server refused the SSTP call (" + describe(outcome) + ") with " + portsText
                            + " configured: every SSTP port is in use"
                    : "no SSTP port is configured (SstpPorts 0): every SSTP call is refused";
            return List.of(Finding.of(KbFindings.SSTP_PORTS_EXHAUSTED, Severity.ERROR,
                    "No free SSTP port: " + why).withErrorCode(CODE).withScenario(1)
                    .withEvidence("SstpPorts " + ports + "; probe: " + network.probe().outcome().message(), evidence));
        }
        if (ports < RemoteAccessEvidence.DEFAULT_SSTP_PORTS) {
            return List.of(Finding.of(KbFindings.SSTP_PORTS_LOW, Severity.INFO, "Only " + portsText
                    + " are configured: more clients than that at once are refused with 0x800704C9")
                    .withScenario(1).withEvidence("SstpPorts " + ports, evidence));
        }
        return List.of();
    }

    private static String describe(ProbeOutcome.Kind kind) {
        return switch (kind) {
        case SSTP_NAK -> "Call Connect Nak";
        case SSTP_ABORT -> "Call Abort";
        default -> "Call Disconnect";
        };
    }
}
