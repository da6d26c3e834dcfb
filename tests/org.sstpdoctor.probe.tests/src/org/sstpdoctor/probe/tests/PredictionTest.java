package org.sstpdoctor.probe.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sstpdoctor.probe.AddressProbe;
import org.sstpdoctor.probe.CertificateAssessor;
import org.sstpdoctor.probe.PredictedError;
import org.sstpdoctor.probe.ProbeOutcome;
import org.sstpdoctor.probe.ProbeResult;
import org.sstpdoctor.probe.ProbeSettings;
import org.sstpdoctor.probe.ProbeStep;
import org.sstpdoctor.probe.ProbeTarget;
import org.sstpdoctor.probe.StepKind;
import org.sstpdoctor.probe.tests.SstpResponder.Mode;

/**
 * The prediction combines the network outcome with the certificate's verdict, the certificate
 * first; and a transcript tells the whole story.
 */
@Timeout(30)
class PredictionTest {

    /** The rule of KB947031 scenario 5 in its simplest form: a self-issued leaf is not trusted by the clients. */
    private static final CertificateAssessor SELF_ISSUED_IS_UNTRUSTED = (target, tls) -> {
        var leaf = tls.leaf();
        if (leaf.getIssuerX500Principal().equals(leaf.getSubjectX500Principal())) {
            return Optional.of(new PredictedError(0x800B0109, 5, "the clients do not trust the root "
                    + leaf.getIssuerX500Principal().getName(), List.of(), true));
        }
        return Optional.empty();
    };

    @Test
    void aCertificateErrorComesBeforeWhatTheServerAnswersAfterTheHandshake() throws Exception {
        try (SstpResponder nak = SstpResponder.start(Mode.NAK)) {
            ProbeResult r = Probes.probe(nak.port());
            assertEquals("0x800704C9", r.predictedError().codeText());
            PredictedError withCertificate = r.predictedError(SELF_ISSUED_IS_UNTRUSTED);
            assertEquals("0x800B0109", withCertificate.codeText());
            assertTrue(withCertificate.certificateAssessed());
            assertTrue(r.transcript(SELF_ISSUED_IS_UNTRUSTED).contains("predicted client error: 0x800B0109"));
        }
    }

    @Test
    void anAcceptedChainLeavesTheNetworkPrediction() throws Exception {
        try (SstpResponder ack = SstpResponder.start(Mode.ACK, TestCertificates.caSigned("localhost"))) {
            ProbeResult r = Probes.probe(ack.port());
            PredictedError p = r.predictedError(SELF_ISSUED_IS_UNTRUSTED);
            assertNull(p.code(), p.toString());
            assertTrue(p.certificateAssessed());
            assertFalse(r.predictedError().certificateAssessed());
        }
    }

    @Test
    void withoutAChainTheAssessorIsNotAsked() throws Exception {
        ProbeResult r = Probes.probe(ProbeTarget.of("127.0.0.1", NetworkFailureTest.closedPort()), Probes.FAST);
        PredictedError p = r.predictedError((target, tls) -> {
            throw new AssertionError("asked without a chain");
        });
        assertEquals(809, p.code());
        assertFalse(p.certificateAssessed());
    }

    @Test
    void theTranscriptTellsEveryStepWithItsTimingAndBytes() throws Exception {
        try (SstpResponder ack = SstpResponder.start(Mode.ACK)) {
            ProbeResult r = Probes.probe(ack.port());
            String t = r.transcript();
            for (String expected : List.of("SSTP probe of localhost:" + ack.port() + " (direct)", "DNS", "TCP", "TLS",
                    "HTTP", "SSTP request", "SSTP answer", "disconnect", "SNI localhost, ALPN none",
                    "SSTP_DUPLEX_POST /sra_{BA195980-CD49-458b-9E23-C84EE0ADCD75}/", "-> HTTP/1.1 200",
                    "Content-Length: 18446744073709551615", "10 01 00 0e 00 01 00 01 00 01 00 06 00 01",
                    "SSTP_MSG_CALL_CONNECT_ACK (48 bytes); Crypto Binding Request: hash SHA256 (bitmask 0x02)",
                    "10 01 00 30 00 02 00 01 00 04 00 28 00 00 00 02", "SSTP_MSG_CALL_DISCONNECT_ACK",
                    "outcome: SSTP_ACK", "predicted client error: none")) {
                assertTrue(t.contains(expected), "missing \"" + expected + "\" in\n" + t);
            }
            for (ProbeStep s : r.steps()) {
                assertFalse(s.start().isNegative());
                assertFalse(s.duration().isNegative());
            }
            List<ProbeStep> steps = r.steps();
            for (int i = 1; i < steps.size(); i++) {
                assertTrue(steps.get(i).start().compareTo(steps.get(i - 1).start()) >= 0, "steps in time order");
            }
        }
    }

    @Test
    void addressesThatDisagreeAreReported() throws Exception {
        InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("192.0.2.10"), 443);
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("2001:db8::10"), 443);
        ProbeStep dns = new ProbeStep(StepKind.DNS, null, Duration.ZERO, Duration.ofMillis(1), ProbeStep.Status.OK,
                "vpn.example.test -> 192.0.2.10, 2001:db8::10", "");
        AddressProbe ok = new AddressProbe(v4, List.of(), ProbeOutcome.of(ProbeOutcome.Kind.SSTP_ACK,
                StepKind.SSTP_ANSWER, "acknowledged"), null, null, null, null, List.of(), List.of(), 0, 0);
        AddressProbe refused = new AddressProbe(v6, List.of(), ProbeOutcome.of(ProbeOutcome.Kind.REFUSED,
                StepKind.TCP, "refused"), null, null, null, null, List.of(), List.of(), 0, 0);
        ProbeResult r = new ProbeResult(ProbeTarget.of("vpn.example.test"), ProbeSettings.DEFAULT, Instant.now(),
                Duration.ofMillis(5), dns, List.of(v4.getAddress(), v6.getAddress()), List.of(refused, ok),
                ProbeOutcome.of(ProbeOutcome.Kind.SSTP_ACK, StepKind.SSTP_ANSWER, "acknowledged"));
        assertTrue(r.addressesDisagree());
        assertEquals(ok, r.primary(), "a client follows the address that connects");
        assertTrue(r.transcript().contains("the addresses disagree: 2001:db8:0:0:0:0:0:10 gave REFUSED, 192.0.2.10 "
                + "gave SSTP_ACK"), r.transcript());
    }
}
