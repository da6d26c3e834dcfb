package org.sstpdoctor.remote.ssh;

import java.nio.file.Path;

/**
 * A server's SSH host key that SSTP Doctor has not seen before, as a person is asked to confirm
 * it: compare {@link #fingerprint()} with what the server shows ({@code ssh-keygen -lf
 * C:\ProgramData\ssh\ssh_host_ed25519_key.pub} on the server itself).
 *
 * @param server         how the server is named in SSTP Doctor
 * @param host           the host name or address connected to
 * @param port           the SSH port
 * @param keyType        the key's SSH type, e.g. {@code ssh-ed25519} or {@code ecdsa-sha2-nistp256}
 * @param fingerprint    the key's SHA-256 fingerprint as OpenSSH prints it ({@code SHA256:...})
 * @param knownHostsFile where the key will be kept once confirmed
 */
public record HostKeyInfo(String server, String host, int port, String keyType, String fingerprint,
        Path knownHostsFile) {

    @Override
    public String toString() {
        return server + " presents the " + keyType + " host key " + fingerprint;
    }
}
