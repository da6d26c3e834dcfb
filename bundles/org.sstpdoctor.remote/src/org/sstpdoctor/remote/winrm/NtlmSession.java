package org.sstpdoctor.remote.winrm;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * NTLM session security (MS-NLMP 3.4, extended session security, key exchange, 128-bit): one RC4 stream per direction,
 * made once and never reset, and a sequence number per direction starting at 0. Not thread-safe: one session belongs to
 * one connection.
 */
final class NtlmSession implements MessageSealing {

    static final int SIGNATURE_LENGTH = 16;

    private static final String C2S_SIGN = "session key to client-to-server signing key magic constant\0";
    private static final String C2S_SEAL = "session key to client-to-server sealing key magic constant\0";
    private static final String S2C_SIGN = "session key to server-to-client signing key magic constant\0";
    private static final String S2C_SEAL = "session key to server-to-client sealing key magic constant\0";

    private final byte[] signOut;
    private final byte[] signIn;
    private final Cipher sealOut;
    private final Cipher sealIn;
    private int seqOut;
    private int seqIn;

    /**
     * @param exportedSessionKey the 16-byte exported session key
     * @param client             whether this end is the client (it sends client-to-server)
     */
    NtlmSession(byte[] exportedSessionKey, boolean client) throws GeneralSecurityException {
        byte[] c2sSign = md5(exportedSessionKey, C2S_SIGN);
        byte[] c2sSeal = md5(exportedSessionKey, C2S_SEAL);
        byte[] s2cSign = md5(exportedSessionKey, S2C_SIGN);
        byte[] s2cSeal = md5(exportedSessionKey, S2C_SEAL);
        this.signOut = client ? c2sSign : s2cSign;
        this.signIn = client ? s2cSign : c2sSign;
        this.sealOut = rc4(client ? c2sSeal : s2cSeal);
        this.sealIn = rc4(client ? s2cSeal : c2sSeal);
    }

    private static byte[] md5(byte[] key, String magic) throws GeneralSecurityException {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(key);
        md5.update(magic.getBytes(StandardCharsets.US_ASCII));
        return md5.digest();
    }

    static Cipher rc4(byte[] key) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("RC4");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "RC4"));
        return c;
    }

    static byte[] hmacMd5(byte[] key, byte[]... parts) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacMD5");
        mac.init(new SecretKeySpec(key, "HmacMD5"));
        for (byte[] p : parts) {
            mac.update(p);
        }
        return mac.doFinal();
    }

    static byte[] le32(int v) {
        return new byte[] { (byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24) };
    }

    @Override
    public String protocol() {
        return EncryptedMessage.SPNEGO_PROTOCOL;
    }

    /** Seals {@code message}: returns the 16-byte signature and the sealed bytes, as long as the message. */
    @Override
    public byte[][] wrap(byte[] message) throws GeneralSecurityException {
        byte[] seq = le32(seqOut);
        byte[] sealed = sealOut.update(message);
        byte[] checksum = sealOut.update(Arrays.copyOf(hmacMd5(signOut, seq, message), 8));
        byte[] signature = new byte[SIGNATURE_LENGTH];
        System.arraycopy(le32(1), 0, signature, 0, 4);
        System.arraycopy(checksum, 0, signature, 4, 8);
        System.arraycopy(seq, 0, signature, 12, 4);
        seqOut++;
        return new byte[][] { signature, sealed };
    }

    /**
     * Unseals a message and verifies its signature.
     *
     * @throws GeneralSecurityException when the signature does not match: the message was altered, or the streams are
     *                                  out of step
     */
    @Override
    public byte[] unwrap(byte[] signature, byte[] sealed) throws GeneralSecurityException {
        if (signature.length != SIGNATURE_LENGTH) {
            throw new GeneralSecurityException("the NTLM signature is " + signature.length + " bytes, not 16");
        }
        byte[] seq = le32(seqIn);
        byte[] message = sealIn.update(sealed);
        if (message == null) {
            message = new byte[0];
        }
        byte[] checksum = sealIn.update(Arrays.copyOf(hmacMd5(signIn, seq, message), 8));
        seqIn++;
        boolean ok = MessageDigest.isEqual(Arrays.copyOfRange(signature, 0, 4), le32(1))
                && MessageDigest.isEqual(Arrays.copyOfRange(signature, 4, 12), checksum)
                && MessageDigest.isEqual(Arrays.copyOfRange(signature, 12, 16), seq);
        if (!ok) {
            throw new GeneralSecurityException("the NTLM signature of the message does not verify");
        }
        return message;
    }
}
