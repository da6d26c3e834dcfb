package org.sstpdoctor.remote.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.remote.RemoteSettings;

/**
 * Evidence bundles imported for servers: each import is read first (an archive that is not an evidence bundle is
 * refused), then copied into a folder of its own per server, in the remote bundle's state location beside the SSH
 * known-hosts file ({@value #FOLDER}/&lt;server&gt;/&lt;import time&gt;.zip). The newest import of a server is the one
 * its next check reads; the last {@value #KEPT} imports are kept, older ones deleted.
 */
public final class ImportedBundles {

    /** The folder of imported bundles, beside the known-hosts file. */
    public static final String FOLDER = "evidence-bundles";
    /** How many imports of one server are kept. */
    public static final int KEPT = 3;

    private static final Pattern NAME = Pattern.compile("(\\d{13})\\.zip");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /**
     * One imported bundle.
     *
     * @param archive    the copy in the store
     * @param importedAt when it was imported
     * @param bundle     its contents
     */
    public record Imported(Path archive, Instant importedAt, EvidenceBundle bundle) {

        /**
         * How the import is named in messages and in the server state: when it was imported and, when the manifest
         * says so, when and on which host it was collected.
         */
        public String describe() {
            StringBuilder b = new StringBuilder("evidence bundle imported ").append(SHOWN.format(importedAt));
            if (!bundle.time().isEmpty() || !bundle.host().isEmpty()) {
                b.append(" (collected");
                if (!bundle.time().isEmpty()) {
                    b.append(' ').append(bundle.time());
                }
                if (!bundle.host().isEmpty()) {
                    b.append(" on ").append(bundle.host());
                }
                b.append(')');
            }
            return b.toString();
        }
    }

    private final Path root;
    private final EvidenceBundleReader reader = new EvidenceBundleReader();

    /** The store in {@code root} (created when the first bundle is imported). */
    public ImportedBundles(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /** The store beside the known-hosts file of {@code settings}. */
    public static ImportedBundles of(RemoteSettings settings) {
        return new ImportedBundles(settings.knownHostsFile().toAbsolutePath().resolveSibling(FOLDER));
    }

    public Path root() {
        return root;
    }

    /** The folder of {@code server}'s imports: its name, readable, and a hash of its file's workspace path. */
    Path folder(Server server) {
        String path = server.file().getFullPath().toString();
        String readable = server.name().replaceAll("[^A-Za-z0-9._-]", "_");
        if (readable.length() > 40) {
            readable = readable.substring(0, 40);
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            return root.resolve(readable + "-" + HexFormat.of().formatHex(hash, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Imports {@code archive} for {@code server}: reads it (so what cannot be read is refused here, not at the next
     * check), then copies it into the store.
     *
     * @return the import, with what it holds and which parts are missing or damaged ({@link EvidenceBundle#problems()})
     * @throws IOException when the archive is not an evidence bundle, holds no command output, or cannot be copied
     */
    public Imported importBundle(Server server, Path archive, Instant now) throws IOException {
        EvidenceBundle bundle = reader.read(archive);
        if (bundle.results().isEmpty()) {
            throw new IOException(archive.getFileName() + " holds no command output of the collection script"
                    + (bundle.problems().isEmpty() ? "" : ": " + bundle.problems()));
        }
        Path folder = Files.createDirectories(folder(server));
        long millis = now.toEpochMilli();
        Path target = folder.resolve(millis + ".zip");
        while (Files.exists(target)) {
            target = folder.resolve(++millis + ".zip");
        }
        Path tmp = Files.createTempFile(folder, "import", ".tmp");
        try {
            Files.copy(archive, tmp, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        List<Path> all = imports(folder);
        for (int i = KEPT; i < all.size(); i++) {
            Files.deleteIfExists(all.get(i));
        }
        return new Imported(target, Instant.ofEpochMilli(millis), reader.read(target));
    }

    /** The newest import of {@code server}, read, or empty when none was imported. */
    public Optional<Imported> latest(Server server) throws IOException {
        Path folder = folder(server);
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        List<Path> all = imports(folder);
        if (all.isEmpty()) {
            return Optional.empty();
        }
        Path newest = all.get(0);
        return Optional.of(new Imported(newest, importTime(newest), reader.read(newest)));
    }

    /** The imports in {@code folder}, newest first. */
    private static List<Path> imports(Path folder) throws IOException {
        List<Path> all = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.zip")) {
            for (Path p : files) {
                if (NAME.matcher(p.getFileName().toString()).matches()) {
                    all.add(p);
                }
            }
        }
        all.sort(Comparator.comparing(ImportedBundles::importTime).reversed());
        return all;
    }

    private static Instant importTime(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() ? Instant.ofEpochMilli(Long.parseLong(m.group(1))) : Instant.EPOCH;
    }
}
