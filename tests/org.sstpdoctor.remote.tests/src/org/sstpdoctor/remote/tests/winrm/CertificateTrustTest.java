package org.sstpdoctor.remote.tests.winrm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.CredentialStore;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.pki.IssuedCertificate;
import org.sstpdoctor.remote.CommandIds;
import org.sstpdoctor.remote.IRemoteChannel;
import org.sstpdoctor.remote.PowerShellScript;
import org.sstpdoctor.remote.RemoteChannels;
import org.sstpdoctor.remote.RemoteCommand;
import org.sstpdoctor.remote.RemoteException;
import org.sstpdoctor.remote.RemoteSettings;
import org.sstpdoctor.remote.ssh.IHostKeyConfirmer;
import org.sstpdoctor.remote.tests.TestInventory;
import org.sstpdoctor.remote.winrm.CertificateInfo;
import org.sstpdoctor.remote.winrm.ICertificateTrustConfirmer;
import org.sstpdoctor.remote.winrm.TrustedCertificates;

/**
 * The explicit, kept "trust this certificate" step of WinRM over HTTPS, against the test WS-Man endpoint with a
 * certificate from a lab CA the Java runtime does not trust: the first contact asks, a "trust" answer is kept beside
 * the SSH known-hosts file and later contacts are silent, a changed certificate is refused without asking, and a
 * refusal means no HTTP request is sent.
 */
class CertificateTrustTest {

    static final IssuedCertificate OTHER = WinRmClientTest.ROOT.issue("localhost").dnsNames("localhost")
            .ipAddresses("127.0.0.1").build();

    @TempDir
    Path temp;

    private WsmanTestServer endpoint;
    private CredentialStore store;
    private String ref;
    private RemoteSettings settings;
    private final List<CertificateInfo> asked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void credentials() throws Exception {
        store = TestInventory.credentialStore(temp.resolve("storage"));
        ref = UUID.randomUUID().toString();
        store.store(ref, WinRmClientTest.USER, WinRmClientTest.PASSWORD.toCharArray(), null);
        settings = RemoteSettings.withKnownHosts(temp.resolve("state").resolve("known_hosts"));
    }

    @AfterEach
    void stop() throws Exception {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private Server server() throws Exception {
        return TestInventory.server("winrm-https", "127.0.0.1", new ManagementChannel(ChannelKind.WINRM,
                endpoint.port(), WinRmClientTest.USER, Map.of("transport", "https", "auth", "basic")), ref);
    }

    private ICertificateTrustConfirmer answering(boolean trust) {
        return info -> {
            asked.add(info);
            return trust;
        };
    }

    private String run(ICertificateTrustConfirmer confirmer) throws Exception {
        try (IRemoteChannel channel = RemoteChannels.open(server(), store, IHostKeyConfirmer.REFUSE, confirmer,
                settings, null)) {
            return channel.run(RemoteCommand.powerShell(CommandIds.SERVICES, PowerShellScript.cmdlet("Get-Service")),
                    null).stdout();
        }
    }

    private static String sha256(IssuedCertificate c) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.certificate().getEncoded()));
    }

    @Test
    void firstContactAsksTrustIsKeptAndTheSecondContactIsSilent() throws Exception {
        endpoint = WsmanTestServer.basicHttps(WinRmClientTest.SERVER, WinRmClientTest.USER, WinRmClientTest.PASSWORD);
        assertTrue(run(answering(true)).startsWith("ran: "));
        assertEquals(1, asked.size());
        CertificateInfo info = asked.get(0);
        assertEquals("127.0.0.1", info.host());
        assertEquals(endpoint.port(), info.port());
        assertTrue(info.server().startsWith("winrm-https (127.0.0.1:"), info.server());
        assertEquals(WinRmClientTest.SERVER.certificate().getSubjectX500Principal().getName(), info.subject());
        assertTrue(info.issuer().contains("WinRM Test Root"), info.issuer());
        String hex = sha256(WinRmClientTest.SERVER);
        assertEquals(hex.toUpperCase().replaceAll("(..)(?!$)", "$1:"), info.sha256());
        assertEquals(WinRmClientTest.SERVER.certificate().getNotAfter().toInstant(), info.notAfter());
        assertTrue(info.problem().contains("trusted roots"), info.problem());
        assertEquals(settings.trustedCertificatesFile(), info.storeFile());
        assertEquals(temp.resolve("state").resolve(TrustedCertificates.FILE_NAME), info.storeFile());

        String kept = Files.readString(info.storeFile(), StandardCharsets.UTF_8);
        assertTrue(kept.contains("127.0.0.1:" + endpoint.port() + " " + hex), kept);
        assertEquals(Optional.of(hex), new TrustedCertificates(info.storeFile()).pinned("127.0.0.1", endpoint.port()));
        try (var files = Files.list(info.storeFile().getParent())) {
            assertEquals(List.of(TrustedCertificates.FILE_NAME), files.map(p -> p.getFileName().toString()).toList(),
                    "written through a temporary file that replaced the file");
        }

        asked.clear();
        assertTrue(run(answering(false)).startsWith("ran: "), "the kept certificate needs no question");
        assertTrue(asked.isEmpty(), "the second contact did not ask");
    }

    @Test
    void aChangedCertificateIsRefusedWithoutAsking() throws Exception {
        endpoint = WsmanTestServer.basicHttps(OTHER, WinRmClientTest.USER, WinRmClientTest.PASSWORD);
        TrustedCertificates kept = new TrustedCertificates(settings.trustedCertificatesFile());
        kept.trust("127.0.0.1", endpoint.port(), WinRmClientTest.SERVER.certificate());
        String before = Files.readString(kept.file());

        RemoteException e = assertThrows(RemoteException.class, () -> run(answering(true)));
        assertEquals(RemoteException.Step.TLS, e.step(), e::getMessage);
        assertTrue(e.getMessage().startsWith("winrm-https (127.0.0.1:" + endpoint.port() + ")"), e::getMessage);
        assertTrue(e.getMessage().contains("changed since it was trusted"), e::getMessage);
        assertTrue(e.getMessage().contains(sha256(OTHER).toUpperCase().substring(0, 2)), e::getMessage);
        assertTrue(asked.isEmpty(), "a changed certificate is never offered");
        assertEquals(before, Files.readString(kept.file()), "the kept certificate stays");
        assertEquals(0, endpoint.requests.get(), "no HTTP request went to the endpoint");
    }

    @Test
    void aRefusalMeansNoConnectionAndNothingKept() throws Exception {
        endpoint = WsmanTestServer.basicHttps(WinRmClientTest.SERVER, WinRmClientTest.USER, WinRmClientTest.PASSWORD);
        RemoteException e = assertThrows(RemoteException.class, () -> run(answering(false)));
        assertEquals(RemoteException.Step.TLS, e.step(), e::getMessage);
        assertTrue(e.getMessage().startsWith("winrm-https (127.0.0.1:" + endpoint.port() + ")"), e::getMessage);
        assertTrue(e.getMessage().contains("not trusted"), e::getMessage);
        assertFalse(e.getMessage().contains(WinRmClientTest.PASSWORD));
        assertEquals(1, asked.size());
        assertFalse(Files.exists(settings.trustedCertificatesFile()), "nothing kept");
        assertEquals(0, endpoint.requests.get(), "no HTTP request (so no credential) went to the endpoint");
    }

    @Test
    void headlessCodeRefusesWithoutAsking() throws Exception {
        endpoint = WsmanTestServer.basicHttps(WinRmClientTest.SERVER, WinRmClientTest.USER, WinRmClientTest.PASSWORD);
        RemoteException e = assertThrows(RemoteException.class, () -> {
            try (IRemoteChannel channel = RemoteChannels.open(server(), store, IHostKeyConfirmer.REFUSE, settings)) {
                channel.run(RemoteCommand.powerShell(CommandIds.SERVICES, PowerShellScript.cmdlet("Get-Service")),
                        null);
            }
        });
        assertEquals(RemoteException.Step.TLS, e.step());
        assertEquals(0, endpoint.requests.get());
    }

    @Test
    void unreadableLinesNeverTrustAnything() throws Exception {
        Path file = temp.resolve("winrm_certificates");
        String hex = sha256(WinRmClientTest.SERVER);
        Files.writeString(file, "# comment\n127.0.0.1:5986 " + hex.substring(1) + "\nnot a line\n127.0.0.1:x " + hex
                + "\n[::1]:5986 " + hex + " # CN=localhost\n");
        TrustedCertificates kept = new TrustedCertificates(file);
        assertEquals(Optional.empty(), kept.pinned("127.0.0.1", 5986));
        assertEquals(Optional.of(hex), kept.pinned("::1", 5986));
        kept.trust("vpn1.contoso.com", 5986, OTHER.certificate());
        assertEquals(Optional.of(hex), kept.pinned("[::1]", 5986), "other lines are kept");
        assertEquals(Optional.of(sha256(OTHER)), kept.pinned("VPN1.contoso.com", 5986));
    }
}
