package org.sstpdoctor.remote.commands;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The sockets of the server (KB947031 Scenario 2, step 2, and Scenario 8, step 3): SSTP listens
 * through http.sys (process 4, System) on {@code 0.0.0.0:443} and {@code [::]:443}, or on the port
 * of the ListenerPort registry value.
 *
 * @param sockets  the sockets read, in output order
 * @param complete whether the whole output was read; an absent listener is evidence only then
 */
public record ListenersEvidence(List<Socket> sockets, boolean complete) {

    public ListenersEvidence {
        sockets = List.copyOf(sockets);
    }

    static ListenersEvidence unknown() {
        return new ListenersEvidence(List.of(), false);
    }

    /** The TCP sockets in the listening state. */
    public List<Socket> listeners() {
        return sockets.stream().filter(Socket::isListening).toList();
    }

    /** The TCP sockets listening on {@code port}, on any address. */
    public List<Socket> listenersOn(int port) {
        return sockets.stream().filter(s -> s.isListening() && s.localPort() == port).toList();
    }

    /**
     * Whether a TCP socket of the family listens on {@code port} (on the wildcard or any other
     * address of that family); {@link Verdict#UNKNOWN} when none was found in output not read
     * completely.
     */
    public Verdict listening(int port, IpFamily family) {
        boolean found = listenersOn(port).stream().anyMatch(s -> s.family() == family);
        return Verdict.of(found, complete);
    }

    public enum Protocol {
        TCP, UDP
    }

    /**
     * The TCP state, as {@code netstat} names it in English (LISTENING, TIME_WAIT, ...) and as
     * {@code Get-NetTCPConnection} names and numbers it (Listen = 2, ..., Bound = 100);
     * {@link #NONE} for UDP, {@link #UNKNOWN} for a name not known (netstat localizes them).
     */
    public enum TcpState {
        CLOSED, LISTEN, SYN_SENT, SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK,
        TIME_WAIT, DELETE_TCB, BOUND, NONE, UNKNOWN;

        static Optional<TcpState> ofName(String name) {
            return Optional.ofNullable(switch (Json.key(name)) {
            case "closed" -> CLOSED;
            case "listen", "listening" -> LISTEN;
            case "synsent" -> SYN_SENT;
            case "synreceived", "synrcvd" -> SYN_RECEIVED;
            case "established" -> ESTABLISHED;
            case "finwait1" -> FIN_WAIT_1;
            case "finwait2" -> FIN_WAIT_2;
            case "closewait" -> CLOSE_WAIT;
            case "closing" -> CLOSING;
            case "lastack" -> LAST_ACK;
            case "timewait" -> TIME_WAIT;
            case "deletetcb" -> DELETE_TCB;
            case "bound" -> BOUND;
            default -> null;
            });
        }
    }

    /**
     * One socket.
     *
     * @param protocol      TCP or UDP
     * @param localAddress  the local address without brackets: {@code 0.0.0.0}, {@code ::},
     *                      {@code fe80::1%4}
     * @param localPort     the local port
     * @param remoteAddress the remote address, empty for UDP ({@code *:*})
     * @param remotePort    the remote port, empty for UDP
     * @param state         the TCP state
     * @param stateText     the state as the output wrote it
     * @param processId     the owning process
     * @param processName   the owning process's name, when asked for
     */
    public record Socket(Protocol protocol, String localAddress, int localPort, Optional<String> remoteAddress,
            OptionalInt remotePort, TcpState state, String stateText, OptionalInt processId,
            Optional<String> processName) {

        public Socket {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(localAddress, "localAddress");
            Objects.requireNonNull(remoteAddress, "remoteAddress");
            Objects.requireNonNull(remotePort, "remotePort");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(stateText, "stateText");
            Objects.requireNonNull(processId, "processId");
            Objects.requireNonNull(processName, "processName");
        }

        public IpFamily family() {
            return IpFamily.of(localAddress);
        }

        /** Whether this is a TCP socket read as listening. */
        public boolean isListening() {
            return protocol == Protocol.TCP && state == TcpState.LISTEN;
        }

        /** Whether it listens on every address of its family ({@code 0.0.0.0} or {@code ::}). */
        public boolean isWildcard() {
            return localAddress.equals("0.0.0.0") || localAddress.equals("::");
        }
    }
}
