package org.sstpdoctor.core.inventory;

import java.util.List;
import java.util.Objects;

/**
 * What a server file says about one RRAS server. The server's name and site are not part of
 * it: they are the file's name and folder.
 *
 * @param host          the host name as VPN clients use it (what the certificate must match);
 *                      may be an IP address
 * @param sstpPort      the TCP port clients connect to, 443 unless the listener was moved
 * @param channel       the management channel
 * @param tags          free labels for filtering ("prod", "dmz"), in file order, no duplicates
 * @param notes         free text
 * @param credentialRef the key of this server's credentials in Secure Storage; stable across
 *                      renames and moves; never the secret itself
 */
public record ServerConfig(String host, int sstpPort, ManagementChannel channel, List<String> tags, String notes,
        String credentialRef) {

    /** The port of an SSTP listener unless it was moved. */
    public static final int DEFAULT_SSTP_PORT = 443;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        if (sstpPort < 1 || sstpPort > 65535) {
            throw new IllegalArgumentException("SSTP port out of range: " + sstpPort);
        }
        channel = channel == null ? ManagementChannel.NONE : channel;
        tags = tags == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(tags));
        notes = notes == null ? "" : notes;
        credentialRef = credentialRef == null ? "" : credentialRef;
    }
}
