package org.sstpdoctor.remote.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sstpdoctor.remote.commands.ServicesEvidence.Service;
import org.sstpdoctor.remote.commands.ServicesEvidence.StartType;
import org.sstpdoctor.remote.commands.ServicesEvidence.State;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Reads the state of the SSTP services from {@code sc query} text and from the JSON of the
 * catalog's {@code Get-Service} script.
 * <p>
 * {@code sc query NAME} prints one entry per service:
 * </p>
 * <pre>
 * SERVICE_NAME: sstpsvc
 *         TYPE               : 20  WIN32_SHARE_PROCESS
 *         STATE              : 4  RUNNING
 *                                 (STOPPABLE, NOT_PAUSABLE, ACCEPTS_SHUTDOWN)
 *         WIN32_EXIT_CODE    : 0  (0x0)
 *         SERVICE_EXIT_CODE  : 0  (0x0)
 *         CHECKPOINT         : 0x0
 *         WAIT_HINT          : 0x0
 * </pre>
 * <p>
 * or, for a service that does not exist, {@code [SC] EnumQueryServicesStatus:OpenService FAILED
 * 1060:} followed by a localized sentence. The labels are read as sc.exe writes them in English;
 * an unknown label is a problem. An entry missing any of TYPE, STATE, WIN32_EXIT_CODE,
 * SERVICE_EXIT_CODE, CHECKPOINT and WAIT_HINT was cut off, and its state is not trusted; a STATE
 * whose code and name disagree is not either.
 * </p>
 */
public final class ServicesParser {

    private static final Pattern FAILED = Pattern.compile("\\[SC\\]\\s+\\S+\\s+FAILED\\s+(\\d+):?");
    private static final Pattern FIELD = Pattern.compile("\\s+([A-Z][A-Z0-9_]*)\\s*:\\s?(.*)");
    private static final Pattern CONTROLS = Pattern.compile("\\s+\\(([A-Z_, ]*)\\)\\s*");
    private static final Pattern STATE = Pattern.compile("(\\d{1,3})\\s+([A-Z_]+)");
    private static final Pattern EXIT_CODE = Pattern.compile("(.+?)\\s*\\(0x([0-9A-Fa-f]{1,8})\\)");
    private static final List<String> REQUIRED = List.of("TYPE", "STATE", "WIN32_EXIT_CODE", "SERVICE_EXIT_CODE",
            "CHECKPOINT", "WAIT_HINT");
    private static final List<String> OPTIONAL = List.of("PID", "FLAGS");

    private static final Map<Long, String> STATUS_NUMBERS = Map.of(1L, "Stopped", 2L, "StartPending", 3L,
            "StopPending", 4L, "Running", 5L, "ContinuePending", 6L, "PausePending", 7L, "Paused");
    private static final Map<Long, String> START_NUMBERS = Map.of(0L, "Boot", 1L, "System", 2L, "Automatic", 3L,
            "Manual", 4L, "Disabled");

    private ServicesParser() {
    }

    /**
     * Reads the output of {@code sc query} for each of {@code names}, run in that order and
     * concatenated. A failure without a service name ({@code FAILED 1060}) belongs to the next
     * service not yet read.
     */
    public static ParseResult<ServicesEvidence> parseScQuery(String output, List<String> names) {
        List<String> asked = List.copyOf(names);
        return Output.guard(output, ServicesEvidence.unknown(asked), (text, problems) -> {
            List<Object> segments = segments(Output.lines(text, problems), problems);
            Map<String, Service> found = new LinkedHashMap<>();
            int next = 0;
            for (Object segment : segments) {
                if (segment instanceof Service service) {
                    int index = indexOf(asked, service.name(), next);
                    if (index < 0) {
                        found.putIfAbsent(service.name().toLowerCase(Locale.ROOT), service);
                        continue;
                    }
                    found.put(asked.get(index).toLowerCase(Locale.ROOT), service);
                    next = index + 1;
                } else if (segment instanceof Failure failure) {
                    if (next >= asked.size()) {
                        problems.add(failure.line, "sc.exe reported error " + failure.code + " for no service asked about");
                        continue;
                    }
                    String name = asked.get(next++);
                    if (failure.code == 1060) {
                        found.put(name.toLowerCase(Locale.ROOT), new Service(name, Optional.empty(), State.NOT_INSTALLED,
                                StartType.UNKNOWN, OptionalInt.empty(), OptionalInt.empty()));
                    } else {
                        problems.add(failure.line, "sc.exe could not query " + name + ": error " + failure.code);
                    }
                }
            }
            return evidence(asked, found, problems);
        });
    }

    /** Reads the JSON of the catalog's {@code Get-Service} script; {@code names} are the services it asks about. */
    public static ParseResult<ServicesEvidence> parseJson(String output, List<String> names) {
        List<String> asked = List.copyOf(names);
        return Output.guard(output, ServicesEvidence.unknown(asked), (text, problems) -> {
            Optional<JsonElement> root = Json.read(text, problems);
            if (root.isEmpty()) {
                return ServicesEvidence.unknown(asked);
            }
            Map<String, Service> found = new LinkedHashMap<>();
            List<JsonObject> items = Json.items(root.get(), "$", problems);
            for (int i = 0; i < items.size(); i++) {
                Service service = service(items.get(i), "$[" + i + "]", problems);
                if (service != null) {
                    found.putIfAbsent(service.name().toLowerCase(Locale.ROOT), service);
                }
            }
            return evidence(asked, found, problems);
        });
    }

    private static ServicesEvidence evidence(List<String> asked, Map<String, Service> found, Problems problems) {
        List<Service> services = new ArrayList<>();
        for (String name : asked) {
            Service service = found.remove(name.toLowerCase(Locale.ROOT));
            if (service == null) {
                problems.add(0, "the output has no entry for the service " + name);
                services.add(Service.unknown(name));
            } else {
                services.add(service);
            }
        }
        services.addAll(found.values());
        return new ServicesEvidence(services);
    }

    private static Service service(JsonObject item, String path, Problems problems) {
        Optional<String> name = Json.string(item, "Name", path, problems);
        if (name.isEmpty() || name.get().isBlank()) {
            problems.add(0, "the entry at " + path + " has no Name");
            return null;
        }
        State state = State.UNKNOWN;
        Optional<String> status = Json.enumName(item, "Status", path, STATUS_NUMBERS, problems);
        if (status.isEmpty()) {
            problems.add(0, "the entry of " + name.get() + " has no Status");
        } else {
            state = switch (Json.key(status.get())) {
            case "stopped" -> State.STOPPED;
            case "startpending" -> State.START_PENDING;
            case "stoppending" -> State.STOP_PENDING;
            case "running" -> State.RUNNING;
            case "continuepending" -> State.CONTINUE_PENDING;
            case "pausepending" -> State.PAUSE_PENDING;
            case "paused" -> State.PAUSED;
            case "notfound" -> State.NOT_INSTALLED;
            default -> {
                problems.add(0, "unknown Status " + Output.quote(status.get()) + " of " + name.get());
                yield State.UNKNOWN;
            }
            };
        }
        StartType startType = StartType.UNKNOWN;
        Optional<String> start = Json.enumName(item, "StartType", path, START_NUMBERS, problems);
        if (start.isPresent() && !start.get().isEmpty()) {
            startType = switch (Json.key(start.get())) {
            case "boot" -> StartType.BOOT;
            case "system" -> StartType.SYSTEM;
            case "automatic" -> StartType.AUTOMATIC;
            case "automaticdelayedstart" -> StartType.AUTOMATIC_DELAYED;
            case "manual" -> StartType.MANUAL;
            case "disabled" -> StartType.DISABLED;
            default -> {
                problems.add(0, "unknown StartType " + Output.quote(start.get()) + " of " + name.get());
                yield StartType.UNKNOWN;
            }
            };
        }
        Optional<String> displayName = Json.string(item, "DisplayName", path, problems).filter(s -> !s.isBlank());
        return new Service(name.get(), displayName, state, startType, OptionalInt.empty(), OptionalInt.empty());
    }

    private static int indexOf(List<String> names, String name, int from) {
        for (int i = from; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        for (int i = 0; i < from; i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** A failed query, e.g. {@code [SC] EnumQueryServicesStatus:OpenService FAILED 1060:}. */
    private record Failure(int line, long code) {
    }

    private static List<Object> segments(List<String> lines, Problems problems) {
        List<Object> segments = new ArrayList<>();
        int i = 0;
        int messageLines = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            String trimmed = line.strip();
            int number = i + 1;
            if (trimmed.isEmpty()) {
                i++;
                continue;
            }
            if (trimmed.startsWith("SERVICE_NAME:")) {
                i = block(lines, i, segments, problems);
                messageLines = 0;
                continue;
            }
            Matcher failed = FAILED.matcher(trimmed);
            if (failed.matches()) {
                segments.add(new Failure(number, Long.parseLong(failed.group(1))));
                messageLines = 3; // the localized explanation that follows
                i++;
                continue;
            }
            if (messageLines > 0 && !Character.isWhitespace(line.charAt(0))) {
                messageLines--; // part of the explanation of a failure
                i++;
                continue;
            }
            problems.add(number, "not a line sc.exe writes: " + Output.quote(line));
            i++;
        }
        return segments;
    }

    /** Reads one SERVICE_NAME entry starting at {@code start}; returns the index after it. */
    private static int block(List<String> lines, int start, List<Object> segments, Problems problems) {
        String name = lines.get(start).strip().substring("SERVICE_NAME:".length()).strip();
        int i = start + 1;
        Optional<String> displayName = Optional.empty();
        if (i < lines.size() && lines.get(i).startsWith("DISPLAY_NAME:")) {
            displayName = Optional.of(lines.get(i).substring("DISPLAY_NAME:".length()).strip());
            i++;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, Integer> fieldLines = new LinkedHashMap<>();
        for (; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || !Character.isWhitespace(line.charAt(0))) {
                break;
            }
            if (CONTROLS.matcher(line).matches()) {
                continue;
            }
            Matcher field = FIELD.matcher(line);
            if (!field.matches()) {
                problems.add(i + 1, "not a line sc.exe writes: " + Output.quote(line));
                continue;
            }
            String label = field.group(1);
            if (!REQUIRED.contains(label) && !OPTIONAL.contains(label)) {
                problems.add(i + 1, "unknown label " + label + " (only the English labels of sc.exe are read)");
                continue;
            }
            fields.put(label, field.group(2).strip());
            fieldLines.put(label, i + 1);
        }
        State state = State.UNKNOWN;
        List<String> missing = REQUIRED.stream().filter(label -> !fields.containsKey(label)).toList();
        if (name.isEmpty()) {
            problems.add(start + 1, "the SERVICE_NAME line names no service");
            return i;
        }
        if (!missing.isEmpty()) {
            problems.add(start + 1, "the entry of " + name + " lacks " + String.join(", ", missing)
                    + " (the output was cut off?); its state is not trusted");
        } else {
            state = state(fields.get("STATE"), fieldLines.get("STATE"), problems);
        }
        OptionalInt exitCode = exitCode(fields.get("WIN32_EXIT_CODE"), fieldLines.get("WIN32_EXIT_CODE"), problems);
        OptionalInt pid = OptionalInt.empty();
        if (fields.containsKey("PID")) {
            OptionalLong parsed = Numbers.parseInteger(fields.get("PID"));
            if (parsed.isPresent() && parsed.getAsLong() >= 0 && parsed.getAsLong() <= Integer.MAX_VALUE) {
                pid = OptionalInt.of((int) parsed.getAsLong());
            } else {
                problems.add(fieldLines.get("PID"), "PID " + Output.quote(fields.get("PID")) + " is not a number");
            }
        }
        segments.add(new Service(name, displayName, state, StartType.UNKNOWN, exitCode, pid));
        return i;
    }

    private static State state(String value, int line, Problems problems) {
        Matcher matcher = STATE.matcher(value);
        if (!matcher.matches()) {
            problems.add(line, "STATE " + Output.quote(value) + " is not a code and a name");
            return State.UNKNOWN;
        }
        Optional<State> byCode = State.ofCode(Long.parseLong(matcher.group(1)));
        String name = matcher.group(2);
        if (byCode.isEmpty() || !byCode.get().name().equals(name)) {
            problems.add(line, "STATE " + Output.quote(value) + ": the code and the name do not agree");
            return State.UNKNOWN;
        }
        return byCode.get();
    }

    private static OptionalInt exitCode(String value, Integer line, Problems problems) {
        if (value == null) {
            return OptionalInt.empty();
        }
        Matcher matcher = EXIT_CODE.matcher(value);
        if (matcher.matches()) {
            OptionalLong decimal = Numbers.parseInteger(matcher.group(1));
            long hex = Long.parseLong(matcher.group(2), 16);
            if (decimal.isPresent() && (decimal.getAsLong() == hex || decimal.getAsLong() == (int) hex)) {
                return OptionalInt.of((int) hex);
            }
        }
        problems.add(line, "WIN32_EXIT_CODE " + Output.quote(value) + " is not a code with its hexadecimal form");
        return OptionalInt.empty();
    }
}
