package org.sstpdoctor.kb947031.internal.fixes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/** Writing the files of a remediation: atomically, and a private key readable by its owner only. */
final class OutputFiles {

    private OutputFiles() {
    }

    /** A file name part made of {@code text}: letters, digits, dot, dash and underscore only. */
    static String safeName(String text) {
        String s = text.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("_+", "_");
        s = s.replaceAll("^[._]+", "");
        return s.isEmpty() ? "server" : s.length() > 64 ? s.substring(0, 64) : s.toLowerCase(Locale.ROOT);
    }

    /**
     * Writes {@code text} to {@code file} atomically: a temporary file in the same folder, then
     * renamed over it. With {@code ownerOnly} the temporary file is created readable and writable
     * by its owner only (where the file system has POSIX permissions), linked into place, and an
     * existing file is never replaced.
     */
    static void write(Path file, String text, boolean ownerOnly) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        if (ownerOnly && Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString(), null, "a key file is never replaced");
        }
        // a temporary file beside the target, so that the rename cannot cross file systems
        boolean posix = Files.getFileStore(folder).supportsFileAttributeView("posix");
        Path temp = posix
                ? Files.createTempFile(folder, "." + file.getFileName(), ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(ownerOnly ? "rw-------"
                                : "rw-r--r--")))
                : Files.createTempFile(folder, "." + file.getFileName(), ".tmp");
        try {
            Files.write(temp, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.TRUNCATE_EXISTING);
            try (var channel = java.nio.channels.FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            if (ownerOnly) {
                // a key appears whole or not at all, and never in place of another
                try {
                    Files.createLink(file, temp);
                } catch (UnsupportedOperationException noLinks) {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
                }
            } else {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
