package org.sstpdoctor.lab.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.core.checks.CheckEngine;
import org.sstpdoctor.core.checks.CheckRun;
import org.sstpdoctor.core.checks.CheckSettings;
import org.sstpdoctor.core.checks.CheckerRegistry;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.ICheckContext;
import org.sstpdoctor.core.checks.ServerResult;
import org.sstpdoctor.core.inventory.CredentialStore;
import org.sstpdoctor.core.inventory.Inventory;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.lab.Lab;
import org.sstpdoctor.lab.LabHost;
import org.sstpdoctor.lab.LabInventory;
import org.sstpdoctor.lab.LabScenario;
import org.sstpdoctor.probe.evidence.ProbeEvidenceSettings;
import org.sstpdoctor.remote.RemoteSettings;
import org.sstpdoctor.remote.commands.CommandCatalog;
import org.sstpdoctor.remote.commands.ServicesEvidence;
import org.sstpdoctor.remote.evidence.ServerState;
import org.sstpdoctor.remote.evidence.ServerStateProvider;
import org.sstpdoctor.remote.ssh.IHostKeyConfirmer;

/**
 * The lab end to end: started in-process, written into a workspace inventory by
 * {@link LabInventory}, checked by the core engine with every contributed checker (the network
 * probe against each host's SSTP endpoint, judged against the lab root through the servers'
 * {@code clientTrust} option), and read over SSH by the remote bundle's server-state evidence.
 */
class LabSmokeTest {

    @TempDir
    static Path dir;
    static Lab lab;
    static CredentialStore credentials;
    static Inventory inventory;
    static List<Server> servers;
    static Path knownHosts;

    @BeforeAll
    static void startLab() throws Exception {
        long start = System.nanoTime();
        lab = Lab.start(dir.resolve("lab"), List.of());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 2000, "the lab took " + millis + " ms to start");
        credentials = org.sstpdoctor.lab.tests.ssh.LabInventory.credentialStore(dir.resolve("secure"));
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("LabSmoke");
        if (!project.exists()) {
            project.create(null);
        }
        project.open(null);
        inventory = Inventory.forProject(project, credentials);
        knownHosts = dir.resolve("known_hosts");
        servers = LabInventory.populate(lab, inventory, knownHosts);
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void theInventoryHasOneSimulatedServerPerHostWithItsEndpointsAndTheLabsPassword() throws Exception {
        assertEquals(LabScenario.values().length, inventory.servers().size());
        for (LabHost host : lab.hosts()) {
            Server s = inventory.find(LabInventory.SITE, host.name()).orElseThrow();
            assertEquals("127.0.0.1", s.config().host());
            assertEquals(host.sstpPort(), s.config().sstpPort());
            assertEquals(host.sshPort(), s.config().channel().port());
            assertTrue(s.config().notes().contains("Simulated"), s.config().notes());
            assertEquals("folder:" + lab.rootsFolder().toAbsolutePath(),
                    s.config().channel().options().get(ProbeEvidenceSettings.SERVER_OPTION_TRUST));
            assertEquals(lab.clientKeyFile().toAbsolutePath().toString(),
                    s.config().channel().options().get("identityFile"));
            assertFalse(credentials.has(s.config().credentialRef()), "nothing of the lab in Secure Storage");
            String file = Files.readString(s.file().getLocation().toPath());
            assertFalse(file.contains(new String(lab.password())), "the password is in " + file);
        }
        assertTrue(Files.isRegularFile(lab.rootsFolder().resolve("practice-lab-root.pem")));
        assertTrue(Files.readString(lab.directory().resolve("lab.json")).contains("\"simulated\": true"));
    }

    @Test
    @Timeout(120)
    void theEngineFindsEachHostsFaultAndNothingOnTheHealthyOne() throws Exception {
        CheckRun run = new CheckEngine(new CheckerRegistry(Platform.getExtensionRegistry()),
                new CheckSettings(16, Duration.ofSeconds(30), Duration.ofSeconds(60), false))
                .check(servers, d -> true, null, new NullProgressMonitor());
        assertFalse(run.cancelled());
        Map<String, ServerResult> byName = new HashMap<>();
        run.results().forEach(r -> byName.put(r.server().name(), r));
        List<String> problems = new ArrayList<>();
        for (LabHost host : lab.hosts()) {
            ServerResult r = byName.get(host.name());
            List<String> got = r.findings().stream().map(f -> f.kind().replace("org.sstpdoctor.probe.", "") + " "
                    + (f.errorCode() == null ? "-" : f.errorCodeText())).toList();
            LabScenario s = host.scenario();
            if (s.probeFinding().isEmpty()) {
                if (!got.isEmpty()) {
                    problems.add(host.name() + ": expected no probe finding, got " + got);
                }
            } else {
                String want = s.probeFinding().get() + " " + s.probeCode().orElse("-");
                boolean found = s.probeCode().isPresent() ? got.contains(want)
                        : got.stream().anyMatch(g -> g.startsWith(s.probeFinding().get() + " "));
                if (!found) {
                    problems.add(host.name() + ": expected " + want + ", got " + got
                            + r.findings().stream().map(Finding::evidence).findFirst().map(e -> "\n" + e).orElse(""));
                }
            }
        }
        assertEquals(List.of(), problems, String.join("\n\n", problems));
    }

    @Test
    @Timeout(120)
    void theServerStateIsReadOverSshFromEveryHost() throws Exception {
        ServerStateProvider provider = new ServerStateProvider(() -> credentials, IHostKeyConfirmer.REFUSE,
                RemoteSettings.withKnownHosts(knownHosts));
        for (Server server : servers) {
            ServerState state = (ServerState) provider.gather(context(server), new NullProgressMonitor());
            assertTrue(state.isAvailable(), server + ": " + state.unavailableReason());
            assertEquals(Map.of(), state.failures(), server.toString());
            for (String id : CommandCatalog.IDS) {
                var result = state.result(id, Object.class).orElseThrow();
                if (!SimulatedServerTest.notConfigured(lab.host(server.name()).orElseThrow().state(), id)) {
                    assertTrue(result.isClean(), server + " " + id + ": " + result.problems());
                }
            }
            boolean sstpStopped = server.name().equals(LabScenario.SSTPSVC_STOPPED.hostName());
            assertEquals(sstpStopped ? ServicesEvidence.State.STOPPED : ServicesEvidence.State.RUNNING,
                    state.services().orElseThrow().value().service("SstpSvc").state(), server.toString());
        }
    }

    private static ICheckContext context(Server server) {
        return new ICheckContext() {
            @Override
            public Server server() {
                return server;
            }

            @Override
            public <T> T evidence(String id, Class<T> type) throws CoreException {
                throw new CoreException(org.eclipse.core.runtime.Status.error("no evidence here"));
            }
        };
    }
}
