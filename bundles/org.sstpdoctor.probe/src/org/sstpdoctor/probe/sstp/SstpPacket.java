package org.sstpdoctor.probe.sstp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.sstpdoctor.probe.sstp.SstpAttribute.CryptoBinding;
import org.sstpdoctor.probe.sstp.SstpAttribute.CryptoBindingRequest;
import org.sstpdoctor.probe.sstp.SstpAttribute.EncapsulatedProtocolId;
import org.sstpdoctor.probe.sstp.SstpAttribute.StatusInfo;

/**
 * One SSTP packet, [MS-SSTP] section 2.2: a 4-byte header (Version 0x10; 7 reserved bits and the
 * C bit, 1 for control; 4 reserved bits and a 12-bit Length that counts the header) followed by
 * either a control message (Message Type, Num Attributes, the attributes) or the data of a data
 * packet (a PPP frame).
 * <p>
 * {@link #parse} is strict: every field the specification constrains is checked, every length
 * must agree with the bytes present, and any violation is a {@link MalformedSstpPacketException}
 * that names the offset, the field, what was expected and what was found. Reserved bits are
 * ignored on receipt and sent as zero, as the specification says. Instances are immutable.
 */
public final class SstpPacket {

    /** Version 1.0: major 1 in the upper 4 bits, minor 0 in the lower. */
    public static final int VERSION = 0x10;
    /** The length of the header every packet starts with. */
    public static final int HEADER_LENGTH = 4;
    /** The length of a control packet without attributes. */
    public static final int CONTROL_HEADER_LENGTH = 8;
    /** The largest packet the 12-bit Length field can describe. */
    public static final int MAX_LENGTH = 0x0FFF;

    private static final byte[] NO_DATA = new byte[0];

    private final SstpMessageType messageType;
    private final List<SstpAttribute> attributes;
    private final byte[] data;
    private final int length;

    private SstpPacket(SstpMessageType messageType, List<SstpAttribute> attributes, byte[] data) {
        this.messageType = messageType;
        this.attributes = attributes;
        this.data = data;
        int n = messageType == null ? HEADER_LENGTH + data.length : CONTROL_HEADER_LENGTH;
        for (SstpAttribute a : attributes) {
            n += a.length();
        }
        if (n > MAX_LENGTH) {
            throw new IllegalArgumentException("an SSTP packet is at most " + MAX_LENGTH + " bytes: " + n);
        }
        this.length = n;
    }

    /** A control packet of {@code type} carrying {@code attributes} in this order. */
    public static SstpPacket control(SstpMessageType type, SstpAttribute... attributes) {
        return control(type, List.of(attributes));
    }

    /** A control packet of {@code type} carrying {@code attributes} in this order. */
    public static SstpPacket control(SstpMessageType type, List<? extends SstpAttribute> attributes) {
        Objects.requireNonNull(type, "type");
        if (attributes.size() > 0xFFFF) {
            throw new IllegalArgumentException("Num Attributes is 16 bits: " + attributes.size());
        }
        return new SstpPacket(type, List.copyOf(attributes), NO_DATA);
    }

    /** A data packet carrying {@code payload} (a PPP frame). */
    public static SstpPacket data(byte[] payload) {
        return new SstpPacket(null, List.of(), payload.clone());
    }

    /** The Call Connect Request a client sends first: one Encapsulated Protocol ID attribute, PPP. */
    public static SstpPacket callConnectRequest() {
        return control(SstpMessageType.CALL_CONNECT_REQUEST, EncapsulatedProtocolId.PPP);
    }

    /** Whether this is a control packet (C bit 1). */
    public boolean isControl() {
        return messageType != null;
    }

    /** The control message type, or null for a data packet. */
    public SstpMessageType messageType() {
        return messageType;
    }

    /** Whether this is a control packet of {@code type}. */
    public boolean is(SstpMessageType type) {
        return messageType == type;
    }

    /** The attributes of a control packet, in wire order; empty for a data packet. */
    public List<SstpAttribute> attributes() {
        return attributes;
    }

    /** The attributes of class {@code type}, in wire order. */
    public <T extends SstpAttribute> List<T> attributes(Class<T> type) {
        List<T> out = new ArrayList<>(1);
        for (SstpAttribute a : attributes) {
            if (type.isInstance(a)) {
                out.add(type.cast(a));
            }
        }
        return out;
    }

    /** The first attribute of class {@code type}. */
    public <T extends SstpAttribute> Optional<T> attribute(Class<T> type) {
        for (SstpAttribute a : attributes) {
            if (type.isInstance(a)) {
                return Optional.of(type.cast(a));
            }
        }
        return Optional.empty();
    }

    /** The payload of a data packet; empty for a control packet. */
    public byte[] data() {
        return data.clone();
    }

    /** The length on the wire, header included (the value of the Length field). */
    public int length() {
        return length;
    }

    /** The packet on the wire. */
    public byte[] toBytes() {
        byte[] b = new byte[length];
        b[0] = (byte) VERSION;
        b[1] = (byte) (isControl() ? 1 : 0);
        b[2] = (byte) (length >> 8);
        b[3] = (byte) length;
        if (!isControl()) {
            System.arraycopy(data, 0, b, HEADER_LENGTH, data.length);
            return b;
        }
        putShort(b, 4, messageType.code());
        putShort(b, 6, attributes.size());
        int p = CONTROL_HEADER_LENGTH;
        for (SstpAttribute a : attributes) {
            b[p + 1] = (byte) a.id();
            putShort(b, p + 2, a.length());
            switch (a) {
                case EncapsulatedProtocolId e -> putShort(b, p + 4, e.protocolId());
                case StatusInfo s -> {
                    b[p + 7] = (byte) s.attribId();
                    putInt(b, p + 8, s.status());
                    byte[] v = s.attribValue();
                    System.arraycopy(v, 0, b, p + 12, v.length);
                }
                case CryptoBindingRequest r -> {
                    b[p + 7] = (byte) r.hashProtocolBitmask();
                    System.arraycopy(r.nonce(), 0, b, p + 8, SstpAttribute.NONCE_LENGTH);
                }
                case CryptoBinding c -> {
                    b[p + 7] = (byte) c.hashProtocol();
                    System.arraycopy(c.nonce(), 0, b, p + 8, SstpAttribute.NONCE_LENGTH);
                    System.arraycopy(c.certHash(), 0, b, p + 40, SstpAttribute.NONCE_LENGTH);
                    System.arraycopy(c.compoundMac(), 0, b, p + 72, SstpAttribute.NONCE_LENGTH);
                }
            }
            p += a.length();
        }
        return b;
    }

    /**
     * Checks the 4-byte header at {@code buf[offset]} and returns the packet length it declares,
     * so that a reader knows how many bytes to wait for before it has read them.
     *
     * @param maxLength the largest length accepted, at most {@link #MAX_LENGTH}
     * @throws MalformedSstpPacketException when the version is not 0x10, or the length is below
     *                                      the header's own 4 bytes (8 for control) or above
     *                                      {@code maxLength}
     */
    public static int declaredLength(byte[] buf, int offset, int maxLength) throws MalformedSstpPacketException {
        int version = buf[offset] & 0xFF;
        if (version != VERSION) {
            throw new MalformedSstpPacketException(0, "Version", "0x10 (SSTP 1.0)", hex2(version));
        }
        boolean control = (buf[offset + 1] & 1) != 0;
        int length = ((buf[offset + 2] & 0x0F) << 8) | (buf[offset + 3] & 0xFF);
        int min = control ? CONTROL_HEADER_LENGTH : HEADER_LENGTH;
        if (length < min) {
            throw new MalformedSstpPacketException(2, "Length", "at least " + min + " (the " + (control ? "control"
                    : "data") + " packet header)", Integer.toString(length));
        }
        int max = Math.min(maxLength, MAX_LENGTH);
        if (length > max) {
            throw new MalformedSstpPacketException(2, "Length", "at most " + max, Integer.toString(length));
        }
        return length;
    }

    /** Parses exactly one packet that fills {@code bytes}. */
    public static SstpPacket parse(byte[] bytes) throws MalformedSstpPacketException {
        return parse(bytes, 0, bytes.length, MAX_LENGTH);
    }

    /**
     * Parses exactly one packet that fills {@code buf[offset .. offset+count)}.
     *
     * @param maxLength the largest length accepted, at most {@link #MAX_LENGTH}
     */
    public static SstpPacket parse(byte[] buf, int offset, int count, int maxLength)
            throws MalformedSstpPacketException {
        Objects.checkFromIndexSize(offset, count, buf.length);
        if (count < HEADER_LENGTH) {
            throw new MalformedSstpPacketException(count, "header", "4 bytes", count + " bytes (truncated)");
        }
        int length = declaredLength(buf, offset, maxLength);
        if (count < length) {
            throw new MalformedSstpPacketException(count, "Length", "the declared " + length + " bytes",
                    "only " + count + " bytes (truncated)");
        }
        if (count > length) {
            throw new MalformedSstpPacketException(length, "Length", "the packet to end at the declared length "
                    + length, (count - length) + " more bytes");
        }
        boolean control = (buf[offset + 1] & 1) != 0;
        if (!control) {
            return new SstpPacket(null, List.of(), Arrays.copyOfRange(buf, offset + HEADER_LENGTH, offset + length));
        }
        int code = u16(buf, offset + 4);
        SstpMessageType type = SstpMessageType.of(code);
        if (type == null) {
            throw new MalformedSstpPacketException(4, "Message Type", "0x0001-0x0009 (SSTP_MSG_*)", hex4(code));
        }
        int count16 = u16(buf, offset + 6);
        List<SstpAttribute> attrs = new ArrayList<>(Math.min(count16, 4));
        int p = CONTROL_HEADER_LENGTH;
        for (int i = 1; i <= count16; i++) {
            int left = length - p;
            if (left < 4) {
                throw new MalformedSstpPacketException(p, "Attribute " + i + " header", "4 bytes (Num Attributes is "
                        + count16 + ")", left == 0 ? "the end of the packet" : left + " bytes");
            }
            int id = buf[offset + p + 1] & 0xFF;
            int alen = ((buf[offset + p + 2] & 0x0F) << 8) | (buf[offset + p + 3] & 0xFF);
            if (alen < 4) {
                throw new MalformedSstpPacketException(p + 2, "Attribute " + i + " Length",
                        "at least 4 (the attribute header)", Integer.toString(alen));
            }
            if (alen > left) {
                throw new MalformedSstpPacketException(p + 2, "Attribute " + i + " Length", "at most " + left
                        + " (the bytes left in the packet)", Integer.toString(alen));
            }
            attrs.add(attribute(buf, offset, p, i, id, alen));
            p += alen;
        }
        if (p != length) {
            throw new MalformedSstpPacketException(p, "Num Attributes", count16 + " attribute(s) filling the packet",
                    (length - p) + " bytes after the last attribute");
        }
        return new SstpPacket(type, List.copyOf(attrs), NO_DATA);
    }

    private static SstpAttribute attribute(byte[] buf, int base, int p, int index, int id, int alen)
            throws MalformedSstpPacketException {
        int v = base + p + 4;
        switch (id) {
            case SstpAttribute.ENCAPSULATED_PROTOCOL_ID -> {
                exactLength(p, index, id, alen, 6);
                return new EncapsulatedProtocolId(u16(buf, v));
            }
            case SstpAttribute.STATUS_INFO -> {
                if (alen < 12) {
                    throw new MalformedSstpPacketException(p + 2, "Attribute " + index + " Length",
                            "at least 12 for " + SstpAttribute.idName(id), Integer.toString(alen));
                }
                return new StatusInfo(buf[v + 3] & 0xFF, u32(buf, v + 4), Arrays.copyOfRange(buf, v + 8, base + p + alen));
            }
            case SstpAttribute.CRYPTO_BINDING_REQ -> {
                exactLength(p, index, id, alen, 40);
                return new CryptoBindingRequest(buf[v + 3] & 0xFF, Arrays.copyOfRange(buf, v + 4, v + 36));
            }
            case SstpAttribute.CRYPTO_BINDING -> {
                exactLength(p, index, id, alen, 104);
                return new CryptoBinding(buf[v + 3] & 0xFF, Arrays.copyOfRange(buf, v + 4, v + 36),
                        Arrays.copyOfRange(buf, v + 36, v + 68), Arrays.copyOfRange(buf, v + 68, v + 100));
            }
            default -> throw new MalformedSstpPacketException(p + 1, "Attribute " + index + " ID",
                    "0x01-0x04 (SSTP_ATTRIB_*)", hex2(id));
        }
    }

    private static void exactLength(int p, int index, int id, int alen, int expected)
            throws MalformedSstpPacketException {
        if (alen != expected) {
            throw new MalformedSstpPacketException(p + 2, "Attribute " + index + " Length",
                    expected + " for " + SstpAttribute.idName(id), Integer.toString(alen));
        }
    }

    /**
     * A one-line description for transcripts, e.g. {@code Call Connect Ack (48 bytes): Crypto
     * Binding Request: hash SHA256 ...} or {@code data (PPP LCP Configure-Request, 24 bytes)}.
     */
    public String describe() {
        if (!isControl()) {
            return "data packet (" + length + " bytes): " + Ppp.describe(data);
        }
        StringBuilder b = new StringBuilder(messageType.specName()).append(" (").append(length).append(" bytes)");
        for (SstpAttribute a : attributes) {
            b.append("; ").append(a.describe());
        }
        return b.toString();
    }

    /** The packet as lowercase hexadecimal bytes separated by spaces. */
    public String hex() {
        return HexFormat.ofDelimiter(" ").formatHex(toBytes());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SstpPacket p && p.messageType == messageType && p.attributes.equals(attributes)
                && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() {
        return (Objects.hashCode(messageType) * 31 + attributes.hashCode()) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return describe();
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    private static long u32(byte[] b, int i) {
        return ((long) u16(b, i) << 16) | u16(b, i + 2);
    }

    private static void putShort(byte[] b, int i, int v) {
        b[i] = (byte) (v >> 8);
        b[i + 1] = (byte) v;
    }

    private static void putInt(byte[] b, int i, long v) {
        putShort(b, i, (int) (v >> 16) & 0xFFFF);
        putShort(b, i + 2, (int) v & 0xFFFF);
    }

    private static String hex2(int v) {
        return String.format("0x%02X", v);
    }

    private static String hex4(int v) {
        return String.format("0x%04X", v);
    }
}
