package org.sstpdoctor.kb947031.tests;

import java.security.cert.X509Certificate;

import org.sstpdoctor.pki.IssuedCertificate;
import org.sstpdoctor.probe.tests.TestCertificates;

/** The identities the kb947031 tests' TLS + MS-SSTP responders present (the probe tests' responder). */
final class Identities {

    private Identities() {
    }

    /** The certificate with its issuers and root: a server that sends its whole chain. */
    static TestCertificates.Identity withRoot(IssuedCertificate issued) {
        return new TestCertificates.Identity(issued.privateKey(), issued.chain().toArray(X509Certificate[]::new));
    }
}
