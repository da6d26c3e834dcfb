package org.sstpdoctor.pki;

/**
 * Friendly names of the OIDs certificates carry (purposes, extensions, signature algorithms,
 * curves), falling back to the raw dotted OID so that unknown values still show.
 */
public final class OidNames {

    private OidNames() {
    }

    /** The friendly name of {@code oid}, or {@code oid} itself when it is not a known one. */
    public static String name(String oid) {
        return KeyPurpose.byOid(oid).map(KeyPurpose::friendlyName)
                .or(() -> ExtensionType.byOid(oid).map(ExtensionType::friendlyName))
                .or(() -> SignatureAlgorithm.byOid(oid).map(SignatureAlgorithm::friendlyName))
                .or(() -> NamedCurve.byOid(oid).map(NamedCurve::friendlyName))
                .orElse(oid);
    }

    /** {@code Server Authentication (1.3.6.1.5.5.7.3.1)}, or the raw OID when it is not a known one. */
    public static String describe(String oid) {
        String name = name(oid);
        return name.equals(oid) ? oid : name + " (" + oid + ")";
    }

    /** Whether {@code oid} has a friendly name here. */
    public static boolean isKnown(String oid) {
        return !name(oid).equals(oid);
    }
}
