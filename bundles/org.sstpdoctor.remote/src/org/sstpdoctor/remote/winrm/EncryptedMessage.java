package org.sstpdoctor.remote.winrm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MS-WSMV 2.2.9.1 message encryption body: a {@code multipart/encrypted} body whose second part holds the length of
 * the signature, the signature, and the sealed SOAP envelope.
 */
final class EncryptedMessage {

    /** The protocol of NTLM (and SPNEGO) sealing. */
    static final String SPNEGO_PROTOCOL = "application/HTTP-SPNEGO-session-encrypted";
    /** The protocol of Kerberos sealing. */
    static final String KERBEROS_PROTOCOL = "application/HTTP-Kerberos-session-encrypted";
    /** The largest signature accepted: NTLM's is 16 bytes, an AES Kerberos wrap header 60 or 72. */
    private static final int MAX_SIGNATURE = 1024;
    private static final byte[] BOUNDARY = "--Encrypted Boundary\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSING = "--Encrypted Boundary--\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OCTET_HEADER = "\tContent-Type: application/octet-stream\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final Pattern LENGTH = Pattern.compile("Length=(\\d{1,10})");

    /** The reason a body could not be decrypted; the message says what was wrong, never what was inside. */
    static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message);
        }
    }

    private EncryptedMessage() {
    }

    /** The Content-Type header of a body sealed with {@code protocol}. */
    static String contentType(String protocol) {
        return "multipart/encrypted;protocol=\"" + protocol + "\";boundary=\"Encrypted Boundary\"";
    }

    static byte[] encode(MessageSealing session, byte[] soap) throws GeneralSecurityException {
        String protocol = session.protocol();
        byte[][] wrapped = session.wrap(soap);
        ByteArrayOutputStream out = new ByteArrayOutputStream(soap.length + 300);
        out.writeBytes(BOUNDARY);
        out.writeBytes(("\tContent-Type: " + protocol + "\r\n\tOriginalContent: type=application/soap+xml;"
                + "charset=UTF-8;Length=" + soap.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(BOUNDARY);
        out.writeBytes(OCTET_HEADER);
        out.writeBytes(NtlmSession.le32(wrapped[0].length));
        out.writeBytes(wrapped[0]);
        out.writeBytes(wrapped[1]);
        out.writeBytes(CLOSING);
        return out.toByteArray();
    }

    /** Whether a Content-Type header announces an encrypted body of the kind {@code session} decrypts. */
    static boolean isEncrypted(String contentType, MessageSealing session) {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/encrypted")
                && contentType.contains(session.protocol());
    }

    static byte[] decode(MessageSealing session, byte[] body) throws FormatException {
        String protocol = session.protocol();
        if (!startsWith(body, BOUNDARY, 0)) {
            throw new FormatException("the encrypted body does not start with the encryption boundary");
        }
        int second = indexOf(body, BOUNDARY, BOUNDARY.length);
        if (second < 0) {
            throw new FormatException("the encrypted body has no payload part");
        }
        String header = new String(body, BOUNDARY.length, second - BOUNDARY.length, StandardCharsets.ISO_8859_1);
        if (!header.contains(protocol)) {
            throw new FormatException("the encrypted body is not " + protocol);
        }
        Matcher m = LENGTH.matcher(header);
        if (!m.find()) {
            throw new FormatException("the encrypted body does not give the original length");
        }
        long length = Long.parseLong(m.group(1));
        int at = second + BOUNDARY.length;
        if (!startsWith(body, OCTET_HEADER, at)) {
            throw new FormatException("the encrypted payload part is not application/octet-stream");
        }
        at += OCTET_HEADER.length;
        int end = body.length - CLOSING.length;
        if (end < at + 4 || !startsWith(body, CLOSING, end)) {
            throw new FormatException("the encrypted body does not end with the closing boundary");
        }
        int sigLength = ByteBuffer.wrap(body, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        at += 4;
        boolean ntlm = session instanceof NtlmSession;
        if (sigLength <= 0 || sigLength > MAX_SIGNATURE || (ntlm && sigLength != NtlmSession.SIGNATURE_LENGTH)
                || at + sigLength > end) {
            throw new FormatException("the encrypted payload has a signature of " + sigLength + " bytes, "
                    + (ntlm ? "not 16" : "which does not fit"));
        }
        byte[] signature = Arrays.copyOfRange(body, at, at + sigLength);
        byte[] sealed = Arrays.copyOfRange(body, at + sigLength, end);
        byte[] plain;
        try {
            plain = session.unwrap(signature, sealed);
        } catch (GeneralSecurityException e) {
            throw new FormatException("the encrypted response was altered or is out of sequence: " + e.getMessage());
        }
        if (plain.length != length) {
            throw new FormatException("the decrypted response is " + plain.length + " bytes but its header says "
                    + length + ": the message was altered");
        }
        return plain;
    }

    private static boolean startsWith(byte[] data, byte[] prefix, int at) {
        return at >= 0 && data.length - at >= prefix.length
                && Arrays.equals(data, at, at + prefix.length, prefix, 0, prefix.length);
    }

    static int indexOf(byte[] data, byte[] needle, int from) {
        outer: for (int i = from; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
