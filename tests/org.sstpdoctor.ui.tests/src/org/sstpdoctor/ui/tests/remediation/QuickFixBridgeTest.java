package org.sstpdoctor.ui.tests.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstpdoctor.ui.tests.UiTestSupport.expand;
import static org.sstpdoctor.ui.tests.UiTestSupport.find;
import static org.sstpdoctor.ui.tests.UiTestSupport.onShell;
import static org.sstpdoctor.ui.tests.UiTestSupport.press;
import static org.sstpdoctor.ui.tests.UiTestSupport.texts;
import static org.sstpdoctor.ui.tests.UiTestSupport.waitFor;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IMarkerResolution;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.AfterEach;
import org.sstpdoctor.ui.tests.UiTestSupport.Answer;
import org.junit.jupiter.api.Test;
import org.sstpdoctor.core.checks.CheckEngine;
import org.sstpdoctor.core.checks.CheckSettings;
import org.sstpdoctor.core.checks.CheckerRegistry;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.markers.FindingMarkers;
import org.sstpdoctor.core.remediation.AuditLog;
import org.sstpdoctor.ui.internal.SstpDoctorUi;
import org.sstpdoctor.ui.internal.certificates.CertificateExplorerView;
import org.sstpdoctor.ui.internal.certificates.CertificateModel;
import org.sstpdoctor.ui.internal.check.LastEvidence;
import org.sstpdoctor.ui.internal.remediation.RemediationResolution;

import com.google.gson.JsonObject;

/**
 * A finding's marker offers the remediation as a Quick Fix; choosing it shows the plan,
 * applies it only after Apply, records it in the audit log and re-checks the server, whose
 * evidence the Certificate Explorer then shows.
 */
class QuickFixBridgeTest {

    @AfterEach
    void cleanUp() {
        FlagContributions.FLAGGED.clear();
        closeShells(s -> true);
    }

    @Test
    void quickFixShowsThePlanAppliesAuditsAndRechecks() throws Exception {
        Server server = TestInventory.server("quickfix.example.test");
        FlagContributions.FLAGGED.add(server.host());
        new CheckEngine(CheckerRegistry.getDefault(), CheckSettings.DEFAULT).check(List.of(server),
                d -> d.id().equals("uitest.flag"), null, new NullProgressMonitor());
        IMarker marker = FindingMarkers.markers(server.file()).get(0);
        assertEquals("809: The SstpSvc service is stopped", marker.getAttribute(IMarker.MESSAGE, ""));
        assertProblemsViewShows("809: The SstpSvc service is stopped");

        assertTrue(IDE.getMarkerHelpRegistry().hasResolutions(marker));
        IMarkerResolution[] resolutions = IDE.getMarkerHelpRegistry().getResolutions(marker);
        IMarkerResolution fix = Arrays.stream(resolutions).filter(r -> r instanceof RemediationResolution)
                .findFirst().orElseThrow();
        assertEquals("Clear the flag", fix.getLabel());
        int auditBefore = AuditLog.getDefault().read().size();
        CertificateExplorerView explorer = (CertificateExplorerView) PlatformUI.getWorkbench().getActiveWorkbenchWindow()
                .getActivePage().showView(SstpDoctorUi.CERTIFICATE_VIEW_ID);
        explorer.showServer(server);
        assertTrue(explorer.getContentDescription().endsWith("not checked in this session"),
                explorer.getContentDescription());

        // The dialogs are modal: answer them from timers, which run inside their event loops.
        AtomicReference<String> shown = new AtomicReference<>();
        AtomicBoolean appliedBeforeApply = new AtomicBoolean();
        AtomicReference<String> report = new AtomicReference<>();
        Answer answer1 = onShell("Quick Fix: Clear the flag", preview -> {
            shown.set(texts(preview));
            appliedBeforeApply.set(!FlagContributions.FLAGGED.contains(server.host()));
            press(preview, "Apply");
        });
        Answer answer2 = onShell("Quick Fix result: Clear the flag", result -> {
            report.set(texts(result));
            result.close();
        });
        fix.run(marker);
        waitFor(() -> report.get() != null && Job.getJobManager().find(RemediationResolution.FAMILY).length == 0,
                "the quick fix to be applied and reported");
        answer1.check();
        answer2.check();

        assertTrue(shown.get().contains("Run on quickfix.example.test:"), shown.get());
        assertTrue(shown.get().contains("Start-Service -Name 'SstpSvc'"), shown.get());
        assertFalse(appliedBeforeApply.get(), "applied before Apply was chosen");
        assertTrue(report.get().contains("The re-check no longer finds: The SstpSvc service is stopped"), report.get());
        assertFalse(FlagContributions.FLAGGED.contains(server.host()));
        assertTrue(FindingMarkers.markers(server.file()).stream()
                .noneMatch(m -> "uitest.flag".equals(m.getAttribute(FindingMarkers.SOURCE, ""))),
                "the re-check did not remove the marker");
        List<JsonObject> audit = AuditLog.getDefault().read();
        assertEquals(auditBefore + 1, audit.size());
        JsonObject entry = audit.get(audit.size() - 1);
        assertEquals("applied", entry.get("result").getAsString());
        assertEquals("uitest.unflag", entry.getAsJsonObject("remediation").get("id").getAsString());
        assertEquals("809", entry.getAsJsonArray("before").get(0).getAsJsonObject().get("errorCode").getAsString());
        entry.getAsJsonArray("after").forEach(f -> assertFalse(
                "uitest.flag".equals(f.getAsJsonObject().get("checker").getAsString()), f.toString()));

        // The re-check is the server's last check: the Certificate Explorer showing it says so.
        LastEvidence.Snapshot recheck = LastEvidence.of(server).orElseThrow(() -> new AssertionError(
                "the re-check's evidence was not kept"));
        waitFor(() -> explorer.getContentDescription().equals("Certificates of " + server.name() + ", checked "
                + CertificateModel.shown(recheck.checkedAt())), "the Certificate Explorer to show the re-check");
        assertNotNull(recheck.network(), "the fix changed the server, so the re-check is a whole check of it, the"
                + " network probe included");
    }

    @Test
    void cancellingThePreviewChangesNothing() throws Exception {
        Server server = TestInventory.server("cancel.example.test");
        FlagContributions.FLAGGED.add(server.host());
        new CheckEngine(CheckerRegistry.getDefault(), CheckSettings.DEFAULT).check(List.of(server),
                d -> d.id().equals("uitest.flag"), null, new NullProgressMonitor());
        IMarker marker = FindingMarkers.markers(server.file()).get(0);
        IMarkerResolution fix = IDE.getMarkerHelpRegistry().getResolutions(marker)[0];
        Answer answer3 = onShell("Quick Fix: Clear the flag", preview -> press(preview, "Cancel"));
        fix.run(marker);
        waitFor(() -> Job.getJobManager().find(RemediationResolution.FAMILY).length == 0, "the quick fix job to end");
        answer3.check();
        assertTrue(FlagContributions.FLAGGED.contains(server.host()));
        assertEquals(1, FindingMarkers.markers(server.file()).size());
        JsonObject last = AuditLog.getDefault().read().getLast();
        assertEquals("declined", last.get("result").getAsString());
        assertEquals("cancel.example.test", last.getAsJsonObject("server").get("host").getAsString());
    }

    /** The standard Problems view lists a problem with {@code description}. */
    private static void assertProblemsViewShows(String description) throws Exception {
        IViewPart view = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage()
                .showView(IPageLayout.ID_PROBLEM_VIEW);
        Shell window = view.getSite().getShell();
        waitFor(() -> {
            Tree tree = find(window, Tree.class, t -> t.getColumnCount() > 0 && t.getColumn(0).getText().equals("Description")
                    && t.isVisible());
            if (tree == null) {
                return false;
            }
            for (TreeItem group : tree.getItems()) {
                if (description.equals(group.getText(0))) {
                    return true;
                }
                expand(tree, group);
                for (TreeItem item : group.getItems()) {
                    if (description.equals(item.getText(0))) {
                        return true;
                    }
                }
            }
            return false;
        }, "the Problems view to list '" + description + "'");
    }







    private static void closeShells(java.util.function.Predicate<Shell> which) {
        for (Shell s : Display.getDefault().getShells()) {
            if (!s.isDisposed() && s.getText().startsWith("Quick Fix") && which.test(s)) {
                s.close();
            }
        }
    }
}
