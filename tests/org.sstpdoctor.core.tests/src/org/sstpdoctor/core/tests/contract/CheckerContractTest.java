package org.sstpdoctor.core.tests.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.api.Test;
import org.sstpdoctor.core.checks.CheckerDescriptor;
import org.sstpdoctor.core.checks.CheckerRegistry;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.IChecker;

/**
 * The contract every checker keeps, as tests a checker's author extends: give the checker's
 * id, a context where the server is healthy and one where it has the problem the checker looks
 * for (usually an {@link EvidenceContext}).
 * <ul>
 * <li>the contribution is valid and creates the checker;</li>
 * <li>a healthy server gives no finding of severity ERROR; a broken one gives at least one finding
 * (an error, or only a warning for a checker that warns);</li>
 * <li>findings carry a kind, a one-line message, codes the checker declares, and no checker id
 * (the engine stamps it);</li>
 * <li>one instance serves many servers at once, and a cancelled monitor ends the check promptly.</li>
 * </ul>
 */
public abstract class CheckerContractTest {

    /** The id under which the checker is contributed. */
    protected abstract String checkerId();

    /** A context in which the checker must find nothing wrong. */
    protected abstract EvidenceContext healthy();

    /** A context in which the checker must report its problem. */
    protected abstract EvidenceContext broken();

    private IChecker create() throws Exception {
        CheckerDescriptor d = new CheckerRegistry(Platform.getExtensionRegistry()).checker(checkerId())
                .orElseThrow(() -> new AssertionError("no valid checker contributed as " + checkerId()));
        return d.createChecker();
    }

    private CheckerDescriptor descriptor() {
        return new CheckerRegistry(Platform.getExtensionRegistry()).checker(checkerId()).orElseThrow();
    }

    @Test
    void healthyServerHasNoError() throws Exception {
        List<Finding> found = create().check(healthy(), new NullProgressMonitor());
        assertNotNull(found, "check(...) must not return null");
        assertTrue(found.stream().noneMatch(f -> f.severity() == org.sstpdoctor.core.checks.Severity.ERROR),
                "errors on a healthy server: " + found);
    }

    @Test
    void brokenServerIsReportedWellFormed() throws Exception {
        List<Finding> found = create().check(broken(), new NullProgressMonitor());
        assertFalse(found.isEmpty(), "nothing found on a broken server");
        CheckerDescriptor d = descriptor();
        for (Finding f : found) {
            assertFalse(f.kind().isBlank(), "a finding without kind");
            assertFalse(f.message().isBlank(), "a finding without message");
            assertFalse(f.message().contains("\n"), "the message is one line: " + f.message());
            assertEquals("", f.checkerId(), "the engine stamps the checker id, not the checker");
            if (f.errorCode() != null) {
                assertTrue(d.reportedCodes().stream().anyMatch(c -> sameCode(c, f.errorCode())),
                        f.errorCodeText() + " is not among the codes the checker declares: " + d.reportedCodes());
            }
        }
    }

    @Test
    void oneInstanceChecksManyServersAtOnce() throws Exception {
        IChecker checker = create();
        List<Finding> alone = checker.check(broken(), new NullProgressMonitor());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<Finding>>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                boolean bad = i % 2 == 0;
                calls.add(() -> checker.check(bad ? broken() : healthy(), new NullProgressMonitor()));
            }
            List<Future<List<Finding>>> results = pool.invokeAll(calls, 30, TimeUnit.SECONDS);
            for (int i = 0; i < results.size(); i++) {
                List<Finding> found = results.get(i).get();
                if (i % 2 == 1) {
                    assertTrue(found.stream().noneMatch(f -> f.severity() == org.sstpdoctor.core.checks.Severity.ERROR),
                            "a healthy server got errors when checked concurrently: " + found);
                } else {
                    // Findings of any severity: a checker may report only warnings (a certificate
                    // that expires soon) and must report them as reliably as errors.
                    assertEquals(alone.stream().map(Finding::kind).toList(), found.stream().map(Finding::kind).toList(),
                            "a broken server got other findings when checked concurrently");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void cancelledCheckEndsPromptly() throws Exception {
        NullProgressMonitor cancelled = new NullProgressMonitor();
        cancelled.setCanceled(true);
        long start = System.nanoTime();
        try {
            create().check(broken(), cancelled);
        } catch (org.eclipse.core.runtime.OperationCanceledException e) {
            // a fine way to stop
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2_000, "a cancelled check kept running");
    }

    private static boolean sameCode(String declared, int value) {
        String d = declared.strip();
        try {
            long parsed = d.toLowerCase().startsWith("0x") ? Long.parseLong(d.substring(2), 16) : Long.parseLong(d);
            return (int) parsed == value;
        } catch (NumberFormatException e) {
            return false; // a symbolic name: the catalog resolves it; not checked here
        }
    }
}
