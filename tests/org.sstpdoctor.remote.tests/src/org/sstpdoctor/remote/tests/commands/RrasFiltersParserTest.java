package org.sstpdoctor.remote.tests.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sstpdoctor.remote.commands.ParseProblem;
import org.sstpdoctor.remote.commands.ParseResult;
import org.sstpdoctor.remote.commands.RrasFiltersEvidence;
import org.sstpdoctor.remote.commands.RrasFiltersEvidence.Action;
import org.sstpdoctor.remote.commands.RrasFiltersEvidence.Filter;
import org.sstpdoctor.remote.commands.RrasFiltersEvidence.Interface;
import org.sstpdoctor.remote.commands.RrasFiltersEvidence.Protocol;
import org.sstpdoctor.remote.commands.RrasFiltersEvidence.Type;
import org.sstpdoctor.remote.commands.RrasFiltersParser;
import org.sstpdoctor.remote.commands.Verdict;

/** {@code netsh routing ip dump}, as text and wrapped in the PowerShell form's JSON. */
class RrasFiltersParserTest {

    private static ParseResult<RrasFiltersEvidence> parse(String fixture) {
        String output = Fixtures.read("rrasFilters/" + fixture);
        return fixture.endsWith(".json") ? RrasFiltersParser.parseJson(output) : RrasFiltersParser.parseDump(output);
    }

    @ParameterizedTest(name = "{0}: blocks TCP 443 in {1}, out {2}")
    @CsvSource(delimiter = '|', textBlock = """
            dump-no-filters.txt           | NO      | NO      | 0 | true
            dump-blocks-443.txt           | YES     | NO      | 1 | true
            dump-permits-443.txt          | NO      | NO      | 1 | true
            dump-permits-pptp-only.txt    | YES     | NO      | 1 | true
            dump-address-limited.txt      | UNKNOWN | NO      | 1 | true
            dump-outbound-blocks.txt      | NO      | YES     | 1 | true
            dump-blocks-rdp.txt           | NO      | NO      | 1 | true
            dump-truncated.txt            | UNKNOWN | UNKNOWN | 0 | false
            not-available.txt             | UNKNOWN | UNKNOWN | 0 | false
            dump-garbled.txt              | UNKNOWN | UNKNOWN | 1 | false
            ps.json                       | NO      | NO      | 0 | true
            ps-exit-code.json             | UNKNOWN | UNKNOWN | 0 | false
            """)
    void answersWhetherAFilterBlocksSstp(String fixture, Verdict inbound, Verdict outbound, int interfaces, boolean clean) {
        ParseResult<RrasFiltersEvidence> result = parse(fixture);
        assertEquals(inbound, result.value().blocksInboundTcp(443), result::toString);
        assertEquals(outbound, result.value().blocksOutboundTcp(443), result::toString);
        assertEquals(interfaces, result.value().interfaces().size(), result::toString);
        assertEquals(clean, result.isClean(), result::toString);
    }

    @Test
    void readsTheFilterAndTheActionOfItsSet() {
        Interface internet = parse("dump-blocks-443.txt").value().interfaces().get(0);
        assertEquals(new Interface("Internet", Map.of(Type.INPUT, Action.FORWARD), List.of(new Filter(Type.INPUT, "0.0.0.0",
                "0.0.0.0", "0.0.0.0", "0.0.0.0", Protocol.TCP, "TCP", 0, 443, 11))), internet);
    }

    @Test
    void aFilterSetThatDropsAllButOtherProtocolsBlocksSstp() {
        Interface internet = parse("dump-permits-pptp-only.txt").value().interfaces().get(0);
        assertEquals(Protocol.OTHER, internet.filters().get(1).protocol());
        assertEquals("47", internet.filters().get(1).protocolText());
        assertEquals(Verdict.YES, internet.blocks(Type.INPUT, 443));
        assertEquals(Verdict.NO, internet.blocks(Type.INPUT, 1723));
    }

    @Test
    void aFilterMatchesTheDestinationPortInAndTheSourcePortOut() {
        Interface internet = parse("dump-blocks-rdp.txt").value().interfaces().get(0);
        assertEquals(Verdict.YES, internet.blocks(Type.INPUT, 3389));
        assertEquals(Verdict.NO, internet.blocks(Type.INPUT, 443));
        assertEquals(Verdict.YES, internet.blocks(Type.OUTPUT, 3389));
        assertEquals(Verdict.NO, internet.blocks(Type.OUTPUT, 443));
        assertEquals(Protocol.TCP_ESTABLISHED, internet.filters(Type.OUTPUT).get(0).protocol());
    }

    @Test
    void reportsAnOutputThatIsNoDump() {
        assertEquals(List.of(new ParseProblem(1, "not a netsh command: \"The following command was not found: routing ip dump.\""),
                new ParseProblem(0, "the output has no 'pushd routing ip': it is not a dump of the RRAS IP configuration")),
                parse("not-available.txt").problems());
        assertEquals(List.of(
                new ParseProblem(0, "the dump ends before the 'popd' that closes the IP configuration (cut off?)")),
                parse("dump-truncated.txt").problems());
    }
}
