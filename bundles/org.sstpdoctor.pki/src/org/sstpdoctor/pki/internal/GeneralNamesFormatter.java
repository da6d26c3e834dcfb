package org.sstpdoctor.pki.internal;

import java.util.StringJoiner;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/** Subject / Issuer Alternative Name: one name per line, {@code DNS Name=vpn.contoso.com}. */
final class GeneralNamesFormatter implements ExtensionFormatter {
    @Override
    public String format(ASN1Primitive value) {
        StringJoiner j = new StringJoiner("\n");
        for (GeneralName n : GeneralNames.getInstance(value).getNames()) {
            j.add(Certificates.describe(n));
        }
        return j.toString();
    }
}
