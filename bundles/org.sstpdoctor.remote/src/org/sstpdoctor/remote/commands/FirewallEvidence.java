package org.sstpdoctor.remote.commands;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Windows Firewall rules of the "Secure Socket Tunneling Protocol" group (KB947031 Scenario 8,
 * step 10). Windows ships one, {@code SSTP-IN-TCP}: inbound, allow, TCP, local port 443, all
 * profiles, disabled until RRAS enables it.
 *
 * @param rules    the rules read, in output order
 * @param complete whether the whole output was read; a missing rule is evidence only then
 */
public record FirewallEvidence(List<Rule> rules, boolean complete) {

    /** The group of the SSTP rules, as Windows names it whatever the display language. */
    public static final String SSTP_GROUP = "@sstpsvc.dll,-35001";

    public FirewallEvidence {
        rules = List.copyOf(rules);
    }

    static FirewallEvidence unknown() {
        return new FirewallEvidence(List.of(), false);
    }

    /**
     * Whether an enabled inbound rule allows TCP to {@code port}: its protocol is TCP or any, and
     * its local ports include the port or are any.
     */
    public Verdict allowsInboundTcp(int port) {
        boolean found = rules.stream().anyMatch(rule -> rule.enabled() && rule.direction() == Direction.INBOUND
                && rule.action() == Action.ALLOW && rule.appliesToTcpPort(port));
        return Verdict.of(found, complete);
    }

    public enum Direction {
        INBOUND, OUTBOUND, UNKNOWN
    }

    public enum Action {
        ALLOW, BLOCK, NOT_CONFIGURED, UNKNOWN
    }

    public enum Profile {
        DOMAIN, PRIVATE, PUBLIC
    }

    /**
     * One rule.
     *
     * @param name         its name ({@code SSTP-IN-TCP})
     * @param displayName  its display name, in the server's language
     * @param group        its group ({@value FirewallEvidence#SSTP_GROUP})
     * @param enabled      whether it is enabled; false when that could not be read
     * @param direction    its direction
     * @param action       its action
     * @param profiles     the profiles it applies to; all three for "Any"
     * @param protocol     its protocol ({@code TCP}, {@code 6}, {@code Any}), when reported
     * @param localPorts   its local ports ({@code 443}, {@code Any}); empty when not reported
     */
    public record Rule(String name, String displayName, String group, boolean enabled, Direction direction,
            Action action, Set<Profile> profiles, Optional<String> protocol, List<String> localPorts) {

        public Rule {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(action, "action");
            profiles = Set.copyOf(profiles);
            Objects.requireNonNull(protocol, "protocol");
            localPorts = List.copyOf(localPorts);
        }

        /** Whether its protocol and local ports cover TCP to {@code port}. */
        public boolean appliesToTcpPort(int port) {
            boolean tcp = protocol.map(p -> p.strip().toLowerCase(Locale.ROOT))
                    .map(p -> p.equals("tcp") || p.equals("6") || p.equals("any")).orElse(false);
            boolean ports = localPorts.stream().map(String::strip)
                    .anyMatch(p -> p.equalsIgnoreCase("Any") || p.equals(Integer.toString(port)) || inRange(p, port));
            return tcp && ports;
        }

        private static boolean inRange(String range, int port) {
            int dash = range.indexOf('-');
            if (dash <= 0) {
                return false;
            }
            var low = Numbers.parsePort(range.substring(0, dash).strip());
            var high = Numbers.parsePort(range.substring(dash + 1).strip());
            return low.isPresent() && high.isPresent() && low.getAsInt() <= port && port <= high.getAsInt();
        }
    }
}
