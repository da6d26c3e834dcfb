package org.sstpdoctor.core.inventory;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IProgressMonitor;

/**
 * The folders of an inventory project that are sites. Names match in any case, as they do on
 * Windows and macOS, so that an inventory behaves the same on every platform. The caller holds
 * the project's scheduling rule.
 */
final class SiteFolders {

    private final IProject project;

    SiteFolders(IProject project) {
        this.project = project;
    }

    /** Whether {@code resource} is a site folder: a folder whose name does not start with a dot. */
    static boolean isSiteFolder(IResource resource) {
        return resource.getType() == IResource.FOLDER && !resource.getName().startsWith(".");
    }

    /** Whether {@code container} is the project or a site folder below site folders. */
    boolean isSitePath(IContainer container) {
        for (IContainer c = container; !c.equals(project); c = c.getParent()) {
            if (!isSiteFolder(c)) {
                return false;
            }
        }
        return true;
    }

    /** The folder of {@code sitePath}, creating it and the folders above as needed. */
    IContainer make(String sitePath, IProgressMonitor monitor) throws CoreException {
        IContainer container = project;
        for (String segment : sitePath.isEmpty() ? new String[0] : sitePath.split("/")) {
            container.refreshLocal(IResource.DEPTH_ONE, monitor);
            IResource existing = memberIgnoringCase(container, segment);
            if (existing != null && existing.getType() != IResource.FOLDER) {
                throw new IllegalArgumentException("cannot make site \"" + sitePath + "\": \""
                        + existing.getProjectRelativePath() + "\" is a file");
            }
            IFolder folder = existing != null ? (IFolder) existing : container.getFolder(IPath.fromOSString(segment));
            if (!folder.exists()) {
                folder.create(false, true, monitor);
            }
            container = folder;
        }
        container.refreshLocal(IResource.DEPTH_ONE, monitor);
        return container;
    }

    /** The existing folder of {@code sitePath} (not ""), or null. */
    IFolder existing(String sitePath) throws CoreException {
        IContainer container = project;
        for (String segment : sitePath.split("/")) {
            IResource existing = memberIgnoringCase(container, segment);
            if (existing == null || existing.getType() != IResource.FOLDER) {
                return null;
            }
            container = (IFolder) existing;
        }
        return container instanceof IFolder folder ? folder : null;
    }

    /**
     * The existing folder of {@code sitePath}, after taking in changes made outside SSTP Doctor.
     *
     * @throws IllegalArgumentException for the top of the inventory or a site that does not exist
     */
    IFolder find(String sitePath, IProgressMonitor monitor) throws CoreException {
        if (sitePath.isEmpty()) {
            throw new IllegalArgumentException("the top of the inventory is not a site to change");
        }
        project.refreshLocal(IResource.DEPTH_INFINITE, monitor);
        IFolder folder = existing(sitePath);
        if (folder == null) {
            throw new IllegalArgumentException("there is no site \"" + sitePath + "\"");
        }
        return folder;
    }

    /** Takes in the folders down to {@code container} that were made outside SSTP Doctor. */
    void refreshMissing(IContainer container, IProgressMonitor monitor) throws CoreException {
        if (container.exists() || container.equals(project)) {
            return;
        }
        refreshMissing(container.getParent(), monitor);
        if (container.getParent().exists()) {
            container.refreshLocal(IResource.DEPTH_ZERO, monitor);
        }
    }

    /**
     * Refuses {@code name} for a server when {@code folder} has a server of that name in any
     * case, other than {@code self} (may be null).
     */
    static void checkFree(IContainer folder, String name, IFile self) throws CoreException {
        for (IResource member : folder.members()) {
            if (member.getType() == IResource.FILE && !member.equals(self)
                    && member.getName().equalsIgnoreCase(name + ServerFiles.SUFFIX)) {
                String site = ServerFiles.siteOf(folder);
                throw new IllegalArgumentException("a server named \"" + ServerFiles.nameOf((IFile) member)
                        + "\" already exists "
                        + (site.isEmpty() ? "at the top of the inventory" : "in site \"" + site + "\""));
            }
        }
    }

    private static IResource memberIgnoringCase(IContainer container, String name) throws CoreException {
        if (!container.exists()) {
            return null;
        }
        IResource exact = container.findMember(name);
        if (exact != null) {
            return exact;
        }
        for (IResource member : container.members()) {
            if (member.getName().equalsIgnoreCase(name)) {
                return member;
            }
        }
        return null;
    }
}
