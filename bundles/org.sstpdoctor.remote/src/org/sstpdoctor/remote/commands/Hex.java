package org.sstpdoctor.remote.commands;

import java.util.HexFormat;
import java.util.Optional;

/** Certificate hashes and binary registry data as upper-case hexadecimal without separators. */
final class Hex {

    private static final HexFormat UPPER = HexFormat.of().withUpperCase();

    private Hex() {
    }

    /**
     * A hash as Windows prints it in any of its forms ({@code 1f0a 8f...}, lower or upper case,
     * with spaces) normalised to upper case without spaces; empty when anything but hexadecimal
     * digits and white space is in it, or the digits are not whole bytes.
     */
    static Optional<String> normalize(String text) {
        if (text == null) {
            return Optional.empty();
        }
        StringBuilder hex = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00A0' || c == '\u202F') {
                continue;
            }
            if (c > 0x7F || Character.digit(c, 16) < 0) {
                return Optional.empty();
            }
            hex.append(Character.toUpperCase(c));
        }
        return hex.isEmpty() || hex.length() % 2 != 0 ? Optional.empty() : Optional.of(hex.toString());
    }

    static String of(byte[] bytes) {
        return UPPER.formatHex(bytes);
    }
}
