package org.sstpdoctor.pki.internal;

/**
 * The outer header of a DER element: enough to tell whether input is complete before handing it
 * to a parser (whose messages about short input are cryptic), and where one element ends.
 */
public final class Der {

    /** The tag byte of a constructed SEQUENCE. */
    public static final int SEQUENCE = 0x30;

    private Der() {
    }

    /**
     * The header of the element starting at {@code offset}.
     *
     * @param tag          the identifier octet
     * @param headerLength bytes of tag and length
     * @param length       the content length the header declares, -1 for the indefinite form
     */
    public record Header(int tag, int headerLength, long length) {

        /** The offset just past the element, or -1 when the length is indefinite. */
        public long end(int offset) {
            return length < 0 ? -1 : offset + headerLength + length;
        }
    }

    /**
     * Reads the header at {@code offset}, or returns null when the bytes there cannot start a
     * DER element (too short, a multi-byte tag, or a length longer than 4 bytes).
     */
    public static Header header(byte[] data, int offset) {
        if (offset + 2 > data.length) {
            return null;
        }
        int tag = data[offset] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            return null;
        }
        int first = data[offset + 1] & 0xFF;
        if (first < 0x80) {
            return new Header(tag, 2, first);
        }
        if (first == 0x80) {
            return new Header(tag, 2, -1);
        }
        int n = first & 0x7F;
        if (n > 4 || offset + 2 + n > data.length) {
            return null;
        }
        long length = 0;
        for (int i = 0; i < n; i++) {
            length = (length << 8) | (data[offset + 2 + i] & 0xFF);
        }
        return new Header(tag, 2 + n, length);
    }

    /** Whether {@code data} is only ASCII white space from {@code offset} on. */
    public static boolean onlyWhitespaceFrom(byte[] data, int offset) {
        for (int i = offset; i < data.length; i++) {
            byte b = data[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != 0) {
                return false;
            }
        }
        return true;
    }
}
