package org.sstpdoctor.remote.commands;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.sstpdoctor.remote.commands.RrasFiltersEvidence.Action;
import org.sstpdoctor.remote.commands.RrasFiltersEvidence.Filter;
import org.sstpdoctor.remote.commands.RrasFiltersEvidence.Interface;
import org.sstpdoctor.remote.commands.RrasFiltersEvidence.Protocol;
import org.sstpdoctor.remote.commands.RrasFiltersEvidence.Type;

/**
 * Reads the RRAS packet filters from {@code netsh routing ip dump}.
 * <p>
 * There is no cmdlet for these filters (the RemoteAccess module's routing-domain cmdlets are about
 * multitenancy), and the table {@code netsh routing ip show filter} prints has no documented
 * layout. {@code dump} writes the configuration as the netsh commands that recreate it, in the
 * documented syntax of those commands, so that is what is read:
 * </p>
 * <pre>
 * pushd routing ip
 * ...
 * add filter name="Internet" filtertype=INPUT srcaddr=0.0.0.0 srcmask=0.0.0.0 dstaddr=0.0.0.0 dstmask=0.0.0.0 proto=TCP srcport=0 dstport=443
 * set filter name="Internet" filtertype=INPUT action=FORWARD
 * ...
 * popd
 * </pre>
 * <p>
 * ({@code add filter [name=]<interface> [filtertype=]{INPUT|OUTPUT|DIAL} [srcaddr=] [srcmask=]
 * [dstaddr=] [dstmask=] {[proto=]ANY | [proto=]{TCP|TCP-EST|UDP} [srcport=] [dstport=] |
 * [proto=]ICMP [type=] [code=]}}, and {@code set filter [name=]<interface>
 * [[filtertype=]{INPUT|OUTPUT|DIAL}] [[action=]{DROP|FORWARD}] [[fragcheck=]{ENABLE|DISABLE}]}.)
 * Other commands of the dump are skipped; a line that is no netsh command, a filter command that
 * cannot be read, or a dump without its {@code pushd routing ip} and closing {@code popd} (netsh
 * without the routing context prints an error instead) is a problem. Only IPv4 filters are read.
 * </p>
 */
public final class RrasFiltersParser {

    private static final Set<String> VERBS = Set.of("pushd", "popd", "reset", "set", "add", "delete", "install",
            "uninstall", "enable", "disable");

    private RrasFiltersParser() {
    }

    /** Reads the text of {@code netsh routing ip dump}. */
    public static ParseResult<RrasFiltersEvidence> parseDump(String output) {
        return Output.guard(output, RrasFiltersEvidence.unknown(), RrasFiltersParser::dump);
    }

    /** Reads the JSON of the catalog's PowerShell form: the dump with netsh's exit code. */
    public static ParseResult<RrasFiltersEvidence> parseJson(String output) {
        return Output.guard(output, RrasFiltersEvidence.unknown(), (text, problems) -> {
            Optional<String> netsh = NativeOutput.read(text, "netsh", problems);
            if (netsh.isEmpty()) {
                return RrasFiltersEvidence.unknown();
            }
            return dump(netsh.get(), problems);
        });
    }

    private static final class Builder {
        final String name;
        final Map<Type, Action> actions = new EnumMap<>(Type.class);
        final List<Filter> filters = new ArrayList<>();

        Builder(String name) {
            this.name = name;
        }
    }

    private static RrasFiltersEvidence dump(String text, Problems problems) {
        List<String> lines = Output.lines(text, problems);
        Map<String, Builder> interfaces = new LinkedHashMap<>();
        boolean inIp = false;
        boolean started = false;
        boolean ended = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int number = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> tokens = tokens(line);
            String verb = tokens.isEmpty() ? "" : tokens.get(0).toLowerCase(Locale.ROOT);
            if (tokens.isEmpty() || !VERBS.contains(verb)) {
                problems.add(number, "not a netsh command: " + Output.quote(line));
                continue;
            }
            if (verb.equals("pushd")) {
                if (tokens.size() == 3 && tokens.get(1).equalsIgnoreCase("routing") && tokens.get(2).equalsIgnoreCase("ip")) {
                    inIp = true;
                    started = true;
                }
                continue;
            }
            if (verb.equals("popd")) {
                if (inIp) {
                    ended = true;
                }
                inIp = false;
                continue;
            }
            if (!inIp || tokens.size() < 2 || !tokens.get(1).equalsIgnoreCase("filter")
                    || !(verb.equals("add") || verb.equals("set"))) {
                continue;
            }
            Map<String, String> tags = tags(tokens, number, problems);
            if (tags == null) {
                continue;
            }
            String name = tags.get("name");
            if (name == null || name.isEmpty()) {
                problems.add(number, "a filter command without name=: " + Output.quote(line));
                continue;
            }
            Builder builder = interfaces.computeIfAbsent(name, Builder::new);
            if (verb.equals("add")) {
                Filter filter = filter(tags, number, problems);
                if (filter != null) {
                    builder.filters.add(filter);
                }
            } else {
                setFilter(builder, tags, number, problems);
            }
        }
        if (!started) {
            problems.add(0, "the output has no 'pushd routing ip': it is not a dump of the RRAS IP configuration");
        } else if (!ended) {
            problems.add(0, "the dump ends before the 'popd' that closes the IP configuration (cut off?)");
        }
        List<Interface> result = new ArrayList<>();
        for (Builder builder : interfaces.values()) {
            for (Type type : Type.values()) {
                if (!builder.filters.stream().filter(f -> f.type() == type).toList().isEmpty()
                        && !builder.actions.containsKey(type)) {
                    problems.add(0, "the " + type + " filters of " + builder.name + " have no action");
                }
            }
            if (!builder.filters.isEmpty() || !builder.actions.isEmpty()) {
                result.add(new Interface(builder.name, builder.actions, builder.filters));
            }
        }
        return new RrasFiltersEvidence(result, problems.isEmpty());
    }

    private static void setFilter(Builder builder, Map<String, String> tags, int line, Problems problems) {
        String action = tags.get("action");
        if (action == null) {
            return; // fragcheck only
        }
        Optional<Type> type = type(tags.get("filtertype"));
        if (type.isEmpty()) {
            problems.add(line, "set filter action= without a known filtertype=");
            return;
        }
        switch (action.toUpperCase(Locale.ROOT)) {
        case "FORWARD" -> builder.actions.put(type.get(), Action.FORWARD);
        case "DROP" -> builder.actions.put(type.get(), Action.DROP);
        default -> problems.add(line, "unknown filter action " + Output.quote(action));
        }
    }

    private static Filter filter(Map<String, String> tags, int line, Problems problems) {
        Optional<Type> type = type(tags.get("filtertype"));
        if (type.isEmpty()) {
            problems.add(line, "add filter without a known filtertype=");
            return null;
        }
        String[] addresses = new String[4];
        String[] names = { "srcaddr", "srcmask", "dstaddr", "dstmask" };
        for (int i = 0; i < names.length; i++) {
            addresses[i] = tags.get(names[i]);
            if (addresses[i] == null || !ListenersParser.isIpv4(addresses[i])) {
                problems.add(line, "add filter with an unreadable " + names[i] + "=");
                return null;
            }
        }
        String proto = tags.get("proto");
        if (proto == null) {
            problems.add(line, "add filter without proto=");
            return null;
        }
        Protocol protocol = switch (proto.toUpperCase(Locale.ROOT)) {
        case "ANY" -> Protocol.ANY;
        case "TCP", "6" -> Protocol.TCP;
        case "TCP-EST" -> Protocol.TCP_ESTABLISHED;
        case "UDP", "17" -> Protocol.UDP;
        case "ICMP", "1" -> Protocol.ICMP;
        default -> Numbers.parsePort(proto).isPresent() ? Protocol.OTHER : null;
        };
        if (protocol == null) {
            problems.add(line, "unknown proto=" + Output.quote(proto));
            return null;
        }
        OptionalInt sourcePort = port(tags.get("srcport"));
        OptionalInt destinationPort = port(tags.get("dstport"));
        if (sourcePort.isEmpty() || destinationPort.isEmpty()) {
            problems.add(line, "add filter with an unreadable srcport= or dstport=");
            return null;
        }
        return new Filter(type.get(), addresses[0], addresses[1], addresses[2], addresses[3], protocol, proto,
                sourcePort.getAsInt(), destinationPort.getAsInt(), line);
    }

    /** A port tag; absent means 0 (any). */
    private static OptionalInt port(String value) {
        return value == null ? OptionalInt.of(0) : Numbers.parsePort(value);
    }

    private static Optional<Type> type(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.toUpperCase(Locale.ROOT)) {
        case "INPUT" -> Optional.of(Type.INPUT);
        case "OUTPUT" -> Optional.of(Type.OUTPUT);
        case "DIAL" -> Optional.of(Type.DIAL);
        default -> Optional.empty();
        };
    }

    /** The {@code tag=value} arguments after the command's two words; {@code null} after a problem. */
    private static Map<String, String> tags(List<String> tokens, int line, Problems problems) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String token : tokens.subList(2, tokens.size())) {
            int equals = token.indexOf('=');
            if (equals <= 0) {
                problems.add(line, "the argument " + Output.quote(token) + " is not in the tag=value form netsh dump writes");
                return null;
            }
            String tag = token.substring(0, equals).toLowerCase(Locale.ROOT);
            if (tags.put(tag, token.substring(equals + 1)) != null) {
                problems.add(line, "the tag " + tag + "= appears twice");
                return null;
            }
        }
        return tags;
    }

    /** Splits at white space outside double quotes; the quotes are removed. */
    private static List<String> tokens(String line) {
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    tokens.add(token.toString());
                    token.setLength(0);
                    any = false;
                }
            } else {
                token.append(c);
                any = true;
            }
        }
        if (quoted) {
            return List.of(); // an unclosed quote: not a command
        }
        if (any) {
            tokens.add(token.toString());
        }
        return tokens;
    }
}
