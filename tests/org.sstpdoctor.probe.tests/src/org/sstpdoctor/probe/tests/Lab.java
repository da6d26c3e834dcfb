package org.sstpdoctor.probe.tests;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.sstpdoctor.pki.CertificateAuthority;
import org.sstpdoctor.pki.LabPki;
import org.sstpdoctor.pki.TrustStore;
import org.sstpdoctor.probe.ClientFetchers;
import org.sstpdoctor.probe.PkiCertificateAssessor;
import org.sstpdoctor.probe.ProbeResult;
import org.sstpdoctor.probe.ProbeTarget;
import org.sstpdoctor.probe.tests.SstpResponder.Mode;

/**
 * The lab PKI of the certificate tests, minted once per run: a root the clients trust, an issuing
 * CA under it, and a root nobody trusts. Servers are real JSSE responders on loopback presenting
 * certificates issued by them.
 */
final class Lab {

    /** Serves the root's CRL, which lists nothing: the issuing CA's revocation status is good. */
    static final HttpPeer ROOT_CRL_SERVER = startRootCrlServer();
    static final CertificateAuthority ROOT = LabPki.rootCa("CN=SSTP Doctor Probe Test Root, O=SSTP Doctor Lab")
            .build();
    static final CertificateAuthority ISSUING = ROOT.intermediate("CN=SSTP Doctor Probe Issuing CA, O=SSTP Doctor Lab")
            .crlDistributionPoints(ROOT_CRL_SERVER.url("/root.crl")).build();
    static {
        try {
            ROOT_CRL_SERVER.bytes("/root.crl", "application/pkix-crl", ROOT.crl().build().getEncoded());
        } catch (java.security.cert.CRLException e) {
            throw new IllegalStateException(e);
        }
    }
    static final CertificateAuthority FOREIGN_ROOT = LabPki.rootCa("CN=Someone Else's Root, O=Elsewhere").build();

    /** Short download limits, so that a server that is down fails fast. */
    static final Duration FETCH_CONNECT = Duration.ofMillis(800);
    static final Duration FETCH_TIMEOUT = Duration.ofMillis(2000);

    private Lab() {
    }

    private static HttpPeer startRootCrlServer() {
        try {
            return new HttpPeer();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the lab's CRL server cannot start", e);
        }
    }

    /** The clients' trust: the lab root only. */
    static TrustStore clientTrust() {
        return TrustStore.of("the test clients' roots", List.of(ROOT.certificate()));
    }

    static Instant daysFromNow(long days) {
        return Instant.now().plus(Duration.ofDays(days));
    }

    /** An assessor judging against the lab root, downloading with short limits through {@code fetchers}. */
    static PkiCertificateAssessor assessor(ClientFetchers fetchers) {
        return new PkiCertificateAssessor(clientTrust(), fetchers);
    }

    /** Probes {@code host} at a responder acknowledging calls with {@code identity}. */
    static ProbeResult probe(TestCertificates.Identity identity, String host) throws Exception {
        try (SstpResponder responder = SstpResponder.start(Mode.ACK, identity)) {
            return Probes.probe(ProbeTarget.of(host, responder.port()), Probes.FAST);
        }
    }
}
