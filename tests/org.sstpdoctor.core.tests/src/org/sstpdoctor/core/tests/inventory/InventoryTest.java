package org.sstpdoctor.core.tests.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.Inventory;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.inventory.ServerConfig;
import org.sstpdoctor.core.inventory.ServerFileFormat;

/** The inventory's operations on servers and sites, against a real workspace project. */
class InventoryTest {

    @TempDir
    Path temp;

    private InventoryFixture fixture;
    private Inventory inventory;

    @BeforeEach
    void createInventory() throws Exception {
        fixture = InventoryFixture.create(temp);
        inventory = fixture.inventory;
    }

    @AfterEach
    void deleteInventory() throws Exception {
        fixture.close();
    }

    @Test
    void theProductsInventoryIsTheProjectNamedInventory() {
        assertEquals("Inventory", Inventory.PROJECT_NAME);
        assertEquals(Inventory.PROJECT_NAME, Inventory.getDefault().project().getName());
    }

    @Test
    void createsItsProjectWhenMissing() throws Exception {
        assertFalse(fixture.project.exists());

        assertEquals(List.of(), inventory.servers());

        assertTrue(fixture.project.isOpen());
        assertEquals("UTF-8", fixture.project.getDefaultCharset(false), "server files are UTF-8, and the project says so");
    }

    @Test
    void addsServersInNestedSitesAndListsThemSorted() throws Exception {
        Server paris = inventory.add("emea/paris", "vpn1", InventoryFixture.config("vpn1.paris.contoso.com"));
        inventory.add("", "lab", InventoryFixture.config("192.0.2.10"));
        inventory.add("emea", "Berlin", InventoryFixture.config("vpn.berlin.contoso.com"));

        List<Server> servers = inventory.servers();

        assertEquals(List.of("lab", "emea/Berlin", "emea/paris/vpn1"), servers.stream().map(Server::toString).toList());
        Server listed = servers.get(2);
        assertEquals("vpn1", listed.name());
        assertEquals("emea/paris", listed.site());
        assertEquals(paris.config(), listed.config());
        assertEquals("/" + fixture.project.getName() + "/emea/paris/vpn1.server", listed.key());
        assertEquals(List.of("emea", "emea/paris"), inventory.sites());
        assertTrue(ServerFileFormat.isCredentialRef(listed.config().credentialRef()), "a UUID was given");
    }

    @Test
    void addGivesEachServerItsOwnCredentialReference() throws Exception {
        ServerConfig withRef = new ServerConfig("a.example", 443, null, null, null,
                "0b8e1c52-2a4f-4d7e-9f31-6c5a4b3d2e10");

        Server first = inventory.add("", "a", withRef);
        Server second = inventory.add("", "b", withRef);

        assertNotEquals(withRef.credentialRef(), first.config().credentialRef());
        assertNotEquals(first.config().credentialRef(), second.config().credentialRef());
    }

    @Test
    void getsAndFindsAServerByPath() throws Exception {
        Server added = inventory.add("emea", "vpn1", InventoryFixture.config("vpn1.contoso.com"));

        assertEquals(added, inventory.get(added.file().getFullPath()).orElseThrow());
        assertEquals(added, inventory.find("emea", "vpn1").orElseThrow());
        assertTrue(inventory.find("emea", "vpn2").isEmpty());
        assertTrue(inventory.get(IPath.fromPortableString("/elsewhere/emea/vpn1.server")).isEmpty());
        assertTrue(inventory.get(fixture.project.getFullPath().append(".project")).isEmpty());
    }

    @Test
    void findsAServerWrittenOutsideSstpDoctorInANewFolder() throws Exception {
        inventory.servers(); // the project exists and the workspace knows it
        fixture.handEdit("apac/tokyo/vpn1.server", new String(ServerFileFormat.write(
                InventoryFixture.config("vpn1.tokyo.contoso.com"))));

        Server found = inventory.find("apac/tokyo", "vpn1").orElseThrow();

        assertEquals("vpn1.tokyo.contoso.com", found.host());
        assertEquals("apac/tokyo", found.site());
    }

    @Test
    void updateSavesTheNewConfigAndKeepsTheCredentialReference() throws Exception {
        Server server = inventory.add("", "vpn1", InventoryFixture.config("vpn1.contoso.com"));
        ServerConfig changed = new ServerConfig("vpn1.contoso.com", 8443,
                new ManagementChannel(ChannelKind.WINRM, 5986, "rras", Map.of("transport", "https")),
                List.of("prod", "dmz"), "moved the listener", "");

        Server updated = inventory.update(server, changed);

        assertEquals(server.config().credentialRef(), updated.config().credentialRef());
        assertEquals(8443, updated.config().sstpPort());
        Server reread = inventory.find("", "vpn1").orElseThrow();
        assertEquals(updated.config(), reread.config());
        assertEquals(new String(ServerFileFormat.write(updated.config())), InventoryFixture.onDisk(reread.file()));
        assertTrue(reread.file().isSynchronized(0), "the workspace saw the save");
    }

    @Test
    void renameAndMoveKeepTheFileContentAndCredentialReference() throws Exception {
        Server server = inventory.add("emea", "vpn1", InventoryFixture.config("vpn1.contoso.com"));
        String ref = server.config().credentialRef();

        Server renamed = inventory.rename(server, "paris-1");
        Server moved = inventory.move(renamed, "emea/paris");

        assertEquals("paris-1", moved.name());
        assertEquals("emea/paris", moved.site());
        assertEquals(ref, moved.config().credentialRef());
        assertFalse(server.file().exists());
        assertFalse(renamed.file().exists());
        assertEquals(List.of("emea/paris/paris-1"), inventory.servers().stream().map(Server::toString).toList());
    }

    @Test
    void renameMayChangeOnlyTheCase() throws Exception {
        Server server = inventory.add("", "vpn1", InventoryFixture.config("vpn1.contoso.com"));

        Server renamed = inventory.rename(server, "VPN1");

        assertEquals("VPN1", renamed.name());
        assertEquals(List.of("VPN1"), inventory.servers().stream().map(Server::name).toList());
    }

    @Test
    void refusesASecondServerOfTheSameNameInASiteInAnyCase() throws Exception {
        Server server = inventory.add("emea", "vpn1", InventoryFixture.config("vpn1.contoso.com"));
        Server other = inventory.add("emea", "vpn2", InventoryFixture.config("vpn2.contoso.com"));
        inventory.add("", "vpn1", InventoryFixture.config("vpn1.contoso.com")); // another site: fine

        IllegalArgumentException add = assertThrows(IllegalArgumentException.class,
                () -> inventory.add("emea", "VPN1", InventoryFixture.config("a.example")));
        assertEquals("a server named \"vpn1\" already exists in site \"emea\"", add.getMessage());
        IllegalArgumentException rename = assertThrows(IllegalArgumentException.class,
                () -> inventory.rename(other, "vpn1"));
        assertTrue(rename.getMessage().contains("already exists"), rename.getMessage());
        IllegalArgumentException move = assertThrows(IllegalArgumentException.class,
                () -> inventory.move(server, ""));
        assertEquals("a server named \"vpn1\" already exists at the top of the inventory", move.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", ".", "..", ".hidden", "a/b", "a\\b", "con", "vpn:1", " vpn", "vpn.", "a\tb" })
    void refusesInvalidServerNames(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> inventory.add("", name, InventoryFixture.config("a.example")));

        assertTrue(e.getMessage().startsWith("invalid server name: "), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "emea/../x", "emea//paris", "emea\\paris", "./x", "emea/.meta" })
    void refusesInvalidSitePaths(String site) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> inventory.add(site, "vpn1", InventoryFixture.config("a.example")));

        assertTrue(e.getMessage().startsWith("invalid site \"" + site + "\": "), e.getMessage());
    }

    @Test
    void refusesToSaveAConfigItCouldNotReadBack() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> inventory.add("", "bad", InventoryFixture.config("bad_host.example")));

        assertTrue(e.getMessage().contains("bad_host.example"), e.getMessage());
    }

    @Test
    void deleteRemovesTheFile() throws Exception {
        Server server = inventory.add("emea", "vpn1", InventoryFixture.config("vpn1.contoso.com"));

        inventory.delete(server);

        assertFalse(server.file().exists());
        assertEquals(List.of(), inventory.servers());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> inventory.update(server, server.config()));
        assertEquals("server emea/vpn1 no longer exists", e.getMessage());
    }

    @Test
    void createsRenamesAndDeletesSites() throws Exception {
        inventory.createSite("emea/paris");
        assertEquals(List.of("emea", "emea/paris"), inventory.sites());
        assertThrows(IllegalArgumentException.class, () -> inventory.createSite("EMEA/Paris"));

        Server server = inventory.add("emea/paris", "vpn1", InventoryFixture.config("vpn1.contoso.com"));
        assertEquals("emea/lyon", inventory.renameSite("emea/paris", "lyon"));
        assertEquals(List.of("emea/lyon/vpn1"), inventory.servers().stream().map(Server::toString).toList());
        assertEquals(server.config(), inventory.find("emea/lyon", "vpn1").orElseThrow().config());

        IllegalArgumentException notEmpty = assertThrows(IllegalArgumentException.class,
                () -> inventory.deleteSite("emea/lyon"));
        assertEquals("site \"emea/lyon\" is not empty: it holds vpn1.server", notEmpty.getMessage());

        inventory.delete(inventory.find("emea/lyon", "vpn1").orElseThrow());
        inventory.deleteSite("emea/lyon");
        assertEquals(List.of("emea"), inventory.sites());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> inventory.deleteSite("emea/lyon"));
        assertEquals("there is no site \"emea/lyon\"", missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> inventory.deleteSite(""));
    }

    @Test
    void renameSiteRefusesATakenName() throws Exception {
        inventory.createSite("emea/paris");
        inventory.createSite("emea/lyon");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> inventory.renameSite("emea/paris", "Lyon"));

        assertEquals("\"emea/lyon\" already exists", e.getMessage());
    }

    @Test
    void addingIntoASiteOfAnotherCaseUsesTheExistingSite() throws Exception {
        inventory.createSite("EMEA");

        Server server = inventory.add("emea", "vpn1", InventoryFixture.config("vpn1.contoso.com"));

        assertEquals("EMEA", server.site());
        assertEquals(List.of("EMEA"), inventory.sites());
    }

    @Test
    void listingSkipsOtherFilesAndHiddenFolders() throws Exception {
        inventory.add("emea", "vpn1", InventoryFixture.config("vpn1.contoso.com"));
        fixture.handEdit("emea/readme.txt", "not a server");
        fixture.handEdit(".settings/x.server", "{}");
        fixture.handEdit("emea/.server", "{}");

        List<Server> servers = inventory.servers();

        assertEquals(List.of("emea/vpn1"), servers.stream().map(Server::toString).toList());
        IFile hidden = fixture.project.getFile(".settings/x.server");
        assertTrue(hidden.exists(), "a hidden folder is left alone");
    }
}
