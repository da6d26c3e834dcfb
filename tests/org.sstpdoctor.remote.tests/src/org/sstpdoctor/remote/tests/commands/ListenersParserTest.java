package org.sstpdoctor.remote.tests.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sstpdoctor.remote.commands.IpFamily;
import org.sstpdoctor.remote.commands.ListenersEvidence;
import org.sstpdoctor.remote.commands.ListenersEvidence.Protocol;
import org.sstpdoctor.remote.commands.ListenersEvidence.Socket;
import org.sstpdoctor.remote.commands.ListenersEvidence.TcpState;
import org.sstpdoctor.remote.commands.ListenersParser;
import org.sstpdoctor.remote.commands.ParseProblem;
import org.sstpdoctor.remote.commands.ParseResult;
import org.sstpdoctor.remote.commands.Verdict;

/** {@code netstat -aon} and the Get-NetTCPConnection JSON. */
class ListenersParserTest {

    private static ParseResult<ListenersEvidence> parse(String fixture) {
        String output = Fixtures.read("listeners/" + fixture);
        return fixture.endsWith(".json") ? ListenersParser.parseJson(output) : ListenersParser.parseNetstat(output);
    }

    @ParameterizedTest(name = "{0}: 443 IPv4 {1}, IPv6 {2}; 8443 IPv4 {3}")
    @CsvSource(delimiter = '|', textBlock = """
            netstat-healthy.txt        | YES     | YES     | NO      | 9 | 16 | true
            netstat-no-443.txt         | NO      | NO      | NO      | 7 | 13 | true
            netstat-8443.txt           | NO      | NO      | YES     | 9 | 15 | true
            netstat-ipv4-only.txt      | YES     | NO      | NO      | 8 | 14 | true
            netstat-german.txt         | UNKNOWN | UNKNOWN | UNKNOWN | 0 | 16 | false
            netstat-truncated.txt      | YES     | UNKNOWN | UNKNOWN | 8 | 11 | false
            netstat-garbled-port.txt   | UNKNOWN | UNKNOWN | UNKNOWN | 7 | 13 | false
            ps7.json                   | YES     | YES     | NO      | 5 | 5  | true
            ps51-numbers.json          | YES     | YES     | NO      | 3 | 3  | true
            ps51-single-object.json    | NO      | NO      | YES     | 1 | 1  | true
            ps-empty.json              | NO      | NO      | NO      | 0 | 0  | true
            """)
    void answersWhetherSomethingListens(String fixture, Verdict v4, Verdict v6, Verdict v4on8443, int listeners,
            int sockets, boolean clean) {
        ParseResult<ListenersEvidence> result = parse(fixture);
        ListenersEvidence evidence = result.value();
        assertEquals(v4, evidence.listening(443, IpFamily.IPV4), result::toString);
        assertEquals(v6, evidence.listening(443, IpFamily.IPV6), result::toString);
        assertEquals(v4on8443, evidence.listening(8443, IpFamily.IPV4), result::toString);
        assertEquals(listeners, evidence.listeners().size(), result::toString);
        assertEquals(sockets, evidence.sockets().size(), result::toString);
        assertEquals(clean, result.isClean(), result::toString);
    }

    @Test
    void readsEveryColumnOfNetstat() {
        List<Socket> sockets = parse("netstat-healthy.txt").value().sockets();
        assertEquals(new Socket(Protocol.TCP, "::", 443, Optional.of("::"), OptionalInt.of(0), TcpState.LISTEN, "LISTENING",
                OptionalInt.of(4), Optional.empty()), sockets.get(11));
        assertEquals(new Socket(Protocol.TCP, "203.0.113.10", 443, Optional.of("198.51.100.7"), OptionalInt.of(50122),
                TcpState.ESTABLISHED, "ESTABLISHED", OptionalInt.of(4), Optional.empty()), sockets.get(5));
        assertEquals(new Socket(Protocol.UDP, "fe80::5d2c:1a9e:3b7f:8c10%6", 1900, Optional.empty(), OptionalInt.empty(),
                TcpState.NONE, "", OptionalInt.of(2288), Optional.empty()), sockets.get(15));
        assertEquals(TcpState.TIME_WAIT, sockets.get(7).state());
        assertTrue(sockets.get(11).isWildcard());
        assertEquals(IpFamily.IPV6, sockets.get(11).family());
    }

    @Test
    void localizedStatesAreReportedNotGuessed() {
        ParseResult<ListenersEvidence> result = parse("netstat-german.txt");
        assertEquals(new ParseProblem(5, "unknown TCP state \"ABH\u00d6REN\" (netstat writes it in the server's language;"
                + " only the English names are read)"), result.problems().get(0));
        assertEquals(TcpState.UNKNOWN, result.value().sockets().get(0).state());
    }

    @Test
    void aPortThatIsNotANumberIsNoListener() {
        ParseResult<ListenersEvidence> result = parse("netstat-garbled-port.txt");
        assertEquals(List.of(new ParseProblem(9, "unreadable local address \"0.0.0.0:44x\""),
                new ParseProblem(15, "unreadable local address \"[::]:4430000\"")), result.problems());
        assertTrue(result.value().listenersOn(443).isEmpty());
        assertTrue(result.value().listenersOn(44).isEmpty());
    }

    @Test
    void aRowCutOffIsReportedWithItsLine() {
        assertEquals(List.of(new ParseProblem(16,
                "a TCP row with 4 columns instead of 5 (cut off or garbled): \"TCP [::]:443 [::]:0 LISTEN\"")),
                parse("netstat-truncated.txt").problems());
    }

    @Test
    void readsTheProcessNamesAndTheEnumNumbers() {
        assertEquals(Optional.of("System"), parse("ps7.json").value().listenersOn(443).get(0).processName());
        Socket socket = parse("ps51-numbers.json").value().sockets().get(0);
        assertEquals(new Socket(Protocol.TCP, "::", 443, Optional.empty(), OptionalInt.empty(), TcpState.LISTEN, "Listen",
                OptionalInt.of(4), Optional.empty()), socket);
    }
}
