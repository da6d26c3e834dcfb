package org.sstpdoctor.probe;

import java.util.Optional;

/**
 * Judges the certificate chain a server presented the way a Windows SSTP client would:
 * validity (0x800B0101), trusted root (0x800B0109), host name (0x800B010F), revocation
 * (0x80092013, 0x80092010), Server Authentication EKU (809). The certificate analysis
 * implements it; the probe itself never judges a certificate.
 * <p>
 * A client validates the chain during the TLS handshake, before any HTTP or SSTP is spoken, so a
 * certificate error, when there is one, is what the client shows, whatever the server would have
 * answered afterwards.
 */
@FunctionalInterface
public interface CertificateAssessor {

    /**
     * The error the client would show because of the certificate chain in {@code tls}, or empty
     * when the chain would be accepted.
     *
     * @param target the target as the VPN connection names it (the name the certificate must match)
     * @param tls    the handshake, with the chain as presented (at least one certificate)
     */
    Optional<PredictedError> assess(ProbeTarget target, TlsInfo tls);
}
