package org.sstpdoctor.probe.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sstpdoctor.probe.ProbeTarget;

/** How a target is written: the host as DNS and certificates see it, the Host header, the CONNECT authority. */
class ProbeTargetTest {

    @ParameterizedTest(name = "{0}:{1}")
    @CsvSource(delimiter = '|', textBlock = """
            vpn.example.com    | 443  | vpn.example.com    | vpn.example.com          | vpn.example.com:443        | false
            vpn.example.com    | 8443 | vpn.example.com    | vpn.example.com:8443     | vpn.example.com:8443       | false
            ' VPN.example.com '| 443  | VPN.example.com    | VPN.example.com          | VPN.example.com:443        | false
            192.0.2.10         | 443  | 192.0.2.10         | 192.0.2.10               | 192.0.2.10:443             | true
            [2001:db8::10]     | 443  | 2001:db8::10       | [2001:db8::10]           | [2001:db8::10]:443         | true
            2001:db8::10       | 4433 | 2001:db8::10       | [2001:db8::10]:4433      | [2001:db8::10]:4433        | true
            vpn.bücher.example | 443  | vpn.xn--bcher-kva.example | vpn.xn--bcher-kva.example | vpn.xn--bcher-kva.example:443 | false
            1.2.3              | 443  | 1.2.3              | 1.2.3                    | 1.2.3:443                  | false
            """)
    void hostsAreKeptInTheFormTheWireNeeds(String host, int port, String expectedHost, String hostHeader,
            String authority, boolean address) {
        ProbeTarget t = ProbeTarget.of(host, port);
        assertEquals(expectedHost, t.host());
        assertEquals(hostHeader, t.hostHeader());
        assertEquals(authority, t.authority());
        assertEquals(address, t.hostIsAddress());
    }

    @ParameterizedTest
    @CsvSource({ "''", "vpn.example.com:443", "https://vpn.example.com", "user@vpn.example.com", "vpn example" })
    void whatIsNotAHostIsRefusedAtOnce(String host) {
        assertThrows(IllegalArgumentException.class, () -> ProbeTarget.of(host == null ? "" : host));
    }

    @Test
    void portsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> ProbeTarget.of("vpn.example.com", 0));
        assertThrows(IllegalArgumentException.class, () -> ProbeTarget.of("vpn.example.com", 65536));
        assertThrows(IllegalArgumentException.class, () -> ProbeTarget.of("vpn.example.com").viaProxy("proxy", 0));
        assertEquals("vpn.example.com:443 via proxy proxy.example.com:3128",
                ProbeTarget.of("vpn.example.com").viaProxy("proxy.example.com", 3128).toString());
    }
}
