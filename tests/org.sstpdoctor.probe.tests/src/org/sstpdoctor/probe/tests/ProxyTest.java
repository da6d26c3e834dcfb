package org.sstpdoctor.probe.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sstpdoctor.probe.PredictedError;
import org.sstpdoctor.probe.ProbeOutcome;
import org.sstpdoctor.probe.ProbeResult;
import org.sstpdoctor.probe.ProbeStep;
import org.sstpdoctor.probe.ProbeTarget;
import org.sstpdoctor.probe.StepKind;
import org.sstpdoctor.probe.tests.SstpResponder.Mode;

/** SSTP through an HTTP proxy with CONNECT, as the KB says clients may use one. */
@Timeout(30)
class ProxyTest {

    @Test
    void theWholeHandshakeWorksThroughAConnectProxy() throws Exception {
        try (SstpResponder responder = SstpResponder.start(Mode.ACK); ConnectProxy proxy = new ConnectProxy(false)) {
            ProbeTarget target = ProbeTarget.of("localhost", responder.port()).viaProxy("127.0.0.1", proxy.port());
            ProbeResult r = Probes.probe(target, Probes.FAST);
            assertEquals(ProbeOutcome.Kind.SSTP_ACK, r.outcome().kind(), Probes.why(r));
            assertEquals(List.of(StepKind.TCP, StepKind.PROXY, StepKind.TLS, StepKind.HTTP, StepKind.SSTP_REQUEST,
                    StepKind.SSTP_ANSWER, StepKind.DISCONNECT),
                    r.primary().steps().stream().map(ProbeStep::kind).toList(), Probes.why(r));
            assertEquals(proxy.port(), r.primary().address().getPort());
            String connect = proxy.requests().get(0);
            assertTrue(connect.startsWith("CONNECT localhost:" + responder.port() + " HTTP/1.1\r\n"), connect);
            assertTrue(connect.contains("\r\nHost: localhost:" + responder.port() + "\r\n"), connect);
            assertEquals(200, r.primary().proxyAnswer().status());
            assertEquals("localhost", r.tls().sniHostName());
            assertTrue(r.transcript().contains("through the HTTP proxy 127.0.0.1:" + proxy.port()), Probes.why(r));
        }
    }

    @Test
    void aProxyDemandingAuthenticationIsReportedAsSuch() throws Exception {
        try (ConnectProxy proxy = new ConnectProxy(true)) {
            ProbeTarget target = ProbeTarget.of("vpn.example.test").viaProxy("127.0.0.1", proxy.port());
            ProbeResult r = Probes.probe(target, Probes.FAST);
            assertEquals(ProbeOutcome.Kind.PROXY_AUTH_REQUIRED, r.outcome().kind(), Probes.why(r));
            assertEquals(407, r.outcome().code());
            assertEquals(StepKind.PROXY, r.outcome().step());
            assertTrue(r.outcome().message().contains("Basic realm=\"test\""), r.outcome().message());
            assertNull(r.tls());
            PredictedError p = r.predictedError();
            assertNull(p.code(), "no Windows code is known for it: " + p);
            assertTrue(p.cause().contains("requires authentication (407)"), p.cause());
            assertTrue(p.cause().contains("event 23"), p.cause());
        }
    }

    @Test
    void aProxyThatIsNotThereIsRefused() throws Exception {
        int closed = NetworkFailureTest.closedPort();
        ProbeResult r = Probes.probe(ProbeTarget.of("vpn.example.test").viaProxy("127.0.0.1", closed), Probes.FAST);
        assertEquals(ProbeOutcome.Kind.REFUSED, r.outcome().kind(), Probes.why(r));
        assertTrue(r.predictedError().cause().contains("the proxy 127.0.0.1:" + closed), r.predictedError().cause());
    }
}
