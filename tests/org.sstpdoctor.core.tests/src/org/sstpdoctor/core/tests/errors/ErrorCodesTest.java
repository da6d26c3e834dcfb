package org.sstpdoctor.core.tests.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sstpdoctor.core.errors.ErrorCode;
import org.sstpdoctor.core.errors.ErrorCodes;

/** Reading codes in the forms administrators meet them, and writing them back. */
class ErrorCodesTest {

    @ParameterizedTest(name = "\"{0}\" reads as {1}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, textBlock = """
            0x800B0109|-2146762487
            0X800b0109|-2146762487
            0x800b0109|-2146762487
            800B0109|-2146762487
            800b0109|-2146762487
            80070040|-2147024832
            FFFFFFFF|-1
            -2146762487|-2146762487
            2148204809|-2146762487
            -2146885613|-2146885613
            809|809
            0809|809
            0|0
            -0|0
            0x4C9|1225
            0x000004C9|1225
            0x0000800B0101|-2146762495
            4294967295|-1
            -2147483648|-2147483648
            2147483647|2147483647
            2147483648|-2147483648
            0x7FFFFFFF|2147483647
            '  0x800B0101  '|-2146762495
            '\\t809\\n'|809
            """)
    void readsEveryForm(String text, int expected) {
        String input = text.replace("\\t", "\t").replace("\\n", "\n");
        assertEquals(OptionalInt.of(expected), ErrorCodes.parse(input), () -> "parse(\"" + text + "\")");
    }

    @ParameterizedTest(name = "\"{0}\" is rejected")
    @ValueSource(strings = { " ", "0x", "0X", "x800B0101", "0x800B0101L", "0x 800B0101", "0x-1", "-0x1",
            "0x100000000", "0x1FFFFFFFF", "4294967296", "-2147483649", "99999999999", "+809", "8 09", "809.0",
            "80 9", "800B010", "800B01091", "700B0109", "000B0109", "CERT_E_EXPIRED", "banana", "0x80O", "--809",
            "\u0668\u0660\u0669", "\uFF18\uFF10\uFF19", "0x\uFF18" })
    @NullAndEmptySource
    void rejectsWhatIsNoCode(String text) {
        assertEquals(OptionalInt.empty(), ErrorCodes.parse(text), () -> "parse(\"" + text + "\")");
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource(delimiter = '|', textBlock = """
            809|809
            0|0
            65535|65535
            65536|0x00010000
            590610|0x00090312
            -2146762495|0x800B0101
            -2146893018|0x80090326
            -1|0xFFFFFFFF
            """)
    void writesCodesAsWindowsDoes(int value, String expected) {
        assertEquals(expected, ErrorCodes.format(value));
        assertEquals(OptionalInt.of(value), ErrorCodes.parse(expected), "the written form reads back");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            -2146762495|CERT_E_EXPIRED|0x800B0101|2148204801|-2146762495|0x800B0101 (CERT_E_EXPIRED)
            -2146885613|CRYPT_E_REVOCATION_OFFLINE|0x80092013|2148081683|-2146885613|0x80092013 (CRYPT_E_REVOCATION_OFFLINE)
            809|ERROR_VPN_TIMEOUT|809|809|809|809 (ERROR_VPN_TIMEOUT)
            -1879113727||0x8FFF0001|2415853569|-1879113727|0x8FFF0001
            """)
    void anEntryWritesItsValueInEachForm(int value, String name, String hex, String unsigned, String signed,
            String display) {
        ErrorCode code = new ErrorCode(OptionalInt.of(value), name, "Title", "Message.", List.of(),
                OptionalInt.empty(), null, "test");
        assertEquals(hex, code.hex());
        assertEquals(unsigned, code.unsignedDecimal());
        assertEquals(signed, code.signedDecimal());
        assertEquals(display, code.display());
        assertEquals(hex, code.key());
        assertEquals("", code.reference());
        assertEquals(name == null ? "" : name, code.symbolicName());
    }

    @Test
    void anEntryWithoutValueIsKnownByItsName() {
        ErrorCode code = new ErrorCode(OptionalInt.empty(), "SSTP_NO_INCOMING_CONNECTIONS", "No incoming",
                "Nothing arrives.", List.of("A cause."), OptionalInt.of(8), "KB947031, Scenario 8", "test");
        assertEquals("SSTP_NO_INCOMING_CONNECTIONS", code.key());
        assertEquals("SSTP_NO_INCOMING_CONNECTIONS", code.display());
        assertEquals("", code.hex());
        assertEquals("", code.signedDecimal());
        assertEquals("", code.unsignedDecimal());
    }

    @Test
    void anEntryNeedsAValueOrAName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ErrorCode(OptionalInt.empty(), " ", "Title", "Message.", List.of(), OptionalInt.empty(),
                        "", "test"));
        assertTrue(e.getMessage().contains("symbolic name"), e.getMessage());
    }

    @ParameterizedTest(name = "blank {0} is refused")
    @ValueSource(strings = { "title", "message", "cause" })
    void anEntryNeedsText(String field) {
        assertThrows(IllegalArgumentException.class,
                () -> new ErrorCode(OptionalInt.of(809), "", field.equals("title") ? " " : "Title",
                        field.equals("message") ? "" : "Message.", field.equals("cause") ? List.of("\n") : List.of(),
                        OptionalInt.empty(), "", "test"));
    }

    @Test
    void causesCannotBeChangedAfterwards() {
        List<String> causes = new java.util.ArrayList<>(List.of("One."));
        ErrorCode code = new ErrorCode(OptionalInt.of(809), "", "Title", "Message.", causes, OptionalInt.empty(), "",
                "test");
        causes.add("Two.");
        assertEquals(List.of("One."), code.causes());
        assertThrows(UnsupportedOperationException.class, () -> code.causes().add("Three."));
    }
}
