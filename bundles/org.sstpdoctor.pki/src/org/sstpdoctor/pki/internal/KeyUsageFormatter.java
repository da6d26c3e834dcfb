package org.sstpdoctor.pki.internal;

import java.util.StringJoiner;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.sstpdoctor.pki.KeyUsageBit;

/** Key Usage: the names of the bits set, e.g. {@code Digital Signature, Key Encipherment}. */
final class KeyUsageFormatter implements ExtensionFormatter {
    @Override
    public String format(ASN1Primitive value) {
        KeyUsage ku = KeyUsage.getInstance(value);
        StringJoiner j = new StringJoiner(", ");
        for (KeyUsageBit bit : KeyUsageBit.values()) {
            if (Certificates.keyUsageBitSet(ku, bit)) {
                j.add(bit.friendlyName());
            }
        }
        return j.length() == 0 ? "(none)" : j.toString();
    }
}
