package org.sstpdoctor.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each product archive is complete for its platform and only for it: the right SWT fragment,
 * the Equinox launcher jar, the start script, a config.ini that names the product, and the
 * SSTP Doctor bundles.
 */
class ProductArchivesTest {

    private static final List<String> SWT_FRAGMENTS = List.of("org.eclipse.swt.win32.win32.x86_64",
            "org.eclipse.swt.gtk.linux.x86_64", "org.eclipse.swt.cocoa.macosx.aarch64");

    /** An archive's entries: path (without the root folder) to content (small text files) and mode. */
    record Entry(String path, int mode, byte[] head) {
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "win32.win32.x86_64,   zip,    sstpdoctor/,                         sstpdoctor.cmd, org.eclipse.swt.win32.win32.x86_64",
        "linux.gtk.x86_64,     tar.gz, sstpdoctor/,                         sstpdoctor,     org.eclipse.swt.gtk.linux.x86_64",
        "macosx.cocoa.aarch64, tar.gz, SSTPDoctor.app/Contents/Eclipse/,    sstpdoctor,     org.eclipse.swt.cocoa.macosx.aarch64" })
    void archiveHoldsItsPlatformPieces(String platform, String format, String root, String script, String swt)
            throws IOException {
        Path archive = Path.of(System.getProperty("products.dir"), "sstpdoctor-" + platform + "." + format);
        assertTrue(Files.isRegularFile(archive), archive + " was not built");
        Map<String, Entry> entries = read(archive, format, root);

        for (String fragment : SWT_FRAGMENTS) {
            boolean present = hasPlugin(entries, fragment);
            assertEquals(fragment.equals(swt), present,
                    (present ? "holds " : "lacks ") + fragment + " in " + archive.getFileName());
        }
        assertTrue(hasPlugin(entries, "org.eclipse.swt"), "lacks the SWT host bundle");
        assertTrue(hasPlugin(entries, "org.eclipse.equinox.launcher"), "lacks the Equinox launcher jar");
        assertTrue(hasPlugin(entries, "org.sstpdoctor.app"), "lacks org.sstpdoctor.app");
        assertTrue(hasPlugin(entries, "org.sstpdoctor.core"), "lacks org.sstpdoctor.core");
        assertTrue(hasPlugin(entries, "org.sstpdoctor.doc"), "lacks the user guide");
        assertTrue(hasPlugin(entries, "org.eclipse.help.webapp") && hasPlugin(entries, "org.eclipse.equinox.http.jetty"),
                "lacks the help viewer");

        Entry launcher = entries.get(script);
        assertNotNull(launcher, "no start script " + script + " at the root of " + archive.getFileName());
        String text = new String(launcher.head(), StandardCharsets.UTF_8);
        assertTrue(text.contains("org.eclipse.equinox.launcher_"), "the start script does not run the launcher jar");
        if (format.equals("zip")) {
            assertTrue(text.startsWith("@echo off\r\n"), "sstpdoctor.cmd must be a batch file with CRLF line ends");
        } else {
            assertTrue(text.startsWith("#!/bin/sh\n"), script + " is not a shell script");
            assertEquals(0755, launcher.mode() & 0777, script + " is not executable");
        }

        Entry config = entries.get("configuration/config.ini");
        assertNotNull(config, "no configuration/config.ini");
        String ini = new String(config.head(), StandardCharsets.UTF_8);
        assertTrue(ini.contains("eclipse.product=org.sstpdoctor.app.product"), "config.ini does not name the product");
        assertTrue(ini.contains("eclipse.application=org.sstpdoctor.app.application"),
                "config.ini does not name the SSTP Doctor application");
        assertFalse(ini.contains("org.eclipse.ui.ide.workbench"), "config.ini starts the generic IDE workbench");
    }

    private static boolean hasPlugin(Map<String, Entry> entries, String id) {
        Pattern p = Pattern.compile("plugins/" + Pattern.quote(id) + "_[0-9][^/]*(\\.jar|/.*)");
        return entries.keySet().stream().anyMatch(k -> p.matcher(k).matches());
    }

    private static Map<String, Entry> read(Path archive, String format, String root) throws IOException {
        Map<String, Entry> entries = new HashMap<>();
        try (InputStream file = Files.newInputStream(archive);
                ArchiveInputStream<? extends ArchiveEntry> in = format.equals("zip")
                        ? new ZipArchiveInputStream(file)
                        : new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            ArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                String name = e.getName();
                if (e.isDirectory() && root.startsWith(name)) {
                    continue; // a parent of the root folder, e.g. SSTPDoctor.app/Contents/
                }
                assertTrue(name.startsWith(root), name + " is outside the root folder " + root);
                String path = name.substring(root.length());
                int mode = e instanceof TarArchiveEntry t ? t.getMode() : 0;
                boolean small = !e.isDirectory() && !path.contains("/") || path.equals("configuration/config.ini");
                entries.put(path, new Entry(path, mode, small ? in.readNBytes(64 * 1024) : new byte[0]));
            }
        }
        return entries;
    }
}
