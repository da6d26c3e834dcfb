package org.sstpdoctor.core.inventory;

import java.util.Objects;

import org.eclipse.core.resources.IFile;

/**
 * One RRAS server of the inventory: its file in the workspace, and what the file says, or why
 * the file could not be read. A server whose file is corrupt is still a server: it is listed,
 * carries a problem marker, and can be fixed or deleted; it is just not checked.
 *
 * @param file    the server file ({@code <site folders>/<name>.server} in the inventory project)
 * @param name    the server's name, the file name without extension
 * @param site    the site, the folder path below the project ("" at the top, "emea/paris" nested)
 * @param config  the file's content, or null when it could not be read
 * @param problem why the file could not be read, or null when it could
 */
public record Server(IFile file, String name, String site, ServerConfig config, String problem) {

    public Server {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        site = site == null ? "" : site;
        if ((config == null) == (problem == null)) {
            throw new IllegalArgumentException("a server has either a config or a problem");
        }
    }

    /** Whether the file was read, so the server can be checked. */
    public boolean isReadable() {
        return config != null;
    }

    /** The host name clients use, or the server's name when its file could not be read. */
    public String host() {
        return config != null ? config.host() : name;
    }

    /** The path of the server file in the workspace, a stable key for this server in a run. */
    public String key() {
        return file.getFullPath().toString();
    }

    @Override
    public String toString() {
        return site.isEmpty() ? name : site + "/" + name;
    }
}
