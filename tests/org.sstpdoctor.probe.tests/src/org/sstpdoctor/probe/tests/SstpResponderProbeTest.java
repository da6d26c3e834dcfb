package org.sstpdoctor.probe.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sstpdoctor.probe.AddressProbe;
import org.sstpdoctor.probe.PredictedError;
import org.sstpdoctor.probe.ProbeOutcome;
import org.sstpdoctor.probe.ProbeResult;
import org.sstpdoctor.probe.ProbeStep;
import org.sstpdoctor.probe.ProbeTarget;
import org.sstpdoctor.probe.StepKind;
import org.sstpdoctor.probe.sstp.SstpAttribute;
import org.sstpdoctor.probe.sstp.SstpAttribute.CryptoBindingRequest;
import org.sstpdoctor.probe.sstp.SstpMessageType;
import org.sstpdoctor.probe.sstp.SstpPacket;
import org.sstpdoctor.probe.tests.SstpResponder.Mode;

/**
 * The probe against a real MS-SSTP responder on loopback, in each of its modes: the exact
 * outcome, the predicted client error, an end within the configured limits, and bounded reads.
 */
@Timeout(30)
class SstpResponderProbeTest {

    /** The read timeout of {@link Probes#FAST} plus the slack a loaded 2-core machine needs. */
    private static final Duration WITHIN = Probes.FAST.readTimeout().plusMillis(1500);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ACK                | SSTP_ACK                                                       | SSTP_ANSWER |
            ACK_THEN_LCP       | SSTP_ACK                                                       | SSTP_ANSWER |
            NAK                | SSTP_NAK                                                       | SSTP_ANSWER | 0x800704C9
            NAK_PROTOCOL       | SSTP_NAK                                                       | SSTP_ANSWER | 0x800704C9
            ABORT              | SSTP_ABORT                                                     | SSTP_ANSWER | 0x800704C9
            BAD_VERSION        | MALFORMED(Version: expected 0x10 (SSTP 1.0), found 0x20)       | SSTP_ANSWER | 809
            HTTP_404           | HTTP_STATUS(404)                                               | HTTP        | 809
            CLOSE_AFTER_TLS    | CLOSED                                                         | HTTP        | 809
            SILENT_TCP         | TIMEOUT                                                        | TLS         | 809
            SILENT_HTTP        | TIMEOUT                                                        | HTTP        | 809
            TRICKLE_HTTP       | TIMEOUT                                                        | HTTP        | 809
            LENGTH_4095_HOLD   | TIMEOUT                                                        | SSTP_ANSWER | 809
            LENGTH_4095_CLOSE  | MALFORMED(truncated SSTP packet (7 of 4095 bytes))             | SSTP_ANSWER | 809
            HUGE_HEADERS       | MALFORMED(HTTP response head over 16384 bytes)                 | HTTP        | 809
            RESET_IN_HANDSHAKE | NO_CERTIFICATE                                                 | TLS         | 0x80070040
            """)
    void eachModeGivesItsOutcomeAndPredictionWithinTheLimits(Mode mode, String outcome, StepKind step, String code)
            throws Exception {
        try (SstpResponder responder = SstpResponder.start(mode)) {
            long start = System.nanoTime();
            ProbeResult r = Probes.probe(responder.port());
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertEquals(outcome, r.outcome().toString(), Probes.why(r));
            assertEquals(step, r.outcome().step(), Probes.why(r));
            PredictedError predicted = r.predictedError();
            assertEquals(code == null ? "" : code, predicted.codeText(), Probes.why(r));
            assertTrue(took.compareTo(WITHIN) < 0, "took " + took + Probes.why(r));
            assertTrue(r.duration().compareTo(WITHIN) < 0, "took " + r.duration() + Probes.why(r));
            AddressProbe a = r.primary();
            // bounded reads: never more than the header limit, an SSTP packet and a few TLS records
            assertTrue(a.bytesReceived() < 64 * 1024, a.bytesReceived() + " bytes read" + Probes.why(r));
            assertEquals(List.of(), responder.failures(), "what the responder found wrong in the probe's requests");
            ProbeStep last = a.steps().get(a.steps().size() - 1);
            assertTrue(r.outcome().reachedSstp() || last.status() == ProbeStep.Status.FAILED, Probes.why(r));
        }
    }

    @Test
    void anAckIsReadCompletelyAndTheCallIsDisconnectedCleanly() throws Exception {
        try (SstpResponder responder = SstpResponder.start(Mode.ACK)) {
            ProbeResult r = Probes.probe(responder.port());
            AddressProbe a = r.primary();
            assertEquals(ProbeOutcome.Kind.SSTP_ACK, r.outcome().kind(), Probes.why(r));

            CryptoBindingRequest cbr = a.cryptoBindingRequest().orElseThrow();
            assertEquals(SstpAttribute.HASH_SHA256, cbr.hashProtocolBitmask());
            assertArrayEquals(responder.lastNonce(), cbr.nonce());
            SstpPacket ack = a.received().get(0);
            assertEquals(48, ack.length());
            assertEquals(SstpMessageType.CALL_CONNECT_ACK, ack.messageType());

            assertEquals(List.of(SstpMessageType.CALL_CONNECT_REQUEST, SstpMessageType.CALL_DISCONNECT),
                    a.sent().stream().map(SstpPacket::messageType).toList());
            assertEquals(SstpMessageType.CALL_DISCONNECT_ACK, a.received().get(a.received().size() - 1).messageType());
            assertEquals(ProbeStep.Status.OK, a.step(StepKind.DISCONNECT).orElseThrow().status(), Probes.why(r));
            waitFor(() -> responder.disconnects() == 1);

            assertEquals(List.of(StepKind.TCP, StepKind.TLS, StepKind.HTTP, StepKind.SSTP_REQUEST,
                    StepKind.SSTP_ANSWER, StepKind.DISCONNECT), a.steps().stream().map(ProbeStep::kind).toList());
            assertEquals("10 01 00 0e 00 01 00 01 00 01 00 06 00 01",
                    a.step(StepKind.SSTP_REQUEST).orElseThrow().detail());
            assertEquals(200, a.http().status());
            PredictedError p = r.predictedError();
            assertNull(p.code(), p.toString());
            assertTrue(p.cause().contains("accepted the SSTP call"), p.cause());
        }
    }

    @Test
    void theRequestCarriesTheHeadersOfTheSpecification() throws Exception {
        try (SstpResponder responder = SstpResponder.start(Mode.ACK)) {
            Probes.probe(responder.port());
            String head = responder.requests().get(0);
            assertTrue(head.startsWith("SSTP_DUPLEX_POST /sra_{BA195980-CD49-458b-9E23-C84EE0ADCD75}/ HTTP/1.1\r\n"),
                    head);
            assertTrue(head.contains("\r\nHost: localhost:" + responder.port() + "\r\n"), head);
            assertTrue(head.contains("\r\nContent-Length: 18446744073709551615\r\n"), head);
            assertTrue(head.matches("(?s).*\r\nSSTPCORRELATIONID: \\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-"
                    + "[0-9A-F]{12}\\}\r\n.*"), head);
            assertTrue(head.endsWith("\r\n\r\n"), head);
        }
    }

    @Test
    void pppAfterTheAckIsRecordedAndTheProbeStopsThere() throws Exception {
        try (SstpResponder responder = SstpResponder.start(Mode.ACK_THEN_LCP)) {
            ProbeResult r = Probes.probe(responder.port());
            AddressProbe a = r.primary();
            assertEquals(1, a.dataPackets().size(), Probes.why(r));
            assertEquals("data packet (22 bytes): PPP LCP Configure-Request id 1", a.dataPackets().get(0).describe());
            ProbeStep disconnect = a.step(StepKind.DISCONNECT).orElseThrow();
            assertTrue(disconnect.summary().contains("PPP LCP Configure-Request"), disconnect.summary());
            assertTrue(r.transcript().contains("10 00 00 16 ff 03 c0 21 01 01 00 0e 01 04 05 dc"), Probes.why(r));
        }
    }

    @Test
    void aNakNamingAProtocolProblemSaysItIsNotALackOfPorts() throws Exception {
        try (SstpResponder nak = SstpResponder.start(Mode.NAK);
                SstpResponder protocol = SstpResponder.start(Mode.NAK_PROTOCOL)) {
            PredictedError plain = Probes.probe(nak.port()).predictedError();
            assertTrue(plain.tellApart().stream().noneMatch(t -> t.contains("not a lack of ports")), plain.toString());
            ProbeResult r = Probes.probe(protocol.port());
            assertEquals(1, r.primary().statusInfos().size());
            assertEquals(4, r.primary().statusInfos().get(0).status());
            PredictedError p = r.predictedError();
            assertEquals(1, p.scenario());
            assertTrue(p.cause().contains("ATTRIB_STATUS_VALUE_NOT_SUPPORTED"), p.cause());
            assertTrue(p.tellApart().stream().anyMatch(t -> t.contains("not a lack of ports")), p.tellApart().toString());
        }
    }

    @Test
    void aTrickleDoesNotExtendTheReadTimeout() throws Exception {
        try (SstpResponder responder = SstpResponder.start(Mode.TRICKLE_HTTP)) {
            ProbeResult r = Probes.probe(responder.port());
            assertEquals(ProbeOutcome.Kind.TIMEOUT, r.outcome().kind(), Probes.why(r));
            assertTrue(r.outcome().message().contains("within the read timeout of 2.5 s"), r.outcome().message());
            assertTrue(r.outcome().message().contains("bytes of an unfinished answer had arrived"),
                    r.outcome().message());
            ProbeStep http = r.primary().step(StepKind.HTTP).orElseThrow();
            assertTrue(http.duration().toMillis() >= 2400, http.duration() + Probes.why(r));
        }
    }

    @Test
    void anAnnouncedLengthThatNeverArrivesIsReportedWithTheBytesSeen() throws Exception {
        try (SstpResponder responder = SstpResponder.start(Mode.LENGTH_4095_HOLD)) {
            ProbeResult r = Probes.probe(responder.port());
            assertTrue(r.outcome().message().contains("7 of the 4095 bytes the SSTP Length field announced"),
                    r.outcome().message());
            assertTrue(r.transcript().contains("10 01 0f ff 00 02 00"), Probes.why(r));
        }
    }

    @Test
    void hundredMegabytesOfHeadersAreNotRead() throws Exception {
        try (SstpResponder responder = SstpResponder.start(Mode.HUGE_HEADERS)) {
            ProbeResult r = Probes.probe(responder.port());
            assertEquals("MALFORMED(HTTP response head over 16384 bytes)", r.outcome().toString(), Probes.why(r));
            long read = r.primary().bytesReceived();
            assertTrue(read < 16384 + 3 * (16384 + 256), read + " bytes read");
            waitFor(() -> responder.connections() == 1);
            // the responder stops writing when the probe hangs up, far short of 100 MB
            Thread.sleep(200);
            assertTrue(responder.bytesWritten() < 50L * 1024 * 1024, responder.bytesWritten() + " bytes written");
        }
    }

    @Test
    void theHeadCheckOfALoadBalancerMonitorExpects401() throws Exception {
        try (SstpResponder sstp = SstpResponder.start(Mode.ACK); SstpResponder proxy404 = SstpResponder.start(Mode.HTTP_404)) {
            ProbeResult healthy = Probes.probe(ProbeTarget.of("localhost", sstp.port()), Probes.FAST.withHeadCheck(true));
            ProbeStep head = healthy.primary().step(StepKind.HEAD_CHECK).orElseThrow();
            assertEquals(ProbeStep.Status.OK, head.status(), Probes.why(healthy));
            assertEquals(401, healthy.primary().headCheck().status());
            assertEquals(ProbeOutcome.Kind.SSTP_ACK, healthy.outcome().kind());
            assertTrue(sstp.requests().stream().anyMatch(q -> q.startsWith("HEAD /sra_{BA195980-CD49-458b-9E23-"
                    + "C84EE0ADCD75}/ HTTP/1.1\r\n")), sstp.requests().toString());

            ProbeResult proxied = Probes.probe(ProbeTarget.of("localhost", proxy404.port()),
                    Probes.FAST.withHeadCheck(true));
            ProbeStep warn = proxied.primary().step(StepKind.HEAD_CHECK).orElseThrow();
            assertEquals(ProbeStep.Status.WARNING, warn.status(), Probes.why(proxied));
            assertTrue(warn.summary().contains("404"), warn.summary());
            assertNotNull(proxied.primary().headCheck());
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertTrue(condition.getAsBoolean(), "condition not met within 5 s");
    }
}
