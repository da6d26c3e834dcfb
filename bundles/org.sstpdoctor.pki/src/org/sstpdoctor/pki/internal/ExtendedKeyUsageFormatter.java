package org.sstpdoctor.pki.internal;

import java.util.StringJoiner;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.sstpdoctor.pki.OidNames;

/** Enhanced Key Usage: {@code Server Authentication (1.3.6.1.5.5.7.3.1)}, one per line. */
final class ExtendedKeyUsageFormatter implements ExtensionFormatter {
    @Override
    public String format(ASN1Primitive value) {
        StringJoiner j = new StringJoiner("\n");
        for (KeyPurposeId id : ExtendedKeyUsage.getInstance(value).getUsages()) {
            j.add(OidNames.describe(id.getId()));
        }
        return j.toString();
    }
}
