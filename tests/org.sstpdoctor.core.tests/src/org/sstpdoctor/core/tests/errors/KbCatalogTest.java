package org.sstpdoctor.core.tests.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sstpdoctor.core.SstpDoctorCore;
import org.sstpdoctor.core.errors.ErrorCatalog;
import org.sstpdoctor.core.errors.ErrorCode;

/**
 * The codes the core contributes: every client code of KB947031, its Scenario 8, and the codes
 * administrators meet beyond it, each findable in every form with Windows' own message.
 */
class KbCatalogTest {

    /** The client codes of KB947031, one per scenario 1 to 7, with the message Windows shows. */
    private static final String KB_CODES = """
            1|0x800704C9|-2147023671|2147943625|ERROR_CONNECTION_REFUSED|1|The remote computer refused the network connection.
            2|809|809|809|ERROR_VPN_TIMEOUT|5|The network connection between your computer and the VPN server could not be established because the remote server is not responding.
            3|0x80070040|-2147024832|2147942464|ERROR_NETNAME_DELETED|1|The specified network name is no longer available.
            4|0x800B0101|-2146762495|2148204801|CERT_E_EXPIRED|1|A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.
            5|0x800B0109|-2146762487|2148204809|CERT_E_UNTRUSTEDROOT|2|A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.
            6|0x800B010F|-2146762481|2148204815|CERT_E_CN_NO_MATCH|2|The certificate's CN name does not match the passed value.
            7|0x80092013|-2146885613|2148081683|CRYPT_E_REVOCATION_OFFLINE|2|The revocation function was unable to check revocation because the revocation server was offline.
            """;

    @ParameterizedTest(name = "Scenario {0}: {1} {4}")
    @CsvSource(delimiter = '|', textBlock = KB_CODES)
    void everyKbCodeIsInTheCatalog(int scenario, String hex, String signed, String unsigned, String name, int causes,
            String message) {
        ErrorCatalog catalog = ErrorCatalog.getDefault();
        ErrorCode code = catalog.lookup(hex).orElseThrow(() -> new AssertionError(hex + " is not in " + catalog));

        assertEquals(hex, code.hex());
        assertEquals(signed, code.signedDecimal());
        assertEquals(unsigned, code.unsignedDecimal());
        assertEquals(name, code.symbolicName());
        assertEquals(OptionalInt.of(scenario), code.scenario());
        assertEquals("KB947031, Scenario " + scenario, code.reference());
        assertEquals(SstpDoctorCore.PLUGIN_ID, code.contributor());
        assertTrue(code.message().startsWith(message), () -> hex + " says \"" + code.message() + "\"");
        assertEquals(causes, code.causes().size(), () -> hex + " causes " + code.causes());
        for (String form : new String[] { signed, unsigned, name, name.toLowerCase(), "  " + hex + "\n",
                "Scenario " + scenario }) {
            assertEquals(code, catalog.lookup(form).orElse(null), form);
        }
    }

    @ParameterizedTest(name = "{0} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            868|868|ERROR_DNSNAME_NOT_RESOLVABLE|3|The remote connection was not made because the name of the remote access server did not resolve.
            0x80092010|-2146885616|CRYPT_E_REVOKED|2|The certificate is revoked.
            0x80090326|-2146893018|SEC_E_ILLEGAL_MESSAGE|2|The message received was unexpected or badly formatted.
            0x800B010A|-2146762486|CERT_E_CHAINING|2|A certificate chain could not be built to a trusted root authority.
            0x80092012|-2146885614|CRYPT_E_NO_REVOCATION_CHECK|1|The revocation function was unable to check revocation for the certificate.
            """)
    void everyFieldCodeIsInTheCatalog(String hex, String signed, String name, int causes, String message) {
        ErrorCatalog catalog = ErrorCatalog.getDefault();
        ErrorCode code = catalog.lookup(name).orElseThrow(() -> new AssertionError(name + " is not in " + catalog));

        assertEquals(hex, code.hex());
        assertEquals(code, catalog.lookup(signed).orElseThrow());
        assertEquals(OptionalInt.empty(), code.scenario(), "KB947031 does not cover " + name);
        assertEquals(message, code.message());
        assertEquals(causes, code.causes().size(), () -> hex + " causes " + code.causes());
        assertFalse(code.reference().contains("KB947031, Scenario"), code.reference());
        assertEquals(SstpDoctorCore.PLUGIN_ID, code.contributor());
    }

    @Test
    void scenarioEightIsAnEntryWithoutClientCode() {
        ErrorCatalog catalog = ErrorCatalog.getDefault();
        ErrorCode code = catalog.lookup("scenario 8").orElseThrow();

        assertEquals(OptionalInt.empty(), code.value(), "no Windows client shows a code for it");
        assertEquals("SSTP_NO_INCOMING_CONNECTIONS", code.key());
        assertEquals("SSTP_NO_INCOMING_CONNECTIONS", code.display());
        assertEquals(OptionalInt.of(8), code.scenario());
        assertEquals("KB947031, Scenario 8", code.reference());
        assertEquals("The Routing and Remote Access server is running, but there are no incoming SSTP connections.",
                code.message());
        assertEquals(10, code.causes().size(), code.causes()::toString);
        assertTrue(code.causes().stream().anyMatch(cause -> cause.contains("Sha256CertificateHash")));
        assertTrue(code.causes().stream().anyMatch(cause -> cause.contains(
                "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\SstpSvc\\Parameters")));
        assertEquals(List.of(code), catalog.scenario(8));
        assertEquals(code, catalog.lookup("sstp_no_incoming_connections").orElseThrow());
    }

    @Test
    void theCoreListsTheKbScenariosInOrderThenTheFieldCodes() {
        List<String> keys = ErrorCatalog.getDefault().all().stream()
                .filter(code -> code.contributor().equals(SstpDoctorCore.PLUGIN_ID)).map(ErrorCode::key).toList();

        assertEquals(List.of("0x800704C9", "809", "0x80070040", "0x800B0101", "0x800B0109", "0x800B010F",
                "0x80092013", "SSTP_NO_INCOMING_CONNECTIONS", "868", "0x80090326", "0x80092010", "0x80092012", "0x800B010A"),
                keys);
    }

    @Test
    void everyTextOfTheCoreIsTranslatedAndWholeSentences() {
        List<String> problems = new ArrayList<>();
        for (ErrorCode code : ErrorCatalog.getDefault().all()) {
            if (!code.contributor().equals(SstpDoctorCore.PLUGIN_ID)) {
                continue;
            }
            List<String> texts = new ArrayList<>(List.of(code.title(), code.reference()));
            List<String> sentences = new ArrayList<>(List.of(code.message()));
            sentences.addAll(code.causes());
            texts.addAll(sentences);
            texts.stream().filter(text -> text.startsWith("%") || text.isBlank())
                    .forEach(text -> problems.add(code.key() + " has no translation for \"" + text + "\""));
            sentences.stream().filter(text -> !text.startsWith("%") && !text.endsWith("."))
                    .forEach(text -> problems.add(code.key() + " does not end its sentence: \"" + text + "\""));
        }
        assertEquals(List.of(), problems);
    }
}
