package org.sstpdoctor.core.tests.inventory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.core.inventory.CredentialStore;
import org.sstpdoctor.core.inventory.Credentials;
import org.sstpdoctor.core.inventory.Server;

/**
 * Credentials live in a secure storage of the test's own, encrypted, keyed by the server's
 * credential reference: they survive renames and moves, go with the server's deletion, and are
 * never in the server file.
 */
class CredentialStoreTest {

    private static final String PASSWORD = "Pa55-w0rd-of-the-RRAS-admin";
    private static final String PASSPHRASE = "key passphrase été";

    @TempDir
    Path temp;

    private InventoryFixture fixture;
    private CredentialStore store;

    @BeforeEach
    void createInventory() throws Exception {
        fixture = InventoryFixture.create(temp);
        store = fixture.credentials;
    }

    @AfterEach
    void deleteInventory() throws Exception {
        fixture.close();
    }

    @Test
    void storesReadsAndDeletesCredentials() throws Exception {
        String ref = "0b8e1c52-2a4f-4d7e-9f31-6c5a4b3d2e10";
        assertFalse(store.has(ref));
        assertTrue(store.read(ref).isEmpty());

        store.store(ref, "CONTOSO\\rras-admin", PASSWORD.toCharArray(), PASSPHRASE.toCharArray());

        assertTrue(store.has(ref));
        try (Credentials read = store.read(ref).orElseThrow()) {
            assertEquals("CONTOSO\\rras-admin", read.user());
            assertArrayEquals(PASSWORD.toCharArray(), read.password());
            assertArrayEquals(PASSPHRASE.toCharArray(), read.passphrase());
        }
        store.store(ref, "admin", "new".toCharArray(), null);
        try (Credentials read = store.read(ref).orElseThrow()) {
            assertArrayEquals("new".toCharArray(), read.password());
            assertFalse(read.hasPassphrase());
            assertNull(read.passphrase());
        }
        assertTrue(store.delete(ref));
        assertFalse(store.has(ref));
        assertFalse(store.delete(ref));
    }

    @Test
    void secretsAreEncryptedInTheStorageFile() throws Exception {
        String ref = "0b8e1c52-2a4f-4d7e-9f31-6c5a4b3d2e10";
        store.store(ref, "admin", PASSWORD.toCharArray(), PASSPHRASE.toCharArray());

        String storage = Files.readString(fixture.secureStorageFile, StandardCharsets.ISO_8859_1);

        assertTrue(storage.contains("org.sstpdoctor/servers/" + ref), "the node is where it is documented");
        for (String secret : new String[] { PASSWORD, PASSPHRASE }) {
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            assertFalse(storage.contains(new String(bytes, StandardCharsets.ISO_8859_1)), "plain secret on disk");
            assertFalse(storage.contains(Base64.getEncoder().encodeToString(bytes)), "base64 secret on disk");
        }
    }

    @Test
    void credentialsFollowTheServerThroughRenameAndMoveAndGoWithItsDeletion() throws Exception {
        Server server = fixture.inventory.add("emea", "vpn1", InventoryFixture.config("vpn1.contoso.com"));
        String ref = server.config().credentialRef();
        store.store(ref, "admin", PASSWORD.toCharArray(), null);

        Server moved = fixture.inventory.move(fixture.inventory.rename(server, "paris-1"), "emea/paris");
        Server updated = fixture.inventory.update(moved, InventoryFixture.config("vpn1.paris.contoso.com"));

        assertEquals(ref, updated.config().credentialRef());
        try (Credentials read = store.read(updated.config().credentialRef()).orElseThrow()) {
            assertArrayEquals(PASSWORD.toCharArray(), read.password());
        }
        String file = InventoryFixture.onDisk(updated.file());
        assertTrue(file.contains(ref));
        assertFalse(file.contains(PASSWORD), "the secret is not in the server file");
        assertFalse(file.contains("admin\",\n  \"password"), file);

        fixture.inventory.delete(updated);

        assertFalse(store.has(ref), "deleting the server deleted its credentials");
    }

    @Test
    void deletingAnUnreadableServerStillDeletesItsCredentials() throws Exception {
        Server server = fixture.inventory.add("", "vpn1", InventoryFixture.config("vpn1.contoso.com"));
        String ref = server.config().credentialRef();
        store.store(ref, "admin", PASSWORD.toCharArray(), null);
        fixture.handEdit("vpn1.server", "{\"format\":\"sstpdoctor-server\",\"version\":1,\"host\":\"bad host\","
                + "\"credentialRef\":\"" + ref + "\"");
        Server broken = fixture.inventory.find("", "vpn1").orElseThrow();

        fixture.inventory.delete(broken);

        assertFalse(store.has(ref));
    }

    @Test
    void secretsNeverShowInToString() {
        Credentials credentials = new Credentials("admin", PASSWORD.toCharArray(), PASSPHRASE.toCharArray());

        String text = credentials.toString();

        assertTrue(text.contains("admin"));
        assertFalse(text.contains(PASSWORD) || text.contains(PASSPHRASE), text);
        credentials.close();
        assertArrayEquals(new char[PASSWORD.length()], credentials.password(), "close wipes the secret");
    }

    @Test
    void refusesAReferenceThatIsNotAUuid() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.store("../../other", "admin", PASSWORD.toCharArray(), null));

        assertFalse(e.getMessage().contains(PASSWORD));
        assertThrows(IllegalArgumentException.class, () -> store.has("a/b"));
    }
}
