package org.sstpdoctor.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.sstpdoctor.probe.sstp.SstpAttribute;
import org.sstpdoctor.probe.sstp.SstpAttribute.StatusInfo;
import org.sstpdoctor.probe.sstp.SstpStatus;

/**
 * Predicts the error a Windows SSTP client would show from what the probe saw on the network,
 * and, given a {@link CertificateAssessor}, from the certificate chain the server presented.
 * <p>
 * Where one symptom has several causes that the network cannot tell apart (a refused
 * connection: RemoteAccess stopped, nothing listening on the port, or a firewall), the
 * prediction lists the evidence that would: mostly commands to run on the server.
 */
public final class ErrorPredictor {

    private ErrorPredictor() {
    }

    /**
     * The prediction for {@code result}.
     *
     * @param certificates judges the presented chain, or null to predict from the network alone
     */
    public static PredictedError predict(ProbeResult result, CertificateAssessor certificates) {
        AddressProbe primary = result.primary();
        TlsInfo tls = primary == null ? null : primary.tls();
        boolean chain = tls != null && tls.certificatePresented();
        if (chain && certificates != null) {
            Optional<PredictedError> verdict = certificates.assess(result.target(), tls);
            if (verdict.isPresent() && verdict.get().isError()) {
                return verdict.get().withCertificateAssessed(true);
            }
        }
        PredictedError network = network(result);
        if (!chain) {
            return network.withCertificateAssessed(false);
        }
        if (certificates != null) {
            return network.withCertificateAssessed(true);
        }
        List<String> tell = new ArrayList<>(network.tellApart());
        tell.add("The presented certificate chain is not judged yet: an expired certificate (0x800B0101), a root "
                + "the clients do not trust (0x800B0109), a name that does not match " + result.target().host()
                + " (0x800B010F) or a revocation check that cannot complete (0x80092013) would come first.");
        return new PredictedError(network.code(), network.scenario(), network.cause(), tell, false);
    }

    /** The prediction from the network alone (the certificate chain not judged). */
    public static PredictedError network(ProbeResult result) {
        ProbeOutcome o = result.outcome();
        ProbeTarget t = result.target();
        int port = t.port();
        String where = t.proxy() == null ? t.authority() : "the proxy " + t.proxy();
        return switch (o.kind()) {
            case UNREACHABLE_DNS -> error(PredictedError.ERROR_868, 0,
                    "The name " + (t.proxy() == null ? t.host() : t.proxy().host()) + " does not resolve: " + o.message(),
                    "Resolve the name from the clients' network (nslookup " + t.host()
                            + "): split-horizon DNS often answers only inside.",
                    "Check the public DNS zone holds an A (and AAAA) record for the name.");
            case REFUSED -> error(PredictedError.ERROR_809, 2,
                    "Nothing accepted the TCP connection to " + where + ": " + o.message(),
                    "RemoteAccess or SstpSvc stopped: run `sc query remoteaccess` and `sc query sstpsvc` on the server.",
                    "Not listening on port " + port + ": `netstat -aon | findstr :" + port
                            + "` on the server should show 0.0.0.0:" + port + " and [::]:" + port
                            + "; the SstpSvc\\Parameters ListenerPort registry value names the port.",
                    "Remote access disabled on the server (RRAS not configured for VPN).",
                    "A firewall rejecting the connection: the Windows Firewall rule group \"Secure Socket Tunneling "
                            + "Protocol\" on the server, or a firewall in front of it; a probe from another network tells.");
            case TIMEOUT -> timeout(o, where, port);
            case UNREACHABLE -> error(PredictedError.ERROR_809, 2,
                    "No route to " + where + ": " + o.message(),
                    "Routing from the clients' network to the address (traceroute).",
                    "Whether the address is the server's public address (NAT, load balancer).");
            case RESET, CLOSED -> error(PredictedError.ERROR_809, 2,
                    "The connection to " + where + " was " + (o.kind() == ProbeOutcome.Kind.RESET ? "reset" : "closed")
                            + " during the " + o.step().label() + " step: " + o.message(),
                    "Whether SstpSvc owns the port: `netstat -aon | findstr :" + port
                            + "` and the PID of SstpSvc in Task Manager (another HTTPS service may hold it).",
                    "The http.sys SSL binding on 0.0.0.0:" + port + " and [::]:" + port
                            + ": `netsh http show sslcert`.",
                    "A TLS-terminating device (load balancer, SSL inspection) in front of the server that cannot "
                            + "carry SSTP_DUPLEX_POST.");
            case PROXY_AUTH_REQUIRED -> new PredictedError(null, 0,
                    "The HTTP proxy " + t.proxy() + " requires authentication (407); the Windows SSTP client "
                            + "logs RasSstp event 23 and does not connect through it.",
                    List.of("Whether the clients really need this proxy (WinHTTP proxy settings: `netsh winhttp show proxy`).",
                            "Whether the proxy can exempt " + t.authority() + " from authentication."),
                    false);
            case PROXY_FAILED -> new PredictedError(null, 0,
                    "The HTTP proxy " + t.proxy() + " did not open a tunnel to " + t.authority() + ": " + o.message(),
                    List.of("The proxy's rules for CONNECT to port " + port + " and its log for the request.",
                            "Whether the proxy resolves and reaches " + t.host() + " itself."),
                    false);
            case TLS_FAILED -> error(PredictedError.TLS_ILLEGAL_MESSAGE, 0,
                    "The TLS handshake failed (" + o.argument() + "): " + o.message() + "."
                            + (hardening(o.argument()) ? " This is the TLS hardening mismatch: the server and the "
                                    + "client share no TLS version or cipher suite." : ""),
                    "The TLS versions enabled on the server: the SCHANNEL\\Protocols registry keys "
                            + "(HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols).",
                    "The cipher suites enabled on the server (`Get-TlsCipherSuite`) and their order policy.",
                    "The versions the clients offer (this probe offered " + offered(result) + ").",
                    "An SSL inspection device in the path that answers with its own policy.");
            case NO_CERTIFICATE -> error(PredictedError.NO_CERTIFICATE, 3,
                    "The server ended the TLS handshake without presenting a certificate: " + o.message(),
                    "No certificate bound for SSTP: `netsh http show sslcert` shows no binding on 0.0.0.0:" + port
                            + " / [::]:" + port + ".",
                    "No certificate with Server Authentication EKU and its private key in the computer store "
                            + "(RasSstp event 11 in the System log).",
                    "The SSTP certificate was removed after it was configured (RasSstp event 25).");
            case HTTP_STATUS -> error(PredictedError.ERROR_809, 2,
                    "Something other than an SSTP listener answered SSTP_DUPLEX_POST with HTTP " + o.code() + serverHeader(result)
                            + ": a reverse proxy, a web server or a gateway owns " + where + ".",
                    "Which process owns the port on the server: `netstat -aon | findstr :" + port
                            + "` against the PID of SstpSvc (IIS, RD Gateway, Essentials share 443).",
                    "A reverse proxy or load balancer in front that does not pass SSTP_DUPLEX_POST with Content-Length "
                            + "2^64-1 through; a healthy SSTP listener answers HEAD " + "/sra_{...}/ with 401.");
            case MALFORMED -> error(PredictedError.ERROR_809, 2,
                    "The answer is not MS-SSTP as a Windows client expects (" + o.argument() + "): " + o.message(),
                    "A device between client and server rewriting or terminating the connection (TLS offload, SSL "
                            + "inspection): compare the certificate served here with the server's Sha256CertificateHash.",
                    "A service other than SstpSvc answering on the port: `netstat -aon | findstr :" + port + "`.");
            case SSTP_ACK -> new PredictedError(null, 0,
                    "The server accepted the SSTP call (Call Connect Ack with a Crypto Binding Request): the network "
                            + "path and the SSTP listener work; what remains is PPP authentication and crypto binding.",
                    List.of(), false);
            case SSTP_NAK, SSTP_ABORT, SSTP_DISCONNECT -> refusedCall(result, o);
            case CANCELLED -> new PredictedError(null, 0, "The probe was cancelled: " + o.message(), List.of(), false);
            case ERROR -> new PredictedError(null, 0, "The probe could not run: " + o.message(), List.of(), false);
        };
    }

    private static PredictedError timeout(ProbeOutcome o, String where, int port) {
        if (o.step() == StepKind.TCP || o.step() == StepKind.DNS) {
            return error(PredictedError.ERROR_809, 2,
                    "No answer to the TCP connection to " + where + ": " + o.message(),
                    "A firewall dropping the connection: the Windows Firewall rule group \"Secure Socket Tunneling "
                            + "Protocol\", RRAS inbound filters on the public interface, or a firewall in front of the server.",
                    "The server or its address down: whether it answers on other ports from the same network.",
                    "Whether the address is right (a stale DNS record, NAT without a port forward for " + port + ").");
        }
        if (o.step() == StepKind.PROXY) {
            return new PredictedError(null, 0, "The HTTP proxy accepted the connection but did not answer CONNECT: "
                    + o.message(), List.of("The proxy's log for the CONNECT request and its upstream timeout.",
                            "Whether the proxy reaches the server itself (it resolves and connects on the client's behalf)."),
                    false);
        }
        return error(PredictedError.ERROR_809, 2,
                "The server accepted the connection but did not complete the " + o.step().label() + " step: " + o.message(),
                "SstpSvc hung or overloaded: its state (`sc query sstpsvc`) and RasSstp events 22 (could not accept "
                        + "connections) in the System log.",
                "A device in the path (load balancer, TLS offload, SSL inspection) holding the connection.");
    }

    private static PredictedError refusedCall(ProbeResult result, ProbeOutcome o) {
        List<StatusInfo> statuses = result.primary() == null ? List.of() : result.primary().statusInfos();
        List<String> tell = new ArrayList<>();
        tell.add("The number of SSTP ports against those in use: RRAS > Ports > WAN Miniport (SSTP) maximum ports "
                + "(128 by default) and the connected calls (`Get-RemoteAccessConnectionStatistics`).");
        String statusText = "";
        for (StatusInfo s : statuses) {
            statusText += (statusText.isEmpty() ? " Status: " : "; ") + SstpStatus.describe(s.status()) + " about "
                    + SstpAttribute.idName(s.attribId());
            if (s.status() != SstpStatus.NO_ERROR.code()) {
                tell.add("The server named a protocol problem (" + SstpStatus.describe(s.status())
                        + "), not a lack of ports: the Call Connect Request it refused is in the transcript.");
            }
        }
        tell.add("RasSstp and RemoteAccess events in the server's System log at the time of the probe.");
        String what = switch (o.kind()) {
            case SSTP_NAK -> "refused the SSTP call with a Call Connect Nak";
            case SSTP_ABORT -> "aborted the SSTP call (Call Abort)";
            default -> "answered the Call Connect Request with Call Disconnect";
        };
        return new PredictedError(PredictedError.NO_PORTS, 1, "The server " + what
                + ": most often no SSTP port is free." + statusText, tell, false);
    }

    private static boolean hardening(String alert) {
        return alert.startsWith("handshake_failure") || alert.startsWith("protocol_version")
                || alert.startsWith("insufficient_security");
    }

    private static String offered(ProbeResult result) {
        return String.join(", ", result.settings().tlsProtocols());
    }

    private static String serverHeader(ProbeResult result) {
        AddressProbe p = result.primary();
        if (p == null || p.http() == null) {
            return "";
        }
        return p.http().header("Server").map(s -> " (Server: " + s + ")").orElse("");
    }

    private static PredictedError error(int code, int scenario, String cause, String... tellApart) {
        return new PredictedError(code, scenario, cause, List.of(tellApart), false);
    }
}
