package org.sstpdoctor.pki.tests;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.sstpdoctor.pki.CertificateAuthority;
import org.sstpdoctor.pki.LabPki;
import org.sstpdoctor.pki.TrustStore;

/** Certificates minted once per test run with the lab generator: a root, an issuing CA, a foreign root. */
final class TestPki {

    /** The moment every test judges validity at. */
    static final Instant NOW = Instant.now();

    static final CertificateAuthority ROOT = LabPki.rootCa("CN=SSTP Doctor Test Root, O=SSTP Doctor Lab").build();
    static final CertificateAuthority ISSUING = ROOT.intermediate("CN=SSTP Doctor Test Issuing CA, O=SSTP Doctor Lab")
            .build();
    /** A root the clients do not trust. */
    static final CertificateAuthority FOREIGN_ROOT = LabPki.rootCa("CN=Someone Else's Root, O=Elsewhere").build();

    private TestPki() {
    }

    /** The clients' trust: the test root only. */
    static TrustStore clientTrust() {
        return TrustStore.of("test clients' roots", List.of(ROOT.certificate()));
    }

    static Instant daysFromNow(long days) {
        return NOW.plus(Duration.ofDays(days));
    }

    /** {@code c} with one bit of its signature flipped. */
    static X509Certificate tamperSignature(X509Certificate c) throws Exception {
        byte[] der = c.getEncoded();
        der[der.length - 3] ^= 0x01;
        return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(der));
    }
}
