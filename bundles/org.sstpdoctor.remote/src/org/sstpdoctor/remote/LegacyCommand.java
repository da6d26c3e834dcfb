package org.sstpdoctor.remote;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.sstpdoctor.remote.internal.Messages;

/**
 * A legacy cmd.exe command line of the read-only kind KB947031 gives ({@code sc query sstpsvc},
 * {@code netstat -aon}, {@code netsh http show sslcert}, {@code reg query ...}), for servers
 * without PowerShell and for the {@code .cmd} evidence script.
 *
 * <p>cmd.exe has no quoting that is safe for every value, so a legacy command is validated
 * instead of quoted: only the programs and read-only sub-commands below are accepted, and every
 * argument must be 1-260 characters of {@code A-Z a-z 0-9 _ . : \ / = [ ] { } + -}. That leaves out
 * every character cmd.exe or a batch file treats specially ({@code & | < > ^ % ! " ( ) , ;},
 * spaces, line breaks and all non-ASCII). Anything else is refused with the reason.
 *
 * <table>
 * <caption>Accepted programs and how their arguments must start</caption>
 * <tr><th>program</th><th>first arguments</th></tr>
 * <tr><td>sc</td><td>query, queryex or qc</td></tr>
 * <tr><td>netstat</td><td>only switches such as -aon (no interval, which would repeat forever)</td></tr>
 * <tr><td>netsh</td><td>http show, advfirewall firewall show, or ras show</td></tr>
 * <tr><td>reg</td><td>query</td></tr>
 * <tr><td>certutil</td><td>-store</td></tr>
 * </table>
 *
 * Several invocations can be joined with {@link #andThen(LegacyCommand)}; cmd.exe runs them one
 * after the other ({@code a & b}) and the exit code is the last one's.
 */
public final class LegacyCommand {

    /** One program run with its arguments. */
    public record Invocation(String program, List<String> arguments) {

        public Invocation {
            arguments = List.copyOf(arguments);
        }

        /** The invocation as cmd.exe reads it: program and arguments separated by single spaces. */
        public String text() {
            return arguments.isEmpty() ? program : program + " " + String.join(" ", arguments);
        }
    }

    private static final Pattern ARGUMENT = Pattern.compile("[A-Za-z0-9_.:\\\\/=\\[\\]{}+-]{1,260}");
    private static final Pattern SWITCHES = Pattern.compile("-[A-Za-z]{1,10}");
    private static final int MAX_ARGUMENTS = 16;

    /** Each program and the argument prefixes that keep it read-only (lower case). */
    private static final Map<String, List<List<String>>> READ_ONLY = Map.of(
            "sc", List.of(List.of("query"), List.of("queryex"), List.of("qc")),
            "netstat", List.of(List.of()),
            "netsh", List.of(List.of("http", "show"), List.of("advfirewall", "firewall", "show"),
                    List.of("ras", "show")),
            "reg", List.of(List.of("query")),
            "certutil", List.of(List.of("-store")));

    private final List<Invocation> invocations;

    private LegacyCommand(List<Invocation> invocations) {
        this.invocations = List.copyOf(invocations);
    }

    /**
     * The command {@code program arguments...}.
     *
     * @throws IllegalArgumentException naming the reason when it is not one of the accepted
     *                                  read-only commands or an argument is not safe for cmd.exe
     */
    public static LegacyCommand of(String program, String... arguments) {
        String name = program == null ? "" : program.toLowerCase(Locale.ROOT);
        List<List<String>> forms = READ_ONLY.get(name);
        if (forms == null || !name.equals(program)) {
            throw new IllegalArgumentException("not an accepted legacy command: " + Messages.quote(program)
                    + "; accepted are " + String.join(", ", READ_ONLY.keySet().stream().sorted().toList())
                    + ", in lower case and without .exe");
        }
        List<String> args = Arrays.asList(arguments.clone());
        if (args.size() > MAX_ARGUMENTS) {
            throw new IllegalArgumentException(program + ": more than " + MAX_ARGUMENTS + " arguments");
        }
        for (String argument : args) {
            if (argument == null || !ARGUMENT.matcher(argument).matches()) {
                throw new IllegalArgumentException(program + ": argument " + Messages.quote(argument)
                        + " is not safe for cmd.exe; arguments are 1-260 characters of A-Z a-z 0-9 _ . : \\ / = [ ] { } + -");
            }
        }
        if (name.equals("netstat")) {
            for (String argument : args) {
                if (!SWITCHES.matcher(argument).matches()) {
                    throw new IllegalArgumentException("netstat: only switches such as -aon are accepted, not "
                            + Messages.quote(argument));
                }
            }
        } else if (forms.stream().noneMatch(prefix -> startsWith(args, prefix))) {
            throw new IllegalArgumentException(program + " " + String.join(" ", args)
                    + ": not a read-only form; accepted are " + forms.stream()
                            .map(prefix -> program + " " + String.join(" ", prefix)).toList());
        }
        return new LegacyCommand(List.of(new Invocation(name, args)));
    }

    /**
     * The command written as one line, {@code program arg arg ...}, separated by single spaces,
     * validated as {@link #of(String, String...)} does.
     */
    public static LegacyCommand parse(String line) {
        if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException("an empty legacy command");
        }
        String[] words = line.split(" ", -1);
        return of(words[0], Arrays.copyOfRange(words, 1, words.length));
    }

    /** This command, then {@code next}, as cmd.exe's {@code this & next}. */
    public LegacyCommand andThen(LegacyCommand next) {
        List<Invocation> all = new ArrayList<>(invocations);
        all.addAll(next.invocations);
        return new LegacyCommand(all);
    }

    /** The invocations, in order. */
    public List<Invocation> invocations() {
        return invocations;
    }

    /** The command line: the invocations joined by {@code " & "}. */
    public String commandLine() {
        return String.join(" & ", invocations.stream().map(Invocation::text).toList());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LegacyCommand command && command.invocations.equals(invocations);
    }

    @Override
    public int hashCode() {
        return invocations.hashCode();
    }

    @Override
    public String toString() {
        return commandLine();
    }

    private static boolean startsWith(List<String> args, List<String> prefix) {
        if (args.size() < prefix.size()) {
            return false;
        }
        for (int i = 0; i < prefix.size(); i++) {
            if (!args.get(i).equalsIgnoreCase(prefix.get(i))) {
                return false;
            }
        }
        return true;
    }
}
