package org.sstpdoctor.remote.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.sstpdoctor.remote.commands.SslCertEvidence.Binding;
import org.sstpdoctor.remote.commands.SslCertEvidence.Kind;

/**
 * Reads {@code netsh http show sslcert}.
 * <p>
 * The output is a header ({@code SSL Certificate bindings:} over a line of dashes) and one block
 * per binding, blocks separated by empty lines, each line {@code    <label> : <value>}:
 * </p>
 * <pre>
 *     IP:port                      : 0.0.0.0:443
 *     Certificate Hash             : 926af74453ad0fcbb3fe9ee62e8843329a84c6ac
 *     Application ID               : {ba195980-cd49-458b-9e23-c84ee0adcd75}
 *     Certificate Store Name       : MY
 *     Verify Client Certificate Revocation : Enabled
 *     ...
 *     Negotiate Client Certificate : Disabled
 *     Reject Connections           : Disabled       (Windows Server 2016 and later)
 *     Disable HTTP2                : Not Set        (and further flags on newer versions)
 *  Extended Properties:
 *     PropertyId                   : 0
 *     Receive Window               : 1048576
 * </pre>
 * <p>
 * netsh writes the labels in the server's language. Lines are split at their first
 * {@code " : "} (labels such as {@code IP:port} hold a colon, values such as {@code [::]:443}
 * too) and the labels are compared with the English ones netsh writes; an unknown label is a
 * problem, never guessed at. A block that lacks any of the labels every version writes (from
 * {@code Certificate Hash} to {@code Negotiate Client Certificate}) was cut off and is dropped
 * with a problem; so is one whose address, port or hash cannot be read. The output of
 * {@code netsh} run by the catalog's PowerShell form arrives wrapped in JSON with its exit code.
 * </p>
 */
public final class SslCertParser {

    private static final Map<String, Kind> KEYS = Map.of("IP:port", Kind.IP_PORT, "Hostname:port",
            Kind.HOSTNAME_PORT, "Central Certificate Store", Kind.CENTRAL_CERTIFICATE_STORE);
    /** Written for every binding by every Windows version since Server 2008. */
    private static final List<String> REQUIRED = List.of("Certificate Hash", "Application ID", "Certificate Store Name",
            "Verify Client Certificate Revocation", "Verify Revocation Using Cached Client Certificate Only",
            "Usage Check", "Revocation Freshness Time", "URL Retrieval Timeout", "Ctl Identifier", "Ctl Store Name",
            "DS Mapper Usage", "Negotiate Client Certificate");
    private static final Set<String> FLAGS = Set.of("Verify Client Certificate Revocation",
            "Verify Revocation Using Cached Client Certificate Only", "Usage Check", "DS Mapper Usage",
            "Negotiate Client Certificate", "Reject Connections", "Disable HTTP2", "Disable QUIC", "Disable TLS1.2",
            "Disable TLS1.3", "Disable OCSP Stapling", "Enable Token Binding", "Log Extended Events",
            "Disable Legacy TLS Versions", "Enable Session Ticket", "Disable Session ID", "Enable Caching Client Hello");
    private static final Set<String> FLAG_VALUES = Set.of("Enabled", "Disabled", "Set", "Not Set");
    private static final Set<String> NUMBERS = Set.of("Revocation Freshness Time", "URL Retrieval Timeout",
            "PropertyId", "Receive Window", "Max Settings Per Frame", "Max Settings Per Minute");
    private static final Set<String> TEXTS = Set.of("Certificate Hash", "Application ID", "Certificate Store Name",
            "Ctl Identifier", "Ctl Store Name");
    private static final String EXTENDED = "Extended Properties:";

    private SslCertParser() {
    }

    /** Reads the text of {@code netsh http show sslcert}. */
    public static ParseResult<SslCertEvidence> parseText(String output) {
        return Output.guard(output, SslCertEvidence.unknown(), SslCertParser::text);
    }

    /**
     * Reads the JSON of the catalog's PowerShell form, <code>{"ExitCode":0,"Output":"..."}</code>:
     * the text netsh printed and its exit code.
     */
    public static ParseResult<SslCertEvidence> parseJson(String output) {
        return Output.guard(output, SslCertEvidence.unknown(), (text, problems) -> {
            Optional<String> netsh = NativeOutput.read(text, "netsh", problems);
            if (netsh.isEmpty()) {
                return SslCertEvidence.unknown();
            }
            if (netsh.get().isBlank()) {
                problems.add(0, "netsh printed nothing");
                return SslCertEvidence.unknown();
            }
            return text(netsh.get(), problems);
        });
    }

    private static SslCertEvidence text(String text, Problems problems) {
        List<String> lines = Output.lines(text, problems);
        List<Binding> bindings = new ArrayList<>();
        boolean header = false;
        Block block = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int number = i + 1;
            if (line.isBlank()) {
                if (block != null) {
                    block.close(bindings, problems);
                    block = null;
                }
                continue;
            }
            String trimmed = line.strip();
            if (!header && block == null && bindings.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
                if (trimmed.equals("SSL Certificate bindings:")) {
                    header = true;
                } else {
                    problems.add(number, "not the header netsh writes in English: " + Output.quote(line));
                    header = true;
                }
                if (i + 1 < lines.size() && lines.get(i + 1).strip().matches("-+")) {
                    i++;
                }
                continue;
            }
            if (trimmed.equals(EXTENDED)) {
                if (block == null) {
                    problems.add(number, "extended properties outside a binding");
                } else {
                    block.extended = null; // until its PropertyId line
                    block.inExtended = true;
                }
                continue;
            }
            int split = trimmed.indexOf(" : ");
            String label;
            String value;
            if (split > 0) {
                label = trimmed.substring(0, split).strip();
                value = trimmed.substring(split + 3).strip();
            } else if (trimmed.endsWith(" :") || trimmed.endsWith("\t:")) {
                label = trimmed.substring(0, trimmed.length() - 1).strip();
                value = "";
            } else {
                problems.add(number, "not a 'label : value' line: " + Output.quote(line));
                continue;
            }
            Kind kind = KEYS.get(label);
            if (kind != null) {
                if (block != null) {
                    block.close(bindings, problems);
                }
                block = new Block(kind, value, number);
                continue;
            }
            if (block == null) {
                boolean known = FLAGS.contains(label) || NUMBERS.contains(label) || TEXTS.contains(label);
                problems.add(number, known ? "a setting outside a binding: " + Output.quote(line)
                        : "unknown label " + Output.quote(label) + " (only the English labels of netsh are read)");
                continue;
            }
            block.add(label, value, number, problems);
        }
        if (block != null) {
            block.close(bindings, problems);
        }
        if (!header) {
            problems.add(0, "the output has no 'SSL Certificate bindings:' header");
        }
        return new SslCertEvidence(bindings, problems.isEmpty());
    }

    /** A binding being read. */
    private static final class Block {
        final Kind kind;
        final String key;
        final int line;
        final Map<String, String> fields = new LinkedHashMap<>();
        final Map<String, String> settings = new LinkedHashMap<>();
        boolean bad;
        boolean inExtended;
        String extended;

        Block(Kind kind, String key, int line) {
            this.kind = kind;
            this.key = key;
            this.line = line;
        }

        void add(String label, String value, int number, Problems problems) {
            if (inExtended) {
                if (label.equals("PropertyId")) {
                    extended = value;
                    checkNumber(label, value, number, problems);
                    return;
                }
                if (extended == null || !NUMBERS.contains(label)) {
                    problems.add(number, "unknown extended property " + Output.quote(label)
                            + " (only the English labels of netsh are read)");
                    return;
                }
                checkNumber(label, value, number, problems);
                settings.put("Extended Properties " + extended + ": " + label, value);
                return;
            }
            boolean known = FLAGS.contains(label) || NUMBERS.contains(label) || TEXTS.contains(label);
            if (!known) {
                problems.add(number, "unknown label " + Output.quote(label) + " (only the English labels of netsh are read)");
                return;
            }
            if (fields.containsKey(label)) {
                problems.add(number, "the label " + label + " appears twice in one binding");
                bad = true;
                return;
            }
            if (FLAGS.contains(label) && !FLAG_VALUES.contains(value)) {
                problems.add(number, label + " is " + Output.quote(value) + ", not Enabled, Disabled, Set or Not Set");
            }
            if (NUMBERS.contains(label)) {
                checkNumber(label, value, number, problems);
            }
            if (label.equals("Certificate Hash")) {
                Optional<String> hash = Hex.normalize(value);
                if (hash.isEmpty() || hash.get().length() != 40 && hash.get().length() != 64) {
                    problems.add(number, "Certificate Hash " + Output.quote(value)
                            + " is not a SHA-1 or SHA-256 hash in hexadecimal (cut off?)");
                    bad = true;
                    return;
                }
                value = hash.get();
            }
            if (label.equals("Application ID")) {
                if (!value.matches("\\{[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}\\}")) {
                    problems.add(number, "Application ID " + Output.quote(value) + " is not a GUID in braces");
                    bad = true;
                    return;
                }
                value = value.toLowerCase(Locale.ROOT);
            }
            fields.put(label, value);
            if (!TEXTS.contains(label)) {
                settings.put(label, value);
            } else if (label.startsWith("Ctl")) {
                settings.put(label, value.equals("(null)") ? "" : value);
            }
        }

        private static void checkNumber(String label, String value, int number, Problems problems) {
            if (Numbers.parseInteger(value).isEmpty()) {
                problems.add(number, label + " " + Output.quote(value) + " is not a number");
            }
        }

        void close(List<Binding> bindings, Problems problems) {
            String host = "";
            OptionalInt port;
            if (kind == Kind.CENTRAL_CERTIFICATE_STORE) {
                port = Numbers.parsePort(key);
            } else {
                int colon = key.lastIndexOf(':');
                host = colon > 0 ? key.substring(0, colon) : "";
                port = colon > 0 ? Numbers.parsePort(key.substring(colon + 1)) : OptionalInt.empty();
                if (kind == Kind.IP_PORT && !validAddress(host)) {
                    problems.add(line, "unreadable address in " + Output.quote(key) + "; the binding is not used");
                    return;
                }
                if (kind == Kind.HOSTNAME_PORT && host.isBlank()) {
                    problems.add(line, "no host name in " + Output.quote(key) + "; the binding is not used");
                    return;
                }
            }
            if (port.isEmpty() || port.getAsInt() == 0) {
                problems.add(line, "unreadable port in " + Output.quote(key) + "; the binding is not used");
                return;
            }
            List<String> missing = REQUIRED.stream().filter(label -> !fields.containsKey(label)).toList();
            if (bad) {
                problems.add(line, "the binding " + key + " has an unreadable setting; it is not used");
                return;
            }
            if (!missing.isEmpty()) {
                problems.add(line, "the binding " + key + " lacks " + String.join(", ", missing)
                        + " (the output was cut off?); it is not used");
                return;
            }
            String store = fields.get("Certificate Store Name");
            bindings.add(new Binding(kind, host, port, fields.get("Certificate Hash"), fields.get("Application ID"),
                    store.isEmpty() || store.equals("(null)") ? Optional.empty() : Optional.of(store), settings, line));
        }

        private static boolean validAddress(String host) {
            if (host.startsWith("[") && host.endsWith("]")) {
                return ListenersParser.isIpv6(host.substring(1, host.length() - 1));
            }
            return ListenersParser.isIpv4(host) || ListenersParser.isIpv6(host);
        }
    }
}
