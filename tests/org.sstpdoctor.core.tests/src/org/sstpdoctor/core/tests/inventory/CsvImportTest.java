package org.sstpdoctor.core.tests.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.CsvExport;
import org.sstpdoctor.core.inventory.CsvImport;
import org.sstpdoctor.core.inventory.ImportResult;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.inventory.ServerConfig;

/** CSV import adds the good rows and reports each bad one by line; export reads back the same. */
class CsvImportTest {

    @TempDir
    Path temp;

    private InventoryFixture fixture;

    @BeforeEach
    void createInventory() throws Exception {
        fixture = InventoryFixture.create(temp);
    }

    @AfterEach
    void deleteInventory() throws Exception {
        fixture.close();
    }

    @Test
    void importsGoodRowsAndRejectsEachBadOneWithItsLineAndReason() throws Exception {
        fixture.inventory.add("emea", "vpn9.contoso.com", InventoryFixture.config("vpn9.contoso.com"));
        String csv = "\uFEFFHost,Port,SITE,Channel,owner\r\n"
                + "vpn1.contoso.com,443,emea/paris,ssh,alice\r\n"
                + "203.0.113.7,8443,lab,,\"Smith, \"\"Bob\"\"\"\r\n"
                + "vpn2.contoso.com,99999,emea,ssh,bob\r\n"
                + "bad_host.contoso.com,443,emea,ssh,bob\r\n"
                + "\r\n"
                + "vpn3.contoso.com,443,emea,telnet,bob\r\n"
                + "vpn1.contoso.com,443,emea/paris,winrm,carol\r\n"
                + "vpn9.contoso.com,,emea,,\r\n"
                + "\"vpn4.contoso.com\",,\"emea\",\"WinRM\",\"multi\nline note\"\r\n"
                + "2001:db8::1,443,,none,\r\n"
                + "vpn5.contoso.com,443,emea/../x,ssh,\r\n"
                + "vpn6.contoso.com\"x,443,emea,ssh,\r\n"
                + "vpn7.contoso.com,abc,emea,ssh,\r\n"
                + ",443,emea,ssh,\r\n"
                + "vpn8.contoso.com,443,emea,ssh\r\n";

        ImportResult result = CsvImport.importServers(fixture.inventory, new StringReader(csv));

        assertEquals(List.of(
                "line 4: bad port \"99999\": not a number from 1 to 65535",
                "line 5: bad host \"bad_host.contoso.com\": label \"bad_host\" contains '_' (letters, digits and hyphens only)",
                "line 7: unknown channel \"telnet\" (known: none, ssh, winrm, bundle)",
                "line 8: duplicate: line 2 already adds a server named \"vpn1.contoso.com\" in site \"emea/paris\"",
                "line 9: duplicate: a server named \"vpn9.contoso.com\" already exists in site \"emea\"",
                "line 13: bad site \"emea/../x\": \"..\" is not a name",
                "line 14: malformed CSV: a quote inside unquoted field 1 (quote the whole field and double the quote: \"\")",
                "line 15: bad port \"abc\": not a number from 1 to 65535",
                "line 16: no host"),
                result.rejected().stream().map(ImportResult.Rejected::toString).toList());
        assertEquals(List.of(2, 3, 10, 12, 17), result.added().stream().map(ImportResult.Added::line).toList());

        List<Server> servers = fixture.inventory.servers();
        assertEquals(List.of("2001-db8--1", "emea/vpn4.contoso.com", "emea/vpn8.contoso.com",
                "emea/vpn9.contoso.com", "emea/paris/vpn1.contoso.com", "lab/203.0.113.7"),
                servers.stream().map(Server::toString).toList());
        ServerConfig lab = fixture.inventory.find("lab", "203.0.113.7").orElseThrow().config();
        assertEquals(8443, lab.sstpPort());
        assertEquals(ChannelKind.NONE, lab.channel().kind());
        ServerConfig vpn4 = fixture.inventory.find("emea", "vpn4.contoso.com").orElseThrow().config();
        assertEquals(443, vpn4.sstpPort());
        assertEquals(ChannelKind.WINRM, vpn4.channel().kind());
        assertEquals(5985, vpn4.channel().port());
        assertEquals("2001:db8::1", fixture.inventory.find("", "2001-db8--1").orElseThrow().host());
    }

    @Test
    void importWithoutAHeaderRowImportsNothingAndSaysWhy() throws Exception {
        ImportResult result = CsvImport.importServers(fixture.inventory,
                new StringReader("vpn1.contoso.com,443,emea,ssh\nvpn2.contoso.com,443,emea,ssh\n"));

        assertEquals(List.of(), result.added());
        assertEquals(1, result.rejected().size());
        assertEquals(1, result.rejected().get(0).line());
        assertTrue(result.rejected().get(0).reason().contains("\"host\" column"), result.toString());
        assertEquals(List.of(), fixture.inventory.servers());
    }

    @Test
    void anUnclosedQuoteRejectsTheRestOfTheFileAfterTheGoodRows() throws Exception {
        ImportResult result = CsvImport.importServers(fixture.inventory,
                new StringReader("host,site\nvpn1.contoso.com,emea\n\"vpn2.contoso.com,emea\nvpn3.contoso.com,emea\n"));

        assertEquals(1, result.added().size());
        assertEquals(List.of("line 3: malformed CSV: the quote opened on line 3 is never closed"),
                result.rejected().stream().map(ImportResult.Rejected::toString).toList());
    }

    @Test
    void exportThenImportGivesTheSameServers() throws Exception {
        fixture.inventory.add("emea/paris", "vpn1", new ServerConfig("vpn1.contoso.com", 443,
                InventoryFixture.config("x.example").channel(), List.of("prod", "tier 1"), "secret notes", ""));
        fixture.inventory.add("", "edge, north", new ServerConfig("192.0.2.1", 8443, null, null, null, null));
        fixture.handEdit("broken.server", "{");
        StringWriter out = new StringWriter();

        int written = CsvExport.write(fixture.inventory.servers(), out);

        assertEquals(2, written, "the unreadable server is left out");
        assertEquals("host,port,site,channel,name,tags\r\n"
                + "192.0.2.1,8443,,none,\"edge, north\",\r\n"
                + "vpn1.contoso.com,443,emea/paris,ssh,vpn1,prod;tier 1\r\n", out.toString());

        try (InventoryFixture other = InventoryFixture.create(temp.resolve("other"))) {
            ImportResult result = CsvImport.importServers(other.inventory, new StringReader(out.toString()));
            assertTrue(result.isComplete(), result.toString());
            List<Server> imported = other.inventory.servers();
            assertEquals(List.of("edge, north", "emea/paris/vpn1"), imported.stream().map(Server::toString).toList());
            assertEquals(List.of("prod", "tier 1"), imported.get(1).config().tags());
            assertEquals("", imported.get(1).config().notes(), "notes are not exported");
        }
    }
}
