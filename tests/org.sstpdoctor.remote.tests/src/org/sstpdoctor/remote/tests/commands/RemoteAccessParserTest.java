package org.sstpdoctor.remote.tests.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sstpdoctor.remote.commands.ParseProblem;
import org.sstpdoctor.remote.commands.ParseResult;
import org.sstpdoctor.remote.commands.RemoteAccessEvidence;
import org.sstpdoctor.remote.commands.RemoteAccessEvidence.InstallState;
import org.sstpdoctor.remote.commands.RemoteAccessParser;

/** The JSON of the Get-RemoteAccess / Get-VpnServerConfiguration script. */
class RemoteAccessParserTest {

    private static ParseResult<RemoteAccessEvidence> parse(String fixture) {
        return RemoteAccessParser.parseJson(Fixtures.read("remoteAccess/" + fixture));
    }

    @ParameterizedTest(name = "{0}: VPN {1}, {2} SSTP ports")
    @CsvSource(delimiter = '|', textBlock = """
            healthy.json           | INSTALLED   | 128  | 128  | true
            zero-sstp-ports.json   | INSTALLED   | 0    | 128  | true
            grouped-numbers.json   | INSTALLED   | 1000 | 1000 | true
            bad-number.json        | INSTALLED   | -    | 128  | false
            not-configured.json    | UNINSTALLED | -    | -    | false
            ps51-array.json        | INSTALLED   | 128  | 128  | true
            """)
    void readsTheStateAndThePorts(String fixture, InstallState vpn, String sstpPorts, String ikev2Ports, boolean clean) {
        ParseResult<RemoteAccessEvidence> result = parse(fixture);
        assertEquals(vpn, result.value().vpnStatus(), result::toString);
        assertEquals(ports(sstpPorts), result.value().sstpPorts(), result::toString);
        assertEquals(ports(ikev2Ports), result.value().ikev2Ports(), result::toString);
        assertEquals(clean, result.isClean(), result::toString);
    }

    private static OptionalInt ports(String text) {
        return text.equals("-") ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(text));
    }

    @Test
    void readsEveryField() {
        assertEquals(new RemoteAccessEvidence(InstallState.INSTALLED, InstallState.UNINSTALLED, InstallState.UNINSTALLED,
                InstallState.UNINSTALLED, Optional.of(false), Optional.of(Fixtures.SERVER_SHA1), OptionalInt.of(128),
                OptionalInt.of(128), OptionalInt.of(128), OptionalInt.of(0)), parse("healthy.json").value());
        assertEquals(Optional.of(true), parse("ps51-array.json").value().useHttp());
        assertEquals(OptionalInt.of(1000), parse("grouped-numbers.json").value().l2tpPorts());
    }

    @Test
    void reportsWhatTheServerCouldNotTell() {
        assertEquals(List.of(new ParseProblem(0,
                "the server reported: \"Get-VpnServerConfiguration: The Remote Access service is not configured.\"")),
                parse("not-configured.json").problems());
        assertEquals(List.of(new ParseProblem(0, "expected a whole number at $.SstpPorts, found \"12,8\"")),
                parse("bad-number.json").problems());
    }
}
