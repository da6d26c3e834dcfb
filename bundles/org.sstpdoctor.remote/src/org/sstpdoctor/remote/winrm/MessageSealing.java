package org.sstpdoctor.remote.winrm;

import java.security.GeneralSecurityException;

/**
 * The security context that seals MS-WSMV encrypted messages (MS-WSMV 2.2.9.1): NTLM session security or a Kerberos
 * GSS context. Not thread-safe: one belongs to one connection.
 */
interface MessageSealing {

    /**
     * The {@code protocol} of the {@code multipart/encrypted} body, e.g.
     * {@code application/HTTP-SPNEGO-session-encrypted}.
     */
    String protocol();

    /** Seals {@code message}: returns the signature (header) and the sealed bytes, as long as the message. */
    byte[][] wrap(byte[] message) throws GeneralSecurityException;

    /**
     * Unseals a message and verifies it.
     *
     * @throws GeneralSecurityException when it does not verify: altered, replayed or out of sequence
     */
    byte[] unwrap(byte[] signature, byte[] sealed) throws GeneralSecurityException;
}
