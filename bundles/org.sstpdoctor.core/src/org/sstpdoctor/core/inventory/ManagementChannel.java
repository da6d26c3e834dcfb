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

    /** The channel {@code kind} on its default port, with no user or options. */
    public static ManagementChannel of(ChannelKind kind) {
        return new ManagementChannel(kind, kind.defaultPort(), "", Map.of());
    }
}
