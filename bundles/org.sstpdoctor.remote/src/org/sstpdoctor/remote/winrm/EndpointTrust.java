package org.sstpdoctor.remote.winrm;

import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The trust for one WinRM HTTPS endpoint: the chain must verify against the given trust and match the host name, or
 * its leaf must be one a person trusted. Remembers the last chain presented and why it was refused, for the trust
 * callback.
 */
final class EndpointTrust extends X509ExtendedTrustManager {

    private final X509TrustManager delegate;
    private final String host;
    private final List<X509Certificate> trusted = new CopyOnWriteArrayList<>();
    private final String pinned;
    private volatile List<X509Certificate> lastChain = List.of();
    private volatile String lastProblem;
    private volatile boolean changed;

    /**
     * @param pinned the SHA-256 (hex) of the one certificate a person trusted for this endpoint, or null; when set,
     *               only that certificate is accepted
     */
    EndpointTrust(X509TrustManager given, String host, List<X509Certificate> trustedLeaves, String pinned)
            throws GeneralSecurityException {
        this.delegate = given != null ? given : defaultTrust();
        this.host = host;
        this.trusted.addAll(trustedLeaves);
        this.pinned = pinned == null ? null : pinned.toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether the last chain was refused because it is not the certificate trusted for this endpoint. */
    boolean changed() {
        return changed;
    }

    private static X509TrustManager defaultTrust() throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init((KeyStore) null);
        for (TrustManager tm : f.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("the Java runtime has no X.509 trust manager");
    }

    void trustLeaf(X509Certificate leaf) {
        trusted.add(leaf);
    }

    List<X509Certificate> lastChain() {
        return lastChain;
    }

    String lastProblem() {
        return lastProblem;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType);
    }

    private void check(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server presented no certificate");
        }
        lastChain = List.copyOf(Arrays.asList(chain));
        lastProblem = null;
        changed = false;
        for (X509Certificate t : trusted) {
            if (t.equals(chain[0])) {
                return; // a person trusted exactly this certificate for this endpoint
            }
        }
        if (pinned != null) {
            String actual = CertificateInfo.sha256Hex(chain[0]);
            if (actual.equals(pinned)) {
                return; // the certificate a person trusted earlier
            }
            changed = true;
            lastProblem = "the certificate changed since it was trusted (trusted SHA-256 "
                    + CertificateInfo.colons(pinned) + ", now " + CertificateInfo.colons(actual) + ", "
                    + chain[0].getSubjectX500Principal().getName() + ")";
            throw new CertificateException(lastProblem);
        }
        try {
            delegate.checkServerTrusted(chain.clone(), authType);
        } catch (CertificateException e) {
            lastProblem = "the certificate chain does not verify against the trusted roots (" + e.getMessage() + ")";
            throw e;
        }
        if (!matchesHost(chain[0], host)) {
            lastProblem = "the certificate is not issued to " + host;
            throw new CertificateException(lastProblem);
        }
    }

    /** RFC 6125 matching: subject alternative names only; one wildcard, as the whole left-most label. */
    static boolean matchesHost(X509Certificate cert, String host) throws CertificateParsingException {
        Collection<List<?>> names = cert.getSubjectAlternativeNames();
        if (names == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        boolean ip = h.indexOf(':') >= 0 || h.matches("[0-9.]+");
        for (List<?> n : names) {
            int type = (Integer) n.get(0);
            String value = String.valueOf(n.get(1)).toLowerCase(Locale.ROOT);
            if (ip && type == 7) {
                try {
                    if (InetAddress.getByName(value).equals(InetAddress.getByName(h))) {
                        return true;
                    }
                } catch (java.net.UnknownHostException e) {
                    // a literal that does not parse cannot match
                }
            } else if (!ip && type == 2) {
                if (value.equals(h)) {
                    return true;
                }
                if (value.startsWith("*.") && value.indexOf('*', 1) < 0) {
                    int dot = h.indexOf('.');
                    if (dot > 0 && h.substring(dot).equals(value.substring(1)) && value.chars().filter(c -> c == '.')
                            .count() >= 2) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("a WinRM client does not accept clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("a WinRM client does not accept clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a WinRM client does not accept clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
