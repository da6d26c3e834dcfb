package org.sstpdoctor.remote.commands;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * Reading what {@code ConvertTo-Json} writes, in the shapes of Windows PowerShell 5.1 and of
 * PowerShell 7: a single object where an array was meant (5.1 and 7 unwrap a one-element
 * pipeline), an array wrapped as <code>{"value":[...],"Count":n}</code> (5.1 with an array that
 * carries extended type data), enums as numbers, dates as {@code \/Date(ms)\/} or ISO 8601, and
 * numbers as localized strings when a script formatted them. Problems name the JSON path
 * ({@code $[1].LocalPort}); a compressed document is one line, so they carry line 0.
 */
final class Json {

    /** Deeper nesting than any catalog script writes is refused rather than followed. */
    static final int MAX_DEPTH = 32;

    private static final Pattern GSON_LINE = Pattern.compile(" line (\\d+) column (\\d+)");
    private static final List<String> STREAM_PREFIXES = List.of("WARNING:", "VERBOSE:", "DEBUG:", "INFORMATION:");

    private Json() {
    }

    /**
     * The JSON document of a PowerShell output. Lines before it that PowerShell wrote from its
     * warning, verbose or debug streams are reported (a depth warning means the JSON was cut) and
     * skipped; anything else that is not one JSON value is a problem and gives nothing.
     */
    static Optional<JsonElement> read(String text, Problems problems) {
        String json = skipStreamLines(text, problems);
        if (json.isBlank()) {
            problems.add(0, "there is no JSON in the output");
            return Optional.empty();
        }
        int depth = depth(json);
        if (depth > MAX_DEPTH) {
            problems.add(0, "the JSON nests " + depth + " levels deep, more than the " + MAX_DEPTH
                    + " this parser follows; it was not read");
            return Optional.empty();
        }
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        try {
            JsonElement root = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                problems.add(lineOf(reader.toString()), "there is more after the JSON value (truncated or mixed output?)");
                return Optional.empty();
            }
            return Optional.of(root);
        } catch (JsonParseException | IOException | IllegalStateException | NumberFormatException malformed) {
            String message = String.valueOf(malformed.getMessage());
            boolean cut = malformed.getCause() instanceof java.io.EOFException || message.contains("End of input")
                    || atEnd(json, message);
            problems.add(lineOf(message), cut ? "the JSON ends too early (the output was cut off)"
                    : "the output is not valid JSON" + position(message));
            return Optional.empty();
        }
    }

    /**
     * The objects of a document that holds a list: an array; a single object (one item, not
     * wrapped); <code>{"value":[...],"Count":n}</code>. Items that are not
     * objects are reported and skipped. {@code null} is reported: the catalog's scripts write an
     * empty list as {@code []}.
     */
    static List<JsonObject> items(JsonElement root, String path, Problems problems) {
        List<JsonObject> items = new ArrayList<>();
        JsonElement list = unwrapArray(root);
        if (list == null || list.isJsonNull()) {
            problems.add(0, "expected a list at " + path + ", found null");
            return items;
        }
        if (list.isJsonObject()) {
            items.add(list.getAsJsonObject());
            return items;
        }
        if (!list.isJsonArray()) {
            problems.add(0, "expected a list of objects at " + path + ", found " + describe(list));
            return items;
        }
        JsonArray array = list.getAsJsonArray();
        for (int i = 0; i < array.size(); i++) {
            JsonElement item = array.get(i);
            if (item.isJsonObject()) {
                items.add(item.getAsJsonObject());
            } else {
                problems.add(0, "expected an object at " + path + "[" + i + "], found " + describe(item));
            }
        }
        return items;
    }

    /** The array inside the 5.1 wrapper <code>{"value":[...],"Count":n}</code>, else the element itself. */
    static JsonElement unwrapArray(JsonElement element) {
        if (element != null && element.isJsonObject()) {
            JsonObject object = element.getAsJsonObject();
            JsonElement value = object.get("value");
            if (value != null && value.isJsonArray() && object.has("Count") && object.size() == 2) {
                return value;
            }
        }
        return element;
    }

    /** A member by its exact name, else by its name in any case; {@code null} when absent. */
    static JsonElement member(JsonObject object, String name) {
        JsonElement exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** A string, number or boolean member as text; empty when absent or {@code null}. */
    static Optional<String> string(JsonObject object, String name, String path, Problems problems) {
        JsonElement value = member(object, name);
        if (value == null || value.isJsonNull()) {
            return Optional.empty();
        }
        if (value.isJsonPrimitive()) {
            return Optional.of(value.getAsString());
        }
        problems.add(0, "expected text at " + path + "." + name + ", found " + describe(value));
        return Optional.empty();
    }

    /**
     * A whole number member: a JSON number, or a string holding a plain, grouped or localized
     * integer. Empty when absent or {@code null}; reported when present but not an integer.
     */
    static OptionalLong integer(JsonObject object, String name, String path, Problems problems) {
        JsonElement value = member(object, name);
        if (value == null || value.isJsonNull()) {
            return OptionalLong.empty();
        }
        if (value.isJsonPrimitive()) {
            JsonPrimitive primitive = value.getAsJsonPrimitive();
            if (primitive.isNumber()) {
                try {
                    return OptionalLong.of(primitive.getAsBigDecimal().longValueExact());
                } catch (ArithmeticException notWhole) {
                    // reported below
                }
            } else if (primitive.isString()) {
                OptionalLong parsed = Numbers.parseInteger(primitive.getAsString());
                if (parsed.isPresent()) {
                    return parsed;
                }
            }
        }
        problems.add(0, "expected a whole number at " + path + "." + name + ", found " + describe(value));
        return OptionalLong.empty();
    }

    /**
     * A boolean member: {@code true}/{@code false}, or the strings {@code "True"}/{@code "False"}
     * (an enum written with {@code [string]}). Empty when absent or {@code null}; reported when
     * present but neither.
     */
    static Optional<Boolean> bool(JsonObject object, String name, String path, Problems problems) {
        JsonElement value = member(object, name);
        if (value == null || value.isJsonNull()) {
            return Optional.empty();
        }
        if (value.isJsonPrimitive()) {
            JsonPrimitive primitive = value.getAsJsonPrimitive();
            if (primitive.isBoolean()) {
                return Optional.of(primitive.getAsBoolean());
            }
            if (primitive.isString()) {
                String s = primitive.getAsString().strip();
                if (s.equalsIgnoreCase("true")) {
                    return Optional.of(true);
                }
                if (s.equalsIgnoreCase("false")) {
                    return Optional.of(false);
                }
            }
        }
        problems.add(0, "expected true or false at " + path + "." + name + ", found " + describe(value));
        return Optional.empty();
    }

    /**
     * A date member in either PowerShell's form (see {@link Dates}), also inside the 5.1 wrapper
     * <code>{"value":"\/Date(..)\/","DisplayHint":2,"DateTime":"..."}</code> that a DateTime with
     * extended type data becomes. Empty when absent or {@code null}; reported when unreadable.
     */
    static Optional<Instant> date(JsonObject object, String name, String path, Problems problems) {
        JsonElement value = member(object, name);
        if (value == null || value.isJsonNull()) {
            return Optional.empty();
        }
        if (value.isJsonObject() && value.getAsJsonObject().has("value")) {
            value = value.getAsJsonObject().get("value");
        }
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
            Optional<Instant> date = Dates.parse(value.getAsString());
            if (date.isPresent()) {
                return date;
            }
        }
        problems.add(0, "expected a date at " + path + "." + name + ", found " + describe(value));
        return Optional.empty();
    }

    /** A member holding one string or a list of strings (either shape); empty list when absent. */
    static List<String> strings(JsonObject object, String name, String path, Problems problems) {
        JsonElement value = unwrapArray(member(object, name));
        List<String> strings = new ArrayList<>();
        if (value == null || value.isJsonNull()) {
            return strings;
        }
        if (value.isJsonPrimitive()) {
            strings.add(value.getAsString());
            return strings;
        }
        if (value.isJsonArray()) {
            for (JsonElement item : value.getAsJsonArray()) {
                if (item.isJsonPrimitive()) {
                    strings.add(item.getAsString());
                } else if (!item.isJsonNull()) {
                    problems.add(0, "expected text in the list at " + path + "." + name + ", found " + describe(item));
                }
            }
            return strings;
        }
        problems.add(0, "expected a list of text at " + path + "." + name + ", found " + describe(value));
        return strings;
    }

    /**
     * An enum member written as its name ({@code "Running"}, what {@code [string]} gives and
     * {@code -EnumsAsStrings} writes) or as its number (what {@code ConvertTo-Json} writes by
     * default). Numbers are mapped with {@code names}; the name is returned as written. Empty
     * when absent or {@code null}; reported when a number has no name or the value is neither.
     */
    static Optional<String> enumName(JsonObject object, String name, String path, Map<Long, String> names,
            Problems problems) {
        JsonElement value = member(object, name);
        if (value == null || value.isJsonNull()) {
            return Optional.empty();
        }
        if (value.isJsonPrimitive()) {
            JsonPrimitive primitive = value.getAsJsonPrimitive();
            if (primitive.isString()) {
                return Optional.of(primitive.getAsString().strip());
            }
            if (primitive.isNumber()) {
                try {
                    String mapped = names.get(primitive.getAsBigDecimal().longValueExact());
                    if (mapped != null) {
                        return Optional.of(mapped);
                    }
                } catch (ArithmeticException notWhole) {
                    // reported below
                }
                problems.add(0, "unknown value " + primitive + " at " + path + "." + name);
                return Optional.empty();
            }
        }
        problems.add(0, "expected a name or a number at " + path + "." + name + ", found " + describe(value));
        return Optional.empty();
    }

    /** Lower-cased and stripped of spaces, hyphens and underscores, to compare enum names. */
    static String key(String name) {
        StringBuilder key = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != ' ' && c != '-' && c != '_') {
                key.append(c);
            }
        }
        return key.toString().toLowerCase(Locale.ROOT);
    }

    static String describe(JsonElement element) {
        if (element == null || element.isJsonNull()) {
            return "null";
        }
        if (element.isJsonArray()) {
            return "a list";
        }
        if (element.isJsonObject()) {
            return "an object";
        }
        JsonPrimitive primitive = element.getAsJsonPrimitive();
        return primitive.isString() ? Output.quote(primitive.getAsString()) : primitive.toString();
    }

    private static String skipStreamLines(String text, Problems problems) {
        int start = 0;
        int line = 1;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            String content = (end < 0 ? text.substring(start) : text.substring(start, end)).strip();
            boolean streamLine = false;
            for (String prefix : STREAM_PREFIXES) {
                if (content.regionMatches(true, 0, prefix, 0, prefix.length())) {
                    streamLine = true;
                }
            }
            if (!streamLine) {
                break;
            }
            problems.add(line, "PowerShell reported: " + Output.quote(content));
            if (end < 0) {
                return "";
            }
            start = end + 1;
            line++;
        }
        return text.substring(start);
    }

    private static int depth(String json) {
        int depth = 0;
        int max = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                max = Math.max(max, ++depth);
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return max;
    }

    /** Whether the position of a Gson message is the end of the text: the output stopped in mid-value. */
    private static boolean atEnd(String json, String message) {
        Matcher matcher = GSON_LINE.matcher(message);
        if (!matcher.find()) {
            return false;
        }
        String[] lines = json.stripTrailing().split("\n", -1);
        int line = Integer.parseInt(matcher.group(1));
        int column = Integer.parseInt(matcher.group(2));
        return line == lines.length && column >= lines[lines.length - 1].stripTrailing().length();
    }

    private static int lineOf(String message) {
        Matcher matcher = GSON_LINE.matcher(message == null ? "" : message);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    private static String position(String message) {
        Matcher matcher = GSON_LINE.matcher(message == null ? "" : message);
        return matcher.find() ? " (at line " + matcher.group(1) + ", column " + matcher.group(2) + ")" : "";
    }
}
