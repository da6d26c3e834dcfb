package org.sstpdoctor.remote.winrm;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.IProgressMonitor;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.Credentials;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.remote.CommandResult;
import org.sstpdoctor.remote.IRemoteChannel;
import org.sstpdoctor.remote.RemoteCommand;
import org.sstpdoctor.remote.RemoteException;

/**
 * A server's WinRM channel as an {@link IRemoteChannel}. Every command, PowerShell or legacy,
 * is sent as the command line {@link RemoteCommand#commandLine()} builds (so the one tested
 * encoder is used); the channel's options choose the transport ({@code transport=http|https},
 * default http on 5985 and https on 5986) and the authentication ({@code auth=ntlm|kerberos|basic},
 * default ntlm; {@code negotiate} is a synonym of {@code kerberos}; Basic only over HTTPS). Kerberos
 * takes the realm and KDC from the options {@code realm} and {@code kdc} (both or neither; neither
 * means the system's krb5.conf) and the endpoint's principal from {@code spn} (default
 * {@code HTTP/host}).
 */
public final class WinRmChannel implements IRemoteChannel {

    /** Channel option: {@code http} (message encryption) or {@code https}. */
    public static final String OPTION_TRANSPORT = "transport";
    /** Channel option: {@code ntlm}, {@code kerberos} (or {@code negotiate}) or {@code basic}. */
    public static final String OPTION_AUTH = "auth";
    /** Channel option: the Kerberos realm, e.g. {@code CORP.EXAMPLE.COM}. */
    public static final String OPTION_REALM = "realm";
    /** Channel option: the KDC of {@link #OPTION_REALM}, {@code host} or {@code host:port}. */
    public static final String OPTION_KDC = "kdc";
    /** Channel option: the server's Kerberos principal, default {@code HTTP/host}. */
    public static final String OPTION_SPN = "spn";

    private final String server;
    private final WinRmClient client;

    private WinRmChannel(String server, WinRmClient client) {
        this.server = server;
        this.client = client;
    }

    /**
     * Opens the WinRM channel of a server.
     *
     * @param server      how the server is named in messages
     * @param host        the host to connect to
     * @param channel     the server's channel settings (port, user, options)
     * @param credentials the password (never logged)
     */
    public static WinRmChannel open(String server, String host, ManagementChannel channel, Credentials credentials)
            throws RemoteException {
        return open(server, host, channel, credentials, null, ICertificateTrustConfirmer.REFUSE);
    }

    /**
     * Opens the WinRM channel of a server, with a kept trust for HTTPS certificates the Java runtime does not trust.
     *
     * @param server       how the server is named in messages
     * @param host         the host to connect to
     * @param channel      the server's channel settings (port, user, options)
     * @param credentials  the password (never logged)
     * @param certificates the certificates a person trusted, or null to trust only what the runtime trusts
     * @param confirmer    asked about a certificate the runtime does not trust and that is not kept yet
     */
    public static WinRmChannel open(String server, String host, ManagementChannel channel, Credentials credentials,
            TrustedCertificates certificates, ICertificateTrustConfirmer confirmer) throws RemoteException {
        boolean https = "https".equalsIgnoreCase(channel.options().getOrDefault(OPTION_TRANSPORT,
                channel.port() == 5986 ? "https" : "http"));
        String authName = channel.options().getOrDefault(OPTION_AUTH, "ntlm").toLowerCase(Locale.ROOT);
        WinRmSettings.Auth auth = switch (authName) {
            case "basic" -> WinRmSettings.Auth.BASIC;
            case "ntlm" -> WinRmSettings.Auth.NTLM;
            case "kerberos", "negotiate" -> WinRmSettings.Auth.KERBEROS;
            default -> throw new RemoteException(server, RemoteException.Step.AUTH,
                    "the WinRM authentication '" + authName + "' is not supported; use ntlm, kerberos or basic");
        };
        int port = channel.port() > 0 ? channel.port() : https ? 5986 : ChannelKind.WINRM.defaultPort();
        String authority = host.contains(":") ? "[" + host + "]" : host;
        URI endpoint = URI.create((https ? "https" : "http") + "://" + authority + ":" + port + "/wsman");
        String user = channel.user().isEmpty() ? credentials.user() : channel.user();
        try {
            WinRmSettings.Builder builder = WinRmSettings.builder(endpoint).auth(auth)
                    .credentials(user, credentials.password());
            if (https && certificates != null) {
                try {
                    certificates.pinned(host, port).ifPresent(builder::pinnedCertificate);
                } catch (java.io.IOException e) {
                    throw new RemoteException(server, RemoteException.Step.TLS, "the trusted WinRM certificates could"
                            + " not be read from " + certificates.file() + ": " + e.getMessage(), e);
                }
                builder.trustCallback(certificates.callback(server, confirmer));
            }
            if (auth == WinRmSettings.Auth.KERBEROS) {
                builder.kerberos(blankToNull(channel.options().get(OPTION_REALM)),
                        blankToNull(channel.options().get(OPTION_KDC)))
                        .servicePrincipal(blankToNull(channel.options().get(OPTION_SPN)));
            }
            WinRmSettings settings = builder.build();
            return new WinRmChannel(server, new WinRmClient(settings));
        } catch (WinRmException e) {
            throw translate(server, e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new RemoteException(server, RemoteException.Step.AUTH, e.getMessage());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String serverName() {
        return server;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.WINRM;
    }

    @Override
    public CommandResult run(RemoteCommand command, IProgressMonitor monitor) throws RemoteException {
        long start = System.nanoTime();
        try {
            ShellResult r = client.run(command.commandLine(), List.of(), command.timeout(), monitor);
            return new CommandResult(command.id(), command.form(), r.exitCode() < 0 ? null : r.exitCode(),
                    r.stdout().getBytes(StandardCharsets.UTF_8), r.stderr().getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8, r.truncated(), Duration.ofNanos(System.nanoTime() - start));
        } catch (WinRmException e) {
            throw translate(server, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private static RemoteException translate(String server, WinRmException e) {
        RemoteException.Step step = switch (e.step()) {
            case DNS -> RemoteException.Step.DNS;
            case CONNECT -> RemoteException.Step.CONNECT;
            case TLS -> RemoteException.Step.TLS;
            case AUTH -> RemoteException.Step.AUTH;
            case PROTOCOL, COMMAND -> RemoteException.Step.COMMAND;
            case TIMEOUT -> RemoteException.Step.TIMEOUT;
            case CANCELLED -> RemoteException.Step.CANCELLED;
        };
        return new RemoteException(server, step, e.getMessage(), e);
    }
}
