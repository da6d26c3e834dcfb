package org.sstpdoctor.pki.internal;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Finds the {@code -----BEGIN label-----} ... {@code -----END label-----} blocks of PEM text,
 * tolerating any text around them (an {@code openssl x509 -text} dump, e-mail quoting, Windows
 * line ends) and RFC 1421 header lines inside them.
 */
public final class PemBlocks {

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private PemBlocks() {
    }

    /**
     * One block.
     *
     * @param label the label, e.g. {@code CERTIFICATE}
     * @param line  the 1-based line of its BEGIN line
     * @param body  the base-64 text between BEGIN and END, headers removed
     */
    public record Block(String label, int line, String body) {

        /**
         * The decoded bytes.
         *
         * @throws IllegalArgumentException when the body is not base 64
         */
        public byte[] decode() {
            return Base64.getMimeDecoder().decode(strictBase64(body));
        }
    }

    /** A block that starts and does not end, or whose END names another label. */
    public static final class PemSyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        PemSyntaxException(String message) {
            super(message);
        }
    }

    /** Whether {@code text} holds a PEM BEGIN line. */
    public static boolean looksLikePem(String text) {
        return text.contains(BEGIN) && text.indexOf(DASHES, text.indexOf(BEGIN) + BEGIN.length()) > 0;
    }

    /** Every block of {@code text}, in order. */
    public static List<Block> parse(String text) throws PemSyntaxException {
        List<Block> blocks = new ArrayList<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        int i = 0;
        while (i < lines.length) {
            String line = lines[i].strip();
            int b = line.indexOf(BEGIN);
            if (b < 0 || !line.endsWith(DASHES) || line.length() < b + BEGIN.length() + DASHES.length()) {
                i++;
                continue;
            }
            String label = line.substring(b + BEGIN.length(), line.length() - DASHES.length()).strip();
            int beginLine = i + 1;
            StringBuilder body = new StringBuilder();
            boolean ended = false;
            boolean inHeaders = true;
            for (i++; i < lines.length; i++) {
                String l = lines[i].strip();
                if (l.startsWith(END)) {
                    String endLabel = l.endsWith(DASHES) && l.length() >= END.length() + DASHES.length()
                            ? l.substring(END.length(), l.length() - DASHES.length()).strip()
                            : "";
                    if (!endLabel.equals(label)) {
                        throw new PemSyntaxException("the PEM block " + label + " that begins on line " + beginLine
                                + " ends with '" + l + "' on line " + (i + 1));
                    }
                    ended = true;
                    i++;
                    break;
                }
                if (l.startsWith(BEGIN)) {
                    throw new PemSyntaxException("the PEM block " + label + " that begins on line " + beginLine
                            + " has no END line before the next BEGIN on line " + (i + 1) + " (truncated?)");
                }
                if (inHeaders && l.indexOf(':') > 0) {
                    continue; // RFC 1421 header, e.g. Proc-Type: 4,ENCRYPTED
                }
                if (!l.isEmpty()) {
                    inHeaders = false;
                }
                body.append(l);
            }
            if (!ended) {
                throw new PemSyntaxException("the PEM block " + label + " that begins on line " + beginLine
                        + " has no END line (the text is truncated)");
            }
            blocks.add(new Block(label, beginLine, body.toString()));
        }
        return blocks;
    }

    /** Whether {@code text} is nothing but base 64 (and white space), at least a few characters of it. */
    public static boolean looksLikeBareBase64(String text) {
        int significant = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                continue;
            }
            if (!isBase64(c)) {
                return false;
            }
            significant++;
        }
        return significant >= 16;
    }

    private static boolean isBase64(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                || c == '=';
    }

    /** The MIME decoder skips characters it does not know; a PEM body must not hold any. */
    static String strictBase64(String body) {
        StringBuilder sb = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (Character.isWhitespace(c)) {
                continue;
            }
            if (!isBase64(c)) {
                throw new IllegalArgumentException("character '" + c + "' is not base 64");
            }
            sb.append(c);
        }
        if (sb.length() % 4 == 1) {
            throw new IllegalArgumentException("the base-64 text is cut short (" + sb.length() + " characters)");
        }
        return sb.toString();
    }

    /** A PEM block of {@code label} around {@code der}, lines of 64 characters, LF line ends. */
    public static String encode(String label, byte[] der) {
        String b64 = Base64.getEncoder().encodeToString(der);
        StringBuilder sb = new StringBuilder(b64.length() + 100);
        sb.append(BEGIN).append(label).append(DASHES).append('\n');
        for (int i = 0; i < b64.length(); i += 64) {
            sb.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
        }
        return sb.append(END).append(label).append(DASHES).append('\n').toString();
    }
}
