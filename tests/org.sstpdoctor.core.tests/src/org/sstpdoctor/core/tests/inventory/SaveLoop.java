package org.sstpdoctor.core.tests.inventory;

import java.nio.file.Files;
import java.nio.file.Path;

import org.sstpdoctor.core.internal.AtomicFiles;

/**
 * The child process of {@link AtomicSaveCrashTest}: rewrites N server files with content A and
 * content B in turn, with {@link AtomicFiles}, until it is killed. Uses only the JDK and
 * AtomicFiles, so that it runs on a plain class path.
 *
 * <p>Arguments: the folder, N, the file holding content A, the file holding content B. Prints
 * {@value #SAVING} once every file has been rewritten at least once.
 */
public final class SaveLoop {

    /** What the loop prints once it is well under way. */
    public static final String SAVING = "saving";

    private SaveLoop() {
    }

    /** The name of the i-th server file. */
    public static String fileName(int i) {
        return "server-" + i + ".server";
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        byte[] a = Files.readAllBytes(Path.of(args[2]));
        byte[] b = Files.readAllBytes(Path.of(args[3]));
        for (long round = 0;; round++) {
            byte[] content = round % 2 == 0 ? b : a;
            for (int i = 0; i < count; i++) {
                AtomicFiles.write(folder.resolve(fileName(i)), content);
            }
            if (round == 0) {
                System.out.println(SAVING);
                System.out.flush();
            }
        }
    }
}
