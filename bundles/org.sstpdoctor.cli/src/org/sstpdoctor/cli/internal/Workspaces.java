package org.sstpdoctor.cli.internal;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.eclipse.core.runtime.Platform;
import org.eclipse.osgi.service.datalocation.Location;

/**
 * The workspace (instance location) a command works in: the workbench's (given with -data or
 * {@code --workspace}, else {@code ~/.sstpdoctor/workspace}), or a temporary one for inventories
 * that are not a workspace (a folder of server files, a CSV file, host names), deleted on exit.
 * The workspace is locked like the workbench locks it, so both never write it at once.
 */
final class Workspaces {

    private Workspaces() {
    }

    /** The workbench's default workspace. */
    static Path defaultWorkspace() {
        return Path.of(System.getProperty("user.home"), ".sstpdoctor", "workspace");
    }

    /** Uses {@code dir} as the workspace, or the one -data set; the one in use. */
    static Path use(Path dir) {
        Location instance = Platform.getInstanceLocation();
        if (instance == null) {
            throw new CliException("the platform has no instance location");
        }
        if (instance.isSet()) {
            Path set = toPath(instance.getURL());
            if (dir != null && !set.equals(dir.toAbsolutePath().normalize())) {
                throw new CliException("-data " + set + " and --workspace " + dir + " name different workspaces");
            }
            return set;
        }
        Path target = (dir != null ? dir : defaultWorkspace()).toAbsolutePath().normalize();
        try {
            Files.createDirectories(target);
            if (!instance.set(target.toUri().toURL(), true)) {
                throw new CliException("the workspace " + target
                        + " is in use (is the SSTP Doctor workbench open on it?); close it, or use --inventory DIR");
            }
        } catch (IOException e) {
            throw new CliException("cannot use the workspace " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    /** A fresh temporary workspace, deleted when the process ends. */
    static Path temporary() {
        try {
            Path dir = Files.createTempDirectory("sstpdoctor-cli-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "SSTP Doctor workspace cleanup"));
            return use(dir);
        } catch (IOException e) {
            throw new CliException("cannot create a temporary workspace: " + e.getMessage(), e);
        }
    }

    private static Path toPath(URL url) {
        try {
            return Path.of(url.toURI()).toAbsolutePath().normalize();
        } catch (Exception e) {
            return Path.of(url.getPath()).toAbsolutePath().normalize();
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }
}
