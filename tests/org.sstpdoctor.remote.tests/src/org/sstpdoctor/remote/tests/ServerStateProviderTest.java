package org.sstpdoctor.remote.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.CredentialStore;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.checks.ICheckContext;
import org.sstpdoctor.remote.RemoteException;
import org.sstpdoctor.remote.RemoteSettings;
import org.sstpdoctor.remote.commands.CatalogEntry;
import org.sstpdoctor.remote.commands.CommandCatalog;
import org.sstpdoctor.remote.commands.ServicesEvidence;
import org.sstpdoctor.remote.evidence.ServerState;
import org.sstpdoctor.remote.evidence.ServerStateProvider;
import org.sstpdoctor.remote.ssh.IHostKeyConfirmer;
import org.sstpdoctor.remote.ssh.KnownHosts;
import org.sstpdoctor.remote.tests.commands.Fixtures;

/**
 * The server-state evidence over a real SSH session (MINA's server in this process standing in
 * for Windows OpenSSH): every catalog command is sent once, exactly as the catalog encodes it,
 * and each answer (a recorded Windows output) is parsed into the state.
 */
class ServerStateProviderTest {

    private static final String USER = "CONTOSO\\rras-admin";
    private static final String PASSWORD = "Pa55-" + UUID.randomUUID();

    /** What the stand-in server answers to each catalog command: recorded Windows outputs. */
    private static final Map<String, String> ANSWERS = Map.of(
            CommandCatalog.SERVICES, "services/ps7-remoteaccess-stopped.json",
            CommandCatalog.LISTENERS, "listeners/ps7.json",
            CommandCatalog.SSLCERT, "sslcert/ps.json",
            CommandCatalog.SSTP_REGISTRY, "sstpRegistry/ps.json",
            CommandCatalog.CERT_STORE, "certStore/ps7.json",
            CommandCatalog.REMOTE_ACCESS, "remoteAccess/healthy.json",
            CommandCatalog.FIREWALL, "firewall/enabled.json",
            CommandCatalog.RRAS_FILTERS, "rrasFilters/ps.json",
            CommandCatalog.EVENTS, "events/ps7.json");

    @TempDir
    Path temp;

    private SshServer sshd;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private RemoteSettings settings;
    private CredentialStore credentials;

    @BeforeEach
    void startServer() throws Exception {
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(temp.resolve("host-key")));
        sshd.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        sshd.setCommandFactory((channel, command) -> {
            received.add(command);
            for (CatalogEntry<?> entry : CommandCatalog.entries()) {
                if (entry.powerShell().toCommand(entry.id()).commandLine().equals(command)) {
                    return new AnswerCommand(Fixtures.read(ANSWERS.get(entry.id())));
                }
            }
            return new AnswerCommand("");
        });
        sshd.start();
        Path knownHosts = temp.resolve("known_hosts");
        for (KeyPair key : sshd.getKeyPairProvider().loadKeys(null)) {
            new KnownHosts(knownHosts).add("127.0.0.1", sshd.getPort(), key.getPublic());
        }
        settings = RemoteSettings.withKnownHosts(knownHosts);
        credentials = TestInventory.credentialStore(temp.resolve("storage"));
    }

    @AfterEach
    void stopServer() throws IOException {
        sshd.stop(true);
    }

    private Server server(String credentialRef) throws Exception {
        return TestInventory.server("state", "127.0.0.1",
                new ManagementChannel(ChannelKind.SSH, sshd.getPort(), USER, Map.of()), credentialRef);
    }

    @Test
    void everyCatalogCommandRunsOnceAndIsParsed() throws Exception {
        String ref = UUID.randomUUID().toString();
        credentials.store(ref, USER, PASSWORD.toCharArray(), null);
        ServerStateProvider provider = new ServerStateProvider(() -> credentials, IHostKeyConfirmer.REFUSE, settings);

        ServerState state = (ServerState) provider.gather(context(server(ref)), new NullProgressMonitor());

        assertTrue(state.isAvailable());
        assertEquals(CommandCatalog.IDS.size(), received.size(), "one exec per catalog command");
        assertEquals(Map.of(), state.failures());
        ServicesEvidence services = state.services().orElseThrow().value();
        assertEquals(ServicesEvidence.State.STOPPED, services.service("RemoteAccess").state());
        assertTrue(state.services().orElseThrow().isClean(), state.services().toString());
        for (String id : CommandCatalog.IDS) {
            assertTrue(state.result(id, Object.class).isPresent(), id + " was not parsed");
            assertFalse(state.output(id).isEmpty(), id + " kept no output");
        }
        assertTrue(state.channel().contains("127.0.0.1"), state.channel());
    }

    @Test
    void aServerWithoutAChannelHasNoState() throws Exception {
        Server none = TestInventory.server("none", "vpn.example.test", ManagementChannel.NONE, "");
        ServerState state = (ServerState) new ServerStateProvider(() -> credentials, IHostKeyConfirmer.REFUSE, settings)
                .gather(context(none), new NullProgressMonitor());
        assertFalse(state.isAvailable());
        assertTrue(state.unavailableReason().contains("no management channel"), state.unavailableReason());
        assertEquals(List.of(), received);
    }

    @Test
    void aWrongPasswordFailsTheEvidenceAtTheAuthenticationStepWithoutTheSecret() throws Exception {
        String ref = UUID.randomUUID().toString();
        String wrong = "wrong-" + UUID.randomUUID();
        credentials.store(ref, USER, wrong.toCharArray(), null);
        RemoteException e = assertThrows(RemoteException.class,
                () -> new ServerStateProvider(() -> credentials, IHostKeyConfirmer.REFUSE, settings)
                        .gather(context(server(ref)), new NullProgressMonitor()));
        assertEquals(RemoteException.Step.AUTH, e.step());
        assertFalse(e.getMessage().contains(wrong), "the password is in the message");
        assertEquals(List.of(), received, "no command was sent");
    }

    /** The context of a provider that needs no other evidence. */
    private static ICheckContext context(Server server) {
        return new ICheckContext() {
            @Override
            public Server server() {
                return server;
            }

            @Override
            public <T> T evidence(String evidenceId, Class<T> type) {
                throw new IllegalStateException("the server state needs no other evidence");
            }
        };
    }
}
