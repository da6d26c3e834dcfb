package org.sstpdoctor.probe;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What the TLS handshake showed: the parameters negotiated and the certificate chain the server
 * presented, exactly as presented (leaf first, in the server's order, possibly incomplete or
 * wrong).
 * <p>
 * The chain is captured, <b>not validated</b>: the probe accepts whatever the server presents so
 * that it can report it. Whether a Windows client would trust it (expiry, root, name, EKU,
 * revocation) is the certificate analysis' verdict, made afterwards on this chain.
 *
 * @param handshakeCompleted whether the handshake finished (false when it failed after the
 *                           certificate was received)
 * @param protocol           the negotiated version, e.g. {@code TLSv1.3}, or null when not completed
 * @param cipherSuite        the negotiated suite, e.g. {@code TLS_AES_256_GCM_SHA384}, or null
 * @param sniHostName        the server name sent in the SNI extension, or null when none was sent
 *                           (the target is an IP address)
 * @param alpn               the application protocol negotiated, or null for none (the probe offers
 *                           none, as a Windows SSTP client does)
 * @param offeredProtocols   the TLS versions the probe offered
 * @param authType           the key exchange / authentication type JSSE reported with the chain
 * @param presentedChain     the chain as presented; empty when the server presented none
 */
public record TlsInfo(boolean handshakeCompleted, String protocol, String cipherSuite, String sniHostName, String alpn,
        List<String> offeredProtocols, String authType, X509Certificate[] presentedChain) {

    public TlsInfo {
        offeredProtocols = List.copyOf(offeredProtocols);
        presentedChain = presentedChain == null ? new X509Certificate[0] : presentedChain.clone();
        authType = authType == null ? "" : authType;
    }

    /** The chain as presented, leaf first (a copy). */
    @Override
    public X509Certificate[] presentedChain() {
        return presentedChain.clone();
    }

    /** The server's own certificate, or null when none was presented. */
    public X509Certificate leaf() {
        return presentedChain.length == 0 ? null : presentedChain[0];
    }

    /** Whether the server presented at least one certificate. */
    public boolean certificatePresented() {
        return presentedChain.length > 0;
    }

    /**
     * Always false: the probe captures the chain without judging it. The certificate analysis
     * validates it against the clients' trust store.
     */
    public boolean chainValidated() {
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TlsInfo t && t.handshakeCompleted == handshakeCompleted
                && Objects.equals(t.protocol, protocol) && Objects.equals(t.cipherSuite, cipherSuite)
                && Objects.equals(t.sniHostName, sniHostName) && Objects.equals(t.alpn, alpn)
                && t.offeredProtocols.equals(offeredProtocols) && t.authType.equals(authType)
                && Arrays.equals(t.presentedChain, presentedChain);
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocol, cipherSuite, sniHostName) * 31 + Arrays.hashCode(presentedChain);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append(handshakeCompleted ? protocol + " " + cipherSuite : "handshake not completed");
        b.append(", SNI ").append(sniHostName == null ? "none" : sniHostName);
        b.append(", ALPN ").append(alpn == null ? "none" : alpn);
        b.append(", ").append(presentedChain.length).append(presentedChain.length == 1 ? " certificate" : " certificates")
                .append(" presented (not validated)");
        return b.toString();
    }
}
