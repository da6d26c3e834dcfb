package org.sstpdoctor.remote;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import org.eclipse.core.runtime.Platform;
import org.osgi.framework.FrameworkUtil;

/**
 * How remote channels connect: timeouts, keep-alive and SSTP Doctor's own known-hosts file.
 *
 * @param connectTimeout    host name lookup, TCP connection and the SSH or TLS handshake
 *                          together
 * @param authTimeout       authentication
 * @param keepAliveInterval how often an idle connection is checked; after three unanswered checks
 *                          the connection is dropped
 * @param knownHostsFile    the SSH host keys SSTP Doctor trusts, in OpenSSH's known_hosts format;
 *                          never the user's {@code ~/.ssh/known_hosts}
 */
public record RemoteSettings(Duration connectTimeout, Duration authTimeout, Duration keepAliveInterval,
        Path knownHostsFile) {

    /** The default {@link #connectTimeout()}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(15);
    /** The default {@link #authTimeout()}. */
    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(30);
    /** The default {@link #keepAliveInterval()}. */
    public static final Duration DEFAULT_KEEP_ALIVE_INTERVAL = Duration.ofSeconds(15);
    /** The name of the known-hosts file in the remote bundle's state location. */
    public static final String KNOWN_HOSTS_FILE_NAME = "known_hosts";

    private static final Duration MAX = Duration.ofMinutes(10);

    public RemoteSettings {
        check("connectTimeout", connectTimeout);
        check("authTimeout", authTimeout);
        check("keepAliveInterval", keepAliveInterval);
        Objects.requireNonNull(knownHostsFile, "knownHostsFile");
    }

    /** The default timeouts, with the known-hosts file {@code file}. */
    public static RemoteSettings withKnownHosts(Path file) {
        return new RemoteSettings(DEFAULT_CONNECT_TIMEOUT, DEFAULT_AUTH_TIMEOUT, DEFAULT_KEEP_ALIVE_INTERVAL, file);
    }

    /**
     * The default timeouts, with the known-hosts file {@value #KNOWN_HOSTS_FILE_NAME} in this
     * bundle's state location in the workspace ({@code .metadata/.plugins/org.sstpdoctor.remote/}).
     *
     * @throws IllegalStateException when the platform has no workspace (instance location)
     */
    public static RemoteSettings defaults() {
        Path state = Platform.getStateLocation(FrameworkUtil.getBundle(RemoteSettings.class)).toPath();
        return withKnownHosts(state.resolve(KNOWN_HOSTS_FILE_NAME));
    }

    /**
     * The WinRM HTTPS certificates a person trusted, in the folder of {@link #knownHostsFile()}
     * ({@value org.sstpdoctor.remote.winrm.TrustedCertificates#FILE_NAME}).
     */
    public Path trustedCertificatesFile() {
        return knownHostsFile.toAbsolutePath()
                .resolveSibling(org.sstpdoctor.remote.winrm.TrustedCertificates.FILE_NAME);
    }

    /** These settings with another connect timeout. */
    public RemoteSettings withConnectTimeout(Duration timeout) {
        return new RemoteSettings(timeout, authTimeout, keepAliveInterval, knownHostsFile);
    }

    /** These settings with another authentication timeout. */
    public RemoteSettings withAuthTimeout(Duration timeout) {
        return new RemoteSettings(connectTimeout, timeout, keepAliveInterval, knownHostsFile);
    }

    /** These settings with another keep-alive interval. */
    public RemoteSettings withKeepAliveInterval(Duration interval) {
        return new RemoteSettings(connectTimeout, authTimeout, interval, knownHostsFile);
    }

    private static void check(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero() || value.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(name + " is above zero and at most " + MAX + ": " + value);
        }
    }
}
