package org.sstpdoctor.kb947031;

import java.util.List;

/**
 * The kinds of the findings the KB947031 checkers report: permanent ids that remediations,
 * markers, reports and filters name. The network checkers of {@code org.sstpdoctor.probe} report
 * what a client meets (the symptom); these report the server-side cause, read from the server's
 * state ({@code org.sstpdoctor.remote.serverState}), so that the two never say the same thing.
 * Each constant says its client error code, its KB947031 scenario and its checker.
 */
public final class KbFindings {

    private KbFindings() {
    }

    private static final String P = "org.sstpdoctor.kb947031.";

    /** Evidence the checker needed could not be read (whole): it cannot tell. INFO, the checker's scenario. */
    public static final String EVIDENCE_INCOMPLETE = P + "evidenceIncomplete";

    // scenario 1, checker org.sstpdoctor.kb947031.noFreePorts

    /** Every SSTP port is in use (or none is configured): 0x800704C9, scenario 1. */
    public static final String SSTP_PORTS_EXHAUSTED = P + "sstpPortsExhausted";
    /** Fewer SSTP ports than the default 128 are configured: INFO, scenario 1. */
    public static final String SSTP_PORTS_LOW = P + "sstpPortsLow";

    // scenario 2, checker org.sstpdoctor.kb947031.error809

    /** Remote access (the VPN role) is not enabled: 809, scenario 2. */
    public static final String REMOTE_ACCESS_NOT_ENABLED = P + "remoteAccessNotEnabled";
    /** The Routing and Remote Access service is stopped: 809, scenario 2. */
    public static final String REMOTE_ACCESS_SERVICE_STOPPED = P + "remoteAccessServiceStopped";
    /** The SSTP service is stopped: 809, scenario 2. */
    public static final String SSTP_SERVICE_STOPPED = P + "sstpServiceStopped";
    /** Nothing listens on the SSTP port although both services run: 809, scenario 2. */
    public static final String NOT_LISTENING = P + "notListening";
    /** No certificate is bound to SSTP's address and port, though the store holds a usable one: 809, scenario 2. */
    public static final String NO_CERTIFICATE_BOUND = P + "noCertificateBound";
    /** The bound certificate was removed from the computer store: 809, scenario 2. */
    public static final String BOUND_CERTIFICATE_MISSING = P + "boundCertificateMissing";
    /** The bound certificate has Client Authentication and no Server Authentication: 809, scenario 2. */
    public static final String BOUND_CERTIFICATE_CLIENT_AUTH_ONLY = P + "boundCertificateClientAuthOnly";

    // scenario 3, checker org.sstpdoctor.kb947031.noServerCertificate

    /** The store holds no certificate with Server Authentication and a private key: 0x80070040, scenario 3. */
    public static final String NO_SERVER_AUTH_CERTIFICATE = P + "noServerAuthCertificate";

    // scenario 4, checker org.sstpdoctor.kb947031.expiredCertificate

    /** The bound certificate has expired and the store holds no newer one: 0x800B0101, scenario 4. */
    public static final String BOUND_CERTIFICATE_EXPIRED = P + "boundCertificateExpired";
    /** The bound certificate has expired while a renewed one sits unbound in the store: 0x800B0101, scenario 4. */
    public static final String RENEWED_CERTIFICATE_NOT_BOUND = P + "renewedCertificateNotBound";

    // scenario 5, checker org.sstpdoctor.kb947031.untrustedRoot

    /** The bound certificate chains to a root the clients do not trust: 0x800B0109, scenario 5. */
    public static final String ROOT_NOT_TRUSTED_BY_CLIENTS = P + "rootNotTrustedByClients";

    // scenario 6, checker org.sstpdoctor.kb947031.nameMismatch

    /** The bound certificate does not name the host the clients use, and no store certificate does: 0x800B010F, scenario 6. */
    public static final String CERTIFICATE_NAME_MISMATCH = P + "certificateNameMismatch";
    /** The bound certificate does not name the host, but another store certificate does: 0x800B010F, scenario 6. */
    public static final String MATCHING_CERTIFICATE_NOT_BOUND = P + "matchingCertificateNotBound";

    // scenario 7, checker org.sstpdoctor.kb947031.revocationOffline

    /** The CRL distribution points of the bound certificate are unreachable from the clients: 0x80092013, scenario 7. */
    public static final String CRL_UNREACHABLE = P + "crlUnreachable";

    // scenario 8, checker org.sstpdoctor.kb947031.noIncomingSstp (no client code)

    /** SSTP's ListenerPort is not the port the clients connect to: scenario 8. */
    public static final String LISTENER_PORT_MISMATCH = P + "listenerPortMismatch";
    /** http.sys binds SSTP's certificate on one of 0.0.0.0 and [::] only: scenario 8. */
    public static final String SSL_BINDING_MISSING = P + "sslBindingMissing";
    /** The http.sys bindings of 0.0.0.0 and [::] hold different certificates: WARNING, scenario 8. */
    public static final String SSL_BINDINGS_DIFFER = P + "sslBindingsDiffer";
    /** Sha256CertificateHash / Sha1CertificateHash are missing, invalid, or not the bound certificate: scenario 8. */
    public static final String REGISTRY_HASH_MISMATCH = P + "registryHashMismatch";
    /** An RRAS packet filter drops TCP to or from SSTP's port: scenario 8. */
    public static final String RRAS_FILTER_BLOCKS_SSTP = P + "rrasFilterBlocksSstp";
    /** No enabled Windows Firewall rule of the "Secure Socket Tunneling Protocol" group lets SSTP in: scenario 8. */
    public static final String FIREWALL_RULE_DISABLED = P + "firewallRuleDisabled";
    /** RasSstp logged events that mean connections fail: WARNING, scenario 8. */
    public static final String RAS_SSTP_ERROR_EVENTS = P + "rasSstpErrorEvents";

    /**
     * The SSTP service logged such events, but the server's present configuration no longer shows
     * their cause (they were fixed since): an INFO note, scenario 8.
     */
    public static final String RAS_SSTP_PAST_EVENTS = P + "rasSstpPastEvents";

    // beyond the KB, checker org.sstpdoctor.kb947031.certificateHealth

    /** The bound certificate expires within the warning window: WARNING, 0x800B0101, scenario 4. */
    public static final String BOUND_CERTIFICATE_EXPIRING_SOON = P + "boundCertificateExpiringSoon";
    /** Windows has no private key for the bound certificate: 0x80070040, scenario 3 (RasSstp event 11). */
    public static final String BOUND_CERTIFICATE_WITHOUT_PRIVATE_KEY = P + "boundCertificateWithoutPrivateKey";

    /** Every kind above. */
    public static final List<String> ALL = List.of(EVIDENCE_INCOMPLETE, SSTP_PORTS_EXHAUSTED, SSTP_PORTS_LOW,
            REMOTE_ACCESS_NOT_ENABLED, REMOTE_ACCESS_SERVICE_STOPPED, SSTP_SERVICE_STOPPED, NOT_LISTENING,
            NO_CERTIFICATE_BOUND, BOUND_CERTIFICATE_MISSING, BOUND_CERTIFICATE_CLIENT_AUTH_ONLY,
            NO_SERVER_AUTH_CERTIFICATE, BOUND_CERTIFICATE_EXPIRED, RENEWED_CERTIFICATE_NOT_BOUND,
            ROOT_NOT_TRUSTED_BY_CLIENTS, CERTIFICATE_NAME_MISMATCH, MATCHING_CERTIFICATE_NOT_BOUND, CRL_UNREACHABLE,
            LISTENER_PORT_MISMATCH, SSL_BINDING_MISSING, SSL_BINDINGS_DIFFER, REGISTRY_HASH_MISMATCH,
            RRAS_FILTER_BLOCKS_SSTP, FIREWALL_RULE_DISABLED, RAS_SSTP_ERROR_EVENTS, RAS_SSTP_PAST_EVENTS, BOUND_CERTIFICATE_EXPIRING_SOON,
            BOUND_CERTIFICATE_WITHOUT_PRIVATE_KEY);
}
