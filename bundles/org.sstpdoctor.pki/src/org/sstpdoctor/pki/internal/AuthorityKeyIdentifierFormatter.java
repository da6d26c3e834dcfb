package org.sstpdoctor.pki.internal;

import java.util.StringJoiner;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;

/** Authority Key Identifier: {@code KeyID=...}, and issuer and serial when present. */
final class AuthorityKeyIdentifierFormatter implements ExtensionFormatter {
    @Override
    public String format(ASN1Primitive value) {
        AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.getInstance(value);
        StringJoiner j = new StringJoiner("\n");
        if (aki.getKeyIdentifierObject() != null) {
            j.add("KeyID=" + Hex.upper(aki.getKeyIdentifierObject().getOctets()));
        }
        if (aki.getAuthorityCertIssuer() != null) {
            j.add("Certificate Issuer=" + aki.getAuthorityCertIssuer());
        }
        if (aki.getAuthorityCertSerialNumber() != null) {
            j.add("Certificate SerialNumber=" + aki.getAuthorityCertSerialNumber().toString(16));
        }
        return j.toString();
    }
}
