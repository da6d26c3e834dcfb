package org.sstpdoctor.probe.internal;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Records the certificate chain a server presents during the probe's TLS handshake, and
 * rejects nothing, so that the probe can report an expired, self-signed, misnamed or otherwise
 * untrusted chain instead of failing on it.
 * <p>
 * <b>Why accepting every chain is safe here, and only here.</b> The rule of the product is that
 * trust is never switched off for anything else; this class is the one exception, and it is
 * fenced in:
 * <ul>
 * <li>The probe's TLS client context ({@link #context()}) is created once, with this trust
 * manager as its only one, and is private to the probe's internals: never returned to a caller
 * outside them, never installed as a default, so no other connection of the product (or of any
 * other bundle) can ever use it. A handshake over any socket the probe did not register with
 * {@link #capture(SSLSocket)} is refused.</li>
 * <li>Over its connections the probe sends only what any anonymous client may send to a public
 * SSTP listener: the {@code SSTP_DUPLEX_POST} request (or a monitor's {@code HEAD}), a Call
 * Connect Request and a Call Disconnect. No credentials, no client certificate (the context has
 * no key manager), no PPP authentication, no user data: nothing an impostor could learn from.</li>
 * <li>The chain is captured in order to be judged afterwards, by the certificate analysis,
 * against the trust store the <em>clients</em> use; the probe's result says so
 * ({@link org.sstpdoctor.probe.TlsInfo#chainValidated()} is false).</li>
 * <li>No TLS session is ever resumed: each connection is given a peer name of its own
 * ({@link #sessionKey()}), the key of the client session cache, so no later handshake finds a
 * session to resume, and every probe sees the chain the server presents now, not one cached from
 * an earlier handshake. The cache keeps at most a few sessions, never reused.</li>
 * </ul>
 * The context performs no host name verification for the same reason (name matching is the
 * certificate analysis' job); everything else of TLS — the server's proof of possession of the
 * key (CertificateVerify / the key exchange signature), record integrity — is verified by JSSE
 * as usual.
 */
public final class CaptureTrustManager extends X509ExtendedTrustManager {

    private static final X509Certificate[] NONE = new X509Certificate[0];
    private static final CaptureTrustManager INSTANCE = new CaptureTrustManager();
    private static final AtomicLong CONNECTIONS = new AtomicLong();
    private static volatile SSLContext context;

    private final Map<Socket, Capture> open = new ConcurrentHashMap<>();

    private CaptureTrustManager() {
    }

    /** What the handshake of one registered connection presented. */
    public static final class Capture implements AutoCloseable {
        private final Socket socket;
        private volatile X509Certificate[] chain;
        private volatile String authType = "";

        private Capture(Socket socket) {
            this.socket = socket;
        }

        /** The chain the server presented, leaf first; null when it presented none. */
        public X509Certificate[] chain() {
            X509Certificate[] c = chain;
            return c == null ? null : c.clone();
        }

        /** The authentication type JSSE reported with the chain, or empty. */
        public String authType() {
            return authType;
        }

        /** Ends the registration: the connection's handshake is over (or failed). */
        @Override
        public void close() {
            INSTANCE.open.remove(socket, this);
        }
    }

    /**
     * The probe's TLS client context: this trust manager, no key manager (the probe never
     * presents a client certificate), a client session cache that is never hit. One for the
     * whole runtime: creating a context per connection costs more than a probe's own work.
     */
    public static SSLContext context() throws GeneralSecurityException {
        SSLContext c = context;
        if (c == null) {
            synchronized (CaptureTrustManager.class) {
                c = context;
                if (c == null) {
                    c = SSLContext.getInstance("TLS");
                    c.init(new KeyManager[0], new TrustManager[] { INSTANCE }, null);
                    c.getClientSessionContext().setSessionCacheSize(16);
                    context = c;
                }
            }
        }
        return c;
    }

    /**
     * A peer name unique to one connection, for {@link javax.net.ssl.SSLSocketFactory#createSocket(Socket,
     * String, int, boolean)}: the key of the client session cache, so that no session is ever
     * resumed. It is not sent (the probe sets the SNI itself) and never resolved.
     */
    public static String sessionKey() {
        return "sstp-probe-connection-" + CONNECTIONS.incrementAndGet() + ".invalid";
    }

    /** Registers {@code socket}: the chain its handshake presents is recorded in the returned capture. */
    public static Capture capture(SSLSocket socket) {
        Capture c = new Capture(socket);
        INSTANCE.open.put(socket, c);
        return c;
    }

    private void capture(X509Certificate[] presented, String type, Socket socket) throws CertificateException {
        Capture c = socket == null ? null : open.get(socket);
        if (c == null) {
            throw new CertificateException("a connection the probe did not register: refused");
        }
        c.chain = presented == null ? NONE : presented.clone();
        c.authType = type == null ? "" : type;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String type, Socket socket)
            throws CertificateException {
        capture(presented, type, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String type, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("the probe's capture context serves registered sockets only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String type) throws CertificateException {
        throw new CertificateException("the probe's capture context serves registered sockets only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] presented, String type, Socket socket)
            throws CertificateException {
        throw new CertificateException("the probe's capture context is a TLS client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] presented, String type, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("the probe's capture context is a TLS client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] presented, String type) throws CertificateException {
        throw new CertificateException("the probe's capture context is a TLS client only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NONE;
    }
}
