package org.sstpdoctor.probe.internal;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
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
 * <li>Each probe connection creates its own {@link SSLContext} with a fresh instance of this
 * trust manager ({@link #newContext()}). The context is private to the probe's internals, never
 * returned, cached, shared or installed as a default, so no other connection of the product (or
 * of any other bundle) can ever use it.</li>
 * <li>Over that connection the probe sends only what any anonymous client may send to a public
 * SSTP listener: the {@code SSTP_DUPLEX_POST} request (or a monitor's {@code HEAD}), a Call
 * Connect Request and a Call Disconnect. No credentials, no client certificate (the context has
 * no key manager), no PPP authentication, no user data: nothing an impostor could learn from.</li>
 * <li>The chain is captured in order to be judged afterwards, by the certificate analysis,
 * against the trust store the <em>clients</em> use; the probe's result says so
 * ({@link org.sstpdoctor.probe.TlsInfo#chainValidated()} is false). A fresh context per
 * connection also rules out TLS session resumption, so every probe sees the chain the server
 * presents now, not one cached from an earlier handshake.</li>
 * </ul>
 * The context performs no host name verification for the same reason (name matching is the
 * certificate analysis' job); everything else of TLS — the server's proof of possession of the
 * key (CertificateVerify / the key exchange signature), record integrity — is verified by JSSE
 * as usual.
 */
public final class CaptureTrustManager extends X509ExtendedTrustManager {

    private static final X509Certificate[] NONE = new X509Certificate[0];

    private volatile X509Certificate[] chain;
    private volatile String authType = "";

    /**
     * A new TLS client context whose only trust manager is a new capture trust manager, and no
     * key manager (the probe never presents a client certificate).
     */
    public static SSLContext newContext(CaptureTrustManager tm) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[0], new TrustManager[] { tm }, null);
        return context;
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

    private void capture(X509Certificate[] presented, String type) {
        chain = presented == null ? NONE : presented.clone();
        authType = type == null ? "" : type;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String type, Socket socket) {
        capture(presented, type);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String type, SSLEngine engine) {
        capture(presented, type);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String type) {
        capture(presented, type);
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
