package org.sstpdoctor.core.tests.inventory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.provider.IProviderHints;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.CredentialStore;
import org.sstpdoctor.core.inventory.Inventory;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.ServerConfig;

/**
 * An inventory of its own for one test: a fresh workspace project and a secure storage in a
 * temporary file, opened with a fixed password so that nothing prompts and the user's own
 * secure storage is never touched.
 */
final class InventoryFixture implements AutoCloseable {

    final IProject project;
    final Path secureStorageFile;
    final CredentialStore credentials;
    final Inventory inventory;

    private InventoryFixture(IProject project, Path secureStorageFile, CredentialStore credentials) {
        this.project = project;
        this.secureStorageFile = secureStorageFile;
        this.credentials = credentials;
        this.inventory = Inventory.forProject(project, credentials);
    }

    static InventoryFixture create(Path tempDir) throws IOException {
        IProject project = ResourcesPlugin.getWorkspace().getRoot()
                .getProject("Inventory-" + UUID.randomUUID().toString().substring(0, 8));
        Path storage = Files.createDirectories(tempDir).resolve("secure_storage");
        Map<String, Object> options = new HashMap<>();
        options.put(IProviderHints.DEFAULT_PASSWORD, new PBEKeySpec("test-master-password".toCharArray()));
        options.put(IProviderHints.PROMPT_USER, Boolean.FALSE);
        ISecurePreferences root = SecurePreferencesFactory.open(storage.toUri().toURL(), options);
        return new InventoryFixture(project, storage, new CredentialStore(root));
    }

    /** A valid configuration for {@code host}, SSH channel, no credential reference yet. */
    static ServerConfig config(String host) {
        return new ServerConfig(host, 443, new ManagementChannel(ChannelKind.SSH, 22, "admin", Map.of()),
                List.of("prod"), "", "");
    }

    /** Writes {@code content} straight to the file on disk, as a text editor outside SSTP Doctor would. */
    Path handEdit(String projectRelativePath, String content) throws IOException {
        Path file = project.getLocation().toPath().resolve(projectRelativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** The file's bytes on disk. */
    static String onDisk(IFile file) throws IOException {
        return Files.readString(file.getLocation().toPath(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws CoreException {
        if (project.exists()) {
            project.delete(true, true, null);
        }
    }
}
