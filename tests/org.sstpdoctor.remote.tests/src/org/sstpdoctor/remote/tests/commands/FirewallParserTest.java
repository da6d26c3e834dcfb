package org.sstpdoctor.remote.tests.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sstpdoctor.remote.commands.FirewallEvidence;
import org.sstpdoctor.remote.commands.FirewallEvidence.Action;
import org.sstpdoctor.remote.commands.FirewallEvidence.Direction;
import org.sstpdoctor.remote.commands.FirewallEvidence.Profile;
import org.sstpdoctor.remote.commands.FirewallEvidence.Rule;
import org.sstpdoctor.remote.commands.FirewallParser;
import org.sstpdoctor.remote.commands.ParseProblem;
import org.sstpdoctor.remote.commands.ParseResult;
import org.sstpdoctor.remote.commands.Verdict;

/** The JSON of the Get-NetFirewallRule script for the Secure Socket Tunneling Protocol group. */
class FirewallParserTest {

    private static ParseResult<FirewallEvidence> parse(String fixture) {
        return FirewallParser.parseJson(Fixtures.read("firewall/" + fixture));
    }

    @ParameterizedTest(name = "{0}: TCP 443 allowed {1}")
    @CsvSource(delimiter = '|', textBlock = """
            enabled.json                  | YES     | NO      | 1 | true
            disabled.json                 | NO      | NO      | 1 | true
            ps51-numbers-single.json      | YES     | NO      | 1 | true
            ps51-numbers-disabled.json    | NO      | NO      | 1 | true
            none.json                     | NO      | NO      | 0 | true
            profiles-and-block.json       | YES     | NO      | 2 | true
            unknown-enabled.json          | UNKNOWN | UNKNOWN | 1 | false
            """)
    void answersWhetherSstpIsAllowedIn(String fixture, Verdict on443, Verdict on8443, int rules, boolean clean) {
        ParseResult<FirewallEvidence> result = parse(fixture);
        assertEquals(on443, result.value().allowsInboundTcp(443), result::toString);
        assertEquals(on8443, result.value().allowsInboundTcp(8443), result::toString);
        assertEquals(rules, result.value().rules().size(), result::toString);
        assertEquals(clean, result.isClean(), result::toString);
    }

    @Test
    void readsTheRuleWindowsShips() {
        Rule expected = new Rule("SSTP-IN-TCP", "Secure Socket Tunneling Protocol (SSTP-In)", FirewallEvidence.SSTP_GROUP,
                true, Direction.INBOUND, Action.ALLOW, EnumSet.allOf(Profile.class), Optional.of("TCP"), List.of("443"));
        assertEquals(List.of(expected), parse("enabled.json").value().rules());
        assertEquals(List.of(expected), parse("ps51-numbers-single.json").value().rules());
    }

    @Test
    void readsProfilesAsNamesAndAsBitMasks() {
        assertEquals(EnumSet.of(Profile.PRIVATE, Profile.PUBLIC), parse("ps51-numbers-disabled.json").value().rules().get(0).profiles());
        List<Rule> rules = parse("profiles-and-block.json").value().rules();
        assertEquals(EnumSet.of(Profile.DOMAIN, Profile.PRIVATE), rules.get(0).profiles());
        assertEquals(Action.BLOCK, rules.get(1).action());
        assertEquals(EnumSet.of(Profile.PUBLIC), rules.get(1).profiles());
    }

    @Test
    void anUnknownStateCountsAsDisabledAndIsReported() {
        ParseResult<FirewallEvidence> result = parse("unknown-enabled.json");
        assertEquals(List.of(new ParseProblem(0, "the rule SSTP-IN-TCP: unknown Enabled \"Wahr\"; taken as disabled")),
                result.problems());
        assertEquals(false, result.value().rules().get(0).enabled());
    }
}
