package org.sstpdoctor.pki;

import java.security.cert.X509Certificate;

/**
 * One certificate of a built chain and where it came from.
 *
 * @param certificate the certificate
 * @param origin      presented by the server, fetched via AIA, or taken from the trust store
 * @param trustAnchor whether it is the trusted certificate the chain ends at
 */
public record ChainElement(X509Certificate certificate, Origin origin, boolean trustAnchor) {

    /** Where a chain element came from. */
    public enum Origin {
        /** The server presented it. */
        PRESENTED,
        /** Fetched from an AIA caIssuers URL of the certificate below it. */
        FETCHED_VIA_AIA,
        /** Taken from the trust store (the server did not present it). */
        TRUST_STORE
    }

    public String subject() {
        return certificate.getSubjectX500Principal().toString();
    }
}
