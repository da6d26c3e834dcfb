package org.sstpdoctor.core.tests.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.core.inventory.InventoryProblems;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.inventory.ServerFileFormat;

/**
 * One corrupt file among valid ones: it alone is marked, the others are listed as usual, and
 * the marker goes once the file is fixed.
 */
class InventoryProblemMarkerTest {

    @TempDir
    Path temp;

    private InventoryFixture fixture;

    @BeforeEach
    void createInventory() throws Exception {
        fixture = InventoryFixture.create(temp);
        fixture.inventory.add("emea", "vpn1", InventoryFixture.config("vpn1.contoso.com"));
        fixture.inventory.add("emea", "vpn2", InventoryFixture.config("vpn2.contoso.com"));
        fixture.inventory.add("", "lab", InventoryFixture.config("192.0.2.10"));
    }

    @AfterEach
    void deleteInventory() throws Exception {
        fixture.close();
    }

    @Test
    void oneCorruptFileIsMarkedAndTheOthersAreStillListed() throws Exception {
        fixture.handEdit("emea/vpn2.server", """
                {
                  "format": "sstpdoctor-server",
                  "version": 1,
                  "host": "vpn2.contoso.com",
                  "sstpPort": 99999
                }
                """);

        Map<String, Server> servers = byPath(fixture.inventory.servers());

        assertEquals(List.of("emea/vpn1", "emea/vpn2", "lab"), servers.keySet().stream().sorted().toList());
        assertTrue(servers.get("emea/vpn1").isReadable());
        assertTrue(servers.get("lab").isReadable());
        Server broken = servers.get("emea/vpn2");
        assertFalse(broken.isReadable());
        assertEquals("/" + fixture.project.getName()
                + "/emea/vpn2.server: field \"sstpPort\" is 99999: out of range 1-65535", broken.problem());
        assertEquals("vpn2", broken.host(), "an unreadable server still has a name to show");

        IMarker[] all = fixture.project.findMarkers(InventoryProblems.MARKER_TYPE, false, IResource.DEPTH_INFINITE);
        assertEquals(1, all.length, "only the corrupt file is marked");
        IMarker marker = all[0];
        assertEquals(broken.file(), marker.getResource());
        assertEquals(broken.problem(), marker.getAttribute(IMarker.MESSAGE, ""));
        assertEquals(5, marker.getAttribute(IMarker.LINE_NUMBER, -1));
        assertEquals("sstpPort", marker.getAttribute(InventoryProblems.FIELD, ""));
        assertEquals(IMarker.SEVERITY_ERROR, marker.getAttribute(IMarker.SEVERITY, -1));

        fixture.inventory.servers();
        assertEquals(marker.getId(), InventoryProblems.of(broken.file())[0].getId(),
                "listing again keeps the same marker instead of replacing it");
    }

    @Test
    void theMarkerGoesWhenTheFileIsFixed() throws Exception {
        fixture.handEdit("emea/vpn2.server", "{\"format\":\"sstpdoctor-server\",\"version\":1,\"host\":\"vpn2..x\"}");
        Server broken = fixture.inventory.find("emea", "vpn2").orElseThrow();
        assertEquals(1, InventoryProblems.of(broken.file()).length);

        fixture.handEdit("emea/vpn2.server", "{\"format\":\"sstpdoctor-server\",\"version\":1,\"host\":\"vpn2.x\"}");
        Server fixed = byPath(fixture.inventory.servers()).get("emea/vpn2");

        assertTrue(fixed.isReadable());
        assertNull(fixed.problem());
        assertEquals(0, InventoryProblems.of(fixed.file()).length);
    }

    @Test
    void savingOverACorruptFileClearsItsMarker() throws Exception {
        fixture.handEdit("emea/vpn2.server", "]]");
        Server broken = fixture.inventory.find("emea", "vpn2").orElseThrow();
        assertEquals(1, InventoryProblems.of(broken.file()).length);

        Server saved = fixture.inventory.update(broken, InventoryFixture.config("vpn2.contoso.com"));

        assertEquals(0, InventoryProblems.of(saved.file()).length);
        assertTrue(fixture.inventory.find("emea", "vpn2").orElseThrow().isReadable());
    }

    @Test
    void aDeletedFileTakesItsMarkerWithIt() throws Exception {
        fixture.handEdit("emea/vpn2.server", "not json");
        Server broken = fixture.inventory.find("emea", "vpn2").orElseThrow();

        fixture.inventory.delete(broken);

        assertEquals(0, fixture.project.findMarkers(InventoryProblems.MARKER_TYPE, false, IResource.DEPTH_INFINITE)
                .length);
        assertEquals(2, fixture.inventory.servers().size());
    }

    @Test
    void leftoversOfAnInterruptedSaveAreNotServersAndAreDeleted() throws Exception {
        Path leftover = fixture.handEdit("emea/.vpn3.server.tmp-0a1b2c3d4e5f", "{\"format\":\"sstpdoc");
        Path sibling = leftover.resolveSibling(".vpn1.server.tmp-ffeeddccbbaa");
        Files.writeString(sibling, new String(ServerFileFormat.write(InventoryFixture.config("vpn1.contoso.com"))));
        fixture.project.refreshLocal(IResource.DEPTH_INFINITE, null); // the workspace has seen them

        List<Server> servers = fixture.inventory.servers();

        assertEquals(List.of("lab", "emea/vpn1", "emea/vpn2"), servers.stream().map(Server::toString).toList());
        assertFalse(Files.exists(leftover));
        assertFalse(Files.exists(sibling));
        assertFalse(fixture.project.getFile("emea/.vpn3.server.tmp-0a1b2c3d4e5f").exists());
    }

    private static Map<String, Server> byPath(List<Server> servers) throws CoreException {
        return servers.stream().collect(Collectors.toMap(Server::toString, s -> s));
    }
}
