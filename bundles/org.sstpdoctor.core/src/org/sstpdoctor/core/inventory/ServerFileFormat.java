package org.sstpdoctor.core.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;

/**
 * The server file format, {@code doc/server-file-format.md}: one JSON object per server, with
 * {@code "format":"sstpdoctor-server"} and a version. Reading is strict and explains every
 * refusal by field; writing is deterministic (fixed key order, two-space indent, final newline),
 * so that a file read and written again is byte for byte the same.
 */
public final class ServerFileFormat {

    /** The value of every server file's {@code format} field. */
    public static final String FORMAT = "sstpdoctor-server";

    /** The version this SSTP Doctor writes, and the newest it reads. */
    public static final int VERSION = 1;

    /** The extension of server files, without the dot. */
    public static final String EXTENSION = "server";

    /** The largest server file read, in bytes; real ones are well under 1 KiB. */
    public static final int MAX_SIZE = 64 * 1024;

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern LENIENT_CREDENTIAL_REF = Pattern.compile("\"credentialRef\"\\s*:\\s*\"(" + UUID + ")\"");

    private ServerFileFormat() {
    }

    /**
     * Reads a server file from {@code in}, at most {@link #MAX_SIZE} bytes of it.
     *
     * @throws IOException         when the stream fails
     * @throws ServerFileException when the content is not a valid server file
     */
    public static ServerConfig read(InputStream in) throws IOException, ServerFileException {
        byte[] content = in.readNBytes(MAX_SIZE + 1);
        if (content.length > MAX_SIZE) {
            throw new ServerFileException(null, 0, "the file is too large (more than " + MAX_SIZE
                    + " bytes); a server file is a small JSON object");
        }
        return read(content);
    }

    /**
     * Reads the content of a server file.
     *
     * @throws ServerFileException when it is not a valid server file
     */
    public static ServerConfig read(byte[] content) throws ServerFileException {
        if (content.length > MAX_SIZE) {
            throw new ServerFileException(null, 0, "the file is too large (" + content.length + " bytes, at most "
                    + MAX_SIZE + "); a server file is a small JSON object");
        }
        String text = decode(content);
        if (text.isBlank()) {
            throw new ServerFileException(null, 0, "the file is empty");
        }
        StrictJson.Document document = StrictJson.parse(text);
        return new Fields(document).config();
    }

    /**
     * The content of the server file for {@code config}: UTF-8 JSON, keys in a fixed order,
     * channel options sorted, indented by two spaces, ending with a newline.
     *
     * @throws IllegalArgumentException when {@code config} could not be read back (invalid host,
     *                                  port, tag or credential reference)
     */
    public static byte[] write(ServerConfig config) {
        String problem = problem(config);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.setIndent("  ");
            json.setHtmlSafe(false);
            json.beginObject();
            json.name("format").value(FORMAT);
            json.name("version").value(VERSION);
            json.name("host").value(config.host());
            json.name("sstpPort").value(config.sstpPort());
            ManagementChannel channel = config.channel();
            json.name("channel").beginObject();
            json.name("kind").value(channel.kind().id());
            json.name("port").value(channel.port());
            json.name("user").value(channel.user());
            json.name("options").beginObject();
            for (Map.Entry<String, String> option : channel.options().entrySet()) {
                json.name(option.getKey()).value(option.getValue());
            }
            json.endObject();
            json.endObject();
            json.name("tags").beginArray();
            for (String tag : config.tags()) {
                json.value(tag);
            }
            json.endArray();
            json.name("notes").value(config.notes());
            json.name("credentialRef").value(config.credentialRef());
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Why {@code config} cannot be written (a file written from it could not be read back), or
     * null when it can.
     */
    public static String problem(ServerConfig config) {
        String host = HostNames.problem(config.host());
        if (host != null) {
            return "host \"" + config.host() + "\" is not a valid host name: " + host;
        }
        ManagementChannel channel = config.channel();
        if (needsPort(channel.kind()) && channel.port() == 0) {
            return "the " + channel.kind().id() + " channel needs a port (1-65535)";
        }
        for (String key : channel.options().keySet()) {
            if (key.isEmpty()) {
                return "a channel option has an empty name";
            }
        }
        if (channel.kind() == ChannelKind.WINRM) {
            String winRm = winRmProblem(channel);
            if (winRm != null) {
                return winRm;
            }
        }
        for (String tag : config.tags()) {
            String tagProblem = tagProblem(tag);
            if (tagProblem != null) {
                return "tag \"" + tag + "\" " + tagProblem;
            }
        }
        if (!config.credentialRef().isEmpty() && !isCredentialRef(config.credentialRef())) {
            return "the credential reference is not a UUID";
        }
        return null;
    }

    /**
     * Why the WinRM options of {@code channel} cannot be used, or null: {@code transport} is http or https,
     * {@code auth} is ntlm, kerberos (or negotiate) or basic, Basic only over HTTPS, and the Kerberos
     * {@code realm} and {@code kdc} are given together and well formed.
     */
    public static String winRmProblem(ManagementChannel channel) {
        Map<String, String> o = channel.options();
        String transport = o.getOrDefault("transport", channel.port() == 5986 ? "https" : "http")
                .toLowerCase(java.util.Locale.ROOT);
        if (!transport.equals("http") && !transport.equals("https")) {
            return "the WinRM transport \"" + transport + "\" is not http or https";
        }
        String auth = o.getOrDefault("auth", "ntlm").toLowerCase(java.util.Locale.ROOT);
        switch (auth) {
            case "ntlm", "kerberos", "negotiate" -> {
                // over HTTP these encrypt every message
            }
            case "basic" -> {
                if (!transport.equals("https")) {
                    return "WinRM Basic authentication sends the password in the clear: use it over https only";
                }
            }
            default -> {
                return "the WinRM authentication \"" + auth + "\" is not ntlm, kerberos or basic";
            }
        }
        String realm = blankToNull(o.get("realm"));
        String kdc = blankToNull(o.get("kdc"));
        if ((realm == null) != (kdc == null)) {
            return "give both the Kerberos realm and its KDC, or neither (then the system's krb5.conf is used)";
        }
        if (realm != null && !WINRM_REALM.matcher(realm).matches()) {
            return "\"" + realm + "\" is not a Kerberos realm name";
        }
        if (kdc != null && !WINRM_KDC.matcher(kdc).matches()) {
            return "\"" + kdc + "\" is not a KDC host or host:port";
        }
        String spn = o.get("spn");
        if (spn != null && !spn.isEmpty() && (spn.isBlank() || spn.chars().anyMatch(c -> c <= ' '))) {
            return "\"" + spn + "\" is not a Kerberos principal name";
        }
        return null;
    }

    private static final Pattern WINRM_REALM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,253}");
    private static final Pattern WINRM_KDC = Pattern.compile(
            "(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9][A-Za-z0-9.-]{0,253})(:[0-9]{1,5})?");

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Whether {@code ref} has the form of a credential reference, a UUID. */
    public static boolean isCredentialRef(String ref) {
        return ref != null && UUID.matcher(ref).matches();
    }

    /**
     * The credential reference of a server file, found even when the file cannot be read as a
     * whole (so that deleting a corrupt server still deletes its credentials), or "" when none
     * is found.
     */
    public static String findCredentialRef(byte[] content) {
        try {
            return read(content).credentialRef();
        } catch (ServerFileException unreadable) {
            Matcher m = LENIENT_CREDENTIAL_REF.matcher(new String(content, StandardCharsets.UTF_8));
            return m.find() ? m.group(1) : "";
        }
    }

    static String tagProblem(String tag) {
        if (tag.isBlank()) {
            return "is empty";
        }
        if (tag.indexOf(';') >= 0) {
            return "contains ';', which separates tags in CSV files";
        }
        if (tag.chars().anyMatch(Character::isISOControl)) {
            return "contains a control character";
        }
        return null;
    }

    private static boolean needsPort(ChannelKind kind) {
        return kind == ChannelKind.SSH || kind == ChannelKind.WINRM;
    }

    private static String decode(byte[] content) throws ServerFileException {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new ServerFileException(null, 0, "not a server file: it is not UTF-8 text");
        }
    }

    /** The fields of a parsed server file, read one by one with a message naming each bad one. */
    private static final class Fields {

        private final StrictJson.Document document;

        Fields(StrictJson.Document document) {
            this.document = document;
        }

        ServerConfig config() throws ServerFileException {
            JsonObject root = document.root();
            String format = string(root, "", "format", null);
            if (format == null) {
                throw error("format", "not a server file: field \"format\" is missing (expected \"" + FORMAT + "\")");
            }
            if (!format.equals(FORMAT)) {
                throw error("format", "not a server file: field \"format\" is \"" + format + "\", expected \""
                        + FORMAT + "\"");
            }
            Integer version = integer(root, "", "version", null, Integer.MIN_VALUE, Integer.MAX_VALUE);
            if (version == null) {
                throw error("version", "field \"version\" is missing");
            }
            if (version > VERSION) {
                throw error("version", "field \"version\" is " + version + ": a newer file format than this"
                        + " SSTP Doctor reads (up to " + VERSION + "); update SSTP Doctor to open it");
            }
            if (version < 1) {
                throw error("version", "field \"version\" is " + version + ": an unknown file format version"
                        + " (this SSTP Doctor reads 1 to " + VERSION + ")");
            }
            String host = string(root, "", "host", null);
            if (host == null) {
                throw error("host", "field \"host\" is missing");
            }
            String hostProblem = HostNames.problem(host);
            if (hostProblem != null) {
                throw error("host", "field \"host\": \"" + host + "\" is not a valid host name: " + hostProblem);
            }
            int sstpPort = integer(root, "", "sstpPort", ServerConfig.DEFAULT_SSTP_PORT, 1, 65535);
            ManagementChannel channel = channel(root);
            List<String> tags = tags(root);
            String notes = string(root, "", "notes", "");
            String credentialRef = string(root, "", "credentialRef", "");
            if (!credentialRef.isEmpty() && !isCredentialRef(credentialRef)) {
                throw error("credentialRef", "field \"credentialRef\" is not a UUID");
            }
            return new ServerConfig(host, sstpPort, channel, tags, notes, credentialRef);
        }

        private ManagementChannel channel(JsonObject root) throws ServerFileException {
            JsonElement element = root.get("channel");
            if (element == null) {
                return ManagementChannel.NONE;
            }
            if (!element.isJsonObject()) {
                throw wrongType("channel", "an object", element);
            }
            JsonObject channel = element.getAsJsonObject();
            String kindId = string(channel, "channel", "kind", null);
            if (kindId == null) {
                throw error("channel.kind", "field \"channel.kind\" is missing");
            }
            ChannelKind kind = ChannelKind.fromId(kindId);
            if (kind == null) {
                throw error("channel.kind", "field \"channel.kind\" is \"" + kindId
                        + "\", an unknown channel kind (known: " + knownKinds() + ")");
            }
            int port = integer(channel, "channel", "port", kind.defaultPort(), needsPort(kind) ? 1 : 0, 65535);
            String user = string(channel, "channel", "user", "");
            Map<String, String> options = new LinkedHashMap<>();
            JsonElement optionsElement = channel.get("options");
            if (optionsElement != null) {
                if (!optionsElement.isJsonObject()) {
                    throw wrongType("channel.options", "an object", optionsElement);
                }
                for (Map.Entry<String, JsonElement> option : optionsElement.getAsJsonObject().entrySet()) {
                    if (option.getKey().isEmpty()) {
                        throw error("channel.options", "field \"channel.options\" has an option with an empty name");
                    }
                    options.put(option.getKey(), string(optionsElement.getAsJsonObject(), "channel.options",
                            option.getKey(), null));
                }
            }
            return new ManagementChannel(kind, port, user, options);
        }

        private List<String> tags(JsonObject root) throws ServerFileException {
            JsonElement element = root.get("tags");
            if (element == null) {
                return List.of();
            }
            if (!element.isJsonArray()) {
                throw wrongType("tags", "an array of strings", element);
            }
            List<String> tags = new ArrayList<>();
            int index = 0;
            for (JsonElement tag : element.getAsJsonArray()) {
                String field = "tags[" + index++ + "]";
                if (!tag.isJsonPrimitive() || !tag.getAsJsonPrimitive().isString()) {
                    throw wrongType(field, "a string", tag);
                }
                String problem = tagProblem(tag.getAsString());
                if (problem != null) {
                    throw error("tags", "field \"" + field + "\" " + problem);
                }
                tags.add(tag.getAsString());
            }
            return tags;
        }

        private String string(JsonObject object, String prefix, String name, String absent)
                throws ServerFileException {
            JsonElement element = object.get(name);
            if (element == null) {
                return absent;
            }
            if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
                throw wrongType(path(prefix, name), "a string", element);
            }
            return element.getAsString();
        }

        private Integer integer(JsonObject object, String prefix, String name, Integer absent, int min, int max)
                throws ServerFileException {
            JsonElement element = object.get(name);
            if (element == null) {
                return absent;
            }
            String field = path(prefix, name);
            if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isNumber()) {
                throw wrongType(field, "a number", element);
            }
            BigDecimal number = element.getAsBigDecimal();
            // compare before any rescaling: a number like 1e999999999 must not be expanded
            if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
                throw error(field, "field \"" + field + "\" is " + number + ": out of range " + min + "-" + max);
            }
            if (number.stripTrailingZeros().scale() > 0) {
                throw error(field, "field \"" + field + "\" is " + number + ": it must be a whole number");
            }
            BigDecimal whole = number.setScale(0);
            return whole.intValueExact();
        }

        private ServerFileException wrongType(String field, String expected, JsonElement actual) {
            return error(field, "field \"" + field + "\" must be " + expected + ", not "
                    + StrictJson.describe(actual));
        }

        private ServerFileException error(String field, String message) {
            return new ServerFileException(field, document.lineOf(field), message);
        }

        private static String path(String prefix, String name) {
            return prefix.isEmpty() ? name : prefix + "." + name;
        }

        private static String knownKinds() {
            StringBuilder known = new StringBuilder();
            for (ChannelKind kind : ChannelKind.values()) {
                known.append(known.isEmpty() ? "" : ", ").append(kind.id());
            }
            return known.toString();
        }
    }
}
