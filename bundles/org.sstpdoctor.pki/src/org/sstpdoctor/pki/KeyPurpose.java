package org.sstpdoctor.pki;

import java.util.Optional;

/**
 * Extended key usages (EKU) by OID, with the names Windows shows. An OID not listed here is kept
 * as its raw dotted form by {@link OidNames#describe(String)}.
 */
public enum KeyPurpose implements NamedOid {
    SERVER_AUTHENTICATION("1.3.6.1.5.5.7.3.1", "Server Authentication"),
    CLIENT_AUTHENTICATION("1.3.6.1.5.5.7.3.2", "Client Authentication"),
    CODE_SIGNING("1.3.6.1.5.5.7.3.3", "Code Signing"),
    SECURE_EMAIL("1.3.6.1.5.5.7.3.4", "Secure Email"),
    IPSEC_END_SYSTEM("1.3.6.1.5.5.7.3.5", "IP security end system"),
    IPSEC_TUNNEL("1.3.6.1.5.5.7.3.6", "IP security tunnel termination"),
    IPSEC_USER("1.3.6.1.5.5.7.3.7", "IP security user"),
    TIME_STAMPING("1.3.6.1.5.5.7.3.8", "Time Stamping"),
    OCSP_SIGNING("1.3.6.1.5.5.7.3.9", "OCSP Signing"),
    IPSEC_IKE_INTERMEDIATE("1.3.6.1.5.5.7.3.17", "IP security IKE intermediate"),
    KDC_AUTHENTICATION("1.3.6.1.5.2.3.5", "KDC Authentication"),
    ANY_PURPOSE("2.5.29.37.0", "Any Purpose"),
    SMART_CARD_LOGON("1.3.6.1.4.1.311.20.2.2", "Smart Card Logon"),
    SERVER_GATED_CRYPTO("1.3.6.1.4.1.311.10.3.3", "Microsoft Server Gated Crypto"),
    ENCRYPTING_FILE_SYSTEM("1.3.6.1.4.1.311.10.3.4", "Encrypting File System"),
    DOCUMENT_SIGNING("1.3.6.1.4.1.311.10.3.12", "Document Signing"),
    REMOTE_DESKTOP_AUTHENTICATION("1.3.6.1.4.1.311.54.1.2", "Remote Desktop Authentication"),
    NETSCAPE_SERVER_GATED_CRYPTO("2.16.840.1.113730.4.1", "Netscape Server Gated Crypto");

    private final String oid;
    private final String friendlyName;

    KeyPurpose(String oid, String friendlyName) {
        this.oid = oid;
        this.friendlyName = friendlyName;
    }

    @Override
    public String oid() {
        return oid;
    }

    /** The name Windows shows, e.g. {@code Server Authentication}. */
    @Override
    public String friendlyName() {
        return friendlyName;
    }

    /** The purpose with {@code oid}, if it is one of these. */
    public static Optional<KeyPurpose> byOid(String oid) {
        return NamedOid.byOid(KeyPurpose.class, oid);
    }
}
