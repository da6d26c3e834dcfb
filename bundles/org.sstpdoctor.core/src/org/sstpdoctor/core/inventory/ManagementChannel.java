package org.sstpdoctor.core.inventory;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A server's management channel and its settings: kind, port, the user name to log in as, and
 * channel-specific options (for WinRM e.g. {@code transport=https}, {@code auth=negotiate}).
 * Never a secret: passwords and keys live in Secure Storage under the server's credential
 * reference.
 *
 * @param kind    the channel
 * @param port    its TCP port, 1-65535, or 0 for channels without one
 * @param user    the account to log in as, or empty
 * @param options channel-specific settings, sorted by key
 */
public record ManagementChannel(ChannelKind kind, int port, String user, Map<String, String> options) {

    /**
     * The option naming the TCP port SSTP listens on at the server itself, when the clients reach
     * it through port forwarding (a NAT or firewall that maps the port they connect to, the
     * server's SSTP port, to another). Without it the server listens on the port the clients use.
     */
    public static final String OPTION_SERVER_SSTP_PORT = "serverSstpPort";

    /** No channel: probe only. */
    public static final ManagementChannel NONE = new ManagementChannel(ChannelKind.NONE, 0, "", Map.of());

    public ManagementChannel {
        Objects.requireNonNull(kind, "kind");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        user = user == null ? "" : user;
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(options));
    }

    /**
     * The port SSTP listens on at the server: {@value #OPTION_SERVER_SSTP_PORT} when it is set to a
     * valid port, else {@code clientPort}.
     */
    public int serverSstpPort(int clientPort) {
        String value = options.get(OPTION_SERVER_SSTP_PORT);
        if (value != null && value.strip().matches("[0-9]{1,5}")) {
            int port = Integer.parseInt(value.strip());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        }
        return clientPort;
    }

    /** The channel {@code kind} on its default port, with no user or options. */
    public static ManagementChannel of(ChannelKind kind) {
        return new ManagementChannel(kind, kind.defaultPort(), "", Map.of());
    }
}
