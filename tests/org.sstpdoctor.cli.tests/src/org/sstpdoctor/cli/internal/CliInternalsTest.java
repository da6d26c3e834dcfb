package org.sstpdoctor.cli.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The pieces of the command line that need no process: target syntax, escaping, argument handling. */
class CliInternalsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "vpn.contoso.com          | vpn.contoso.com | 443",
        "vpn.contoso.com:8443     | vpn.contoso.com | 8443",
        "10.0.0.1:444             | 10.0.0.1        | 444",
        "[2001:db8::1]:8443       | 2001:db8::1     | 8443",
        "[2001:db8::1]            | 2001:db8::1     | 443",
        "2001:db8::1              | 2001:db8::1     | 443" })
    void readsHostAndPort(String text, String host, int port) {
        assertEquals(new Endpoints.HostPort(host, port), Endpoints.parse(text, 443));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "vpn:0", "vpn:65536", "vpn:https", ":443", "[2001:db8::1", "[2001:db8::1]x" })
    void refusesMalformedTargets(String text) {
        assertThrows(CliException.class, () -> Endpoints.parse(text, 443));
    }

    @Test
    void proxyIsParsedToo() {
        assertEquals(null, Endpoints.target("vpn.contoso.com", null).proxy());
        var t = Endpoints.target("vpn.contoso.com:8443", "proxy.contoso.com:3128");
        assertEquals("vpn.contoso.com", t.host());
        assertEquals(8443, t.port());
        assertEquals("proxy.contoso.com", t.proxy().host());
        assertEquals(3128, t.proxy().port());
        assertThrows(CliException.class, () -> Endpoints.target("vpn.contoso.com", "proxy:x"));
    }

    @Test
    void htmlEscapesEverythingAndDropsControlCharacters() {
        assertEquals("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;",
                HtmlReport.esc("<script>alert(\"x\")</script> & 'y'"));
        assertEquals("a\uFFFDb\nc", HtmlReport.esc("a\u001bb\nc"));
        assertEquals("", HtmlReport.esc(null));
    }

    @Test
    void junitTokensHaveNoLineBreaksAndAreNeverEmpty() {
        assertEquals("emea/paris vpn1", JunitReport.token("  emea/paris\n\tvpn1 "));
        assertEquals("-", JunitReport.token(" \n "));
    }

    @Test
    void secureStorageOptionsAreDroppedWithTheirValues() {
        assertArrayEquals(new String[] { "check", "--format", "json" }, CliApplication.withoutPlatformOptions(
                new String[] { "-eclipse.keyring", "/k", "check", "-eclipse.password", "/p", "--format", "json" }));
    }

    @Test
    void usageErrorsAreStatusTwoAndHelpIsZero() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(2, CliApplication.run(new String[] { "probe" }, new PrintWriter(out), new PrintWriter(err)));
        assertTrue(err.toString().contains("Missing required parameter"), err.toString());
        assertEquals(0, CliApplication.run(new String[] { "--help" }, new PrintWriter(out), new PrintWriter(err)));
        assertTrue(out.toString().contains("check"), out.toString());
        assertEquals(2, CliApplication.run(new String[] { "check", "--tag" }, new PrintWriter(out), new PrintWriter(err)));
    }
}
