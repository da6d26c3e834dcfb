package org.sstpdoctor.pki.internal;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;

/** CRL Number: the number in hex. */
final class CrlNumberFormatter implements ExtensionFormatter {
    @Override
    public String format(ASN1Primitive value) {
        return ASN1Integer.getInstance(value).getValue().toString(16).toUpperCase(java.util.Locale.ROOT);
    }
}
