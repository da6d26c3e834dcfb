package org.sstpdoctor.probe.sstp;

import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;

import org.sstpdoctor.probe.sstp.SstpAttribute.StatusInfo;

/**
 * The packets an SSTP server sends, byte for byte, for the endpoints that answer SSTP clients (the
 * practice lab, the test responders, the benchmark fleet); {@link SstpWire} reads what the client
 * sends them. Each packet is laid out here from its format in [MS-SSTP] section 2.2: the 4-byte
 * packet header (2.2.1: Version 0x10, the C bit, a 12-bit Length counting the header), for a
 * control packet the Message Type and Num Attributes (2.2.2), then the attributes, each with its
 * 4-byte attribute header (2.2.4). Reserved fields are zero.
 * <p>
 * These bytes are written without {@link SstpPacket}: the probe reads what a server sends with
 * {@link SstpPacket#parse(byte[])}, and a writer of their own, checked byte for byte against the
 * specification, keeps a mistake in the probe's codec from being mirrored by the servers it is
 * tested against.
 */
public final class SstpServerPackets {

    /** The length of a Call Connect Ack: a control header and one 40-byte Crypto Binding Request. */
    public static final int CALL_CONNECT_ACK_LENGTH = 48;

    private static final int CONTROL_HEADER = 8;
    private static final int ATTRIBUTE_HEADER = 4;
    private static final int STATUS_INFO_LENGTH = 12;
    private static final int CRYPTO_BINDING_REQ_LENGTH = 40;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SstpServerPackets() {
    }

    /** A fresh random nonce for a Crypto Binding Request: 32 bytes from a {@link SecureRandom}. */
    public static byte[] newNonce() {
        byte[] nonce = new byte[SstpAttribute.NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    /**
     * SSTP_MSG_CALL_CONNECT_ACK (2.2.10): the server accepts the call and asks the client to bind
     * the tunnel to the TLS channel with one Crypto Binding Request attribute (2.2.7): 3 reserved
     * bytes, the Hash Protocol Bitmask and the 32-byte nonce. 48 bytes:
     * {@code 10 01 00 30 00 02 00 01 00 04 00 28 00 00 00 <bitmask> <nonce>}.
     *
     * @param hashProtocolBitmask the hash protocols the server accepts, {@link SstpAttribute#HASH_SHA1}
     *                            and/or {@link SstpAttribute#HASH_SHA256}
     * @param nonce               32 bytes, fresh for every call ({@link #newNonce()})
     */
    public static byte[] callConnectAck(int hashProtocolBitmask, byte[] nonce) {
        if (hashProtocolBitmask < 0 || hashProtocolBitmask > 0xFF) {
            throw new IllegalArgumentException("Hash Protocol Bitmask is 8 bits: " + hashProtocolBitmask);
        }
        if (nonce == null || nonce.length != SstpAttribute.NONCE_LENGTH) {
            throw new IllegalArgumentException("the nonce is " + SstpAttribute.NONCE_LENGTH + " bytes");
        }
        byte[] p = control(SstpMessageType.CALL_CONNECT_ACK, 1, CALL_CONNECT_ACK_LENGTH);
        int a = attribute(p, CONTROL_HEADER, SstpAttribute.CRYPTO_BINDING_REQ, CRYPTO_BINDING_REQ_LENGTH);
        p[a + 3] = (byte) hashProtocolBitmask; // after Reserved1 (3 bytes)
        System.arraycopy(nonce, 0, p, a + 4, nonce.length);
        return p;
    }

    /**
     * SSTP_MSG_CALL_CONNECT_NAK (2.2.11): the server refuses the call, with one Status Info
     * attribute (2.2.8) per reason, e.g. {@code new StatusInfo(0, SstpStatus.NO_ERROR)} when it
     * has no free port, or the offending attribute's ID, status and value.
     *
     * @throws IllegalArgumentException without a Status Info, or when the packet would exceed
     *                                  {@value SstpPacket#MAX_LENGTH} bytes
     */
    public static byte[] callConnectNak(StatusInfo... statuses) {
        if (statuses.length == 0) {
            throw new IllegalArgumentException("a Call Connect Nak carries at least one Status Info");
        }
        return withStatuses(SstpMessageType.CALL_CONNECT_NAK, List.of(statuses));
    }

    /**
     * SSTP_MSG_CALL_ABORT (2.2.13): the server ends the connection abnormally; the message
     * SHOULD carry one Status Info and MUST NOT carry any other attribute.
     *
     * @param status the reason, or null for none (an 8-byte packet)
     */
    public static byte[] callAbort(StatusInfo status) {
        return withStatuses(SstpMessageType.CALL_ABORT, status == null ? List.of() : List.of(status));
    }

    /** SSTP_MSG_CALL_DISCONNECT_ACK (2.2.15), no attributes: {@code 10 01 00 08 00 07 00 00}. */
    public static byte[] callDisconnectAck() {
        return control(SstpMessageType.CALL_DISCONNECT_ACK, 0, CONTROL_HEADER);
    }

    /** SSTP_MSG_ECHO_RESPONSE (2.2.17), no attributes: {@code 10 01 00 08 00 09 00 00}. */
    public static byte[] echoResponse() {
        return control(SstpMessageType.ECHO_RESPONSE, 0, CONTROL_HEADER);
    }

    /**
     * An SSTP data packet (2.2.3) carrying {@code payload}, a PPP frame: the header with the C
     * bit 0, then the payload.
     */
    public static byte[] data(byte[] payload) {
        byte[] p = header(SstpPacket.HEADER_LENGTH + payload.length, false);
        System.arraycopy(payload, 0, p, SstpPacket.HEADER_LENGTH, payload.length);
        return p;
    }

    private static byte[] withStatuses(SstpMessageType type, List<StatusInfo> statuses) {
        int length = CONTROL_HEADER;
        for (StatusInfo s : statuses) {
            length += STATUS_INFO_LENGTH + Objects.requireNonNull(s, "status").attribValue().length;
        }
        byte[] p = control(type, statuses.size(), length);
        int at = CONTROL_HEADER;
        for (StatusInfo s : statuses) {
            byte[] value = s.attribValue();
            int a = attribute(p, at, SstpAttribute.STATUS_INFO, STATUS_INFO_LENGTH + value.length);
            p[a + 3] = (byte) s.attribId(); // after Reserved1 (3 bytes)
            putInt(p, a + 4, s.status());
            System.arraycopy(value, 0, p, a + 8, value.length);
            at += STATUS_INFO_LENGTH + value.length;
        }
        return p;
    }

    /** A control packet of {@code length} bytes: header, Message Type, Num Attributes. */
    private static byte[] control(SstpMessageType type, int attributes, int length) {
        byte[] p = header(length, true);
        putShort(p, 4, type.code());
        putShort(p, 6, attributes);
        return p;
    }

    /** The packet header (2.2.1) of a packet of {@code length} bytes, the rest zero. */
    private static byte[] header(int length, boolean control) {
        if (length > SstpPacket.MAX_LENGTH) {
            throw new IllegalArgumentException("an SSTP packet is at most " + SstpPacket.MAX_LENGTH + " bytes: "
                    + length);
        }
        byte[] p = new byte[length];
        p[0] = (byte) SstpPacket.VERSION;
        p[1] = (byte) (control ? 1 : 0);
        putShort(p, 2, length);
        return p;
    }

    /** Writes an attribute header (2.2.4) at {@code at}; returns where its value starts. */
    private static int attribute(byte[] p, int at, int id, int length) {
        p[at + 1] = (byte) id;
        putShort(p, at + 2, length);
        return at + ATTRIBUTE_HEADER;
    }

    private static void putShort(byte[] p, int at, int v) {
        p[at] = (byte) (v >>> 8);
        p[at + 1] = (byte) v;
    }

    private static void putInt(byte[] p, int at, long v) {
        putShort(p, at, (int) (v >>> 16));
        putShort(p, at + 2, (int) v);
    }
}
