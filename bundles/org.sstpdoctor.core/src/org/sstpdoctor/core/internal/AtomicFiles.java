package org.sstpdoctor.core.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes a file so that whoever reads it, even after a crash or a power cut, finds either its
 * old content or its new content, whole, and never a mixture or an empty file.
 *
 * <p>The content goes to a temporary file in the same folder ({@code .<name>.tmp-<random>}),
 * is forced to the disk, and is then renamed onto the target in one atomic step. Writers of the
 * same file in this process take turns. A crash can leave a temporary file behind: readers skip
 * names for which {@link #isTempFile(String)} holds, and {@link #deleteLeftovers(Path)} removes
 * them once no write can be under way.
 *
 * <p>Uses only the JDK, so that any part of SSTP Doctor (and a test's child process) can use it.
 */
public final class AtomicFiles {

    /** What a temporary file's name holds between the target's name and its random suffix. */
    public static final String TEMP_MARKER = ".tmp-";

    private static final int ATTEMPTS_WHEN_DENIED = 5;

    /** Writers of the same path take turns; paths share one of these locks by hash. */
    private static final ReentrantLock[] LOCKS = new ReentrantLock[64];

    static {
        for (int i = 0; i < LOCKS.length; i++) {
            LOCKS[i] = new ReentrantLock();
        }
    }

    private AtomicFiles() {
    }

    /**
     * Replaces the content of {@code target} with {@code content}, or creates it, atomically.
     * Its folder must exist.
     *
     * @throws IOException when the content could not be written; the target is then unchanged
     */
    public static void write(Path target, byte[] content) throws IOException {
        Path file = target.toAbsolutePath().normalize();
        Path folder = file.getParent();
        if (folder == null || file.getFileName() == null) {
            throw new IOException("not a file path: " + target);
        }
        ReentrantLock lock = LOCKS[Math.floorMod(file.hashCode(), LOCKS.length)];
        lock.lock();
        try {
            Path temp = createTemp(file);
            try {
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.wrap(content);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
                replace(temp, file);
            } finally {
                Files.deleteIfExists(temp);
            }
            forceFolder(folder);
        } finally {
            lock.unlock();
        }
    }

    /** Whether a file of this name is the temporary file of an unfinished write. */
    public static boolean isTempFile(String fileName) {
        return fileName.startsWith(".") && fileName.indexOf(TEMP_MARKER, 1) > 0;
    }

    /**
     * Deletes the temporary files that unfinished writes left in {@code folder} (not below it).
     * Call it only when no write into that folder can be under way, e.g. at start-up.
     *
     * @return how many files were deleted
     */
    public static int deleteLeftovers(Path folder) throws IOException {
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder,
                path -> isTempFile(path.getFileName().toString()) && Files.isRegularFile(path))) {
            for (Path leftover : files) {
                if (Files.deleteIfExists(leftover)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    private static Path createTemp(Path file) throws IOException {
        HexFormat hex = HexFormat.of();
        while (true) {
            byte[] random = new byte[6];
            ThreadLocalRandom.current().nextBytes(random);
            Path temp = file.resolveSibling("." + file.getFileName() + TEMP_MARKER + hex.formatHex(random));
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException taken) {
                // another random name
            }
        }
    }

    /** Renames {@code temp} onto {@code file}; on Windows a reader holding the file open can delay it a little. */
    private static void replace(Path temp, Path file) throws IOException {
        for (int attempt = 1;; attempt++) {
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return;
            } catch (AccessDeniedException denied) {
                if (attempt == ATTEMPTS_WHEN_DENIED) {
                    throw denied;
                }
                try {
                    Thread.sleep(10L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw denied;
                }
            }
        }
    }

    /** Makes the rename itself durable where the platform allows opening a folder (not on Windows). */
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // Windows cannot open a folder as a channel; NTFS journals the rename itself.
        }
    }
}
