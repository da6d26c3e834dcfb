package org.sstpdoctor.cli.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.regex.Matcher;
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
 * Each command-line archive is headless: no SWT, JFace, Workbench or e4 UI bundle; it holds the
 * SSTP Doctor headless bundles, picocli, the launcher jar, its start script and a config.ini
 * naming the command-line application.
 */
class CliArchivesTest {

    private static final Pattern UI_BUNDLE = Pattern
            .compile("plugins/(org\\.eclipse\\.swt[^/_]*|org\\.eclipse\\.ui[^/_]*|org\\.eclipse\\.jface[^/_]*|org\\.eclipse\\.e4\\.ui[^/_]*)_[^/]*");

    record Entry(String path, int mode, byte[] head) {
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "win32.win32.x86_64,   zip,    sstpdoctor-cli/,                      sstpdoctor.cmd",
        "linux.gtk.x86_64,     tar.gz, sstpdoctor-cli/,                      sstpdoctor",
        "macosx.cocoa.aarch64, tar.gz, sstpdoctor-cli.app/Contents/Eclipse/, sstpdoctor" })
    void archiveIsHeadless(String platform, String format, String root, String script) throws IOException {
        Path archive = Path.of(System.getProperty("products.dir"), "sstpdoctor-cli-" + platform + "." + format);
        assertTrue(Files.isRegularFile(archive), archive + " was not built");
        Map<String, Entry> entries = read(archive, format, root);

        for (String path : entries.keySet()) {
            Matcher m = UI_BUNDLE.matcher(path);
            assertTrue(!m.lookingAt(), archive.getFileName() + " holds the UI bundle " + path);
        }
        for (String id : List.of("org.sstpdoctor.cli", "org.sstpdoctor.core", "org.sstpdoctor.probe", "org.sstpdoctor.pki",
                "org.sstpdoctor.remote", "org.sstpdoctor.lab", "org.sstpdoctor.kb947031",
                "picocli", "org.eclipse.equinox.launcher", "org.eclipse.core.runtime")) {
            assertTrue(hasPlugin(entries, id), archive.getFileName() + " lacks " + id);
        }
        for (String id : List.of("org.sstpdoctor.ui", "org.sstpdoctor.app")) {
            assertTrue(!hasPlugin(entries, id), archive.getFileName() + " holds the workbench bundle " + id);
        }

        Entry launcher = entries.get(script);
        assertNotNull(launcher, "no start script " + script + " at the root of " + archive.getFileName());
        String text = new String(launcher.head(), StandardCharsets.UTF_8);
        assertTrue(text.contains("org.eclipse.equinox.launcher_"), "the start script does not run the launcher jar");
        if (format.equals("zip")) {
            assertTrue(text.startsWith("@echo off\r\n"), "sstpdoctor.cmd must be a batch file with CRLF line ends");
            assertTrue(text.contains("exit /b %ERRORLEVEL%"), "sstpdoctor.cmd must pass the exit status on");
        } else {
            assertTrue(text.startsWith("#!/bin/sh\n"), script + " is not a shell script");
            assertEquals(0755, launcher.mode() & 0777, script + " is not executable");
        }
        Entry config = entries.get("configuration/config.ini");
        assertNotNull(config, "no configuration/config.ini");
        String ini = new String(config.head(), StandardCharsets.UTF_8);
        assertTrue(ini.contains("eclipse.application=org.sstpdoctor.cli.app"), "config.ini does not name the CLI application");
        assertTrue(ini.contains("eclipse.product=org.sstpdoctor.cli.product"), "config.ini does not name the CLI product");
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
                    continue;
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
