package org.sstpdoctor.kb947031.tests;

import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.sstpdoctor.pki.IssuedCertificate;
import org.sstpdoctor.pki.LabPki;

/** A private key and the chain a test server presents with it, leaf first. */
public record Identity(PrivateKey key, X509Certificate... chain) {

    /** The certificate with its issuers and root: a server that sends its whole chain. */
    public static Identity withRoot(IssuedCertificate issued) {
        return new Identity(issued.privateKey(), issued.chain().toArray(X509Certificate[]::new));
    }

    /** A self-signed server certificate for {@code cn}. */
    public static Identity selfSigned(String cn) {
        IssuedCertificate issued = LabPki.selfSigned(cn).dnsNames(cn).build();
        return new Identity(issued.privateKey(), issued.certificate());
    }

    /** A TLS server context presenting this identity. */
    public SSLContext serverContext() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = "test".toCharArray();
        ks.setKeyEntry("server", key, pw, chain);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }
}
