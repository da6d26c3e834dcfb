package org.sstpdoctor.probe.internal.checks;

import java.net.Inet6Address;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.Severity;
import org.sstpdoctor.pki.Thumbprints;
import org.sstpdoctor.probe.AddressProbe;
import org.sstpdoctor.probe.ProbeOutcome;
import org.sstpdoctor.probe.ProbeResult;
import org.sstpdoctor.probe.evidence.NetworkEvidence;
import org.sstpdoctor.probe.evidence.NetworkFindings;

/**
 * Whether every address of the server's name answers alike. Another HTTPS service on the box (IIS,
 * RD Gateway, Essentials) that owns port 443 on one address family with its own certificate, or
 * http.sys bindings for 0.0.0.0 and [::] that hold different certificates, make IPv4 and IPv6
 * clients meet different certificates, or one family fail where the other works. Warnings: a
 * client connects or fails depending on its family.
 */
public final class AddressFamiliesChecker extends NetworkChecker {

    @Override
    protected List<Finding> findings(NetworkEvidence e) {
        ProbeResult r = e.probe();
        List<AddressProbe> attempts = r.attempts();
        if (attempts.size() < 2) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        String port = Integer.toString(r.target().port());
        Map<X509Certificate, List<String>> byLeaf = new LinkedHashMap<>();
        for (AddressProbe a : attempts) {
            X509Certificate leaf = a.tls() == null ? null : a.tls().leaf();
            if (leaf != null) {
                byLeaf.computeIfAbsent(leaf, k -> new ArrayList<>()).add(address(a));
            }
        }
        if (byLeaf.size() > 1) {
            StringBuilder which = new StringBuilder();
            for (Map.Entry<X509Certificate, List<String>> en : byLeaf.entrySet()) {
                which.append(which.isEmpty() ? "" : "; ").append(String.join(", ", en.getValue()))
                        .append(en.getValue().size() == 1 ? " presents " : " present ")
                        .append(en.getKey().getSubjectX500Principal().getName()).append(" (SHA-256 ")
                        .append(Thumbprints.sha256(en.getKey())).append(')');
            }
            out.add(finding(NetworkFindings.ADDRESSES_PRESENT_DIFFERENT_CERTIFICATES, Severity.WARNING, null, 0,
                    "The addresses of " + r.target().host() + " present different certificates, so clients meet one "
                            + "or the other depending on their address family: " + which + ".",
                    List.of("`netsh http show sslcert` on the server: the bindings on 0.0.0.0:" + port + " and [::]:"
                            + port + " must hold the same certificate hash (RasSstp event 24: the IPv4 and IPv6 "
                            + "bindings differ).",
                            "Another HTTPS service (IIS, RD Gateway, Essentials) may own port " + port + " on one "
                                    + "family with its own certificate: `netstat -aon | findstr :" + port
                                    + "` against the PID of SstpSvc.",
                            "A renewal that rebound only one family: the SstpSvc Sha256CertificateHash names the one "
                                    + "SSTP expects."),
                    which.toString(), e));
        }
        Map<String, List<String>> byOutcome = new LinkedHashMap<>();
        for (AddressProbe a : attempts) {
            ProbeOutcome o = a.outcome();
            byOutcome.computeIfAbsent(o.toString(), k -> new ArrayList<>()).add(address(a));
        }
        if (byOutcome.size() > 1) {
            StringBuilder which = new StringBuilder();
            for (Map.Entry<String, List<String>> en : byOutcome.entrySet()) {
                which.append(which.isEmpty() ? "" : "; ").append(String.join(", ", en.getValue())).append(" gave ")
                        .append(en.getKey());
            }
            out.add(finding(NetworkFindings.ADDRESSES_ANSWER_DIFFERENTLY, Severity.WARNING, null, 0,
                    "The addresses of " + r.target().host() + " answer differently, so clients connect or fail "
                            + "depending on their address family: " + which + ".",
                    List.of("`netstat -aon | findstr :" + port + "` on the server: SSTP listens on 0.0.0.0:" + port
                            + " and [::]:" + port + " when both families are served.",
                            "Whether the DNS records (A and AAAA) point at this server, and whether a firewall or "
                                    + "NAT in front of it forwards both families."),
                    which.toString(), e));
        }
        return out;
    }

    private static String address(AddressProbe a) {
        boolean v6 = a.address().getAddress() instanceof Inet6Address;
        return (v6 ? "IPv6 " : "IPv4 ") + a.address().getAddress().getHostAddress();
    }
}
