package org.sstpdoctor.remote.winrm;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.MessageProp;

/**
 * Kerberos message encryption for WinRM over HTTP (MS-WSMV 2.2.9.1.2): GSS wrap tokens (RFC 4121) in the layout
 * Windows uses, the wrap header as the signature and the encrypted data as long as the plaintext. JGSS writes a
 * token with the rotate count RRC=0; Windows expects the encrypted header copy and checksum rotated in front of the
 * data (RRC=28 for AES with HMAC-SHA1), so the bytes after the 16-byte token header are rotated right and RRC is set.
 * JGSS rotates back when it unwraps, so an answer is unwrapped as {@code signature || data}. Not thread-safe.
 */
final class KerberosSession implements MessageSealing {

    /** The token header of RFC 4121 wrap tokens. */
    static final int HEADER = 16;
    /** The confounder of the AES enctypes: one cipher block. */
    static final int CONFOUNDER = 16;

    private final GSSContext context;

    KerberosSession(GSSContext context) {
        this.context = context;
    }

    @Override
    public String protocol() {
        return EncryptedMessage.KERBEROS_PROTOCOL;
    }

    @Override
    public byte[][] wrap(byte[] message) throws GeneralSecurityException {
        byte[] token;
        try {
            token = context.wrap(message, 0, message.length, new MessageProp(0, true));
        } catch (GSSException e) {
            throw new GeneralSecurityException("Kerberos cannot encrypt: " + e.getMessage(), e);
        }
        byte[][] parts = toWinRm(token, message.length);
        if (parts == null) {
            throw new GeneralSecurityException("the Kerberos session key is not AES (RC4-HMAC or DES): WinRM message "
                    + "encryption with it is not supported; use HTTPS");
        }
        return parts;
    }

    /**
     * Splits a JGSS wrap token (RRC=0) of a message of {@code length} bytes into the WinRM signature and data, or
     * returns null when it is not an RFC 4121 token with confidentiality.
     */
    static byte[][] toWinRm(byte[] token, int length) {
        if (token.length < HEADER + CONFOUNDER + length || token[0] != 0x05 || token[1] != 0x04
                || (token[2] & 0x02) == 0 || token[6] != 0 || token[7] != 0) {
            return null;
        }
        int rrc = token.length - HEADER - CONFOUNDER - length; // the encrypted header copy and the checksum
        byte[] out = new byte[token.length];
        System.arraycopy(token, 0, out, 0, HEADER);
        int body = token.length - HEADER;
        // rotate the body right by rrc: its last rrc bytes come first
        System.arraycopy(token, token.length - rrc, out, HEADER, rrc);
        System.arraycopy(token, HEADER, out, HEADER + rrc, body - rrc);
        out[6] = (byte) (rrc >>> 8);
        out[7] = (byte) rrc;
        int signature = token.length - length;
        return new byte[][] { Arrays.copyOf(out, signature), Arrays.copyOfRange(out, signature, out.length) };
    }

    @Override
    public byte[] unwrap(byte[] signature, byte[] sealed) throws GeneralSecurityException {
        byte[] token = new byte[signature.length + sealed.length];
        System.arraycopy(signature, 0, token, 0, signature.length);
        System.arraycopy(sealed, 0, token, signature.length, sealed.length);
        MessageProp prop = new MessageProp(0, true);
        byte[] plain;
        try {
            plain = context.unwrap(token, 0, token.length, prop);
        } catch (GSSException e) {
            throw new GeneralSecurityException("the Kerberos wrap token does not verify: " + e.getMajorString(), e);
        }
        if (!prop.getPrivacy()) {
            throw new GeneralSecurityException("the server's answer was signed but not encrypted");
        }
        if (prop.isDuplicateToken() || prop.isOldToken() || prop.isUnseqToken() || prop.isGapToken()) {
            throw new GeneralSecurityException("the server's answer is replayed or out of sequence");
        }
        return plain;
    }

    /** Ends the security context. */
    void dispose() {
        try {
            context.dispose();
        } catch (GSSException ignored) {
            // nothing more to release
        }
    }
}
