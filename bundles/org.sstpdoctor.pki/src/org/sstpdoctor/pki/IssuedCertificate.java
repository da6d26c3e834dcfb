package org.sstpdoctor.pki;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.sstpdoctor.pki.internal.Certificates;

/**
 * A minted end-entity certificate with its key pair and its issuers.
 *
 * @param certificate the certificate
 * @param keyPair     its key pair
 * @param issuers     its issuing CA's chain, issuing CA first, root last (empty when self-signed)
 */
public record IssuedCertificate(X509Certificate certificate, KeyPair keyPair, List<X509Certificate> issuers) {

    public IssuedCertificate {
        issuers = List.copyOf(issuers);
    }

    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    /** The whole chain: the certificate, its issuers, the root. */
    public List<X509Certificate> chain() {
        List<X509Certificate> out = new ArrayList<>();
        out.add(certificate);
        out.addAll(issuers);
        return List.copyOf(out);
    }

    /** What a well-configured server presents: the certificate and its intermediates, not the root. */
    public List<X509Certificate> presentedChain() {
        List<X509Certificate> out = new ArrayList<>();
        out.add(certificate);
        for (X509Certificate c : issuers) {
            if (!Certificates.selfIssued(c)) {
                out.add(c);
            }
        }
        return List.copyOf(out);
    }
}
