package org.sstpdoctor.remote.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sstpdoctor.remote.LegacyCommand;

/**
 * Legacy cmd.exe commands cannot be quoted safely, so they are validated: only the read-only forms
 * of a few programs, with arguments free of every character cmd.exe or a batch file interprets.
 */
class LegacyCommandTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "sc query remoteaccess",
            "sc query sstpsvc",
            "sc queryex sstpsvc",
            "sc qc SstpSvc",
            "netstat -aon",
            "netstat -a -n -o",
            "netsh http show sslcert",
            "netsh http show sslcert ipport=0.0.0.0:443",
            "netsh http show sslcert ipport=[::]:443",
            "netsh http show urlacl",
            "netsh advfirewall firewall show rule name=all",
            "netsh ras show portstatus",
            "reg query HKLM\\SYSTEM\\CurrentControlSet\\Services\\SstpSvc\\Parameters",
            "reg query HKLM\\SYSTEM\\CurrentControlSet\\Services\\SstpSvc\\Parameters /v ListenerPort",
            "certutil -store my",
            "certutil -store My {1b6c2c4c-0b0a-4a5b-8c5e-1c2d3e4f5a6b}"})
    void theKbsReadOnlyCommandsAreAccepted(String line) {
        LegacyCommand command = LegacyCommand.parse(line);

        assertEquals(line, command.commandLine());
        assertEquals(LegacyCommand.of(line.split(" ")[0], List.of(line.split(" ")).subList(1, line.split(" ").length)
                .toArray(String[]::new)), command);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '~', value = {
            "sc stop sstpsvc                                  => not a read-only form",
            "sc config sstpsvc start= auto                    => not a read-only form",
            "sc query sstpsvc & del C:\\x                     => not safe for cmd.exe",
            "sc query \"sstpsvc\"                             => not safe for cmd.exe",
            "sc query %PATH%                                  => not safe for cmd.exe",
            "sc query ^sstpsvc                                => not safe for cmd.exe",
            "sc query sstp|svc                                => not safe for cmd.exe",
            "sc query sstpsvc>out                             => not safe for cmd.exe",
            "sc query (sstpsvc)                               => not safe for cmd.exe",
            "sc query sstpsvc!                                => not safe for cmd.exe",
            "sc query a,b                                     => not safe for cmd.exe",
            "sc query a;b                                     => not safe for cmd.exe",
            "sc query 'a'                                     => not safe for cmd.exe",
            "sc query `a`                                     => not safe for cmd.exe",
            "sc query $a                                      => not safe for cmd.exe",
            "sc query *                                       => not safe for cmd.exe",
            "netstat 5                                        => only switches",
            "netstat -aon 5                                   => only switches",
            "netstat -a/n                                     => only switches",
            "reg add HKLM\\x                                  => not a read-only form",
            "reg delete HKLM\\SYSTEM\\CurrentControlSet\\Services\\SstpSvc => not a read-only form",
            "reg                                              => not a read-only form",
            "netsh http delete sslcert ipport=0.0.0.0:443     => not a read-only form",
            "netsh advfirewall set allprofiles state off      => not a read-only form",
            "netsh http add sslcert ipport=0.0.0.0:443        => not a read-only form",
            "cmd /c dir                                       => not an accepted legacy command",
            "powershell -c Get-Date                           => not an accepted legacy command",
            "sc.exe query sstpsvc                             => not an accepted legacy command",
            "SC query sstpsvc                                 => not an accepted legacy command",
            "del sstpsvc                                      => not an accepted legacy command",
            "ipconfig /release                                => not an accepted legacy command",
            "net stop sstpsvc                                 => not an accepted legacy command"})
    void everythingElseIsRefusedWithTheReason(String line, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LegacyCommand.parse(line));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sstpsvc\n", "sstpsvc\r\ndel x", "sstp\u0000svc", "sstp\tsvc", "\uff53\uff53\uff54\uff50",
            "sst\u00e9", "sstp\u2028svc", "", "sstpsvc "})
    void controlCharactersNonAsciiAndEmptyArgumentsAreRefused(String argument) {
        assertThrows(IllegalArgumentException.class, () -> LegacyCommand.of("sc", "query", argument));
    }

    @Test
    void doubleSpacesMakeAnEmptyArgument() {
        assertThrows(IllegalArgumentException.class, () -> LegacyCommand.parse("sc  query sstpsvc"));
        assertThrows(IllegalArgumentException.class, () -> LegacyCommand.parse(""));
        assertThrows(IllegalArgumentException.class, () -> LegacyCommand.parse(null));
    }

    @Test
    void argumentsAreBounded() {
        assertThrows(IllegalArgumentException.class, () -> LegacyCommand.of("sc", "query", "x".repeat(261)));
        LegacyCommand.of("sc", "query", "x".repeat(260));
        String[] seventeen = new String[17];
        java.util.Arrays.fill(seventeen, "-a");
        assertThrows(IllegalArgumentException.class, () -> LegacyCommand.of("netstat", seventeen));
    }

    @Test
    void invocationsJoinWithAnAmpersandThatIsTheProductsOwn() {
        LegacyCommand services = LegacyCommand.parse("sc query remoteaccess")
                .andThen(LegacyCommand.parse("sc query sstpsvc"));

        assertEquals("sc query remoteaccess & sc query sstpsvc", services.commandLine());
        assertEquals(2, services.invocations().size());
        assertEquals(List.of("query", "sstpsvc"), services.invocations().get(1).arguments());
    }
}
