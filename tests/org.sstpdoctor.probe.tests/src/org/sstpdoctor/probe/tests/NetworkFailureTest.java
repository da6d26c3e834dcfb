package org.sstpdoctor.probe.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sstpdoctor.probe.AddressFamilies;
import org.sstpdoctor.probe.PredictedError;
import org.sstpdoctor.probe.ProbeOutcome;
import org.sstpdoctor.probe.ProbeResult;
import org.sstpdoctor.probe.ProbeSettings;
import org.sstpdoctor.probe.ProbeStep;
import org.sstpdoctor.probe.ProbeTarget;
import org.sstpdoctor.probe.StepKind;

/** Failures before TLS: a name that does not resolve, a port nobody listens on, a SYN nobody answers. */
@Timeout(30)
class NetworkFailureTest {

    /** A loopback port that was free a moment ago and has no listener. */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Test
    void aClosedPortIsRefusedAndTheEvidenceToTellTheCausesApartIsNamed() throws Exception {
        int port = closedPort();
        ProbeResult r = Probes.probe(ProbeTarget.of("127.0.0.1", port), Probes.FAST);
        assertEquals("REFUSED", r.outcome().toString(), Probes.why(r));
        assertEquals(StepKind.TCP, r.outcome().step());
        assertTrue(r.duration().toMillis() < 2000, r.duration().toString());
        PredictedError p = r.predictedError();
        assertEquals(809, p.code());
        assertEquals(2, p.scenario());
        String tell = String.join("\n", p.tellApart());
        assertTrue(tell.contains("sc query remoteaccess") && tell.contains("sc query sstpsvc"), tell);
        assertTrue(tell.contains("netstat -aon | findstr :" + port), tell);
        assertTrue(tell.contains("Secure Socket Tunneling Protocol"), tell);
        assertTrue(r.transcript().contains("predicted client error: 809 (KB947031 scenario 2)"), Probes.why(r));
    }

    @Test
    void anUnansweredConnectionRequestIsATimeoutAtTcp() throws Exception {
        // A listener whose accept queue is full drops further SYNs, as a filtering firewall does.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            List<Socket> queued = new ArrayList<>();
            try {
                boolean dropping = false;
                for (int i = 0; i < 8 && !dropping; i++) {
                    Socket s = new Socket();
                    queued.add(s);
                    try {
                        s.connect(new InetSocketAddress("127.0.0.1", full.getLocalPort()), 300);
                    } catch (SocketTimeoutException e) {
                        dropping = true;
                    }
                }
                assumeTrue(dropping, "this kernel does not drop SYNs on a full accept queue");
                ProbeSettings settings = Probes.FAST.withTimeouts(Duration.ofMillis(800), Duration.ofSeconds(2),
                        Duration.ofSeconds(10));
                ProbeResult r = Probes.probe(ProbeTarget.of("127.0.0.1", full.getLocalPort()), settings);
                assertEquals("TIMEOUT", r.outcome().toString(), Probes.why(r));
                assertEquals(StepKind.TCP, r.outcome().step());
                assertTrue(r.outcome().message().contains("within the connect timeout of 800 ms"),
                        r.outcome().message());
                assertTrue(r.duration().toMillis() >= 790 && r.duration().toMillis() < 2000, r.duration().toString());
                PredictedError p = r.predictedError();
                assertEquals(809, p.code());
                assertTrue(p.tellApart().stream().anyMatch(t -> t.contains("firewall dropping")), p.toString());
            } finally {
                for (Socket s : queued) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aNameUnderTheInvalidTopLevelDomainDoesNotResolve() {
        ProbeResult r = Probes.probe(ProbeTarget.of("sstp-doctor-no-such-host.invalid"), Probes.FAST);
        assertEquals(ProbeOutcome.Kind.UNREACHABLE_DNS, r.outcome().kind(), Probes.why(r));
        assertEquals(StepKind.DNS, r.outcome().step());
        assertEquals(ProbeStep.Status.FAILED, r.dns().status());
        assertEquals(List.of(), r.attempts());
        assertTrue(r.outcome().message().contains("sstp-doctor-no-such-host.invalid does not resolve"),
                r.outcome().message());
        PredictedError p = r.predictedError();
        assertEquals(868, p.code(), "Windows reports an unresolvable server name as 868");
        assertTrue(r.transcript().contains("DNS"), Probes.why(r));
    }

    @Test
    void anAddressOfAnotherFamilyIsNotProbed() {
        ProbeResult r = Probes.probe(ProbeTarget.of("127.0.0.1", 443), Probes.FAST.withAddresses(AddressFamilies.IPV6,
                true));
        assertEquals(ProbeOutcome.Kind.UNREACHABLE_DNS, r.outcome().kind(), Probes.why(r));
        assertTrue(r.outcome().message().contains("none of them IPV6"), r.outcome().message());
    }

    @Test
    void everyAddressIsProbedWhenAsked() throws Exception {
        try (SstpResponder responder = SstpResponder.start(SstpResponder.Mode.ACK)) {
            ProbeResult r = Probes.probe(ProbeTarget.of("localhost", responder.port()),
                    Probes.FAST.withAddresses(AddressFamilies.ANY, true));
            assertEquals(r.addresses().size(), r.attempts().size(), Probes.why(r));
            assertTrue(r.attempts().stream().anyMatch(a -> a.outcome().kind() == ProbeOutcome.Kind.SSTP_ACK),
                    Probes.why(r));
            assertEquals(ProbeOutcome.Kind.SSTP_ACK, r.outcome().kind(), Probes.why(r));
        }
    }
}
