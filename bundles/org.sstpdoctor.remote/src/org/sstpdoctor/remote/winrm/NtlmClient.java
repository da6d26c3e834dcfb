package org.sstpdoctor.remote.winrm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;

import org.bouncycastle.crypto.digests.MD4Digest;

/**
 * The client side of an NTLMv2 handshake (MS-NLMP): NEGOTIATE, then AUTHENTICATE from the server's CHALLENGE, with
 * extended session security, key exchange, 128-bit keys, sealing and a MIC. Gives the {@link NtlmSession} of the
 * established context.
 */
final class NtlmClient {

    static final int UNICODE = 0x00000001;
    static final int REQUEST_TARGET = 0x00000004;
    static final int SIGN = 0x00000010;
    static final int SEAL = 0x00000020;
    static final int NTLM = 0x00000200;
    static final int ALWAYS_SIGN = 0x00008000;
    static final int ESS = 0x00080000;
    static final int TARGET_INFO = 0x00800000;
    static final int VERSION = 0x02000000;
    static final int N128 = 0x20000000;
    static final int KEY_EXCH = 0x40000000;
    static final int N56 = 0x80000000;

    static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);
    static final int REQUIRED = SIGN | SEAL | ESS | N128 | KEY_EXCH;
    private static final int FLAGS = UNICODE | REQUEST_TARGET | SIGN | SEAL | NTLM | ALWAYS_SIGN | ESS | TARGET_INFO
            | VERSION | N128 | KEY_EXCH | N56;
    /** Windows 10.0 build 17763, NTLM revision 15: the version field clients send. */
    private static final byte[] OUR_VERSION = { 10, 0, 0x63, 0x45, 0, 0, 0, 15 };
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String user;
    private final String domain;
    private final char[] password;
    private byte[] negotiate;
    private byte[] exportedSessionKey;

    /** The exception of a malformed or unacceptable CHALLENGE. */
    static final class NtlmException extends Exception {
        private static final long serialVersionUID = 1L;

        NtlmException(String message) {
            super(message);
        }
    }

    /** @param account {@code user}, {@code DOMAIN\\user} or {@code user@domain} (sent as is, with an empty domain) */
    NtlmClient(String account, char[] password) {
        int slash = account.indexOf('\\');
        this.domain = slash < 0 ? "" : account.substring(0, slash);
        this.user = slash < 0 ? account : account.substring(slash + 1);
        this.password = password;
    }

    byte[] negotiate() {
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        b.put(SIGNATURE).putInt(1).putInt(FLAGS);
        b.putShort((short) 0).putShort((short) 0).putInt(40); // domain: none
        b.putShort((short) 0).putShort((short) 0).putInt(40); // workstation: none
        b.put(OUR_VERSION);
        negotiate = b.array();
        return negotiate.clone();
    }

    /**
     * Answers the server's CHALLENGE with an AUTHENTICATE message and derives the session keys.
     *
     * @param channelBindings the MD5 of the TLS channel bindings (MsvAvChannelBindings), or null outside TLS
     */
    byte[] authenticate(byte[] challenge, byte[] channelBindings) throws NtlmException, GeneralSecurityException {
        ByteBuffer c = ByteBuffer.wrap(challenge).order(ByteOrder.LITTLE_ENDIAN);
        if (challenge.length < 48 || !Arrays.equals(Arrays.copyOf(challenge, 8), SIGNATURE) || c.getInt(8) != 2) {
            throw new NtlmException("the server's NTLM challenge is malformed");
        }
        int flags = c.getInt(20);
        if ((flags & REQUIRED) != REQUIRED) {
            throw new NtlmException("the server does not offer NTLM signing and 128-bit sealing with key exchange"
                    + " (flags 0x" + Integer.toHexString(flags) + ")");
        }
        byte[] serverChallenge = Arrays.copyOfRange(challenge, 24, 32);
        byte[] targetInfo = field(challenge, 40);
        byte[] timestamp = avPair(targetInfo, 7);
        if (timestamp == null || timestamp.length != 8) {
            timestamp = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                    .putLong((System.currentTimeMillis() + 11644473600000L) * 10000L).array();
        }
        byte[] clientChallenge = new byte[8];
        RANDOM.nextBytes(clientChallenge);

        byte[] ntowf = NtlmSession.hmacMd5(md4(utf16(password)),
                utf16((user.toUpperCase(Locale.ROOT) + domain).toCharArray()));
        byte[] temp = concat(new byte[] { 1, 1, 0, 0, 0, 0, 0, 0 }, timestamp, clientChallenge, new byte[4],
                withMicFlag(targetInfo, channelBindings), new byte[4]);
        byte[] ntProof = NtlmSession.hmacMd5(ntowf, serverChallenge, temp);
        byte[] ntResponse = concat(ntProof, temp);
        byte[] lmResponse = new byte[24];
        byte[] sessionBaseKey = NtlmSession.hmacMd5(ntowf, ntProof);
        exportedSessionKey = new byte[16];
        RANDOM.nextBytes(exportedSessionKey);
        byte[] encryptedKey = NtlmSession.rc4(sessionBaseKey).update(exportedSessionKey);

        int negotiated = (flags & FLAGS) | UNICODE;
        byte[] domainBytes = utf16(domain.toCharArray());
        byte[] userBytes = utf16(user.toCharArray());
        byte[] workstation = new byte[0];
        int offset = 88;
        ByteBuffer m = ByteBuffer.allocate(offset + lmResponse.length + ntResponse.length + domainBytes.length
                + userBytes.length + encryptedKey.length).order(ByteOrder.LITTLE_ENDIAN);
        m.put(SIGNATURE).putInt(3);
        byte[][] payloads = { lmResponse, ntResponse, domainBytes, userBytes, workstation, encryptedKey };
        int at = offset;
        for (byte[] p : payloads) {
            m.putShort((short) p.length).putShort((short) p.length).putInt(at);
            at += p.length;
        }
        m.putInt(negotiated).put(OUR_VERSION).put(new byte[16]);
        for (byte[] p : payloads) {
            m.put(p);
        }
        byte[] authenticate = m.array();
        byte[] mic = NtlmSession.hmacMd5(exportedSessionKey, negotiate, challenge, authenticate);
        System.arraycopy(mic, 0, authenticate, 72, 16);
        Arrays.fill(ntowf, (byte) 0);
        return authenticate;
    }

    NtlmSession session() throws GeneralSecurityException {
        return new NtlmSession(exportedSessionKey, true);
    }

    static byte[] field(byte[] message, int at) throws NtlmException {
        ByteBuffer b = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        int length = Short.toUnsignedInt(b.getShort(at));
        int offset = b.getInt(at + 4);
        if (offset < 0 || offset > message.length || length > message.length - offset) {
            throw new NtlmException("an NTLM message field lies outside the message");
        }
        return Arrays.copyOfRange(message, offset, offset + length);
    }

    /** The value of AV pair {@code id} in a target information block, or null. */
    static byte[] avPair(byte[] info, int id) throws NtlmException {
        ByteBuffer b = ByteBuffer.wrap(info).order(ByteOrder.LITTLE_ENDIAN);
        while (b.remaining() >= 4) {
            int avId = Short.toUnsignedInt(b.getShort());
            int len = Short.toUnsignedInt(b.getShort());
            if (avId == 0) {
                return null;
            }
            if (len > b.remaining()) {
                throw new NtlmException("the NTLM target information is malformed");
            }
            byte[] v = new byte[len];
            b.get(v);
            if (avId == id) {
                return v;
            }
        }
        return null;
    }

    /**
     * The target information with MsvAvFlags saying a MIC is present and, under TLS, the channel bindings, ending in
     * MsvAvEOL.
     */
    private static byte[] withMicFlag(byte[] info, byte[] channelBindings) throws NtlmException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.wrap(info).order(ByteOrder.LITTLE_ENDIAN);
        boolean flagged = false;
        while (b.remaining() >= 4) {
            int avId = Short.toUnsignedInt(b.getShort());
            int len = Short.toUnsignedInt(b.getShort());
            if (avId == 0) {
                break;
            }
            if (len > b.remaining()) {
                throw new NtlmException("the NTLM target information is malformed");
            }
            byte[] v = new byte[len];
            b.get(v);
            if (avId == 10) {
                continue; // the server's own bindings are never echoed; ours are added below
            }
            if (avId == 6 && len == 4) {
                int f = ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getInt() | 2;
                v = NtlmSession.le32(f);
                flagged = true;
            }
            out.writeBytes(new byte[] { (byte) avId, (byte) (avId >>> 8), (byte) len, (byte) (len >>> 8) });
            out.writeBytes(v);
        }
        if (!flagged) {
            out.writeBytes(new byte[] { 6, 0, 4, 0 });
            out.writeBytes(NtlmSession.le32(2));
        }
        if (channelBindings != null) {
            out.writeBytes(new byte[] { 10, 0, 16, 0 });
            out.writeBytes(channelBindings);
        }
        out.writeBytes(new byte[4]);
        return out.toByteArray();
    }

    /**
     * MsvAvChannelBindings for TLS: the MD5 of a gss_channel_bindings_struct with no addresses and the application data
     * {@code tls-server-end-point:} followed by the hash of the server certificate (RFC 5929: SHA-256 unless its
     * signature uses a stronger hash).
     */
    static byte[] channelBindings(java.security.cert.X509Certificate server) throws GeneralSecurityException {
        byte[] appData = tlsServerEndPoint(server);
        byte[] struct = concat(new byte[16], NtlmSession.le32(appData.length), appData);
        return java.security.MessageDigest.getInstance("MD5").digest(struct);
    }

    /**
     * The application data of the {@code tls-server-end-point} channel binding (RFC 5929): the prefix and the hash of
     * the server's certificate, with its signature's hash, or SHA-256 for MD5 and SHA-1.
     */
    static byte[] tlsServerEndPoint(java.security.cert.X509Certificate server) throws GeneralSecurityException {
        String sig = server.getSigAlgName().toUpperCase(Locale.ROOT);
        String hash = sig.contains("SHA384") ? "SHA-384" : sig.contains("SHA512") ? "SHA-512" : "SHA-256";
        byte[] certHash = java.security.MessageDigest.getInstance(hash).digest(server.getEncoded());
        return concat("tls-server-end-point:".getBytes(StandardCharsets.US_ASCII), certHash);
    }

    static byte[] md4(byte[] data) {
        MD4Digest d = new MD4Digest();
        d.update(data, 0, data.length);
        byte[] out = new byte[16];
        d.doFinal(out, 0);
        return out;
    }

    static byte[] utf16(char[] chars) {
        ByteBuffer b = ByteBuffer.allocate(chars.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (char ch : chars) {
            b.putChar(ch);
        }
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
