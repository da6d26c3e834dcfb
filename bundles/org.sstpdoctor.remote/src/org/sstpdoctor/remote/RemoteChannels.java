package org.sstpdoctor.remote;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.equinox.security.storage.StorageException;
import org.sstpdoctor.core.inventory.CredentialStore;
import org.sstpdoctor.core.inventory.Credentials;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.inventory.ServerConfig;
import org.sstpdoctor.remote.RemoteException.Step;
import org.sstpdoctor.remote.bundle.EvidenceBundle;
import org.sstpdoctor.remote.bundle.EvidenceBundleReader;
import org.sstpdoctor.remote.ssh.IHostKeyConfirmer;
import org.sstpdoctor.remote.ssh.SshChannel;
import org.sstpdoctor.remote.winrm.ICertificateTrustConfirmer;
import org.sstpdoctor.remote.winrm.TrustedCertificates;
import org.sstpdoctor.remote.winrm.WinRmChannel;
import org.sstpdoctor.remote.ssh.SshEndpoint;

/**
 * Opens the channel a server's inventory entry names ({@link ManagementChannel#kind()}).
 *
 * <table>
 * <caption>Channels and their options</caption>
 * <tr><th>kind</th><th>what opens</th><th>options</th></tr>
 * <tr><td>ssh</td><td>{@link SshChannel} to the server's host on the channel's port, as the
 * channel's user (or, when it names none, the user stored with the credentials), with the
 * password and passphrase stored in Secure Storage under the server's credential reference</td>
 * <td>{@value #OPTION_IDENTITY_FILE}: the absolute path of an OpenSSH or PEM private key
 * file</td></tr>
 * <tr><td>bundle</td><td>a channel that answers from an imported evidence bundle</td>
 * <td>{@value #OPTION_BUNDLE}: the archive's path, absolute or relative to the server file's
 * folder</td></tr>
 * <tr><td>winrm</td><td>{@link WinRmChannel} to the server's host on the channel's port, with the
 * password stored in Secure Storage</td><td>{@code transport} (http, https), {@code auth} (ntlm,
 * kerberos, basic), for Kerberos {@code realm} and {@code kdc} (or the system's krb5.conf) and
 * {@code spn}</td></tr>
 * <tr><td>none</td><td>nothing: the server is only probed from the network</td><td></td></tr>
 * </table>
 */
public final class RemoteChannels {

    /** The SSH channel option naming the private key file. */
    public static final String OPTION_IDENTITY_FILE = "identityFile";
    /** The bundle channel option naming the evidence archive. */
    public static final String OPTION_BUNDLE = "bundle";

    private RemoteChannels() {
    }

    /** {@link #open(Server, CredentialStore, IHostKeyConfirmer, RemoteSettings, IProgressMonitor)} without a monitor. */
    public static IRemoteChannel open(Server server, CredentialStore credentials, IHostKeyConfirmer confirmer,
            RemoteSettings settings) throws RemoteException {
        return open(server, credentials, confirmer, settings, null);
    }

    /**
     * Opens the management channel of {@code server}.
     *
     * @param credentials where the server's secrets are read, under its credential reference
     * @param confirmer   asked about an SSH host key seen for the first time; headless code passes
     *                    {@link IHostKeyConfirmer#REFUSE}
     * @param monitor     cancellation; may be null
     * @throws RemoteException          naming the server and the step that failed; for a server
     *                                  without a channel, or with one not available yet
     * @throws IllegalArgumentException when the server's file could not be read
     */
    public static IRemoteChannel open(Server server, CredentialStore credentials, IHostKeyConfirmer confirmer,
            RemoteSettings settings, IProgressMonitor monitor) throws RemoteException {
        return open(server, credentials, confirmer, ICertificateTrustConfirmer.REFUSE, settings, monitor);
    }

    /**
     * Opens the management channel of {@code server}, asking {@code certificateConfirmer} about a WinRM HTTPS
     * certificate that the Java runtime does not trust; a trusted one is kept in
     * {@link RemoteSettings#trustedCertificatesFile()}, beside the SSH known-hosts file.
     *
     * @see #open(Server, CredentialStore, IHostKeyConfirmer, RemoteSettings, IProgressMonitor)
     */
    public static IRemoteChannel open(Server server, CredentialStore credentials, IHostKeyConfirmer confirmer,
            ICertificateTrustConfirmer certificateConfirmer, RemoteSettings settings, IProgressMonitor monitor)
            throws RemoteException {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(certificateConfirmer, "certificateConfirmer");
        Objects.requireNonNull(confirmer, "confirmer");
        Objects.requireNonNull(settings, "settings");
        if (!server.isReadable()) {
            throw new IllegalArgumentException("the file of " + server + " could not be read: " + server.problem());
        }
        ServerConfig config = server.config();
        ManagementChannel channel = config.channel();
        String name = describe(server);
        return switch (channel.kind()) {
            case NONE -> throw new RemoteException(name, Step.CONNECT, "the server has no management channel: set SSH "
                    + "or an evidence bundle in its properties to look at it from the inside");
            case WINRM -> openWinRm(server, name, credentials, certificateConfirmer, settings);
            case BUNDLE -> openBundle(server, name, channel);
            case SSH -> openSsh(server, name, credentials, confirmer, settings, monitor);
        };
    }

    /** How {@code server} is named in messages: {@code site/name (host:port)}. */
    public static String describe(Server server) {
        if (!server.isReadable()) {
            return server.toString();
        }
        ManagementChannel channel = server.config().channel();
        String host = server.host().contains(":") ? "[" + server.host() + "]" : server.host();
        return server + " (" + host + (channel.port() > 0 ? ":" + channel.port() : "") + ")";
    }

    private static IRemoteChannel openSsh(Server server, String name, CredentialStore store,
            IHostKeyConfirmer confirmer, RemoteSettings settings, IProgressMonitor monitor) throws RemoteException {
        ServerConfig config = server.config();
        ManagementChannel channel = config.channel();
        String identity = channel.options().get(OPTION_IDENTITY_FILE);
        boolean keyOnly = identity != null && !identity.isBlank() && !channel.user().isEmpty()
                && !hasStoredCredentials(server, store);
        // a key file without a passphrase needs no secret: nothing is read from Secure Storage then
        try (Credentials credentials = keyOnly ? new Credentials(channel.user(), new char[0], null)
                : storedCredentials(server, name, store)) {
            String user = channel.user().isEmpty() ? credentials.user() : channel.user();
            Path identityFile = identity == null || identity.isBlank() ? null : Path.of(identity);
            SshEndpoint endpoint = new SshEndpoint(name, config.host(), channel.port(), user);
            return SshChannel.open(endpoint, credentials, identityFile, confirmer, settings, monitor);
        }
    }

    /** The server's credentials from Secure Storage, or an AUTH failure saying why there are none. */
    /** Whether Secure Storage holds credentials for {@code server}; asks for no master password. */
    private static boolean hasStoredCredentials(Server server, CredentialStore store) {
        String ref = server.config().credentialRef();
        try {
            return !ref.isEmpty() && store != null && store.has(ref);
        } catch (RuntimeException unavailable) {
            return false;
        }
    }

    private static Credentials storedCredentials(Server server, String name, CredentialStore store)
            throws RemoteException {
        Objects.requireNonNull(store, "credentials");
        String ref = server.config().credentialRef();
        if (ref.isEmpty()) {
            throw new RemoteException(name, Step.AUTH, "no credentials are stored for this server: enter them in its "
                    + "properties");
        }
        Optional<Credentials> stored;
        try {
            stored = store.read(ref);
        } catch (StorageException e) {
            throw new RemoteException(name, Step.AUTH, "the credentials could not be read from Secure Storage: "
                    + e.getMessage(), e);
        }
        return stored.orElseThrow(() -> new RemoteException(name, Step.AUTH,
                "no credentials are stored for this server: enter them in its properties"));
    }

    private static IRemoteChannel openWinRm(Server server, String name, CredentialStore store,
            ICertificateTrustConfirmer certificateConfirmer, RemoteSettings settings) throws RemoteException {
        try (Credentials credentials = storedCredentials(server, name, store)) {
            return WinRmChannel.open(name, server.config().host(), server.config().channel(), credentials,
                    new TrustedCertificates(settings.trustedCertificatesFile()), certificateConfirmer);
        }
    }

    private static IRemoteChannel openBundle(Server server, String name, ManagementChannel channel)
            throws RemoteException {
        String option = channel.options().get(OPTION_BUNDLE);
        if (option == null || option.isBlank()) {
            throw new RemoteException(name, Step.CONNECT, "no evidence bundle has been imported for this server: run "
                    + "the collection script on the server and import its archive");
        }
        Path archive = Path.of(option);
        if (!archive.isAbsolute()) {
            IPath folder = server.file().getParent().getLocation();
            if (folder == null) {
                throw new RemoteException(name, Step.CONNECT, "the evidence bundle " + option + " is named relative "
                        + "to the server file, whose folder is not on the local disk");
            }
            archive = folder.toPath().resolve(archive);
        }
        try {
            EvidenceBundle bundle = new EvidenceBundleReader().read(archive);
            return bundle.channel(name);
        } catch (IOException e) {
            throw new RemoteException(name, Step.CONNECT, "the evidence bundle could not be read: " + e.getMessage(),
                    e);
        }
    }
}
