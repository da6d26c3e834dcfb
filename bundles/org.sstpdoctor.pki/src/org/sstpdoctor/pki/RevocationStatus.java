package org.sstpdoctor.pki;

/**
 * The revocation verdict for a certificate (or a chain), with the CryptoAPI error a Windows client
 * reports for it.
 */
public enum RevocationStatus {
    /** A source that could be verified says the certificate is not revoked. */
    GOOD(0, ""),
    /** A verified CRL or OCSP response says it is revoked: 0x80092010 CRYPT_E_REVOKED. */
    REVOKED(0x80092010, "CRYPT_E_REVOKED"),
    /**
     * No source gave a usable answer (connection refused, timeout, HTTP error, oversize, unparsable,
     * bad signature): 0x80092013 CRYPT_E_REVOCATION_OFFLINE, KB947031 scenario 7.
     */
    OFFLINE(0x80092013, "CRYPT_E_REVOCATION_OFFLINE"),
    /**
     * The only CRL (or OCSP answer) that could be fetched is past its nextUpdate. Windows does not use
     * an expired CRL: a client treats this as offline, 0x80092013 CRYPT_E_REVOCATION_OFFLINE.
     */
    CRL_EXPIRED(0x80092013, "CRYPT_E_REVOCATION_OFFLINE"),
    /** The certificate has no CRL distribution point and no OCSP URL: 0x80092012 CRYPT_E_NO_REVOCATION_CHECK. */
    NO_CHECK(0x80092012, "CRYPT_E_NO_REVOCATION_CHECK"),
    /**
     * Not checked: a root (clients do not check a root's revocation) or a certificate whose issuer
     * is not known (the chain is incomplete, which the chain result reports).
     */
    NOT_CHECKED(0, "");

    private final int hresult;
    private final String symbol;

    RevocationStatus(int hresult, String symbol) {
        this.hresult = hresult;
        this.symbol = symbol;
    }

    /** The client's error for this verdict, 0 when there is none. */
    public int hresult() {
        return hresult;
    }

    /** The error's symbolic name, or empty. */
    public String symbol() {
        return symbol;
    }

    /** How bad, for the overall verdict of a chain: higher is worse. */
    int severity() {
        return switch (this) {
        case REVOKED -> 5;
        case OFFLINE -> 4;
        case CRL_EXPIRED -> 3;
        case NO_CHECK -> 2;
        case GOOD -> 1;
        case NOT_CHECKED -> 0;
        };
    }
}
