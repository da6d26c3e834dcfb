package org.sstpdoctor.scenarios.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.eclipse.core.runtime.Platform;
import org.osgi.framework.FrameworkUtil;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.remediation.RemediationService;

/** Where the workbench's remediations write their files for a server, as RemediationService places them. */
final class RemediationOutput {

    private RemediationOutput() {
    }

    static Path folder(Server server) {
        Path state = Platform.getStateLocation(FrameworkUtil.getBundle(RemediationService.class)).toPath();
        return state.resolve("remediations").resolve(server.site().isEmpty() ? "_" : server.site()).resolve(server.name());
    }

    /** The number of regular files below {@code folder}, 0 when it does not exist. */
    static long files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }
}
