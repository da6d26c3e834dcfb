package org.sstpdoctor.remote.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.client.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * The MINA SSHD clients the SSH channels share: one per keep-alive interval (MINA reads it when a
 * session is created, from the client), so in practice one. Each is set up to use nothing of the
 * user's own SSH configuration: no {@code ~/.ssh/config}, no {@code ~/.ssh/id_*} keys, no agent,
 * no {@code ~/.ssh/known_hosts}. Host keys are checked per connection ({@link ConnectionState});
 * timeouts are the channel's, so MINA's own are set beyond them.
 */
public final class SshClients {

    /** After this many unanswered keep-alive requests, the connection is dropped. */
    public static final int KEEP_ALIVE_MAX_UNANSWERED = 3;

    private static final Duration BEYOND_ANY_TIMEOUT = Duration.ofMinutes(30);
    private static final Map<Duration, SshClient> CLIENTS = new HashMap<>();

    private SshClients() {
    }

    /** The started client whose sessions send keep-alive requests every {@code keepAlive}. */
    public static synchronized SshClient shared(Duration keepAlive) {
        SshClient client = CLIENTS.get(keepAlive);
        if (client == null || !client.isStarted()) {
            client = SshClient.setUpDefaultClient();
            client.setServerKeyVerifier(ConnectionState::verify);
            client.addSessionListener(ConnectionState.LISTENER);
            client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
            client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
            client.setFilePasswordProvider(FilePasswordProvider.EMPTY);
            client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE,
                    UserAuthKeyboardInteractiveFactory.INSTANCE, UserAuthPasswordFactory.INSTANCE));
            CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, keepAlive);
            CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, KEEP_ALIVE_MAX_UNANSWERED);
            CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, BEYOND_ANY_TIMEOUT);
            CoreModuleProperties.AUTH_TIMEOUT.set(client, BEYOND_ANY_TIMEOUT);
            CoreModuleProperties.CHANNEL_OPEN_TIMEOUT.set(client, BEYOND_ANY_TIMEOUT);
            client.start();
            CLIENTS.put(keepAlive, client);
        }
        return client;
    }

    /** Stops every client and closes their sessions; the next {@link #shared} starts a new one. */
    public static synchronized void stopAll() {
        for (SshClient client : CLIENTS.values()) {
            client.stop();
        }
        CLIENTS.clear();
    }
}
