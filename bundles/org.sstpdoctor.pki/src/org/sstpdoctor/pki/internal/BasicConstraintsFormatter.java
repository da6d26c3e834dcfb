package org.sstpdoctor.pki.internal;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.BasicConstraints;

/** Basic Constraints, as Windows shows it: {@code Subject Type=CA, Path Length Constraint=None}. */
final class BasicConstraintsFormatter implements ExtensionFormatter {
    @Override
    public String format(ASN1Primitive value) {
        BasicConstraints bc = BasicConstraints.getInstance(value);
        String type = bc.isCA() ? "CA" : "End Entity";
        String path = bc.getPathLenConstraint() == null ? "None" : bc.getPathLenConstraint().toString();
        return "Subject Type=" + type + ", Path Length Constraint=" + path;
    }
}
