package org.sstpdoctor.core.remediation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.osgi.framework.FrameworkUtil;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The append-only record of what remediations did: one JSON object per line, in
 * {@code audit.jsonl} of the core's folder in the workspace metadata. Each line is written
 * whole, under a file lock, and forced to disk before {@link #append} returns; lines are
 * never rewritten. Entries hold no secrets: plans and outputs are commands and their results,
 * and credentials never appear in either.
 */
public final class AuditLog {

    /** Output recorded per entry is cut at this many characters. */
    public static final int MAX_OUTPUT = 64 * 1024;

    private static volatile AuditLog defaultLog;

    private final Path file;
    private final Gson gson = new Gson();

    public AuditLog(Path file) {
        this.file = file;
    }

    /** The audit log of the running workspace. */
    public static AuditLog getDefault() {
        if (defaultLog == null) {
            synchronized (AuditLog.class) {
                if (defaultLog == null) {
                    Path state = Platform.getStateLocation(FrameworkUtil.getBundle(AuditLog.class)).toPath();
                    defaultLog = new AuditLog(state.resolve("audit.jsonl"));
                }
            }
        }
        return defaultLog;
    }

    public Path file() {
        return file;
    }

    /** Appends {@code entry} as one line. */
    public synchronized void append(JsonObject entry) throws IOException {
        byte[] line = (gson.toJson(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND); FileLock lock = channel.lock()) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /**
     * Every entry, oldest first. A line that is not a JSON object (a torn last line after a
     * crash, a hand edit) is skipped and logged; the others are returned.
     */
    public synchronized List<JsonObject> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the audit log " + file, e);
        }
        List<JsonObject> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                entries.add(JsonParser.parseString(line).getAsJsonObject());
            } catch (JsonParseException | IllegalStateException e) {
                ILog.of(AuditLog.class).log(Status.warning("Line " + (i + 1) + " of the audit log " + file
                        + " is not a JSON object; skipped."));
            }
        }
        return entries;
    }
}
