package org.sstpdoctor.probe;

import java.util.List;
import java.util.Objects;

/**
 * One thing a Windows SSTP client would hold against the server's certificate chain, with the
 * error it shows for it and the evidence that tells its possible causes apart.
 *
 * @param kind      what is wrong; the kinds are declared in the order a client checks them
 * @param level     whether a client fails on it, may fail soon, or it is only worth knowing
 * @param code      the client error code for it (a signed 32-bit value), or null for a warning
 *                  that has none yet
 * @param scenario  the KB947031 scenario 1-8 that covers it, or 0
 * @param index     the chain element it concerns (0 = the server's certificate), or -1 for the
 *                  chain as a whole
 * @param cause     the cause, in one or two sentences on one line
 * @param tellApart what tells its possible causes apart: commands to run, settings to read
 */
public record CertificateProblem(Kind kind, Level level, Integer code, int scenario, int index, String cause,
        List<String> tellApart) {

    /** How a problem weighs. */
    public enum Level {
        /** The client fails to connect. */
        ERROR,
        /** The client connects, but will fail soon (a certificate about to expire). */
        WARNING,
        /** Worth knowing; the client connects. */
        INFO
    }

    /**
     * What can be wrong, in the order a Windows client meets it: building the chain and its trust
     * (CertGetCertificateChain), the chain's time validity and key usage, the revocation of its
     * elements (fetched during chain building, before any tunnel exists: KB947031 scenario 7), and
     * last the host name, which the SSL policy compares only once the chain is otherwise accepted.
     * Warnings and notes come after every error.
     */
    public enum Kind {
        /** A signature of the chain does not verify: TRUST_E_CERT_SIGNATURE 0x80096004. */
        BAD_SIGNATURE,
        /** The chain ends in a root the clients do not trust: CERT_E_UNTRUSTEDROOT 0x800B0109, scenario 5. */
        UNTRUSTED_ROOT,
        /** An issuer is missing and could not be fetched: CERT_E_CHAINING 0x800B010A. */
        INCOMPLETE_CHAIN,
        /** Another chain defect (a non-CA issuer, a path length, key usage, name constraints, a weak algorithm). */
        INVALID_CHAIN,
        /** A certificate of the chain has expired: CERT_E_EXPIRED 0x800B0101, scenario 4. */
        EXPIRED,
        /** A certificate of the chain is not valid yet: also CERT_E_EXPIRED 0x800B0101. */
        NOT_YET_VALID,
        /** Client Authentication without Server Authentication: error 809, KB947031 scenario 2. */
        CLIENT_AUTHENTICATION_ONLY,
        /** An EKU without Server Authentication (nor Client Authentication): error 809, scenario 2. */
        NO_SERVER_AUTHENTICATION,
        /** A certificate of the chain is revoked: CRYPT_E_REVOKED 0x80092010. */
        REVOKED,
        /** No revocation source answered: CRYPT_E_REVOCATION_OFFLINE 0x80092013, scenario 7. */
        REVOCATION_OFFLINE,
        /** The only CRL (or OCSP answer) is past its nextUpdate: a client treats it as offline, 0x80092013. */
        CRL_EXPIRED,
        /** The host name the clients use is not in the certificate: CERT_E_CN_NO_MATCH 0x800B010F, scenario 6. */
        NAME_MISMATCH,
        /** A certificate of the chain expires within the warning window. */
        EXPIRING_SOON,
        /** A certificate names no CRL distribution point and no OCSP URL: CRYPT_E_NO_REVOCATION_CHECK 0x80092012. */
        NO_REVOCATION_INFORMATION
    }

    public CertificateProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(cause, "cause");
        if (level == Level.ERROR && code == null) {
            throw new IllegalArgumentException("an error needs the code the client shows: " + kind);
        }
        if (scenario < 0 || scenario > 8) {
            throw new IllegalArgumentException("KB947031 scenarios are 1-8: " + scenario);
        }
        cause = cause.replace('\n', ' ').replace('\r', ' ');
        tellApart = List.copyOf(tellApart);
    }

    /** The prediction a client error means, when this is the first error a client meets. */
    public PredictedError asPrediction() {
        return new PredictedError(code, scenario, cause, tellApart, true);
    }

    /** The code as the catalog shows it, or empty. */
    public String codeText() {
        return PredictedError.codeText(code);
    }

    @Override
    public String toString() {
        return level + " " + kind + (code == null ? "" : " " + codeText()) + ": " + cause;
    }
}
