package org.sstpdoctor.pki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sstpdoctor.pki.CertificateBuilder;
import org.sstpdoctor.pki.HostNameMatcher;
import org.sstpdoctor.pki.NameMatch;
import org.sstpdoctor.pki.NameMatch.HostKind;
import org.sstpdoctor.pki.NameMatch.Rule;

/** Matching the VPN connection's host name the way the Windows SSTP client does (0x800B010F). */
class HostNameMatcherTest {

    private static final Map<String, X509Certificate> MINTED = new ConcurrentHashMap<>();

    /** A certificate with subject CN {@code cn} (none when empty) and SAN entries "DNS:x" / "IP:y", ';'-separated. */
    private static X509Certificate cert(String cn, String san) {
        return MINTED.computeIfAbsent(cn + "|" + san, k -> {
            CertificateBuilder b = TestPki.ISSUING.issue("x");
            b.subject(cn.isEmpty() ? "O=No CN Ltd" : "CN=" + cn + ", O=Contoso");
            if (!san.isEmpty()) {
                for (String entry : san.split(";")) {
                    if (entry.startsWith("DNS:")) {
                        b.dnsNames(entry.substring(4));
                    } else {
                        b.ipAddresses(entry.substring(3));
                    }
                }
            }
            return b.build().certificate();
        });
    }

    @ParameterizedTest(name = "[{index}] {2} against CN={0} SAN={1}: {3}")
    @CsvSource(delimiter = '|', value = {
            // exact names, case, trailing dot
            "vpn.contoso.com | DNS:vpn.contoso.com       | vpn.contoso.com        | true  | SAN_DNS_NAMES",
            "vpn.contoso.com | DNS:vpn.contoso.com       | VPN.Contoso.COM        | true  | SAN_DNS_NAMES",
            "vpn.contoso.com | DNS:vpn.contoso.com       | vpn.contoso.com.       | true  | SAN_DNS_NAMES",
            "vpn.contoso.com | DNS:VPN.contoso.com.      | vpn.contoso.com        | true  | SAN_DNS_NAMES",
            "vpn.contoso.com | DNS:vpn.contoso.com       | vpn2.contoso.com       | false | SAN_DNS_NAMES",
            "vpn.contoso.com | DNS:vpn.contoso.com       | contoso.com            | false | SAN_DNS_NAMES",
            // SAN takes precedence: the CN is ignored when a SAN DNS name exists
            "vpn.contoso.com | DNS:www.contoso.com       | vpn.contoso.com        | false | SAN_DNS_NAMES",
            "vpn.contoso.com | DNS:www.contoso.com;DNS:vpn.contoso.com | vpn.contoso.com | true | SAN_DNS_NAMES",
            // the CN counts only without SAN DNS names
            "vpn.contoso.com |                           | vpn.contoso.com        | true  | SUBJECT_CN",
            "vpn.contoso.com | IP:192.0.2.1              | vpn.contoso.com        | true  | SUBJECT_CN",
            "vpn.contoso.com |                           | www.contoso.com        | false | SUBJECT_CN",
            "*.contoso.com   |                           | vpn.contoso.com        | true  | SUBJECT_CN",
            "                |                           | vpn.contoso.com        | false | NO_NAMES",
            // wildcards: the whole left-most label, one label, at least two labels after it
            "x               | DNS:*.contoso.com         | vpn.contoso.com        | true  | SAN_DNS_NAMES",
            "x               | DNS:*.contoso.com         | VPN.CONTOSO.COM.       | true  | SAN_DNS_NAMES",
            "x               | DNS:*.contoso.com         | a.b.contoso.com        | false | SAN_DNS_NAMES",
            "x               | DNS:*.contoso.com         | contoso.com            | false | SAN_DNS_NAMES",
            "x               | DNS:*.contoso.com         | .contoso.com           | false | NO_NAMES",
            "x               | DNS:vp*.contoso.com       | vpn.contoso.com        | false | SAN_DNS_NAMES",
            "x               | DNS:*pn.contoso.com       | vpn.contoso.com        | false | SAN_DNS_NAMES",
            "x               | DNS:vpn.*.com             | vpn.contoso.com        | false | SAN_DNS_NAMES",
            "x               | DNS:*.*.com               | vpn.contoso.com        | false | SAN_DNS_NAMES",
            "x               | DNS:*.com                 | contoso.com            | false | SAN_DNS_NAMES",
            "x               | DNS:*                     | contoso                | false | SAN_DNS_NAMES",
            // internationalised names, in A-label form as written; a Unicode host is converted
            "x               | DNS:xn--bcher-kva.example | xn--bcher-kva.example  | true  | SAN_DNS_NAMES",
            "x               | DNS:xn--bcher-kva.example | XN--BCHER-KVA.example  | true  | SAN_DNS_NAMES",
            "x               | DNS:xn--bcher-kva.example | bücher.example         | true  | SAN_DNS_NAMES",
            "x               | DNS:*.xn--bcher-kva.example | vpn.xn--bcher-kva.example | true | SAN_DNS_NAMES",
            "x               | DNS:xn--bcher-kva.example | bucher.example         | false | SAN_DNS_NAMES",
            // IP addresses as the host name: SAN IP, or the CN when there is no SAN DNS name (KB947031)
            "x               | IP:192.0.2.10             | 192.0.2.10             | true  | SAN_IP_ADDRESSES_AND_CN",
            "x               | IP:192.0.2.10             | 192.0.2.11             | false | SAN_IP_ADDRESSES_AND_CN",
            "192.0.2.10      |                           | 192.0.2.10             | true  | SAN_IP_ADDRESSES_AND_CN",
            "192.0.2.10      | IP:198.51.100.1           | 192.0.2.10             | true  | SAN_IP_ADDRESSES_AND_CN",
            "192.0.2.10      | DNS:vpn.contoso.com       | 192.0.2.10             | false | SAN_IP_ADDRESSES",
            "x               | DNS:vpn.contoso.com;IP:192.0.2.10 | 192.0.2.10     | true  | SAN_IP_ADDRESSES",
            "x               | DNS:192.0.2.10            | 192.0.2.10             | false | SAN_IP_ADDRESSES",
            "x               | DNS:*.0.2.10              | 192.0.2.10             | false | SAN_IP_ADDRESSES",
            "vpn.contoso.com |                           | 192.0.2.10             | false | SAN_IP_ADDRESSES_AND_CN",
            "x               | IP:2001:db8::10           | 2001:DB8:0:0:0:0:0:10  | true  | SAN_IP_ADDRESSES_AND_CN",
            "x               | IP:2001:db8::10           | [2001:db8::10]         | true  | SAN_IP_ADDRESSES_AND_CN",
            "2001:db8::10    |                           | 2001:db8::10           | true  | SAN_IP_ADDRESSES_AND_CN",
            "x               | IP:192.0.2.10             | vpn.contoso.com        | false | SUBJECT_CN" })
    void matchesLikeTheWindowsClient(String cn, String san, String host, boolean matches, Rule rule) {
        NameMatch m = HostNameMatcher.match(cert(cn == null ? "" : cn, san == null ? "" : san), host);
        assertEquals(matches, m.matches(), m.explanation());
        assertEquals(rule, m.rule(), m.explanation());
        assertEquals(host, m.host());
        assertFalse(m.explanation().isBlank());
        if (matches) {
            assertTrue(m.compared().stream().anyMatch(n -> n.endsWith(m.matchedName())), m.toString());
        } else {
            assertNull(m.matchedName());
        }
    }

    @Test
    void explainsWhyTheCnWasNotUsed() {
        NameMatch m = HostNameMatcher.match(cert("vpn.contoso.com", "DNS:www.contoso.com"), "vpn.contoso.com");
        assertFalse(m.matches());
        assertEquals(List.of("DNS:www.contoso.com"), m.compared());
        assertTrue(m.explanation().contains("would match"), m.explanation());
        assertTrue(m.explanation().contains("ignores the CN"), m.explanation());
    }

    @Test
    void explainsAWildcardMatch() {
        NameMatch m = HostNameMatcher.match(cert("x", "DNS:www.contoso.com;DNS:*.contoso.com"), "vpn.contoso.com");
        assertTrue(m.matches());
        assertEquals("*.contoso.com", m.matchedName());
        assertEquals(List.of("DNS:www.contoso.com", "DNS:*.contoso.com"), m.compared());
        assertTrue(m.explanation().contains("wildcard stands for the one label 'vpn'"), m.explanation());
        assertEquals(HostKind.DNS_NAME, m.hostKind());
    }

    @Test
    void explainsAnIpMismatch() {
        NameMatch m = HostNameMatcher.match(cert("192.0.2.10", "DNS:vpn.contoso.com"), "192.0.2.10");
        assertEquals(HostKind.IPV4_ADDRESS, m.hostKind());
        assertTrue(m.explanation().contains("subject CN is not used"), m.explanation());
        NameMatch cn = HostNameMatcher.match(cert("192.0.2.10", ""), "192.0.2.10");
        assertTrue(cn.explanation().contains("KB947031"), cn.explanation());
        assertEquals(HostKind.IPV6_ADDRESS, HostNameMatcher.match(cert("x", "IP:2001:db8::10"), "2001:db8::10").hostKind());
    }

    @Test
    void refusesNoHostAndReportsInvalidOnes() {
        assertThrows(IllegalArgumentException.class, () -> HostNameMatcher.match(cert("x", ""), " "));
        NameMatch bad = HostNameMatcher.match(cert("x", "DNS:vpn.contoso.com"), "vpn contoso com");
        assertFalse(bad.matches());
        assertTrue(bad.explanation().contains("neither a valid DNS name nor an IP address"), bad.explanation());
    }
}
