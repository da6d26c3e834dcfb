package org.sstpdoctor.remote.evidence;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.equinox.security.storage.StorageException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.sstpdoctor.core.checks.ICheckContext;
import org.sstpdoctor.core.evidence.IEvidenceProvider;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.CredentialStore;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.remote.CommandResult;
import org.sstpdoctor.remote.IRemoteChannel;
import org.sstpdoctor.remote.RemoteChannels;
import org.sstpdoctor.remote.RemoteException;
import org.sstpdoctor.remote.RemoteSettings;
import org.sstpdoctor.remote.commands.CatalogEntry;
import org.sstpdoctor.remote.commands.CommandCatalog;
import org.sstpdoctor.remote.commands.FormKind;
import org.sstpdoctor.remote.ssh.IHostKeyConfirmer;
import org.sstpdoctor.remote.winrm.ICertificateTrustConfirmer;

/**
 * Evidence {@code org.sstpdoctor.remote.serverState}: opens the server's management channel
 * once, runs every command of the catalog (read-only diagnostics), parses each output, and
 * closes the channel. A command that fails or times out is recorded and the others still run;
 * a channel that cannot be opened (connection, host key, authentication) fails the evidence,
 * with the server and the step in the message.
 * <p>
 * A new SSH host key is confirmed by the {@link IHostKeyConfirmer} OSGi service when the
 * workbench registers one; without it (headless, scheduled runs) new keys are refused. A WinRM
 * HTTPS certificate the Java runtime does not trust is likewise confirmed by the
 * {@link ICertificateTrustConfirmer} service, or refused.
 */
public final class ServerStateProvider implements IEvidenceProvider {

    /** The evidence id. */
    public static final String ID = "org.sstpdoctor.remote.serverState";

    private final CredentialStoreSource credentials;
    private final IHostKeyConfirmer confirmer;
    private final RemoteSettings settings;

    /** Supplies the credential store (opened only when a channel needs it). */
    @FunctionalInterface
    public interface CredentialStoreSource {
        CredentialStore get() throws StorageException;
    }

    /** The provider the extension point creates: default Secure Storage, the confirmer service, default settings. */
    public ServerStateProvider() {
        this(CredentialStore::getDefault, null, null);
    }

    /**
     * A provider with its dependencies given.
     *
     * @param confirmer null to use the OSGi service (or refuse)
     * @param settings  null for {@link RemoteSettings#defaults()}
     */
    public ServerStateProvider(CredentialStoreSource credentials, IHostKeyConfirmer confirmer, RemoteSettings settings) {
        this.credentials = credentials;
        this.confirmer = confirmer;
        this.settings = settings;
    }

    @Override
    public Object gather(ICheckContext context, IProgressMonitor monitor) throws CoreException {
        Server server = context.server();
        if (server.config().channel().kind() == ChannelKind.NONE) {
            return ServerState.unavailable("no management channel is configured for " + server
                    + ": only what the network shows is checked");
        }
        SubMonitor progress = SubMonitor.convert(monitor, "Reading the server's state", CommandCatalog.IDS.size() + 1);
        CredentialStore store;
        try {
            store = credentials.get();
        } catch (StorageException e) {
            throw new CoreException(Status.error("Secure Storage could not be opened to read the credentials of "
                    + server + ": " + e.getMessage()));
        }
        ServerState.Builder state = ServerState.over(RemoteChannels.describe(server));
        try (IRemoteChannel channel = RemoteChannels.open(server, store, confirmer(), certificateConfirmer(),
                settings == null ? RemoteSettings.defaults() : settings, progress.split(1))) {
            for (CatalogEntry<?> entry : CommandCatalog.entries()) {
                if (progress.isCanceled()) {
                    throw new OperationCanceledException();
                }
                run(channel, entry, state, progress.split(1));
            }
        }
        return state.build();
    }

    private static void run(IRemoteChannel channel, CatalogEntry<?> entry, ServerState.Builder state,
            IProgressMonitor monitor) throws RemoteException {
        CommandResult result;
        try {
            result = channel.run(entry.powerShell().toCommand(entry.id()), monitor);
        } catch (RemoteException e) {
            switch (e.step()) {
                case COMMAND, TIMEOUT, OUTPUT_LIMIT -> {
                    state.failed(entry.id(), e.getMessage());
                    return;
                }
                default -> throw e;
            }
        }
        FormKind kind = result.form() == org.sstpdoctor.remote.CommandForm.LEGACY ? FormKind.LEGACY_TEXT
                : FormKind.POWERSHELL;
        var form = entry.form(kind);
        if (form.isEmpty()) {
            state.failed(entry.id(), "the " + kind + " output of " + entry.id() + " has no parser");
            return;
        }
        if (result.truncated()) {
            state.failed(entry.id(), "the output of " + entry.id() + " was cut at its size limit");
            return;
        }
        String output = result.stdout();
        state.parsed(entry.id(), form.get().parse(output), output);
    }

    /** The workbench's certificate confirmer service, or {@link ICertificateTrustConfirmer#REFUSE}. */
    private static ICertificateTrustConfirmer certificateConfirmer() {
        Bundle bundle = FrameworkUtil.getBundle(ServerStateProvider.class);
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        if (context == null) {
            return ICertificateTrustConfirmer.REFUSE;
        }
        ServiceReference<ICertificateTrustConfirmer> ref = context.getServiceReference(
                ICertificateTrustConfirmer.class);
        ICertificateTrustConfirmer service = ref == null ? null : context.getService(ref);
        if (service == null) {
            return ICertificateTrustConfirmer.REFUSE;
        }
        return info -> {
            try {
                return service.trustCertificate(info);
            } finally {
                context.ungetService(ref);
            }
        };
    }

    private IHostKeyConfirmer confirmer() {
        if (confirmer != null) {
            return confirmer;
        }
        Bundle bundle = FrameworkUtil.getBundle(ServerStateProvider.class);
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        if (context == null) {
            return IHostKeyConfirmer.REFUSE;
        }
        ServiceReference<IHostKeyConfirmer> ref = context.getServiceReference(IHostKeyConfirmer.class);
        IHostKeyConfirmer service = ref == null ? null : context.getService(ref);
        if (service == null) {
            return IHostKeyConfirmer.REFUSE;
        }
        return info -> {
            try {
                return service.trustNewHostKey(info);
            } finally {
                context.ungetService(ref);
            }
        };
    }
}
