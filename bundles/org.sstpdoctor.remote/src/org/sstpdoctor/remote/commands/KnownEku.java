package org.sstpdoctor.remote.commands;

import java.util.Optional;

/**
 * Enhanced key usages that matter to an SSTP server, with the names Windows shows. An OID not
 * listed here is shown as itself ({@link #describe(String)}).
 */
public enum KnownEku {
    SERVER_AUTHENTICATION("1.3.6.1.5.5.7.3.1", "Server Authentication"),
    CLIENT_AUTHENTICATION("1.3.6.1.5.5.7.3.2", "Client Authentication"),
    CODE_SIGNING("1.3.6.1.5.5.7.3.3", "Code Signing"),
    SECURE_EMAIL("1.3.6.1.5.5.7.3.4", "Secure Email"),
    TIME_STAMPING("1.3.6.1.5.5.7.3.8", "Time Stamping"),
    OCSP_SIGNING("1.3.6.1.5.5.7.3.9", "OCSP Signing"),
    IP_SECURITY_IKE_INTERMEDIATE("1.3.6.1.5.5.8.2.2", "IP security IKE intermediate"),
    ANY_PURPOSE("2.5.29.37.0", "Any Purpose");

    private final String oid;
    private final String displayName;

    KnownEku(String oid, String displayName) {
        this.oid = oid;
        this.displayName = displayName;
    }

    public String oid() {
        return oid;
    }

    public String displayName() {
        return displayName;
    }

    public static Optional<KnownEku> of(String oid) {
        for (KnownEku eku : values()) {
            if (eku.oid.equals(oid)) {
                return Optional.of(eku);
            }
        }
        return Optional.empty();
    }

    /** {@code Server Authentication (1.3.6.1.5.5.7.3.1)}, or the OID alone when it is not listed. */
    public static String describe(String oid) {
        return of(oid).map(eku -> eku.displayName + " (" + oid + ")").orElse(oid);
    }
}
