package org.sstpdoctor.remote.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.remote.CommandForm;
import org.sstpdoctor.remote.CommandIds;
import org.sstpdoctor.remote.CommandResult;
import org.sstpdoctor.remote.IRemoteChannel;
import org.sstpdoctor.remote.LegacyCommand;
import org.sstpdoctor.remote.PowerShellScript;
import org.sstpdoctor.remote.RemoteChannels;
import org.sstpdoctor.remote.RemoteCommand;
import org.sstpdoctor.remote.RemoteException;
import org.sstpdoctor.remote.RemoteSettings;
import org.sstpdoctor.remote.bundle.CollectionEntry;
import org.sstpdoctor.remote.bundle.CollectionScripts;
import org.sstpdoctor.remote.bundle.EvidenceBundle;
import org.sstpdoctor.remote.bundle.EvidenceBundleReader;
import org.sstpdoctor.remote.ssh.IHostKeyConfirmer;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Evidence bundles: the archive the generated scripts document is the archive the importer reads,
 * and a bundle with missing, damaged, oversized or out-of-place parts imports what is there and
 * reports what is not. Neither PowerShell nor cmd.exe runs here, so each test builds the archive
 * exactly as the generated script says it does: the commands and file names are read back out of
 * the script itself.
 */
class EvidenceBundleTest {

    private static final String TOOL = "SSTP Doctor 0.1.0.test";

    private static final String SC_OUTPUT = "\r\nSERVICE_NAME: sstpsvc \r\n        TYPE               : 20  WIN32_SHARE_PROCESS  \r\n"
            + "        STATE              : 4  RUNNING \r\n";
    private static final String NETSTAT_OUTPUT = "\r\nActive Connections\r\n\r\n  Proto  Local Address          "
            + "Foreign Address        State           PID\r\n  TCP    0.0.0.0:443            0.0.0.0:0              "
            + "LISTENING       4\r\n";
    private static final String SSLCERT_OUTPUT = "\r\nSSL Certificate bindings:\r\n-------------------------\r\n\r\n"
            + "    IP:port                      : 0.0.0.0:443\r\n    Certificate Hash             : "
            + "5f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6\r\n";
    private static final String REG_OUTPUT = "\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\SstpSvc\\"
            + "Parameters\r\n    ListenerPort    REG_DWORD    0x1bb\r\n    Sha256CertificateHash    REG_BINARY    "
            + "5F1E\r\n    Beschreibung    REG_SZ    Gr\u00fc\u00dfe \u00e9t\u00e9\r\n";

    @TempDir
    Path temp;

    /** The catalog's entries as the catalog engineer would pass them, hostile text included. */
    private static List<CollectionEntry> catalogEntries() {
        return List.of(
                new CollectionEntry(CommandIds.SERVICES, PowerShellScript.cmdlet("Get-Service")
                        .param("Name", new String[] {"RemoteAccess", "SstpSvc"})
                        .pipe(PowerShellScript.cmdlet("ConvertTo-Json").param("Depth", 3)),
                        LegacyCommand.parse("sc query remoteaccess").andThen(LegacyCommand.parse("sc query sstpsvc"))),
                new CollectionEntry(CommandIds.LISTENERS, PowerShellScript.fixed(
                        "Get-NetTCPConnection -State Listen |\n  Select-Object LocalAddress, LocalPort, OwningProcess |"
                                + " ConvertTo-Json"), null),
                new CollectionEntry(CommandIds.SSLCERT, null, LegacyCommand.parse("netsh http show sslcert")),
                new CollectionEntry(CommandIds.SSTP_REGISTRY, PowerShellScript.assign("Key",
                        "HKLM:\\SYSTEM\\CurrentControlSet\\Services\\SstpSvc\\Parameters")
                        .then(PowerShellScript.fixed("Get-ItemProperty -LiteralPath $Key | ConvertTo-Json # it's '$x' "
                                + "\u2018ok\u2019 `n $(no)")), null));
    }

    /** What Invoke-Evidence calls the generated PowerShell script makes: id, form, script text. */
    private record Invocation(String id, String form, String script) {
    }

    @Test
    void thePowerShellScriptsArchiveImportsAsItWasWritten() throws Exception {
        String script = CollectionScripts.powerShellScript(catalogEntries(), TOOL);

        List<Invocation> invocations = invocations(script);
        assertEquals(List.of(
                new Invocation("services", "powershell", catalogEntries().get(0).powerShell().text()),
                new Invocation("listeners", "powershell", catalogEntries().get(1).powerShell().text()),
                new Invocation("sslcert", "legacy", "& 'netsh.exe' 'http' 'show' 'sslcert'"),
                new Invocation("sstp-registry", "powershell", catalogEntries().get(3).powerShell().text())),
                invocations);
        // the file names, manifest and archive the script documents
        assertTrue(script.contains("$file = $Id + '.' + $Form + '.txt'"), script);
        assertTrue(script.contains("(Join-Path $work 'manifest.json'), ($manifest | ConvertTo-Json -Depth 4), $utf8)"));
        assertTrue(script.contains("format = 'sstpdoctor-evidence'"));
        assertTrue(script.contains("tool = '" + TOOL + "'"));
        assertTrue(script.contains("Compress-Archive -Path (Join-Path $work '*') -DestinationPath $zip"));
        assertTrue(script.contains("$null = $commands.Add([ordered]@{ id = $Id; form = $Form; exitCode = $exitCode; "
                + "file = $file; elapsedMs = $watch.ElapsedMilliseconds })"));
        assertTrue(script.endsWith("\r\n"));

        // what running it would write: UTF-8 files named <id>.<form>.txt, a manifest, one flat zip
        Map<String, String> outputs = Map.of("services", "[{\"Name\":\"RemoteAccess\",\"Status\":4}]\r\n",
                "listeners", "{\"LocalPort\":443}\r\n", "sslcert", SSLCERT_OUTPUT, "sstp-registry", REG_OUTPUT);
        Map<String, Integer> exitCodes = Map.of("services", 0, "listeners", 1, "sslcert", 0, "sstp-registry", 0);
        JsonArray commands = new JsonArray();
        Map<String, byte[]> zip = new LinkedHashMap<>();
        for (Invocation invocation : invocations) {
            String file = invocation.id() + "." + invocation.form() + ".txt";
            zip.put(file, outputs.get(invocation.id()).getBytes(StandardCharsets.UTF_8));
            JsonObject command = new JsonObject();
            command.addProperty("id", invocation.id());
            command.addProperty("form", invocation.form());
            command.addProperty("exitCode", exitCodes.get(invocation.id()));
            command.addProperty("file", file);
            command.addProperty("elapsedMs", 120);
            commands.add(command);
        }
        JsonObject manifest = new JsonObject();
        manifest.addProperty("format", "sstpdoctor-evidence");
        manifest.addProperty("version", 1);
        manifest.addProperty("tool", TOOL);
        manifest.addProperty("script", "powershell");
        manifest.addProperty("host", "VPN1");
        manifest.addProperty("time", "2026-11-25T09:36:36.1234567Z");
        manifest.add("commands", commands);
        zip.put("manifest.json", new GsonBuilder().setPrettyPrinting().create().toJson(manifest)
                .getBytes(StandardCharsets.UTF_8));
        Path archive = write("SstpEvidence-VPN1-20261125T093636Z.zip", zip);

        EvidenceBundle bundle = new EvidenceBundleReader().read(archive);

        assertEquals(List.of(), bundle.problems());
        assertTrue(bundle.isComplete());
        assertEquals(TOOL, bundle.tool());
        assertEquals("powershell", bundle.script());
        assertEquals("VPN1", bundle.host());
        assertEquals("2026-11-25T09:36:36.1234567Z", bundle.time());
        assertEquals(List.of("listeners", "services", "sslcert", "sstp-registry"), List.copyOf(bundle.results().keySet()));
        for (Invocation invocation : invocations) {
            CommandResult result = bundle.result(invocation.id()).orElseThrow();
            assertEquals(outputs.get(invocation.id()), result.stdout());
            assertEquals(invocation.form(), result.form().id());
            assertEquals(exitCodes.get(invocation.id()), result.exitCode().getAsInt());
            assertEquals(120, result.elapsed().toMillis());
            assertFalse(result.truncated());
        }
    }

    @Test
    void theCmdScriptsFolderImportsAsItWasWrittenInTheConsoleCodePage() throws Exception {
        String script = CollectionScripts.cmdScript(CollectionScripts.kbCommands(), TOOL);
        assertTrue(script.chars().allMatch(c -> c < 0x80), "the script is ASCII");
        assertTrue(script.endsWith("\r\n") && script.split("\r\n", -1).length == script.split("\n", -1).length,
                "every line ends with CR LF");

        // "run" it: each command line names its output file; echo lines write the manifest
        Map<String, List<String>> commandsByFile = new LinkedHashMap<>();
        Map<String, String> variables = new LinkedHashMap<>(Map.of("COMPUTERNAME", "VPN1",
                "DATE", "Mi 25.11.2026", "TIME", " 9:36:36,12", "CP", " 850."));
        Map<String, Integer> exitCodes = Map.of("services.legacy.txt", 1060, "listeners.legacy.txt", 0,
                "sslcert.legacy.txt", 0, "sstp-registry.legacy.txt", 1);
        StringBuilder manifest = new StringBuilder();
        Pattern command = Pattern.compile("(.+?) >>?\"%OUT%\\\\([^\"]+)\" 2>&1");
        Pattern exit = Pattern.compile("set \"(RC\\d+)=%ERRORLEVEL%\"");
        Pattern echo = Pattern.compile(">>?\"%OUT%\\\\manifest\\.json\" echo (.*)");
        String lastFile = null;
        for (String line : script.split("\r\n")) {
            Matcher m;
            if ((m = command.matcher(line)).matches()) {
                LegacyCommand.parse(m.group(1)); // every command line is a validated read-only command
                commandsByFile.computeIfAbsent(m.group(2), f -> new ArrayList<>()).add(m.group(1));
                lastFile = m.group(2);
            } else if ((m = exit.matcher(line)).matches()) {
                variables.put(m.group(1), String.valueOf(exitCodes.get(lastFile)));
            } else if ((m = echo.matcher(line)).matches()) {
                String text = m.group(1);
                for (Map.Entry<String, String> variable : variables.entrySet()) {
                    text = text.replace("%" + variable.getKey() + "%", variable.getValue());
                }
                manifest.append(text).append("\r\n");
            }
        }
        assertEquals(Map.of(
                "services.legacy.txt", List.of("sc query remoteaccess", "sc query sstpsvc"),
                "listeners.legacy.txt", List.of("netstat -aon"),
                "sslcert.legacy.txt", List.of("netsh http show sslcert"),
                "sstp-registry.legacy.txt",
                List.of("reg query HKLM\\SYSTEM\\CurrentControlSet\\Services\\SstpSvc\\Parameters")), commandsByFile);
        assertTrue(script.contains("set \"OUT=%CD%\\SstpEvidence-%COMPUTERNAME%\""), script);

        // the folder SstpEvidence-VPN1, zipped by Explorer: one folder at the top, files in OEM 850
        Charset oem = Charset.forName("IBM850");
        Map<String, String> outputs = Map.of("services.legacy.txt", SC_OUTPUT, "listeners.legacy.txt", NETSTAT_OUTPUT,
                "sslcert.legacy.txt", SSLCERT_OUTPUT, "sstp-registry.legacy.txt", REG_OUTPUT);
        Map<String, byte[]> zip = new LinkedHashMap<>();
        zip.put("SstpEvidence-VPN1/", new byte[0]);
        for (String file : commandsByFile.keySet()) {
            zip.put("SstpEvidence-VPN1/" + file, outputs.get(file).getBytes(oem));
        }
        zip.put("SstpEvidence-VPN1/manifest.json", manifest.toString().getBytes(oem));
        Path archive = write("SstpEvidence-VPN1.zip", zip);

        EvidenceBundle bundle = new EvidenceBundleReader().read(archive);

        assertEquals(List.of(), bundle.problems());
        assertEquals("cmd", bundle.script());
        assertEquals("Mi 25.11.2026  9:36:36,12", bundle.time());
        assertEquals("VPN1", bundle.host());
        for (String file : commandsByFile.keySet()) {
            String id = file.substring(0, file.indexOf('.'));
            CommandResult result = bundle.result(id).orElseThrow();
            assertEquals(outputs.get(file), result.stdout(), file);
            assertEquals(CommandForm.LEGACY, result.form());
            assertEquals(exitCodes.get(file), result.exitCode().getAsInt());
            assertEquals(oem, result.charset());
        }
        assertTrue(bundle.result("sstp-registry").orElseThrow().stdout().contains("Gr\u00fc\u00dfe \u00e9t\u00e9"));
    }

    /** What chcp printed after its colon, in any language, names the code page of the cmd script's outputs. */
    @ParameterizedTest
    @CsvSource({"' 850.', IBM850, 'Dienstname: Gr\u00f6\u00dfe'", "' 932', windows-31j, '\u30b5\u30fc\u30d3\u30b9\u540d'",
            "' 1251', windows-1251, '\u0418\u043c\u044f \u0441\u043b\u0443\u0436\u0431\u044b'",
            "' 65001', UTF-8, '\u00e9t\u00e9 \u2713'"})
    void theCmdScriptsOutputsAreReadInTheirConsoleCodePage(String codePage, String charset, String text)
            throws Exception {
        JsonObject manifest = JsonParser.parseString(new String(manifest("cmd",
                command("services", "legacy", 0, "services.legacy.txt")), StandardCharsets.UTF_8)).getAsJsonObject();
        manifest.addProperty("codePage", codePage);
        Path archive = write("cp.zip", Map.of("manifest.json", manifest.toString().getBytes(StandardCharsets.UTF_8),
                "services.legacy.txt", text.getBytes(Charset.forName(charset))));

        EvidenceBundle bundle = new EvidenceBundleReader().read(archive);

        assertEquals(List.of(), bundle.problems());
        CommandResult result = bundle.result("services").orElseThrow();
        assertEquals(charset, result.charset().name());
        assertEquals(text, result.stdout());
    }

    @Test
    void scriptsAreWrittenInTheEncodingsWindowsReadsThemIn() throws Exception {
        List<Path> files = CollectionScripts.write(temp.resolve("scripts"), catalogEntries(),
                CollectionScripts.kbCommands());

        byte[] ps1 = Files.readAllBytes(files.get(0));
        assertEquals("Collect-SstpEvidence.ps1", files.get(0).getFileName().toString());
        assertArrayEquals(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, java.util.Arrays.copyOf(ps1, 3),
                "UTF-8 with a byte order mark");
        assertTrue(new String(ps1, StandardCharsets.UTF_8).contains("\u2018ok\u2019"));
        assertEquals("Collect-SstpEvidence.cmd", files.get(1).getFileName().toString());
        assertTrue(Files.readString(files.get(1), StandardCharsets.US_ASCII).startsWith("@echo off\r\n"));
        assertThrows(IllegalArgumentException.class, () -> CollectionScripts.cmdScript(List.of(
                catalogEntries().get(1)), TOOL), "no legacy form, nothing to collect");
        assertThrows(IllegalArgumentException.class, () -> CollectionScripts.powerShellScript(List.of(
                catalogEntries().get(0), catalogEntries().get(0)), TOOL), "duplicate ids");
    }

    @Test
    void missingDamagedAndStrayPartsAreReportedAndTheRestImported() throws Exception {
        Map<String, byte[]> zip = new LinkedHashMap<>();
        zip.put("manifest.json", manifest("powershell",
                command("services", "powershell", 0, "services.powershell.txt"),
                command("listeners", "powershell", 0, "listeners.powershell.txt"),
                command("sslcert", "legacy", 0, "sslcert.legacy.txt"),
                command("sstp-registry", "powershell", 0, "../../etc/passwd"),
                command("Evil Id", "powershell", 0, "x.txt")));
        zip.put("services.powershell.txt", "services output".getBytes(StandardCharsets.UTF_8));
        zip.put("sslcert.legacy.txt", "sslcert output ".repeat(500).getBytes(StandardCharsets.UTF_8));
        zip.put("events.powershell.txt", "events output".getBytes(StandardCharsets.UTF_8));
        zip.put("notes.txt", "hello".getBytes(StandardCharsets.UTF_8));
        zip.put("../evil.powershell.txt", "escape".getBytes(StandardCharsets.UTF_8));
        zip.put("C:/Windows/evil.powershell.txt", "escape".getBytes(StandardCharsets.UTF_8));
        zip.put("deep/firewall.powershell.txt", "nested".getBytes(StandardCharsets.UTF_8));
        byte[] bytes = zipBytes(zip);
        damage(bytes, "sslcert.legacy.txt");
        Path archive = temp.resolve("damaged.zip");
        Files.write(archive, bytes);

        EvidenceBundle bundle = new EvidenceBundleReader().read(archive);

        assertEquals(List.of("events", "services"), List.copyOf(bundle.results().keySet()));
        assertEquals("services output", bundle.result("services").orElseThrow().stdout());
        assertTrue(bundle.result("events").orElseThrow().exitCode().isEmpty());
        String problems = String.join("\n", bundle.problems().stream().map(Object::toString).toList());
        assertTrue(problems.contains("listeners.powershell.txt: missing from the archive"), problems);
        assertTrue(problems.contains("sslcert.legacy.txt: damaged"), problems);
        assertTrue(problems.contains("../../etc/passwd") && problems.contains("not a valid command entry"), problems);
        assertTrue(problems.contains("Evil Id"), problems);
        assertTrue(problems.contains("events.powershell.txt: not listed in the manifest"), problems);
        assertTrue(problems.contains("notes.txt: not a file of an evidence bundle"), problems);
        assertTrue(problems.contains("../evil.powershell.txt: an unsafe entry name"), problems);
        assertTrue(problems.contains("C:/Windows/evil.powershell.txt: an unsafe entry name"), problems);
        assertTrue(problems.contains("deep/firewall.powershell.txt: outside the bundle's folder"), problems);
        assertFalse(bundle.isComplete());
    }

    @Test
    void withoutAManifestTheOutputsAreImportedByTheirNames() throws Exception {
        Path archive = write("no-manifest.zip", Map.of("services.legacy.txt", SC_OUTPUT.getBytes(StandardCharsets.UTF_8),
                "listeners.powershell.txt", "[]".getBytes(StandardCharsets.UTF_8)));

        EvidenceBundle bundle = new EvidenceBundleReader().read(archive);

        assertEquals(SC_OUTPUT, bundle.result("services").orElseThrow().stdout());
        assertEquals(CommandForm.LEGACY, bundle.result("services").orElseThrow().form());
        assertEquals(CommandForm.POWERSHELL, bundle.result("listeners").orElseThrow().form());
        assertTrue(bundle.result("listeners").orElseThrow().exitCode().isEmpty());
        assertEquals(1, bundle.problems().size(), bundle.problems().toString());
        assertTrue(bundle.problems().get(0).toString().startsWith("manifest.json: missing"));
    }

    @Test
    void aCorruptOrForeignManifestIsReportedAndTheOutputsStillImported() throws Exception {
        for (String manifest : List.of("{ \"format\": \"sstpdoctor-evidence\", ", "{\"format\":\"something-else\"}",
                "[1, 2]", "{'format': 'sstpdoctor-evidence'}", "{} {}")) {
            Path archive = write("corrupt.zip", Map.of("manifest.json", manifest.getBytes(StandardCharsets.UTF_8),
                    "services.legacy.txt", SC_OUTPUT.getBytes(StandardCharsets.UTF_8)));

            EvidenceBundle bundle = new EvidenceBundleReader().read(archive);

            assertEquals(SC_OUTPUT, bundle.result("services").orElseThrow().stdout(), manifest);
            assertEquals(1, bundle.problems().size(), manifest + ": " + bundle.problems());
            assertTrue(bundle.problems().get(0).part().equals("manifest.json"), manifest);
        }
    }

    @Test
    void aNewerVersionOrOddExitCodesAreReportedButRead() throws Exception {
        JsonObject manifest = JsonParser.parseString(new String(manifest("powershell",
                command("services", "powershell", 0, "services.powershell.txt")), StandardCharsets.UTF_8))
                .getAsJsonObject();
        manifest.addProperty("version", 2);
        manifest.getAsJsonArray("commands").get(0).getAsJsonObject().addProperty("exitCode", "zero");
        Path archive = write("newer.zip", Map.of("manifest.json", manifest.toString().getBytes(StandardCharsets.UTF_8),
                "services.powershell.txt", "x".getBytes(StandardCharsets.UTF_8)));

        EvidenceBundle bundle = new EvidenceBundleReader().read(archive);

        assertEquals("x", bundle.result("services").orElseThrow().stdout());
        assertTrue(bundle.result("services").orElseThrow().exitCode().isEmpty());
        assertEquals(2, bundle.problems().size(), bundle.problems().toString());
    }

    /** A zip bomb costs no more than the limits: each file is cut at its limit, the archive at its total. */
    @Test
    void limitsBoundWhatIsRead() throws Exception {
        Map<String, byte[]> zip = new LinkedHashMap<>();
        zip.put("manifest.json", manifest("powershell"));
        zip.put("events.powershell.txt", new byte[64 << 20]);
        for (String id : List.of("services", "listeners", "sslcert", "firewall")) {
            zip.put(id + ".powershell.txt", new byte[1 << 20]);
        }
        Path archive = write("bomb.zip", zip);
        assertTrue(Files.size(archive) < (1 << 20), "it is small on disk: " + Files.size(archive));

        EvidenceBundle bundle = new EvidenceBundleReader(1 << 20, 3L << 20).read(archive);

        CommandResult events = bundle.result("events").orElseThrow();
        assertTrue(events.truncated());
        assertEquals(1 << 20, events.stdoutBytes().length);
        assertFalse(bundle.result("services").orElseThrow().truncated());
        assertEquals(1 << 20, bundle.result("services").orElseThrow().stdoutBytes().length);
        long imported = bundle.results().values().stream().mapToLong(CommandResult::outputSize).sum();
        assertTrue(imported <= 3L << 20 && imported > (3L << 20) - 4096, "up to the total limit: " + imported);
        String problems = bundle.problems().toString();
        assertTrue(problems.contains("events.powershell.txt: longer than the limit of 1 MiB per file"), problems);
        assertTrue(problems.contains("exceed the limit of 3 MiB"), problems);
    }

    @Test
    void anArchiveCutShortIsReadUpToTheCut() throws Exception {
        Map<String, byte[]> zip = new LinkedHashMap<>();
        zip.put("manifest.json", manifest("powershell", command("services", "powershell", 0, "services.powershell.txt"),
                command("listeners", "powershell", 0, "listeners.powershell.txt")));
        zip.put("services.powershell.txt", "services output".getBytes(StandardCharsets.UTF_8));
        byte[] noise = new byte[200_000];
        new java.util.Random(5).nextBytes(noise);
        zip.put("listeners.powershell.txt", noise);
        byte[] bytes = zipBytes(zip);
        Path archive = temp.resolve("cut.zip");
        Files.write(archive, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        EvidenceBundle bundle = new EvidenceBundleReader().read(archive);

        assertEquals("services output", bundle.result("services").orElseThrow().stdout());
        assertTrue(bundle.result("listeners").isEmpty());
        String problems = bundle.problems().toString();
        assertTrue(problems.contains("cut.zip: the archive's directory is damaged or missing"), problems);
        assertTrue(problems.contains("listeners.powershell.txt"), problems);
    }

    @Test
    void somethingThatIsNotAZipIsRefused() throws Exception {
        Path text = temp.resolve("notes.zip");
        Files.writeString(text, "just some text, not an archive\n");

        IOException e = assertThrows(IOException.class, () -> new EvidenceBundleReader().read(text));
        assertTrue(e.getMessage().contains("not a zip archive"), e.getMessage());
        assertThrows(IOException.class, () -> new EvidenceBundleReader().read(temp.resolve("missing.zip")));
    }

    @Test
    void theBundleChannelAnswersFromTheBundle() throws Exception {
        Map<String, byte[]> zip = new LinkedHashMap<>();
        zip.put("manifest.json", manifest("cmd", command("services", "legacy", 0, "services.legacy.txt")));
        zip.put("services.legacy.txt", SC_OUTPUT.getBytes(StandardCharsets.UTF_8));
        Path archive = write("vpn1.zip", zip);
        IRemoteChannel channel = new EvidenceBundleReader().read(archive).channel("vpn1");
        RemoteCommand services = RemoteCommand.powerShell(CommandIds.SERVICES, PowerShellScript.cmdlet("Get-Service"));

        CommandResult result = channel.run(services, null);
        assertEquals(CommandForm.LEGACY, result.form(), "the form the script ran, not the one asked for");
        assertEquals(SC_OUTPUT, result.stdout());

        CommandResult capped = channel.run(services.withOutputCap(10), null);
        assertTrue(capped.truncated());
        assertEquals(SC_OUTPUT.substring(0, 10), capped.stdout());
        RemoteException tooLong = assertThrows(RemoteException.class,
                () -> channel.runComplete(services.withOutputCap(10), null));
        assertEquals(RemoteException.Step.OUTPUT_LIMIT, tooLong.step());

        RemoteException missing = assertThrows(RemoteException.class, () -> channel.run(RemoteCommand.powerShell(
                CommandIds.FIREWALL, PowerShellScript.cmdlet("Get-NetFirewallRule")), null));
        assertEquals(RemoteException.Step.COMMAND, missing.step());
        assertTrue(missing.getMessage().startsWith("vpn1: command failed: the evidence bundle vpn1.zip has no output "
                + "of firewall"), missing.getMessage());
    }

    @Test
    void aServerWhoseChannelIsABundleOpensItRelativeToItsFile() throws Exception {
        Server vpn = TestInventory.server("vpn2", "vpn2.contoso.com", new ManagementChannel(ChannelKind.BUNDLE, 0, "",
                Map.of(RemoteChannels.OPTION_BUNDLE, "evidence/vpn2.zip")), "");
        Path folder = vpn.file().getParent().getLocation().toPath().resolve("evidence");
        Files.createDirectories(folder);
        Files.write(folder.resolve("vpn2.zip"), zipBytes(Map.of("manifest.json",
                manifest("cmd", command("listeners", "legacy", 0, "listeners.legacy.txt")),
                "listeners.legacy.txt", NETSTAT_OUTPUT.getBytes(StandardCharsets.UTF_8))));

        try (IRemoteChannel channel = RemoteChannels.open(vpn, null, IHostKeyConfirmer.REFUSE,
                RemoteSettings.withKnownHosts(temp.resolve("known_hosts")))) {
            assertEquals(ChannelKind.BUNDLE, channel.kind());
            assertEquals(NETSTAT_OUTPUT, channel.run(RemoteCommand.legacy(CommandIds.LISTENERS,
                    LegacyCommand.parse("netstat -aon")), null).stdout());
        }
    }

    /** The Invoke-Evidence calls of a generated PowerShell script, read with PowerShell's literal rule. */
    private static List<Invocation> invocations(String script) {
        List<Invocation> invocations = new ArrayList<>();
        String call = "\r\nInvoke-Evidence -Id ";
        for (int at = script.indexOf(call); at >= 0; at = script.indexOf(call, at + 1)) {
            PowerShellSyntax.Literal id = PowerShellSyntax.readLiteral(script, at + call.length());
            assertTrue(script.startsWith(" -Form ", id.end()));
            PowerShellSyntax.Literal form = PowerShellSyntax.readLiteral(script, id.end() + " -Form ".length());
            assertTrue(script.startsWith(" -Script ", form.end()));
            PowerShellSyntax.Literal text = PowerShellSyntax.readLiteral(script, form.end() + " -Script ".length());
            assertTrue(script.startsWith("\r\n", text.end()), "nothing follows the script on its line");
            invocations.add(new Invocation(id.value(), form.value(), text.value()));
        }
        return invocations;
    }

    private static JsonObject command(String id, String form, int exitCode, String file) {
        JsonObject command = new JsonObject();
        command.addProperty("id", id);
        command.addProperty("form", form);
        command.addProperty("exitCode", exitCode);
        command.addProperty("file", file);
        return command;
    }

    private static byte[] manifest(String script, JsonObject... commands) {
        JsonObject manifest = new JsonObject();
        manifest.addProperty("format", "sstpdoctor-evidence");
        manifest.addProperty("version", 1);
        manifest.addProperty("tool", TOOL);
        manifest.addProperty("script", script);
        manifest.addProperty("host", "VPN1");
        manifest.addProperty("time", "2026-11-25T09:36:36Z");
        if (script.equals("cmd")) {
            manifest.addProperty("codePage", " 65001");
        }
        JsonArray list = new JsonArray();
        for (JsonObject command : commands) {
            list.add(command);
        }
        manifest.add("commands", list);
        return manifest.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Path write(String name, Map<String, byte[]> entries) throws IOException {
        Path archive = temp.resolve(name);
        Files.write(archive, zipBytes(entries));
        return archive;
    }

    private static byte[] zipBytes(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Overwrites the middle of the compressed data of the entry {@code name}, as a bad copy would. */
    private static void damage(byte[] zip, String name) {
        byte[] wanted = name.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + 30 < zip.length; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4) {
                int nameLength = (zip[i + 26] & 0xff) | (zip[i + 27] & 0xff) << 8;
                int extraLength = (zip[i + 28] & 0xff) | (zip[i + 29] & 0xff) << 8;
                if (java.util.Arrays.equals(zip, i + 30, i + 30 + nameLength, wanted, 0, wanted.length)) {
                    int data = i + 30 + nameLength + extraLength;
                    for (int j = data + 2; j < data + 12; j++) {
                        zip[j] ^= 0x5a;
                    }
                    return;
                }
            }
        }
        throw new AssertionError("no entry " + name);
    }
}
