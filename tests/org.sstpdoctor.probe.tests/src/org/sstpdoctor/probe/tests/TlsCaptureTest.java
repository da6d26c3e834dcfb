package org.sstpdoctor.probe.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sstpdoctor.probe.PredictedError;
import org.sstpdoctor.probe.ProbeOutcome;
import org.sstpdoctor.probe.ProbeResult;
import org.sstpdoctor.probe.ProbeTarget;
import org.sstpdoctor.probe.TlsInfo;
import org.sstpdoctor.probe.tests.SstpResponder.Mode;
import org.sstpdoctor.probe.tests.TestCertificates.Identity;

/**
 * The TLS step captures the chain a server presents, whatever it is, without judging it, and
 * without weakening trust for any other connection.
 */
@Timeout(30)
class TlsCaptureTest {

    @Test
    void anUntrustedSelfSignedChainIsCapturedAndSaidNotToBeValidated() throws Exception {
        Identity id = TestCertificates.selfSigned("vpn.untrusted.test");
        try (SstpResponder responder = SstpResponder.start(Mode.ACK, id)) {
            ProbeResult r = Probes.probe(responder.port());
            assertEquals(ProbeOutcome.Kind.SSTP_ACK, r.outcome().kind(), Probes.why(r));
            TlsInfo tls = r.tls();
            assertTrue(tls.handshakeCompleted());
            assertArrayEquals(id.chain(), tls.presentedChain());
            assertFalse(tls.chainValidated());
            assertEquals("TLSv1.3", tls.protocol());
            assertTrue(tls.cipherSuite().startsWith("TLS_"), tls.cipherSuite());
            assertEquals("localhost", tls.sniHostName());
            assertNull(tls.alpn());
            String transcript = r.transcript();
            assertTrue(transcript.contains("captured, not validated by the probe"), transcript);
            assertTrue(transcript.contains("CN=vpn.untrusted.test"), transcript);
            PredictedError p = r.predictedError();
            assertFalse(p.certificateAssessed());
            assertTrue(p.tellApart().stream().anyMatch(t -> t.contains("0x800B0109")), p.tellApart().toString());
        }
    }

    @Test
    void aChainIsCapturedInTheOrderPresented() throws Exception {
        Identity id = TestCertificates.caSigned("vpn.chain.test");
        try (SstpResponder responder = SstpResponder.start(Mode.ACK, id)) {
            ProbeResult r = Probes.probe(responder.port());
            X509Certificate[] chain = r.presentedChain();
            assertEquals(2, chain.length, Probes.why(r));
            assertEquals(id.chain()[0], chain[0]);
            assertEquals(id.chain()[1], chain[1]);
            assertEquals("EC", chain[0].getPublicKey().getAlgorithm());
        }
    }

    @Test
    void theChainIsCapturedEvenWhenTheCallFailsAfterwards() throws Exception {
        Identity id = TestCertificates.selfSigned("vpn.reverse-proxy.test");
        try (SstpResponder responder = SstpResponder.start(Mode.HTTP_404, id)) {
            ProbeResult r = Probes.probe(responder.port());
            assertEquals("HTTP_STATUS(404)", r.outcome().toString());
            assertArrayEquals(id.chain(), r.presentedChain());
        }
    }

    @Test
    void noServerNameIsSentForAnAddress() throws Exception {
        try (SstpResponder responder = SstpResponder.start(Mode.ACK)) {
            ProbeResult r = Probes.probe(ProbeTarget.of("127.0.0.1", responder.port()), Probes.FAST);
            assertEquals(ProbeOutcome.Kind.SSTP_ACK, r.outcome().kind(), Probes.why(r));
            assertNull(r.tls().sniHostName());
            assertTrue(responder.requests().get(0).contains("\r\nHost: 127.0.0.1:" + responder.port() + "\r\n"));
        }
    }

    @Test
    void theJvmsOwnTrustIsUntouched() throws Exception {
        Identity id = TestCertificates.selfSigned("vpn.untrusted.test");
        try (SstpResponder responder = SstpResponder.start(Mode.ACK, id)) {
            assertEquals(ProbeOutcome.Kind.SSTP_ACK, Probes.probe(responder.port()).outcome().kind());
            // after the probe accepted the chain, the default context still rejects it
            try (SSLSocket s = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket()) {
                s.connect(new InetSocketAddress("127.0.0.1", responder.port()), 2000);
                s.setSoTimeout(5000);
                assertThrows(SSLHandshakeException.class, s::startHandshake);
            }
        }
    }

    @Test
    void aServerThatOnlySpeaksTls13RefusesAClientOfferingTls12() throws Exception {
        try (SstpResponder responder = SstpResponder.start(Mode.ACK, TestCertificates.selfSigned("localhost"),
                "TLSv1.3")) {
            ProbeResult r = Probes.probe(ProbeTarget.of("localhost", responder.port()),
                    Probes.FAST.withTlsProtocols("TLSv1.2"));
            assertEquals("TLS_FAILED(protocol_version)", r.outcome().toString(), Probes.why(r));
            PredictedError p = r.predictedError();
            assertEquals(PredictedError.TLS_ILLEGAL_MESSAGE, p.code());
            assertEquals("0x80090326", p.codeText());
            assertTrue(p.cause().contains("TLS hardening mismatch"), p.cause());
            assertTrue(p.tellApart().stream().anyMatch(t -> t.contains("this probe offered TLSv1.2")),
                    p.tellApart().toString());
            assertNull(r.tls(), "no certificate is presented before the version is agreed");
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = { "TLSv1.3", "TLSv1.2" })
    void aServerLimitedToTheNistCurvesIsReachedWithASecondOfferOfEveryGroup(String version) throws Exception {
        try (SstpResponder responder = SstpResponder.startWithGroups(Mode.ACK, TestCertificates.selfSigned("localhost"),
                new String[] { version }, "secp256r1")) {
            ProbeResult r = Probes.probe(responder.port());
            assertEquals(ProbeOutcome.Kind.SSTP_ACK, r.outcome().kind(), Probes.why(r));
            assertEquals(version, r.tls().protocol());
            assertEquals(2, responder.connections(), "one connection offering x25519, one offering every group");
            assertTrue(r.transcript().contains("offering one key share (x25519): "), r.transcript());
            assertTrue(r.transcript().contains("trying again with every group this client supports"), r.transcript());
        }
    }

    @Test
    void aServerWithX25519IsReachedWithOneOffer() throws Exception {
        try (SstpResponder responder = SstpResponder.start(Mode.ACK)) {
            ProbeResult r = Probes.probe(responder.port());
            assertEquals(ProbeOutcome.Kind.SSTP_ACK, r.outcome().kind(), Probes.why(r));
            assertEquals(1, responder.connections());
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = { "TLSv1.3", "TLSv1.2" })
    void noSessionIsEverResumedEveryProbeSeesTheChain(String version) throws Exception {
        try (SstpResponder responder = SstpResponder.start(Mode.ACK, TestCertificates.selfSigned("localhost"),
                version)) {
            for (int i = 0; i < 3; i++) {
                ProbeResult r = Probes.probe(responder.port());
                assertEquals(ProbeOutcome.Kind.SSTP_ACK, r.outcome().kind(), Probes.why(r));
                // the chain comes from a full handshake: the trust manager saw it (a resumed session
                // would carry the old peer certificates, with no authentication type)
                assertFalse(r.tls().authType().isEmpty(), "probe " + i + " resumed a session: " + r.tls());
                assertEquals(1, r.presentedChain().length);
            }
        }
    }

    @Test
    void aServerWithoutACertificateIsTheNoCertificateCase() throws Exception {
        try (SstpResponder responder = SstpResponder.start(Mode.RESET_IN_HANDSHAKE)) {
            ProbeResult r = Probes.probe(responder.port());
            assertEquals(ProbeOutcome.Kind.NO_CERTIFICATE, r.outcome().kind(), Probes.why(r));
            assertEquals(0, r.presentedChain().length);
            PredictedError p = r.predictedError();
            assertEquals("0x80070040", p.codeText());
            assertEquals(3, p.scenario());
            assertTrue(p.tellApart().stream().anyMatch(t -> t.contains("netsh http show sslcert")), p.toString());
        }
    }
}
