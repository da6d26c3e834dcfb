package org.sstpdoctor.kb947031.tests;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.sstpdoctor.core.checks.CheckEngine;
import org.sstpdoctor.core.checks.CheckSettings;
import org.sstpdoctor.core.checks.CheckerDescriptor;
import org.sstpdoctor.core.checks.CheckerRegistry;
import org.sstpdoctor.core.checks.ServerResult;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.inventory.ServerConfig;
import org.sstpdoctor.remote.RemoteChannels;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Servers of the inventory whose inside is an evidence bundle written by the test (the outputs a
 * collection script would have recorded), checked by the core's engine with the checkers of the
 * extension registry.
 */
final class TestServers {

    private static final AtomicInteger COUNT = new AtomicInteger();

    /** The KB947031 checkers. */
    static final Predicate<CheckerDescriptor> KB = d -> d.id().startsWith("org.sstpdoctor.kb947031.");

    private TestServers() {
    }

    /** An evidence bundle archive holding {@code outputs}, with its manifest. */
    static Path archive(Path folder, Map<String, String[]> outputs) throws IOException {
        Path zip = folder.resolve("SstpEvidence-" + COUNT.incrementAndGet() + ".zip");
        JsonObject manifest = new JsonObject();
        manifest.addProperty("format", "sstpdoctor-evidence");
        manifest.addProperty("version", 1);
        manifest.addProperty("tool", "SSTP Doctor tests");
        manifest.addProperty("script", "powershell");
        manifest.addProperty("host", "VPN1");
        manifest.addProperty("time", "2026-11-25T09:36:36.1234567Z");
        JsonArray commands = new JsonArray();
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, String[]> e : outputs.entrySet()) {
                String file = e.getKey() + "." + e.getValue()[0] + ".txt";
                JsonObject c = new JsonObject();
                c.addProperty("id", e.getKey());
                c.addProperty("form", e.getValue()[0]);
                c.addProperty("exitCode", 0);
                c.addProperty("file", file);
                commands.add(c);
                z.putNextEntry(new ZipEntry(file));
                z.write(e.getValue()[1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
            manifest.add("commands", commands);
            z.putNextEntry(new ZipEntry("manifest.json"));
            z.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return zip;
    }

    /** A server at {@code host}:{@code port} whose inside is read from {@code archive}. */
    static Server bundled(String host, int port, Path archive) {
        return server(host, port, new ManagementChannel(ChannelKind.BUNDLE, 0, "",
                Map.of(RemoteChannels.OPTION_BUNDLE, archive.toAbsolutePath().toString())));
    }

    /** A server with the given channel. */
    static Server server(String host, int port, ManagementChannel channel) {
        String name = "vpn" + COUNT.incrementAndGet();
        IFile file = ResourcesPlugin.getWorkspace().getRoot().getProject("Kb947031Tests").getFile(name + ".server");
        return new Server(file, name, "", new ServerConfig(host, port, channel, List.of(), "", ""), null);
    }

    /** A server on 127.0.0.1 port 443 (where nothing listens here: the probe is refused at once) with these outputs. */
    static Server bundled(Path folder, WindowsOutputs outputs) throws IOException {
        return bundled("127.0.0.1", 443, archive(folder, outputs.outputs()));
    }

    /** The findings of the checkers {@code which} on {@code server}, in one engine run. */
    static ServerResult check(Server server, Predicate<CheckerDescriptor> which) {
        CheckEngine engine = new CheckEngine(CheckerRegistry.getDefault(), CheckSettings.DEFAULT.withMarkers(false)
                .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(60)));
        return engine.check(List.of(server), which, null, null).results().get(0);
    }
}
