package org.sstpdoctor.pki.internal;

import java.util.StringJoiner;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/** CRL Distribution Points: {@code [1] URL=http://crl.contoso.com/ca.crl}, one line per name. */
final class CrlDistributionPointsFormatter implements ExtensionFormatter {
    @Override
    public String format(ASN1Primitive value) {
        StringJoiner j = new StringJoiner("\n");
        int i = 0;
        for (DistributionPoint dp : CRLDistPoint.getInstance(value).getDistributionPoints()) {
            i++;
            DistributionPointName name = dp.getDistributionPoint();
            if (name == null) {
                j.add("[" + i + "] (no name; CRL issuer " + dp.getCRLIssuer() + ")");
            } else if (name.getType() == DistributionPointName.FULL_NAME) {
                for (GeneralName n : GeneralNames.getInstance(name.getName()).getNames()) {
                    j.add("[" + i + "] " + Certificates.describe(n));
                }
            } else {
                j.add("[" + i + "] relative name " + name.getName());
            }
        }
        return j.toString();
    }
}
