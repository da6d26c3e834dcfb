package org.sstpdoctor.lab.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sstpdoctor.lab.CommandAnswer;

class CommandAnswerTest {

    @Test
    void aFailedCommandHasANonZeroExitCode() {
        assertThrows(IllegalArgumentException.class, () -> CommandAnswer.failed(0, "no"));
        assertEquals(5, CommandAnswer.failed(5, "Access is denied.").exitCode());
    }

    @Test
    void aSuccessfulCommandHasNoErrorText() {
        CommandAnswer answer = CommandAnswer.ok("SERVICE_NAME: SstpSvc\r\n");
        assertEquals(0, answer.exitCode());
        assertEquals("", answer.stderr());
        assertThrows(NullPointerException.class, () -> new CommandAnswer(0, null, ""));
    }
}
