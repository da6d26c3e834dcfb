package org.sstpdoctor.remote.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sstpdoctor.remote.CommandIds;
import org.sstpdoctor.remote.PowerShell;
import org.sstpdoctor.remote.PowerShellScript;
import org.sstpdoctor.remote.RemoteCommand;
import org.sstpdoctor.remote.tests.PowerShellSyntax.Token;

/**
 * The one quoting function: a value becomes a PowerShell single-quoted literal that reads back as
 * exactly the value, whatever it holds, and travels inside {@code -EncodedCommand} where no shell
 * sees it. PowerShell cannot run here, so the tests hold the quoting to PowerShell's tokenizer rule
 * ({@link PowerShellSyntax}, written from PowerShell's source) and decode the command line the way
 * powershell.exe does (base64, then UTF-16LE).
 */
class PowerShellQuotingTest {

    private static final Pattern COMMAND_LINE = Pattern.compile(
            "powershell\\.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand ([A-Za-z0-9+/]+={0,2})");

    /** Values an attacker, a careless admin or a strange server might supply. */
    static Stream<String> hostile() {
        return Stream.of(
                "plain",
                "",
                " ",
                "it's",
                "''",
                "'",
                "trailing quote'",
                "'; Remove-Item -Recurse -Force C:\\; '",
                "' + (Stop-Service SstpSvc) + '",
                "$(Stop-Service SstpSvc)",
                "$env:COMPUTERNAME",
                "${function:Get-Item}",
                "`$x `n `0 backticks`",
                "a;b|c&d>e<f",
                "line1\nline2\r\nline3\rline4",
                "nul\u0000inside\u0000",
                "\u2018left and right\u2019",
                "\u201alow-9 and reversed\u201b",
                "'\u2018\u2019\u201a\u201b",
                "\u2019\u2019\u2019",
                "'\u2019 mixed pair",
                "\"double\" quotes \u201cand curly\u201d ones",
                "@('a','b')",
                "{ script block }",
                "--% stop parsing",
                "# comment",
                "<# block comment #>",
                "\ttab and \u000bvertical tab and \u000cform feed",
                "no\u00a0break\u2028line\u2029paragraph\u0085next line",
                "emoji \uD83D\uDE00 and \u00e9t\u00e9 and \u4e2d\u6587",
                "\\\\server\\share\\..\\..\\x",
                "C:\\Windows\\System32\\cmd.exe /c del *",
                "%PATH% ^& !delayed!",
                "x".repeat(5000));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void aLiteralReadsBackAsExactlyTheValue(String value) {
        String literal = PowerShell.literal(value);

        assertEquals(value, PowerShellSyntax.parseLiteral(literal));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void aLiteralOnlyDoublesEachSingleQuote(String value) {
        String literal = PowerShell.literal(value);

        assertEquals('\'', literal.charAt(0));
        assertEquals('\'', literal.charAt(literal.length() - 1));
        long quotes = value.chars().filter(c -> PowerShellSyntax.isSingleQuote((char) c)).count();
        assertEquals(value.length() + quotes + 2, literal.length(), "one extra character per quote, plus two");
        String inside = literal.substring(1, literal.length() - 1);
        StringBuilder undoubled = new StringBuilder();
        for (int i = 0; i < inside.length(); i++) {
            char c = inside.charAt(i);
            if (PowerShellSyntax.isSingleQuote(c)) {
                assertTrue(i + 1 < inside.length() && inside.charAt(i + 1) == c,
                        "a quote inside the literal is followed by the same quote, at " + i + " of " + inside);
                i++;
            }
            undoubled.append(c);
        }
        assertEquals(value, undoubled.toString());
    }

    /** Values as the command catalog passes them: a cmdlet call whose token structure no value can change. */
    @ParameterizedTest
    @MethodSource("hostile")
    void aValueCannotChangeTheShapeOfACmdletCall(String value) {
        PowerShellScript script = PowerShellScript.cmdlet("Get-Item").param("LiteralPath", value)
                .param("Name", new String[] {value, "SstpSvc", value}).param("Force", true)
                .pipe(PowerShellScript.cmdlet("ConvertTo-Json").param("Depth", 3));

        List<Token> tokens = PowerShellSyntax.tokenize(script.text());

        assertEquals(List.of(new Token("word", "Get-Item"), new Token("parameter", "-LiteralPath"),
                new Token("string", value), new Token("parameter", "-Name"), new Token("array", "@("),
                new Token("string", value), new Token("punct", ","), new Token("string", "SstpSvc"),
                new Token("punct", ","), new Token("string", value), new Token("punct", ")"),
                new Token("parameter", "-Force"), new Token("punct", "|"), new Token("word", "ConvertTo-Json"),
                new Token("parameter", "-Depth"), new Token("number", "3")), tokens);
    }

    /** The whole trip: the command line decodes, as powershell.exe decodes it, to the preamble and the script. */
    /** The hostile values short enough for a command line (see scriptsTooLongForCmdAreRefused). */
    static Stream<String> hostileThatFitACommandLine() {
        return hostile().filter(value -> value.length() <= 1000);
    }

    @ParameterizedTest
    @MethodSource("hostileThatFitACommandLine")
    void theEncodedCommandDecodesToTheScriptWithTheValueIntact(String value) {
        PowerShellScript script = PowerShellScript.assign("Value", value)
                .then(PowerShellScript.cmdlet("Write-Output").param("InputObject", value));
        RemoteCommand command = RemoteCommand.powerShell(CommandIds.SERVICES, script);

        String decoded = decode(command.commandLine());

        String[] preambleAndBody = decoded.split("\n", 2);
        assertEquals(PowerShell.PREAMBLE, preambleAndBody[0]);
        String body = preambleAndBody[1];
        assertTrue(body.startsWith("$Value = "), body);
        PowerShellSyntax.Literal assigned = PowerShellSyntax.readLiteral(body, "$Value = ".length());
        assertEquals(value, assigned.value());
        String rest = body.substring(assigned.end());
        assertTrue(rest.startsWith("\nWrite-Output -InputObject "), rest);
        assertEquals(List.of(new Token("word", "Write-Output"), new Token("parameter", "-InputObject"),
                new Token("string", value)), PowerShellSyntax.tokenize(rest.substring(1)));
    }

    /** A seeded fuzz over the characters that matter, beyond the table. */
    @Test
    void randomValuesRoundTrip() {
        String alphabet = "ab $`;|&\"'\u2018\u2019\u201a\u201b\n\r\u0000@(){}#<>%^!\\\u00e9";
        Random random = new Random(947031);
        for (int n = 0; n < 5000; n++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(24);
            for (int i = 0; i < length; i++) {
                if (random.nextInt(20) == 0) {
                    value.append("\uD83D\uDE00");
                } else {
                    value.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String text = value.toString();
            assertEquals(text, PowerShellSyntax.parseLiteral(PowerShell.literal(text)), () -> "value " + escape(text));
            String script = PowerShellScript.cmdlet("Write-Output").param("InputObject", text).text();
            assertEquals(text, PowerShellSyntax.tokenize(script).get(2).text(), () -> "value " + escape(text));
        }
    }

    @ParameterizedTest
    @CsvSource({"'\uD800', 0", "'a\uDC00b', 1", "'\uDBFF', 0", "'x\uDE00\uD83D', 1", "'\uD83D\uDE00\uD83D', 2"})
    void valuesThatCannotTravelIntactAreRefused(String value, int index) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PowerShell.literal(value));
        assertEquals("the value holds an unpaired surrogate at index " + index + ", which cannot be sent intact",
                e.getMessage(), "the position only: a value, perhaps a secret, is not repeated");
        assertThrows(IllegalArgumentException.class, () -> PowerShellScript.cmdlet("Get-Item").param("Path", value));
    }

    @Test
    void theCommandLineIsTheFixedPrefixAndBase64Only() {
        RemoteCommand command = RemoteCommand.powerShell(CommandIds.SERVICES,
                PowerShellScript.cmdlet("Get-Service").param("Name", "it's $(evil)"));

        Matcher line = COMMAND_LINE.matcher(command.commandLine());

        assertTrue(line.matches(), command.commandLine());
        assertEquals(PowerShell.COMMAND_PREFIX + line.group(1), command.commandLine());
        assertEquals(PowerShell.PREAMBLE + "\nGet-Service -Name 'it''s $(evil)'", decode(command.commandLine()));
    }

    @Test
    void scriptsTooLongForCmdAreRefused() {
        PowerShellScript fits = PowerShellScript.cmdlet("Write-Output").param("InputObject", "x".repeat(2500));
        assertTrue(RemoteCommand.powerShell(CommandIds.SERVICES, fits).commandLine().length()
                <= PowerShell.MAX_COMMAND_LINE);

        PowerShellScript tooLong = PowerShellScript.cmdlet("Write-Output").param("InputObject", "x".repeat(3500));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RemoteCommand.powerShell(CommandIds.SERVICES, tooLong));
        assertTrue(e.getMessage().contains("8191"), e.getMessage());
    }

    @Test
    void theBuilderWritesTheExpectedText() {
        assertEquals("Start-Service -Name 'SstpSvc'",
                PowerShellScript.cmdlet("Start-Service").param("Name", "SstpSvc").text());
        assertEquals("Get-Service -Name @('RemoteAccess', 'SstpSvc') | ConvertTo-Json -Depth 3",
                PowerShellScript.cmdlet("Get-Service").param("Name", new String[] {"RemoteAccess", "SstpSvc"})
                        .pipe(PowerShellScript.cmdlet("ConvertTo-Json").param("Depth", 3)).text());
        assertEquals("Get-WinEvent -MaxEvents 50 -Offset (-5) -Force -Oldest:$false -Name @()",
                PowerShellScript.cmdlet("Get-WinEvent").param("MaxEvents", 50).param("Offset", -5)
                        .param("Force", true).param("Oldest", false).param("Name", new String[0]).text());
        assertEquals("$Thumbprint = 'AB12'\n$Count = 3\n$Strict = $true\n$Names = @('a', 'b''c')\n"
                + "Get-Item \"Cert:\\LocalMachine\\My\\$Thumbprint\"",
                PowerShellScript.assign("Thumbprint", "AB12").then(PowerShellScript.assign("Count", 3))
                        .then(PowerShellScript.assign("Strict", true))
                        .then(PowerShellScript.assign("Names", new String[] {"a", "b'c"}))
                        .then(PowerShellScript.fixed("Get-Item \"Cert:\\LocalMachine\\My\\$Thumbprint\"")).text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Get Item", "Get-", "-Item", "GetItem", "Get-Item;Remove-Item", "Get-Item x",
            "Get-Item\n", "Get-It\u00e9m", "Get-Item'", "Microsoft.PowerShell.Management\\Get-Item"})
    void cmdletNamesAreVerbNounOnly(String name) {
        assertThrows(IllegalArgumentException.class, () -> PowerShellScript.cmdlet(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Name Value", "1Name", "Na-me", "Name;", "Name:", "Name'", "-Name", "N\u00e4me"})
    void parameterNamesAreLettersAndDigitsOnly(String name) {
        PowerShellScript call = PowerShellScript.cmdlet("Get-Item");
        assertThrows(IllegalArgumentException.class, () -> call.param(name, "x"));
        assertThrows(IllegalArgumentException.class, () -> call.param(name, 1));
        assertThrows(IllegalArgumentException.class, () -> call.param(name, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "$x", "_x", "x-y", "x;y", "true", "False", "NULL", "x'"})
    void variableNamesAreIdentifiersButNotConstants(String name) {
        assertThrows(IllegalArgumentException.class, () -> PowerShellScript.assign(name, "value"));
    }

    @Test
    void parametersGoToCmdletCallsOnly() {
        assertThrows(IllegalStateException.class, () -> PowerShellScript.fixed("Get-Date").param("Format", "o"));
        assertThrows(IllegalStateException.class,
                () -> PowerShellScript.cmdlet("Get-Date").then(PowerShellScript.assign("x", 1)).param("Format", "o"));
        assertThrows(IllegalArgumentException.class, () -> PowerShellScript.fixed(" \n "));
        assertThrows(IllegalArgumentException.class, () -> PowerShellScript.cmdlet("Get-Date")
                .pipe(PowerShellScript.cmdlet("A-B").then(PowerShellScript.cmdlet("C-D"))));
        assertThrows(NullPointerException.class, () -> PowerShellScript.cmdlet("Get-Item").param("Path", (String) null));
        assertThrows(NullPointerException.class,
                () -> PowerShellScript.cmdlet("Get-Item").param("Path", new String[] {"a", null}));
    }

    /** The script text of a command line, decoded as powershell.exe decodes -EncodedCommand. */
    static String decode(String commandLine) {
        Matcher line = COMMAND_LINE.matcher(commandLine);
        assertTrue(line.matches(), commandLine);
        return new String(Base64.getDecoder().decode(line.group(1)), StandardCharsets.UTF_16LE);
    }

    private static String escape(String text) {
        List<String> parts = new ArrayList<>();
        text.chars().forEach(c -> parts.add(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return String.join("", parts);
    }
}
