package org.sstpdoctor.core.tests.inventory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.ServerConfig;
import org.sstpdoctor.core.inventory.ServerFileException;
import org.sstpdoctor.core.inventory.ServerFileFormat;

/**
 * The server file format round-trips byte for byte, reads what the documentation shows, and
 * refuses what it must without hanging or crashing. The table of corrupt files is in
 * {@link CorruptServerFileTest}.
 */
class ServerFileFormatTest {

    private static final String DOCUMENTED = """
            {
              "format": "sstpdoctor-server",
              "version": 1,
              "host": "vpn.contoso.com",
              "sstpPort": 443,
              "channel": {
                "kind": "ssh",
                "port": 22,
                "user": "admin",
                "options": {}
              },
              "tags": [
                "prod"
              ],
              "notes": "Paris office, second RRAS node",
              "credentialRef": "3f2a9d1c-7b4e-4c6a-9e0f-1d2c3b4a5f60"
            }
            """;

    @Test
    void readsTheDocumentedExampleAndWritesItBackByteForByte() throws Exception {
        ServerConfig config = ServerFileFormat.read(DOCUMENTED.getBytes(StandardCharsets.UTF_8));

        assertEquals(new ServerConfig("vpn.contoso.com", 443,
                new ManagementChannel(ChannelKind.SSH, 22, "admin", Map.of()), List.of("prod"),
                "Paris office, second RRAS node", "3f2a9d1c-7b4e-4c6a-9e0f-1d2c3b4a5f60"), config);
        assertEquals(DOCUMENTED, new String(ServerFileFormat.write(config), StandardCharsets.UTF_8));
    }

    @Test
    void roundTripsEveryField() throws Exception {
        ServerConfig config = new ServerConfig("2001:db8::7", 8443,
                new ManagementChannel(ChannelKind.WINRM, 5986, "CONTOSO\\rras-admin",
                        Map.of("transport", "https", "auth", "negotiate")),
                List.of("prod", "dmz", "été"), "line one\nline \"two\"\ttab </script>",
                "0b8e1c52-2a4f-4d7e-9f31-6c5a4b3d2e10");

        byte[] written = ServerFileFormat.write(config);
        ServerConfig read = ServerFileFormat.read(written);

        assertEquals(config, read);
        assertArrayEquals(written, ServerFileFormat.write(read), "writing is deterministic");
        String text = new String(written, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("}\n"), "ends with a newline");
        assertTrue(text.indexOf("\"auth\"") < text.indexOf("\"transport\""), "options are sorted:\n" + text);
        assertTrue(text.contains("</script>") && text.contains("été"), "no HTML escaping, UTF-8 as is:\n" + text);
    }

    @Test
    void defaultsWhatAMinimalFileLeavesOut() throws Exception {
        ServerConfig config = read("""
                {"format":"sstpdoctor-server","version":1,"host":"203.0.113.7"}""");

        assertEquals(new ServerConfig("203.0.113.7", 443, ManagementChannel.NONE, List.of(), "", ""), config);
    }

    @Test
    void channelPortDefaultsByKind() throws Exception {
        ServerConfig config = read("""
                {"format":"sstpdoctor-server","version":1,"host":"a.example","channel":{"kind":"WinRM"}}""");

        assertEquals(ManagementChannel.of(ChannelKind.WINRM), config.channel());
    }

    @Test
    void toleratesFieldsItDoesNotKnow() throws Exception {
        ServerConfig config = read("""
                {"format":"sstpdoctor-server","version":1,"host":"a.example","addedLater":{"x":[1,2]},
                 "channel":{"kind":"ssh","jumpHost":"bastion.example"}}""");

        assertEquals("a.example", config.host());
        assertEquals(ChannelKind.SSH, config.channel().kind());
    }

    @Test
    void toleratesAByteOrderMark() throws Exception {
        ServerConfig config = read("\uFEFF{\"format\":\"sstpdoctor-server\",\"version\":1,\"host\":\"a.example\"}");

        assertEquals("a.example", config.host());
    }

    @Test
    void refusesAFileOverTheSizeCap() {
        String big = "{\"format\":\"sstpdoctor-server\",\"version\":1,\"host\":\"a.example\",\"notes\":\""
                + "x".repeat(ServerFileFormat.MAX_SIZE) + "\"}";

        ServerFileException e = assertThrows(ServerFileException.class,
                () -> ServerFileFormat.read(new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void refusesBytesThatAreNotUtf8() {
        byte[] latin1 = "{\"format\":\"sstpdoctor-server\",\"version\":1,\"host\":\"a.example\",\"notes\":\"café\"}"
                .getBytes(StandardCharsets.ISO_8859_1);

        ServerFileException e = assertThrows(ServerFileException.class, () -> ServerFileFormat.read(latin1));
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }

    @Test
    void refusesAHugeExponentQuickly() {
        String file = "{\"format\":\"sstpdoctor-server\",\"version\":1,\"host\":\"a.example\",\"sstpPort\":1e999999999}";

        ServerFileException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(ServerFileException.class, () -> read(file)));
        assertTrue(e.getMessage().contains("field \"sstpPort\"") && e.getMessage().contains("out of range"),
                e.getMessage());
    }

    @Test
    void refusesDeepNestingWithoutOverflowingTheStack() {
        String file = "{\"format\":\"sstpdoctor-server\",\"version\":1,\"host\":\"a.example\",\"x\":"
                + "[".repeat(30_000) + "]".repeat(30_000) + "}";

        ServerFileException e = assertThrows(ServerFileException.class, () -> read(file));
        assertTrue(e.getMessage().contains("nested deeper than"), e.getMessage());
    }

    @Test
    void namesTheLineOfTheFieldAtFault() {
        ServerFileException e = assertThrows(ServerFileException.class, () -> read("""
                {
                  "format": "sstpdoctor-server",
                  "version": 1,
                  "host": "vpn.contoso.com",
                  "sstpPort": 70000
                }
                """));

        assertEquals("sstpPort", e.field());
        assertEquals(5, e.line());
    }

    @Test
    void refusesToWriteWhatItCouldNotReadBack() {
        ServerConfig badHost = new ServerConfig("vpn..contoso.com", 443, null, null, null, null);
        ServerConfig sshWithoutPort = new ServerConfig("a.example", 443,
                new ManagementChannel(ChannelKind.SSH, 0, "", Map.of()), null, null, null);
        ServerConfig badTag = new ServerConfig("a.example", 443, null, List.of("a;b"), null, null);
        ServerConfig badRef = new ServerConfig("a.example", 443, null, null, null, "../../other");

        for (ServerConfig config : List.of(badHost, sshWithoutPort, badTag, badRef)) {
            assertThrows(IllegalArgumentException.class, () -> ServerFileFormat.write(config), config.toString());
        }
    }

    @Test
    void findsTheCredentialReferenceOfAFileItCannotRead() {
        byte[] broken = "{\"format\":\"sstpdoctor-server\",\"version\":1,\"sstpPort\":\"x\",\n\"credentialRef\": \"0b8e1c52-2a4f-4d7e-9f31-6c5a4b3d2e10\""
                .getBytes(StandardCharsets.UTF_8);

        assertEquals("0b8e1c52-2a4f-4d7e-9f31-6c5a4b3d2e10", ServerFileFormat.findCredentialRef(broken));
        assertEquals("", ServerFileFormat.findCredentialRef("garbage".getBytes(StandardCharsets.UTF_8)));
    }

    private static ServerConfig read(String text) throws ServerFileException {
        return ServerFileFormat.read(text.getBytes(StandardCharsets.UTF_8));
    }
}
