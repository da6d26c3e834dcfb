package org.sstpdoctor.kb947031.tests;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.IProgressMonitor;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.remote.CommandForm;
import org.sstpdoctor.remote.CommandResult;
import org.sstpdoctor.remote.IRemoteChannel;
import org.sstpdoctor.remote.RemoteCommand;
import org.sstpdoctor.remote.RemoteException;
import org.sstpdoctor.remote.actions.ServerActions;

/**
 * A server's channel for remediation tests: answers the read-only catalog commands with a
 * server's recorded outputs, records every other command line it is sent, and answers those the
 * way an action script does ({"Action":...,"Ok":...,"Message":...}, exit 0 or 1).
 */
final class RecordingChannel implements IRemoteChannel {

    private final Map<String, String[]> outputs;
    private final boolean actionsSucceed;
    final List<String> reads = new CopyOnWriteArrayList<>();
    final List<String> sent = new CopyOnWriteArrayList<>();
    volatile boolean closed;

    RecordingChannel(Map<String, String[]> outputs, boolean actionsSucceed) {
        this.outputs = outputs;
        this.actionsSucceed = actionsSucceed;
    }

    @Override
    public String serverName() {
        return "vpn-test (127.0.0.1:22)";
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.SSH;
    }

    @Override
    public CommandResult run(RemoteCommand command, IProgressMonitor monitor) throws RemoteException {
        String[] output = outputs.get(command.id());
        if (output != null && !ServerActions.IDS.contains(command.id())) {
            reads.add(command.id());
            return new CommandResult(command.id(), output[0].equals("legacy") ? CommandForm.LEGACY
                    : CommandForm.POWERSHELL, 0, output[1].getBytes(StandardCharsets.UTF_8), new byte[0],
                    StandardCharsets.UTF_8, false, Duration.ZERO);
        }
        sent.add(command.commandLine());
        String json = "{\"Action\":\"" + command.id() + "\",\"Ok\":" + actionsSucceed + ",\"Message\":\""
                + (actionsSucceed ? "done" : "Access is denied.") + "\"}\r\n";
        return new CommandResult(command.id(), CommandForm.POWERSHELL, actionsSucceed ? 0 : 1,
                json.getBytes(StandardCharsets.UTF_8), new byte[0], StandardCharsets.UTF_8, false, Duration.ZERO);
    }

    @Override
    public void close() {
        closed = true;
    }
}
