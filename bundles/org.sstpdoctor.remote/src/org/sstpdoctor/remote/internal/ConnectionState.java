package org.sstpdoctor.remote.internal;

import java.io.IOException;
import java.net.SocketAddress;
import java.security.PublicKey;

import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.sstpdoctor.remote.ssh.KnownHosts;

/**
 * What one connection learned during its SSH handshake: the host key the server presented, what
 * the known-hosts file says about it, and why the session ended if it did. The shared client
 * finds it in the connection's context, set before the connection starts, so no handshake can
 * run ahead of it.
 */
public final class ConnectionState {

    private static final AttributeKey<ConnectionState> KEY = new AttributeKey<>();

    /** The client's one host key verifier: asks the state of the connection; without one, refuses. */
    public static boolean verify(ClientSession session, SocketAddress remote, PublicKey key) {
        ConnectionState state = of(session);
        return state != null && state.verify(key);
    }

    /** The client's session listener: records why a session failed. */
    public static final SessionListener LISTENER = new SessionListener() {
        @Override
        public void sessionException(Session session, Throwable t) {
            ConnectionState state = of(session);
            if (state != null) {
                state.recordFailure(t);
            }
        }

        @Override
        public void sessionDisconnect(Session session, int reason, String msg, String language, boolean initiator) {
            ConnectionState state = of(session);
            if (state != null && !initiator) {
                state.recordFailure(new IOException("the server disconnected: " + msg));
            }
        }
    };

    private final KnownHosts knownHosts;
    private final String host;
    private final int port;

    private volatile PublicKey presented;
    private volatile KnownHosts.Verdict verdict;
    private volatile IOException knownHostsFailure;
    private volatile Throwable failure;

    public ConnectionState(KnownHosts knownHosts, String host, int port) {
        this.knownHosts = knownHosts;
        this.host = host;
        this.port = port;
    }

    /** The context to connect with. */
    public AttributeRepository context() {
        return AttributeRepository.ofKeyValuePair(KEY, this);
    }

    /**
     * Accepts a key on file, refuses a changed or revoked one, and accepts an unknown one only
     * provisionally: the channel asks a person before it sends any credential, and closes the
     * session if the answer is no.
     */
    private boolean verify(PublicKey key) {
        presented = key;
        try {
            KnownHosts.Verdict v = knownHosts.check(host, port, key);
            verdict = v;
            return v.status() == KnownHosts.Status.TRUSTED || v.status() == KnownHosts.Status.UNKNOWN;
        } catch (IOException e) {
            knownHostsFailure = e;
            return false;
        }
    }

    private void recordFailure(Throwable t) {
        if (failure == null) {
            failure = t;
        }
    }

    /** The host key the server presented, or null before the handshake got that far. */
    public PublicKey presentedKey() {
        return presented;
    }

    /** What the known-hosts file said about it, or null. */
    public KnownHosts.Verdict verdict() {
        return verdict;
    }

    /** Why the known-hosts file could not be read, or null. */
    public IOException knownHostsFailure() {
        return knownHostsFailure;
    }

    /** The first failure of the session, or null. */
    public Throwable failure() {
        return failure;
    }

    private static ConnectionState of(Session session) {
        if (session instanceof ClientSession client) {
            AttributeRepository context = client.getConnectionContext();
            return context == null ? null : context.getAttribute(KEY);
        }
        return null;
    }
}
