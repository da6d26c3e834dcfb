package org.sstpdoctor.pki.internal;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;

/** Subject Key Identifier: the identifier in hex. */
final class KeyIdentifierFormatter implements ExtensionFormatter {
    @Override
    public String format(ASN1Primitive value) {
        return Hex.upper(ASN1OctetString.getInstance(value).getOctets());
    }
}
