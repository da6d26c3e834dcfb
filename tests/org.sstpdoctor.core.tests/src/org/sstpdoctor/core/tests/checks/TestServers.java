package org.sstpdoctor.core.tests.checks;

import java.util.List;
import java.util.stream.IntStream;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.inventory.ServerConfig;

/** Servers for engine tests, in a project of their own. */
final class TestServers {

    private TestServers() {
    }

    static IProject project(String name) throws CoreException {
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
        if (!project.exists()) {
            project.create(null);
        }
        if (!project.isOpen()) {
            project.open(null);
        }
        return project;
    }

    /** A server whose file is a handle only (no resource), for runs that write no markers. */
    static Server server(IProject project, String host) {
        IFile file = project.getFile(host + ".server");
        return new Server(file, host, "", new ServerConfig(host, 443, ManagementChannel.NONE, List.of(), "", ""), null);
    }

    /** A server whose file exists, so markers can be put on it. */
    static Server existing(IProject project, String host) throws CoreException {
        Server s = server(project, host);
        if (!s.file().exists()) {
            s.file().create(("{\"host\":\"" + host + "\"}\n").getBytes(), true, false, null);
        }
        return s;
    }

    /** A server whose file was just created: no markers, never checked. */
    static Server fresh(IProject project, String host) throws CoreException {
        Server s = server(project, host);
        if (s.file().exists()) {
            s.file().delete(true, null);
        }
        return existing(project, host);
    }

    static List<Server> many(IProject project, int count, java.util.function.IntFunction<String> host) {
        return IntStream.range(0, count).mapToObj(i -> server(project, host.apply(i))).toList();
    }
}
