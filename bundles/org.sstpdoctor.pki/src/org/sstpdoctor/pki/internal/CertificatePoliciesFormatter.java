package org.sstpdoctor.pki.internal;

import java.util.StringJoiner;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.sstpdoctor.pki.OidNames;

/** Certificate Policies (and Microsoft Application Policies): one policy OID per line. */
final class CertificatePoliciesFormatter implements ExtensionFormatter {
    @Override
    public String format(ASN1Primitive value) {
        StringJoiner j = new StringJoiner("\n");
        for (PolicyInformation p : CertificatePolicies.getInstance(value).getPolicyInformation()) {
            String oid = p.getPolicyIdentifier().getId();
            j.add(oid.equals("2.5.29.32.0") ? "All Issuance Policies (2.5.29.32.0)" : OidNames.describe(oid));
        }
        return j.toString();
    }
}
