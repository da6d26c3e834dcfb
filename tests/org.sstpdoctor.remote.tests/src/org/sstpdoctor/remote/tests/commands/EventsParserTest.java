package org.sstpdoctor.remote.tests.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sstpdoctor.remote.commands.EventsEvidence;
import org.sstpdoctor.remote.commands.EventsEvidence.Event;
import org.sstpdoctor.remote.commands.EventsEvidence.Level;
import org.sstpdoctor.remote.commands.EventsParser;
import org.sstpdoctor.remote.commands.ParseProblem;
import org.sstpdoctor.remote.commands.ParseResult;
import org.sstpdoctor.remote.commands.RasSstpEvent;
import org.sstpdoctor.remote.commands.SchannelEvent;
import org.sstpdoctor.remote.commands.Verdict;

/** The JSON of the Get-WinEvent script, as Windows PowerShell 5.1 and PowerShell 7 write it. */
class EventsParserTest {

    private static ParseResult<EventsEvidence> parse(String fixture) {
        return EventsParser.parseJson(Fixtures.read("events/" + fixture));
    }

    @ParameterizedTest(name = "{0}: event 18 {2}, 19 {3}, 32 {4}")
    @CsvSource(delimiter = '|', textBlock = """
            ps51.json                         | 3 | YES     | NO      | NO      | true
            ps7.json                          | 3 | YES     | NO      | NO      | true
            ps7-thumbprint-and-sha1.json      | 2 | NO      | YES     | YES     | true
            ps51-single-object.json           | 1 | NO      | YES     | NO      | true
            ps-empty.json                     | 0 | NO      | NO      | NO      | true
            ps7-truncated.json                | 0 | UNKNOWN | UNKNOWN | UNKNOWN | false
            ps7-bad-time.json                 | 1 | UNKNOWN | UNKNOWN | UNKNOWN | false
            """)
    void findsTheRasSstpEventsThatMatter(String fixture, int events, Verdict sha256, Verdict sha1, Verdict thumbprint,
            boolean clean) {
        ParseResult<EventsEvidence> result = parse(fixture);
        assertEquals(events, result.value().events().size(), result::toString);
        assertEquals(sha256, result.value().contains(RasSstpEvent.SHA256_HASH_INVALID), result::toString);
        assertEquals(sha1, result.value().contains(RasSstpEvent.SHA1_HASH_INVALID), result::toString);
        assertEquals(thumbprint, result.value().contains(RasSstpEvent.THUMBPRINT_DIFFERS_FROM_BINDING), result::toString);
        assertEquals(clean, result.isClean(), result::toString);
    }

    @Test
    void readsAnEventWhole() {
        Event event = parse("ps51.json").value().events().get(0);
        assertEquals(Instant.parse("2026-11-25T08:14:03.512Z"), event.timeCreated());
        assertEquals(18, event.id());
        assertEquals(Level.ERROR, event.level());
        assertEquals("Microsoft-Windows-RasSstp", event.provider());
        assertEquals("System", event.logName());
        assertEquals(OptionalLong.of(48211), event.recordId());
        assertTrue(event.message().startsWith("The Secure Socket Tunneling Protocol service either could not read the SHA256"));
        assertEquals(Optional.of(RasSstpEvent.SHA256_HASH_INVALID), event.rasSstp());
        assertTrue(event.rasSstp().orElseThrow().blocksConnections());
        assertEquals(Optional.empty(), event.schannel());
    }

    @Test
    void theDateFormsOfWindowsPowerShell51AndPowerShell7ReadTheSame() {
        assertEquals(parse("ps51.json").value(), parse("ps7.json").value());
    }

    @Test
    void mapsSchannelEvents() {
        Event schannel = parse("ps7.json").value().events().get(1);
        assertEquals(Optional.of(SchannelEvent.NO_COMMON_CIPHER_SUITE), schannel.schannel());
        assertEquals(Optional.empty(), schannel.rasSstp());
    }

    @Test
    void anEventWithoutAReadableTimeIsDropped() {
        assertEquals(List.of(new ParseProblem(0, "expected a date at $[0].TimeCreated, found \"25.11.2026 09:14:03\""),
                new ParseProblem(0, "the event at $[0] lacks its TimeCreated, Id or ProviderName; it is not used")),
                parse("ps7-bad-time.json").problems());
    }

    @Test
    void everyRasSstpIdHasOneMeaning() {
        for (RasSstpEvent event : RasSstpEvent.values()) {
            assertEquals(Optional.of(event), RasSstpEvent.of(event.id()));
            assertTrue(!event.meaning().isBlank());
        }
        assertEquals(List.of(11, 12, 13, 18, 19, 21, 22, 24, 25, 32),
                java.util.Arrays.stream(RasSstpEvent.values()).filter(RasSstpEvent::serverSide).map(RasSstpEvent::id).toList());
        assertEquals(Optional.empty(), RasSstpEvent.of(99));
    }
}
