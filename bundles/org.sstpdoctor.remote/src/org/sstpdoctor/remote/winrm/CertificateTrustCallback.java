package org.sstpdoctor.remote.winrm;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Asked when the certificate a WinRM HTTPS endpoint presents is not trusted. The callback shows the chain to a person
 * and answers; the caller stores a "trust" answer (the leaf certificate) and passes it back on later connections with
 * {@link WinRmSettings.Builder#trustedCertificate(X509Certificate)}. The headless default, {@link #REFUSE}, trusts
 * nothing.
 */
@FunctionalInterface
public interface CertificateTrustCallback {

    /** Trusts nothing: the safe answer without a person. */
    CertificateTrustCallback REFUSE = (endpoint, chain, problem) -> false;

    /**
     * @param endpoint the endpoint that presented the chain
     * @param chain    the chain as presented, leaf first
     * @param problem  why it is not trusted (chain, validity or host name), in words
     * @return whether to trust the leaf certificate for this endpoint
     */
    boolean trust(URI endpoint, List<X509Certificate> chain, String problem);
}
