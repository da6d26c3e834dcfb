package org.sstpdoctor.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sstpdoctor.remote.PowerShell;
import org.sstpdoctor.remote.commands.CatalogEntry;
import org.sstpdoctor.remote.commands.CommandCatalog;

/**
 * A simulated Windows RRAS server: answers the command lines of the diagnostic catalog
 * ({@link CommandCatalog}) in both forms, and carries out the server actions, from and on its
 * {@link WindowsState}.
 * <p>
 * A PowerShell command ({@code powershell.exe ... -EncodedCommand <base64>}) is recognised by
 * comparing it with the catalog's own command lines, and answered with exactly the JSON the
 * catalog's script prints; a server action is recognised by
 * {@code org.sstpdoctor.remote.actions.ServerActions}. A legacy command ({@code sc query},
 * {@code netstat -aon}, {@code netsh http show sslcert}, {@code reg query},
 * {@code netsh routing ip dump}, and several joined by {@code &}) is answered in Windows' text.
 * Anything else answers as cmd.exe or PowerShell would: not recognized, exit code 1.
 */
public final class SimulatedServer implements ICommandHost {

    private static final Map<String, Function<WindowsState, CommandAnswer>> CATALOG = catalog();
    private static final Pattern EVENTS = eventsPattern();

    private final String name;
    private final WindowsState state;

    /**
     * A server named {@code name} answering from {@code state}.
     *
     * @param name a name for messages, e.g. {@code lab-healthy (simulated)}
     */
    public SimulatedServer(String name, WindowsState state) {
        this.name = Objects.requireNonNull(name, "name");
        this.state = Objects.requireNonNull(state, "state");
    }

    @Override
    public String name() {
        return name;
    }

    /** The state this server answers from and changes. */
    public WindowsState state() {
        return state;
    }

    @Override
    public CommandAnswer run(String commandLine, Duration timeout) {
        Objects.requireNonNull(commandLine, "commandLine");
        String line = commandLine.strip();
        Function<WindowsState, CommandAnswer> known = CATALOG.get(line);
        if (known != null) {
            return known.apply(state);
        }
        Optional<CommandAnswer> action = LabActions.apply(state, line);
        if (action.isPresent()) {
            return action.get();
        }
        if (line.regionMatches(true, 0, "powershell", 0, 10)) {
            return powerShell(line);
        }
        return cmd(line);
    }

    private CommandAnswer powerShell(String line) {
        int at = line.lastIndexOf(' ');
        String script;
        try {
            script = PowerShell.decode(line.substring(at + 1));
        } catch (IllegalArgumentException e) {
            return CommandAnswer.failed(1, "Cannot process the command because the value specified with"
                    + " -EncodedCommand is not properly encoded. The value must be Base64 encoded." + WindowsText.CRLF);
        }
        Matcher events = EVENTS.matcher(script);
        if (events.matches()) {
            long hours = Math.max(1, Long.parseLong(events.group(1)) / 3_600_000L);
            return CommandAnswer.ok(WindowsText.eventsJson(state, hours, Integer.parseInt(events.group(2))));
        }
        String body = script.startsWith(PowerShell.PREAMBLE) ? script.substring(PowerShell.PREAMBLE.length()) : script;
        String first = body.strip().split("[\\s;(]", 2)[0];
        if (first.isEmpty()) {
            return CommandAnswer.ok("");
        }
        return CommandAnswer.failed(1, first + " : The term '" + first + "' is not recognized as the name of a cmdlet,"
                + " function, script file, or operable program. Check the spelling of the name, or if a path was"
                + " included, verify that the path is correct and try again." + WindowsText.CRLF);
    }

    /** cmd.exe: one or more commands joined by {@code &}, each run in turn, the exit code the last one's. */
    private CommandAnswer cmd(String line) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int exit = 0;
        for (String part : line.split("&")) {
            CommandAnswer a = legacy(part.strip());
            out.append(a.stdout());
            err.append(a.stderr());
            exit = a.exitCode();
        }
        return new CommandAnswer(exit, out.toString(), err.toString());
    }

    private CommandAnswer legacy(String command) {
        List<String> words = words(command);
        if (words.isEmpty()) {
            return CommandAnswer.ok("");
        }
        String program = words.get(0).toLowerCase(Locale.ROOT);
        if (program.endsWith(".exe")) {
            program = program.substring(0, program.length() - 4);
        }
        List<String> args = words.subList(1, words.size()).stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
        switch (program) {
        case "sc" -> {
            if (args.size() == 2 && (args.get(0).equals("query") || args.get(0).equals("queryex"))) {
                return WindowsText.scQuery(state, words.get(2));
            }
            return new CommandAnswer(1639, "ERROR:  Unrecognized command" + WindowsText.CRLF, "");
        }
        case "netstat" -> {
            if (args.size() == 1 && args.get(0).startsWith("-") && args.get(0).contains("a")
                    && args.get(0).contains("n")) {
                return CommandAnswer.ok(WindowsText.netstat(state));
            }
            return CommandAnswer.ok(WindowsText.netstat(state));
        }
        case "netsh" -> {
            if (args.equals(List.of("http", "show", "sslcert"))) {
                return CommandAnswer.ok(WindowsText.sslcert(state));
            }
            if (args.equals(List.of("routing", "ip", "dump"))) {
                return WindowsText.routingDump(state);
            }
            return new CommandAnswer(1, "The following command was not found: " + String.join(" ", words.subList(1,
                    words.size())) + "." + WindowsText.CRLF, "");
        }
        case "reg" -> {
            if (args.size() == 2 && args.get(0).equals("query")) {
                String key = args.get(1).replace("hkey_local_machine\\", "hklm\\");
                if (key.equals("hklm\\system\\currentcontrolset\\services\\sstpsvc\\parameters")) {
                    return CommandAnswer.ok(WindowsText.regQuery(state));
                }
                return CommandAnswer.failed(1, "ERROR: The system was unable to find the specified registry key or"
                        + " value." + WindowsText.CRLF);
            }
            return CommandAnswer.failed(1, "ERROR: Invalid syntax." + WindowsText.CRLF
                    + "Type \"REG QUERY /?\" for usage." + WindowsText.CRLF);
        }
        case "hostname" -> {
            return CommandAnswer.ok(name.split(" ", 2)[0] + WindowsText.CRLF);
        }
        default -> {
            return CommandAnswer.failed(1, "'" + words.get(0) + "' is not recognized as an internal or external"
                    + " command," + WindowsText.CRLF + "operable program or batch file." + WindowsText.CRLF);
        }
        }
    }

    /** cmd.exe's words: split at spaces, double quotes group and are removed. */
    private static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    words.add(word.toString());
                    word.setLength(0);
                    any = false;
                }
            } else {
                word.append(c);
                any = true;
            }
        }
        if (any) {
            words.add(word.toString());
        }
        return words;
    }

    private static Map<String, Function<WindowsState, CommandAnswer>> catalog() {
        Map<String, Function<WindowsState, CommandAnswer>> answers = new HashMap<>();
        for (CatalogEntry<?> entry : CommandCatalog.entries()) {
            String line = entry.powerShell().toCommand(entry.id()).commandLine();
            Function<WindowsState, CommandAnswer> answer = switch (entry.id()) {
            case CommandCatalog.SERVICES -> s -> CommandAnswer.ok(WindowsText.servicesJson(s));
            case CommandCatalog.LISTENERS -> s -> CommandAnswer.ok(WindowsText.listenersJson(s, true));
            case CommandCatalog.SSLCERT -> s -> CommandAnswer.ok(WindowsText.textJson(0, WindowsText.sslcert(s)));
            case CommandCatalog.SSTP_REGISTRY -> s -> CommandAnswer.ok(WindowsText.registryJson(s));
            case CommandCatalog.CERT_STORE -> s -> CommandAnswer.ok(WindowsText.certStoreJson(s));
            case CommandCatalog.REMOTE_ACCESS -> s -> CommandAnswer.ok(WindowsText.remoteAccessJson(s));
            case CommandCatalog.FIREWALL -> s -> CommandAnswer.ok(WindowsText.firewallJson(s));
            case CommandCatalog.RRAS_FILTERS -> s -> {
                CommandAnswer dump = WindowsText.routingDump(s);
                return CommandAnswer.ok(WindowsText.textJson(dump.exitCode(), dump.stdout()));
            };
            case CommandCatalog.EVENTS -> s -> CommandAnswer.ok(WindowsText.eventsJson(s,
                    CommandCatalog.DEFAULT_EVENT_HOURS, CommandCatalog.DEFAULT_MAX_EVENTS));
            default -> throw new IllegalStateException("the lab cannot answer the catalog command " + entry.id());
            };
            answers.put(line, answer);
        }
        String withoutNames = CommandCatalog.listeners(false).powerShell().toCommand(CommandCatalog.LISTENERS)
                .commandLine();
        answers.put(withoutNames, s -> CommandAnswer.ok(WindowsText.listenersJson(s, false)));
        return Map.copyOf(answers);
    }

    /** The events script with any time window and count: its text with the two numbers as groups. */
    private static Pattern eventsPattern() {
        int hours = 7;
        int max = 13;
        String line = CommandCatalog.events(hours, max).powerShell().toCommand(CommandCatalog.EVENTS).commandLine();
        String script = PowerShell.decode(line.substring(line.lastIndexOf(' ') + 1));
        String ms = Long.toString(hours * 3_600_000L);
        String regex = Pattern.quote(script).replace(ms, "\\E(\\d{1,12})\\Q").replace("-MaxEvents " + max,
                "-MaxEvents \\E(\\d{1,5})\\Q");
        return Pattern.compile(regex, Pattern.DOTALL);
    }
}
