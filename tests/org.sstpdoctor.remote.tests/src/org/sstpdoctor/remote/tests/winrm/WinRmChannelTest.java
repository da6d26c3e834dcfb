package org.sstpdoctor.remote.tests.winrm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.CredentialStore;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.remote.CommandIds;
import org.sstpdoctor.remote.CommandResult;
import org.sstpdoctor.remote.IRemoteChannel;
import org.sstpdoctor.remote.PowerShell;
import org.sstpdoctor.remote.PowerShellScript;
import org.sstpdoctor.remote.RemoteChannels;
import org.sstpdoctor.remote.RemoteCommand;
import org.sstpdoctor.remote.RemoteException;
import org.sstpdoctor.remote.RemoteSettings;
import org.sstpdoctor.remote.ssh.IHostKeyConfirmer;
import org.sstpdoctor.remote.tests.TestInventory;

/**
 * A server whose management channel is WinRM is opened through RemoteChannels with its stored
 * credentials, and runs commands encoded by the one PowerShell encoder (NTLM with message
 * encryption over HTTP, against the test WS-Man endpoint that python3-winrm also checks).
 */
class WinRmChannelTest {

    @TempDir
    Path temp;

    private WsmanTestServer endpoint;

    @AfterEach
    void stop() throws Exception {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private Server server(String credentialRef) throws Exception {
        return TestInventory.server("winrm", "127.0.0.1",
                new ManagementChannel(ChannelKind.WINRM, endpoint.url().getPort(), WinRmClientTest.USER,
                        Map.of("transport", "http", "auth", "ntlm")), credentialRef);
    }

    private IRemoteChannel open(Server server, CredentialStore store) throws RemoteException {
        return RemoteChannels.open(server, store, IHostKeyConfirmer.REFUSE,
                RemoteSettings.withKnownHosts(temp.resolve("known_hosts")));
    }

    @Test
    void runsTheEncodedPowerShellCommandWithStoredCredentials() throws Exception {
        endpoint = WsmanTestServer.ntlmHttp(WinRmClientTest.USER, WinRmClientTest.PASSWORD);
        CredentialStore store = TestInventory.credentialStore(temp.resolve("storage"));
        String ref = UUID.randomUUID().toString();
        store.store(ref, WinRmClientTest.USER, WinRmClientTest.PASSWORD.toCharArray(), null);

        try (IRemoteChannel channel = open(server(ref), store)) {
            assertEquals(ChannelKind.WINRM, channel.kind());
            RemoteCommand command = RemoteCommand.powerShell(CommandIds.SERVICES,
                    PowerShellScript.cmdlet("Get-Service").param("Name", "SstpSvc"));
            CommandResult result = channel.run(command, null);
            assertEquals(0, result.exitCode().getAsInt());
            assertEquals("ran: " + PowerShell.PREAMBLE + "\nGet-Service -Name 'SstpSvc'\r\n", result.stdout());
            assertFalse(result.truncated());
        }
    }

    @Test
    void aWrongStoredPasswordFailsAtTheAuthenticationStepWithoutTheSecret() throws Exception {
        endpoint = WsmanTestServer.ntlmHttp(WinRmClientTest.USER, WinRmClientTest.PASSWORD);
        CredentialStore store = TestInventory.credentialStore(temp.resolve("storage"));
        String ref = UUID.randomUUID().toString();
        String wrong = "wrong-" + UUID.randomUUID();
        store.store(ref, WinRmClientTest.USER, wrong.toCharArray(), null);

        RemoteException e = assertThrows(RemoteException.class, () -> {
            try (IRemoteChannel channel = open(server(ref), store)) {
                channel.run(RemoteCommand.powerShell(CommandIds.SERVICES, PowerShellScript.cmdlet("Get-Service")), null);
            }
        });
        assertEquals(RemoteException.Step.AUTH, e.step());
        assertFalse(e.getMessage().contains(wrong));
        assertTrue(e.getMessage().startsWith("winrm (127.0.0.1:"), e.getMessage());
    }
}
