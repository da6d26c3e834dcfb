package org.sstpdoctor.lab.tests.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.provider.IProviderHints;
import org.sstpdoctor.core.inventory.CredentialStore;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.inventory.ServerConfig;

/**
 * Servers and credentials for the endpoint tests: a workspace project of the tests' own and a secure storage in a
 * temporary file opened with a fixed password, so that nothing prompts and the user's own storage is never touched.
 */
public final class LabInventory {

    private static final String PROJECT = "LabEndpointTests";

    private LabInventory() {
    }

    /** A credential store in {@code dir}. */
    public static CredentialStore credentialStore(Path dir) throws IOException {
        Map<String, Object> options = new HashMap<>();
        options.put(IProviderHints.DEFAULT_PASSWORD, new PBEKeySpec("test-master-password".toCharArray()));
        options.put(IProviderHints.PROMPT_USER, Boolean.FALSE);
        Path file = Files.createDirectories(dir).resolve("secure_storage");
        ISecurePreferences root = SecurePreferencesFactory.open(file.toUri().toURL(), options);
        return new CredentialStore(root);
    }

    /** A server of the tests' project (its file a handle only) with {@code channel}. */
    public static Server server(String name, ManagementChannel channel, String credentialRef) throws CoreException {
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(PROJECT);
        if (!project.exists()) {
            project.create(null);
        }
        if (!project.isOpen()) {
            project.open(null);
        }
        return new Server(project.getFile(name + ".server"), name, "",
                new ServerConfig("127.0.0.1", 443, channel, List.of(), "", credentialRef), null);
    }
}
