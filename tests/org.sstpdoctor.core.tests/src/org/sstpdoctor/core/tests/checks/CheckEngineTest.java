package org.sstpdoctor.core.tests.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sstpdoctor.core.checks.CheckEngine;
import org.sstpdoctor.core.checks.CheckRun;
import org.sstpdoctor.core.checks.CheckSettings;
import org.sstpdoctor.core.checks.CheckerDescriptor;
import org.sstpdoctor.core.checks.CheckerRegistry;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.ICheckListener;
import org.sstpdoctor.core.checks.ServerResult;
import org.sstpdoctor.core.inventory.Server;

/** The check engine over many servers, with checkers that sleep, hang or throw. */
class CheckEngineTest {

    private static final Set<String> RUNNABLE = Set.of("test.ok", "test.finds", "test.misbehaves");

    private final CheckerRegistry registry = new CheckerRegistry(Platform.getExtensionRegistry());
    private IProject project;

    @BeforeEach
    void setUp() throws Exception {
        project = TestServers.project("EngineTest");
        TestContributions.BROKEN.clear();
        TestContributions.GATHERED.clear();
        TestContributions.releaseStuck = false;
    }

    @AfterEach
    void release() {
        TestContributions.releaseStuck = true;
    }

    private static Predicate<CheckerDescriptor> only(Set<String> ids) {
        return d -> ids.contains(d.id());
    }

    @Test
    void thousandServersWithSlowHangingAndThrowingCheckersAllGetTheirFindings() {
        // Every 50th server hangs (interruptibly), every 97th is stuck (ignores interrupts),
        // every 31st throws, every 7th sleeps, every 10th is broken.
        Function<Integer, String> host = i -> "srv" + i
                + (i % 50 == 0 ? "-hang" : i % 97 == 0 ? "-stuck" : i % 31 == 0 ? "-throw" : i % 7 == 0 ? "-sleep" : "")
                + ".example.test";
        List<Server> servers = TestServers.many(project, 1000, host::apply);
        for (int i = 0; i < 1000; i += 10) {
            TestContributions.BROKEN.add(host.apply(i));
        }
        CheckSettings settings = new CheckSettings(32, Duration.ofMillis(300), Duration.ofSeconds(5), false);

        long start = System.nanoTime();
        CheckRun run = new CheckEngine(registry, settings).check(servers, only(RUNNABLE), null, new NullProgressMonitor());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // 20 hanging + 10 stuck servers each wait one 300 ms checker timeout, 32 at a time.
        assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "run took " + took);
        assertFalse(run.cancelled());
        assertEquals(1000, run.results().size());
        for (ServerResult r : run.results()) {
            String h = r.server().host();
            Map<String, List<Finding>> byKind = r.findings().stream().collect(Collectors.groupingBy(Finding::kind));
            assertEquals(RUNNABLE, r.sources().stream().filter(RUNNABLE::contains).collect(Collectors.toSet()), h);
            if (h.contains("hang") || h.contains("stuck")) {
                assertEquals(ServerResult.Status.INCOMPLETE, r.status(), h);
                assertEquals(1, byKind.get("org.sstpdoctor.core.checkerTimedOut").size(), h);
                assertEquals("test.misbehaves", byKind.get("org.sstpdoctor.core.checkerTimedOut").get(0).checkerId());
            } else if (h.contains("throw")) {
                assertEquals(ServerResult.Status.INCOMPLETE, r.status(), h);
                Finding failed = byKind.get("org.sstpdoctor.core.checkerFailed").get(0);
                assertTrue(failed.message().contains("simulated checker bug on " + h), failed.message());
            } else {
                assertEquals(ServerResult.Status.CHECKED, r.status(), h + " " + r.findings());
            }
            assertEquals(TestContributions.BROKEN.contains(h), byKind.containsKey(TestContributions.BROKEN_KIND), h);
            // Two checkers and one provider need "test.counting": it is gathered once per server.
            assertEquals(1, TestContributions.GATHERED.get(h).get(), "evidence gathered more than once on " + h);
        }
        Finding broken = run.results().get(10).findings().stream()
                .filter(f -> f.kind().equals(TestContributions.BROKEN_KIND)).findFirst().orElseThrow();
        assertEquals("test.finds", broken.checkerId());
        assertEquals("0x800B0109", broken.errorCodeText());
        assertEquals(5, broken.scenario());
        assertEquals("evidence: EVIDENCE OF SRV10.EXAMPLE.TEST", broken.evidenceSummary());
    }

    @Test
    void serverTimeoutStopsTheRestOfThatServerOnly() {
        List<Server> servers = List.of(TestServers.server(project, "a-hang.example.test"),
                TestServers.server(project, "b.example.test"));
        CheckSettings settings = new CheckSettings(2, Duration.ofSeconds(10), Duration.ofMillis(400), false);
        CheckRun run = new CheckEngine(registry, settings).check(servers,
                only(Set.of("test.misbehaves", "test.needsFailing")), null, new NullProgressMonitor());
        ServerResult hung = run.results().get(0);
        assertEquals(ServerResult.Status.INCOMPLETE, hung.status());
        // The hanging checker is stopped at the server's limit; the next one does not start.
        List<Finding> timedOut = hung.findings().stream()
                .filter(f -> f.kind().equals("org.sstpdoctor.core.serverTimedOut")).toList();
        assertEquals(List.of("test.misbehaves", "test.needsFailing"), timedOut.stream().map(Finding::checkerId).toList(),
                hung.findings().toString());
        assertTrue(timedOut.get(0).message().contains("was stopped: the server's 400 ms time limit"));
        assertTrue(timedOut.get(1).message().contains("did not run"));
        assertEquals(ServerResult.Status.INCOMPLETE, run.results().get(1).status());
        assertTrue(run.results().get(1).findings().stream()
                .noneMatch(f -> f.kind().equals("org.sstpdoctor.core.serverTimedOut")));
    }

    @Test
    void cancellationStopsTheRunPromptly() throws Exception {
        List<Server> servers = TestServers.many(project, 200, i -> "c" + i + "-hang.example.test");
        CheckSettings settings = new CheckSettings(8, Duration.ofSeconds(60), Duration.ofSeconds(120), false);
        NullProgressMonitor monitor = new NullProgressMonitor();
        Thread canceller = new Thread(() -> {
            TestContributions.sleep(500);
            monitor.setCanceled(true);
        });
        canceller.start();
        long start = System.nanoTime();
        CheckRun run = new CheckEngine(registry, settings).check(servers, only(Set.of("test.misbehaves")), null, monitor);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        canceller.join();

        assertTrue(run.cancelled());
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "cancelled run took " + took);
        assertEquals(200, run.results().size());
        assertTrue(run.results().stream().allMatch(r -> r.status() == ServerResult.Status.CANCELLED),
                "servers were not cancelled: " + run.results().stream().map(ServerResult::status).distinct().toList());
    }

    @Test
    void listenerIsToldOfEachGatheredEvidenceOnce() {
        Server server = TestServers.server(project, "told.example.test");
        List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        new CheckEngine(registry, CheckSettings.DEFAULT.withMarkers(false)).check(List.of(server),
                only(Set.of("test.ok", "test.finds", "test.needsFailing")), new ICheckListener() {
                    @Override
                    public void evidenceGathered(Server s, String evidenceId, Object evidence) {
                        told.add(s.host() + " " + evidenceId + " = " + evidence);
                    }

                    @Override
                    public void serverDone(ServerResult result) {
                        told.add("done " + result.server().host());
                    }
                }, new NullProgressMonitor());
        // Each evidence once, as it was gathered (the derived one after what it derives from),
        // before the server is done; the evidence that could not be gathered is not reported.
        assertEquals(List.of("told.example.test test.counting = evidence of told.example.test",
                "told.example.test test.derived = EVIDENCE OF TOLD.EXAMPLE.TEST", "done told.example.test"), told);
    }

    @Test
    void failedEvidenceIsReportedOnceAndTheCheckerIsNotBlamed() {
        Server server = TestServers.server(project, "ev.example.test");
        CheckRun run = new CheckEngine(registry, CheckSettings.DEFAULT.withMarkers(false)).check(List.of(server),
                only(Set.of("test.needsFailing", "test.ok")), null, new NullProgressMonitor());
        ServerResult r = run.results().get(0);
        assertEquals(ServerResult.Status.INCOMPLETE, r.status());
        assertEquals(1, r.findings().size(), r.findings().toString());
        Finding f = r.findings().get(0);
        assertEquals("org.sstpdoctor.core.evidenceUnavailable", f.kind());
        assertEquals("test.failing", f.checkerId());
        assertEquals("Could not gather Failing evidence: ev.example.test: authentication failed (step: auth)", f.message());
        assertTrue(r.sources().contains("test.failing"));
    }

    @Test
    void checkersThatCannotBeCreatedAreReportedAndTheOthersRun() {
        Server server = TestServers.server(project, "load.example.test");
        TestContributions.BROKEN.add(server.host());
        CheckRun run = new CheckEngine(registry, CheckSettings.DEFAULT.withMarkers(false)).check(List.of(server),
                only(Set.of("test.constructorThrows", "test.classMissing", "test.finds")), null, new NullProgressMonitor());
        Map<String, Finding> byChecker = run.results().get(0).findings().stream()
                .collect(Collectors.toMap(Finding::checkerId, f -> f));
        assertEquals(TestContributions.BROKEN_KIND, byChecker.get("test.finds").kind());
        assertEquals("org.sstpdoctor.core.checkerFailed", byChecker.get("test.constructorThrows").kind());
        assertTrue(byChecker.get("test.constructorThrows").message().contains("could not be loaded"));
        assertTrue(byChecker.get("test.classMissing").message().contains("org.sstpdoctor.core.tests"),
                byChecker.get("test.classMissing").message());
    }
}
