package org.sstpdoctor.kb947031.tests;

import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.ICheckContext;
import org.sstpdoctor.core.checks.IChecker;
import org.sstpdoctor.core.checks.Severity;
import org.sstpdoctor.remote.commands.ListenersEvidence;
import org.sstpdoctor.remote.commands.ParseResult;
import org.sstpdoctor.remote.evidence.ServerState;
import org.sstpdoctor.remote.evidence.ServerStateProvider;

/** A third party's checker: a listener on the SSTP port owned by a process other than System. */
public final class ThirdPartyChecker implements IChecker {

    /** The kind it reports. */
    public static final String KIND = "org.example.sstp.foreignListener";

    @Override
    public List<Finding> check(ICheckContext context, IProgressMonitor monitor) throws CoreException {
        ServerState state = context.evidence(ServerStateProvider.ID, ServerState.class);
        int port = context.server().config().sstpPort();
        List<ListenersEvidence.Socket> foreign = state.listeners().map(ParseResult::value)
                .map(l -> l.listenersOn(port)).orElse(List.of()).stream()
                .filter(s -> s.processId().isPresent() && s.processId().getAsInt() != 4).toList();
        if (foreign.isEmpty()) {
            return List.of();
        }
        return List.of(Finding.of(KIND, Severity.WARNING, "Port " + port + " is owned by process "
                + foreign.stream().map(s -> Integer.toString(s.processId().getAsInt())).distinct()
                        .collect(Collectors.joining(", ")) + ", not http.sys").withEvidence("netstat",
                                state.output("listeners")));
    }
}
