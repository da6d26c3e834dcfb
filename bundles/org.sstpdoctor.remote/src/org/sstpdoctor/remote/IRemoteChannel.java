package org.sstpdoctor.remote;

import org.eclipse.core.runtime.IProgressMonitor;
import org.sstpdoctor.core.inventory.ChannelKind;

/**
 * An open channel to one server's management side, on which commands run one at a time or
 * concurrently. Obtain one with {@link RemoteChannels#open}; close it when done.
 */
public interface IRemoteChannel extends AutoCloseable {

    /** How the server is named in messages, e.g. {@code vpn1 (vpn1.contoso.com:22)}. */
    String serverName();

    /** The kind of channel. */
    ChannelKind kind();

    /**
     * Runs {@code command} and returns what it printed. Output beyond the command's cap is not
     * read: the command is stopped and the result is marked {@link CommandResult#truncated()}.
     *
     * @param monitor cancellation, checked at least every 100 ms; may be null
     * @throws RemoteException with step {@link RemoteException.Step#TIMEOUT} when the command
     *                         did not finish within its timeout, {@link RemoteException.Step#CANCELLED}
     *                         when the monitor was cancelled, {@link RemoteException.Step#COMMAND}
     *                         when it could not be run or the channel broke
     */
    CommandResult run(RemoteCommand command, IProgressMonitor monitor) throws RemoteException;

    /**
     * Runs {@code command} and insists on its whole output.
     *
     * @throws RemoteException with step {@link RemoteException.Step#OUTPUT_LIMIT} when the output
     *                         was cut at the command's cap, and as {@link #run}
     */
    default CommandResult runComplete(RemoteCommand command, IProgressMonitor monitor) throws RemoteException {
        CommandResult result = run(command, monitor);
        if (result.truncated()) {
            throw new RemoteException(serverName(), RemoteException.Step.OUTPUT_LIMIT, "the output of " + command.id()
                    + " was longer than its cap of " + command.outputCap() + " bytes and was cut");
        }
        return result;
    }

    /** Closes the channel; commands still running end with {@link RemoteException.Step#COMMAND}. */
    @Override
    void close();
}
