package org.sstpdoctor.probe.tests;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for the test servers, minted with Bouncy Castle: ECDSA P-256 keys, SHA256withECDSA
 * signatures, Server Authentication EKU. A small fixture until the PKI bundle offers lab
 * certificates.
 */
public final class TestCertificates {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A private key and the chain a server presents with it, leaf first. */
    public record Identity(PrivateKey key, X509Certificate... chain) {

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

    private TestCertificates() {
    }

    /**
     * What a server presents with a certificate minted by the lab PKI: the certificate and its
     * intermediates (not the root), as a well-configured server does.
     */
    public static Identity of(org.sstpdoctor.pki.IssuedCertificate issued) {
        return new Identity(issued.privateKey(), issued.presentedChain().toArray(X509Certificate[]::new));
    }

    /** The certificate, its intermediates and its root: a server that sends its whole chain. */
    public static Identity withRoot(org.sstpdoctor.pki.IssuedCertificate issued) {
        return new Identity(issued.privateKey(), issued.chain().toArray(X509Certificate[]::new));
    }

    /** The certificate alone, without its intermediates: a server that does not send them. */
    public static Identity leafOnly(org.sstpdoctor.pki.IssuedCertificate issued) {
        return new Identity(issued.privateKey(), issued.certificate());
    }

    /** A self-signed server certificate for {@code cn}, also naming it as a DNS SAN. */
    public static Identity selfSigned(String cn) throws Exception {
        KeyPair kp = keyPair();
        X500Name name = new X500Name("CN=" + cn);
        X509Certificate cert = sign(server(name, name, kp, cn), kp.getPrivate());
        return new Identity(kp.getPrivate(), cert);
    }

    /** A server certificate for {@code cn} issued by a fresh test CA: the chain is leaf, CA. */
    public static Identity caSigned(String cn) throws Exception {
        KeyPair caKeys = keyPair();
        X500Name caName = new X500Name("CN=SSTP Doctor Test Root CA,O=SSTP Doctor Tests");
        Instant now = Instant.now();
        X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), caName,
                caKeys.getPublic());
        ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate caCert = sign(ca, caKeys.getPrivate());
        KeyPair kp = keyPair();
        X509Certificate leaf = sign(server(caName, new X500Name("CN=" + cn), kp, cn), caKeys.getPrivate());
        return new Identity(kp.getPrivate(), leaf, caCert);
    }

    private static X509v3CertificateBuilder server(X500Name issuer, X500Name subject, KeyPair kp, String dnsName)
            throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, serial(),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(90))), subject,
                kp.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        return b;
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(key)));
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return kpg.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }
}
