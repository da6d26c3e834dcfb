package org.sstpdoctor.remote.internal;

import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.equinox.security.storage.StorageException;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.CredentialStore;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.remediation.IRemediationContext;
import org.sstpdoctor.remote.CommandResult;
import org.sstpdoctor.remote.IRemoteChannel;
import org.sstpdoctor.remote.RemoteChannels;
import org.sstpdoctor.remote.RemoteCommand;
import org.sstpdoctor.remote.RemoteException;
import org.sstpdoctor.remote.RemoteSettings;

/**
 * Gives a remediation the management channel of the server it fixes:
 * {@code context.getAdapter(IRemoteChannel.class)}. The channel is opened the way the server
 * state is read ({@code ServerStateProvider}): the server's inventory entry, its credentials from
 * Secure Storage, the host-key confirmer service (or refusal, headless) and the default remote
 * settings. It opens on the first command, so that a failure to open (no channel, no credentials,
 * a refused host key) reaches the remediation as a {@link RemoteException} naming the step; the
 * caller closes it.
 */
public final class RemediationChannelAdapter implements IAdapterFactory {

    @Override
    public <T> T getAdapter(Object adaptable, Class<T> adapterType) {
        if (adapterType != IRemoteChannel.class || !(adaptable instanceof IRemediationContext context)) {
            return null;
        }
        return adapterType.cast(new LazyChannel(context.server()));
    }

    @Override
    public Class<?>[] getAdapterList() {
        return new Class<?>[] { IRemoteChannel.class };
    }

    /** A channel that opens the real one on its first command. */
    private static final class LazyChannel implements IRemoteChannel {
        private final Server server;
        private IRemoteChannel open;
        private boolean closed;

        LazyChannel(Server server) {
            this.server = server;
        }

        @Override
        public String serverName() {
            return RemoteChannels.describe(server);
        }

        @Override
        public ChannelKind kind() {
            return server.isReadable() ? server.config().channel().kind() : ChannelKind.NONE;
        }

        @Override
        public CommandResult run(RemoteCommand command, IProgressMonitor monitor) throws RemoteException {
            return channel(monitor).run(command, monitor);
        }

        private synchronized IRemoteChannel channel(IProgressMonitor monitor) throws RemoteException {
            if (closed) {
                throw new RemoteException(serverName(), RemoteException.Step.COMMAND, "the channel is closed");
            }
            if (open == null) {
                CredentialStore store;
                try {
                    store = CredentialStore.getDefault();
                } catch (StorageException e) {
                    throw new RemoteException(serverName(), RemoteException.Step.AUTH,
                            "Secure Storage could not be opened: " + e.getMessage(), e);
                }
                open = RemoteChannels.open(server, store, WorkbenchConfirmers.hostKeys(), RemoteSettings.defaults(),
                        monitor);
            }
            return open;
        }

        @Override
        public synchronized void close() {
            closed = true;
            if (open != null) {
                open.close();
                open = null;
            }
        }
    }
}
