package org.sstpdoctor.probe.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sstpdoctor.probe.sstp.MalformedSstpPacketException;
import org.sstpdoctor.probe.sstp.Ppp;
import org.sstpdoctor.probe.sstp.SstpAttribute;
import org.sstpdoctor.probe.sstp.SstpAttribute.CryptoBinding;
import org.sstpdoctor.probe.sstp.SstpAttribute.CryptoBindingRequest;
import org.sstpdoctor.probe.sstp.SstpAttribute.EncapsulatedProtocolId;
import org.sstpdoctor.probe.sstp.SstpAttribute.StatusInfo;
import org.sstpdoctor.probe.sstp.SstpMessageType;
import org.sstpdoctor.probe.sstp.SstpPacket;
import org.sstpdoctor.probe.sstp.SstpStatus;

/** The [MS-SSTP] packet codec: good packets round-trip byte for byte, bad ones are named precisely. */
class SstpPacketTest {

    private static final String NONCE = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private static final String HASH = "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf";
    private static final String MAC = "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf";

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Call Connect Request (2.2.9)        | 10 01 00 0e 0001 0001 00 01 0006 0001                                   | CALL_CONNECT_REQUEST | 1
            Call Connect Ack (2.2.10)           | 10 01 00 30 0002 0001 00 04 0028 000000 02 %NONCE                       | CALL_CONNECT_ACK     | 1
            Call Connect Ack SHA1+SHA256        | 10 01 00 30 0002 0001 00 04 0028 000000 03 %NONCE                       | CALL_CONNECT_ACK     | 1
            Call Connect Nak (2.2.11)           | 10 01 00 16 0003 0001 00 02 000e 000000 01 00000004 0001                | CALL_CONNECT_NAK     | 1
            Call Connected (2.2.12)             | 10 01 00 70 0004 0001 00 03 0068 000000 02 %NONCE %HASH %MAC            | CALL_CONNECTED       | 1
            Call Abort (2.2.13)                 | 10 01 00 14 0005 0001 00 02 000c 000000 00 00000000                     | CALL_ABORT           | 1
            Call Disconnect (2.2.14)            | 10 01 00 14 0006 0001 00 02 000c 000000 00 00000000                     | CALL_DISCONNECT      | 1
            Call Disconnect, no attribute       | 10 01 00 08 0006 0000                                                   | CALL_DISCONNECT      | 0
            Call Disconnect Ack (2.2.15)        | 10 01 00 08 0007 0000                                                   | CALL_DISCONNECT_ACK  | 0
            Echo Request (2.2.16)               | 10 01 00 08 0008 0000                                                   | ECHO_REQUEST         | 0
            Echo Response (2.2.17)              | 10 01 00 08 0009 0000                                                   | ECHO_RESPONSE        | 0
            Nak with two Status Info            | 10 01 00 20 0003 0002 00 02 000c 000000 01 00000004 00 02 000c 000000 04 00000002 | CALL_CONNECT_NAK | 2
            Data: PPP LCP Configure-Request     | 10 00 00 16 ff03c021 0101000e 010405dc 050612345678                      |                      | 0
            """)
    void goodPacketsRoundTripByteForByte(String name, String bytes, String type, int attributes) throws Exception {
        byte[] wire = hex(bytes.replace("%NONCE", NONCE).replace("%HASH", HASH).replace("%MAC", MAC));
        SstpPacket p = SstpPacket.parse(wire);
        assertArrayEquals(wire, p.toBytes(), name);
        assertEquals(wire.length, p.length());
        assertEquals(type == null ? null : SstpMessageType.valueOf(type), p.messageType());
        assertEquals(type != null, p.isControl());
        assertEquals(attributes, p.attributes().size());
        assertEquals(p, SstpPacket.parse(p.toBytes()));
        assertFalse(p.describe().isBlank());
    }

    @Test
    void theCallConnectRequestIsTheFourteenBytesOfTheSpecification() {
        SstpPacket p = SstpPacket.callConnectRequest();
        assertArrayEquals(hex("10 01 00 0e 00 01 00 01 00 01 00 06 00 01"), p.toBytes());
        assertEquals(List.of(EncapsulatedProtocolId.PPP), p.attributes());
    }

    @Test
    void theAckCarriesTheHashBitmaskAndTheNonce() throws Exception {
        SstpPacket ack = SstpPacket.parse(hex("10 01 00 30 0002 0001 00 04 0028 000000 02" + NONCE));
        CryptoBindingRequest r = ack.attribute(CryptoBindingRequest.class).orElseThrow();
        assertEquals(SstpAttribute.HASH_SHA256, r.hashProtocolBitmask());
        assertArrayEquals(hex(NONCE), r.nonce());
        assertTrue(ack.describe().contains("SHA256"), ack.describe());
    }

    @Test
    void builtPacketsEncodeAsTheSpecificationLaysThemOut() throws Exception {
        SstpPacket nak = SstpPacket.control(SstpMessageType.CALL_CONNECT_NAK,
                new StatusInfo(SstpAttribute.ENCAPSULATED_PROTOCOL_ID, SstpStatus.VALUE_NOT_SUPPORTED.code(), hex("0001")));
        assertArrayEquals(hex("10 01 00 16 0003 0001 00 02 000e 000000 01 00000004 0001"), nak.toBytes());
        SstpPacket connected = SstpPacket.control(SstpMessageType.CALL_CONNECTED,
                new CryptoBinding(SstpAttribute.HASH_SHA256, hex(NONCE), hex(HASH), hex(MAC)));
        assertEquals(112, connected.length());
        assertEquals(connected, SstpPacket.parse(connected.toBytes()));
        assertArrayEquals(hex("10 00 00 06 c0 21"), SstpPacket.data(hex("c021")).toBytes());
    }

    @Test
    void reservedBitsAreIgnoredOnReceiptAndSentAsZero() throws Exception {
        // R bits in the packet and attribute Length fields, the 7 reserved bits beside C, the reserved bytes
        SstpPacket p = SstpPacket.parse(hex("10 ff f0 0e 0001 0001 ff 01 f0 06 0001"));
        assertEquals(SstpPacket.callConnectRequest(), p);
        assertArrayEquals(hex("10 01 00 0e 0001 0001 00 01 00 06 0001"), p.toBytes());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad version                     | 20 01 00 0e 0001 0001 00 01 0006 0001     | 0  | Version            | SSTP packet malformed at offset 0 (Version): expected 0x10 (SSTP 1.0), found 0x20
            minor version 1                 | 11 01 00 0e 0001 0001 00 01 0006 0001     | 0  | Version            | found 0x11
            length field above the bytes    | 10 01 00 0f 0001 0001 00 01 0006 0001     | 14 | Length             | expected the declared 15 bytes, found only 14 bytes (truncated)
            length field below the bytes    | 10 01 00 0d 0001 0001 00 01 0006 0001     | 13 | Length             | expected the packet to end at the declared length 13, found 1 more bytes
            length below the control header | 10 01 00 06 0001                          | 2  | Length             | expected at least 8 (the control packet header), found 6
            length below the data header    | 10 00 00 02                               | 2  | Length             | expected at least 4 (the data packet header), found 2
            truncated header                | 10 01 00                                  | 3  | header             | expected 4 bytes, found 3 bytes (truncated)
            truncated packet                | 10 01 0f ff 00 02 00                      | 7  | Length             | expected the declared 4095 bytes, found only 7 bytes (truncated)
            attribute length overrun        | 10 01 00 0e 0001 0001 00 01 0010 0001     | 10 | Attribute 1 Length | expected at most 6 (the bytes left in the packet), found 16
            attribute length below header   | 10 01 00 0e 0001 0001 00 01 0002 0001     | 10 | Attribute 1 Length | expected at least 4 (the attribute header), found 2
            wrong protocol id length        | 10 01 00 10 0001 0001 00 01 0008 00010000 | 10 | Attribute 1 Length | expected 6 for SSTP_ATTRIB_ENCAPSULATED_PROTOCOL_ID, found 8
            crypto binding request too short| 10 01 00 0c 0002 0001 00 04 0004           | 10 | Attribute 1 Length | expected 40 for SSTP_ATTRIB_CRYPTO_BINDING_REQ, found 4
            status info too short           | 10 01 00 10 0003 0001 00 02 0008 00000000 | 10 | Attribute 1 Length | expected at least 12 for SSTP_ATTRIB_STATUS_INFO, found 8
            unknown attribute id            | 10 01 00 0e 0001 0001 00 07 0006 0001     | 9  | Attribute 1 ID     | expected 0x01-0x04 (SSTP_ATTRIB_*), found 0x07
            unknown message type            | 10 01 00 08 000a 0000                     | 4  | Message Type       | expected 0x0001-0x0009 (SSTP_MSG_*), found 0x000A
            message type zero               | 10 01 00 08 0000 0000                     | 4  | Message Type       | found 0x0000
            fewer attributes than counted   | 10 01 00 0e 0001 0002 00 01 0006 0001     | 14 | Attribute 2 header | expected 4 bytes (Num Attributes is 2), found the end of the packet
            bytes after the last attribute  | 10 01 00 0e 0001 0000 00 01 0006 0001     | 8  | Num Attributes     | expected 0 attribute(s) filling the packet, found 6 bytes after the last attribute
            """)
    void malformedPacketsAreNamedPrecisely(String name, String bytes, int offset, String field, String message) {
        MalformedSstpPacketException e = assertThrows(MalformedSstpPacketException.class,
                () -> SstpPacket.parse(hex(bytes)), name);
        assertEquals(offset, e.offset(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().startsWith("SSTP packet malformed at offset " + offset + " (" + field + ")"),
                e.getMessage());
    }

    @Test
    void theConfiguredMaximumIsEnforcedFromTheHeaderAlone() throws Exception {
        byte[] header = hex("10 01 0f ff");
        assertEquals(4095, SstpPacket.declaredLength(header, 0, 4095));
        MalformedSstpPacketException e = assertThrows(MalformedSstpPacketException.class,
                () -> SstpPacket.declaredLength(header, 0, 1500));
        assertEquals("SSTP packet malformed at offset 2 (Length): expected at most 1500, found 4095", e.getMessage());
    }

    @Test
    void packetsOverTheTwelveBitLengthCannotBeBuilt() {
        assertThrows(IllegalArgumentException.class, () -> SstpPacket.data(new byte[4092]));
        assertEquals(4095, SstpPacket.data(new byte[4091]).length());
    }

    @Test
    void pppFramesAreNamed() {
        assertEquals("PPP LCP Configure-Request id 1", Ppp.describe(hex("ff03c021 0101000e 010405dc 050612345678")));
        assertEquals("PPP LCP Configure-Request id 7", Ppp.describe(hex("c021 0107000e 010405dc 050612345678")));
        assertEquals("PPP protocol 0x0021", Ppp.describe(hex("0021 4500")));
        assertEquals("too short for a PPP frame", Ppp.describe(hex("ff")));
    }
}
