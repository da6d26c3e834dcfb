package org.sstpdoctor.lab;

import java.util.Optional;

import org.sstpdoctor.lab.WindowsState.RrasFilter;
import org.sstpdoctor.lab.WindowsState.StoreCertificate;
import org.sstpdoctor.pki.IssuedCertificate;
import org.sstpdoctor.pki.KeyPurpose;
import org.sstpdoctor.remote.commands.RrasFiltersEvidence;
import org.sstpdoctor.remote.commands.ServicesEvidence;
import org.sstpdoctor.remote.commands.SstpRegistryEvidence.ValueKind;

/**
 * The lab hosts: a healthy one, and one per KB947031 scenario and cause with that fault injected.
 * Each names the fault, the KB scenario, and what the network probe of a Windows client would
 * report (the probe's finding and the error code), when the probe sees the fault at all.
 */
public enum LabScenario {

    HEALTHY("lab-healthy", 0, "Healthy: SSTP answers with a valid certificate of the lab root", null, null),
    NO_FREE_PORTS("lab-s1-no-free-ports", 1, "Every one of the 128 SSTP ports is in use: calls get a Nak",
            "sstpCallRefused", "0x800704C9"),
    SSTPSVC_STOPPED("lab-s2-sstpsvc-stopped", 2, "The SSTP service (SstpSvc) is stopped: nothing listens on 443",
            "connectionRefused", "809"),
    REMOTE_ACCESS_NOT_ENABLED("lab-s2-remote-access-off", 2,
            "Remote access (VPN) is not installed and RemoteAccess is stopped and disabled", "connectionRefused",
            "809"),
    CLIENT_AUTH_CERTIFICATE("lab-s2-client-auth-cert", 2,
            "The SSTP certificate's EKU is Client Authentication only", "certificateClientAuthenticationOnly", "809"),
    CERTIFICATE_REMOVED("lab-s3-certificate-removed", 3,
            "The SSTP certificate was deleted from the store: http.sys has no certificate to present",
            "noServerCertificate", "0x80070040"),
    EXPIRED_CERTIFICATE("lab-s4-expired-cert", 4,
            "The bound certificate expired; the renewed one is in the store but not bound", "certificateExpired",
            "0x800B0101"),
    UNTRUSTED_ROOT("lab-s5-untrusted-root", 5,
            "The certificate chains to a second lab root that clients do not trust", "certificateUntrustedRoot",
            "0x800B0109"),
    NAME_MISMATCH("lab-s6-name-mismatch", 6, "The certificate names vpn.contoso.example, not 127.0.0.1",
            "certificateNameMismatch", "0x800B010F"),
    CRL_UNREACHABLE("lab-s7-crl-unreachable", 7,
            "The certificate's CRL distribution point is a loopback URL where nothing listens", "revocationOffline",
            "0x80092013"),
    LISTENER_PORT("lab-s8-listener-port", 8, "ListenerPort is 8443 and RemoteAccess was restarted: 443 is closed",
            "connectionRefused", "809"),
    NO_IPV6_BINDING("lab-s8-no-ipv6-binding", 8,
            "http.sys has no certificate binding on [::]:443 (IPv4 works, IPv6 clients fail)", null, null),
    OLD_REGISTRY_HASH("lab-s8-old-registry-hash", 8,
            "The SstpSvc registry hashes name the old certificate, http.sys binds the renewed one", null, null),
    FIREWALL_DISABLED("lab-s8-firewall-off", 8,
            "The \"Secure Socket Tunneling Protocol\" firewall rule group is disabled", "connectionTimedOut", null),
    RRAS_FILTER("lab-s8-rras-filter", 8, "An RRAS inbound filter on \"Internet\" drops TCP to port 443",
            "connectionTimedOut", null);

    private final String hostName;
    private final int kbScenario;
    private final String fault;
    private final String probeFinding;
    private final String probeCode;

    LabScenario(String hostName, int kbScenario, String fault, String probeFinding, String probeCode) {
        this.hostName = hostName;
        this.kbScenario = kbScenario;
        this.fault = fault;
        this.probeFinding = probeFinding;
        this.probeCode = probeCode;
    }

    /** The lab host's name, e.g. {@code lab-s4-expired-cert}: its server name in the inventory. */
    public String hostName() {
        return hostName;
    }

    /** The KB947031 scenario, 1 to 8; 0 for the healthy host. */
    public int kbScenario() {
        return kbScenario;
    }

    /** The fault injected, for people; ends without "(simulated)", which callers add where shown. */
    public String fault() {
        return fault;
    }

    /** The finding kind (without {@code org.sstpdoctor.probe.}) the network probe reports, if it sees the fault. */
    public Optional<String> probeFinding() {
        return Optional.ofNullable(probeFinding);
    }

    /** The client error code the probe predicts ({@code 0x800B0101}, {@code 809}), if any. */
    public Optional<String> probeCode() {
        return Optional.ofNullable(probeCode);
    }

    /** Sets up the state of this host: a healthy server, then the fault. */
    void configure(WindowsState state, LabCertificates pki) {
        String cn = hostName + ".sstpdoctor.lab";
        IssuedCertificate current = switch (this) {
        case CLIENT_AUTH_CERTIFICATE -> pki.server(cn).extendedKeyUsage(KeyPurpose.CLIENT_AUTHENTICATION).build();
        case EXPIRED_CERTIFICATE -> pki.server(cn)
                .validity(LabCertificates.daysFromNow(-400), LabCertificates.daysFromNow(-3)).build();
        case UNTRUSTED_ROOT -> pki.untrusted(cn).build();
        case NAME_MISMATCH -> pki.root().issue("vpn.contoso.example").dnsNames("vpn.contoso.example")
                .extendedKeyUsage(KeyPurpose.SERVER_AUTHENTICATION).crlDistributionPoints(pki.crlUrls().get(0))
                .build();
        case CRL_UNREACHABLE -> pki.server(cn, pki.unreachableCrlUrl()).build();
        default -> pki.server(cn).build();
        };
        StoreCertificate bound = LabCertificates.withKey(current, "SSTP (simulated)");
        state.addCertificate(bound);
        state.bindSstpCertificate(bound.sha1());
        switch (this) {
        case HEALTHY, UNTRUSTED_ROOT, NAME_MISMATCH, CRL_UNREACHABLE -> {
            // the certificate is the fault, or there is none
        }
        case CLIENT_AUTH_CERTIFICATE -> state.addCertificate(
                LabCertificates.withKey(pki.server(cn).build(), "Server Authentication, not bound (simulated)"));
        case NO_FREE_PORTS -> state.setPortsInUse(state.sstpPorts());
        case SSTPSVC_STOPPED -> state.setService(WindowsState.SSTP_SVC, ServicesEvidence.State.STOPPED, null);
        case REMOTE_ACCESS_NOT_ENABLED -> {
            state.setRemoteAccessInstalled(false);
            state.setService(WindowsState.REMOTE_ACCESS, ServicesEvidence.State.STOPPED,
                    ServicesEvidence.StartType.DISABLED);
        }
        case CERTIFICATE_REMOVED -> {
            state.removeCertificate(bound.sha1());
            state.restartService(WindowsState.REMOTE_ACCESS);
        }
        case EXPIRED_CERTIFICATE -> state.addCertificate(
                LabCertificates.withKey(pki.server(cn).build(), "SSTP renewed (simulated)"));
        case LISTENER_PORT -> {
            state.setRegistryValue("ListenerPort", ValueKind.DWORD, 8443L);
            state.restartService(WindowsState.REMOTE_ACCESS);
        }
        case NO_IPV6_BINDING -> {
            state.setSslBinding(WindowsState.IPV6_ANY, WindowsState.HTTPS_PORT, null);
            state.restartService(WindowsState.REMOTE_ACCESS);
        }
        case OLD_REGISTRY_HASH -> {
            StoreCertificate old = LabCertificates.withKey(pki.server(cn)
                    .validity(LabCertificates.daysFromNow(-300), LabCertificates.daysFromNow(60)).build(),
                    "SSTP before renewal (simulated)");
            state.addCertificate(old);
            state.setRegistryValue("Sha256CertificateHash", ValueKind.BINARY,
                    java.util.HexFormat.of().parseHex(old.sha256()));
            state.setRegistryValue("Sha1CertificateHash", ValueKind.BINARY,
                    java.util.HexFormat.of().parseHex(old.sha1()));
            state.restartService(WindowsState.REMOTE_ACCESS);
        }
        case FIREWALL_DISABLED -> state.setFirewallGroupEnabled(false);
        case RRAS_FILTER -> state.addRrasFilter(new RrasFilter("Internet", RrasFiltersEvidence.Type.INPUT, "0.0.0.0",
                "0.0.0.0", "0.0.0.0", "0.0.0.0", "TCP", 0, 443), RrasFiltersEvidence.Action.FORWARD);
        }
    }
}
