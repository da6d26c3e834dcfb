package org.sstpdoctor.remote.ssh;

import java.util.Objects;

/**
 * Where an SSH channel connects, and as whom.
 *
 * @param server how the server is named in messages, e.g. {@code vpn1 (vpn1.contoso.com:22)}
 * @param host   the host name or address to connect to; host keys are kept under it
 * @param port   the SSH port, 1-65535
 * @param user   the account to log in as; on Windows DOMAIN&#92;user, {@code user@domain} or
 *               a local user
 */
public record SshEndpoint(String server, String host, int port, String user) {

    public SshEndpoint {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        if (host.isBlank()) {
            throw new IllegalArgumentException("an SSH endpoint needs a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
