package org.sstpdoctor.remote.tests.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.sstpdoctor.remote.PowerShell;
import org.sstpdoctor.remote.RemoteCommand;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.sstpdoctor.remote.commands.CatalogEntry;
import org.sstpdoctor.remote.commands.CommandCatalog;
import org.sstpdoctor.remote.commands.CommandForm;
import org.sstpdoctor.remote.commands.FirewallEvidence;
import org.sstpdoctor.remote.commands.FormKind;
import org.sstpdoctor.remote.commands.ServicesEvidence;

/** The catalog: stable ids, fixed read-only commands, typed parameters, runnable command lines. */
class CommandCatalogTest {

    /** cmd.exe refuses longer command lines. */
    /** PowerShell verbs that change something; New-Object only makes a .NET object. */
    private static final Pattern CHANGING_VERB = Pattern.compile(
            "\\b(Set|New|Remove|Start|Stop|Restart|Suspend|Resume|Enable|Disable|Add|Clear|Install|Uninstall|Rename|Move"
                    + "|Copy|Invoke|Register|Unregister|Reset|Update|Write|Out)-(?!Object\\b|String\\b)[A-Za-z]+",
            Pattern.CASE_INSENSITIVE);

    static Stream<Arguments> entries() {
        return CommandCatalog.entries().stream().map(entry -> Arguments.of(entry.id(), entry));
    }

    @Test
    void theIdsAreStable() {
        assertEquals(List.of("services", "listeners", "sslcert", "sstp-registry", "certificates", "remote-access", "firewall",
                "rras-filters", "events"), CommandCatalog.IDS);
        assertEquals(CommandCatalog.IDS, CommandCatalog.entries().stream().map(CatalogEntry::id).toList());
        for (String id : CommandCatalog.IDS) {
            assertEquals(id, CommandCatalog.entry(id).orElseThrow().id());
        }
        assertEquals(Optional.empty(), CommandCatalog.entry("format-c"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            services      | sc.exe query remoteaccess,sc.exe query sstpsvc
            listeners     | netstat.exe -aon
            sslcert       | netsh.exe http show sslcert
            sstp-registry | reg.exe query "HKLM\\SYSTEM\\CurrentControlSet\\Services\\SstpSvc\\Parameters"
            rras-filters  | netsh.exe routing ip dump
            certificates  | -
            remote-access | -
            firewall      | -
            events        | -
            """)
    void theLegacyFormsAreTheKbsCommands(String id, String commands) {
        Optional<? extends CommandForm<?>> legacy = CommandCatalog.entry(id).orElseThrow().legacyText();
        if (commands.equals("-")) {
            assertEquals(Optional.empty(), legacy);
            return;
        }
        assertEquals(List.of(commands.replace("\\\\", "\\").split(",")), legacy.orElseThrow().commands());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void everyScriptIsFixedReadOnlyAndWritesCompressedJson(String id, CatalogEntry<?> entry) {
        CommandForm<?> form = entry.powerShell();
        assertEquals(FormKind.POWERSHELL, form.kind());
        String script = form.script();
        assertTrue(script.contains("ConvertTo-Json -InputObject $InputObject -Depth $Depth -Compress"), id);
        assertTrue(script.strip().lines().reduce((a, b) -> b).orElseThrow().startsWith("ConvertTo-AsciiJson "), id);
        assertFalse(script.contains("{{"), id);
        assertTrue(script.chars().allMatch(c -> c < 0x80), id + " is not ASCII");
        Matcher changing = CHANGING_VERB.matcher(script);
        assertFalse(changing.find(), () -> id + " changes something: " + changing.group());
        assertTrue(entry.evidenceType().isInstance(form.parse("").value()), id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void everyScriptRunsAsOneEncodedCommandLine(String id, CatalogEntry<?> entry) {
        RemoteCommand command = entry.powerShell().toCommand(id);
        assertEquals(id, command.id());
        String line = command.commandLine();
        assertTrue(line.startsWith(PowerShell.COMMAND_PREFIX), id);
        assertTrue(line.length() <= PowerShell.MAX_COMMAND_LINE, () -> id + " is " + line.length() + " characters");
        String decoded = PowerShell.decode(line.substring(PowerShell.COMMAND_PREFIX.length()));
        String expected = entry.powerShell().script().lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.joining("\n"));
        assertEquals(PowerShell.PREAMBLE + "\n" + expected, decoded);
    }

    @Test
    void theServicesScriptAsksForTheServicesTheParserExpects() {
        String script = CommandCatalog.services().powerShell().script();
        assertTrue(script.contains("foreach ($name in '" + String.join("', '", ServicesEvidence.SSTP_SERVICES) + "')"));
    }

    @Test
    void theFirewallScriptFindsTheGroupByItsLanguageIndependentName() {
        assertTrue(CommandCatalog.firewall().powerShell().script().contains("-Group '" + FirewallEvidence.SSTP_GROUP + "'"));
    }

    @Test
    void theListenerScriptNamesProcessesOnlyWhenAsked() {
        assertTrue(CommandCatalog.listeners(true).powerShell().script().contains("$withNames = $true"));
        assertTrue(CommandCatalog.listeners(false).powerShell().script().contains("$withNames = $false"));
    }

    @Test
    void theEventWindowIsATypedNumberFormattedByTheCatalog() {
        String script = CommandCatalog.events(48, 100).powerShell().script();
        assertTrue(script.contains("timediff(@SystemTime) <= 172800000]"), script);
        assertTrue(script.contains("-MaxEvents 100\n") || script.contains("-MaxEvents 100\r\n"), script);
        String longest = CommandCatalog.events(CommandCatalog.MAX_EVENT_HOURS, CommandCatalog.MAX_EVENTS).powerShell()
                .script();
        assertTrue(longest.contains("<= 31622400000]"), longest);
        assertEquals("Events of the RemoteAccess, RasSstp and Schannel sources of the last 48 hours",
                CommandCatalog.events(48, 100).description());
    }

    @ParameterizedTest(name = "events({0}, {1})")
    @CsvSource({ "0, 200", "-1, 200", "8785, 200", "24, 0", "24, 5001", "-2147483648, -2147483648" })
    void refusesAnEventWindowOutOfRange(int hours, int maxEvents) {
        assertThrows(IllegalArgumentException.class, () -> CommandCatalog.events(hours, maxEvents));
    }

    @Test
    void formsAreListedPowerShellFirst() {
        CatalogEntry<?> sslcert = CommandCatalog.sslcert();
        assertEquals(List.of(FormKind.POWERSHELL, FormKind.LEGACY_TEXT),
                sslcert.forms().stream().map(CommandForm::kind).toList());
        assertEquals(sslcert.legacyText(), sslcert.form(FormKind.LEGACY_TEXT));
        assertThrows(IllegalStateException.class, () -> sslcert.legacyText().orElseThrow().script());
        assertEquals(List.of(FormKind.POWERSHELL), CommandCatalog.certStore().forms().stream().map(CommandForm::kind).toList());
    }
}
