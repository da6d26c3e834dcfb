package org.sstpdoctor.core.tests.inventory;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sstpdoctor.core.inventory.HostNames;

/** Host names: RFC 1123 DNS names, dotted-decimal IPv4, IPv6 literals. */
class HostNamesTest {

    @ParameterizedTest
    @ValueSource(strings = { "vpn.contoso.com", "VPN-01.Contoso.COM", "localhost", "a", "xn--bcher-kva.example",
            "1vpn.example", "203.0.113.7", "0.0.0.0", "255.255.255.255", "2001:db8::1", "::1", "::",
            "fe80::", "2001:0db8:0000:0000:0000:ff00:0042:8329", "::ffff:192.0.2.128", "64:ff9b::192.0.2.33",
            "1:2:3:4:5:6:7::", "1:2:3:4:5:6:1.2.3.4" })
    void accepts(String host) {
        assertNull(HostNames.problem(host), host);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            vpn.contoso.com.                 | ends with a dot
            .contoso.com                     | empty label
            vpn..contoso.com                 | empty label
            -vpn.contoso.com                 | starts with a hyphen
            vpn-.contoso.com                 | ends with a hyphen
            vpn_1.contoso.com                | contains '_'
            vpn.contoso.123                  | top-level label "123" is all digits
            bücher.example                   | xn--
            256.1.1.1                        | 256 is greater than 255
            1.2.3                            | not an IPv4 address
            1.2.3.4.5                        | not an IPv4 address
            01.2.3.4                         | leading zero
            2001:db8::1::1                   | "::" appears twice
            2001:db8:1                       | not 8
            1:2:3:4:5:6:7:8:9                | not 8
            1:2:3:4:5:6:7:8::                | at most 7
            2001:db8::12345                  | not 1-4 hexadecimal digits
            2001:db8:::1                     | "::" appears twice
            :2001:db8::1                     | empty group
            1.2.3.4::                        | embedded IPv4
            fe80::1%eth0                     | zone
            [::1]                            | without brackets
            """)
    void refuses(String host, String reason) {
        String problem = HostNames.problem(host);

        assertNotNull(problem, host);
        assertTrue(problem.contains(reason), host + ": " + problem);
    }

    @ParameterizedTest
    @ValueSource(ints = { 64, 254 })
    void refusesOverlongNamesAndLabels(int length) {
        String host = length == 64 ? "a".repeat(64) + ".example" : ("a".repeat(62) + ".").repeat(4) + "ab";

        assertNotNull(HostNames.problem(host), host);
    }
}
