package org.sstpdoctor.remote.commands;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The IPv4 packet filters of the RRAS interfaces (KB947031 Scenario 8, step 8: "Verify that no
 * Routing and Remote Access inbound filters or outbound filters are configured to block SSTP
 * connections").
 * <p>
 * Each interface has a filter set per type. Its action says what the listed filters mean:
 * {@link Action#FORWARD} ("Receive all packets except those that meet the criteria below")
 * drops the packets that match a filter, {@link Action#DROP} ("Drop all packets except those that
 * meet the criteria below") lets only those pass.
 * </p>
 *
 * @param interfaces the interfaces that have filter settings, in output order
 * @param complete   whether the whole output was read; "nothing blocks" is evidence only then
 */
public record RrasFiltersEvidence(List<Interface> interfaces, boolean complete) {

    public RrasFiltersEvidence {
        interfaces = List.copyOf(interfaces);
    }

    static RrasFiltersEvidence unknown() {
        return new RrasFiltersEvidence(List.of(), false);
    }

    /**
     * Whether the input filters of some interface drop TCP to {@code port} (SSTP's listener port):
     * {@link Verdict#YES} when a filter set certainly does, {@link Verdict#UNKNOWN} when one might
     * (its filters are limited to some addresses, its action is not known) or the output was not
     * read completely.
     */
    public Verdict blocksInboundTcp(int port) {
        return blocks(Type.INPUT, port);
    }

    /** Whether the output filters of some interface drop TCP from {@code port} (SSTP's replies). */
    public Verdict blocksOutboundTcp(int port) {
        return blocks(Type.OUTPUT, port);
    }

    private Verdict blocks(Type type, int port) {
        boolean unknown = !complete;
        for (Interface each : interfaces) {
            Verdict verdict = each.blocks(type, port);
            if (verdict == Verdict.YES) {
                return Verdict.YES;
            }
            unknown |= verdict == Verdict.UNKNOWN;
        }
        return unknown ? Verdict.UNKNOWN : Verdict.NO;
    }

    /** {@code filtertype=}: packets received, sent, or that bring up a demand-dial interface. */
    public enum Type {
        INPUT, OUTPUT, DIAL
    }

    /** The action of a filter set ({@code set filter ... action=}); {@link #UNSET} when the output has none. */
    public enum Action {
        FORWARD, DROP, UNSET
    }

    /** {@code proto=}: {@code TCP-EST} matches only segments of established connections. */
    public enum Protocol {
        ANY, TCP, TCP_ESTABLISHED, UDP, ICMP, OTHER
    }

    /**
     * One filter.
     *
     * @param type               its type
     * @param sourceAddress      {@code srcaddr}
     * @param sourceMask         {@code srcmask}; an address and mask of 0.0.0.0 mean any
     * @param destinationAddress {@code dstaddr}
     * @param destinationMask    {@code dstmask}
     * @param protocol           {@code proto}
     * @param protocolText       {@code proto} as written
     * @param sourcePort         {@code srcport}, 0 for any
     * @param destinationPort    {@code dstport}, 0 for any
     * @param line               the line of the output that added it
     */
    public record Filter(Type type, String sourceAddress, String sourceMask, String destinationAddress,
            String destinationMask, Protocol protocol, String protocolText, int sourcePort, int destinationPort,
            int line) {

        public Filter {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(sourceAddress, "sourceAddress");
            Objects.requireNonNull(sourceMask, "sourceMask");
            Objects.requireNonNull(destinationAddress, "destinationAddress");
            Objects.requireNonNull(destinationMask, "destinationMask");
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(protocolText, "protocolText");
        }

        /** Whether it matches packets from and to every address. */
        public boolean anyAddress() {
            return sourceMask.equals("0.0.0.0") && destinationMask.equals("0.0.0.0");
        }

        /** Whether it matches every TCP segment to (inbound) or from (outbound) {@code port}. */
        boolean matchesAllTcp(int port, boolean inbound) {
            int filterPort = inbound ? destinationPort : sourcePort;
            return protocol == Protocol.ANY || protocol == Protocol.TCP && (filterPort == 0 || filterPort == port);
        }

        /** Whether it matches some TCP segments to or from {@code port} (those of established connections). */
        boolean matchesSomeTcp(int port, boolean inbound) {
            int filterPort = inbound ? destinationPort : sourcePort;
            return matchesAllTcp(port, inbound)
                    || protocol == Protocol.TCP_ESTABLISHED && (filterPort == 0 || filterPort == port);
        }
    }

    /**
     * The filter settings of one interface.
     *
     * @param name    the interface name
     * @param actions the action of each filter set that has one
     * @param filters its filters, in output order
     */
    public record Interface(String name, Map<Type, Action> actions, List<Filter> filters) {

        public Interface {
            Objects.requireNonNull(name, "name");
            actions = Map.copyOf(actions);
            filters = List.copyOf(filters);
        }

        public Action action(Type type) {
            return actions.getOrDefault(type, Action.UNSET);
        }

        public List<Filter> filters(Type type) {
            return filters.stream().filter(f -> f.type() == type).toList();
        }

        /** Whether its filter set of {@code type} drops TCP to ({@code INPUT}) or from ({@code OUTPUT}) {@code port}. */
        public Verdict blocks(Type type, int port) {
            boolean inbound = type == Type.INPUT;
            List<Filter> set = filters(type);
            Action action = action(type);
            if (set.isEmpty()) {
                return action == Action.DROP ? Verdict.YES : Verdict.NO;
            }
            return switch (action) {
            case FORWARD -> {
                // the listed filters are what is dropped
                if (set.stream().anyMatch(f -> f.matchesSomeTcp(port, inbound) && f.anyAddress())) {
                    yield Verdict.YES;
                }
                yield set.stream().anyMatch(f -> f.matchesSomeTcp(port, inbound)) ? Verdict.UNKNOWN : Verdict.NO;
            }
            case DROP -> {
                // only what the listed filters match passes
                if (set.stream().anyMatch(f -> f.matchesAllTcp(port, inbound) && f.anyAddress())) {
                    yield Verdict.NO;
                }
                yield set.stream().anyMatch(f -> f.matchesAllTcp(port, inbound)) ? Verdict.UNKNOWN : Verdict.YES;
            }
            case UNSET -> Verdict.UNKNOWN;
            };
        }
    }
}
