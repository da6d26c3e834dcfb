package org.sstpdoctor.remote.tests.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sstpdoctor.remote.commands.CertStoreEvidence;
import org.sstpdoctor.remote.commands.CertStoreEvidence.AltName;
import org.sstpdoctor.remote.commands.CertStoreEvidence.AltNameType;
import org.sstpdoctor.remote.commands.CertStoreEvidence.Certificate;
import org.sstpdoctor.remote.commands.CertStoreParser;
import org.sstpdoctor.remote.commands.KnownEku;
import org.sstpdoctor.remote.commands.ParseProblem;
import org.sstpdoctor.remote.commands.ParseResult;
import org.sstpdoctor.remote.commands.Verdict;

/** The JSON of the {@code Cert:\LocalMachine\My} script, as Windows PowerShell 5.1 and PowerShell 7 write it. */
class CertStoreParserTest {

    private static final Instant MID_2026 = Instant.parse("2026-06-01T00:00:00Z");

    private static ParseResult<CertStoreEvidence> parse(String fixture) {
        return CertStoreParser.parseJson(Fixtures.read("certStore/" + fixture));
    }

    @ParameterizedTest(name = "{0}: {1} certificates, usable {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ps51.json                       | 2 | YES     | true
            ps7.json                        | 2 | YES     | true
            ps7-single-object.json          | 1 | YES     | true
            ps7-client-auth-only.json       | 2 | NO      | true
            ps7-no-private-key.json         | 1 | NO      | true
            ps7-thumbprint-mismatch.json    | 1 | UNKNOWN | false
            ps7-eku-mismatch.json           | 0 | UNKNOWN | false
            ps7-bad-rawdata.json            | 1 | UNKNOWN | false
            ps7-truncated.json              | 0 | UNKNOWN | false
            ps-empty.json                   | 0 | NO      | true
            """)
    void findsAUsableServerCertificate(String fixture, int certificates, Verdict usable, boolean clean) {
        ParseResult<CertStoreEvidence> result = parse(fixture);
        assertEquals(certificates, result.value().certificates().size(), result::toString);
        assertEquals(usable, result.value().hasUsableServerCertificate(MID_2026), result::toString);
        assertEquals(clean, result.isClean(), result::toString);
    }

    @Test
    void decodesTheCertificateFromItsBytes() {
        Certificate server = parse("ps7.json").value().certificates().get(0);
        assertEquals("CN=vpn.example.org", server.subject());
        assertEquals("CN=vpn.example.org", server.issuer());
        assertEquals("04DD382E35F2F948", server.serialNumber());
        assertEquals(List.of(new AltName(AltNameType.DNS, "vpn.example.org"), new AltName(AltNameType.IP, "203.0.113.10")),
                server.subjectAlternativeNames());
        assertTrue(server.hasEkuExtension());
        assertEquals(List.of(KnownEku.SERVER_AUTHENTICATION.oid()), server.enhancedKeyUsages());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), server.notBefore());
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), server.notAfter());
        assertEquals(Fixtures.SERVER_SHA1, server.sha1Thumbprint());
        assertEquals(Fixtures.SERVER_SHA256, server.sha256());
        assertTrue(server.hasPrivateKey());
        assertEquals(Optional.of("VPN 2026"), server.friendlyName());
        assertEquals(390, server.der().length);
        assertTrue(server.allowsServerAuthentication());
        assertTrue(server.isValidAt(MID_2026));
        assertFalse(server.isValidAt(Instant.parse("2027-01-01T00:00:01Z")));
    }

    @Test
    void windowsPowerShell51AndPowerShell7GiveTheSameEvidence() {
        assertEquals(parse("ps51.json").value(), parse("ps7.json").value());
    }

    @Test
    void findsCertificatesByTheirHashesInAnySpelling() {
        CertStoreEvidence evidence = parse("ps51.json").value();
        assertEquals(Fixtures.OLD_SHA256, evidence.byThumbprint(Fixtures.OLD_SHA1.toLowerCase()).orElseThrow().sha256());
        assertEquals(Fixtures.SERVER_SHA1, evidence.bySha256("c4 f7 f7 9e" + Fixtures.SERVER_SHA256.substring(8))
                .orElseThrow().sha1Thumbprint());
        assertEquals(Optional.empty(), evidence.byThumbprint(Fixtures.CLIENT_SHA1));
        assertEquals(List.of(evidence.certificates().get(0)), evidence.usableServerCertificates(MID_2026));
        assertEquals(List.of(), evidence.usableServerCertificates(Instant.parse("2025-06-01T00:00:00Z")));
    }

    @Test
    void aClientAuthenticationCertificateDoesNotServe() {
        Certificate client = parse("ps7-client-auth-only.json").value().certificates().get(0);
        assertEquals(List.of(KnownEku.CLIENT_AUTHENTICATION.oid()), client.enhancedKeyUsages());
        assertFalse(client.allowsServerAuthentication());
        assertEquals("Client Authentication (1.3.6.1.5.5.7.3.2)", KnownEku.describe(client.enhancedKeyUsages().get(0)));
    }

    @Test
    void whatWindowsReportsMustMatchTheBytes() {
        assertEquals(List.of(new ParseProblem(0, "the certificate " + Fixtures.SERVER_SHA1 + " at $[0]: Windows reports the"
                + " Thumbprint " + Fixtures.OLD_SHA1 + " but its bytes hash to " + Fixtures.SERVER_SHA1 + "; it is not used")),
                parse("ps7-thumbprint-mismatch.json").problems());
        assertEquals(List.of(new ParseProblem(0, "the certificate " + Fixtures.SERVER_SHA1 + " at $[0]: Windows reports the"
                + " EKU [1.3.6.1.5.5.7.3.2] but its bytes hold [1.3.6.1.5.5.7.3.1]")),
                parse("ps7-eku-mismatch.json").problems());
    }
}
