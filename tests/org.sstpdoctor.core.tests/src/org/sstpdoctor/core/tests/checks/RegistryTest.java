package org.sstpdoctor.core.tests.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.ILogListener;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sstpdoctor.core.checks.CheckerDescriptor;
import org.sstpdoctor.core.checks.CheckerRegistry;
import org.sstpdoctor.core.remediation.RemediationDescriptor;
import org.sstpdoctor.core.remediation.RemediationRegistry;

/** Contributions are read without loading classes; malformed ones are logged and skipped. */
class RegistryTest {

    private static final String CONTRIBUTOR = "org.sstpdoctor.core.tests";

    private final List<IStatus> logged = new CopyOnWriteArrayList<>();
    private final ILogListener listener = (status, plugin) -> logged.add(status);

    @BeforeEach
    void listen() {
        Platform.addLogListener(listener);
    }

    @AfterEach
    void stopListening() {
        Platform.removeLogListener(listener);
    }

    private boolean loggedSkip(String id, String why) {
        return logged.stream().anyMatch(s -> s.getMessage().contains("'" + id + "'")
                && s.getMessage().contains("contributed by " + CONTRIBUTOR) && s.getMessage().contains(why));
    }

    @Test
    void goodCheckersAreReadWithTheirDeclarations() {
        CheckerRegistry registry = new CheckerRegistry(Platform.getExtensionRegistry());
        CheckerDescriptor finds = registry.checker("test.finds").orElseThrow();
        assertEquals("Finds broken hosts", finds.name());
        assertEquals("test", finds.category());
        assertEquals(List.of("0x800B0109"), finds.reportedCodes());
        assertEquals(List.of("test.derived"), finds.requiredEvidence());
        assertEquals(CONTRIBUTOR, finds.contributor());
        assertEquals("Reads the counting evidence and finds nothing.",
                registry.checker("test.ok").orElseThrow().description());
        assertEquals(List.of("test.counting"), registry.evidenceProvider("test.derived").orElseThrow().requiredEvidence());
        // Reading descriptors does not load classes: a missing class is only found when created.
        assertTrue(registry.checker("test.classMissing").isPresent());
    }

    @Test
    void malformedCheckersAreSkippedAndLoggedWithTheirContributor() {
        CheckerRegistry registry = new CheckerRegistry(Platform.getExtensionRegistry());
        assertFalse(registry.checker("test.noClass").isPresent());
        assertFalse(registry.checker("test.noName").isPresent());
        assertFalse(registry.checker("test.unknownEvidence").isPresent());
        assertFalse(registry.checker("test.unknownCode").isPresent());
        assertTrue(loggedSkip("test.unknownCode", "reports the code '0x8BADC0DE', which is not in the error-code catalog"),
                logged.toString());
        assertTrue(loggedSkip("test.noClass", "lacks the required attribute 'class'"), logged.toString());
        assertTrue(loggedSkip("test.noName", "lacks the required attribute 'name'"), logged.toString());
        assertTrue(loggedSkip("test.unknownEvidence", "'test.nobodyProvidesThis', which no plug-in provides"),
                logged.toString());
    }

    @Test
    void remediationsAreMatchedByExactKindAndMalformedOnesSkipped() {
        RemediationRegistry registry = new RemediationRegistry(Platform.getExtensionRegistry());
        List<String> ids = registry.forKind("test.broken").stream().map(RemediationDescriptor::id).toList();
        assertEquals(List.of("test.fix", "test.note", "test.fixLies"), ids);
        assertTrue(registry.forKind("test.bro").isEmpty());
        RemediationDescriptor fix = registry.remediation("test.fix").orElseThrow();
        assertTrue(fix.changesServer());
        assertEquals("Repair the broken host", fix.label());
        assertEquals("Removes the host from the broken set.", fix.description());
        assertFalse(registry.remediation("test.fixNothing").isPresent());
        assertFalse(registry.remediation("test.fixMaybe").isPresent());
        assertTrue(loggedSkip("test.fixNothing", "names no finding kind it fixes"), logged.toString());
        assertTrue(loggedSkip("test.fixMaybe", "neither true nor false"), logged.toString());
    }
}
