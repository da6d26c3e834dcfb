package org.sstpdoctor.pki.internal;

import java.io.ByteArrayInputStream;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

/** The JDK's X.509 factory: certificates that PKIX and TLS code of the JDK accept as their own. */
public final class X509 {

    private X509() {
    }

    public static CertificateFactory factory() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the Java runtime has no X.509 certificate factory", e);
        }
    }

    /** Exactly one DER certificate. */
    public static X509Certificate certificate(byte[] der) throws CertificateException {
        return (X509Certificate) factory().generateCertificate(new ByteArrayInputStream(der));
    }

    /** Exactly one DER CRL. */
    public static X509CRL crl(byte[] der) throws CRLException {
        return (X509CRL) factory().generateCRL(new ByteArrayInputStream(der));
    }

    /** A JDK copy of a certificate made by another provider. */
    public static X509Certificate normalize(X509Certificate c) throws CertificateException {
        return certificate(c.getEncoded());
    }

    /** Whether two certificates have the same encoding. */
    public static boolean same(X509Certificate a, X509Certificate b) {
        try {
            return a == b || java.util.Arrays.equals(a.getEncoded(), b.getEncoded());
        } catch (CertificateException e) {
            return false;
        }
    }

    /** Whether {@code list} holds a certificate with the encoding of {@code c}. */
    public static boolean contains(List<X509Certificate> list, X509Certificate c) {
        for (X509Certificate x : list) {
            if (same(x, c)) {
                return true;
            }
        }
        return false;
    }
}
