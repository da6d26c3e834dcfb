package org.sstpdoctor.remote.commands;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Whether remote access is configured, and the VPN configuration that matters to SSTP (KB947031
 * Scenarios 1 and 2), from {@code Get-RemoteAccess} and {@code Get-VpnServerConfiguration}.
 * {@link #sstpPorts()} is the number of ports of the WAN Miniport (SSTP) device, the "Maximum
 * ports" of the KB (128 by default); {@code Get-VpnServerConfiguration} reports it as
 * {@code SstpPorts} ({@code VpnServerIPsecConfiguration.SstpPorts}, Windows Server 2012 and later).
 *
 * @param vpnStatus                VPN ({@code VpnStatus}): {@link InstallState#UNINSTALLED} means
 *                                 remote access is not enabled
 * @param routingStatus            LAN routing ({@code RoutingStatus})
 * @param directAccessStatus       DirectAccess ({@code DAStatus})
 * @param siteToSiteStatus         site-to-site VPN ({@code VpnS2SStatus})
 * @param useHttp                  whether SSTP listens on plain HTTP behind a TLS-offloading
 *                                 front end ({@code UseHttp})
 * @param sslCertificateThumbprint the SHA-1 thumbprint of the certificate RRAS is configured with,
 *                                 upper case
 * @param sstpPorts                the number of SSTP ports
 * @param ikev2Ports               the number of IKEv2 ports
 * @param l2tpPorts                the number of L2TP ports
 * @param grePorts                 the number of GRE ports (Windows Server 2016 and later)
 */
public record RemoteAccessEvidence(InstallState vpnStatus, InstallState routingStatus, InstallState directAccessStatus,
        InstallState siteToSiteStatus, Optional<Boolean> useHttp, Optional<String> sslCertificateThumbprint,
        OptionalInt sstpPorts, OptionalInt ikev2Ports, OptionalInt l2tpPorts, OptionalInt grePorts) {

    /** The number of SSTP ports KB947031 Scenario 1 names as the default. */
    public static final int DEFAULT_SSTP_PORTS = 128;

    public RemoteAccessEvidence {
        Objects.requireNonNull(vpnStatus, "vpnStatus");
        Objects.requireNonNull(routingStatus, "routingStatus");
        Objects.requireNonNull(directAccessStatus, "directAccessStatus");
        Objects.requireNonNull(siteToSiteStatus, "siteToSiteStatus");
        Objects.requireNonNull(useHttp, "useHttp");
        Objects.requireNonNull(sslCertificateThumbprint, "sslCertificateThumbprint");
        Objects.requireNonNull(sstpPorts, "sstpPorts");
        Objects.requireNonNull(ikev2Ports, "ikev2Ports");
        Objects.requireNonNull(l2tpPorts, "l2tpPorts");
        Objects.requireNonNull(grePorts, "grePorts");
    }

    static RemoteAccessEvidence unknown() {
        return new RemoteAccessEvidence(InstallState.UNKNOWN, InstallState.UNKNOWN, InstallState.UNKNOWN,
                InstallState.UNKNOWN, Optional.empty(), Optional.empty(), OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.empty());
    }

    /** The states {@code Get-RemoteAccess} reports for each remote access technology. */
    public enum InstallState {
        INSTALLED, UNINSTALLED, UNKNOWN
    }
}
