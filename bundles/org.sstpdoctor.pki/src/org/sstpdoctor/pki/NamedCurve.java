package org.sstpdoctor.pki;

import java.util.Optional;

/** Elliptic curves of EC keys, by OID, with the NIST names Windows shows. */
public enum NamedCurve implements NamedOid {
    P256("1.2.840.10045.3.1.7", "P-256", "secp256r1"),
    P384("1.3.132.0.34", "P-384", "secp384r1"),
    P521("1.3.132.0.35", "P-521", "secp521r1"),
    SECP256K1("1.3.132.0.10", "secp256k1", "secp256k1"),
    BRAINPOOL_P256R1("1.3.36.3.3.2.8.1.1.7", "brainpoolP256r1", "brainpoolP256r1"),
    BRAINPOOL_P384R1("1.3.36.3.3.2.8.1.1.11", "brainpoolP384r1", "brainpoolP384r1");

    private final String oid;
    private final String friendlyName;
    private final String secName;

    NamedCurve(String oid, String friendlyName, String secName) {
        this.oid = oid;
        this.friendlyName = friendlyName;
        this.secName = secName;
    }

    @Override
    public String oid() {
        return oid;
    }

    /** The name Windows shows, e.g. {@code P-256}. */
    @Override
    public String friendlyName() {
        return friendlyName;
    }

    /** The SEC 2 name, e.g. {@code secp256r1}. */
    public String secName() {
        return secName;
    }

    public static Optional<NamedCurve> byOid(String oid) {
        return NamedOid.byOid(NamedCurve.class, oid);
    }
}
