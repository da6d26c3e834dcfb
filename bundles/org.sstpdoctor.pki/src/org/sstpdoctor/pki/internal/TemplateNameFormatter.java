package org.sstpdoctor.pki.internal;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;

/** Microsoft Certificate Template Name (a BMPString), e.g. {@code WebServer}. */
final class TemplateNameFormatter implements ExtensionFormatter {
    @Override
    public String format(ASN1Primitive value) {
        if (value instanceof ASN1String s) {
            return s.getString();
        }
        throw new IllegalArgumentException("not a string: " + value);
    }
}
