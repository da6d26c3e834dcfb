package org.sstpdoctor.pki;

import java.io.ByteArrayOutputStream;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.sstpdoctor.pki.internal.Bc;
import org.sstpdoctor.pki.internal.PemBlocks;
import org.sstpdoctor.pki.internal.X509;

/**
 * Writes certificates, CRLs and keys in the formats Windows and OpenSSL read: PEM, DER, PKCS#7
 * (P7B) and PKCS#12 (PFX); private keys as PKCS#8 PEM, plain or encrypted.
 */
public final class CertificateWriter {

    private CertificateWriter() {
    }

    /** PEM {@code CERTIFICATE} blocks, one per certificate, in order. */
    public static String pem(List<X509Certificate> certificates) {
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : certificates) {
            sb.append(PemBlocks.encode("CERTIFICATE", der(c)));
        }
        return sb.toString();
    }

    public static String pem(X509Certificate certificate) {
        return pem(List.of(certificate));
    }

    /** A PEM {@code X509 CRL} block. */
    public static String pem(X509CRL crl) {
        try {
            return PemBlocks.encode("X509 CRL", crl.getEncoded());
        } catch (java.security.cert.CRLException e) {
            throw new IllegalStateException("cannot encode the CRL", e);
        }
    }

    /** The DER encoding. */
    public static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** A certificates-only PKCS#7 SignedData (a .p7b), DER. */
    public static byte[] pkcs7(List<X509Certificate> certificates) {
        try {
            return X509.factory().generateCertPath(certificates).getEncoded("PKCS7");
        } catch (Exception e) {
            throw new IllegalStateException("cannot encode a PKCS#7 bundle", e);
        }
    }

    /** The same PKCS#7 in a {@code PKCS7} PEM block. */
    public static String pkcs7Pem(List<X509Certificate> certificates) {
        return PemBlocks.encode("PKCS7", pkcs7(certificates));
    }

    /**
     * A PKCS#12 (PFX) holding {@code key} with its {@code chain} (leaf first) under {@code alias},
     * protected by {@code password} (an empty password is allowed).
     */
    public static byte[] pkcs12(PrivateKey key, List<X509Certificate> chain, String alias, char[] password) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(alias, key, password, chain.toArray(X509Certificate[]::new));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ks.store(out, password);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write a PKCS#12 file: " + e.getMessage(), e);
        }
    }

    /** A PKCS#12 trust store of certificate entries only, protected by {@code password}. */
    public static byte[] pkcs12TrustStore(List<X509Certificate> certificates, char[] password) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                ks.setCertificateEntry("root" + i, certificates.get(i));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ks.store(out, password);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write a PKCS#12 trust store: " + e.getMessage(), e);
        }
    }

    /** The private key as unencrypted PKCS#8 PEM ({@code PRIVATE KEY}): protect the file it goes to. */
    public static String privateKeyPem(PrivateKey key) {
        return PemBlocks.encode("PRIVATE KEY", key.getEncoded());
    }

    /** The private key as encrypted PKCS#8 PEM ({@code ENCRYPTED PRIVATE KEY}, AES-256-CBC, PBKDF2). */
    public static String encryptedPrivateKeyPem(PrivateKey key, char[] password) {
        try {
            OutputEncryptor enc = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                    .setProvider(Bc.provider()).setPassword(password).setIterationCount(100_000).build();
            byte[] der = new JcaPKCS8Generator(key, enc).generate().getContent();
            return PemBlocks.encode("ENCRYPTED PRIVATE KEY", der);
        } catch (Exception e) {
            throw new IllegalStateException("cannot encrypt the private key: " + e.getMessage(), e);
        }
    }
}
