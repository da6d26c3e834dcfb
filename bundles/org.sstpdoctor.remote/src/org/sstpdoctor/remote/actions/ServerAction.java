package org.sstpdoctor.remote.actions;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import org.sstpdoctor.remote.commands.RrasFiltersEvidence;

/**
 * A change to an RRAS server that a remediation asks for, as typed values. {@link ServerActions}
 * turns an action into the exact command sent to the server, and reads an action back from a
 * command line (which is how the practice lab carries them out). Every value is validated here,
 * so an action that exists can be sent.
 */
public sealed interface ServerAction {

    /** The command id of this kind of action (see {@link ServerActions}). */
    String id();

    /** What the action does, in one line for people: {@code Start the service SstpSvc}. */
    String describe();

    /** Starts a service ({@code Start-Service}). */
    record StartService(String name) implements ServerAction {
        public StartService {
            name = Checks.serviceName(name);
        }

        @Override
        public String id() {
            return ServerActions.START_SERVICE;
        }

        @Override
        public String describe() {
            return "Start the service " + name;
        }
    }

    /** Restarts a service and the services that depend on it ({@code Restart-Service -Force}). */
    record RestartService(String name) implements ServerAction {
        public RestartService {
            name = Checks.serviceName(name);
        }

        @Override
        public String id() {
            return ServerActions.RESTART_SERVICE;
        }

        @Override
        public String describe() {
            return "Restart the service " + name;
        }
    }

    /** Installs remote access as a VPN server ({@code Install-RemoteAccess -VpnType Vpn}). */
    record EnableRemoteAccess() implements ServerAction {
        @Override
        public String id() {
            return ServerActions.ENABLE_REMOTE_ACCESS;
        }

        @Override
        public String describe() {
            return "Enable remote access as a VPN server (Install-RemoteAccess -VpnType Vpn)";
        }
    }

    /**
     * Sets the number of ports of WAN Miniport (SSTP) ({@code Set-VpnServerConfiguration -SstpPorts})
     * and restarts RemoteAccess, which reads it at start.
     */
    record SetSstpPortCount(int ports) implements ServerAction {
        /** The most SSTP ports RRAS takes. */
        public static final int MAX_PORTS = 16384;

        public SetSstpPortCount {
            if (ports < 1 || ports > MAX_PORTS) {
                throw new IllegalArgumentException("an SSTP port count is 1 to " + MAX_PORTS + ": " + ports);
            }
        }

        @Override
        public String id() {
            return ServerActions.SET_SSTP_PORT_COUNT;
        }

        @Override
        public String describe() {
            return "Set the SSTP port count of WAN Miniport (SSTP) to " + ports + " and restart RemoteAccess";
        }
    }

    /**
     * Makes the certificate of the computer's Personal store with this SHA-1 thumbprint the one
     * SSTP uses: the http.sys bindings on {@code 0.0.0.0:443} and {@code [::]:443}, the SstpSvc
     * registry hashes (SHA-256 and SHA-1), then RemoteAccess restarted.
     */
    record BindSstpCertificate(String sha1Thumbprint) implements ServerAction {
        private static final Pattern SHA1 = Pattern.compile("[0-9A-F]{40}");

        public BindSstpCertificate {
            Objects.requireNonNull(sha1Thumbprint, "sha1Thumbprint");
            sha1Thumbprint = sha1Thumbprint.replace(" ", "").replace(":", "").toUpperCase(Locale.ROOT);
            if (!SHA1.matcher(sha1Thumbprint).matches()) {
                throw new IllegalArgumentException("a SHA-1 thumbprint is 40 hexadecimal digits");
            }
        }

        @Override
        public String id() {
            return ServerActions.BIND_SSTP_CERTIFICATE;
        }

        @Override
        public String describe() {
            return "Bind the certificate " + sha1Thumbprint + " to SSTP (http.sys on 0.0.0.0:443 and [::]:443, "
                    + "SstpSvc registry hashes) and restart RemoteAccess";
        }
    }

    /** Sets SstpSvc's {@code ListenerPort} and restarts RemoteAccess, which reads it at start. */
    record SetListenerPort(int port) implements ServerAction {
        public SetListenerPort {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("a TCP port is 1 to 65535: " + port);
            }
        }

        @Override
        public String id() {
            return ServerActions.SET_LISTENER_PORT;
        }

        @Override
        public String describe() {
            return "Set the SSTP listener port (SstpSvc\\Parameters ListenerPort) to " + port
                    + " and restart RemoteAccess";
        }
    }

    /**
     * Enables the Windows Firewall rules of a rule group ({@code Enable-NetFirewallRule -Group}).
     *
     * @param group the group as Windows stores it: for SSTP the resource reference
     *              {@link #SSTP_GROUP}, which reads the same on a server in any language
     */
    record EnableFirewallRuleGroup(String group) implements ServerAction {
        /** The group of the "Secure Socket Tunneling Protocol" rules. */
        public static final String SSTP_GROUP = "@sstpsvc.dll,-35001";
        /** How {@link #SSTP_GROUP} reads on an English server. */
        public static final String SSTP_GROUP_NAME = "Secure Socket Tunneling Protocol";

        public EnableFirewallRuleGroup {
            group = Checks.text(group, "a firewall rule group", 256);
        }

        /** The group of the SSTP rules. */
        public static EnableFirewallRuleGroup sstp() {
            return new EnableFirewallRuleGroup(SSTP_GROUP);
        }

        @Override
        public String id() {
            return ServerActions.ENABLE_FIREWALL_RULE_GROUP;
        }

        @Override
        public String describe() {
            String name = SSTP_GROUP.equals(group) ? SSTP_GROUP_NAME + " (" + group + ")" : group;
            return "Enable the Windows Firewall rules of the group " + name;
        }
    }

    /**
     * Deletes one IPv4 packet filter of an RRAS interface ({@code netsh routing ip delete filter}),
     * given exactly as {@code netsh routing ip dump} listed it.
     *
     * @param protocol the protocol as netsh spells it: {@code TCP}, {@code UDP}, {@code ANY},
     *                 {@code ICMP}, or a number; ports count only for TCP and UDP
     */
    record RemoveRrasFilter(String interfaceName, RrasFiltersEvidence.Type type, String sourceAddress,
            String sourceMask, String destinationAddress, String destinationMask, String protocol, int sourcePort,
            int destinationPort) implements ServerAction {

        private static final Pattern IPV4 = Pattern.compile(
                "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
        private static final Pattern PROTOCOL = Pattern.compile("[A-Za-z0-9-]{1,16}");

        public RemoveRrasFilter {
            interfaceName = Checks.text(interfaceName, "an interface name", 256);
            Objects.requireNonNull(type, "type");
            sourceAddress = address(sourceAddress);
            sourceMask = address(sourceMask);
            destinationAddress = address(destinationAddress);
            destinationMask = address(destinationMask);
            if (protocol == null || !PROTOCOL.matcher(protocol).matches()) {
                throw new IllegalArgumentException("not a netsh protocol (TCP, UDP, ANY, ICMP or a number)");
            }
            protocol = protocol.toUpperCase(Locale.ROOT);
            if (sourcePort < 0 || sourcePort > 65535 || destinationPort < 0 || destinationPort > 65535) {
                throw new IllegalArgumentException("a port is 0 to 65535");
            }
        }

        /** The action that deletes {@code filter} of {@code iface}, as the RRAS dump listed them. */
        public static RemoveRrasFilter of(RrasFiltersEvidence.Interface iface, RrasFiltersEvidence.Filter filter) {
            return new RemoveRrasFilter(iface.name(), filter.type(), filter.sourceAddress(), filter.sourceMask(),
                    filter.destinationAddress(), filter.destinationMask(), filter.protocolText(), filter.sourcePort(),
                    filter.destinationPort());
        }

        /** Whether netsh takes ports for this protocol. */
        public boolean hasPorts() {
            return protocol.equals("TCP") || protocol.equals("UDP") || protocol.equals("TCP-EST");
        }

        @Override
        public String id() {
            return ServerActions.REMOVE_RRAS_FILTER;
        }

        @Override
        public String describe() {
            return "Delete the " + type.name().toLowerCase(Locale.ROOT) + " filter of the RRAS interface \""
                    + interfaceName + "\": " + protocol + " from " + sourceAddress + "/" + sourceMask
                    + (hasPorts() ? " port " + sourcePort : "") + " to " + destinationAddress + "/" + destinationMask
                    + (hasPorts() ? " port " + destinationPort : "");
        }

        private static String address(String value) {
            if (value == null || !IPV4.matcher(value).matches()) {
                throw new IllegalArgumentException("not an IPv4 address or mask");
            }
            return value;
        }
    }

    /** Validation shared by the actions. */
    final class Checks {
        private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9_.-]{1,256}");

        private Checks() {
        }

        static String serviceName(String name) {
            if (name == null || !SERVICE.matcher(name).matches()) {
                throw new IllegalArgumentException("not a service name (letters, digits, _ . -)");
            }
            return name;
        }

        static String text(String value, String what, int max) {
            if (value == null || value.isBlank() || value.length() > max) {
                throw new IllegalArgumentException(what + " is 1 to " + max + " characters");
            }
            for (int i = 0; i < value.length(); i++) {
                if (Character.isISOControl(value.charAt(i))) {
                    throw new IllegalArgumentException(what + " holds a control character");
                }
            }
            return value;
        }
    }
}
