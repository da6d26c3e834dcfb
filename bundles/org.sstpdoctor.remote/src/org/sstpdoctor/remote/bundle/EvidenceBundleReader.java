package org.sstpdoctor.remote.bundle;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import org.sstpdoctor.remote.CommandForm;
import org.sstpdoctor.remote.CommandIds;
import org.sstpdoctor.remote.CommandResult;
import org.sstpdoctor.remote.bundle.EvidenceBundle.Problem;
import org.sstpdoctor.remote.internal.Messages;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * Imports an evidence bundle archive ({@link EvidenceBundle} describes the format) without
 * extracting anything to disk. It imports every output it can read and reports, as
 * {@link Problem}s, what is missing, damaged, over a limit or out of place:
 * <ul>
 * <li>each file is read up to a limit ({@link #DEFAULT_MAX_ENTRY_BYTES} unless set), the archive
 * up to a total ({@link #DEFAULT_MAX_TOTAL_BYTES}), and at most {@value #MAX_ENTRIES} entries;
 * a file over a limit is imported cut and marked truncated, so a zip bomb costs no more than the
 * limits;</li>
 * <li>entry names that are absolute, have a drive, or climb with {@code ..} are refused; since
 * nothing is extracted, no entry can write anywhere;</li>
 * <li>a damaged entry is skipped and the others read; an archive whose directory is damaged (a
 * copy cut short) is read entry by entry up to the damage;</li>
 * <li>without a readable manifest, the outputs are imported from their file names, without exit
 * codes.</li>
 * </ul>
 */
public final class EvidenceBundleReader {

    /** The default limit on one file of an archive. */
    public static final long DEFAULT_MAX_ENTRY_BYTES = 32L << 20;
    /** The default limit on all files of an archive together. */
    public static final long DEFAULT_MAX_TOTAL_BYTES = 128L << 20;
    /** The most entries read from an archive. */
    public static final int MAX_ENTRIES = 1000;
    /** The limit on the manifest. */
    public static final long MAX_MANIFEST_BYTES = 1L << 20;

    private static final Pattern OUTPUT_FILE = Pattern.compile("([a-z0-9-]+)\\.([a-z]+)\\.txt");
    private static final Pattern CODE_PAGE = Pattern.compile("(\\d{2,5})");

    private final long maxEntryBytes;
    private final long maxTotalBytes;

    /** A reader with the default limits. */
    public EvidenceBundleReader() {
        this(DEFAULT_MAX_ENTRY_BYTES, DEFAULT_MAX_TOTAL_BYTES);
    }

    /**
     * @param maxEntryBytes the most bytes read from one file of an archive
     * @param maxTotalBytes the most bytes read from all files of an archive together
     */
    public EvidenceBundleReader(long maxEntryBytes, long maxTotalBytes) {
        if (maxEntryBytes < 1 || maxTotalBytes < maxEntryBytes) {
            throw new IllegalArgumentException("limits must be positive, the total at least the per-file one: "
                    + maxEntryBytes + ", " + maxTotalBytes);
        }
        this.maxEntryBytes = maxEntryBytes;
        this.maxTotalBytes = maxTotalBytes;
    }

    /**
     * Reads the archive {@code archive}.
     *
     * @throws IOException when it cannot be opened, or holds no readable entry at all (it is not
     *                     a zip archive)
     */
    public EvidenceBundle read(Path archive) throws IOException {
        Archive content = new Archive(archive.getFileName().toString());
        content.read(archive);
        if (content.entries.isEmpty() && content.seen == 0) {
            throw new IOException(archive + " is not a zip archive, or holds no file");
        }
        List<Problem> problems = content.problems;
        Map<String, Entry> files = content.files();

        Entry manifestEntry = files.remove(EvidenceBundle.MANIFEST);
        Manifest manifest = null;
        if (manifestEntry == null) {
            problems.add(new Problem(EvidenceBundle.MANIFEST, "missing: the outputs were imported from their file "
                    + "names, without exit codes"));
        } else {
            manifest = Manifest.parse(manifestEntry, problems);
        }
        Charset charset = charset(manifest, problems);

        Map<String, CommandResult> results = new LinkedHashMap<>();
        if (manifest != null) {
            for (ManifestCommand command : manifest.commands) {
                if (results.containsKey(command.id)) {
                    problems.add(new Problem(command.file, "the manifest lists " + command.id
                            + " twice; the first is used"));
                    continue;
                }
                Entry file = files.remove(command.file);
                if (file == Entry.DAMAGED) {
                    continue; // reported where it was read
                }
                if (file == null) {
                    problems.add(new Problem(command.file, "missing from the archive, though the manifest lists it"
                            + (command.exitCode == null ? "" : " (exit code " + command.exitCode + ")")));
                    continue;
                }
                results.put(command.id, new CommandResult(command.id, command.form, command.exitCode, file.bytes,
                        new byte[0], charset, file.truncated, command.elapsed));
            }
        }
        for (Map.Entry<String, Entry> left : files.entrySet()) {
            if (left.getValue() == Entry.DAMAGED) {
                continue;
            }
            Matcher name = OUTPUT_FILE.matcher(left.getKey());
            CommandForm form = name.matches() ? CommandForm.fromId(name.group(2)) : null;
            if (form == null || !CommandIds.isValid(name.group(1))) {
                problems.add(new Problem(left.getKey(), "not a file of an evidence bundle; ignored"));
                continue;
            }
            String id = name.group(1);
            if (results.containsKey(id)) {
                problems.add(new Problem(left.getKey(), "a second output of " + id + ", which the manifest does not "
                        + "list; ignored"));
                continue;
            }
            if (manifest != null) {
                problems.add(new Problem(left.getKey(), "not listed in the manifest; imported without an exit code"));
            }
            Entry file = left.getValue();
            results.put(id, new CommandResult(id, form, null, file.bytes, new byte[0], charset, file.truncated,
                    Duration.ZERO));
        }
        return new EvidenceBundle(archive, manifest == null ? "" : manifest.tool, manifest == null ? "" : manifest.script,
                manifest == null ? "" : manifest.host, manifest == null ? "" : manifest.time, results, problems);
    }

    /**
     * The character set of the outputs: UTF-8 from the PowerShell script, the recorded console
     * code page from the cmd script.
     */
    private static Charset charset(Manifest manifest, List<Problem> problems) {
        if (manifest == null || !EvidenceBundle.SCRIPT_CMD.equals(manifest.script)) {
            return StandardCharsets.UTF_8;
        }
        Matcher digits = CODE_PAGE.matcher(manifest.codePage);
        if (!digits.find()) {
            problems.add(new Problem(EvidenceBundle.MANIFEST, "no console code page recorded (codePage "
                    + Messages.quote(manifest.codePage) + "): the outputs were read as UTF-8"));
            return StandardCharsets.UTF_8;
        }
        String number = digits.group(1);
        if (number.equals("65001")) {
            return StandardCharsets.UTF_8;
        }
        // Windows' own variants first (MS932 is code page 932; IBM932 is IBM's, which differs)
        for (String name : List.of("MS" + number, "windows-" + number, "x-windows-" + number, "IBM" + number,
                "x-IBM" + number)) {
            if (Charset.isSupported(name)) {
                return Charset.forName(name);
            }
        }
        problems.add(new Problem(EvidenceBundle.MANIFEST, "the console code page " + number
                + " is not known here: the outputs were read as UTF-8"));
        return StandardCharsets.UTF_8;
    }

    /** One file read from the archive, cut at a limit if it was longer. */
    private record Entry(byte[] bytes, boolean truncated) {

        /** A file that could not be read; the problem is reported once, where it was read. */
        static final Entry DAMAGED = new Entry(new byte[0], false);
    }

    /** The files of an archive, read with the limits, and the problems met reading them. */
    private final class Archive {

        final String archiveName;
        final Map<String, Entry> entries = new LinkedHashMap<>();
        final List<Problem> problems = new ArrayList<>();
        int seen;
        long total;

        Archive(String archiveName) {
            this.archiveName = archiveName;
        }

        void read(Path archive) throws IOException {
            if (!Files.isRegularFile(archive)) {
                throw new IOException(archive + " does not exist or is not a file");
            }
            try (ZipFile zip = new ZipFile(archive.toFile(), StandardCharsets.ISO_8859_1)) {
                Enumeration<? extends ZipEntry> all = zip.entries();
                while (all.hasMoreElements()) {
                    ZipEntry entry = all.nextElement();
                    if (!admit(entry)) {
                        break;
                    }
                    String name = safeName(entry);
                    if (name == null) {
                        continue;
                    }
                    try (InputStream in = zip.getInputStream(entry)) {
                        add(name, in, entry);
                    } catch (IOException | RuntimeException e) {
                        damaged(name, "damaged (" + e.getMessage() + "); not imported");
                    }
                }
                return;
            } catch (ZipException e) {
                problems.add(new Problem(archiveName, "the archive's directory is damaged or missing ("
                        + e.getMessage() + "), as in a copy cut short: its files were read one by one"));
            }
            try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(archive)),
                    StandardCharsets.ISO_8859_1)) {
                while (true) {
                    ZipEntry entry;
                    try {
                        entry = zip.getNextEntry();
                    } catch (IOException | RuntimeException e) {
                        problems.add(new Problem(archiveName, "damaged after " + seen + " entries (" + e.getMessage()
                                + "); what follows could not be read"));
                        return;
                    }
                    if (entry == null || !admit(entry)) {
                        return;
                    }
                    String name = safeName(entry);
                    if (name == null) {
                        continue;
                    }
                    try {
                        add(name, zip, entry);
                    } catch (IOException | RuntimeException e) {
                        damaged(name, "damaged (" + e.getMessage() + "); not imported, and what follows it in the "
                                + "archive could not be read");
                        return;
                    }
                }
            }
        }

        /** Counts an entry; false once there are too many. Directories pass but are not read. */
        private boolean admit(ZipEntry entry) {
            if (++seen > MAX_ENTRIES) {
                problems.add(new Problem(archiveName, "more than " + MAX_ENTRIES + " entries; the rest were not read"));
                return false;
            }
            return true;
        }

        /** The entry's name with / separators, or null (and a problem) when it is unsafe or a directory. */
        private String safeName(ZipEntry entry) {
            String raw = entry.getName();
            if (entry.isDirectory() || raw.endsWith("/") || raw.endsWith("\\")) {
                return null;
            }
            String name = raw.replace('\\', '/');
            boolean unsafe = name.isEmpty() || name.length() > 255 || name.startsWith("/") || name.contains(":")
                    || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
            for (String segment : name.split("/", -1)) {
                unsafe |= segment.isEmpty() || segment.equals(".") || segment.equals("..");
            }
            if (unsafe) {
                problems.add(new Problem(Messages.printable(raw, 80), "an unsafe entry name (absolute, with a drive, "
                        + "or with ..); ignored"));
                return null;
            }
            if (entries.containsKey(name)) {
                problems.add(new Problem(name, "appears twice in the archive; the first is used"));
                return null;
            }
            return name;
        }

        private void damaged(String name, String message) {
            problems.add(new Problem(name, message));
            entries.put(name, Entry.DAMAGED);
        }

        /**
         * Reads one file up to the limits. A file read whole is checked against the size and
         * CRC-32 the archive records for it (a zip reader does not always check them itself).
         */
        private void add(String name, InputStream in, ZipEntry entry) throws IOException {
            long room = Math.min(maxEntryBytes, maxTotalBytes - total);
            if (room <= 0) {
                problems.add(new Problem(name, "not imported: the archive's files together exceed the limit of "
                        + mib(maxTotalBytes)));
                return;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CRC32 crc = new CRC32();
            byte[] buffer = new byte[8192];
            boolean truncated = false;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                int keep = (int) Math.min(n, room - out.size());
                out.write(buffer, 0, keep);
                crc.update(buffer, 0, keep);
                if (keep < n) {
                    truncated = true;
                    break;
                }
            }
            if (!truncated && ((entry.getSize() >= 0 && entry.getSize() != out.size())
                    || (entry.getCrc() >= 0 && entry.getCrc() != crc.getValue()))) {
                throw new ZipException("its content does not match the size and CRC-32 the archive records");
            }
            total += out.size();
            if (truncated) {
                problems.add(new Problem(name, "longer than " + (room == maxEntryBytes
                        ? "the limit of " + mib(maxEntryBytes) + " per file"
                        : "what was left of the limit of " + mib(maxTotalBytes) + " for all files")
                        + ": its first " + out.size() + " bytes were imported, marked truncated"));
            }
            entries.put(name, new Entry(out.toByteArray(), truncated));
        }

        /**
         * The bundle's files by name: those at the archive's top, or in the one folder at its top
         * that holds the manifest (or all files, when there is no manifest).
         */
        Map<String, Entry> files() {
            String root = root();
            Map<String, Entry> files = new LinkedHashMap<>();
            for (Map.Entry<String, Entry> entry : entries.entrySet()) {
                String name = entry.getKey();
                String relative = name.startsWith(root) ? name.substring(root.length()) : null;
                if (relative == null || relative.contains("/")) {
                    problems.add(new Problem(name, "outside the bundle's folder" + (root.isEmpty() ? "" : " " + root)
                            + "; ignored"));
                } else {
                    files.put(relative, entry.getValue());
                }
            }
            return files;
        }

        private String root() {
            if (entries.containsKey(EvidenceBundle.MANIFEST)) {
                return "";
            }
            List<String> manifests = entries.keySet().stream()
                    .filter(name -> name.endsWith("/" + EvidenceBundle.MANIFEST)
                            && name.indexOf('/') == name.length() - EvidenceBundle.MANIFEST.length() - 1)
                    .toList();
            if (manifests.size() == 1) {
                return manifests.get(0).substring(0, manifests.get(0).length() - EvidenceBundle.MANIFEST.length());
            }
            Set<String> tops = new HashSet<>();
            for (String name : entries.keySet()) {
                int slash = name.indexOf('/');
                tops.add(slash < 0 ? "" : name.substring(0, slash + 1));
            }
            return tops.size() == 1 ? tops.iterator().next() : "";
        }
    }

    /** A command as the manifest lists it. */
    private record ManifestCommand(String id, CommandForm form, Integer exitCode, String file, Duration elapsed) {
    }

    /** What a manifest says. */
    private record Manifest(String tool, String script, String host, String time, String codePage,
            List<ManifestCommand> commands) {

        /** The manifest in {@code entry}, or null (and a problem) when it cannot be used. */
        static Manifest parse(Entry entry, List<Problem> problems) {
            if (entry.truncated() || entry.bytes().length > MAX_MANIFEST_BYTES) {
                problems.add(new Problem(EvidenceBundle.MANIFEST, "too large to be a manifest; the outputs were "
                        + "imported from their file names, without exit codes"));
                return null;
            }
            JsonObject root;
            byte[] bytes = entry.bytes();
            int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
                    && (bytes[2] & 0xff) == 0xbf ? 3 : 0; // a UTF-8 byte order mark, which strict JSON refuses
            try (JsonReader reader = new JsonReader(new InputStreamReader(
                    new ByteArrayInputStream(bytes, start, bytes.length - start), StandardCharsets.UTF_8))) {
                reader.setStrictness(Strictness.STRICT);
                JsonElement document = new Gson().getAdapter(JsonElement.class).read(reader);
                if (reader.peek() != JsonToken.END_DOCUMENT || !document.isJsonObject()) {
                    throw new JsonParseException("not one JSON object");
                }
                root = document.getAsJsonObject();
            } catch (IOException | JsonParseException | IllegalStateException | NumberFormatException e) {
                problems.add(new Problem(EvidenceBundle.MANIFEST, "not valid JSON (" + e.getMessage() + "); the "
                        + "outputs were imported from their file names, without exit codes"));
                return null;
            }
            if (!EvidenceBundle.FORMAT.equals(string(root, "format"))) {
                problems.add(new Problem(EvidenceBundle.MANIFEST, "not an evidence bundle manifest (its format is \""
                        + string(root, "format") + "\", not \"" + EvidenceBundle.FORMAT + "\"); the outputs were "
                        + "imported from their file names, without exit codes"));
                return null;
            }
            JsonElement version = root.get("version");
            if (version == null || !version.isJsonPrimitive() || !version.getAsJsonPrimitive().isNumber()
                    || version.getAsDouble() != EvidenceBundle.VERSION) {
                problems.add(new Problem(EvidenceBundle.MANIFEST, "version " + version + " where this SSTP Doctor "
                        + "reads version " + EvidenceBundle.VERSION + "; read as version " + EvidenceBundle.VERSION
                        + " all the same"));
            }
            List<ManifestCommand> commands = new ArrayList<>();
            JsonElement list = root.get("commands");
            if (list == null || !list.isJsonArray()) {
                problems.add(new Problem(EvidenceBundle.MANIFEST, "has no \"commands\" array; the outputs were "
                        + "imported from their file names, without exit codes"));
            } else {
                int index = 0;
                for (JsonElement element : list.getAsJsonArray()) {
                    ManifestCommand command = command(element, index++, problems);
                    if (command != null) {
                        commands.add(command);
                    }
                }
            }
            return new Manifest(string(root, "tool"), string(root, "script"), string(root, "host"),
                    string(root, "time"), string(root, "codePage"), commands);
        }

        private static ManifestCommand command(JsonElement element, int index, List<Problem> problems) {
            String where = "commands[" + index + "]";
            if (!element.isJsonObject()) {
                problems.add(new Problem(EvidenceBundle.MANIFEST, where + " is not an object; skipped"));
                return null;
            }
            JsonObject object = element.getAsJsonObject();
            String id = string(object, "id");
            CommandForm form = CommandForm.fromId(string(object, "form"));
            String file = string(object, "file");
            if (!CommandIds.isValid(id) || form == null || !file.equals(EvidenceBundle.fileName(id, form))) {
                problems.add(new Problem(EvidenceBundle.MANIFEST, where + " (id " + Messages.quote(id) + ", form "
                        + Messages.quote(string(object, "form")) + ", file " + Messages.quote(file)
                        + ") is not a valid command entry; skipped"));
                return null;
            }
            Integer exitCode = null;
            JsonElement code = object.get("exitCode");
            if (code != null && !code.isJsonNull()) {
                Long value = whole(code);
                if (value == null || value < Integer.MIN_VALUE || value > 0xffffffffL) {
                    problems.add(new Problem(file, "the manifest's exit code " + code + " is not a whole number; "
                            + "imported without one"));
                } else {
                    exitCode = (int) (long) value; // Windows exit codes are unsigned 32-bit: keep their bits
                }
            }
            JsonElement elapsed = object.get("elapsedMs");
            Long millis = elapsed == null ? null : whole(elapsed);
            return new ManifestCommand(id, form, exitCode, file,
                    millis == null || millis < 0 ? Duration.ZERO : Duration.ofMillis(millis));
        }

        private static Long whole(JsonElement element) {
            if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isNumber()) {
                return null;
            }
            try {
                return element.getAsJsonPrimitive().getAsBigDecimal().longValueExact();
            } catch (ArithmeticException e) {
                return null;
            }
        }

        private static String string(JsonObject object, String name) {
            JsonElement value = object.get(name);
            return value instanceof JsonPrimitive primitive && primitive.isString() ? primitive.getAsString() : "";
        }
    }

    private static String mib(long bytes) {
        return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }
}
