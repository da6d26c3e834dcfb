package org.sstpdoctor.lab;

import java.util.Optional;

import org.sstpdoctor.lab.WindowsState.RrasFilter;
import org.sstpdoctor.remote.actions.ServerAction;
import org.sstpdoctor.remote.actions.ServerAction.BindSstpCertificate;
import org.sstpdoctor.remote.actions.ServerAction.EnableFirewallRuleGroup;
import org.sstpdoctor.remote.actions.ServerAction.EnableRemoteAccess;
import org.sstpdoctor.remote.actions.ServerAction.RemoveRrasFilter;
import org.sstpdoctor.remote.actions.ServerAction.RestartService;
import org.sstpdoctor.remote.actions.ServerAction.SetListenerPort;
import org.sstpdoctor.remote.actions.ServerAction.SetSstpPortCount;
import org.sstpdoctor.remote.actions.ServerAction.StartService;
import org.sstpdoctor.remote.actions.ServerActions;
import org.sstpdoctor.remote.commands.SstpRegistryEvidence.ValueKind;

import com.google.gson.JsonObject;

/**
 * Carries out the server actions ({@link ServerActions#recognize(String)}) on a lab host's state,
 * answering as the action scripts do: one line {@code {"Action":..,"Ok":..,"Message":..}}, exit
 * code 0 when done and 1 when not.
 */
final class LabActions {

    private LabActions() {
    }

    /** The answer to {@code commandLine} when it carries a server action; empty otherwise. */
    static Optional<CommandAnswer> apply(WindowsState state, String commandLine) {
        Optional<ServerAction> action = ServerActions.recognize(commandLine);
        return action.map(a -> answer(a, run(state, a)));
    }

    /** Carries out {@code action}; empty when done, else why not. */
    private static Result run(WindowsState state, ServerAction action) {
        return switch (action) {
        case StartService a -> service(state, a.name(), state.startService(a.name()), " is Running");
        case RestartService a -> service(state, a.name(), state.restartService(a.name()), " is Running");
        case EnableRemoteAccess a -> state.enableRemoteAccess().map(Result::failed)
                .orElse(Result.ok("Remote access (VPN) is installed; RemoteAccess is Running"));
        case SetSstpPortCount a -> {
            if (!state.remoteAccessInstalled()) {
                yield Result.failed("The Remote Access service is not configured.");
            }
            state.setSstpPorts(a.ports());
            yield state.restartService(WindowsState.REMOTE_ACCESS).map(Result::failed)
                    .orElse(Result.ok("WAN Miniport (SSTP) has " + a.ports() + " ports; RemoteAccess restarted"));
        }
        case BindSstpCertificate a -> {
            Optional<WindowsState.StoreCertificate> c = state.certificate(a.sha1Thumbprint());
            if (c.isEmpty()) {
                yield Result.failed("Cannot find path 'Cert:\\LocalMachine\\My\\" + a.sha1Thumbprint()
                        + "' because it does not exist.");
            }
            if (!c.get().hasPrivateKey()) {
                yield Result.failed("the certificate " + a.sha1Thumbprint() + " has no private key");
            }
            yield state.bindSstpCertificate(a.sha1Thumbprint()).map(Result::failed).orElse(Result.ok("SSTP uses "
                    + c.get().certificate().getSubjectX500Principal().getName() + " (" + c.get().sha1() + ")"));
        }
        case SetListenerPort a -> {
            state.setRegistryValue("ListenerPort", ValueKind.DWORD, (long) a.port());
            yield state.restartService(WindowsState.REMOTE_ACCESS).map(Result::failed)
                    .orElse(Result.ok("ListenerPort is " + a.port() + "; RemoteAccess restarted"));
        }
        case EnableFirewallRuleGroup a -> {
            if (!a.group().equals(EnableFirewallRuleGroup.SSTP_GROUP)
                    && !a.group().equalsIgnoreCase(EnableFirewallRuleGroup.SSTP_GROUP_NAME)) {
                yield Result.failed("No MSFT_NetFirewallRule objects found with property 'Group' equal to '"
                        + a.group() + "'. Verify the value of the property and retry.");
            }
            state.setFirewallGroupEnabled(true);
            yield Result.ok("1 rules enabled");
        }
        case RemoveRrasFilter a -> {
            if (!state.remoteAccessInstalled()) {
                yield Result.failed("netsh: The following command was not found: routing ip delete filter.");
            }
            boolean removed = state.removeRrasFilter(new RrasFilter(a.interfaceName(), a.type(), a.sourceAddress(),
                    a.sourceMask(), a.destinationAddress(), a.destinationMask(), a.protocol(),
                    a.hasPorts() ? a.sourcePort() : 0, a.hasPorts() ? a.destinationPort() : 0));
            yield removed ? Result.ok("Ok.") : Result.failed("netsh: The filter does not exist.");
        }
        };
    }

    private static Result service(WindowsState state, String name, Optional<String> failure, String running) {
        if (failure.isPresent()) {
            return Result.failed(failure.get());
        }
        return Result.ok(state.service(name).map(WindowsState.ServiceState::name).orElse(name) + running);
    }

    private static CommandAnswer answer(ServerAction action, Result result) {
        JsonObject o = new JsonObject();
        o.addProperty("Action", action.id());
        o.addProperty("Ok", result.ok());
        o.addProperty("Message", result.message());
        return new CommandAnswer(result.ok() ? 0 : 1, WindowsText.json(o), "");
    }

    private record Result(boolean ok, String message) {
        static Result ok(String message) {
            return new Result(true, message);
        }

        static Result failed(String message) {
            return new Result(false, message);
        }
    }
}
