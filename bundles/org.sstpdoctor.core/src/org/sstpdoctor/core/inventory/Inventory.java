package org.sstpdoctor.core.inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IResourceRuleFactory;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.MultiRule;
import org.eclipse.equinox.security.storage.StorageException;
import org.sstpdoctor.core.internal.AtomicFiles;

/**
 * The servers SSTP Doctor knows, kept as files in a workspace project: one
 * {@code <name>.server} file per server ({@link ServerFileFormat}), in folders that are its sites
 * (nested sites allowed). Credentials are in Secure Storage ({@link CredentialStore}), keyed by
 * the reference each server file holds.
 *
 * <p>An inventory holds no state of its own: every call reads or changes the files, inside a
 * workspace operation whose scheduling rule covers what it touches, so it is safe to use from
 * any thread and resource deltas and markers stay consistent. A caller that already holds a
 * scheduling rule must hold one that contains the project. Files are saved atomically: a crash
 * leaves each server file old or new, never torn. A file that cannot be read is still listed,
 * as a {@link Server} with a {@link Server#problem() problem}, and carries an
 * {@link InventoryProblems#MARKER_TYPE inventory problem marker} until it is read successfully.
 *
 * <p>Invalid names, unknown servers or sites and name clashes are refused with an
 * {@link IllegalArgumentException} that says why; failures of the workspace or the disk are
 * {@link CoreException}s.
 */
public final class Inventory {

    /** The name of the workspace project that holds the product's inventory. */
    public static final String PROJECT_NAME = "Inventory";

    private static final ILog LOG = ILog.of(Inventory.class);

    private final IProject project;
    private final SiteFolders siteFolders;
    private final Supplier<CredentialStore> credentials;

    private Inventory(IProject project, Supplier<CredentialStore> credentials) {
        this.project = Objects.requireNonNull(project, "project");
        this.siteFolders = new SiteFolders(project);
        this.credentials = credentials;
    }

    /** The product's inventory: the workspace project {@value #PROJECT_NAME}, credentials in the default Secure Storage. */
    public static Inventory getDefault() {
        return forProject(ResourcesPlugin.getWorkspace().getRoot().getProject(PROJECT_NAME));
    }

    /** The inventory kept in {@code project}, with credentials in the default Secure Storage. */
    public static Inventory forProject(IProject project) {
        return new Inventory(project, DefaultCredentials::store);
    }

    /** The inventory kept in {@code project}, with credentials in {@code credentials}. */
    public static Inventory forProject(IProject project, CredentialStore credentials) {
        Objects.requireNonNull(credentials, "credentials");
        return new Inventory(project, () -> credentials);
    }

    /** The project that holds the server files; created and opened by the first call that needs it. */
    public IProject project() {
        return project;
    }

    /**
     * Where the servers' credentials are.
     *
     * @throws IllegalStateException when the default Secure Storage is not available
     */
    public CredentialStore credentials() {
        return credentials.get();
    }

    /**
     * All servers, sorted by site and name, after taking in changes made to the files outside
     * SSTP Doctor. Leftovers of interrupted saves are deleted. Marks unreadable files with a
     * problem marker and clears the marker of files that read well again.
     */
    public List<Server> servers() throws CoreException {
        ensureProject();
        return run(rules().refreshRule(project), monitor -> {
            ServerFiles.deleteLeftovers(project);
            project.refreshLocal(IResource.DEPTH_INFINITE, monitor);
            List<Server> servers = new ArrayList<>();
            project.accept(resource -> {
                if (resource.getType() == IResource.FILE) {
                    if (ServerFiles.isServerFile((IFile) resource)) {
                        servers.add(ServerFiles.read((IFile) resource));
                    }
                    return false;
                }
                return resource.getType() == IResource.PROJECT || SiteFolders.isSiteFolder(resource);
            });
            servers.sort(Comparator.comparing((Server s) -> s.site().toLowerCase(Locale.ROOT))
                    .thenComparing(s -> s.name().toLowerCase(Locale.ROOT)));
            return servers;
        });
    }

    /**
     * The server whose file is at {@code fullPath} in the workspace ({@link Server#key()}), read
     * afresh, or empty when there is no such server file.
     */
    public Optional<Server> get(IPath fullPath) throws CoreException {
        if (fullPath == null || fullPath.segmentCount() < 2 || !project.getName().equals(fullPath.segment(0))) {
            return Optional.empty();
        }
        ensureProject();
        IFile file = project.getFile(fullPath.removeFirstSegments(1));
        if (!ServerFiles.isServerFile(file) || !siteFolders.isSitePath(file.getParent())) {
            return Optional.empty();
        }
        return run(project, monitor -> {
            siteFolders.refreshMissing(file.getParent(), monitor);
            if (!file.getParent().exists()) {
                return Optional.empty();
            }
            file.refreshLocal(IResource.DEPTH_ZERO, monitor);
            return file.exists() ? Optional.of(ServerFiles.read(file)) : Optional.empty();
        });
    }

    /** The server {@code name} of {@code site}, read afresh, or empty when there is none. */
    public Optional<Server> find(String site, String name) throws CoreException {
        String path = InventoryNames.checkSite(site);
        InventoryNames.check(name, "server");
        return get(project.getFullPath().append(path).append(name + ServerFiles.SUFFIX));
    }

    /** The paths of all sites ({@code "emea"}, {@code "emea/paris"}), sorted; the top ("") is not listed. */
    public List<String> sites() throws CoreException {
        ensureProject();
        return run(rules().refreshRule(project), monitor -> {
            project.refreshLocal(IResource.DEPTH_INFINITE, monitor);
            List<String> sites = new ArrayList<>();
            project.accept(resource -> {
                if (resource.getType() == IResource.PROJECT) {
                    return true;
                }
                if (SiteFolders.isSiteFolder(resource)) {
                    sites.add(ServerFiles.siteOf(resource));
                    return true;
                }
                return false;
            });
            sites.sort(Comparator.comparing(s -> s.toLowerCase(Locale.ROOT)));
            return sites;
        });
    }

    /**
     * Adds a server to {@code site}, creating the site when missing. The server gets a new
     * credential reference: whatever {@code config} names is replaced.
     *
     * @throws IllegalArgumentException when the name or site is invalid, {@code config} cannot be
     *                                  written, or the site has a server of that name (in any case)
     */
    public Server add(String site, String name, ServerConfig config) throws CoreException {
        String sitePath = InventoryNames.checkSite(site);
        InventoryNames.check(name, "server");
        ServerConfig saved = withCredentialRef(config, UUID.randomUUID().toString());
        checkWritable(saved);
        ensureProject();
        return run(project, monitor -> {
            IContainer folder = siteFolders.make(sitePath, monitor);
            SiteFolders.checkFree(folder, name, null);
            IFile file = folder.getFile(IPath.fromOSString(name + ServerFiles.SUFFIX));
            ServerFiles.save(file, saved, monitor);
            return new Server(file, name, ServerFiles.siteOf(folder), saved, null);
        });
    }

    /**
     * Replaces what {@code server}'s file says with {@code config}, atomically. The server keeps
     * the credential reference its file has (one that has none gets a new one), whatever
     * {@code config} names. Two saves of the same server take turns; the last one wins.
     *
     * @throws IllegalArgumentException when {@code config} cannot be written or the server no longer exists
     */
    public Server update(Server server, ServerConfig config) throws CoreException {
        checkWritable(config);
        IFile file = server.file();
        checkOwn(file);
        ensureProject();
        return run(MultiRule.combine(rules().modifyRule(file), rules().refreshRule(file)), monitor -> {
            file.refreshLocal(IResource.DEPTH_ZERO, monitor);
            checkExists(file, server);
            String credentialRef = ServerFileFormat.findCredentialRef(ServerFiles.contents(file));
            ServerConfig saved = withCredentialRef(config,
                    credentialRef.isEmpty() ? UUID.randomUUID().toString() : credentialRef);
            ServerFiles.save(file, saved, monitor);
            return new Server(file, server.name(), ServerFiles.siteOf(file.getParent()), saved, null);
        });
    }

    /**
     * Renames {@code server} within its site. Its credentials and markers go with it.
     *
     * @throws IllegalArgumentException when the name is invalid or taken, or the server no longer exists
     */
    public Server rename(Server server, String newName) throws CoreException {
        InventoryNames.check(newName, "server");
        IFile file = server.file();
        checkOwn(file);
        ensureProject();
        return run(project, monitor -> {
            file.refreshLocal(IResource.DEPTH_ZERO, monitor);
            checkExists(file, server);
            if (ServerFiles.nameOf(file).equals(newName)) {
                return ServerFiles.read(file);
            }
            IContainer folder = file.getParent();
            folder.refreshLocal(IResource.DEPTH_ONE, monitor);
            SiteFolders.checkFree(folder, newName, file);
            IFile renamed = folder.getFile(IPath.fromOSString(newName + ServerFiles.SUFFIX));
            ServerFiles.move(file, renamed, monitor);
            return ServerFiles.read(renamed);
        });
    }

    /**
     * Moves {@code server} to {@code newSite}, creating the site when missing. Its credentials
     * and markers go with it.
     *
     * @throws IllegalArgumentException when the site is invalid, has a server of that name, or
     *                                  the server no longer exists
     */
    public Server move(Server server, String newSite) throws CoreException {
        String sitePath = InventoryNames.checkSite(newSite);
        IFile file = server.file();
        checkOwn(file);
        ensureProject();
        return run(project, monitor -> {
            file.refreshLocal(IResource.DEPTH_ZERO, monitor);
            checkExists(file, server);
            IContainer folder = siteFolders.make(sitePath, monitor);
            if (folder.equals(file.getParent())) {
                return ServerFiles.read(file);
            }
            String name = ServerFiles.nameOf(file);
            SiteFolders.checkFree(folder, name, null);
            IFile moved = folder.getFile(IPath.fromOSString(name + ServerFiles.SUFFIX));
            file.move(moved.getFullPath(), true, monitor);
            return ServerFiles.read(moved);
        });
    }

    /**
     * Deletes {@code server}'s file and its credentials. Deleting a server that is already gone
     * still deletes the credentials it had.
     */
    public void delete(Server server) throws CoreException {
        IFile file = server.file();
        checkOwn(file);
        ensureProject();
        String credentialRef = run(project, monitor -> {
            file.refreshLocal(IResource.DEPTH_ZERO, monitor);
            if (!file.exists()) {
                return server.config() == null ? "" : server.config().credentialRef();
            }
            String ref = ServerFileFormat.findCredentialRef(ServerFiles.contents(file));
            file.delete(true, monitor);
            return ref;
        });
        if (!credentialRef.isEmpty()) {
            try {
                credentials().delete(credentialRef);
            } catch (StorageException | RuntimeException e) {
                throw new CoreException(Status.error("Server " + server + " was deleted, but its credentials could"
                        + " not be removed from Secure Storage: " + e.getMessage(), e));
            }
        }
    }

    /**
     * Creates a site, and the sites above it that are missing.
     *
     * @throws IllegalArgumentException when the path is invalid or the site exists
     */
    public void createSite(String site) throws CoreException {
        String sitePath = InventoryNames.checkSite(site);
        if (sitePath.isEmpty()) {
            throw new IllegalArgumentException("the top of the inventory is not a site to create");
        }
        ensureProject();
        run(project, monitor -> {
            project.refreshLocal(IResource.DEPTH_INFINITE, monitor);
            if (siteFolders.existing(sitePath) != null) {
                throw new IllegalArgumentException("site \"" + sitePath + "\" already exists");
            }
            return siteFolders.make(sitePath, monitor);
        });
    }

    /**
     * Deletes a site that holds neither servers, sites nor other files.
     *
     * @throws IllegalArgumentException when the site does not exist or is not empty
     */
    public void deleteSite(String site) throws CoreException {
        String sitePath = InventoryNames.checkSite(site);
        ensureProject();
        run(project, monitor -> {
            IFolder folder = siteFolders.find(sitePath, monitor);
            List<String> contents = new ArrayList<>();
            for (IResource member : folder.members()) {
                if (member.getType() == IResource.FILE && AtomicFiles.isTempFile(member.getName())) {
                    member.delete(true, monitor);
                } else {
                    contents.add(member.getName());
                }
            }
            if (!contents.isEmpty()) {
                throw new IllegalArgumentException("site \"" + sitePath + "\" is not empty: it holds "
                        + String.join(", ", contents));
            }
            folder.delete(true, monitor);
            return null;
        });
    }

    /**
     * Renames a site (its last name: {@code renameSite("emea/paris", "lyon")} gives
     * {@code "emea/lyon"}). Its servers, sites, credentials and markers go with it.
     *
     * @return the site's new path
     * @throws IllegalArgumentException when the site does not exist or the new name is invalid or taken
     */
    public String renameSite(String site, String newName) throws CoreException {
        String sitePath = InventoryNames.checkSite(site);
        InventoryNames.check(newName, "site");
        ensureProject();
        return run(project, monitor -> {
            IFolder folder = siteFolders.find(sitePath, monitor);
            if (folder.getName().equals(newName)) {
                return ServerFiles.siteOf(folder);
            }
            IContainer parent = folder.getParent();
            for (IResource member : parent.members()) {
                if (!member.equals(folder) && member.getName().equalsIgnoreCase(newName)) {
                    String parentSite = ServerFiles.siteOf(parent);
                    throw new IllegalArgumentException("\"" + (parentSite.isEmpty() ? "" : parentSite + "/")
                            + member.getName() + "\" already exists");
                }
            }
            IFolder renamed = parent.getFolder(IPath.fromOSString(newName));
            if (folder.getName().equalsIgnoreCase(newName)) { // only the case changes: go through another name
                IFolder between = parent.getFolder(IPath.fromOSString("." + newName + "-" + UUID.randomUUID()));
                folder.move(between.getFullPath(), true, monitor);
                folder = between;
            }
            folder.move(renamed.getFullPath(), true, monitor);
            return ServerFiles.siteOf(renamed);
        });
    }

    private void checkOwn(IFile file) {
        if (!file.getProject().equals(project) || !ServerFiles.isServerFile(file)) {
            throw new IllegalArgumentException(file.getFullPath() + " is not a server file of the inventory in "
                    + project.getFullPath());
        }
    }

    private static void checkExists(IFile file, Server server) {
        if (!file.exists()) {
            throw new IllegalArgumentException("server " + server + " no longer exists");
        }
    }

    private static void checkWritable(ServerConfig config) {
        String problem = ServerFileFormat.problem(config);
        if (problem != null) {
            throw new IllegalArgumentException("cannot save the server: " + problem);
        }
    }

    private static ServerConfig withCredentialRef(ServerConfig config, String credentialRef) {
        return new ServerConfig(config.host(), config.sstpPort(), config.channel(), config.tags(), config.notes(),
                credentialRef);
    }

    // ---- workspace

    private void ensureProject() throws CoreException {
        if (project.isOpen()) {
            return;
        }
        run(rules().createRule(project), monitor -> {
            if (!project.exists()) {
                project.create(monitor);
            }
            if (!project.isOpen()) {
                project.open(monitor);
            }
            if (project.getDefaultCharset(false) == null) {
                // Server files are UTF-8; saying so also spares the Problems view the
                // platform's "no explicit encoding" warning on the project.
                project.setDefaultCharset(java.nio.charset.StandardCharsets.UTF_8.name(), monitor);
            }
            return null;
        });
    }

    private IResourceRuleFactory rules() {
        return workspace().getRuleFactory();
    }

    private IWorkspace workspace() {
        return project.getWorkspace();
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(IProgressMonitor monitor) throws CoreException;
    }

    /** Runs {@code work} as one workspace operation holding {@code rule}; deltas go out when it ends. */
    private <T> T run(ISchedulingRule rule, Work<T> work) throws CoreException {
        AtomicReference<T> result = new AtomicReference<>();
        workspace().run(monitor -> result.set(work.run(monitor)), rule, IWorkspace.AVOID_UPDATE, null);
        return result.get();
    }

    /** The default credential store, opened when first needed: an inventory that only lists never touches it. */
    private static final class DefaultCredentials {

        private static final CredentialStore STORE = open();

        static CredentialStore store() {
            if (STORE == null) {
                throw new IllegalStateException("Eclipse Secure Storage is not available, so SSTP Doctor cannot"
                        + " keep or delete credentials");
            }
            return STORE;
        }

        private static CredentialStore open() {
            try {
                return CredentialStore.getDefault();
            } catch (StorageException unavailable) {
                LOG.error(unavailable.getMessage(), unavailable);
                return null;
            }
        }
    }
}
