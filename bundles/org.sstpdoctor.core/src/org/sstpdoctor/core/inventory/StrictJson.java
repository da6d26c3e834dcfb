package org.sstpdoctor.core.inventory;

import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;

/**
 * Reads a JSON document strictly (RFC 8259: no comments, no single quotes, nothing after the
 * value), rejects duplicate names and deep nesting, and remembers on which line each field is.
 */
final class StrictJson {

    /** Deeper nesting than a server file needs is refused rather than followed. */
    static final int MAX_DEPTH = 16;

    private static final Pattern LOCATION = Pattern.compile(" at line (\\d+) column (\\d+)");

    /** A parsed document: its top-level object and the line of each field path. */
    record Document(JsonObject root, Map<String, Integer> lines) {

        int lineOf(String path) {
            return lines.getOrDefault(path, 0);
        }
    }

    private final JsonReader reader;
    private final Map<String, Integer> lines = new HashMap<>();

    private StrictJson(String text) {
        reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
    }

    /** Parses {@code text}, whose top level must be an object. */
    static Document parse(String text) throws ServerFileException {
        return new StrictJson(text).document();
    }

    private Document document() throws ServerFileException {
        try {
            JsonToken first = reader.peek();
            if (first != JsonToken.BEGIN_OBJECT) {
                throw new ServerFileException(null, line(), "not a server file: its top level is "
                        + describe(first) + ", not a JSON object");
            }
            JsonObject root = (JsonObject) value("", 1);
            if (!atEnd()) {
                throw new ServerFileException(null, line(), "not JSON: there is more after the closing '}'"
                        + position());
            }
            return new Document(root, Map.copyOf(lines));
        } catch (EOFException end) {
            throw new ServerFileException(null, line(), "not JSON: the file ends too early" + position());
        } catch (MalformedJsonException | IllegalStateException | NumberFormatException malformed) {
            throw new ServerFileException(null, line(), "not JSON: " + reason(malformed) + position());
        } catch (IOException unexpected) { // a StringReader does not fail, but JsonReader declares it
            throw new ServerFileException(null, line(), "not JSON: " + unexpected.getMessage());
        }
    }

    /** Whether only white space follows; a strict reader refuses a second value rather than peeking at it. */
    private boolean atEnd() throws IOException {
        try {
            return reader.peek() == JsonToken.END_DOCUMENT;
        } catch (MalformedJsonException secondValue) {
            return false;
        }
    }

    private JsonElement value(String path, int depth) throws IOException, ServerFileException {
        if (depth > MAX_DEPTH) {
            throw new ServerFileException(path, line(), "not a server file: "
                    + (path.isEmpty() ? "values" : "field \"" + path + "\"") + " nested deeper than " + MAX_DEPTH
                    + " levels");
        }
        switch (reader.peek()) {
            case BEGIN_OBJECT -> {
                JsonObject object = new JsonObject();
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = reader.nextName();
                    String child = path.isEmpty() ? name : path + "." + name;
                    if (object.has(name)) {
                        throw new ServerFileException(child, line(), "field \"" + child + "\" appears twice");
                    }
                    lines.putIfAbsent(child, line());
                    object.add(name, value(child, depth + 1));
                }
                reader.endObject();
                return object;
            }
            case BEGIN_ARRAY -> {
                JsonArray array = new JsonArray();
                reader.beginArray();
                while (reader.hasNext()) {
                    array.add(value(path + "[" + array.size() + "]", depth + 1));
                }
                reader.endArray();
                return array;
            }
            case STRING -> {
                return new JsonPrimitive(reader.nextString());
            }
            case NUMBER -> {
                return new JsonPrimitive(new BigDecimal(reader.nextString()));
            }
            case BOOLEAN -> {
                return new JsonPrimitive(reader.nextBoolean());
            }
            case NULL -> {
                reader.nextNull();
                return JsonNull.INSTANCE;
            }
            default -> throw new MalformedJsonException("Expected a value");
        }
    }

    /** How a JSON value is called in messages: "a string", "a number", ... */
    static String describe(JsonElement element) {
        if (element == null || element.isJsonNull()) {
            return "null";
        }
        if (element.isJsonObject()) {
            return "an object";
        }
        if (element.isJsonArray()) {
            return "an array";
        }
        JsonPrimitive primitive = element.getAsJsonPrimitive();
        return primitive.isString() ? "a string" : primitive.isNumber() ? "a number" : "true or false";
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case BEGIN_ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case NULL -> "null";
            case END_DOCUMENT -> "empty";
            default -> token.toString();
        };
    }

    /** Gson's reason, without its location, advice and links, which do not help a user. */
    private static String reason(Exception e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int cut = message.indexOf(" at line ");
        if (cut < 0) {
            cut = message.indexOf('\n');
        }
        String reason = (cut < 0 ? message : message.substring(0, cut)).strip();
        if (reason.startsWith("Use JsonReader.setStrictness")) {
            return "this is not strict JSON (comments, single quotes, unquoted names and words, and"
                    + " special numbers are not allowed)";
        }
        return switch (reason) {
            case "" -> "malformed JSON";
            case "Unterminated object" -> "a ',' or '}' is missing";
            case "Unterminated array" -> "a ',' or ']' is missing";
            case "Unterminated string" -> "a string is not closed";
            case "Expected name" -> "a field name is missing (a trailing comma?)";
            case "Expected ':'" -> "a ':' is missing";
            case "Expected value" -> "a value is missing";
            default -> Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
        };
    }

    private int line() {
        Matcher m = LOCATION.matcher(reader.toString());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private String position() {
        Matcher m = LOCATION.matcher(reader.toString());
        return m.find() ? " (line " + m.group(1) + ", column " + m.group(2) + ")" : "";
    }
}
