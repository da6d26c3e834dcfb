package org.sstpdoctor.remote.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.core.checks.ICheckContext;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.remote.RemoteChannels;
import org.sstpdoctor.remote.RemoteSettings;
import org.sstpdoctor.remote.bundle.ImportedBundles;
import org.sstpdoctor.remote.commands.CommandCatalog;
import org.sstpdoctor.remote.commands.ServicesEvidence;
import org.sstpdoctor.remote.evidence.ServerState;
import org.sstpdoctor.remote.evidence.ServerStateProvider;
import org.sstpdoctor.remote.ssh.IHostKeyConfirmer;
import org.sstpdoctor.remote.tests.commands.Fixtures;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Importing an evidence bundle for a server: the archive is read and kept in the state location beside the
 * known-hosts file, and the server's next check reads its state from the newest import, even without a channel.
 */
class ImportedBundlesTest {

    @TempDir
    Path temp;

    private RemoteSettings settings;
    private ServerStateProvider provider;

    @BeforeEach
    void settings() {
        settings = RemoteSettings.withKnownHosts(temp.resolve("state").resolve("known_hosts"));
        provider = new ServerStateProvider(() -> {
            throw new AssertionError("no credentials are needed for an imported bundle");
        }, IHostKeyConfirmer.REFUSE, settings);
    }

    private Path archive(String name, String servicesFixture, String time) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        JsonObject manifest = new JsonObject();
        manifest.addProperty("format", "sstpdoctor-evidence");
        manifest.addProperty("version", 1);
        manifest.addProperty("tool", "SSTP Doctor 0.1.0.test");
        manifest.addProperty("script", "powershell");
        manifest.addProperty("host", "VPN1");
        manifest.addProperty("time", time);
        JsonArray commands = new JsonArray();
        Map<String, String> fixtures = Map.of(CommandCatalog.SERVICES, servicesFixture, CommandCatalog.LISTENERS,
                "listeners/ps7.json", CommandCatalog.SSLCERT, "sslcert/ps.json");
        for (Map.Entry<String, String> f : fixtures.entrySet()) {
            JsonObject c = new JsonObject();
            c.addProperty("id", f.getKey());
            c.addProperty("form", "powershell");
            c.addProperty("exitCode", 0);
            c.addProperty("file", f.getKey() + ".powershell.txt");
            commands.add(c);
            entries.put(f.getKey() + ".powershell.txt", Fixtures.read(f.getValue()).getBytes(StandardCharsets.UTF_8));
        }
        manifest.add("commands", commands);
        entries.put("manifest.json", manifest.toString().getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        Path file = temp.resolve(name);
        Files.write(file, bytes.toByteArray());
        return file;
    }

    private static ICheckContext context(Server server) {
        return new ICheckContext() {
            @Override
            public Server server() {
                return server;
            }

            @Override
            public <T> T evidence(String evidenceId, Class<T> type) {
                throw new IllegalStateException("the server state needs no other evidence");
            }
        };
    }

    private ServerState check(Server server) throws Exception {
        return (ServerState) provider.gather(context(server), new NullProgressMonitor());
    }

    @Test
    void aServerWithoutAChannelIsCheckedFromItsImportedBundle() throws Exception {
        Server server = TestInventory.server("imported", "vpn1.contoso.com", ManagementChannel.NONE, "");
        ServerState before = check(server);
        assertFalse(before.isAvailable());
        assertTrue(before.unavailableReason().contains("no evidence bundle was imported"), before.unavailableReason());

        Path source = archive("SstpEvidence-VPN1.zip", "services/ps7-remoteaccess-stopped.json",
                "2026-11-25T09:36:36Z");
        ImportedBundles store = ImportedBundles.of(settings);
        ImportedBundles.Imported imported = store.importBundle(server, source, Instant.parse("2026-11-25T10:00:00Z"));
        assertTrue(imported.archive().startsWith(temp.resolve("state").resolve(ImportedBundles.FOLDER)),
                imported.archive().toString());
        assertEquals("evidence bundle imported 2026-11-25 10:00 UTC (collected 2026-11-25T09:36:36Z on VPN1)",
                imported.describe());
        Files.delete(source); // the check reads the kept copy

        ServerState state = check(server);
        assertTrue(state.isAvailable());
        assertTrue(state.channel().contains("evidence bundle imported 2026-11-25 10:00 UTC"), state.channel());
        assertTrue(state.channel().startsWith(RemoteChannels.describe(server)), state.channel());
        ServicesEvidence services = state.services().orElseThrow().value();
        assertEquals(ServicesEvidence.State.STOPPED, services.service("RemoteAccess").state());
        assertTrue(state.listeners().isPresent());
        assertTrue(state.failure(CommandCatalog.EVENTS).orElseThrow().contains("has no output of events"),
                state.failures().toString());
    }

    @Test
    void theNewestImportWinsAndOnlyAFewAreKept() throws Exception {
        Server server = TestInventory.server("newest", "vpn1.contoso.com", ManagementChannel.NONE, "");
        ImportedBundles store = ImportedBundles.of(settings);
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        store.importBundle(server, archive("a.zip", "services/ps7-remoteaccess-stopped.json", "1"), t);
        for (int i = 1; i <= 3; i++) {
            store.importBundle(server, archive("b" + i + ".zip", "services/ps7.json", "2"), t.plusSeconds(60 * i));
        }
        ServerState state = check(server);
        assertEquals(ServicesEvidence.State.RUNNING, state.services().orElseThrow().value().service("RemoteAccess")
                .state(), "the newest import is read");
        assertTrue(state.channel().contains("10:03 UTC"), state.channel());
        try (var files = Files.list(store.latest(server).orElseThrow().archive().getParent())) {
            assertEquals(ImportedBundles.KEPT, files.count());
        }
        Server other = TestInventory.server("other", "vpn2.contoso.com", ManagementChannel.NONE, "");
        assertTrue(store.latest(other).isEmpty(), "imports belong to their server");
    }

    @Test
    void somethingThatIsNotAnEvidenceBundleIsRefusedAndNothingKept() throws Exception {
        Server server = TestInventory.server("refused", "vpn1.contoso.com", ManagementChannel.NONE, "");
        Path text = temp.resolve("notes.zip");
        Files.writeString(text, "not an archive\n");
        ImportedBundles store = ImportedBundles.of(settings);
        IOException e = assertThrows(IOException.class, () -> store.importBundle(server, text, Instant.now()));
        assertTrue(e.getMessage().contains("not a zip archive"), e.getMessage());
        Path empty = temp.resolve("empty.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(empty))) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("hello".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        IOException none = assertThrows(IOException.class, () -> store.importBundle(server, empty, Instant.now()));
        assertTrue(none.getMessage().contains("holds no command output"), none.getMessage());
        assertTrue(store.latest(server).isEmpty());
    }

    @Test
    void anImportNewerThanTheChannelsArchiveWinsAndAnOlderOneDoesNot() throws Exception {
        Path named = archive("named.zip", "services/ps7.json", "named");
        Server server = TestInventory.server("bundled", "vpn1.contoso.com", new ManagementChannel(ChannelKind.BUNDLE, 0,
                "", Map.of(RemoteChannels.OPTION_BUNDLE, named.toString())), "");
        ImportedBundles store = ImportedBundles.of(settings);
        Instant imported = Instant.parse("2026-11-25T10:00:00Z");
        store.importBundle(server, archive("stopped.zip", "services/ps7-remoteaccess-stopped.json", "imp"), imported);

        Files.setLastModifiedTime(named, FileTime.from(imported.minusSeconds(3600)));
        assertEquals(ServicesEvidence.State.STOPPED, check(server).services().orElseThrow().value()
                .service("RemoteAccess").state(), "the import is newer than the named archive");

        Files.setLastModifiedTime(named, FileTime.from(imported.plusSeconds(3600)));
        ServerState state = check(server);
        assertEquals(ServicesEvidence.State.RUNNING, state.services().orElseThrow().value().service("RemoteAccess")
                .state(), "the named archive is newer than the import");
        assertFalse(state.channel().contains("imported"), state.channel());
    }
}
