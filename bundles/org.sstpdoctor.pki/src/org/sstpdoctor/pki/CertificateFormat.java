package org.sstpdoctor.pki;

/**
 * The encodings {@link CertificateReader} understands, each with the name an administrator knows
 * it by (the Windows certificate export wizard's, where there is one).
 */
public enum CertificateFormat {
    /** Base-64 text with {@code -----BEGIN CERTIFICATE-----} armour (Windows: "Base-64 encoded X.509 (.CER)"). */
    PEM("PEM (Base-64 encoded X.509)"),
    /** One or more binary certificates (Windows: "DER encoded binary X.509 (.CER)"). */
    DER("DER (binary X.509)"),
    /** A certificates-only PKCS#7 SignedData, binary (Windows: "Cryptographic Message Syntax Standard - PKCS #7 (.P7B)"). */
    PKCS7_DER("PKCS#7 (.p7b, binary)"),
    /** A certificates-only PKCS#7 SignedData in {@code -----BEGIN PKCS7-----} armour. */
    PKCS7_PEM("PKCS#7 (.p7b, PEM)"),
    /** A password-protected PKCS#12 file (Windows: "Personal Information Exchange - PKCS #12 (.PFX)"). */
    PKCS12("PKCS#12 (.pfx/.p12)"),
    /** A Java keystore (JKS or JCEKS), e.g. a Java trust store. */
    JAVA_KEYSTORE("Java keystore (JKS/JCEKS)"),
    /** The certificates a TLS server presented in its handshake. */
    TLS_HANDSHAKE("TLS handshake"),
    /** Not recognised as any of the above. */
    UNKNOWN("unknown format");

    private final String displayName;

    CertificateFormat(String displayName) {
        this.displayName = displayName;
    }

    /** The name to show, e.g. {@code PKCS#12 (.pfx/.p12)}. */
    public String displayName() {
        return displayName;
    }
}
