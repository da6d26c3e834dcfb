package org.sstpdoctor.probe.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sstpdoctor.probe.sstp.SstpAttribute;
import org.sstpdoctor.probe.sstp.SstpAttribute.CryptoBindingRequest;
import org.sstpdoctor.probe.sstp.SstpAttribute.StatusInfo;
import org.sstpdoctor.probe.sstp.SstpMessageType;
import org.sstpdoctor.probe.sstp.SstpPacket;
import org.sstpdoctor.probe.sstp.SstpServerPackets;
import org.sstpdoctor.probe.sstp.SstpStatus;
import org.sstpdoctor.probe.sstp.SstpWire;

/**
 * The packets an SSTP server sends, byte for byte against the formats of [MS-SSTP] section 2.2
 * (the expected bytes are written out here, field by field), and read back by the probe's codec
 * and by {@link SstpWire}.
 */
class SstpServerPacketsTest {

    private static final String NONCE = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private static final StatusInfo NO_ERROR = new StatusInfo(0, SstpStatus.NO_ERROR);
    private static final StatusInfo PROTOCOL_NOT_SUPPORTED = new StatusInfo(SstpAttribute.ENCAPSULATED_PROTOCOL_ID,
            SstpStatus.VALUE_NOT_SUPPORTED.code(), new byte[] { 0x00, 0x01 });

    /** What each case builds. */
    private static final Map<String, Supplier<byte[]>> BUILT = Map.of(
            "ack-sha256", () -> SstpServerPackets.callConnectAck(SstpAttribute.HASH_SHA256, hex(NONCE)),
            "ack-sha1-sha256", () -> SstpServerPackets.callConnectAck(SstpAttribute.HASH_SHA1 | SstpAttribute.HASH_SHA256,
                    hex(NONCE)),
            "nak-no-port", () -> SstpServerPackets.callConnectNak(NO_ERROR),
            "nak-protocol", () -> SstpServerPackets.callConnectNak(PROTOCOL_NOT_SUPPORTED),
            "nak-two", () -> SstpServerPackets.callConnectNak(new StatusInfo(1, SstpStatus.VALUE_NOT_SUPPORTED),
                    new StatusInfo(4, SstpStatus.UNRECOGNIZED_ATTRIBUTE)),
            "abort", () -> SstpServerPackets.callAbort(NO_ERROR),
            "abort-bare", () -> SstpServerPackets.callAbort(null),
            "disconnect-ack", SstpServerPackets::callDisconnectAck,
            "echo-response", SstpServerPackets::echoResponse,
            "data-lcp", () -> SstpServerPackets.data(hex("ff03c021 0101000e 010405dc 050612345678")));

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ack-sha256      | 10 01 00 30  0002 0001  00 04 0028 000000 02 %NONCE                                | CALL_CONNECT_ACK    | 1
            ack-sha1-sha256 | 10 01 00 30  0002 0001  00 04 0028 000000 03 %NONCE                                | CALL_CONNECT_ACK    | 1
            nak-no-port     | 10 01 00 14  0003 0001  00 02 000c 000000 00 00000000                              | CALL_CONNECT_NAK    | 1
            nak-protocol    | 10 01 00 16  0003 0001  00 02 000e 000000 01 00000004 0001                         | CALL_CONNECT_NAK    | 1
            nak-two         | 10 01 00 20  0003 0002  00 02 000c 000000 01 00000004  00 02 000c 000000 04 00000002 | CALL_CONNECT_NAK | 2
            abort           | 10 01 00 14  0005 0001  00 02 000c 000000 00 00000000                              | CALL_ABORT          | 1
            abort-bare      | 10 01 00 08  0005 0000                                                             | CALL_ABORT          | 0
            disconnect-ack  | 10 01 00 08  0007 0000                                                             | CALL_DISCONNECT_ACK | 0
            echo-response   | 10 01 00 08  0009 0000                                                             | ECHO_RESPONSE       | 0
            data-lcp        | 10 00 00 16  ff03c021 0101000e 010405dc 050612345678                               |                     | 0
            """)
    void buildsEachPacketByteForByte(String name, String bytes, String type, int attributes) throws Exception {
        byte[] expected = hex(bytes.replace("%NONCE", NONCE));
        byte[] built = BUILT.get(name).get();
        assertArrayEquals(expected, built, () -> name + ": " + HexFormat.of().formatHex(built));

        SstpPacket read = SstpPacket.parse(built);
        assertEquals(type == null ? null : SstpMessageType.valueOf(type), read.messageType(), name);
        assertEquals(attributes, read.attributes().size(), name);
        assertEquals(read.messageType(), SstpWire.controlMessageType(built), name);
        assertArrayEquals(built, SstpWire.readPacket(new ByteArrayInputStream(built)), name);
    }

    @Test
    void theAckCarriesTheBitmaskAndTheNonceItWasGiven() throws Exception {
        byte[] nonce = SstpServerPackets.newNonce();
        byte[] ack = SstpServerPackets.callConnectAck(SstpAttribute.HASH_SHA256, nonce);
        assertEquals(SstpServerPackets.CALL_CONNECT_ACK_LENGTH, ack.length);
        CryptoBindingRequest cbr = SstpPacket.parse(ack).attribute(CryptoBindingRequest.class).orElseThrow();
        assertEquals(SstpAttribute.HASH_SHA256, cbr.hashProtocolBitmask());
        assertArrayEquals(nonce, cbr.nonce());
    }

    @Test
    void theStatusInfoOfANakReadsBackAsSent() throws Exception {
        StatusInfo read = SstpPacket.parse(SstpServerPackets.callConnectNak(PROTOCOL_NOT_SUPPORTED))
                .attribute(StatusInfo.class).orElseThrow();
        assertEquals(PROTOCOL_NOT_SUPPORTED, read);
    }

    @Test
    void noncesAreFreshAnd32BytesLong() {
        byte[] a = SstpServerPackets.newNonce();
        byte[] b = SstpServerPackets.newNonce();
        assertEquals(32, a.length);
        assertFalse(Arrays.equals(a, b), "two nonces in a row are the same");
    }

    @Test
    void refusesWhatTheFormatsCannotCarry() {
        assertThrows(IllegalArgumentException.class, () -> SstpServerPackets.callConnectAck(0x100, hex(NONCE)));
        assertThrows(IllegalArgumentException.class, () -> SstpServerPackets.callConnectAck(-1, hex(NONCE)));
        assertThrows(IllegalArgumentException.class,
                () -> SstpServerPackets.callConnectAck(SstpAttribute.HASH_SHA256, new byte[31]));
        assertThrows(IllegalArgumentException.class,
                () -> SstpServerPackets.callConnectAck(SstpAttribute.HASH_SHA256, null));
        assertThrows(IllegalArgumentException.class, () -> SstpServerPackets.callConnectNak());
        assertThrows(IllegalArgumentException.class, () -> SstpServerPackets.data(new byte[4092]),
                "4096 bytes do not fit the 12-bit Length");
    }

    @Test
    void theLargestDataPacketFillsTheTwelveBitLength() throws Exception {
        byte[] p = SstpServerPackets.data(new byte[4091]);
        assertEquals(4095, p.length);
        assertArrayEquals(hex("10000fff"), Arrays.copyOf(p, 4));
        assertEquals(4091, SstpPacket.parse(p).data().length);
    }

    @Test
    void readsTheMessageTypeOfControlPacketsOnly() {
        assertNull(SstpWire.controlMessageType(hex("10000008 ff03c021")), "a data packet");
        assertNull(SstpWire.controlMessageType(hex("1001000800000000")), "type 0 is not defined");
        assertNull(SstpWire.controlMessageType(hex("10010008000a0000")), "type 10 is not defined");
        assertNull(SstpWire.controlMessageType(hex("10010006 0006")), "shorter than a control header");
        assertEquals(SstpMessageType.CALL_DISCONNECT, SstpWire.controlMessageType(hex("1001000800060000")));
        assertEquals(SstpMessageType.CALL_CONNECT_REQUEST,
                SstpWire.controlMessageType(hex("1001000e0001000100010006" + "0001")));
    }

    @Test
    void packetsWrittenOneAfterAnotherAreReadOneByOne() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<byte[]> sent = List.of(SstpServerPackets.callConnectAck(SstpAttribute.HASH_SHA256, hex(NONCE)),
                SstpServerPackets.echoResponse(), SstpServerPackets.callDisconnectAck());
        for (byte[] p : sent) {
            wire.write(p);
        }
        ByteArrayInputStream in = new ByteArrayInputStream(wire.toByteArray());
        assertArrayEquals(sent.get(0), SstpWire.readPacket(in));
        assertArrayEquals(sent.get(1), SstpWire.nextPacket(in));
        assertArrayEquals(sent.get(2), SstpWire.nextPacket(in));
        assertNull(SstpWire.nextPacket(in), "the stream ended between packets");
        assertThrows(EOFException.class, () -> SstpWire.readPacket(in), "readPacket wants a packet");
    }

    @Test
    void aStreamThatEndsInsideAPacketOrCarriesNoSstpIsAnError() {
        byte[] ack = SstpServerPackets.callConnectAck(SstpAttribute.HASH_SHA256, hex(NONCE));
        assertThrows(EOFException.class, () -> SstpWire.nextPacket(new ByteArrayInputStream(ack, 0, 20)),
                "20 of 48 bytes");
        assertThrows(EOFException.class, () -> SstpWire.nextPacket(new ByteArrayInputStream(ack, 0, 2)),
                "half a header");
        IOException notSstp = assertThrows(IOException.class,
                () -> SstpWire.nextPacket(new ByteArrayInputStream("GET / HTTP/1.1\r\n".getBytes())));
        assertEquals("not an SSTP packet header: 47455420", notSstp.getMessage());
        assertThrows(IOException.class, () -> SstpWire.nextPacket(new ByteArrayInputStream(hex("10010003"))),
                "a length shorter than the header");
    }
}
