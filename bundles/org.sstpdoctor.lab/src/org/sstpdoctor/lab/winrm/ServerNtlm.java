package org.sstpdoctor.lab.winrm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.digests.MD4Digest;

/**
 * The server side of NTLMv2 (MS-NLMP) for the lab's WinRM endpoint, written apart from the product's client:
 * CHALLENGE, the check of AUTHENTICATE (NTProofStr, MIC), and session security seen from the server (it seals
 * server-to-client). Not thread-safe: one per connection, as http.sys keeps the context per connection.
 * The remote bundle's tests use it too, for their own WS-Man test server.
 */
public final class ServerNtlm {

    private static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);
    private static final int UNICODE = 0x1, REQUEST_TARGET = 0x4, NTLM = 0x200, TARGET_TYPE_DOMAIN = 0x10000,
            TARGET_INFO = 0x800000;
    private static final int FROM_CLIENT = 0x10 | 0x20 | 0x8000 | 0x80000 | 0x02000000 | 0x20000000 | 0x40000000
            | 0x80000000;
    static final String DOMAIN = "LAB";

    private final String user;
    private final byte[] ntHash;
    private final byte[] requiredBindings;
    private byte[] negotiate;
    private byte[] challenge;
    private byte[] serverChallenge;

    /** The NT hash (MD4 of the UTF-16LE password) that NTLMv2 keys derive from. */
    public static byte[] ntHash(char[] password) {
        java.nio.ByteBuffer b = StandardCharsets.UTF_16LE.encode(java.nio.CharBuffer.wrap(password));
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        try {
            return md4(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (b.hasArray()) {
                Arrays.fill(b.array(), (byte) 0);
            }
        }
    }

    /**
     * @param ntHash           the user's NT hash
     * @param requiredBindings the channel bindings hash a client must send (CbtHardeningLevel Strict), or null */
    public ServerNtlm(String user, byte[] ntHash, byte[] requiredBindings) {
        this.user = user;
        this.ntHash = ntHash;
        this.requiredBindings = requiredBindings;
    }

    /** MD5 of the gss_channel_bindings_struct for tls-server-end-point of a SHA-256-signed certificate (RFC 5929). */
    public static byte[] tlsServerEndPoint(java.security.cert.X509Certificate leaf) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded());
        byte[] app = concat("tls-server-end-point:".getBytes(StandardCharsets.US_ASCII), hash);
        return MessageDigest.getInstance("MD5").digest(concat(new byte[16], le32(app.length), app));
    }

    /** The value of AV pair {@code id} in the client's NTLMv2 blob (after its 28-byte header), or null. */
    private static byte[] clientAvPair(byte[] blob, int id) {
        ByteBuffer b = ByteBuffer.wrap(blob, 28, blob.length - 28).order(ByteOrder.LITTLE_ENDIAN);
        while (b.remaining() >= 4) {
            int avId = Short.toUnsignedInt(b.getShort());
            int len = Short.toUnsignedInt(b.getShort());
            if (avId == 0 || len > b.remaining()) {
                return null;
            }
            byte[] v = new byte[len];
            b.get(v);
            if (avId == id) {
                return v;
            }
        }
        return null;
    }

    /** The NTLM message type of {@code token}, or -1 when it is no NTLM message. */
    public static int type(byte[] token) {
        if (token.length < 12 || !Arrays.equals(Arrays.copyOf(token, 8), SIGNATURE)) {
            return -1;
        }
        return ByteBuffer.wrap(token).order(ByteOrder.LITTLE_ENDIAN).getInt(8);
    }

    public byte[] challenge(byte[] type1) {
        negotiate = type1.clone();
        int clientFlags = ByteBuffer.wrap(type1).order(ByteOrder.LITTLE_ENDIAN).getInt(12);
        int flags = (clientFlags & FROM_CLIENT) | UNICODE | REQUEST_TARGET | NTLM | TARGET_TYPE_DOMAIN | TARGET_INFO;
        serverChallenge = new byte[8];
        new SecureRandom().nextBytes(serverChallenge);
        byte[] targetName = DOMAIN.getBytes(StandardCharsets.UTF_16LE);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        av(info, 2, DOMAIN.getBytes(StandardCharsets.UTF_16LE));
        av(info, 1, "WINRMLAB".getBytes(StandardCharsets.UTF_16LE));
        av(info, 4, "lab.example".getBytes(StandardCharsets.UTF_16LE));
        av(info, 3, "winrmlab.lab.example".getBytes(StandardCharsets.UTF_16LE));
        av(info, 7, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putLong((System.currentTimeMillis() + 11644473600000L) * 10000L).array());
        av(info, 0, new byte[0]);
        byte[] targetInfo = info.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(56 + targetName.length + targetInfo.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(SIGNATURE).putInt(2);
        b.putShort((short) targetName.length).putShort((short) targetName.length).putInt(56);
        b.putInt(flags).put(serverChallenge).put(new byte[8]);
        b.putShort((short) targetInfo.length).putShort((short) targetInfo.length).putInt(56 + targetName.length);
        b.put(new byte[] { 10, 0, 0x7c, 0x4f, 0, 0, 0, 15 });
        b.put(targetName).put(targetInfo);
        challenge = b.array();
        return challenge.clone();
    }

    private static void av(ByteArrayOutputStream out, int id, byte[] value) {
        out.writeBytes(new byte[] { (byte) id, 0, (byte) value.length, (byte) (value.length >> 8) });
        out.writeBytes(value);
    }

    /** Checks AUTHENTICATE; returns the server's session, or null when the credentials or the MIC do not verify. */
    public Sealing authenticate(byte[] type3) throws GeneralSecurityException {
        if (challenge == null || type(type3) != 3 || type3.length < 88) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(type3).order(ByteOrder.LITTLE_ENDIAN);
        byte[] nt = field(type3, 20);
        String domain = new String(field(type3, 28), StandardCharsets.UTF_16LE);
        String name = new String(field(type3, 36), StandardCharsets.UTF_16LE);
        byte[] encryptedKey = field(type3, 52);
        int flags = b.getInt(60);
        if (!name.equalsIgnoreCase(user) || nt.length < 48) {
            return null;
        }
        byte[] ntowf = hmac(ntHash,
                (name.toUpperCase(Locale.ROOT) + domain).getBytes(StandardCharsets.UTF_16LE));
        byte[] proof = Arrays.copyOf(nt, 16);
        byte[] rest = Arrays.copyOfRange(nt, 16, nt.length);
        if (!MessageDigest.isEqual(proof, hmac(ntowf, concat(serverChallenge, rest)))) {
            return null;
        }
        if (requiredBindings != null && !Arrays.equals(requiredBindings, clientAvPair(rest, 10))) {
            return null; // no or wrong channel bindings: refused as Strict CBT hardening does
        }
        byte[] sessionBaseKey = hmac(ntowf, proof);
        byte[] exported = (flags & 0x40000000) != 0 ? rc4(sessionBaseKey).update(encryptedKey) : sessionBaseKey;
        byte[] mic = Arrays.copyOfRange(type3, 72, 88);
        byte[] zeroed = type3.clone();
        Arrays.fill(zeroed, 72, 88, (byte) 0);
        if (!MessageDigest.isEqual(mic, hmac(exported, concat(negotiate, challenge, zeroed)))) {
            return null;
        }
        return new Sealing(exported);
    }

    private static byte[] field(byte[] m, int at) {
        ByteBuffer b = ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN);
        int len = Short.toUnsignedInt(b.getShort(at));
        int off = b.getInt(at + 4);
        if (off < 0 || off > m.length || len > m.length - off) {
            throw new IllegalArgumentException("NTLM field outside the message");
        }
        return Arrays.copyOfRange(m, off, off + len);
    }

    public static byte[] md4(byte[] data) {
        MD4Digest d = new MD4Digest();
        d.update(data, 0, data.length);
        byte[] out = new byte[16];
        d.doFinal(out, 0);
        return out;
    }

    public static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacMD5");
        mac.init(new SecretKeySpec(key, "HmacMD5"));
        return mac.doFinal(data);
    }

    static Cipher rc4(byte[] key) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("RC4");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "RC4"));
        return c;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    public static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    /** Server-side session security: seals server-to-client, unseals client-to-server. */
    public static final class Sealing {
        private final byte[] signOut;
        private final byte[] signIn;
        private final Cipher out;
        private final Cipher in;
        private int seqOut;
        private int seqIn;

        public Sealing(byte[] exported) throws GeneralSecurityException {
            signOut = key(exported, "server-to-client signing");
            signIn = key(exported, "client-to-server signing");
            out = rc4(key(exported, "server-to-client sealing"));
            in = rc4(key(exported, "client-to-server sealing"));
        }

        private static byte[] key(byte[] exported, String what) throws GeneralSecurityException {
            return MessageDigest.getInstance("MD5").digest(concat(exported,
                    ("session key to " + what + " key magic constant\0").getBytes(StandardCharsets.US_ASCII)));
        }

        /** signature ‖ sealed */
        public byte[] seal(byte[] message) throws GeneralSecurityException {
            byte[] seq = le32(seqOut++);
            byte[] sealed = out.update(message);
            byte[] checksum = out.update(Arrays.copyOf(hmac(signOut, concat(seq, message)), 8));
            return concat(le32(1), checksum, seq, sealed);
        }

        /** The message, or null when the signature does not verify. */
        public byte[] unseal(byte[] signature, byte[] sealed) throws GeneralSecurityException {
            byte[] seq = le32(seqIn++);
            byte[] message = sealed.length == 0 ? new byte[0] : in.update(sealed);
            byte[] checksum = in.update(Arrays.copyOf(hmac(signIn, concat(seq, message)), 8));
            byte[] expected = concat(le32(1), checksum, seq);
            return MessageDigest.isEqual(expected, signature) ? message : null;
        }
    }
}
