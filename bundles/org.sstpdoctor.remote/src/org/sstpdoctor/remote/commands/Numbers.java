package org.sstpdoctor.remote.commands;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Integers as Windows tools and people print them: plain ({@code 1234}), grouped by the
 * conventions of any locale ({@code 1 234}, {@code 1.234}, {@code 1,234}, {@code 1'234}, with a
 * no-break or narrow no-break space), or hexadecimal ({@code 0x1bb}). Grouping must be regular
 * (groups of three after the first), so {@code 1,5} or {@code 12.34} is not an integer and is
 * rejected rather than guessed at.
 */
final class Numbers {

    private static final String SEPARATORS = " \u00A0\u202F.,'";

    private Numbers() {
    }

    /** A decimal integer, plain or grouped; empty when the text is anything else. */
    static OptionalLong parseInteger(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        String s = text.strip();
        boolean negative = s.startsWith("-");
        if (negative) {
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            return OptionalLong.empty();
        }
        StringBuilder digits = new StringBuilder(s.length());
        char separator = 0;
        int group = 0;
        boolean grouped = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
                group++;
            } else if (SEPARATORS.indexOf(c) >= 0) {
                if (separator == 0) {
                    if (group == 0 || group > 3) {
                        return OptionalLong.empty();
                    }
                    separator = c;
                } else if (c != separator || group != 3) {
                    return OptionalLong.empty();
                }
                grouped = true;
                group = 0;
            } else {
                return OptionalLong.empty();
            }
        }
        if (grouped && group != 3 || digits.length() > 18) {
            return OptionalLong.empty();
        }
        long value = Long.parseLong(digits.toString());
        return OptionalLong.of(negative ? -value : value);
    }

    /** A TCP or UDP port: 1 to 5 ASCII digits, 0 to 65535, never grouped. */
    static OptionalInt parsePort(String text) {
        if (text == null || text.isEmpty() || text.length() > 5) {
            return OptionalInt.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return OptionalInt.empty();
            }
        }
        int port = Integer.parseInt(text);
        return port <= 65535 ? OptionalInt.of(port) : OptionalInt.empty();
    }

    /** A hexadecimal number with its {@code 0x} prefix, up to 16 digits, as reg.exe prints DWORDs and QWORDs. */
    static OptionalLong parseHex(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        String s = text.strip();
        if (!(s.startsWith("0x") || s.startsWith("0X")) || s.length() < 3 || s.length() > 18) {
            return OptionalLong.empty();
        }
        for (int i = 2; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(Long.parseUnsignedLong(s.substring(2), 16));
    }
}
