package org.sstpdoctor.pki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sstpdoctor.pki.CertificateAnalyzer;
import org.sstpdoctor.pki.CertificateReport;
import org.sstpdoctor.pki.HashMatch;
import org.sstpdoctor.pki.Thumbprints;

/** Comparing a certificate with the hashes in the SSTP registry values, however they were written. */
class ThumbprintsTest {

    private static final CertificateReport SERVER = CertificateAnalyzer
            .analyze(TestPki.ISSUING.issue("vpn.contoso.com").build().certificate(), TestPki.NOW);
    private static final CertificateReport OTHER = CertificateAnalyzer
            .analyze(TestPki.ISSUING.issue("vpn.contoso.com").build().certificate(), TestPki.NOW);

    /** Writes {@code hex} in one of the ways it arrives from Windows. */
    private static final Function<String, String> spacedBytes = hex -> hex.replaceAll("(..)(?!$)", "$1 ");

    @ParameterizedTest(name = "{0} of the {1} hash")
    @CsvSource({
            "as is, SHA256, SHA256",
            "lower case, SHA256, SHA256",
            "spaced bytes (certificate dialog), SHA256, SHA256",
            "0x prefix (reg query), SHA256, SHA256",
            "colons (openssl), SHA256, SHA256",
            "invisible mark and tabs, SHA256, SHA256",
            "as is, SHA1, SHA1",
            "lower case, SHA1, SHA1",
            "spaced bytes (certificate dialog), SHA1, SHA1",
            "0x prefix (reg query), SHA1, SHA1" })
    void acceptsRegistryStyles(String style, String which, HashMatch expected) {
        String hex = which.equals("SHA256") ? SERVER.sha256Thumbprint() : SERVER.sha1Thumbprint();
        String written = switch (style) {
        case "lower case" -> hex.toLowerCase(Locale.ROOT);
        case "spaced bytes (certificate dialog)" -> spacedBytes.apply(hex.toLowerCase(Locale.ROOT));
        case "0x prefix (reg query)" -> "0x" + hex;
        case "colons (openssl)" -> hex.replaceAll("(..)(?!$)", "$1:");
        case "invisible mark and tabs" -> "\u200E\t" + spacedBytes.apply(hex) + " \n";
        default -> hex;
        };
        assertEquals(expected, SERVER.compareRegistryHash(written), written);
        assertTrue(SERVER.matchesRegistryHash(written));
        assertEquals(expected, Thumbprints.compare(SERVER.certificate(), written));
    }

    @Test
    void anotherCertificatesHashDoesNotMatch() {
        assertEquals(HashMatch.NO_MATCH, SERVER.compareRegistryHash(OTHER.sha256Thumbprint()));
        assertEquals(HashMatch.NO_MATCH, SERVER.compareRegistryHash(OTHER.sha1Thumbprint()));
        assertFalse(SERVER.matchesRegistryHash(OTHER.sha256Thumbprint()));
    }

    @ParameterizedTest(name = "invalid: [{0}]")
    @CsvSource({ "''", "'   '", "'not hex at all'", "'0x'", "'ABCDEF'", "'G123'" })
    void invalidHashes(String value) {
        assertEquals(HashMatch.INVALID, SERVER.compareRegistryHash(value));
    }

    @Test
    void sha256HashCutToSha1LengthIsNotASha1Match() {
        assertEquals(HashMatch.NO_MATCH, SERVER.compareRegistryHash(SERVER.sha256Thumbprint().substring(0, 40)));
        assertEquals(HashMatch.INVALID, SERVER.compareRegistryHash(SERVER.sha256Thumbprint().substring(0, 63)));
    }

    @Test
    void normalize() {
        assertEquals("0A1B", Thumbprints.normalize(" 0x0a-1b "));
        assertNull(Thumbprints.normalize("zz"));
        assertNull(Thumbprints.normalize(null));
        assertEquals(HashMatch.INVALID, Thumbprints.compare(SERVER.certificate(), null));
    }
}
