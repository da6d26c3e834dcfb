package org.sstpdoctor.remote.commands;

import java.util.Optional;

/**
 * The events of the {@code Microsoft-Windows-RasSstp} source that explain SSTP failures, by event
 * ID. On the server they are in the System log; the last two are written on the client.
 */
public enum RasSstpEvent {
    NO_SERVER_CERTIFICATE(11, true, true,
            "No certificate with Server Authentication and a private key was found for SSTP"),
    IPV4_CERTIFICATE_NOT_CONFIGURED(12, true, true, "SSTP could not configure the certificate for IPv4"),
    IPV6_CERTIFICATE_NOT_CONFIGURED(13, true, true, "SSTP could not configure the certificate for IPv6"),
    SHA256_HASH_INVALID(18, true, true,
            "The Sha256CertificateHash registry value is missing or invalid (it must be REG_BINARY of 32 bytes);"
                    + " SSTP does not accept connections"),
    SHA1_HASH_INVALID(19, true, true,
            "The Sha1CertificateHash registry value is missing or invalid (it must be REG_BINARY of 20 bytes);"
                    + " SSTP does not accept connections"),
    NO_HTTP_CERTIFICATE_HASH(21, true, true, "SSTP found no hash of the certificate bound in HTTP"),
    CANNOT_ACCEPT_CONNECTIONS(22, true, true, "SSTP could not accept connections"),
    IPV4_IPV6_BINDINGS_DIFFER(24, true, false,
            "The certificates bound for IPv4 and IPv6 differ; clients may be served a different certificate"
                    + " by address family"),
    CERTIFICATE_MISSING(25, true, true, "The certificate configured for SSTP is missing from the store"),
    THUMBPRINT_DIFFERS_FROM_BINDING(32, true, true,
            "The certificate thumbprint configured for SSTP differs from the one bound in http.sys"),
    CLIENT_SECURITY_CHECK_FAILED(6, false, true,
            "The client's security check failed (the crypto binding did not match: TLS terminated in front of"
                    + " the server?)"),
    CLIENT_PROXY_AUTHENTICATION_REQUIRED(23, false, true, "The client's web proxy requires authentication");

    /** The provider names of the source (the short one is what older servers and tools write). */
    public static final String PROVIDER = "Microsoft-Windows-RasSstp";

    private final int id;
    private final boolean serverSide;
    private final boolean blocksConnections;
    private final String meaning;

    RasSstpEvent(int id, boolean serverSide, boolean blocksConnections, String meaning) {
        this.id = id;
        this.serverSide = serverSide;
        this.blocksConnections = blocksConnections;
        this.meaning = meaning;
    }

    public int id() {
        return id;
    }

    /** Whether the server writes it (else the client does). */
    public boolean serverSide() {
        return serverSide;
    }

    /** Whether it means connections fail, not only that something is inconsistent. */
    public boolean blocksConnections() {
        return blocksConnections;
    }

    public String meaning() {
        return meaning;
    }

    public static Optional<RasSstpEvent> of(int id) {
        for (RasSstpEvent event : values()) {
            if (event.id == id) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }

    /** Whether a provider name is the RasSstp source ({@code Microsoft-Windows-RasSstp} or {@code RasSstp}). */
    public static boolean isProvider(String provider) {
        return provider.equalsIgnoreCase(PROVIDER) || provider.equalsIgnoreCase("RasSstp");
    }
}
