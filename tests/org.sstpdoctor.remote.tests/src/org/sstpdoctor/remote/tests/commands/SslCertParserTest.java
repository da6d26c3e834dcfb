package org.sstpdoctor.remote.tests.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sstpdoctor.remote.commands.IpFamily;
import org.sstpdoctor.remote.commands.ParseProblem;
import org.sstpdoctor.remote.commands.ParseResult;
import org.sstpdoctor.remote.commands.SslCertEvidence;
import org.sstpdoctor.remote.commands.SslCertEvidence.Binding;
import org.sstpdoctor.remote.commands.SslCertEvidence.Kind;
import org.sstpdoctor.remote.commands.SslCertParser;
import org.sstpdoctor.remote.commands.Verdict;

/** {@code netsh http show sslcert}, as text and wrapped in the PowerShell form's JSON. */
class SslCertParserTest {

    private static ParseResult<SslCertEvidence> parse(String fixture) {
        String output = Fixtures.read("sslcert/" + fixture);
        return fixture.endsWith(".json") ? SslCertParser.parseJson(output) : SslCertParser.parseText(output);
    }

    private static String hash(SslCertEvidence evidence, IpFamily family) {
        return evidence.wildcardBinding(family, 443).map(Binding::certificateHash).orElse("-");
    }

    @ParameterizedTest(name = "{0}: 0.0.0.0:443 {1}, [::]:443 {2}")
    @CsvSource(delimiter = '|', textBlock = """
            healthy.txt                | SERVER | SERVER | 3 | YES     | YES     | true
            server2008.txt             | SERVER | SERVER | 2 | YES     | YES     | true
            ipv4-only.txt              | SERVER | -      | 2 | YES     | NO      | true
            ipv4-ipv6-differ.txt       | SERVER | OLD    | 2 | YES     | YES     | true
            none.txt                   | -      | -      | 0 | NO      | NO      | true
            grouped-numbers.txt        | SERVER | SERVER | 2 | YES     | YES     | true
            localized.txt              | -      | -      | 0 | UNKNOWN | UNKNOWN | false
            truncated-in-hash.txt      | SERVER | -      | 1 | YES     | UNKNOWN | false
            truncated-after-hash.txt   | SERVER | -      | 1 | YES     | UNKNOWN | false
            garbled.txt                | -      | -      | 0 | UNKNOWN | UNKNOWN | false
            unknown-label.txt          | SERVER | SERVER | 2 | YES     | YES     | false
            ps.json                    | SERVER | SERVER | 2 | YES     | YES     | true
            ps-exit-code.json          | -      | -      | 0 | UNKNOWN | UNKNOWN | false
            """)
    void readsTheWildcardBindings(String fixture, String v4, String v6, int bindings, Verdict hasV4, Verdict hasV6,
            boolean clean) {
        ParseResult<SslCertEvidence> result = parse(fixture);
        assertEquals(expand(v4), hash(result.value(), IpFamily.IPV4), result::toString);
        assertEquals(expand(v6), hash(result.value(), IpFamily.IPV6), result::toString);
        assertEquals(bindings, result.value().bindings().size(), result::toString);
        assertEquals(hasV4, result.value().hasWildcardBinding(IpFamily.IPV4, 443), result::toString);
        assertEquals(hasV6, result.value().hasWildcardBinding(IpFamily.IPV6, 443), result::toString);
        assertEquals(clean, result.isClean(), result::toString);
    }

    private static String expand(String name) {
        return switch (name) {
        case "SERVER" -> Fixtures.SERVER_SHA1;
        case "OLD" -> Fixtures.OLD_SHA1;
        default -> name;
        };
    }

    @Test
    void readsABindingWhole() {
        SslCertEvidence evidence = parse("healthy.txt").value();
        Binding v4 = evidence.binding("0.0.0.0", 443).orElseThrow();
        assertEquals(Kind.IP_PORT, v4.kind());
        assertEquals("0.0.0.0:443", v4.endpoint());
        assertEquals(OptionalInt.of(443), v4.port());
        assertEquals(SslCertEvidence.SSTP_APPLICATION_ID, v4.applicationId());
        assertTrue(v4.isSstp());
        assertEquals(Optional.of("MY"), v4.certificateStoreName());
        assertEquals(Optional.of(true), v4.flag("Verify Client Certificate Revocation"));
        assertEquals(Optional.of(false), v4.flag("Negotiate Client Certificate"));
        assertEquals(Optional.of(false), v4.flag("Disable TLS1.3"));
        assertEquals(Optional.empty(), v4.flag("Disable Session ID"));
        assertEquals(OptionalLong.of(0), v4.number("Revocation Freshness Time"));
        assertEquals("", v4.settings().get("Ctl Identifier"));
        assertEquals("2796202", v4.settings().get("Extended Properties 1: Max Settings Per Frame"));
        assertEquals("1048576", v4.settings().get("Extended Properties 0: Receive Window"));
        assertEquals(5, v4.line());
        assertEquals(v4, evidence.binding("0.0.0.0", 443).orElseThrow());
        assertEquals("[::]", evidence.binding("::0", 443).orElseThrow().host());
        assertEquals("[::]", evidence.binding("[::]", 443).orElseThrow().host());

        Binding iis = evidence.bindings().get(2);
        assertEquals(Kind.HOSTNAME_PORT, iis.kind());
        assertEquals("www.example.org:443", iis.endpoint());
        assertEquals(Fixtures.OLD_SHA1, iis.certificateHash());
        assertEquals("{4dc3e181-e14b-4a21-b022-59fc669b0914}", iis.applicationId());
    }

    @Test
    void readsTheFormatOfWindowsServer2008() {
        Binding v6 = parse("server2008.txt").value().wildcardBinding(IpFamily.IPV6, 443).orElseThrow();
        assertEquals("", v6.settings().get("Ctl Store Name"));
        assertEquals(Optional.empty(), v6.flag("Reject Connections"));
        assertEquals(9, v6.settings().size());
    }

    @Test
    void readsGroupedNumbers() {
        Binding v4 = parse("grouped-numbers.txt").value().binding("0.0.0.0", 443).orElseThrow();
        assertEquals(OptionalLong.of(86_400), v4.number("Revocation Freshness Time"));
        assertEquals(OptionalLong.of(15_000), v4.number("URL Retrieval Timeout"));
    }

    @Test
    void labelsInAnotherLanguageAreReportedNotGuessed() {
        assertEquals(List.of(
                new ParseProblem(2, "not the header netsh writes in English: \"Ligacoes do Certificado SSL:\""),
                new ParseProblem(5, "unknown label \"IP:porta\" (only the English labels of netsh are read)"),
                new ParseProblem(6, "unknown label \"Hash do Certificado\" (only the English labels of netsh are read)"),
                new ParseProblem(7, "unknown label \"ID do Aplicativo\" (only the English labels of netsh are read)"),
                new ParseProblem(8,
                        "unknown label \"Nome do Repositorio de Certificados\" (only the English labels of netsh are read)")),
                parse("localized.txt").problems());
    }

    @Test
    void aBindingCutOffIsNotUsed() {
        assertEquals(List.of(
                new ParseProblem(37, "Certificate Hash \"3e75ab03c0\" is not a SHA-1 or SHA-256 hash in hexadecimal (cut off?)"),
                new ParseProblem(36, "the binding [::]:443 has an unreadable setting; it is not used")),
                parse("truncated-in-hash.txt").problems());
        assertEquals(List.of(new ParseProblem(36, "the binding [::]:443 lacks Certificate Store Name,"
                + " Verify Client Certificate Revocation, Verify Revocation Using Cached Client Certificate Only,"
                + " Usage Check, Revocation Freshness Time, URL Retrieval Timeout, Ctl Identifier, Ctl Store Name,"
                + " DS Mapper Usage, Negotiate Client Certificate (the output was cut off?); it is not used")),
                parse("truncated-after-hash.txt").problems());
    }

    @Test
    void anUnknownLabelIsAProblemButTheBindingStays() {
        ParseResult<SslCertEvidence> result = parse("unknown-label.txt");
        assertEquals(List.of(new ParseProblem(28,
                "unknown label \"Enable Server Push\" (only the English labels of netsh are read)")), result.problems());
    }

    @Test
    void aFailedNetshIsReported() {
        assertEquals(List.of(new ParseProblem(0, "netsh ended with exit code 1"), new ParseProblem(1,
                "not the header netsh writes in English: \"The following command was not found: http show sslcert.\"")),
                parse("ps-exit-code.json").problems());
    }
}
