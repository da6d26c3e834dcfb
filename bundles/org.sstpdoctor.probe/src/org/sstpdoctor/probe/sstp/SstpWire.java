package org.sstpdoctor.probe.sstp;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The server side of the SSTP wire, for the endpoints that answer SSTP clients (the practice lab,
 * the test responders, the benchmark fleet): the HTTP request head that precedes the SSTP stream,
 * and one SSTP packet as its header declares it. Reads stop at their bounds; the stream's own read
 * timeout bounds the wait. {@link SstpServerPackets} writes what such a server sends.
 */
public final class SstpWire {

    private SstpWire() {
    }

    /**
     * The HTTP request head up to and with the blank line that ends it.
     *
     * @param maxBytes the longest head taken
     * @throws EOFException when the stream ends first
     * @throws IOException  when the head is longer than {@code maxBytes}
     */
    public static String readHttpHead(InputStream in, int maxBytes) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(256);
        int state = 0; // how much of CR LF CR LF was just read
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("request head unfinished");
            }
            head.write(c);
            if (head.size() > maxBytes) {
                throw new IOException("request head too large");
            }
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1
                    : c == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /**
     * One SSTP packet's bytes ([MS-SSTP] 2.2.1): the 4-byte header, whose 12-bit length (at most
     * {@value SstpPacket#MAX_LENGTH}) says how many bytes follow.
     *
     * @throws EOFException when the stream ends before the packet or inside it
     * @throws IOException  when the header is not an SSTP version 1.0 header with a length of at
     *                      least 4
     */
    public static byte[] readPacket(InputStream in) throws IOException {
        byte[] p = nextPacket(in);
        if (p == null) {
            throw new EOFException("the stream ended before an SSTP packet");
        }
        return p;
    }

    /**
     * The next SSTP packet, as {@link #readPacket(InputStream)} reads it, or null when the stream
     * ends where a packet would start: the client hung up between packets.
     *
     * @throws EOFException when the stream ends inside the packet
     */
    public static byte[] nextPacket(InputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        DataInputStream d = new DataInputStream(in);
        byte[] header = new byte[SstpPacket.HEADER_LENGTH];
        header[0] = (byte) first;
        d.readFully(header, 1, header.length - 1);
        int length = ((header[2] & 0x0F) << 8) | (header[3] & 0xFF);
        if (header[0] != SstpPacket.VERSION || length < SstpPacket.HEADER_LENGTH) {
            throw new IOException("not an SSTP packet header: " + HexFormat.of().formatHex(header));
        }
        byte[] p = Arrays.copyOf(header, length);
        d.readFully(p, SstpPacket.HEADER_LENGTH, length - SstpPacket.HEADER_LENGTH);
        return p;
    }

    /**
     * The Message Type of a control packet as {@link #readPacket(InputStream)} returns it ([MS-SSTP]
     * 2.2.2), or null for a data packet (C bit 0), a control packet shorter than its 8-byte
     * header, or a type the specification does not define.
     */
    public static SstpMessageType controlMessageType(byte[] packet) {
        if (packet.length < SstpPacket.CONTROL_HEADER_LENGTH || (packet[1] & 1) == 0) {
            return null;
        }
        return SstpMessageType.of((packet[4] & 0xFF) << 8 | (packet[5] & 0xFF));
    }
}
