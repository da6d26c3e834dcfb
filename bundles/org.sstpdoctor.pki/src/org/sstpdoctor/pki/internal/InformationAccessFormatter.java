package org.sstpdoctor.pki.internal;

import java.util.StringJoiner;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;

/** Authority / Subject Information Access: {@code OCSP: URL=http://...}, one per line. */
final class InformationAccessFormatter implements ExtensionFormatter {
    @Override
    public String format(ASN1Primitive value) {
        StringJoiner j = new StringJoiner("\n");
        for (AccessDescription d : AuthorityInformationAccess.getInstance(value).getAccessDescriptions()) {
            String method = d.getAccessMethod().getId();
            String label = switch (method) {
            case "1.3.6.1.5.5.7.48.1" -> "On-line Certificate Status Protocol";
            case "1.3.6.1.5.5.7.48.2" -> "Certification Authority Issuer";
            case "1.3.6.1.5.5.7.48.5" -> "Certification Authority Repository";
            default -> method;
            };
            j.add(label + ": " + Certificates.describe(d.getAccessLocation()));
        }
        return j.toString();
    }
}
