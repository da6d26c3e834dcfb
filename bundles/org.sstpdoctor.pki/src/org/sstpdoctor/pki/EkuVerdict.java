package org.sstpdoctor.pki;

/** What a certificate's extended key usage means for an SSTP server. */
public enum EkuVerdict {
    /** Server Authentication is listed: fit for SSTP. */
    SERVER_AUTHENTICATION(true),
    /** There is no EKU extension: the certificate is good for any purpose, Server Authentication included. */
    NO_EKU_ANY_PURPOSE(true),
    /** The Any Purpose EKU (2.5.29.37.0) is listed. */
    ANY_PURPOSE(true),
    /**
     * Client Authentication without Server Authentication: KB947031 scenario 2's cause of error
     * 809 (the server does not accept SSTP with such a certificate).
     */
    CLIENT_AUTHENTICATION_ONLY(false),
    /** An EKU extension without Server Authentication, Client Authentication or Any Purpose. */
    NO_SERVER_AUTHENTICATION(false);

    private final boolean serverAuthentication;

    EkuVerdict(boolean serverAuthentication) {
        this.serverAuthentication = serverAuthentication;
    }

    /** Whether the certificate may authenticate a TLS server. */
    public boolean allowsServerAuthentication() {
        return serverAuthentication;
    }
}
