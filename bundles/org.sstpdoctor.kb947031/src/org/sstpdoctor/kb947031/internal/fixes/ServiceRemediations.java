package org.sstpdoctor.kb947031.internal.fixes;

import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.sstpdoctor.core.remediation.IRemediationContext;
import org.sstpdoctor.remote.IRemoteChannel;
import org.sstpdoctor.remote.actions.ServerAction;

/** The remediations that start, restart or enable the services SSTP needs. */
public final class ServiceRemediations {

    private ServiceRemediations() {
    }

    static final String DROPS_CLIENTS = "Restarting RemoteAccess drops every VPN client connected now.";

    /** Starts the Routing and Remote Access service. */
    public static final class StartRemoteAccess extends ServerActionRemediation {
        @Override
        Planned prepare(IRemediationContext context, IRemoteChannel channel, IProgressMonitor monitor) {
            return new Planned("Start the Routing and Remote Access service (RemoteAccess) on "
                    + context.server().host() + ", so that it accepts VPN connections again.",
                    List.of(new ServerAction.StartService("RemoteAccess")), List.of());
        }
    }

    /** Starts the SSTP service. */
    public static final class StartSstpSvc extends ServerActionRemediation {
        @Override
        Planned prepare(IRemediationContext context, IRemoteChannel channel, IProgressMonitor monitor) {
            return new Planned("Start the Secure Socket Tunneling Protocol service (SstpSvc) on "
                    + context.server().host() + ", so that SSTP listens again.",
                    List.of(new ServerAction.StartService("SstpSvc")), List.of());
        }
    }

    /** Restarts RemoteAccess, which makes SSTP open its listener again. */
    public static final class RestartRemoteAccess extends ServerActionRemediation {
        @Override
        Planned prepare(IRemediationContext context, IRemoteChannel channel, IProgressMonitor monitor) {
            return new Planned("Restart the Routing and Remote Access service on " + context.server().host()
                    + ", so that SSTP opens its listener again.",
                    List.of(new ServerAction.RestartService("RemoteAccess")), List.of(DROPS_CLIENTS));
        }
    }

    /** Enables remote access (the VPN role). */
    public static final class EnableRemoteAccess extends ServerActionRemediation {
        @Override
        Planned prepare(IRemediationContext context, IRemoteChannel channel, IProgressMonitor monitor) {
            return new Planned("Enable remote access (VPN) on " + context.server().host()
                    + " with Install-RemoteAccess -VpnType Vpn.", List.of(new ServerAction.EnableRemoteAccess()),
                    List.of("Install-RemoteAccess configures RRAS as a VPN server with its defaults: review the"
                            + " authentication and address assignment in the Routing and Remote Access console"
                            + " afterwards."));
        }
    }
}
