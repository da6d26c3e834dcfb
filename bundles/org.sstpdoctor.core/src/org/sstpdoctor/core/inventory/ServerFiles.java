package org.sstpdoctor.core.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.UUID;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.sstpdoctor.core.internal.AtomicFiles;

/**
 * Server files in the workspace: which files are servers, reading one into a {@link Server}
 * with its problem marker kept in step, and saving one atomically. The caller holds the
 * scheduling rule of what it touches.
 */
final class ServerFiles {

    /** The server file name suffix, {@code ".server"}. */
    static final String SUFFIX = "." + ServerFileFormat.EXTENSION;

    private static final ILog LOG = ILog.of(ServerFiles.class);

    private ServerFiles() {
    }

    /** Whether {@code file} is a server file by its name: {@code <name>.server}, the name not starting with a dot. */
    static boolean isServerFile(IFile file) {
        String name = file.getName();
        return name.endsWith(SUFFIX) && name.length() > SUFFIX.length() && !name.startsWith(".");
    }

    /** The server name of {@code file}: its name without {@code .server}. */
    static String nameOf(IFile file) {
        String name = file.getName();
        return name.substring(0, name.length() - SUFFIX.length());
    }

    /** The site path of a folder: its path below the project, "" for the project. */
    static String siteOf(IResource container) {
        return container.getProjectRelativePath().toString();
    }

    /** Reads {@code file} into a server, keeping its problem marker in step; never throws. */
    static Server read(IFile file) {
        String name = nameOf(file);
        String site = siteOf(file.getParent());
        String where = file.getFullPath().toString();
        try {
            ServerConfig config;
            try (InputStream in = file.getContents(true)) {
                config = ServerFileFormat.read(in);
            }
            updateMarker(file, null, null);
            return new Server(file, name, site, config, null);
        } catch (ServerFileException unreadable) {
            String problem = where + ": " + unreadable.getMessage();
            updateMarker(file, problem, unreadable);
            return new Server(file, name, site, null, problem);
        } catch (IOException | CoreException | RuntimeException failed) {
            String problem = where + ": the file could not be read: " + failed.getMessage();
            updateMarker(file, problem, null);
            return new Server(file, name, site, null, problem);
        }
    }

    /** The bytes of {@code file}, at most one more than a server file may have. */
    static byte[] contents(IFile file) throws CoreException {
        try (InputStream in = file.getContents(true)) {
            return in.readNBytes(ServerFileFormat.MAX_SIZE + 1);
        } catch (IOException e) {
            throw new CoreException(Status.error("Could not read " + file.getFullPath() + ": " + e.getMessage(), e));
        }
    }

    /**
     * Saves {@code config} into {@code file} atomically (temporary file, forced to disk, renamed
     * over the file), then brings the workspace up to date and clears the file's problem.
     */
    static void save(IFile file, ServerConfig config, IProgressMonitor monitor) throws CoreException {
        byte[] content = ServerFileFormat.write(config);
        Path path = localPath(file);
        long recorded = file.exists() ? file.getLocalTimeStamp() : IResource.NULL_STAMP;
        try {
            AtomicFiles.write(path, content);
            // the workspace notices a change by its time stamp: make sure it differs from the one it knows
            if (recorded != IResource.NULL_STAMP && Files.getLastModifiedTime(path).toMillis() == recorded) {
                Files.setLastModifiedTime(path, FileTime.fromMillis(recorded + 1));
            }
        } catch (IOException e) {
            throw new CoreException(Status.error("Could not save " + file.getFullPath() + ": " + e, e));
        }
        file.refreshLocal(IResource.DEPTH_ZERO, monitor);
        InventoryProblems.clear(file);
    }

    /** Moves {@code from} to {@code to}, also when only the case of the name changes. */
    static void move(IFile from, IFile to, IProgressMonitor monitor) throws CoreException {
        if (nameOf(from).equalsIgnoreCase(nameOf(to))) { // only the case changes: go through another name
            IFile between = from.getParent().getFile(IPath.fromOSString("." + UUID.randomUUID() + SUFFIX));
            from.move(between.getFullPath(), true, monitor);
            between.move(to.getFullPath(), true, monitor);
        } else {
            from.move(to.getFullPath(), true, monitor);
        }
    }

    /**
     * Deletes what interrupted saves left in the project's folders, on disk, skipping folders
     * whose names start with a dot. No save into the project may be under way.
     */
    static void deleteLeftovers(IProject project) {
        IPath location = project.getLocation();
        if (location == null) {
            return;
        }
        Path root = location.toPath();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    if (!dir.equals(root) && dir.getFileName().toString().startsWith(".")) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    AtomicFiles.deleteLeftovers(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("Could not delete the leftovers of interrupted saves in " + root, e);
        }
    }

    private static void updateMarker(IFile file, String problem, ServerFileException cause) {
        try {
            if (problem == null) {
                InventoryProblems.clear(file);
            } else {
                InventoryProblems.mark(file, problem, cause);
            }
        } catch (CoreException e) {
            LOG.warn("Could not update the inventory problem marker of " + file.getFullPath(), e);
        }
    }

    private static Path localPath(IFile file) throws CoreException {
        IPath location = file.getLocation();
        if (location == null) {
            throw new CoreException(Status.error("The inventory project " + file.getProject().getName()
                    + " is not on the local disk, so " + file.getFullPath() + " cannot be saved"));
        }
        return location.toPath();
    }
}
