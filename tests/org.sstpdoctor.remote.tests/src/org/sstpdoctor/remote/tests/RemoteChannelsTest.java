package org.sstpdoctor.remote.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.CredentialStore;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.remote.RemoteChannels;
import org.sstpdoctor.remote.RemoteException;
import org.sstpdoctor.remote.RemoteException.Step;
import org.sstpdoctor.remote.RemoteSettings;
import org.sstpdoctor.remote.ssh.IHostKeyConfirmer;

/** The channel a server's entry names, or a clear reason why there is none. */
class RemoteChannelsTest {

    @TempDir
    Path temp;

    @Test
    void aServerWithoutAChannelHasNone() throws Exception {
        Server vpn = TestInventory.server("probe-only", "vpn.contoso.com", ManagementChannel.NONE, "");

        RemoteException e = assertThrows(RemoteException.class, () -> open(vpn));

        assertEquals(Step.CONNECT, e.step());
        assertEquals("probe-only (vpn.contoso.com): connection failed: the server has no management channel: set SSH "
                + "or an evidence bundle in its properties to look at it from the inside", e.getMessage());
    }

    @Test
    void winRmWithoutStoredCredentialsFailsAtTheAuthenticationStep() throws Exception {
        Server vpn = TestInventory.server("vpn3", "2001:db8::3", ManagementChannel.of(ChannelKind.WINRM), "");

        RemoteException e = assertThrows(RemoteException.class, () -> open(vpn, TestInventory.credentialStore(temp)));

        assertEquals(Step.AUTH, e.step());
        assertTrue(e.getMessage().startsWith("vpn3 ([2001:db8::3]:5985): authentication failed: no credentials are "
                + "stored"), e.getMessage());
    }

    @Test
    void sshWithoutStoredCredentialsFailsAtTheAuthenticationStepBeforeConnecting() throws Exception {
        CredentialStore store = TestInventory.credentialStore(temp);
        ManagementChannel ssh = new ManagementChannel(ChannelKind.SSH, 22, "admin", Map.of());

        RemoteException noRef = assertThrows(RemoteException.class,
                () -> open(TestInventory.server("vpn4", "vpn4.contoso.com", ssh, ""), store));
        RemoteException nothingStored = assertThrows(RemoteException.class, () -> open(
                TestInventory.server("vpn4", "vpn4.contoso.com", ssh, UUID.randomUUID().toString()), store));

        assertEquals(Step.AUTH, noRef.step());
        assertEquals(Step.AUTH, nothingStored.step());
        assertTrue(nothingStored.getMessage().contains("no credentials are stored"), nothingStored.getMessage());
    }

    @Test
    void aBundleChannelWithoutABundleSaysWhatToDo() throws Exception {
        Server vpn = TestInventory.server("vpn5", "vpn5.contoso.com", ManagementChannel.of(ChannelKind.BUNDLE), "");

        RemoteException e = assertThrows(RemoteException.class, () -> open(vpn));

        assertTrue(e.getMessage().contains("run the collection script on the server and import its archive"),
                e.getMessage());
    }

    @Test
    void aServerWhoseFileCannotBeReadIsNotOpened() throws Exception {
        Server broken = new Server(TestInventory.project().getFile("broken.server"), "broken", "", null,
                "not JSON at line 1");

        assertThrows(IllegalArgumentException.class, () -> open(broken));
    }

    @Test
    void theKnownHostsFileIsTheProductsOwnInTheWorkspace() {
        Path file = RemoteSettings.defaults().knownHostsFile();

        assertTrue(file.endsWith(Path.of(".metadata", ".plugins", "org.sstpdoctor.remote", "known_hosts")), file::toString);
        assertFalse(file.startsWith(Path.of(System.getProperty("user.home"), ".ssh")), file::toString);
        assertEquals(RemoteSettings.DEFAULT_CONNECT_TIMEOUT, RemoteSettings.defaults().connectTimeout());
    }

    private void open(Server server) throws Exception {
        open(server, TestInventory.credentialStore(temp.resolve("storage")));
    }

    private void open(Server server, CredentialStore store) throws Exception {
        RemoteChannels.open(server, store, IHostKeyConfirmer.REFUSE,
                RemoteSettings.withKnownHosts(temp.resolve("known_hosts"))).close();
    }
}
