package org.sstpdoctor.core.errors;

import java.util.OptionalInt;

/**
 * Reads and writes client error codes as administrators meet them: from a client's dialog
 * ({@code 0x800B0109}, {@code 809}), a RasClient event ({@code -2146762487}), a tool that prints
 * unsigned decimal ({@code 2148204809}) or one that drops the {@code 0x} ({@code 800B0109}).
 * <p>
 * A code is a 32-bit value held in an {@code int}: {@code 809} is 809, {@code 0x800B0101} is the
 * negative int {@code -2146762495}. Symbolic names ({@code CERT_E_EXPIRED}) are resolved by the
 * {@link ErrorCatalog}, not here.
 * </p>
 */
public final class ErrorCodes {

    /** The largest value written in decimal by {@link #format(int)}: Win32 and RAS codes are 16-bit. */
    private static final int LARGEST_WIN32_CODE = 0xFFFF;

    private ErrorCodes() {
    }

    /**
     * Reads a code written in any of these forms, with surrounding white space ignored:
     * <ul>
     * <li>hexadecimal with a {@code 0x} or {@code 0X} prefix and 1 to 8 significant digits in
     * either case: {@code 0x800B0109}, {@code 0X800b0109}, {@code 0x4C9};</li>
     * <li>exactly 8 hexadecimal digits without prefix whose first digit is 8 to F, the shape of
     * an HRESULT failure code: {@code 800B0109}, {@code 80070040};</li>
     * <li>signed decimal down to -2147483648: {@code -2146762487};</li>
     * <li>unsigned decimal up to 4294967295: {@code 2148204809}, {@code 809}.</li>
     * </ul>
     * Anything else is rejected: empty text, other characters (signs other than a leading
     * {@code -}, inner spaces, suffixes), and values that do not fit in 32 bits.
     *
     * @param text the code as typed or copied; may be {@code null}
     * @return the 32-bit value, or empty when {@code text} is not a code in one of these forms
     */
    public static OptionalInt parse(String text) {
        if (text == null) {
            return OptionalInt.empty();
        }
        String s = text.strip();
        if (s.length() > 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X')) {
            return parseHex(s.substring(2));
        }
        if (s.length() == 8 && allHex(s) && hexDigit(s.charAt(0)) >= 8) {
            return parseHex(s);
        }
        return parseDecimal(s);
    }

    /**
     * Writes a code the way Windows shows it: Win32 and RAS codes (0 to 65535) in decimal,
     * {@code 809}; every other value as 8 upper-case hexadecimal digits with {@code 0x},
     * {@code 0x800B0101}.
     *
     * @param value a 32-bit code
     * @return its usual written form
     */
    public static String format(int value) {
        if (value >= 0 && value <= LARGEST_WIN32_CODE) {
            return Integer.toString(value);
        }
        return String.format("0x%08X", value);
    }

    /**
     * Whether {@code text} has the shape of a number in one of the forms {@link #parse(String)}
     * reads, whatever its size; used to tell a value beyond 32 bits from text that is no number.
     */
    static boolean looksNumeric(String text) {
        if (text == null) {
            return false;
        }
        String s = text.strip();
        if (s.length() > 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X')) {
            return allHex(s.substring(2));
        }
        if (s.length() == 8 && allHex(s) && hexDigit(s.charAt(0)) >= 8) {
            return true;
        }
        String digits = s.startsWith("-") ? s.substring(1) : s;
        return !digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static OptionalInt parseHex(String digits) {
        if (digits.isEmpty() || !allHex(digits)) {
            return OptionalInt.empty();
        }
        String significant = stripLeadingZeros(digits);
        if (significant.length() > 8) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) Long.parseLong(significant, 16));
    }

    private static OptionalInt parseDecimal(String s) {
        boolean negative = s.startsWith("-");
        String digits = negative ? s.substring(1) : s;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalInt.empty();
        }
        String significant = stripLeadingZeros(digits);
        if (significant.length() > 10) {
            return OptionalInt.empty();
        }
        long magnitude = Long.parseLong(significant);
        if (negative) {
            return magnitude <= 1L << 31 ? OptionalInt.of((int) -magnitude) : OptionalInt.empty();
        }
        return magnitude <= 0xFFFF_FFFFL ? OptionalInt.of((int) magnitude) : OptionalInt.empty();
    }

    private static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    private static boolean allHex(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> hexDigit((char) c) >= 0);
    }

    /** The value of an ASCII hexadecimal digit, or -1; unlike Character.digit, ASCII only. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
