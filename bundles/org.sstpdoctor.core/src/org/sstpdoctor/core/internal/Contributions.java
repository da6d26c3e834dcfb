package org.sstpdoctor.core.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionPoint;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.ISafeRunnable;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.SafeRunner;
import org.eclipse.core.runtime.Status;
import org.sstpdoctor.core.SstpDoctorCore;

/**
 * Shared handling of contributions to the core's extension points: stable order, a log entry
 * naming the contributor for every bad one, and third-party code run in {@link SafeRunner}.
 */
public final class Contributions {

    private static final ILog LOG = ILog.of(Contributions.class);

    private Contributions() {
    }

    /** The elements contributed to {@code pointId}, sorted by contributor, then by document order. */
    public static List<IConfigurationElement> elements(IExtensionRegistry registry, String pointId) {
        IExtensionPoint point = registry.getExtensionPoint(pointId);
        if (point == null) {
            return List.of();
        }
        List<IConfigurationElement> all = new ArrayList<>();
        Arrays.stream(point.getExtensions())
                .sorted(Comparator.comparing(e -> e.getContributor().getName()))
                .forEach(e -> all.addAll(Arrays.asList(e.getConfigurationElements())));
        return all;
    }

    /** The non-blank value of {@code attribute}, or null after logging that it is missing. */
    public static String required(IConfigurationElement element, String attribute) {
        String value = element.getAttribute(attribute);
        if (value == null || value.isBlank()) {
            logInvalid(element, "lacks the required attribute '" + attribute + "'");
            return null;
        }
        return value.strip();
    }

    /** Logs that a contribution was skipped, naming its contributor and element. */
    public static void logInvalid(IConfigurationElement element, String why) {
        String id = element.getAttribute("id");
        LOG.log(Status.warning("Skipped the <" + element.getName() + ">" + (id == null ? "" : " '" + id + "'")
                + " contributed by " + element.getContributor().getName() + " to "
                + element.getDeclaringExtension().getExtensionPointUniqueIdentifier() + ": it " + why + "."));
    }

    /**
     * Creates the executable extension of {@code element}'s {@code class} attribute as a
     * {@code type}, or throws a CoreException naming the contributor when the class cannot be
     * loaded, throws while constructed, or is not a {@code type}.
     */
    public static <T> T create(IConfigurationElement element, Class<T> type) throws CoreException {
        String contributor = element.getContributor().getName();
        Object created;
        try {
            created = element.createExecutableExtension("class");
        } catch (CoreException e) {
            throw new CoreException(Status.error("Could not create " + element.getAttribute("class")
                    + " contributed by " + contributor + ": " + e.getStatus().getMessage(), e));
        } catch (RuntimeException | LinkageError e) {
            throw new CoreException(Status.error("Could not create " + element.getAttribute("class")
                    + " contributed by " + contributor + ": " + e, e));
        }
        if (!type.isInstance(created)) {
            throw new CoreException(Status.error(element.getAttribute("class") + " contributed by " + contributor
                    + " is not a " + type.getName()));
        }
        return type.cast(created);
    }

    /**
     * Runs third-party code; whatever it throws is logged naming {@code contributor} and
     * returned, so callers can report it. Returns null when the code ran normally.
     */
    public static Throwable runSafely(String contributor, String what, ISafeRunnable code) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        SafeRunner.run(new ISafeRunnable() {
            @Override
            public void run() throws Exception {
                code.run();
            }

            @Override
            public void handleException(Throwable e) {
                failure.set(e);
                logFailure(contributor, what, e);
            }
        });
        return failure.get();
    }

    /** Logs that third-party code failed, naming its contributor. */
    public static void logFailure(String contributor, String what, Throwable e) {
        LOG.log(new Status(IStatus.ERROR, SstpDoctorCore.PLUGIN_ID,
                what + " (contributed by " + contributor + ") failed: " + e, e));
    }
}
