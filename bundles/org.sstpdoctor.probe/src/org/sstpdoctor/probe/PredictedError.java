package org.sstpdoctor.probe;

import java.util.List;
import java.util.Objects;

/**
 * The error a Windows SSTP client would show when connecting to the probed target, and why.
 *
 * @param code                the client error code (809, 0x800704C9 as a signed int, ...), or null
 *                            when the client would not fail at this stage or the code is not known
 * @param scenario            the KB947031 scenario 1-8 that covers it, or 0
 * @param cause               the cause, in one or two sentences
 * @param tellApart           where one symptom has several causes: the evidence that tells them
 *                            apart (a command to run on the server, a setting to read)
 * @param certificateAssessed whether the presented certificate chain was judged as well; when
 *                            false, a certificate error (expired, untrusted root, name mismatch,
 *                            revocation) may still come first
 */
public record PredictedError(Integer code, int scenario, String cause, List<String> tellApart,
        boolean certificateAssessed) {

    /** 809: the network connection to the VPN server could not be established. */
    public static final int ERROR_809 = 809;
    /** 868: the name of the remote access server did not resolve. */
    public static final int ERROR_868 = 868;
    /** 0x800704C9 (ERROR_CONNECTION_REFUSED): no free SSTP port. */
    public static final int NO_PORTS = 0x800704C9;
    /** 0x80070040 (ERROR_NETNAME_DELETED): the server has no server-authentication certificate to present. */
    public static final int NO_CERTIFICATE = 0x80070040;
    /** 0x80090326 (SEC_E_ILLEGAL_MESSAGE): the TLS handshake failed with an alert. */
    public static final int TLS_ILLEGAL_MESSAGE = 0x80090326;
    /** 0x800B0101 (CERT_E_EXPIRED): a certificate of the chain is outside its validity period. */
    public static final int CERT_EXPIRED = 0x800B0101;
    /** 0x800B0109 (CERT_E_UNTRUSTEDROOT): the chain ends in a root the client does not trust. */
    public static final int UNTRUSTED_ROOT = 0x800B0109;
    /** 0x800B010A (CERT_E_CHAINING): the chain cannot be built to a trusted root. */
    public static final int CHAINING = 0x800B010A;
    /** 0x800B010F (CERT_E_CN_NO_MATCH): the host name is not in the certificate. */
    public static final int CN_NO_MATCH = 0x800B010F;
    /** 0x80092010 (CRYPT_E_REVOKED): a certificate of the chain is revoked. */
    public static final int REVOKED = 0x80092010;
    /** 0x80092012 (CRYPT_E_NO_REVOCATION_CHECK): a certificate has nowhere to check its revocation. */
    public static final int NO_REVOCATION_CHECK = 0x80092012;
    /** 0x80092013 (CRYPT_E_REVOCATION_OFFLINE): the revocation server could not be reached. */
    public static final int REVOCATION_OFFLINE = 0x80092013;

    public PredictedError {
        Objects.requireNonNull(cause, "cause");
        tellApart = List.copyOf(tellApart);
        if (scenario < 0 || scenario > 8) {
            throw new IllegalArgumentException("KB947031 scenarios are 1-8: " + scenario);
        }
    }

    /** This prediction, marked as made with (or without) the certificate's verdict. */
    public PredictedError withCertificateAssessed(boolean assessed) {
        return new PredictedError(code, scenario, cause, tellApart, assessed);
    }

    /** Whether a client error is predicted. */
    public boolean isError() {
        return code != null;
    }

    /** The code as the catalog shows it: {@code 0x800704C9}, or {@code 809} for small codes; empty for none. */
    public String codeText() {
        return codeText(code);
    }

    /** {@code 0x%08X}, or decimal for codes below 0x10000; empty for null. */
    public static String codeText(Integer code) {
        if (code == null) {
            return "";
        }
        int v = code;
        return v >= 0 && v < 0x10000 ? Integer.toString(v) : String.format("0x%08X", v);
    }

    @Override
    public String toString() {
        return (code == null ? "no error" : codeText()) + ": " + cause;
    }
}
