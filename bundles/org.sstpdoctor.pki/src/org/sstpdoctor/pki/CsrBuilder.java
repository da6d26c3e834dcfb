package org.sstpdoctor.pki;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.sstpdoctor.pki.internal.CertificateSigner;
import org.sstpdoctor.pki.internal.Certificates;
import org.sstpdoctor.pki.internal.PemBlocks;

/**
 * Makes the PKCS#10 request (CSR) for an SSTP server certificate, for renewal or a first
 * certificate: the subject, the SAN DNS names and IP addresses, the Server Authentication EKU and a
 * key usage fit for TLS, requested in the PKCS#9 extensionRequest attribute, signed with a new key
 * pair (RSA 2048 unless chosen otherwise).
 *
 * <pre>
 * CertificateRequest csr = CsrBuilder.renewalOf(current).build();   // same subject, names, key type
 * csr.write(Path.of("vpn.csr"), Path.of("vpn.key"));                 // the key: protect it
 * </pre>
 */
public final class CsrBuilder {

    private final X500Principal subject;
    private final List<String> dnsNames = new ArrayList<>();
    private final List<String> ipAddresses = new ArrayList<>();
    private KeyType keyType = KeyType.RSA_2048;
    private KeyPair keyPair;

    private CsrBuilder(X500Principal subject) {
        this.subject = subject;
    }

    /** A request for {@code subjectDn}, e.g. {@code CN=vpn.contoso.com, O=Contoso, C=US}. */
    public static CsrBuilder forSubject(String subjectDn) {
        return new CsrBuilder(new X500Principal(subjectDn));
    }

    /**
     * A request to renew {@code current}: the same subject, SAN DNS names and IP addresses, and key
     * type (a new key of it).
     */
    public static CsrBuilder renewalOf(X509Certificate current) {
        CsrBuilder b = new CsrBuilder(current.getSubjectX500Principal());
        b.dnsNames.addAll(Certificates.sanDnsNames(current));
        for (byte[] ip : Certificates.sanIpAddresses(current)) {
            b.ipAddresses.add(Certificates.ipText(ip));
        }
        try {
            b.keyType = KeyType.of(current.getPublicKey());
        } catch (IllegalArgumentException e) {
            b.keyType = KeyType.RSA_2048;
        }
        return b;
    }

    /** SAN DNS names to request (add the VPN connection's host name). */
    public CsrBuilder dnsNames(String... names) {
        for (String n : names) {
            if (!dnsNames.contains(n)) {
                dnsNames.add(n);
            }
        }
        return this;
    }

    /** SAN IP addresses to request (when clients connect by address). */
    public CsrBuilder ipAddresses(String... addresses) {
        for (String a : addresses) {
            if (!ipAddresses.contains(a)) {
                ipAddresses.add(a);
            }
        }
        return this;
    }

    public CsrBuilder keyType(KeyType type) {
        this.keyType = type;
        return this;
    }

    /** Use this key pair instead of a new one. */
    public CsrBuilder keyPair(KeyPair pair) {
        this.keyPair = pair;
        return this;
    }

    public CertificateRequest build() {
        KeyPair pair = CertificateSigner.keyPair(keyPair, keyType);
        try {
            ExtensionsGenerator ext = new ExtensionsGenerator();
            GeneralNames san = CertificateSigner.generalNames(dnsNames, ipAddresses);
            if (san != null) {
                ext.addExtension(Extension.subjectAlternativeName, false, san);
            }
            ext.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            int usage = KeyUsage.digitalSignature
                    | (pair.getPublic().getAlgorithm().equals("RSA") ? KeyUsage.keyEncipherment : 0);
            ext.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(subject, pair.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate())
                    .build(new JcaContentSignerBuilder(KeyType.signatureAlgorithmFor(pair.getPublic()))
                            .build(pair.getPrivate()));
            byte[] der = csr.getEncoded();
            return new CertificateRequest(der, PemBlocks.encode("CERTIFICATE REQUEST", der), subject.toString(),
                    dnsNames, ipAddresses, pair);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the certificate request: " + e.getMessage(), e);
        }
    }

    /** The SAN the request will carry. */
    public List<String> names() {
        List<String> out = new ArrayList<>(dnsNames);
        out.addAll(ipAddresses);
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "CSR for " + subject + " " + Arrays.toString(names().toArray());
    }
}
