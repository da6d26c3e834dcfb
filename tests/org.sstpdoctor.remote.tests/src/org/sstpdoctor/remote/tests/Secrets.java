package org.sstpdoctor.remote.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;

/** Checks that no secret shows in an exception, its causes, or a text. */
final class Secrets {

    private Secrets() {
    }

    /** Fails when any secret appears in the messages of {@code failure}, its causes or suppressed exceptions. */
    static void assertAbsent(Throwable failure, String... secrets) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        check(failure, seen, secrets);
    }

    /** Fails when any secret appears in {@code text}. */
    static void assertAbsent(String where, String text, String... secrets) {
        for (String secret : secrets) {
            assertFalse(text.contains(secret), () -> "a secret appears in " + where);
        }
    }

    private static void check(Throwable failure, Set<Throwable> seen, String... secrets) {
        if (failure == null || !seen.add(failure)) {
            return;
        }
        assertAbsent("the message of " + failure.getClass().getName(), String.valueOf(failure.getMessage()), secrets);
        assertAbsent("the string of " + failure.getClass().getName(), failure.toString(), secrets);
        if (failure instanceof CoreException core) {
            check(core.getStatus(), seen, secrets);
        }
        check(failure.getCause(), seen, secrets);
        for (Throwable suppressed : failure.getSuppressed()) {
            check(suppressed, seen, secrets);
        }
    }

    private static void check(IStatus status, Set<Throwable> seen, String... secrets) {
        assertAbsent("a status message", status.getMessage(), secrets);
        check(status.getException(), seen, secrets);
        for (IStatus child : status.getChildren()) {
            check(child, seen, secrets);
        }
    }
}
