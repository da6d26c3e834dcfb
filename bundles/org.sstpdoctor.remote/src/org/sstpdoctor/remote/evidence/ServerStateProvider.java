package org.sstpdoctor.remote.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.equinox.security.storage.StorageException;
import org.sstpdoctor.core.checks.ICheckContext;
import org.sstpdoctor.core.evidence.IEvidenceProvider;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.CredentialStore;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.remote.CommandResult;
import org.sstpdoctor.remote.IRemoteChannel;
import org.sstpdoctor.remote.RemoteChannels;
import org.sstpdoctor.remote.RemoteException;
import org.sstpdoctor.remote.RemoteSettings;
import org.sstpdoctor.remote.bundle.ImportedBundles;
import org.sstpdoctor.remote.commands.CatalogEntry;
import org.sstpdoctor.remote.commands.CommandCatalog;
import org.sstpdoctor.remote.commands.FormKind;
import org.sstpdoctor.remote.internal.WorkbenchConfirmers;
import org.sstpdoctor.remote.ssh.IHostKeyConfirmer;

/**
 * Evidence {@code org.sstpdoctor.remote.serverState}: opens the server's management channel
 * once, runs every command of the catalog (read-only diagnostics), parses each output, and
 * closes the channel. A server without a live channel (none, or an evidence bundle channel) is
 * read from its newest imported evidence bundle ({@link ImportedBundles}) when that is newer than
 * the archive its channel names; the state then names the import and its dates. A command that
 * fails or times out is recorded and the others still run;
 * a channel that cannot be opened (connection, host key, authentication) fails the evidence,
 * with the server and the step in the message.
 * <p>
 * A new SSH host key is confirmed by the {@link IHostKeyConfirmer} OSGi service when the
 * workbench registers one; without it (headless, scheduled runs) new keys are refused. A WinRM
 * HTTPS certificate the Java runtime does not trust is likewise confirmed by the
 * {@link org.sstpdoctor.remote.winrm.ICertificateTrustConfirmer} service, or refused.
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
        ManagementChannel channel = server.config().channel();
        Optional<ImportedBundles.Imported> imported = Optional.empty();
        if (channel.kind() == ChannelKind.NONE || channel.kind() == ChannelKind.BUNDLE) {
            RemoteSettings where = settings;
            if (where == null) {
                try {
                    where = RemoteSettings.defaults();
                } catch (IllegalStateException noWorkspace) {
                    where = null; // no workspace, so nothing was imported
                }
            }
            if (where != null) {
                imported = newerImport(server, channel, where);
            }
        }
        SubMonitor progress = SubMonitor.convert(monitor, "Reading the server's state", CommandCatalog.IDS.size() + 1);
        if (imported.isPresent()) {
            String name = RemoteChannels.describe(server);
            ServerState.Builder state = ServerState.over(name + ": " + imported.get().describe());
            progress.split(1);
            try (IRemoteChannel bundle = imported.get().bundle().channel(name)) {
                runCatalog(bundle, state, progress);
            }
            return state.build();
        }
        if (channel.kind() == ChannelKind.NONE) {
            return ServerState.unavailable("no management channel is configured for " + server
                    + " and no evidence bundle was imported for it: only what the network shows is checked");
        }
        CredentialStore store = null; // an evidence bundle channel needs no credentials
        if (channel.kind() != ChannelKind.BUNDLE) {
            try {
                store = credentials.get();
            } catch (StorageException e) {
                throw new CoreException(Status.error("Secure Storage could not be opened to read the credentials of "
                        + server + ": " + e.getMessage()));
            }
        }
        ServerState.Builder state = ServerState.over(RemoteChannels.describe(server));
        try (IRemoteChannel live = RemoteChannels.open(server, store, confirmer(), WorkbenchConfirmers.certificates(),
                settings == null ? RemoteSettings.defaults() : settings, progress.split(1))) {
            runCatalog(live, state, progress);
        }
        return state.build();
    }

    /**
     * The newest imported bundle of a server without a live channel, when there is one and it is newer than the
     * archive the server's bundle channel names.
     */
    private static Optional<ImportedBundles.Imported> newerImport(Server server, ManagementChannel channel,
            RemoteSettings remote) throws CoreException {
        Optional<ImportedBundles.Imported> imported;
        try {
            imported = ImportedBundles.of(remote).latest(server);
        } catch (IOException e) {
            throw new CoreException(Status.error("the evidence bundle imported for " + server + " could not be read: "
                    + e.getMessage(), e));
        }
        String option = channel.options().get(RemoteChannels.OPTION_BUNDLE);
        if (imported.isEmpty() || channel.kind() != ChannelKind.BUNDLE || option == null || option.isBlank()) {
            return imported;
        }
        Path named = Path.of(option);
        if (!named.isAbsolute()) {
            IPath folder = server.file().getParent().getLocation();
            if (folder == null) {
                return imported;
            }
            named = folder.toPath().resolve(named);
        }
        try {
            Instant modified = Files.getLastModifiedTime(named).toInstant();
            return modified.isAfter(imported.get().importedAt()) ? Optional.empty() : imported; // newest wins
        } catch (IOException missing) {
            return imported;
        }
    }

    private static void runCatalog(IRemoteChannel channel, ServerState.Builder state, SubMonitor progress)
            throws RemoteException {
        for (CatalogEntry<?> entry : CommandCatalog.entries()) {
            if (progress.isCanceled()) {
                throw new OperationCanceledException();
            }
            run(channel, entry, state, progress.split(1));
        }
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

    private IHostKeyConfirmer confirmer() {
        return confirmer != null ? confirmer : WorkbenchConfirmers.hostKeys();
    }
}
