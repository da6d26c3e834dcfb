package org.sstpdoctor.remote.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.sstpdoctor.remote.CommandForm;
import org.sstpdoctor.remote.CommandIds;
import org.sstpdoctor.remote.LegacyCommand;
import org.sstpdoctor.remote.PowerShell;

/**
 * The collection scripts an administrator runs on a server that SSTP Doctor cannot reach: they
 * run read-only commands and write their output in the evidence bundle format
 * ({@link EvidenceBundle}), which SSTP Doctor imports.
 *
 * <ul>
 * <li>{@value #POWERSHELL_FILE_NAME} (Windows PowerShell 3.0 and later) writes one archive,
 * {@code SstpEvidence-<computer>-<UTC time>.zip}, with Compress-Archive (or .NET's ZipFile where
 * PowerShell is older than 5.0). Each command's script is embedded as a PowerShell literal and
 * compiled with {@code [scriptblock]::Create}, so its text needs no escaping and cannot break
 * the collection script.</li>
 * <li>{@value #CMD_FILE_NAME} (Windows Server 2008 and later, no PowerShell needed) runs only legacy
 * commands and writes the folder {@code SstpEvidence-<computer>}, which the administrator zips
 * (Send to, Compressed (zipped) folder). It records the console code page, in which its output
 * files are written.</li>
 * </ul>
 *
 * The commands come from the caller (the command catalog), as {@link CollectionEntry entries};
 * {@link #kbCommands()} are KB947031's own, for the {@code .cmd} script.
 */
public final class CollectionScripts {

    /** The PowerShell collection script's file name. */
    public static final String POWERSHELL_FILE_NAME = "Collect-SstpEvidence.ps1";
    /** The cmd.exe collection script's file name. */
    public static final String CMD_FILE_NAME = "Collect-SstpEvidence.cmd";

    private static final String CRLF = "\r\n";

    private CollectionScripts() {
    }

    /**
     * KB947031's own commands, in legacy form: {@code sc query remoteaccess} and {@code sc query
     * sstpsvc} ({@link CommandIds#SERVICES}), {@code netstat -aon} ({@link CommandIds#LISTENERS}),
     * {@code netsh http show sslcert} ({@link CommandIds#SSLCERT}) and {@code reg query} of the
     * SstpSvc parameters ({@link CommandIds#SSTP_REGISTRY}).
     */
    public static List<CollectionEntry> kbCommands() {
        return List.of(
                new CollectionEntry(CommandIds.SERVICES, null,
                        LegacyCommand.parse("sc query remoteaccess").andThen(LegacyCommand.parse("sc query sstpsvc"))),
                new CollectionEntry(CommandIds.LISTENERS, null, LegacyCommand.parse("netstat -aon")),
                new CollectionEntry(CommandIds.SSLCERT, null, LegacyCommand.parse("netsh http show sslcert")),
                new CollectionEntry(CommandIds.SSTP_REGISTRY, null,
                        LegacyCommand.parse("reg query HKLM\\SYSTEM\\CurrentControlSet\\Services\\SstpSvc\\Parameters")));
    }

    /** The version of SSTP Doctor that writes the scripts, as it appears in them and in manifests. */
    public static String toolVersion() {
        Bundle bundle = FrameworkUtil.getBundle(CollectionScripts.class);
        return "SSTP Doctor " + (bundle == null ? "(development)" : bundle.getVersion().toString());
    }

    /**
     * The PowerShell collection script for {@code entries}: each entry's PowerShell form, or its
     * legacy form where it has no other. Lines end with CR LF.
     *
     * @param tool the SSTP Doctor version recorded in the script and the manifest
     * @throws IllegalArgumentException when two entries share an id
     */
    public static String powerShellScript(List<CollectionEntry> entries, String tool) {
        requireDistinct(entries);
        List<String> lines = new ArrayList<>(List.of(
                "#Requires -Version 3.0",
                "<#",
                ".SYNOPSIS",
                "Collects SSTP evidence on this RRAS server for SSTP Doctor.",
                ".DESCRIPTION",
                "Written by " + tool + ". It runs read-only commands and changes nothing on this server.",
                "It writes their output and a manifest to one archive, SstpEvidence-<computer>-<UTC time>.zip;",
                "import that archive into SSTP Doctor. Run it in an elevated Windows PowerShell:",
                "    powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\\" + POWERSHELL_FILE_NAME,
                "If Windows blocks the downloaded file, unblock it first: Unblock-File .\\" + POWERSHELL_FILE_NAME,
                ".PARAMETER OutputFolder",
                "The folder the archive is written to; the current folder by default.",
                "#>",
                "[CmdletBinding()]",
                "param([string]$OutputFolder = (Get-Location).Path)",
                "",
                PowerShell.PREAMBLE,
                "$ErrorActionPreference = 'Stop'",
                "$OutputFolder = (Resolve-Path -LiteralPath $OutputFolder).Path",
                "$utf8 = New-Object System.Text.UTF8Encoding $false",
                "$name = 'SstpEvidence-' + $env:COMPUTERNAME + '-' + (Get-Date).ToUniversalTime().ToString('yyyyMMddTHHmmssZ')",
                "$work = Join-Path ([System.IO.Path]::GetTempPath()) $name",
                "$null = New-Item -ItemType Directory -Path $work -Force",
                "$commands = New-Object System.Collections.ArrayList",
                "",
                "# Runs one command and writes its output, errors included, to <id>.<form>.txt (UTF-8).",
                "# A legacy command's exit code is its own; a PowerShell command's is 0, or 1 if it failed.",
                "# A failing command does not stop the collection; anything else that fails does.",
                "function Invoke-Evidence {",
                "    param([string]$Id, [string]$Form, [string]$Script)",
                "    $file = $Id + '.' + $Form + '.txt'",
                "    Write-Host ('Collecting ' + $Id + '...')",
                "    $watch = [System.Diagnostics.Stopwatch]::StartNew()",
                "    $exitCode = 0",
                "    try {",
                "        $block = [scriptblock]::Create($Script)",
                "        if ($Form -eq '" + CommandForm.LEGACY.id() + "') {",
                "            $ErrorActionPreference = 'Continue' # what a native command writes to stderr is output",
                "            $global:LASTEXITCODE = 0",
                "            $output = & $block 2>&1 | Out-String -Width 4096",
                "            $exitCode = $LASTEXITCODE",
                "        } else {",
                "            $output = & $block 2>&1 | Out-String -Width 4096",
                "        }",
                "    } catch {",
                "        $output = $_ | Out-String -Width 4096",
                "        $exitCode = 1",
                "    }",
                "    [System.IO.File]::WriteAllText((Join-Path $work $file), [string]$output, $utf8)",
                "    $null = $commands.Add([ordered]@{ id = $Id; form = $Form; exitCode = $exitCode; file = $file; "
                        + "elapsedMs = $watch.ElapsedMilliseconds })",
                "}",
                ""));
        for (CollectionEntry entry : entries) {
            CommandForm form = entry.powerShell() != null ? CommandForm.POWERSHELL : CommandForm.LEGACY;
            String script = entry.powerShell() != null ? entry.powerShell().text() : legacyAsPowerShell(entry.legacy());
            lines.add("Invoke-Evidence -Id " + PowerShell.literal(entry.id()) + " -Form " + PowerShell.literal(form.id())
                    + " -Script " + PowerShell.literal(script));
        }
        lines.addAll(List.of(
                "",
                "$manifest = [ordered]@{",
                "    format = " + PowerShell.literal(EvidenceBundle.FORMAT),
                "    version = " + EvidenceBundle.VERSION,
                "    tool = " + PowerShell.literal(tool),
                "    script = " + PowerShell.literal(EvidenceBundle.SCRIPT_POWERSHELL),
                "    host = $env:COMPUTERNAME",
                "    time = (Get-Date).ToUniversalTime().ToString('o')",
                "    commands = $commands",
                "}",
                "[System.IO.File]::WriteAllText((Join-Path $work " + PowerShell.literal(EvidenceBundle.MANIFEST)
                        + "), ($manifest | ConvertTo-Json -Depth 4), $utf8)",
                "$zip = Join-Path $OutputFolder ($name + '.zip')",
                "if (Get-Command Compress-Archive -ErrorAction SilentlyContinue) {",
                "    Compress-Archive -Path (Join-Path $work '*') -DestinationPath $zip",
                "} else {",
                "    Add-Type -AssemblyName System.IO.Compression.FileSystem",
                "    [System.IO.Compression.ZipFile]::CreateFromDirectory($work, $zip)",
                "}",
                "Remove-Item -LiteralPath $work -Recurse -Force",
                "Write-Host ('Evidence archive: ' + $zip + '. Import it into SSTP Doctor.')"));
        return String.join(CRLF, lines) + CRLF;
    }

    /**
     * The cmd.exe collection script for the legacy forms of {@code entries}; entries without one
     * are left out. Lines end with CR LF; the text is ASCII.
     *
     * @param tool the SSTP Doctor version recorded in the script and the manifest
     * @throws IllegalArgumentException when two entries share an id, or none has a legacy form
     */
    public static String cmdScript(List<CollectionEntry> entries, String tool) {
        requireDistinct(entries);
        List<CollectionEntry> legacy = entries.stream().filter(entry -> entry.legacy() != null).toList();
        if (legacy.isEmpty()) {
            throw new IllegalArgumentException("no entry has a legacy form, so a .cmd script would collect nothing");
        }
        if (!tool.chars().allMatch(c -> c >= 0x20 && c < 0x7f && "%^&|<>\"!".indexOf(c) < 0)) {
            throw new IllegalArgumentException("the tool name is not plain ASCII safe in a batch file: " + tool);
        }
        String manifest = ">>\"%OUT%\\" + EvidenceBundle.MANIFEST + "\" echo ";
        List<String> lines = new ArrayList<>(List.of(
                "@echo off",
                "rem " + CMD_FILE_NAME + ": collects SSTP evidence on this RRAS server for SSTP Doctor.",
                "rem Written by " + tool + ". It runs read-only commands and changes nothing on this server.",
                "rem For Windows Server 2008 and later; it needs no PowerShell. Run it in an elevated Command",
                "rem Prompt. It writes the folder SstpEvidence-<computer> in the current folder: zip that folder",
                "rem (right-click, Send to, Compressed (zipped) folder) and import the zip into SSTP Doctor.",
                "setlocal",
                "set \"OUT=%CD%\\SstpEvidence-%COMPUTERNAME%\"",
                "if exist \"%OUT%\" (",
                "  echo The folder \"%OUT%\" already exists. Move or delete it, then run this script again.",
                "  exit /b 1",
                ")",
                "mkdir \"%OUT%\" || exit /b 1",
                "rem The console code page, in which the commands write their output files.",
                "set \"CP=\"",
                "for /f \"tokens=2 delims=:\" %%c in ('chcp') do set \"CP=%%c\"",
                "echo Collecting SSTP evidence into \"%OUT%\"..."));
        for (int i = 0; i < legacy.size(); i++) {
            CollectionEntry entry = legacy.get(i);
            String file = "\"%OUT%\\" + EvidenceBundle.fileName(entry.id(), CommandForm.LEGACY) + "\"";
            List<LegacyCommand.Invocation> invocations = entry.legacy().invocations();
            for (int j = 0; j < invocations.size(); j++) {
                lines.add(invocations.get(j).text() + (j == 0 ? " >" : " >>") + file + " 2>&1");
            }
            lines.add("set \"RC" + (i + 1) + "=%ERRORLEVEL%\"");
        }
        lines.addAll(List.of(
                ">\"%OUT%\\" + EvidenceBundle.MANIFEST + "\" echo {",
                manifest + "  \"format\": \"" + EvidenceBundle.FORMAT + "\",",
                manifest + "  \"version\": " + EvidenceBundle.VERSION + ",",
                manifest + "  \"tool\": \"" + tool + "\",",
                manifest + "  \"script\": \"" + EvidenceBundle.SCRIPT_CMD + "\",",
                manifest + "  \"host\": \"%COMPUTERNAME%\",",
                manifest + "  \"time\": \"%DATE% %TIME%\",",
                manifest + "  \"codePage\": \"%CP%\",",
                manifest + "  \"commands\": ["));
        for (int i = 0; i < legacy.size(); i++) {
            String id = legacy.get(i).id();
            lines.add(manifest + "    {\"id\": \"" + id + "\", \"form\": \"" + CommandForm.LEGACY.id()
                    + "\", \"exitCode\": %RC" + (i + 1) + "%, \"file\": \""
                    + EvidenceBundle.fileName(id, CommandForm.LEGACY) + "\"}" + (i + 1 < legacy.size() ? "," : ""));
        }
        lines.addAll(List.of(
                manifest + "  ]",
                manifest + "}",
                "echo Done. Zip the folder \"%OUT%\" and import the zip into SSTP Doctor.",
                "endlocal"));
        return String.join(CRLF, lines) + CRLF;
    }

    /**
     * Writes both scripts into {@code folder}: the PowerShell one as UTF-8 with a byte order mark
     * (without it, Windows PowerShell reads a script in the system's ANSI code page), the cmd one
     * as ASCII.
     *
     * @param cmdEntries the entries of the cmd script, usually {@link #kbCommands()}
     * @return the two files
     */
    public static List<Path> write(Path folder, List<CollectionEntry> entries, List<CollectionEntry> cmdEntries)
            throws IOException {
        String tool = toolVersion();
        Files.createDirectories(folder);
        Path ps1 = folder.resolve(POWERSHELL_FILE_NAME);
        byte[] text = powerShellScript(entries, tool).getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xef;
        withBom[1] = (byte) 0xbb;
        withBom[2] = (byte) 0xbf;
        System.arraycopy(text, 0, withBom, 3, text.length);
        Files.write(ps1, withBom);
        Path cmd = folder.resolve(CMD_FILE_NAME);
        Files.writeString(cmd, cmdScript(cmdEntries, tool), StandardCharsets.US_ASCII);
        return List.of(ps1, cmd);
    }

    /** A legacy command as PowerShell runs it: each program as {@code <program>.exe}, arguments as literals. */
    private static String legacyAsPowerShell(LegacyCommand command) {
        List<String> calls = new ArrayList<>();
        for (LegacyCommand.Invocation invocation : command.invocations()) {
            StringBuilder call = new StringBuilder("& ").append(PowerShell.literal(invocation.program() + ".exe"));
            invocation.arguments().forEach(argument -> call.append(' ').append(PowerShell.literal(argument)));
            calls.add(call.toString());
        }
        return String.join("; ", calls);
    }

    private static void requireDistinct(List<CollectionEntry> entries) {
        Set<String> ids = new HashSet<>();
        for (CollectionEntry entry : Objects.requireNonNull(entries, "entries")) {
            if (!ids.add(entry.id())) {
                throw new IllegalArgumentException("two collection entries have the id " + entry.id());
            }
        }
    }
}
