package org.sstpdoctor.pki;

/** The reason codes of RFC 5280 CRL entries and OCSP revoked statuses. */
public enum RevocationReason {
    UNSPECIFIED(0, "Unspecified"),
    KEY_COMPROMISE(1, "Key Compromise"),
    CA_COMPROMISE(2, "CA Compromise"),
    AFFILIATION_CHANGED(3, "Affiliation Changed"),
    SUPERSEDED(4, "Superseded"),
    CESSATION_OF_OPERATION(5, "Cessation of Operation"),
    CERTIFICATE_HOLD(6, "Certificate Hold"),
    REMOVE_FROM_CRL(8, "Remove from CRL"),
    PRIVILEGE_WITHDRAWN(9, "Privilege Withdrawn"),
    AA_COMPROMISE(10, "AA Compromise");

    private final int code;
    private final String friendlyName;

    RevocationReason(int code, String friendlyName) {
        this.code = code;
        this.friendlyName = friendlyName;
    }

    /** The RFC 5280 CRLReason value. */
    public int code() {
        return code;
    }

    public String friendlyName() {
        return friendlyName;
    }

    /** The reason with RFC 5280 {@code code}, {@link #UNSPECIFIED} for unknown codes. */
    public static RevocationReason ofCode(int code) {
        for (RevocationReason r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return UNSPECIFIED;
    }
}
