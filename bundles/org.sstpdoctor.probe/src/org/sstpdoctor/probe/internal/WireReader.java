package org.sstpdoctor.probe.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.sstpdoctor.probe.HttpResponseHead;
import org.sstpdoctor.probe.HttpResponseHead.Header;
import org.sstpdoctor.probe.sstp.MalformedSstpPacketException;
import org.sstpdoctor.probe.sstp.SstpPacket;

/**
 * Reads HTTP response heads and SSTP packets from a connection, never holding more than the
 * limit it is given: an HTTP head is read up to its empty line or the header limit, an SSTP
 * packet up to the length its header declares (at most 4095). Bytes read beyond the end of a
 * head stay buffered for the next read. Never reads "everything" or a line without a cap.
 */
public final class WireReader {

    /** The server's answer is not valid HTTP, or exceeds the header limit. */
    public static final class HttpFormatException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String defect;

        HttpFormatException(String defect, String message) {
            super(message);
            this.defect = defect;
        }

        /** A few words naming the defect, e.g. "HTTP response head over 16384 bytes". */
        public String defect() {
            return defect;
        }
    }

    /** The connection ended in the middle of (or before) what was being read. */
    public static final class TruncatedException extends EOFException {
        private static final long serialVersionUID = 1L;
        private final int received;
        private final int expected;

        TruncatedException(String message, int received, int expected) {
            super(message);
            this.received = received;
            this.expected = expected;
        }

        /** The bytes of the unfinished item that did arrive. */
        public int received() {
            return received;
        }

        /** The bytes announced (an SSTP packet's Length), or 0 when unknown (an HTTP head). */
        public int expected() {
            return expected;
        }
    }

    private final InputStream in;
    private byte[] buf;
    private int pos;
    private int end;
    private int pendingLength;
    private byte[] lastRaw = new byte[0];

    public WireReader(InputStream in) {
        this.in = in;
        this.buf = new byte[512];
    }

    /** Bytes received and not yet consumed. */
    public int buffered() {
        return end - pos;
    }

    /** The Length of the SSTP packet being read, 0 between packets. */
    public int pendingLength() {
        return pendingLength;
    }

    /** The bytes of the last packet read, as received. */
    public byte[] lastRaw() {
        return lastRaw.clone();
    }

    /** Up to {@code max} of the unconsumed bytes, as hexadecimal. */
    public String bufferedHex(int max) {
        int n = Math.min(max, end - pos);
        String hex = HexFormat.ofDelimiter(" ").formatHex(buf, pos, pos + n);
        return n < end - pos ? hex + " ..." : hex;
    }

    /** Up to {@code max} of the unconsumed bytes, as printable ASCII (others as '.'). */
    public String bufferedText(int max) {
        int n = Math.min(max, end - pos);
        StringBuilder b = new StringBuilder(n);
        for (int i = pos; i < pos + n; i++) {
            int c = buf[i] & 0xFF;
            b.append(c == '\r' ? "\\r" : c == '\n' ? "\\n" : c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : ".");
        }
        return b.toString();
    }

    /**
     * Reads an HTTP response head: the status line and the header fields up to the empty line.
     *
     * @param max the largest head accepted, final empty line included
     * @throws HttpFormatException when the head is over {@code max} bytes, or not HTTP/1.x
     * @throws TruncatedException  when the connection ends before the empty line
     */
    public HttpResponseHead readHttpHead(int max) throws IOException, HttpFormatException {
        int scanned = pos;
        while (true) {
            int headEnd = findHeadEnd(scanned);
            if (headEnd >= 0) {
                HttpResponseHead head = parseHead(pos, headEnd);
                pos = headEnd;
                return head;
            }
            scanned = Math.max(pos, end - 3);
            int have = end - pos;
            if (have >= max) {
                throw new HttpFormatException("HTTP response head over " + max + " bytes", "the HTTP response head "
                        + "is longer than the limit of " + max + " bytes (no empty line yet; reading stopped there)");
            }
            makeRoom(Math.min(max, Math.max(have * 2, 512)));
            int want = Math.min(buf.length - end, max - have);
            int n = in.read(buf, end, want);
            if (n < 0) {
                throw new TruncatedException(have == 0 ? "the connection was closed before any HTTP response"
                        : "the connection was closed after " + have + " bytes of an unfinished HTTP response head",
                        have, 0);
            }
            end += n;
        }
    }

    /**
     * Reads one SSTP packet.
     *
     * @param maxLength the largest packet accepted
     * @throws MalformedSstpPacketException when the packet breaks [MS-SSTP] or exceeds maxLength
     * @throws TruncatedException           when the connection ends before the packet is complete
     */
    public SstpPacket readSstpPacket(int maxLength) throws IOException, MalformedSstpPacketException {
        pendingLength = 0;
        fill(SstpPacket.HEADER_LENGTH, 0);
        int length = SstpPacket.declaredLength(buf, pos, maxLength);
        pendingLength = length;
        fill(length, length);
        SstpPacket packet = SstpPacket.parse(buf, pos, length, maxLength);
        lastRaw = Arrays.copyOfRange(buf, pos, pos + length);
        pos += length;
        pendingLength = 0;
        return packet;
    }

    private void fill(int need, int announced) throws IOException {
        if (end - pos >= need) {
            return;
        }
        makeRoom(need);
        while (end - pos < need) {
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                int have = end - pos;
                throw new TruncatedException(announced > 0
                        ? "the connection was closed after " + have + " of the " + announced
                                + " bytes the SSTP Length field announced"
                        : have == 0 ? "the connection was closed before any SSTP packet"
                                : "the connection was closed after " + have + " bytes of an SSTP packet header",
                        have, announced);
            }
            end += n;
        }
    }

    /** Makes buf[pos..] able to hold {@code capacity} bytes. */
    private void makeRoom(int capacity) {
        if (buf.length - pos >= capacity) {
            if (end == buf.length && pos > 0) {
                compact();
            }
            return;
        }
        if (pos > 0) {
            compact();
        }
        if (buf.length < capacity) {
            buf = Arrays.copyOf(buf, capacity);
        }
    }

    private void compact() {
        System.arraycopy(buf, pos, buf, 0, end - pos);
        end -= pos;
        pos = 0;
    }

    /** The index just past the empty line ending the head, or -1. */
    private int findHeadEnd(int from) {
        for (int i = Math.max(from, pos); i < end; i++) {
            if (buf[i] != '\n') {
                continue;
            }
            if (i + 1 < end && buf[i + 1] == '\n') {
                return i + 2;
            }
            if (i + 2 < end && buf[i + 1] == '\r' && buf[i + 2] == '\n') {
                return i + 3;
            }
        }
        return -1;
    }

    private HttpResponseHead parseHead(int from, int to) throws HttpFormatException {
        String text = new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r?\n", -1);
        String status = lines[0];
        // HTTP/1.x SP 3DIGIT [SP reason]
        if (status.length() < 12 || !status.startsWith("HTTP/1.") || !Character.isDigit(status.charAt(7))
                || status.charAt(8) != ' ' || !Character.isDigit(status.charAt(9))
                || !Character.isDigit(status.charAt(10)) || !Character.isDigit(status.charAt(11))
                || (status.length() > 12 && status.charAt(12) != ' ')) {
            throw new HttpFormatException("not an HTTP/1.x status line",
                    "the answer does not start with an HTTP/1.x status line: \"" + printable(status, 80) + "\"");
        }
        int code = Integer.parseInt(status.substring(9, 12));
        String reason = status.length() > 13 ? status.substring(13) : "";
        List<Header> headers = new ArrayList<>(8);
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !headers.isEmpty()) {
                Header last = headers.remove(headers.size() - 1);
                headers.add(new Header(last.name(), last.value() + " " + line.strip()));
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.substring(0, colon).strip().length() != colon) {
                throw new HttpFormatException("malformed HTTP header field",
                        "header line " + i + " is not a \"name: value\" field: \"" + printable(line, 80) + "\"");
            }
            headers.add(new Header(line.substring(0, colon), line.substring(colon + 1).strip()));
        }
        return new HttpResponseHead(status, status.substring(0, 8), code, reason, headers, to - from);
    }

    static String printable(String s, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return s.length() > max ? b + "..." : b.toString();
    }
}
