package org.sstpdoctor.core.tests.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleWiring;
import org.sstpdoctor.core.internal.AtomicFiles;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.inventory.ServerConfig;
import org.sstpdoctor.core.inventory.ServerFileFormat;

/**
 * A process killed in the middle of saving leaves every server file either old or new, never
 * torn or empty, and the temporary files it leaves are neither servers nor kept: a child JVM
 * rewrites N server files with contents A and B in turn, and is killed (SIGKILL) at a random
 * moment, several times.
 */
class AtomicSaveCrashTest {

    private static final int FILES = 12;
    private static final int MAX_ROUNDS = 20;
    private static final int MIN_ROUNDS = 8;

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
    @Timeout(300)
    void killedMidSaveEveryFileIsOldOrNew() throws Exception {
        fixture.inventory.createSite("crash");
        Path folder = fixture.project.getLocation().toPath().resolve("crash");
        // large enough that a write takes a while, small enough to be a server file
        byte[] a = ServerFileFormat.write(content("A"));
        byte[] b = ServerFileFormat.write(content("B"));
        Path aFile = Files.write(temp.resolve("a.server.content"), a);
        Path bFile = Files.write(temp.resolve("b.server.content"), b);
        for (int i = 0; i < FILES; i++) {
            AtomicFiles.write(folder.resolve(SaveLoop.fileName(i)), a);
        }
        Path classes = childClassPath(temp.resolve("classes"), SaveLoop.class, AtomicFiles.class);

        int interrupted = 0; // rounds whose kill left a temporary file: the kill hit a save
        int rounds = 0;
        while (rounds < MIN_ROUNDS || interrupted == 0 && rounds < MAX_ROUNDS) {
            rounds++;
            Process child = new ProcessBuilder(java(), "-cp", classes.toString(),
                    SaveLoop.class.getName(), folder.toString(), Integer.toString(FILES), aFile.toString(),
                    bFile.toString()).redirectErrorStream(true).start();
            try {
                awaitSaving(child);
                Thread.sleep(ThreadLocalRandom.current().nextInt(5, 250));
            } finally {
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child was not killed");
            }

            for (int i = 0; i < FILES; i++) {
                byte[] found = Files.readAllBytes(folder.resolve(SaveLoop.fileName(i)));
                if (!Arrays.equals(found, a) && !Arrays.equals(found, b)) {
                    fail("round " + rounds + ": " + SaveLoop.fileName(i) + " is torn: " + found.length + " bytes, "
                            + "expected " + a.length + " (A) or " + b.length + " (B)");
                }
            }
            if (!tempFiles(folder).isEmpty()) {
                interrupted++;
            }
        }
        assertTrue(interrupted > 0, "in " + rounds + " rounds no kill hit a save: the test proved nothing");

        List<Server> servers = fixture.inventory.servers();

        assertEquals(FILES, servers.size(), "temporary files are not servers: " + servers);
        for (Server server : servers) {
            assertTrue(server.isReadable(), server.problem());
            assertFalse(server.name().startsWith("."), server.name());
        }
        assertEquals(List.of(), tempFiles(folder), "listing the inventory deleted the leftovers");
    }

    private static ServerConfig content(String letter) {
        return new ServerConfig("vpn.contoso.com", 443, null, List.of(letter), letter.repeat(40_000),
                "0b8e1c52-2a4f-4d7e-9f31-6c5a4b3d2e10");
    }

    private static void awaitSaving(Process child) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.equals(SaveLoop.SAVING)) {
                return;
            }
            seen.append(line).append('\n');
        }
        fail("the child ended before saving: " + seen);
    }

    private static List<String> tempFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(AtomicFiles::isTempFile).toList();
        }
    }

    /** The java launcher of this JVM. */
    private static String java() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * A class folder with {@code classes} and their nested classes, copied from the bundles that
     * hold them, whether those are jars or folders.
     */
    private static Path childClassPath(Path folder, Class<?>... classes) throws IOException {
        for (Class<?> type : classes) {
            BundleWiring wiring = FrameworkUtil.getBundle(type).adapt(BundleWiring.class);
            String packagePath = type.getPackageName().replace('.', '/');
            String simpleName = type.getName().substring(type.getName().lastIndexOf('.') + 1);
            List<String> resources = new ArrayList<>();
            for (String resource : wiring.listResources(packagePath, simpleName + "*.class",
                    BundleWiring.LISTRESOURCES_LOCAL)) {
                String file = resource.substring(resource.lastIndexOf('/') + 1);
                if (file.equals(simpleName + ".class") || file.startsWith(simpleName + "$")) {
                    resources.add(resource);
                }
            }
            assertFalse(resources.isEmpty(), "no class files of " + type.getName());
            for (String resource : resources) {
                URL url = wiring.getClassLoader().getResource(resource);
                assertNotNull(url, resource);
                Path target = folder.resolve(resource);
                Files.createDirectories(target.getParent());
                try (InputStream in = url.openStream()) {
                    Files.copy(in, target);
                }
            }
        }
        return folder;
    }
}
