package org.sstpdoctor.pki;

/**
 * What can be wrong with a certificate chain, each with the CryptoAPI error a Windows client
 * reports when this is the chain's only problem (0 where there is no single one). Which code a
 * client shows for several problems at once is the probe's business.
 */
public enum ChainProblem {
    /** The chain ends in a root the chosen trust store does not hold: 0x800B0109 CERT_E_UNTRUSTEDROOT. */
    UNTRUSTED_ROOT(0x800B0109, "CERT_E_UNTRUSTEDROOT"),
    /** An issuer is missing (not presented, not trusted, not fetched via AIA): 0x800B010A CERT_E_CHAINING. */
    INCOMPLETE_CHAIN(0x800B010A, "CERT_E_CHAINING"),
    /** A certificate of the chain has expired: 0x800B0101 CERT_E_EXPIRED. */
    EXPIRED(0x800B0101, "CERT_E_EXPIRED"),
    /** A certificate of the chain is not valid yet: also 0x800B0101 CERT_E_EXPIRED. */
    NOT_YET_VALID(0x800B0101, "CERT_E_EXPIRED"),
    /** A signature does not verify with its issuer's key: 0x80096004 TRUST_E_CERT_SIGNATURE. */
    BAD_SIGNATURE(0x80096004, "TRUST_E_CERT_SIGNATURE"),
    /** An issuer is not a CA (Basic Constraints): 0x80096019 TRUST_E_BASIC_CONSTRAINTS. */
    NOT_A_CA(0x80096019, "TRUST_E_BASIC_CONSTRAINTS"),
    /** A CA's path length constraint is exceeded: 0x80096019 TRUST_E_BASIC_CONSTRAINTS. */
    PATH_TOO_LONG(0x80096019, "TRUST_E_BASIC_CONSTRAINTS"),
    /** An issuer's Key Usage does not allow certificate signing: 0x800B0110 CERT_E_WRONG_USAGE. */
    INVALID_KEY_USAGE(0x800B0110, "CERT_E_WRONG_USAGE"),
    /** A name violates a CA's name constraints: 0x800B0114 CERT_E_INVALID_NAME. */
    NAME_CONSTRAINTS(0x800B0114, "CERT_E_INVALID_NAME"),
    /** A critical extension is not understood: 0x800B0105 CERT_E_CRITICAL. */
    UNKNOWN_CRITICAL_EXTENSION(0x800B0105, "CERT_E_CRITICAL"),
    /** A signature or key algorithm is refused as too weak (MD5, SHA-1 signatures, short keys). */
    WEAK_ALGORITHM(0, ""),
    /** PKIX validation failed for another reason; the message says which. */
    OTHER(0, "");

    private final int hresult;
    private final String symbol;

    ChainProblem(int hresult, String symbol) {
        this.hresult = hresult;
        this.symbol = symbol;
    }

    /** The CryptoAPI error for this problem alone, 0 when there is no single one. */
    public int hresult() {
        return hresult;
    }

    /** The error's symbolic name, e.g. {@code CERT_E_UNTRUSTEDROOT}, or empty. */
    public String symbol() {
        return symbol;
    }
}
