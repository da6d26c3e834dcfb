package org.sstpdoctor.kb947031.internal.fixes;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.sstpdoctor.core.remediation.IRemediationContext;
import org.sstpdoctor.remote.IRemoteChannel;
import org.sstpdoctor.remote.actions.ServerAction;
import org.sstpdoctor.remote.commands.CommandCatalog;
import org.sstpdoctor.remote.commands.ParseResult;
import org.sstpdoctor.remote.commands.RemoteAccessEvidence;
import org.sstpdoctor.remote.commands.RrasFiltersEvidence;
import org.sstpdoctor.remote.evidence.ServerState;

/** The remediations that change SSTP's configuration: ports, listener port, firewall, filters. */
public final class ConfigurationRemediations {

    private ConfigurationRemediations() {
    }

    /**
     * Raises the SSTP port count of WAN Miniport (SSTP): to twice the current count, and at least
     * 64 more than now (the ports in use plus headroom: a refusal means every port is in use) and
     * at least the default 128.
     */
    public static final class RaiseSstpPorts extends ServerActionRemediation {

        /** The ports added at least. */
        static final int HEADROOM = 64;

        @Override
        Planned prepare(IRemediationContext context, IRemoteChannel channel, IProgressMonitor monitor)
                throws CoreException {
            ServerState state = read(channel, CommandCatalog.remoteAccess(), ServerState.over(channel.serverName()),
                    monitor).build();
            OptionalInt now = state.remoteAccess().map(ParseResult::value).map(RemoteAccessEvidence::sstpPorts)
                    .orElse(OptionalInt.empty());
            if (now.isEmpty()) {
                throw new CoreException(Status.error("The SSTP port count of " + context.server()
                        + " could not be read, so no new count can be proposed"));
            }
            int ports = proposed(now.getAsInt());
            return new Planned("Raise the SSTP ports of WAN Miniport (SSTP) on " + context.server().host() + " from "
                    + now.getAsInt() + " to " + ports + ", so that more clients can connect at once.",
                    List.of(new ServerAction.SetSstpPortCount(ports)),
                    List.of("The new count is twice the current one, at least " + HEADROOM + " more and at least "
                            + RemoteAccessEvidence.DEFAULT_SSTP_PORTS + ". RemoteAccess is restarted to apply it:"
                            + " connected clients are dropped."));
        }

        /** The count proposed for {@code current} ports. */
        static int proposed(int current) {
            int wanted = Math.max(Math.max(2 * current, current + HEADROOM), RemoteAccessEvidence.DEFAULT_SSTP_PORTS);
            return Math.min(wanted, ServerAction.SetSstpPortCount.MAX_PORTS);
        }

    }

    /** Sets ListenerPort to the port the clients use, and restarts RemoteAccess. */
    public static final class SetListenerPort extends ServerActionRemediation {
        @Override
        Planned prepare(IRemediationContext context, IRemoteChannel channel, IProgressMonitor monitor) {
            int port = context.server().config().channel().serverSstpPort(context.server().config().sstpPort());
            return new Planned("Set SSTP's ListenerPort on " + context.server().host() + " to " + port
                    + ", the port the clients connect to, and restart RemoteAccess so that SSTP listens there.",
                    List.of(new ServerAction.SetListenerPort(port)),
                    List.of(ServiceRemediations.DROPS_CLIENTS + " Any firewall in front of the server must let TCP"
                            + " port " + port + " through."));
        }
    }

    /** Enables the Windows Firewall rule group "Secure Socket Tunneling Protocol". */
    public static final class EnableFirewallGroup extends ServerActionRemediation {
        @Override
        Planned prepare(IRemediationContext context, IRemoteChannel channel, IProgressMonitor monitor) {
            return new Planned("Enable the Windows Firewall rules of the \"Secure Socket Tunneling Protocol\" group on "
                    + context.server().host() + ", so that SSTP connections are let in.",
                    List.of(ServerAction.EnableFirewallRuleGroup.sstp()), List.of());
        }
    }

    /** Deletes the RRAS packet filters that drop SSTP's TCP port, each shown first. */
    public static final class RemoveRrasFilter extends ServerActionRemediation {
        @Override
        Planned prepare(IRemediationContext context, IRemoteChannel channel, IProgressMonitor monitor)
                throws CoreException {
            ServerState.Builder b = ServerState.over(channel.serverName());
            read(channel, CommandCatalog.rrasFilters(), b, monitor);
            read(channel, CommandCatalog.sstpRegistry(), b, monitor);
            ServerState state = b.build();
            int port = state.sstpRegistry().map(r -> r.value().effectiveListenerPort()).filter(OptionalInt::isPresent)
                    .map(OptionalInt::getAsInt)
                    .orElse(context.server().config().channel().serverSstpPort(context.server().config().sstpPort()));
            RrasFiltersEvidence filters = state.rrasFilters().map(ParseResult::value).orElseThrow(() -> new CoreException(
                    Status.error("The RRAS filters of " + context.server() + " could not be read")));
            List<ServerAction> out = new ArrayList<>();
            for (RrasFiltersEvidence.Interface i : filters.interfaces()) {
                for (RrasFiltersEvidence.Type type : List.of(RrasFiltersEvidence.Type.INPUT, RrasFiltersEvidence.Type.OUTPUT)) {
                    if (i.action(type) != RrasFiltersEvidence.Action.FORWARD) {
                        continue;
                    }
                    for (RrasFiltersEvidence.Filter f : i.filters(type)) {
                        if (drops(f, port, type == RrasFiltersEvidence.Type.INPUT)) {
                            out.add(ServerAction.RemoveRrasFilter.of(i, f));
                        }
                    }
                }
            }
            if (out.isEmpty()) {
                throw new CoreException(Status.error("No single RRAS filter of " + context.server() + " drops TCP port "
                        + port + " that deleting would let through (a filter set that drops everything except what"
                        + " it lists needs a filter added in the Routing and Remote Access console)"));
            }
            List<String> notes = new ArrayList<>();
            for (ServerAction a : out) {
                notes.add("Filter to delete: " + a.describe());
            }
            notes.add("Each filter is deleted exactly as netsh routing ip dump lists it; the interface's other"
                    + " filters stay. Check that nothing else relied on it.");
            return new Planned("Delete " + out.size() + " RRAS packet filter" + (out.size() == 1 ? "" : "s") + " on "
                    + context.server().host() + " that drop" + (out.size() == 1 ? "s" : "") + " SSTP's TCP port "
                    + port + ".", out, notes);
        }

        /** Whether a filter of a "receive all except" set drops every TCP segment to (or from) {@code port}. */
        static boolean drops(RrasFiltersEvidence.Filter f, int port, boolean inbound) {
            int filterPort = inbound ? f.destinationPort() : f.sourcePort();
            boolean tcp = f.protocol() == RrasFiltersEvidence.Protocol.ANY
                    || (f.protocol() == RrasFiltersEvidence.Protocol.TCP
                            || f.protocol() == RrasFiltersEvidence.Protocol.TCP_ESTABLISHED)
                            && (filterPort == 0 || filterPort == port);
            return tcp && f.anyAddress();
        }

    }

}
