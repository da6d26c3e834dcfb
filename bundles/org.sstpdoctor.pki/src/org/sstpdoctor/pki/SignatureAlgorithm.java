package org.sstpdoctor.pki;

import java.util.Optional;

/** Signature algorithms by OID, with the names Windows shows and whether they are weak. */
public enum SignatureAlgorithm implements NamedOid {
    MD5_RSA("1.2.840.113549.1.1.4", "md5RSA", true),
    SHA1_RSA("1.2.840.113549.1.1.5", "sha1RSA", true),
    RSASSA_PSS("1.2.840.113549.1.1.10", "RSASSA-PSS", false),
    SHA256_RSA("1.2.840.113549.1.1.11", "sha256RSA", false),
    SHA384_RSA("1.2.840.113549.1.1.12", "sha384RSA", false),
    SHA512_RSA("1.2.840.113549.1.1.13", "sha512RSA", false),
    SHA1_ECDSA("1.2.840.10045.4.1", "sha1ECDSA", true),
    SHA256_ECDSA("1.2.840.10045.4.3.2", "sha256ECDSA", false),
    SHA384_ECDSA("1.2.840.10045.4.3.3", "sha384ECDSA", false),
    SHA512_ECDSA("1.2.840.10045.4.3.4", "sha512ECDSA", false),
    ED25519("1.3.101.112", "Ed25519", false),
    ED448("1.3.101.113", "Ed448", false);

    private final String oid;
    private final String friendlyName;
    private final boolean weak;

    SignatureAlgorithm(String oid, String friendlyName, boolean weak) {
        this.oid = oid;
        this.friendlyName = friendlyName;
        this.weak = weak;
    }

    @Override
    public String oid() {
        return oid;
    }

    @Override
    public String friendlyName() {
        return friendlyName;
    }

    /** Whether it rests on MD5 or SHA-1, which current clients refuse for TLS server certificates. */
    public boolean weak() {
        return weak;
    }

    public static Optional<SignatureAlgorithm> byOid(String oid) {
        return NamedOid.byOid(SignatureAlgorithm.class, oid);
    }
}
