package org.sstpdoctor.pki;

/** The bits of the X.509 Key Usage extension, in bit order, with the names Windows shows. */
public enum KeyUsageBit {
    DIGITAL_SIGNATURE("Digital Signature"),
    NON_REPUDIATION("Non-Repudiation"),
    KEY_ENCIPHERMENT("Key Encipherment"),
    DATA_ENCIPHERMENT("Data Encipherment"),
    KEY_AGREEMENT("Key Agreement"),
    KEY_CERT_SIGN("Certificate Signing"),
    CRL_SIGN("CRL Signing"),
    ENCIPHER_ONLY("Encipher Only"),
    DECIPHER_ONLY("Decipher Only");

    private final String friendlyName;

    KeyUsageBit(String friendlyName) {
        this.friendlyName = friendlyName;
    }

    public String friendlyName() {
        return friendlyName;
    }

    /** The bit number in the extension's BIT STRING (0 = digitalSignature). */
    public int bit() {
        return ordinal();
    }
}
