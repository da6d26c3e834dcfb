package org.sstpdoctor.probe.tests;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.inventory.ServerConfig;
import org.sstpdoctor.core.tests.contract.EvidenceContext;
import org.sstpdoctor.pki.IssuedCertificate;
import org.sstpdoctor.pki.RevocationReason;
import org.sstpdoctor.probe.AddressProbe;
import org.sstpdoctor.probe.ClientFetchers;
import org.sstpdoctor.probe.PkiCertificateAssessor;
import org.sstpdoctor.probe.ProbeResult;
import org.sstpdoctor.probe.ProbeStep;
import org.sstpdoctor.probe.ProbeTarget;
import org.sstpdoctor.probe.StepKind;
import org.sstpdoctor.probe.evidence.NetworkEvidence;
import org.sstpdoctor.probe.evidence.NetworkEvidenceProvider;
import org.sstpdoctor.probe.tests.SstpResponder.Mode;

/**
 * Network evidence of real servers on loopback, for the checkers' contract tests: each case is
 * probed once per run (the responder then closed) and its evidence reused, since a contract test
 * asks for its contexts many times and from many threads.
 */
final class Evidences {

    /** The cases, each a server that is healthy or broken in one way. */
    enum Case {
        HEALTHY, NAME_NOT_RESOLVED, REFUSED, TLS_VERSION_MISMATCH, NO_CERTIFICATE, EXPIRED_AND_MISNAMED,
        EXPIRING_SOON, REVOKED, CALL_REFUSED, REVERSE_PROXY, FAMILIES_DIFFER
    }

    private static final Map<Case, NetworkEvidence> MADE = new ConcurrentHashMap<>();
    private static final HttpPeer CRLS = start();
    private static final ClientFetchers FETCHERS = ClientFetchers.create(Lab.FETCH_CONNECT, Lab.FETCH_TIMEOUT);

    private Evidences() {
    }

    private static HttpPeer start() {
        try {
            HttpPeer peer = new HttpPeer();
            peer.bytes("/good.crl", "application/pkix-crl", Lab.ISSUING.crl().build().getEncoded());
            return peer;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static PkiCertificateAssessor assessor() {
        return Lab.assessor(FETCHERS);
    }

    /** A context for the server of {@code c}, holding its network evidence. */
    static EvidenceContext context(Case c) {
        NetworkEvidence e = evidence(c);
        ProbeTarget t = e.probe().target();
        return new EvidenceContext(server(t.host(), t.port())).with(NetworkEvidenceProvider.ID, e);
    }

    /** A server of the inventory (its file a handle only) for {@code host} and {@code port}. */
    static Server server(String host, int port) {
        IFile file = ResourcesPlugin.getWorkspace().getRoot().getProject("ProbeCheckerTests")
                .getFile(host.replace(':', '_') + "-" + port + ".server");
        return new Server(file, host, "", new ServerConfig(host, port, ManagementChannel.NONE, List.of(), "", ""),
                null);
    }

    static NetworkEvidence evidence(Case c) {
        return MADE.computeIfAbsent(c, k -> {
            try {
                return make(k);
            } catch (Exception e) {
                throw new IllegalStateException("the evidence of " + k + " could not be gathered", e);
            }
        });
    }

    /** A healthy server's certificate for localhost, its revocation good. */
    static IssuedCertificate healthyCertificate() {
        return Lab.ISSUING.issue("localhost").dnsNames("localhost").crlDistributionPoints(CRLS.url("/good.crl"))
                .build();
    }

    private static NetworkEvidence make(Case c) throws Exception {
        return switch (c) {
            case HEALTHY -> probe(Mode.ACK, TestCertificates.of(healthyCertificate()), "localhost");
            case NAME_NOT_RESOLVED -> NetworkEvidence.of(Probes.probe(ProbeTarget.of("vpn.sstpdoctor.invalid", 443),
                    Probes.FAST), assessor());
            case REFUSED -> NetworkEvidence.of(Probes.probe(ProbeTarget.of("127.0.0.1",
                    NetworkFailureTest.closedPort()), Probes.FAST), assessor());
            case TLS_VERSION_MISMATCH -> {
                try (SstpResponder r = SstpResponder.start(Mode.ACK, TestCertificates.of(healthyCertificate()),
                        "TLSv1.3")) {
                    yield NetworkEvidence.of(Probes.probe(ProbeTarget.of("localhost", r.port()),
                            Probes.FAST.withTlsProtocols("TLSv1.2")), assessor());
                }
            }
            case NO_CERTIFICATE -> probe(Mode.RESET_IN_HANDSHAKE, null, "localhost");
            case EXPIRED_AND_MISNAMED -> probe(Mode.ACK, TestCertificates.of(Lab.ISSUING.issue("vpn.contoso.com")
                    .dnsNames("vpn.contoso.com").crlDistributionPoints(CRLS.url("/good.crl"))
                    .validity(Lab.daysFromNow(-400), Lab.daysFromNow(-2)).build()), "localhost");
            case EXPIRING_SOON -> probe(Mode.ACK, TestCertificates.of(Lab.ISSUING.issue("localhost")
                    .dnsNames("localhost").crlDistributionPoints(CRLS.url("/good.crl"))
                    .validity(Lab.daysFromNow(-300), Lab.daysFromNow(7)).build()), "localhost");
            case REVOKED -> {
                IssuedCertificate s = Lab.ISSUING.issue("localhost").dnsNames("localhost")
                        .crlDistributionPoints(CRLS.url("/revoked.crl")).build();
                CRLS.bytes("/revoked.crl", "application/pkix-crl", Lab.ISSUING.crl().revoke(s.certificate(),
                        Instant.now().minus(Duration.ofDays(1)), RevocationReason.KEY_COMPROMISE).build().getEncoded());
                yield probe(Mode.ACK, TestCertificates.of(s), "localhost");
            }
            case CALL_REFUSED -> probe(Mode.NAK, TestCertificates.of(healthyCertificate()), "localhost");
            case REVERSE_PROXY -> probe(Mode.HTTP_404, TestCertificates.of(healthyCertificate()), "localhost");
            case FAMILIES_DIFFER -> familiesDiffer();
        };
    }

    private static NetworkEvidence probe(Mode mode, TestCertificates.Identity identity, String host) throws Exception {
        try (SstpResponder r = identity == null ? SstpResponder.start(mode) : SstpResponder.start(mode, identity)) {
            return NetworkEvidence.of(Probes.probe(ProbeTarget.of(host, r.port()), Probes.FAST), assessor());
        }
    }

    /**
     * A name whose IPv4 and IPv6 addresses present different certificates. No name on this
     * machine resolves to both loopback addresses, so each address is probed for real and the two
     * attempts are put together as the probe of one name would have them.
     */
    private static NetworkEvidence familiesDiffer() throws Exception {
        InetAddress v4 = InetAddress.getByName("127.0.0.1");
        InetAddress v6 = InetAddress.getByName("::1");
        try (SstpResponder a = SstpResponder.start(Mode.ACK, TestCertificates.of(healthyCertificate()), v4, 0);
                SstpResponder b = SstpResponder.start(Mode.ACK, TestCertificates.of(Lab.ISSUING.issue("localhost")
                        .dnsNames("localhost").crlDistributionPoints(CRLS.url("/good.crl")).build()), v6,
                        0)) {
            ProbeResult r4 = Probes.probe(ProbeTarget.of("127.0.0.1", a.port()), Probes.FAST);
            ProbeResult r6 = Probes.probe(ProbeTarget.of("::1", b.port()), Probes.FAST);
            AddressProbe p4 = r4.primary();
            AddressProbe p6 = r6.primary();
            ProbeStep dns = new ProbeStep(StepKind.DNS, null, Duration.ZERO, Duration.ofMillis(1), ProbeStep.Status.OK,
                    "localhost -> 127.0.0.1, ::1 (put together from two probes)", "");
            ProbeResult both = new ProbeResult(ProbeTarget.of("localhost", a.port()),
                    Probes.FAST.withAddresses(Probes.FAST.addressFamilies(), true), r4.startedAt(),
                    r4.duration().plus(r6.duration()), dns, List.of(v4, v6), List.of(p4, p6), p4.outcome());
            return NetworkEvidence.of(both, assessor());
        }
    }
}
