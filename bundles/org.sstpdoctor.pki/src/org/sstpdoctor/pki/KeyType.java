package org.sstpdoctor.pki;

import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;

/** The key types SSTP Doctor generates, for lab certificates and renewal requests. */
public enum KeyType {
    RSA_2048("RSA", 2048, null, "SHA256withRSA"),
    RSA_3072("RSA", 3072, null, "SHA256withRSA"),
    EC_P256("EC", 256, "secp256r1", "SHA256withECDSA"),
    EC_P384("EC", 384, "secp384r1", "SHA384withECDSA");

    private final String algorithm;
    private final int bits;
    private final String curve;
    private final String signatureAlgorithm;

    KeyType(String algorithm, int bits, String curve, String signatureAlgorithm) {
        this.algorithm = algorithm;
        this.bits = bits;
        this.curve = curve;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    public String algorithm() {
        return algorithm;
    }

    public int bits() {
        return bits;
    }

    /** The JCA signature algorithm a key of this type signs with. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** A new key pair of this type. */
    public KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (curve != null) {
                g.initialize(new ECGenParameterSpec(curve));
            } else {
                g.initialize(bits);
            }
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("the Java runtime cannot generate " + this + " keys", e);
        }
    }

    /** The JCA signature algorithm for a key like {@code key} (SHA-256 or SHA-384 for P-384). */
    public static String signatureAlgorithmFor(PublicKey key) {
        return of(key).signatureAlgorithm;
    }

    /** The type closest to {@code key}: RSA of 3072 bits or more is RSA_3072, EC P-384 is EC_P384. */
    public static KeyType of(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength() >= 3072 ? RSA_3072 : RSA_2048;
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize() >= 384 ? EC_P384 : EC_P256;
        }
        throw new IllegalArgumentException("unsupported key algorithm: " + key.getAlgorithm());
    }
}
