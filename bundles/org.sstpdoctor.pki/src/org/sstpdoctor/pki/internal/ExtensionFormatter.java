package org.sstpdoctor.pki.internal;

import org.bouncycastle.asn1.ASN1Primitive;

/** Turns one kind of extension's value into the text a certificate viewer shows. */
@FunctionalInterface
public interface ExtensionFormatter {

    /**
     * @param value the parsed extnValue
     * @return one line per item, separated by {@code \n}
     * @throws RuntimeException when the value is not of the expected structure (the caller then
     *                          shows it raw)
     */
    String format(ASN1Primitive value);
}
