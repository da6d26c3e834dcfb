package org.sstpdoctor.remote.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sstpdoctor.remote.CommandForm;
import org.sstpdoctor.remote.CommandIds;
import org.sstpdoctor.remote.CommandResult;
import org.sstpdoctor.remote.LegacyCommand;
import org.sstpdoctor.remote.PowerShellScript;
import org.sstpdoctor.remote.RemoteCommand;
import org.sstpdoctor.remote.RemoteException;

/** Commands carry a valid id, a bounded timeout and a bounded output cap; results decode their bytes. */
class RemoteCommandTest {

    private static final PowerShellScript GET_DATE = PowerShellScript.cmdlet("Get-Date");

    @Test
    void everyCommandIdIsValidAndDistinct() throws IllegalAccessException {
        Set<String> ids = new HashSet<>();
        for (Field field : CommandIds.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String id = (String) field.get(null);
                assertTrue(CommandIds.isValid(id), id);
                assertTrue(ids.add(id), "duplicate " + id);
            }
        }
        assertTrue(ids.containsAll(Set.of("services", "listeners", "sslcert", "sstp-registry")), ids.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Services", "a b", "../x", "x/y", "x.y", "-x", "x-", "x--y", "1x", "x_y", "\u00e9t\u00e9",
            "abcdefghijabcdefghijabcdefghijabcdefghijk"})
    void malformedIdsAreRefused(String id) {
        assertFalse(CommandIds.isValid(id));
        assertThrows(IllegalArgumentException.class, () -> RemoteCommand.powerShell(id, GET_DATE));
    }

    @Test
    void defaultsAndWithers() {
        RemoteCommand command = RemoteCommand.powerShell(CommandIds.EVENTS, GET_DATE);
        assertEquals(RemoteCommand.DEFAULT_TIMEOUT, command.timeout());
        assertEquals(RemoteCommand.DEFAULT_OUTPUT_CAP, command.outputCap());
        assertEquals(CommandForm.POWERSHELL, command.form());
        assertEquals(GET_DATE, command.script());
        assertNull(command.legacyCommand());

        RemoteCommand changed = command.withTimeout(Duration.ofSeconds(5)).withOutputCap(1024);
        assertEquals(Duration.ofSeconds(5), changed.timeout());
        assertEquals(1024, changed.outputCap());
        assertEquals(command.commandLine(), changed.commandLine());
        assertEquals(CommandIds.EVENTS, changed.id());

        RemoteCommand legacy = RemoteCommand.legacy(CommandIds.LISTENERS, LegacyCommand.parse("netstat -aon"));
        assertEquals(CommandForm.LEGACY, legacy.form());
        assertEquals("netstat -aon", legacy.commandLine());
        assertNull(legacy.script());
    }

    @Test
    void timeoutsAndCapsAreBounded() {
        RemoteCommand command = RemoteCommand.powerShell(CommandIds.EVENTS, GET_DATE);
        assertThrows(IllegalArgumentException.class, () -> command.withTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> command.withTimeout(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> command.withTimeout(Duration.ofHours(2)));
        assertThrows(IllegalArgumentException.class, () -> command.withTimeout(null));
        assertThrows(IllegalArgumentException.class, () -> command.withOutputCap(0));
        assertThrows(IllegalArgumentException.class, () -> command.withOutputCap(RemoteCommand.MAX_OUTPUT_CAP + 1));
        command.withTimeout(RemoteCommand.MAX_TIMEOUT).withOutputCap(RemoteCommand.MAX_OUTPUT_CAP);
    }

    @Test
    void resultsDecodeInTheirCharsetAndDropAByteOrderMark() {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, 'o', 'k'};
        CommandResult utf8 = new CommandResult(CommandIds.SERVICES, CommandForm.POWERSHELL, 0, bom, new byte[0],
                StandardCharsets.UTF_8, false, Duration.ofMillis(5));
        assertEquals("ok", utf8.stdout());
        assertTrue(utf8.isSuccess());

        Charset oem = Charset.forName("IBM850");
        CommandResult legacy = new CommandResult(CommandIds.SERVICES, CommandForm.LEGACY, 1060,
                "Dienstname: \u00fc".getBytes(oem), new byte[] {(byte) 0xff}, oem, false, Duration.ZERO);
        assertEquals("Dienstname: \u00fc", legacy.stdout());
        assertFalse(legacy.isSuccess());
        assertEquals(1060, legacy.exitCode().getAsInt());

        byte[] out = {'a'};
        CommandResult truncated = new CommandResult(CommandIds.SERVICES, CommandForm.LEGACY, null, out, new byte[0],
                StandardCharsets.UTF_8, true, Duration.ZERO);
        out[0] = 'b';
        assertArrayEquals(new byte[] {'a'}, truncated.stdoutBytes(), "the result keeps its own copy");
        assertFalse(truncated.isSuccess());
        assertTrue(truncated.exitCode().isEmpty());
    }

    @Test
    void failuresNameTheServerAndTheStep() {
        RemoteException e = new RemoteException("vpn1 (vpn1.contoso.com:22)", RemoteException.Step.AUTH,
                "the server refused the password for user \"admin\"");

        assertEquals("vpn1 (vpn1.contoso.com:22): authentication failed: the server refused the password for user "
                + "\"admin\"", e.getMessage());
        assertEquals(e.getMessage(), e.getStatus().getMessage());
        assertEquals(RemoteException.PLUGIN_ID, e.getStatus().getPlugin());
        assertEquals(RemoteException.Step.AUTH, e.step());
    }
}
