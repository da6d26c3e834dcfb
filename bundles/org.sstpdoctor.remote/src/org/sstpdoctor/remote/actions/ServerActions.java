package org.sstpdoctor.remote.actions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.sstpdoctor.remote.CommandResult;
import org.sstpdoctor.remote.PowerShell;
import org.sstpdoctor.remote.PowerShellScript;
import org.sstpdoctor.remote.RemoteCommand;
import org.sstpdoctor.remote.actions.ServerAction.BindSstpCertificate;
import org.sstpdoctor.remote.actions.ServerAction.EnableFirewallRuleGroup;
import org.sstpdoctor.remote.actions.ServerAction.EnableRemoteAccess;
import org.sstpdoctor.remote.actions.ServerAction.RemoveRrasFilter;
import org.sstpdoctor.remote.actions.ServerAction.RestartService;
import org.sstpdoctor.remote.actions.ServerAction.SetListenerPort;
import org.sstpdoctor.remote.actions.ServerAction.SetSstpPortCount;
import org.sstpdoctor.remote.actions.ServerAction.StartService;
import org.sstpdoctor.remote.commands.RrasFiltersEvidence;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The commands that carry {@link ServerAction}s to a server, and the way back.
 * <p>
 * An action's command is a PowerShell script: one assignment per typed value
 * ({@code $Name = 'SstpSvc'}, quoted by {@link PowerShell#literal(String)}), then the fixed text
 * {@code scripts/<id>.ps1} of this bundle after {@code scripts/prologue.ps1}. The script ends by
 * printing one line of JSON, {@code {"Action":"<id>","Ok":true,"Message":"..."}}, and exits 0
 * when the change was made, 1 when not; {@link #outcome(CommandResult)} reads it.
 * <p>
 * {@link #recognize(String)} reads an action back from the command line a server received. The
 * practice lab uses it to carry out the actions it is sent; it accepts exactly the command lines
 * {@link #command(ServerAction)} makes and nothing else.
 */
public final class ServerActions {

    public static final String START_SERVICE = "start-service";
    public static final String RESTART_SERVICE = "restart-service";
    public static final String ENABLE_REMOTE_ACCESS = "enable-remote-access";
    public static final String SET_SSTP_PORT_COUNT = "set-sstp-port-count";
    public static final String BIND_SSTP_CERTIFICATE = "bind-sstp-certificate";
    public static final String SET_LISTENER_PORT = "set-listener-port";
    public static final String ENABLE_FIREWALL_RULE_GROUP = "enable-firewall-rule-group";
    public static final String REMOVE_RRAS_FILTER = "remove-rras-filter";

    /** Every action's command id. */
    public static final List<String> IDS = List.of(START_SERVICE, RESTART_SERVICE, ENABLE_REMOTE_ACCESS,
            SET_SSTP_PORT_COUNT, BIND_SSTP_CERTIFICATE, SET_LISTENER_PORT, ENABLE_FIREWALL_RULE_GROUP,
            REMOVE_RRAS_FILTER);

    /** The longest message {@link #outcome(CommandResult)} keeps. */
    public static final int MAX_MESSAGE = 4096;

    private static final String ACTION_ID = "ActionId";

    private ServerActions() {
    }

    /** The exact command that carries out {@code action} on a Windows server. */
    public static RemoteCommand command(ServerAction action) {
        PowerShellScript script = PowerShellScript.assign(ACTION_ID, action.id());
        for (Map.Entry<String, Object> value : values(action).entrySet()) {
            script = switch (value.getValue()) {
                case String s -> script.then(PowerShellScript.assign(value.getKey(), s));
                case Integer i -> script.then(PowerShellScript.assign(value.getKey(), i));
                case Boolean b -> script.then(PowerShellScript.assign(value.getKey(), b));
                default -> throw new IllegalStateException("no PowerShell form for " + value.getValue());
            };
        }
        return RemoteCommand.powerShell(action.id(), script.then(PowerShellScript.fixed(body(action.id()))));
    }

    /**
     * The action that {@code commandLine} carries, when it is exactly a command that
     * {@link #command(ServerAction)} makes; empty for anything else (another script, a legacy
     * command, a script whose fixed text or values were changed).
     */
    public static Optional<ServerAction> recognize(String commandLine) {
        if (commandLine == null) {
            return Optional.empty();
        }
        String line = commandLine.strip();
        if (!line.regionMatches(true, 0, PowerShell.COMMAND_PREFIX, 0, PowerShell.COMMAND_PREFIX.length())) {
            return Optional.empty();
        }
        String text;
        try {
            text = PowerShell.decode(line.substring(PowerShell.COMMAND_PREFIX.length()).strip());
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (!text.startsWith(PowerShell.PREAMBLE + "\n")) {
            return Optional.empty();
        }
        // the leading assignments hold the values (the prologue's own come after them and are
        // ignored here); the action they make must give back exactly this command line
        Map<String, Object> values = new LinkedHashMap<>();
        for (String statement : text.substring(PowerShell.PREAMBLE.length() + 1).lines().toList()) {
            Optional<Map.Entry<String, Object>> assignment = Assignments.read(statement);
            if (assignment.isEmpty()) {
                break;
            }
            values.putIfAbsent(assignment.get().getKey(), assignment.get().getValue());
        }
        if (!(values.get(ACTION_ID) instanceof String id) || !IDS.contains(id)) {
            return Optional.empty();
        }
        try {
            ServerAction action = of(id, values);
            return command(action).commandLine().equals(PowerShell.COMMAND_PREFIX
                    + line.substring(PowerShell.COMMAND_PREFIX.length()).strip()) ? Optional.of(action) : Optional.empty();
        } catch (IllegalArgumentException | ClassCastException | NullPointerException invalid) {
            return Optional.empty();
        }
    }

    /**
     * How the action ended: what its last line of JSON says, and only Ok when the exit code says
     * so too. Output that has no outcome line (the command was cut short, PowerShell failed to
     * start) is a failure that quotes what the server printed.
     */
    public static ActionOutcome outcome(CommandResult result) {
        boolean exitOk = result.exitCode().isPresent() && result.exitCode().getAsInt() == 0;
        List<String> lines = result.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (!line.startsWith("{")) {
                continue;
            }
            try {
                JsonElement parsed = JsonParser.parseString(line);
                if (parsed.isJsonObject()) {
                    JsonObject o = parsed.getAsJsonObject();
                    if (o.has("Ok") && o.get("Ok").isJsonPrimitive() && o.get("Ok").getAsJsonPrimitive().isBoolean()) {
                        boolean ok = o.get("Ok").getAsBoolean();
                        String message = o.has("Message") && o.get("Message").isJsonPrimitive()
                                ? o.get("Message").getAsString() : "";
                        if (ok && !exitOk) {
                            return new ActionOutcome(false, cut("the server reported success but the command exited "
                                    + exitText(result) + ": " + message));
                        }
                        return new ActionOutcome(ok, cut(message));
                    }
                }
            } catch (JsonParseException | IllegalStateException | UnsupportedOperationException notJson) {
                // not the outcome line
            }
        }
        String printed = (result.stdout() + "\n" + result.stderr()).strip();
        return new ActionOutcome(false, cut("the command reported no outcome (exit " + exitText(result) + ")"
                + (printed.isEmpty() ? "" : ": " + printed)));
    }

    private static String exitText(CommandResult result) {
        return result.exitCode().isPresent() ? Integer.toString(result.exitCode().getAsInt()) : "code unknown";
    }

    private static String cut(String message) {
        String one = message.strip();
        return one.length() > MAX_MESSAGE ? one.substring(0, MAX_MESSAGE) + " [cut]" : one;
    }

    /** The typed values of {@code action}, by the script variable that carries each. */
    private static Map<String, Object> values(ServerAction action) {
        Map<String, Object> v = new LinkedHashMap<>();
        switch (action) {
            case StartService a -> v.put("Name", a.name());
            case RestartService a -> v.put("Name", a.name());
            case EnableRemoteAccess a -> {
                // no values
            }
            case SetSstpPortCount a -> v.put("Ports", a.ports());
            case BindSstpCertificate a -> v.put("Thumbprint", a.sha1Thumbprint());
            case SetListenerPort a -> v.put("Port", a.port());
            case EnableFirewallRuleGroup a -> v.put("Group", a.group());
            case RemoveRrasFilter a -> {
                v.put("Interface", a.interfaceName());
                v.put("FilterType", a.type().name());
                v.put("SourceAddress", a.sourceAddress());
                v.put("SourceMask", a.sourceMask());
                v.put("DestinationAddress", a.destinationAddress());
                v.put("DestinationMask", a.destinationMask());
                v.put("Protocol", a.protocol());
                v.put("HasPorts", a.hasPorts());
                v.put("SourcePort", a.sourcePort());
                v.put("DestinationPort", a.destinationPort());
            }
        }
        return v;
    }

    private static ServerAction of(String id, Map<String, Object> v) {
        return switch (id) {
            case START_SERVICE -> new StartService((String) v.get("Name"));
            case RESTART_SERVICE -> new RestartService((String) v.get("Name"));
            case ENABLE_REMOTE_ACCESS -> new EnableRemoteAccess();
            case SET_SSTP_PORT_COUNT -> new SetSstpPortCount((Integer) v.get("Ports"));
            case BIND_SSTP_CERTIFICATE -> new BindSstpCertificate((String) v.get("Thumbprint"));
            case SET_LISTENER_PORT -> new SetListenerPort((Integer) v.get("Port"));
            case ENABLE_FIREWALL_RULE_GROUP -> new EnableFirewallRuleGroup((String) v.get("Group"));
            case REMOVE_RRAS_FILTER -> new RemoveRrasFilter((String) v.get("Interface"),
                    RrasFiltersEvidence.Type.valueOf((String) v.get("FilterType")), (String) v.get("SourceAddress"),
                    (String) v.get("SourceMask"), (String) v.get("DestinationAddress"),
                    (String) v.get("DestinationMask"), (String) v.get("Protocol"), (Integer) v.get("SourcePort"),
                    (Integer) v.get("DestinationPort"));
            default -> throw new IllegalArgumentException("no action " + id);
        };
    }

    /** The prologue and the script of action {@code id}, without comments and blank lines. */
    static String body(String id) {
        return compact(resource("prologue") + "\n" + resource(id));
    }

    private static String compact(String script) {
        return script.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .collect(Collectors.joining("\n"));
    }

    private static String resource(String name) {
        String path = "scripts/" + name + ".ps1";
        try (InputStream in = ServerActions.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the bundle lacks " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read " + path, unreadable);
        }
    }

    /** Reads the assignment statements {@link PowerShellScript#assign} writes, and nothing else. */
    static final class Assignments {
        private Assignments() {
        }

        static Optional<Map.Entry<String, Object>> read(String line) {
            int eq = line.indexOf(" = ");
            if (!line.startsWith("$") || eq < 2) {
                return Optional.empty();
            }
            String name = line.substring(1, eq);
            if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
                return Optional.empty();
            }
            String value = line.substring(eq + 3);
            Object parsed = value(value);
            return parsed == null ? Optional.empty() : Optional.of(Map.entry(name, parsed));
        }

        private static Object value(String text) {
            if (text.equals("$true")) {
                return Boolean.TRUE;
            }
            if (text.equals("$false")) {
                return Boolean.FALSE;
            }
            if (text.matches("[0-9]{1,10}")) {
                long n = Long.parseLong(text);
                return n <= Integer.MAX_VALUE ? Integer.valueOf((int) n) : null;
            }
            if (text.matches("\\(-[0-9]{1,10}\\)")) {
                long n = -Long.parseLong(text.substring(2, text.length() - 1));
                return n >= Integer.MIN_VALUE ? Integer.valueOf((int) n) : null;
            }
            return literal(text);
        }

        /** The value of a single-quoted literal as {@link PowerShell#literal} writes it, or null. */
        private static String literal(String text) {
            if (text.length() < 2 || !PowerShell.isSingleQuote(text.charAt(0))
                    || !PowerShell.isSingleQuote(text.charAt(text.length() - 1))) {
                return null;
            }
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < text.length() - 1; i++) {
                char c = text.charAt(i);
                if (PowerShell.isSingleQuote(c)) {
                    if (i + 1 < text.length() - 1 && text.charAt(i + 1) == c) {
                        out.append(c);
                        i++;
                        continue;
                    }
                    return null; // a quote that ends the literal early: not what literal() writes
                }
                out.append(c);
            }
            String value = out.toString();
            return PowerShell.literal(value).equals(text) ? value : null;
        }
    }
}
