package org.sstpdoctor.pki.internal;

import java.util.HexFormat;

/** Upper-case hex without separators, the way Windows shows thumbprints and serial numbers. */
public final class Hex {

    private static final HexFormat UPPER = HexFormat.of().withUpperCase();

    private Hex() {
    }

    public static String upper(byte[] bytes) {
        return UPPER.formatHex(bytes);
    }

    /** The first {@code max} bytes as spaced hex, for error messages about unknown input. */
    public static String preview(byte[] bytes, int max) {
        int n = Math.min(max, bytes.length);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(UPPER.toHexDigits(bytes[i]));
        }
        if (bytes.length > n) {
            sb.append(" ...");
        }
        return sb.toString();
    }
}
