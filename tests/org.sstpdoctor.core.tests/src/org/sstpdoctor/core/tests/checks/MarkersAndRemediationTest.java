package org.sstpdoctor.core.tests.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.core.checks.CheckEngine;
import org.sstpdoctor.core.checks.CheckSettings;
import org.sstpdoctor.core.checks.CheckerRegistry;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.ICheckListener;
import org.sstpdoctor.core.checks.ServerResult;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.markers.FindingMarkers;
import org.sstpdoctor.core.remediation.AuditLog;
import org.sstpdoctor.core.remediation.PlanStep;
import org.sstpdoctor.core.remediation.RemediationDescriptor;
import org.sstpdoctor.core.remediation.RemediationRegistry;
import org.sstpdoctor.core.remediation.RemediationResult;
import org.sstpdoctor.core.remediation.RemediationService;

import com.google.gson.JsonObject;

/** Findings become markers, runs replace only their own markers, remediations are audited and re-checked. */
class MarkersAndRemediationTest {

    private final CheckerRegistry checkers = new CheckerRegistry(Platform.getExtensionRegistry());
    private final CheckEngine engine = new CheckEngine(checkers, CheckSettings.DEFAULT);
    private IProject project;

    @BeforeEach
    void setUp() throws Exception {
        project = TestServers.project("MarkerTest");
        TestContributions.BROKEN.clear();
    }

    private void check(List<Server> servers, Set<String> checkerIds) {
        engine.check(servers, d -> checkerIds.contains(d.id()), null, new NullProgressMonitor());
    }

    @Test
    void findingsBecomeMarkersAndANewRunReplacesOnlyItsOwn() throws Exception {
        Server a = TestServers.fresh(project, "a.example.test");
        Server b = TestServers.fresh(project, "b.example.test");
        TestContributions.BROKEN.add(a.host());
        TestContributions.BROKEN.add(b.host());
        assertEquals(null, FindingMarkers.lastChecked(a.file()));
        java.time.Instant before = java.time.Instant.now();
        check(List.of(a, b), Set.of("test.finds", "test.needsFailing"));
        assertFalse(FindingMarkers.lastChecked(a.file()).isBefore(before), "the check time is recorded");

        List<IMarker> markers = FindingMarkers.markers(a.file());
        assertEquals(2, markers.size());
        IMarker broken = markers.stream().filter(m -> m.getAttribute(FindingMarkers.KIND, "").equals("test.broken"))
                .findFirst().orElseThrow();
        assertTrue(broken.isSubtypeOf(IMarker.PROBLEM));
        assertEquals(IMarker.SEVERITY_ERROR, broken.getAttribute(IMarker.SEVERITY, -1));
        assertEquals("0x800B0109: The root CA is not trusted by clients", broken.getAttribute(IMarker.MESSAGE, ""));
        assertEquals("0x800B0109", broken.getAttribute(FindingMarkers.ERROR_CODE, ""));
        assertEquals(0x800B0109, broken.getAttribute(FindingMarkers.ERROR_CODE_VALUE, 0));
        assertEquals(5, broken.getAttribute(FindingMarkers.SCENARIO, 0));
        assertEquals("test.finds", broken.getAttribute(FindingMarkers.CHECKER, ""));
        assertEquals("a.example.test", broken.getAttribute(IMarker.LOCATION, ""));
        assertEquals("evidence: EVIDENCE OF A.EXAMPLE.TEST", broken.getAttribute(FindingMarkers.EVIDENCE_SUMMARY, ""));
        Finding back = FindingMarkers.toFinding(broken);
        assertEquals("The root CA is not trusted by clients", back.message());
        assertEquals(0x800B0109, back.errorCode());

        // a is repaired; only test.finds runs again, on a only.
        TestContributions.BROKEN.remove(a.host());
        check(List.of(a), Set.of("test.finds"));
        List<IMarker> after = FindingMarkers.markers(a.file());
        assertEquals(1, after.size(), "the test.needsFailing marker must stay");
        assertEquals("org.sstpdoctor.core.evidenceUnavailable", after.get(0).getAttribute(FindingMarkers.KIND, ""));
        assertEquals(2, FindingMarkers.markers(b.file()).size(), "b was not in the run");
    }

    @Test
    void remediationIsConfirmedAppliedAuditedAndRechecked(@TempDir Path dir) throws Exception {
        Server s = TestServers.existing(project, "fixme.example.test");
        TestContributions.BROKEN.add(s.host());
        check(List.of(s), Set.of("test.finds"));
        IMarker marker = FindingMarkers.markers(s.file()).get(0);
        Finding finding = FindingMarkers.toFinding(marker);

        AuditLog audit = new AuditLog(dir.resolve("audit.jsonl"));
        RemediationService service = new RemediationService(new RemediationRegistry(Platform.getExtensionRegistry()),
                engine, audit);
        List<RemediationDescriptor> fixes = service.remediationsFor(s, finding);
        assertEquals(List.of("test.fix", "test.note", "test.fixLies"), fixes.stream().map(RemediationDescriptor::id).toList());
        RemediationDescriptor fix = fixes.get(0);

        // Declined: nothing changes, the attempt is recorded.
        RemediationResult declined = service.execute(fix, s, finding, (srv, r, plan) -> false, new NullProgressMonitor());
        assertEquals(RemediationResult.Status.DECLINED, declined.status());
        assertEquals(List.of(PlanStep.command(s.host(), "Repair-Host -Name 'fixme.example.test'")), declined.plan().steps());
        assertTrue(TestContributions.BROKEN.contains(s.host()));
        assertEquals(1, FindingMarkers.markers(s.file()).size());

        // Confirmed: applied, the whole server re-checked (the fix changed it), the marker is gone,
        // and before/after are in the log.
        RemediationResult applied = service.execute(fix, s, finding, (srv, r, plan) -> plan.changesServer(),
                new NullProgressMonitor());
        assertEquals(RemediationResult.Status.APPLIED, applied.status(), applied.error());
        assertTrue(applied.fixed("test.broken"));
        assertEquals(List.of(), sources(FindingMarkers.markers(s.file())).stream().filter("test.finds"::equals).toList());
        assertTrue(applied.recheck().findings().stream().anyMatch(f -> f.checkerId().equals("test.failing")),
                "every checker ran in the re-check, as the Check command runs them: " + applied.recheck().findings());

        List<JsonObject> entries = audit.read();
        assertEquals(2, entries.size());
        assertEquals("declined", entries.get(0).get("result").getAsString());
        JsonObject done = entries.get(1);
        assertEquals("applied", done.get("result").getAsString());
        assertEquals("test.fix", done.getAsJsonObject("remediation").get("id").getAsString());
        assertEquals("fixme.example.test", done.getAsJsonObject("server").get("host").getAsString());
        assertEquals("Repair-Host -Name 'fixme.example.test'",
                done.getAsJsonObject("plan").getAsJsonArray("steps").get(0).getAsJsonObject().get("text").getAsString());
        assertEquals("0x800B0109",
                done.getAsJsonArray("before").get(0).getAsJsonObject().get("errorCode").getAsString());
        done.getAsJsonArray("after").forEach(
                f -> assertFalse(f.getAsJsonObject().get("kind").getAsString().equals("test.broken"), f.toString()));
        assertEquals("repaired fixme.example.test", done.get("output").getAsString());
        assertEquals(2, Files.readAllLines(audit.file()).size(), "one line per entry");
    }

    @Test
    void theRecheckTellsItsListenerOfTheEvidenceItGathersAndOfTheServerDone(@TempDir Path dir) throws Exception {
        Server s = TestServers.existing(project, "told.example.test");
        TestContributions.BROKEN.add(s.host());
        check(List.of(s), Set.of("test.finds"));
        Finding finding = FindingMarkers.toFinding(FindingMarkers.markers(s.file()).get(0));
        RemediationService service = new RemediationService(new RemediationRegistry(Platform.getExtensionRegistry()),
                engine, new AuditLog(dir.resolve("audit.jsonl")));
        RemediationDescriptor fix = service.remediationsFor(s, finding).get(0);
        Map<String, Object> evidence = new ConcurrentHashMap<>();
        List<ServerResult> done = new CopyOnWriteArrayList<>();
        ICheckListener listener = new ICheckListener() {
            @Override
            public void evidenceGathered(Server server, String evidenceId, Object gathered) {
                assertEquals(s.key(), server.key());
                evidence.put(evidenceId, gathered);
            }

            @Override
            public void serverDone(ServerResult result) {
                done.add(result);
            }
        };

        RemediationResult declined = service.execute(fix, s, finding, (srv, r, plan) -> false, listener,
                new NullProgressMonitor());
        assertEquals(RemediationResult.Status.DECLINED, declined.status());
        assertEquals(Map.of(), evidence, "a declined fix runs no re-check");
        assertEquals(List.of(), done);

        RemediationResult applied = service.execute(fix, s, finding, (srv, r, plan) -> true, listener,
                new NullProgressMonitor());
        assertEquals(RemediationResult.Status.APPLIED, applied.status(), applied.error());
        assertTrue(evidence.keySet().containsAll(Set.of("test.counting", "test.derived")),
                "the re-check's evidence, the reporting checker's among it: " + evidence.keySet());
        assertEquals("EVIDENCE OF TOLD.EXAMPLE.TEST", evidence.get("test.derived"));
        assertEquals(1, done.size());
        assertSame(applied.recheck(), done.get(0), "the listener hears of the re-check the result holds");
        assertTrue(done.get(0).findings().stream().noneMatch(f -> f.kind().equals("test.broken")),
                done.get(0).findings().toString());
    }

    @Test
    void aFixThatOnlyWritesFilesRerunsTheReportingCheckerAlone(@TempDir Path dir) throws Exception {
        Server s = TestServers.existing(project, "noted.example.test");
        TestContributions.BROKEN.add(s.host());
        check(List.of(s), Set.of("test.finds"));
        Finding finding = FindingMarkers.toFinding(FindingMarkers.markers(s.file()).get(0));
        RemediationService service = new RemediationService(new RemediationRegistry(Platform.getExtensionRegistry()),
                engine, new AuditLog(dir.resolve("audit.jsonl")));
        RemediationDescriptor note = new RemediationRegistry(Platform.getExtensionRegistry()).remediation("test.note")
                .orElseThrow();
        Map<String, Object> evidence = new ConcurrentHashMap<>();
        ICheckListener listener = new ICheckListener() {
            @Override
            public void evidenceGathered(Server server, String evidenceId, Object gathered) {
                evidence.put(evidenceId, gathered);
            }

            @Override
            public void serverDone(ServerResult result) {
                // the result is asserted below
            }
        };

        RemediationResult r = service.execute(note, s, finding, (srv, d, plan) -> !plan.changesServer(), listener,
                new NullProgressMonitor());

        assertEquals(RemediationResult.Status.APPLIED, r.status(), r.error());
        assertEquals(Set.of("test.counting", "test.derived"), evidence.keySet(),
                "the server was not changed: only the reporting checker ran again, with its evidence");
        assertEquals(List.of("test.broken"), r.recheck().findings().stream().map(Finding::kind).toList(),
                "the note cures nothing on the server");
        assertEquals(List.of("test.finds"), sources(FindingMarkers.markers(s.file())));
    }

    private static List<String> sources(List<IMarker> markers) {
        return markers.stream().map(m -> m.getAttribute(FindingMarkers.SOURCE, "")).toList();
    }

    @Test
    void aRemediationThatHidesThatItChangesTheServerIsRefused(@TempDir Path dir) throws Exception {
        Server s = TestServers.existing(project, "liar.example.test");
        TestContributions.BROKEN.add(s.host());
        Finding finding = Finding.of("test.broken", org.sstpdoctor.core.checks.Severity.ERROR, "broken")
                .withChecker("test.finds");
        RemediationService service = new RemediationService(new RemediationRegistry(Platform.getExtensionRegistry()),
                engine, new AuditLog(dir.resolve("audit.jsonl")));
        RemediationDescriptor liar = new RemediationRegistry(Platform.getExtensionRegistry()).remediation("test.fixLies")
                .orElseThrow();
        RemediationResult r = service.execute(liar, s, finding, (srv, d, plan) -> true, new NullProgressMonitor());
        assertEquals(RemediationResult.Status.FAILED, r.status());
        assertTrue(r.error().contains("declares changesServer=\"false\" but plans commands"), r.error());
        assertTrue(TestContributions.BROKEN.contains(s.host()), "nothing may have been applied");
        assertFalse(new AuditLog(dir.resolve("audit.jsonl")).read().isEmpty());
    }
}
