package org.sstpdoctor.core.tests.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.core.internal.AtomicFiles;
import org.sstpdoctor.core.inventory.InventoryProblems;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.inventory.ServerConfig;
import org.sstpdoctor.core.inventory.ServerFileFormat;

/**
 * Many threads saving the same server at once leave a whole file, one of the saved versions;
 * a reader watching the file meanwhile never sees it torn or empty.
 */
class ConcurrentSaveTest {

    private static final int THREADS = 8;
    private static final int SAVES_PER_THREAD = 25;

    @TempDir
    Path temp;

    private InventoryFixture fixture;

    @BeforeEach
    void createInventory() throws Exception {
        fixture = InventoryFixture.create(temp);
    }

    @AfterEach
    void deleteInventory() throws Exception {
        fixture.close();
    }

    @Test
    @Timeout(120)
    void concurrentSavesOfOneServerLeaveAWholeFile() throws Exception {
        Server server = fixture.inventory.add("emea", "vpn1", InventoryFixture.config("vpn1.contoso.com"));
        String ref = server.config().credentialRef();
        Path file = server.file().getLocation().toPath();
        List<ServerConfig> versions = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            // notes of very different lengths, so that a torn file could not parse by chance
            versions.add(new ServerConfig("vpn1.contoso.com", 1000 + t, null, List.of("t" + t),
                    ("thread " + t + " ").repeat(1 + t * 300), ref));
        }
        List<String> torn = new CopyOnWriteArrayList<>();
        AtomicBoolean saving = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            while (saving.get()) {
                try {
                    ServerFileFormat.read(Files.readAllBytes(file));
                } catch (Exception e) {
                    torn.add(e.toString());
                }
            }
        });
        reader.start();

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> saves = new ArrayList<>();
        for (ServerConfig version : versions) {
            saves.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < SAVES_PER_THREAD; i++) {
                    fixture.inventory.update(server, version);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> save : saves) {
            save.get(); // rethrows a failed save
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        saving.set(false);
        reader.join();

        assertEquals(List.of(), torn, "a reader saw a torn file");
        ServerConfig last = ServerFileFormat.read(Files.readAllBytes(file));
        assertTrue(versions.contains(last), "the file holds one of the saved versions: " + last.sstpPort());
        Server listed = fixture.inventory.find("emea", "vpn1").orElseThrow();
        assertEquals(last, listed.config());
        assertEquals(0, InventoryProblems.of(listed.file()).length);
        assertTrue(listed.file().isSynchronized(0), "the workspace knows the last save");
        try (Stream<Path> files = Files.list(file.getParent())) {
            Set<String> names = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
            assertEquals(Set.of("vpn1.server"), names, "no temporary file is left");
        }
    }

    @Test
    @Timeout(60)
    void concurrentAtomicWritesOfOneFileLeaveOneWholeContent() throws Exception {
        Path folder = Files.createDirectory(temp.resolve("atomic"));
        Path file = folder.resolve("audit.json");
        List<byte[]> contents = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            contents.add(("{" + "\"t\":" + t + ",\"pad\":\"" + "x".repeat(t * 5000) + "\"}\n").getBytes());
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> writes = new ArrayList<>();
        for (byte[] content : contents) {
            writes.add(pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    AtomicFiles.write(file, content);
                }
                return null;
            }));
        }
        for (Future<?> write : writes) {
            write.get();
        }
        pool.shutdown();

        byte[] result = Files.readAllBytes(file);
        assertTrue(contents.stream().anyMatch(c -> java.util.Arrays.equals(c, result)), "one whole content");
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of("audit.json"), files.map(p -> p.getFileName().toString()).toList());
        }
    }
}
