package org.sstpdoctor.kb947031.internal.fixes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.remediation.IRemediation;
import org.sstpdoctor.core.remediation.IRemediationContext;
import org.sstpdoctor.core.remediation.PlanStep;
import org.sstpdoctor.core.remediation.RemediationOutcome;
import org.sstpdoctor.core.remediation.RemediationPlan;
import org.sstpdoctor.remote.CommandResult;
import org.sstpdoctor.remote.IRemoteChannel;
import org.sstpdoctor.remote.PowerShell;
import org.sstpdoctor.remote.RemoteCommand;
import org.sstpdoctor.remote.RemoteException;
import org.sstpdoctor.remote.actions.ActionOutcome;
import org.sstpdoctor.remote.actions.ServerAction;
import org.sstpdoctor.remote.actions.ServerActions;
import org.sstpdoctor.remote.commands.CatalogEntry;
import org.sstpdoctor.remote.commands.FormKind;
import org.sstpdoctor.remote.commands.ParseResult;
import org.sstpdoctor.remote.evidence.ServerState;

/**
 * A remediation that changes the server with {@link ServerAction}s, sent over the server's
 * management channel ({@link IRemediationContext#getAdapter(Class)} of {@link IRemoteChannel}).
 * Its plan holds, per action, the exact command line and, for people, what it does and the
 * script the command line carries. Applying runs exactly the planned command lines, in order,
 * and stops at the first that fails.
 */
abstract class ServerActionRemediation implements IRemediation {

    /** Offered only for servers that have a management channel to send the change over. */
    @Override
    public boolean appliesTo(Finding finding, Server server) {
        return server.isReadable() && server.config().channel().kind() != ChannelKind.NONE
                && server.config().channel().kind() != ChannelKind.BUNDLE;
    }

    /**
     * What a plan is made of: one sentence (what and why), the actions to send, and notes for
     * after the commands (what to expect: a restart drops clients).
     */
    record Planned(String summary, List<ServerAction> actions, List<String> notes) {
        Planned {
            actions = List.copyOf(actions);
            notes = List.copyOf(notes);
        }
    }

    /**
     * The plan's parts, read from the server where they depend on its state (read-only commands
     * over {@code channel}).
     */
    abstract Planned prepare(IRemediationContext context, IRemoteChannel channel, IProgressMonitor monitor)
            throws CoreException;

    @Override
    public RemediationPlan plan(IRemediationContext context, IProgressMonitor monitor) throws CoreException {
        Planned planned;
        try (IRemoteChannel channel = channel(context)) {
            planned = prepare(context, channel, monitor);
        }
        String host = context.server().host();
        List<PlanStep> steps = new ArrayList<>();
        for (ServerAction action : planned.actions()) {
            RemoteCommand command = ServerActions.command(action);
            steps.add(PlanStep.command(host, command.commandLine()));
            steps.add(PlanStep.note(action.describe() + ". The command line above is PowerShell -EncodedCommand;"
                    + " it decodes to:\n" + decoded(command)));
        }
        planned.notes().forEach(n -> steps.add(PlanStep.note(n)));
        return new RemediationPlan(planned.summary(), steps);
    }

    @Override
    public RemediationOutcome apply(RemediationPlan plan, IRemediationContext context, IProgressMonitor monitor)
            throws CoreException {
        List<ServerAction> actions = new ArrayList<>();
        for (PlanStep step : plan.steps()) {
            if (step.kind() == PlanStep.Kind.COMMAND) {
                actions.add(ServerActions.recognize(step.text()).orElseThrow(() -> new CoreException(Status.error(
                        "The plan holds a command this remediation did not make; nothing was run"))));
            }
        }
        SubMonitor progress = SubMonitor.convert(monitor, plan.summary(), actions.size());
        StringBuilder output = new StringBuilder();
        try (IRemoteChannel channel = channel(context)) {
            for (ServerAction action : actions) {
                CommandResult result;
                try {
                    result = channel.run(ServerActions.command(action), progress.split(1));
                } catch (RemoteException e) {
                    output.append(action.describe()).append(": not done: ").append(e.getMessage()).append('\n');
                    return RemediationOutcome.failure(output.toString());
                }
                ActionOutcome outcome = ServerActions.outcome(result);
                output.append(action.describe()).append(": ").append(outcome.ok() ? "done" : "failed").append(" - ")
                        .append(outcome.message()).append('\n');
                if (!outcome.ok()) {
                    return RemediationOutcome.failure(output.toString());
                }
            }
        }
        return RemediationOutcome.success(output.toString());
    }

    /** The server's channel, from the context. */
    static IRemoteChannel channel(IRemediationContext context) throws CoreException {
        IRemoteChannel channel = context.getAdapter(IRemoteChannel.class);
        if (channel == null) {
            // the adapter's bundle may not be active yet: load it
            Object loaded = Platform.getAdapterManager().loadAdapter(context, IRemoteChannel.class.getName());
            channel = loaded instanceof IRemoteChannel c ? c : null;
        }
        if (channel == null) {
            throw new CoreException(Status.error("No management channel to " + context.server()
                    + " is available: set SSH or WinRM in its properties"));
        }
        return channel;
    }

    /** The script a PowerShell command line carries, for people to read. */
    static String decoded(RemoteCommand command) {
        String line = command.commandLine();
        int prefix = PowerShell.COMMAND_PREFIX.length();
        if (!line.regionMatches(true, 0, PowerShell.COMMAND_PREFIX, 0, prefix)) {
            return line;
        }
        return PowerShell.decode(line.substring(prefix).strip());
    }

    /**
     * Runs a read-only command of the catalog and parses its output; the state holds it under
     * the catalog id (or its failure).
     */
    static <T> ServerState.Builder read(IRemoteChannel channel, CatalogEntry<T> entry, ServerState.Builder state,
            IProgressMonitor monitor) throws CoreException {
        try {
            CommandResult result = channel.runComplete(entry.powerShell().toCommand(entry.id()), monitor);
            FormKind kind = result.form() == org.sstpdoctor.remote.CommandForm.LEGACY ? FormKind.LEGACY_TEXT
                    : FormKind.POWERSHELL;
            Optional<org.sstpdoctor.remote.commands.CommandForm<T>> form = entry.form(kind);
            if (form.isEmpty()) {
                return state.failed(entry.id(), "no parser for its " + kind + " output");
            }
            ParseResult<T> parsed = form.get().parse(result.stdout());
            return state.parsed(entry.id(), parsed, result.stdout());
        } catch (RemoteException e) {
            throw new CoreException(Status.error("Could not read " + entry.id() + " from " + channel.serverName()
                    + " to plan the change: " + e.getMessage(), e));
        }
    }
}
