package org.sstpdoctor.probe.evidence;

/**
 * The kinds of the findings the network checkers report: permanent ids, which remediations,
 * markers, reports and filters name. Each says which checker reports it and with which code.
 */
public final class NetworkFindings {

    private NetworkFindings() {
    }

    private static final String P = "org.sstpdoctor.probe.";

    // reachability (org.sstpdoctor.probe.reachability)

    /** The server's name does not resolve: 868. */
    public static final String NAME_NOT_RESOLVED = P + "nameNotResolved";
    /** Nothing accepts the TCP connection on the SSTP port: 809, scenario 2. */
    public static final String CONNECTION_REFUSED = P + "connectionRefused";
    /** The TCP connection goes unanswered: 809, scenario 2. */
    public static final String CONNECTION_TIMED_OUT = P + "connectionTimedOut";
    /** No route to the server's address: 809, scenario 2. */
    public static final String HOST_UNREACHABLE = P + "hostUnreachable";
    /** The HTTP proxy the clients use requires authentication: no client code (RasSstp event 23). */
    public static final String PROXY_AUTHENTICATION_REQUIRED = P + "proxyAuthenticationRequired";
    /** The HTTP proxy does not open a tunnel to the server: no client code. */
    public static final String PROXY_FAILED = P + "proxyFailed";

    // TLS handshake (org.sstpdoctor.probe.tlsHandshake)

    /** The TLS handshake fails with an alert (no common version or cipher suite): 0x80090326. */
    public static final String TLS_HANDSHAKE_FAILED = P + "tlsHandshakeFailed";
    /** The server ends the handshake without presenting a certificate: 0x80070040, scenario 3. */
    public static final String NO_SERVER_CERTIFICATE = P + "noServerCertificate";
    /** The connection is reset, closed or unanswered during the handshake, after the certificate: 809. */
    public static final String TLS_HANDSHAKE_BROKEN = P + "tlsHandshakeBroken";

    // server certificate (org.sstpdoctor.probe.serverCertificate)

    /** A certificate of the chain has expired: 0x800B0101, scenario 4. */
    public static final String CERTIFICATE_EXPIRED = P + "certificateExpired";
    /** A certificate of the chain is not valid yet: 0x800B0101, scenario 4. */
    public static final String CERTIFICATE_NOT_YET_VALID = P + "certificateNotYetValid";
    /** The chain ends in a root the clients do not trust: 0x800B0109, scenario 5. */
    public static final String CERTIFICATE_UNTRUSTED_ROOT = P + "certificateUntrustedRoot";
    /** An issuer is missing and cannot be downloaded: 0x800B010A. */
    public static final String CERTIFICATE_CHAIN_INCOMPLETE = P + "certificateChainIncomplete";
    /** Another chain defect (a signature, a non-CA issuer, a weak algorithm): its CryptoAPI code is in the message. */
    public static final String CERTIFICATE_CHAIN_INVALID = P + "certificateChainInvalid";
    /** The host name the clients use is not in the certificate: 0x800B010F, scenario 6. */
    public static final String CERTIFICATE_NAME_MISMATCH = P + "certificateNameMismatch";
    /** Client Authentication without Server Authentication: 809, scenario 2. */
    public static final String CERTIFICATE_CLIENT_AUTHENTICATION_ONLY = P + "certificateClientAuthenticationOnly";
    /** An Extended Key Usage without Server Authentication: 809, scenario 2. */
    public static final String CERTIFICATE_WITHOUT_SERVER_AUTHENTICATION = P + "certificateWithoutServerAuthentication";
    /** A certificate of the chain expires within the warning window: a warning, scenario 4. */
    public static final String CERTIFICATE_EXPIRING_SOON = P + "certificateExpiringSoon";

    // revocation (org.sstpdoctor.probe.revocation)

    /** A certificate of the chain is revoked: 0x80092010. */
    public static final String CERTIFICATE_REVOKED = P + "certificateRevoked";
    /** No revocation source answers the clients: 0x80092013, scenario 7. */
    public static final String REVOCATION_OFFLINE = P + "revocationOffline";
    /** The only CRL is past its nextUpdate: 0x80092013, scenario 7. */
    public static final String CRL_EXPIRED = P + "crlExpired";
    /** A certificate names nowhere to check its revocation: 0x80092012, information. */
    public static final String NO_REVOCATION_INFORMATION = P + "noRevocationInformation";

    // SSTP handshake (org.sstpdoctor.probe.sstpHandshake)

    /** The server refuses the SSTP call (Nak, Abort, Disconnect): 0x800704C9, scenario 1. */
    public static final String SSTP_CALL_REFUSED = P + "sstpCallRefused";
    /** Something other than an SSTP listener answers SSTP_DUPLEX_POST (HTTP status not 200): 809, scenario 2. */
    public static final String NOT_AN_SSTP_LISTENER = P + "notAnSstpListener";
    /** The answer breaks HTTP or MS-SSTP: 809, scenario 2. */
    public static final String MALFORMED_SSTP_ANSWER = P + "malformedSstpAnswer";
    /** The server resets, closes or does not answer after the handshake: 809, scenario 2. */
    public static final String SSTP_NOT_ANSWERED = P + "sstpNotAnswered";

    // address families (org.sstpdoctor.probe.addressFamilies)

    /** The addresses of the name (IPv4 and IPv6) present different certificates: a warning. */
    public static final String ADDRESSES_PRESENT_DIFFERENT_CERTIFICATES = P + "addressesPresentDifferentCertificates";
    /** The addresses of the name answer differently (one refuses, one accepts): a warning. */
    public static final String ADDRESSES_ANSWER_DIFFERENTLY = P + "addressesAnswerDifferently";
}
