package org.sstpdoctor.pki.internal;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;

/** Microsoft Certificate Template Information: {@code Template=<oid>, Major Version=100, Minor Version=4}. */
final class TemplateInformationFormatter implements ExtensionFormatter {
    @Override
    public String format(ASN1Primitive value) {
        ASN1Sequence seq = ASN1Sequence.getInstance(value);
        StringBuilder sb = new StringBuilder("Template=")
                .append(ASN1ObjectIdentifier.getInstance(seq.getObjectAt(0)).getId());
        if (seq.size() > 1) {
            sb.append(", Major Version Number=").append(ASN1Integer.getInstance(seq.getObjectAt(1)).getValue());
        }
        if (seq.size() > 2) {
            sb.append(", Minor Version Number=").append(ASN1Integer.getInstance(seq.getObjectAt(2)).getValue());
        }
        return sb.toString();
    }
}
