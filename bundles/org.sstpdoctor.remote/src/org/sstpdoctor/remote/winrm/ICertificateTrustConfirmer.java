package org.sstpdoctor.remote.winrm;

/**
 * Asks a person whether to trust a WinRM HTTPS certificate that the Java runtime's trust does not accept (self-signed,
 * from a private CA, or issued to another name). It is called on the thread that opens the channel, during the TLS
 * set-up and before any credential is sent; the connection waits for the answer. A trusted certificate is kept (its
 * SHA-256, per host and port) in {@link TrustedCertificates}; a certificate that differs from the one kept is never
 * offered: it is refused without asking.
 *
 * <p>Headless code uses {@link #REFUSE}; the workbench registers a dialog as an OSGi service of this type.
 */
@FunctionalInterface
public interface ICertificateTrustConfirmer {

    /** Trusts no certificate: what headless code and tests get unless they choose otherwise. */
    ICertificateTrustConfirmer REFUSE = info -> false;

    /**
     * @param certificate the certificate, why it is not trusted, and where the decision will be kept
     * @return whether to trust it for this host and port from now on
     */
    boolean trustCertificate(CertificateInfo certificate);
}
