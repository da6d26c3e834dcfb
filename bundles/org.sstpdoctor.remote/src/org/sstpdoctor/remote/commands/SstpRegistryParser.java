package org.sstpdoctor.remote.commands;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sstpdoctor.remote.commands.SstpRegistryEvidence.KeyState;
import org.sstpdoctor.remote.commands.SstpRegistryEvidence.Value;
import org.sstpdoctor.remote.commands.SstpRegistryEvidence.ValueKind;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * Reads the SstpSvc parameters from {@code reg query} and from the JSON of the catalog's script.
 * <p>
 * {@code reg query "HKLM\SYSTEM\CurrentControlSet\Services\SstpSvc\Parameters"} prints the full
 * key name, then one line per value, its name, type and data separated by four spaces, then the
 * full names of the subkeys:
 * </p>
 * <pre>
 * HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\SstpSvc\Parameters
 *     ListenerPort    REG_DWORD    0x1bb
 *     Sha256CertificateHash    REG_BINARY    5E3A...
 * </pre>
 * <p>
 * DWORDs and QWORDs are hexadecimal with {@code 0x}, binary data is hexadecimal, REG_MULTI_SZ
 * strings are separated by {@code \0}. A missing key is
 * {@code ERROR: The system was unable to find the specified registry key or value.}; any other
 * {@code ERROR:} line (access denied, or the message in another language) is a problem.
 * </p>
 * <p>
 * The catalog's PowerShell form writes
 * <code>{"Path":"...","Exists":true,"Values":[{"Name":"ListenerPort","Kind":"DWord","Value":443},...]}</code>
 * (the kinds of {@code RegistryValueKind}, by name or number; binary data as a list of bytes).
 * The flat object of {@code Get-ItemProperty | ConvertTo-Json} is read too, recognised by its
 * {@code PSPath}, its types inferred from the JSON (a number is a DWORD, a list of bytes binary, a
 * list of strings REG_MULTI_SZ). Any other JSON is a problem: only these two tell whether the key
 * exists.
 * </p>
 */
public final class SstpRegistryParser {

    private static final Pattern VALUE = Pattern.compile(" {4}(\\S.*?) {4}(REG_[A-Z0-9_]+)(?: {4}(.*?))?\\s*");
    private static final String NOT_FOUND = "ERROR: The system was unable to find the specified registry key or value.";
    private static final Map<Long, String> KIND_NUMBERS = Map.of(-1L, "None", 0L, "Unknown", 1L, "String", 2L,
            "ExpandString", 3L, "Binary", 4L, "DWord", 7L, "MultiString", 11L, "QWord");
    private static final Set<String> PS_PROPERTIES = Set.of("PSPath", "PSParentPath", "PSChildName", "PSDrive",
            "PSProvider");

    private SstpRegistryParser() {
    }

    /** Reads the output of {@code reg query} of the key. */
    public static ParseResult<SstpRegistryEvidence> parseRegQuery(String output) {
        return Output.guard(output, SstpRegistryEvidence.unknown(), (text, problems) -> {
            List<String> lines = Output.lines(text, problems);
            KeyState state = KeyState.UNKNOWN;
            List<Value> values = new ArrayList<>();
            boolean subkeys = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                int number = i + 1;
                if (line.isBlank()) {
                    continue;
                }
                if (state == KeyState.UNKNOWN) {
                    if (line.strip().equals(NOT_FOUND)) {
                        state = KeyState.MISSING;
                    } else if (line.equalsIgnoreCase(SstpRegistryEvidence.KEY)) {
                        state = KeyState.PRESENT;
                    } else {
                        problems.add(number, "not the key name or the error reg.exe writes in English: " + Output.quote(line));
                    }
                    continue;
                }
                if (state == KeyState.MISSING) {
                    problems.add(number, "output after the error: " + Output.quote(line));
                    continue;
                }
                if (line.regionMatches(true, 0, SstpRegistryEvidence.KEY + "\\", 0, SstpRegistryEvidence.KEY.length() + 1)) {
                    subkeys = true; // a subkey; its values are not listed
                    continue;
                }
                Matcher matcher = VALUE.matcher(line);
                if (subkeys || !matcher.matches()) {
                    problems.add(number, "not a value line of reg.exe: " + Output.quote(line));
                    continue;
                }
                Value value = textValue(matcher.group(1), matcher.group(2), matcher.group(3) == null ? "" : matcher.group(3),
                        number, problems);
                values.add(value);
            }
            if (state == KeyState.UNKNOWN) {
                problems.add(0, "reg.exe printed neither the key nor the error that it does not exist");
            }
            return new SstpRegistryEvidence(state, values, problems.isEmpty());
        });
    }

    /** Reads the JSON of the catalog's script, or of {@code Get-ItemProperty} on the key. */
    public static ParseResult<SstpRegistryEvidence> parseJson(String output) {
        return Output.guard(output, SstpRegistryEvidence.unknown(), (text, problems) -> {
            Optional<JsonElement> root = Json.read(text, problems);
            if (root.isEmpty()) {
                return SstpRegistryEvidence.unknown();
            }
            JsonElement document = root.get();
            JsonElement list;
            if (document.isJsonObject() && (Json.member(document.getAsJsonObject(), "Exists") != null
                    || Json.member(document.getAsJsonObject(), "Values") != null)) {
                JsonObject wrapper = document.getAsJsonObject();
                Optional<Boolean> exists = Json.bool(wrapper, "Exists", "$", problems);
                if (exists.isEmpty()) {
                    problems.add(0, "the output does not say whether the key exists");
                    return SstpRegistryEvidence.unknown();
                }
                if (!exists.get()) {
                    return new SstpRegistryEvidence(KeyState.MISSING, List.of(), problems.isEmpty());
                }
                list = Json.member(wrapper, "Values");
            } else if (document.isJsonObject()) {
                Optional<String> psPath = Json.string(document.getAsJsonObject(), "PSPath", "$", problems);
                if (psPath.isEmpty() || !psPath.get().toLowerCase(Locale.ROOT).endsWith("\\sstpsvc\\parameters")) {
                    problems.add(0, "the object is neither the output of the catalog's script nor Get-ItemProperty of the key");
                    return SstpRegistryEvidence.unknown();
                }
                return new SstpRegistryEvidence(KeyState.PRESENT, flat(document.getAsJsonObject(), problems),
                        problems.isEmpty());
            } else {
                problems.add(0, "expected the object of the catalog's script or of Get-ItemProperty, found "
                        + Json.describe(document));
                return SstpRegistryEvidence.unknown();
            }
            List<Value> values = new ArrayList<>();
            List<JsonObject> items = Json.items(list, "$.Values", problems);
            for (int i = 0; i < items.size(); i++) {
                Value value = jsonValue(items.get(i), "$.Values[" + i + "]", problems);
                if (value != null) {
                    values.add(value);
                }
            }
            return new SstpRegistryEvidence(KeyState.PRESENT, values, problems.isEmpty());
        });
    }

    private static Value textValue(String name, String type, String data, int line, Problems problems) {
        String label = "the value " + name + " (" + type + ")";
        switch (type) {
        case "REG_DWORD", "REG_QWORD", "REG_DWORD_BIG_ENDIAN" -> {
            OptionalLong number = Numbers.parseHex(data);
            if (number.isEmpty() || type.equals("REG_DWORD") && number.getAsLong() > 0xFFFFFFFFL) {
                problems.add(line, label + " holds " + Output.quote(data) + ", not a hexadecimal number");
                number = OptionalLong.empty();
            }
            return new Value(name, type.equals("REG_QWORD") ? ValueKind.QWORD : ValueKind.DWORD, number, "", List.of());
        }
        case "REG_BINARY", "REG_NONE" -> {
            Optional<String> hex = data.isEmpty() ? Optional.of("") : Hex.normalize(data);
            if (hex.isEmpty()) {
                problems.add(line, label + " holds " + Output.quote(data) + ", not hexadecimal bytes");
            }
            return new Value(name, type.equals("REG_BINARY") ? ValueKind.BINARY : ValueKind.NONE, OptionalLong.empty(),
                    hex.orElse(""), List.of());
        }
        case "REG_SZ" -> {
            return new Value(name, ValueKind.SZ, OptionalLong.empty(), "", List.of(data));
        }
        case "REG_EXPAND_SZ" -> {
            return new Value(name, ValueKind.EXPAND_SZ, OptionalLong.empty(), "", List.of(data));
        }
        case "REG_MULTI_SZ" -> {
            List<String> strings = new ArrayList<>(Arrays.asList(data.split("\\\\0", -1)));
            while (!strings.isEmpty() && strings.get(strings.size() - 1).isEmpty()) {
                strings.remove(strings.size() - 1);
            }
            return new Value(name, ValueKind.MULTI_SZ, OptionalLong.empty(), "", strings);
        }
        default -> {
            return new Value(name, ValueKind.OTHER, OptionalLong.empty(), "", List.of(data));
        }
        }
    }

    private static Value jsonValue(JsonObject item, String path, Problems problems) {
        Optional<String> name = Json.string(item, "Name", path, problems);
        Optional<String> kind = Json.enumName(item, "Kind", path, KIND_NUMBERS, problems);
        if (name.isEmpty() || kind.isEmpty()) {
            problems.add(0, "the value at " + path + " lacks its Name or Kind");
            return null;
        }
        JsonElement data = Json.unwrapArray(Json.member(item, "Value"));
        String label = "the value " + name.get() + " (" + kind.get() + ")";
        switch (Json.key(kind.get())) {
        case "dword", "qword" -> {
            boolean dword = Json.key(kind.get()).equals("dword");
            OptionalLong number = Json.integer(item, "Value", path, problems);
            if (number.isPresent() && dword) {
                long n = number.getAsLong();
                // GetValue returns a DWORD as a signed 32-bit integer
                number = n >= Integer.MIN_VALUE && n <= 0xFFFFFFFFL ? OptionalLong.of(n & 0xFFFFFFFFL) : OptionalLong.empty();
                if (number.isEmpty()) {
                    problems.add(0, label + " is out of the range of a DWORD");
                }
            }
            return new Value(name.get(), dword ? ValueKind.DWORD : ValueKind.QWORD, number, "", List.of());
        }
        case "binary", "none" -> {
            Optional<String> hex = bytes(data);
            if (hex.isEmpty()) {
                problems.add(0, label + " at " + path + " is not a list of bytes");
            }
            return new Value(name.get(), Json.key(kind.get()).equals("binary") ? ValueKind.BINARY : ValueKind.NONE,
                    OptionalLong.empty(), hex.orElse(""), List.of());
        }
        case "string", "expandstring" -> {
            Optional<String> s = Json.string(item, "Value", path, problems);
            return new Value(name.get(), Json.key(kind.get()).equals("string") ? ValueKind.SZ : ValueKind.EXPAND_SZ,
                    OptionalLong.empty(), "", s.map(List::of).orElse(List.of()));
        }
        case "multistring" -> {
            return new Value(name.get(), ValueKind.MULTI_SZ, OptionalLong.empty(), "",
                    Json.strings(item, "Value", path, problems));
        }
        default -> {
            problems.add(0, "unknown Kind " + Output.quote(kind.get()) + " at " + path);
            return new Value(name.get(), ValueKind.OTHER, OptionalLong.empty(), "", List.of());
        }
        }
    }

    /** The values of {@code Get-ItemProperty}'s flat object, their types inferred from the JSON. */
    private static List<Value> flat(JsonObject object, Problems problems) {
        List<Value> values = new ArrayList<>();
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            String name = entry.getKey();
            if (PS_PROPERTIES.contains(name)) {
                continue;
            }
            JsonElement data = Json.unwrapArray(entry.getValue());
            if (data.isJsonPrimitive() && data.getAsJsonPrimitive().isNumber()) {
                OptionalLong n = Json.integer(object, name, "$", problems);
                boolean dword = n.isPresent() && n.getAsLong() >= Integer.MIN_VALUE && n.getAsLong() <= 0xFFFFFFFFL;
                values.add(new Value(name, dword ? ValueKind.DWORD : ValueKind.QWORD,
                        dword ? OptionalLong.of(n.getAsLong() & 0xFFFFFFFFL) : n, "", List.of()));
            } else if (data.isJsonPrimitive()) {
                values.add(new Value(name, ValueKind.SZ, OptionalLong.empty(), "", List.of(data.getAsString())));
            } else if (data.isJsonArray() && bytes(data).isPresent()) {
                values.add(new Value(name, ValueKind.BINARY, OptionalLong.empty(), bytes(data).get(), List.of()));
            } else if (data.isJsonArray()) {
                values.add(new Value(name, ValueKind.MULTI_SZ, OptionalLong.empty(), "", Json.strings(object, name, "$", problems)));
            } else {
                problems.add(0, "unreadable value $." + name + ": " + Json.describe(data));
            }
        }
        return values;
    }

    /** A JSON list of numbers from 0 to 255 as hexadecimal; empty for anything else. */
    private static Optional<String> bytes(JsonElement data) {
        if (data == null || !data.isJsonArray()) {
            return Optional.empty();
        }
        JsonArray array = data.getAsJsonArray();
        byte[] bytes = new byte[array.size()];
        for (int i = 0; i < array.size(); i++) {
            JsonElement item = array.get(i);
            if (!item.isJsonPrimitive() || !((JsonPrimitive) item).isNumber()) {
                return Optional.empty();
            }
            int b;
            try {
                b = item.getAsBigDecimal().intValueExact();
            } catch (ArithmeticException notByte) {
                return Optional.empty();
            }
            if (b < 0 || b > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) b;
        }
        return Optional.of(Hex.of(bytes));
    }
}
