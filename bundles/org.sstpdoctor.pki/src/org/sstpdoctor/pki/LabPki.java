package org.sstpdoctor.pki;

/**
 * Entry to the lab certificate generator, for the practice lab and for tests: a root CA, then
 * intermediates, server certificates, CRLs and OCSP answers from it; or a self-signed server
 * certificate.
 *
 * <pre>
 * CertificateAuthority root = LabPki.rootCa("CN=Lab Root, O=SSTP Doctor Lab").build();
 * CertificateAuthority issuing = root.intermediate("CN=Lab Issuing CA").build();
 * IssuedCertificate server = issuing.issue("vpn.contoso.com").dnsNames("vpn.contoso.com")
 *         .crlDistributionPoints("http://127.0.0.1:8080/issuing.crl").build();
 * X509CRL crl = issuing.crl().revoke(server.certificate(), Instant.now(), RevocationReason.KEY_COMPROMISE).build();
 * </pre>
 */
public final class LabPki {

    private LabPki() {
    }

    /** A builder of a self-signed root CA with {@code subjectDn}. */
    public static AuthorityBuilder rootCa(String subjectDn) {
        return new AuthorityBuilder(null, subjectDn);
    }

    /** A builder of a self-signed end-entity certificate with the subject {@code CN=commonName}. */
    public static CertificateBuilder selfSigned(String commonName) {
        return new CertificateBuilder(null, "CN=" + escape(commonName));
    }

    /** {@code value} escaped for an RFC 2253 attribute value. */
    static String escape(String value) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (",+\"\\<>;=".indexOf(c) >= 0 || (i == 0 && (c == '#' || c == ' '))
                    || (i == value.length() - 1 && c == ' ')) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
