package org.sstpdoctor.pki;

import java.util.Optional;

/** Certificate extensions by OID, with friendly names; others show as their raw OID. */
public enum ExtensionType implements NamedOid {
    SUBJECT_KEY_IDENTIFIER("2.5.29.14", "Subject Key Identifier"),
    KEY_USAGE("2.5.29.15", "Key Usage"),
    SUBJECT_ALTERNATIVE_NAME("2.5.29.17", "Subject Alternative Name"),
    ISSUER_ALTERNATIVE_NAME("2.5.29.18", "Issuer Alternative Name"),
    BASIC_CONSTRAINTS("2.5.29.19", "Basic Constraints"),
    CRL_NUMBER("2.5.29.20", "CRL Number"),
    NAME_CONSTRAINTS("2.5.29.30", "Name Constraints"),
    CRL_DISTRIBUTION_POINTS("2.5.29.31", "CRL Distribution Points"),
    CERTIFICATE_POLICIES("2.5.29.32", "Certificate Policies"),
    POLICY_MAPPINGS("2.5.29.33", "Policy Mappings"),
    AUTHORITY_KEY_IDENTIFIER("2.5.29.35", "Authority Key Identifier"),
    POLICY_CONSTRAINTS("2.5.29.36", "Policy Constraints"),
    EXTENDED_KEY_USAGE("2.5.29.37", "Enhanced Key Usage"),
    FRESHEST_CRL("2.5.29.46", "Freshest CRL"),
    INHIBIT_ANY_POLICY("2.5.29.54", "Inhibit Any Policy"),
    AUTHORITY_INFORMATION_ACCESS("1.3.6.1.5.5.7.1.1", "Authority Information Access"),
    SUBJECT_INFORMATION_ACCESS("1.3.6.1.5.5.7.1.11", "Subject Information Access"),
    TLS_FEATURE("1.3.6.1.5.5.7.1.24", "TLS Feature (OCSP Must-Staple)"),
    OCSP_NO_CHECK("1.3.6.1.5.5.7.48.1.5", "OCSP No Check"),
    SIGNED_CERTIFICATE_TIMESTAMPS("1.3.6.1.4.1.11129.2.4.2", "Signed Certificate Timestamps"),
    MS_CERTIFICATE_TEMPLATE_NAME("1.3.6.1.4.1.311.20.2", "Certificate Template Name"),
    MS_CA_VERSION("1.3.6.1.4.1.311.21.1", "CA Version"),
    MS_PREVIOUS_CA_HASH("1.3.6.1.4.1.311.21.2", "Previous CA Certificate Hash"),
    MS_CERTIFICATE_TEMPLATE("1.3.6.1.4.1.311.21.7", "Certificate Template Information"),
    MS_APPLICATION_POLICIES("1.3.6.1.4.1.311.21.10", "Application Policies"),
    NETSCAPE_CERT_TYPE("2.16.840.1.113730.1.1", "Netscape Cert Type");

    private final String oid;
    private final String friendlyName;

    ExtensionType(String oid, String friendlyName) {
        this.oid = oid;
        this.friendlyName = friendlyName;
    }

    @Override
    public String oid() {
        return oid;
    }

    /** The name Windows shows, e.g. {@code Enhanced Key Usage}. */
    @Override
    public String friendlyName() {
        return friendlyName;
    }

    public static Optional<ExtensionType> byOid(String oid) {
        return NamedOid.byOid(ExtensionType.class, oid);
    }
}
