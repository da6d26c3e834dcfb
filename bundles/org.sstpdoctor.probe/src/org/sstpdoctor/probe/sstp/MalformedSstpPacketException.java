package org.sstpdoctor.probe.sstp;

/**
 * Bytes that are not a valid [MS-SSTP] packet. The message names the byte offset within the
 * packet, the field, what the specification requires there and what was found, e.g.
 * {@code SSTP packet malformed at offset 0 (Version): expected 0x10, found 0x20}.
 */
public final class MalformedSstpPacketException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int offset;
    private final String field;
    private final String expected;
    private final String actual;

    public MalformedSstpPacketException(int offset, String field, String expected, String actual) {
        super("SSTP packet malformed at offset " + offset + " (" + field + "): expected " + expected + ", found "
                + actual);
        this.offset = offset;
        this.field = field;
        this.expected = expected;
        this.actual = actual;
    }

    /** The offset of the offending field from the first byte of the packet. */
    public int offset() {
        return offset;
    }

    /** The field, as [MS-SSTP] names it (Version, C, Length, Message Type, Attribute ID, ...). */
    public String field() {
        return field;
    }

    /** What the specification (or the configured limit) requires. */
    public String expected() {
        return expected;
    }

    /** What the packet holds. */
    public String actual() {
        return actual;
    }
}
