package org.sstpdoctor.remote.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.sstpdoctor.remote.commands.ListenersEvidence.Protocol;
import org.sstpdoctor.remote.commands.ListenersEvidence.Socket;
import org.sstpdoctor.remote.commands.ListenersEvidence.TcpState;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Reads sockets from {@code netstat -aon} and from the JSON of the catalog's
 * {@code Get-NetTCPConnection -State Listen} script.
 * <p>
 * {@code netstat -aon} prints a title and a column header (both localized), then one row per
 * socket: {@code TCP  0.0.0.0:443  0.0.0.0:0  LISTENING  4} or, without a state,
 * {@code UDP  0.0.0.0:500  *:*  3012}. IPv6 addresses are in brackets ({@code [::]:443}). Rows
 * are read by their structure; the state must be one of netstat's English names, else the row is
 * kept with {@link TcpState#UNKNOWN} and reported (netstat localizes the state, the JSON form does
 * not). Ports are read strictly: a row whose port is not a number is not a socket.
 * </p>
 */
public final class ListenersParser {

    private static final int MAX_HEADER_LINES = 3;
    private static final Map<Long, String> STATE_NUMBERS = Map.ofEntries(Map.entry(1L, "Closed"),
            Map.entry(2L, "Listen"), Map.entry(3L, "SynSent"), Map.entry(4L, "SynReceived"),
            Map.entry(5L, "Established"), Map.entry(6L, "FinWait1"), Map.entry(7L, "FinWait2"),
            Map.entry(8L, "CloseWait"), Map.entry(9L, "Closing"), Map.entry(10L, "LastAck"),
            Map.entry(11L, "TimeWait"), Map.entry(12L, "DeleteTCB"), Map.entry(100L, "Bound"));

    private ListenersParser() {
    }

    /** Reads the output of {@code netstat -aon}. */
    public static ParseResult<ListenersEvidence> parseNetstat(String output) {
        return Output.guard(output, ListenersEvidence.unknown(), (text, problems) -> {
            List<String> lines = Output.lines(text, problems);
            List<Socket> sockets = new ArrayList<>();
            int headerLines = 0;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                String[] tokens = line.strip().split("\\s+");
                boolean row = tokens[0].equals("TCP") || tokens[0].equals("UDP");
                if (!row) {
                    if (sockets.isEmpty() && headerLines < MAX_HEADER_LINES) {
                        headerLines++; // the title and the column header, in the server's language
                    } else {
                        problems.add(i + 1, "not a line netstat writes: " + Output.quote(line));
                    }
                    continue;
                }
                Socket socket = row(tokens, i + 1, problems);
                if (socket != null) {
                    sockets.add(socket);
                }
            }
            if (sockets.isEmpty()) {
                problems.add(0, "netstat listed no sockets; a running Windows always has some, so the output is incomplete");
            }
            return new ListenersEvidence(sockets, problems.isEmpty());
        });
    }

    /** Reads the JSON of the catalog's {@code Get-NetTCPConnection} script. */
    public static ParseResult<ListenersEvidence> parseJson(String output) {
        return Output.guard(output, ListenersEvidence.unknown(), (text, problems) -> {
            Optional<JsonElement> root = Json.read(text, problems);
            if (root.isEmpty()) {
                return ListenersEvidence.unknown();
            }
            List<Socket> sockets = new ArrayList<>();
            List<JsonObject> items = Json.items(root.get(), "$", problems);
            for (int i = 0; i < items.size(); i++) {
                Socket socket = socket(items.get(i), "$[" + i + "]", problems);
                if (socket != null) {
                    sockets.add(socket);
                }
            }
            return new ListenersEvidence(sockets, problems.isEmpty());
        });
    }

    private static Socket row(String[] tokens, int line, Problems problems) {
        boolean tcp = tokens[0].equals("TCP");
        if (tokens.length != (tcp ? 5 : 4)) {
            problems.add(line, "a " + tokens[0] + " row with " + tokens.length + " columns instead of " + (tcp ? 5 : 4)
                    + " (cut off or garbled): " + Output.quote(String.join(" ", tokens)));
            return null;
        }
        Endpoint local = endpoint(tokens[1]);
        if (local == null || local.port.isEmpty()) {
            problems.add(line, "unreadable local address " + Output.quote(tokens[1]));
            return null;
        }
        Optional<String> remoteAddress = Optional.empty();
        OptionalInt remotePort = OptionalInt.empty();
        if (!tokens[2].equals("*:*")) {
            Endpoint remote = endpoint(tokens[2]);
            if (remote == null || remote.port.isEmpty()) {
                problems.add(line, "unreadable foreign address " + Output.quote(tokens[2]));
                return null;
            }
            remoteAddress = Optional.of(remote.address);
            remotePort = remote.port;
        }
        String pidText = tokens[tokens.length - 1];
        if (pidText.length() > 10 || !pidText.chars().allMatch(c -> c >= '0' && c <= '9')
                || Long.parseLong(pidText) > Integer.MAX_VALUE) {
            problems.add(line, "unreadable process id " + Output.quote(pidText));
            return null;
        }
        int pid = Integer.parseInt(pidText);
        TcpState state = TcpState.NONE;
        String stateText = "";
        if (tcp) {
            stateText = tokens[3];
            Optional<TcpState> known = tokens[3].chars().allMatch(c -> c == '_' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')
                    ? TcpState.ofName(tokens[3]) : Optional.empty();
            if (known.isEmpty()) {
                problems.add(line, "unknown TCP state " + Output.quote(tokens[3])
                        + " (netstat writes it in the server's language; only the English names are read)");
            }
            state = known.orElse(TcpState.UNKNOWN);
        }
        return new Socket(tcp ? Protocol.TCP : Protocol.UDP, local.address, local.port.getAsInt(), remoteAddress,
                remotePort, state, stateText, OptionalInt.of(pid), Optional.empty());
    }

    private record Endpoint(String address, OptionalInt port) {
    }

    /** {@code 0.0.0.0:443} or {@code [::]:443}; {@code null} when the address is not one. */
    private static Endpoint endpoint(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        String address = text.substring(0, colon);
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
            if (!isIpv6(address)) {
                return null;
            }
        } else if (!isIpv4(address)) {
            return null;
        }
        return new Endpoint(address, Numbers.parsePort(text.substring(colon + 1)));
    }

    static boolean isIpv4(String address) {
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(String address) {
        int percent = address.indexOf('%');
        String bare = percent < 0 ? address : address.substring(0, percent);
        if (percent >= 0 && (percent == address.length() - 1
                || !address.substring(percent + 1).chars().allMatch(Character::isLetterOrDigit))) {
            return false;
        }
        return bare.indexOf(':') >= 0 && bare.length() <= 45
                && bare.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0 && c < 0x80);
    }

    private static Socket socket(JsonObject item, String path, Problems problems) {
        Optional<String> address = Json.string(item, "LocalAddress", path, problems).map(String::strip);
        OptionalLong port = Json.integer(item, "LocalPort", path, problems);
        if (address.isEmpty() || !(isIpv4(address.get()) || isIpv6(address.get()))) {
            problems.add(0, "unreadable LocalAddress at " + path);
            return null;
        }
        if (port.isEmpty() || port.getAsLong() < 0 || port.getAsLong() > 65535) {
            problems.add(0, "unreadable LocalPort at " + path);
            return null;
        }
        TcpState state = TcpState.UNKNOWN;
        Optional<String> stateName = Json.enumName(item, "State", path, STATE_NUMBERS, problems);
        if (stateName.isEmpty()) {
            problems.add(0, "no State at " + path);
        } else {
            Optional<TcpState> known = TcpState.ofName(stateName.get());
            if (known.isEmpty()) {
                problems.add(0, "unknown State " + Output.quote(stateName.get()) + " at " + path);
            }
            state = known.orElse(TcpState.UNKNOWN);
        }
        OptionalLong pid = Json.integer(item, "OwningProcess", path, problems);
        Optional<String> remoteAddress = Json.string(item, "RemoteAddress", path, problems);
        OptionalLong remotePort = Json.integer(item, "RemotePort", path, problems);
        Optional<String> processName = Json.string(item, "ProcessName", path, problems).filter(s -> !s.isBlank());
        return new Socket(Protocol.TCP, address.get(), (int) port.getAsLong(), remoteAddress,
                remotePort.isPresent() && remotePort.getAsLong() >= 0 && remotePort.getAsLong() <= 65535
                        ? OptionalInt.of((int) remotePort.getAsLong()) : OptionalInt.empty(),
                state, stateName.orElse(""),
                pid.isPresent() && pid.getAsLong() >= 0 && pid.getAsLong() <= Integer.MAX_VALUE
                        ? OptionalInt.of((int) pid.getAsLong()) : OptionalInt.empty(),
                processName);
    }
}
