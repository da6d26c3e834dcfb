package org.sstpdoctor.pki;

import java.util.List;

/**
 * The outcome of matching a host name against a certificate, with the reason.
 *
 * @param matches     whether a Windows SSTP client accepts the certificate for the host
 *                    (otherwise it fails with 0x800B010F CERT_E_CN_NO_MATCH)
 * @param host        the host name as given
 * @param comparedAs  the host as compared (lower case, no trailing dot, A-labels)
 * @param hostKind    DNS name or IP address
 * @param rule        which certificate names were compared
 * @param matchedName the certificate name that matched, or null
 * @param compared    every certificate name that was compared, e.g. {@code DNS:*.contoso.com}
 * @param explanation one sentence for the person
 */
public record NameMatch(boolean matches, String host, String comparedAs, HostKind hostKind, Rule rule,
        String matchedName, List<String> compared, String explanation) {

    public NameMatch {
        compared = List.copyOf(compared);
    }

    /** What the host is. */
    public enum HostKind {
        DNS_NAME, IPV4_ADDRESS, IPV6_ADDRESS;

        public boolean isAddress() {
            return this != DNS_NAME;
        }
    }

    /** Which names of the certificate the host was compared with. */
    public enum Rule {
        /** The DNS names of the Subject Alternative Name (they exist, so the CN is not used). */
        SAN_DNS_NAMES,
        /** The subject CN, because there is no SAN DNS name. */
        SUBJECT_CN,
        /** For an IP address: the SAN IP addresses, and the subject CN when there is no SAN DNS name. */
        SAN_IP_ADDRESSES_AND_CN,
        /** For an IP address: the SAN IP addresses only (the CN is not used: there are SAN DNS names). */
        SAN_IP_ADDRESSES,
        /** The certificate holds no name a host can be compared with. */
        NO_NAMES
    }
}
