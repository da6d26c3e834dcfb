package org.sstpdoctor.core.errors;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.sstpdoctor.core.internal.errors.DefaultErrorCatalog;

/**
 * The catalog of client error codes contributed to the {@code org.sstpdoctor.core.errorCodes}
 * extension point: look a code up in whatever form it reached the administrator.
 * <p>
 * A catalog is an immutable snapshot of the contributions it was built from, safe to share
 * between threads. {@link #getDefault()} answers the snapshot of the running platform's
 * contributions, rebuilt after bundles that contribute codes come or go: call it each time rather
 * than keeping its answer. {@link #of(IExtensionRegistry)} and {@link #of(Collection)} build a
 * catalog from other contributions, for tests and tools.
 * </p>
 * <p>
 * Contributions are read in the order of their contributors' names, so the catalog does not
 * depend on the order bundles were installed in. The first contribution of a value (or of a
 * symbolic name) wins; a later one is logged as a warning, naming its contributor, and ignored.
 * An entry that breaks the schema (no value and no symbolic name, a value that is not a 32-bit
 * number, no title, no message, an empty cause, a scenario outside 1 to 8) is logged as an error
 * with its contributor and skipped; the rest of the catalog is unaffected.
 * </p>
 */
public final class ErrorCatalog {

    private static final Pattern SCENARIO = Pattern.compile("(?i)scenario\\s*(\\d{1,9})");

    /** Scenario entries first by scenario number, then by value (unsigned), value-less entries last. */
    private static final Comparator<ErrorCode> ORDER = Comparator
            .comparingInt((ErrorCode code) -> code.scenario().orElse(Integer.MAX_VALUE))
            .thenComparing(code -> code.value().isEmpty())
            .thenComparing((a, b) -> Integer.compareUnsigned(a.value().orElse(0), b.value().orElse(0)))
            .thenComparing(ErrorCode::symbolicName);

    private final Map<Integer, ErrorCode> byValue = new HashMap<>();
    private final Map<String, ErrorCode> byName = new HashMap<>();
    private final List<ErrorCode> all;

    /** @param entries entries with distinct values and distinct symbolic names */
    ErrorCatalog(List<ErrorCode> entries) {
        List<ErrorCode> sorted = new ArrayList<>(entries);
        sorted.sort(ORDER);
        for (ErrorCode code : sorted) {
            code.value().ifPresent(value -> byValue.put(value, code));
            if (!code.symbolicName().isEmpty()) {
                byName.put(nameKey(code.symbolicName()), code);
            }
        }
        all = Collections.unmodifiableList(sorted);
    }

    /**
     * The catalog of the running platform's extension registry, built on first use from the
     * contributions' XML alone (no contributing bundle is started) and rebuilt after extensions of
     * the point are added or removed.
     *
     * @return the current snapshot; do not keep it, ask again
     * @throws IllegalStateException when no extension registry is running
     */
    public static ErrorCatalog getDefault() {
        return DefaultErrorCatalog.get();
    }

    /**
     * Builds a catalog from the {@code org.sstpdoctor.core.errorCodes} contributions of a registry,
     * logging and skipping bad ones. A registry that does not declare the point gives an empty
     * catalog.
     *
     * @param registry the registry to read
     * @return a new snapshot; it does not follow later changes of the registry
     */
    public static ErrorCatalog of(IExtensionRegistry registry) {
        return CatalogReader.read(registry);
    }

    /**
     * Builds a catalog from {@code code} elements of the point, as
     * {@link IExtensionRegistry#getConfigurationElementsFor(String)} returns them, logging and
     * skipping bad ones. Elements are ordered by contributor name first, keeping the given order
     * within a contributor.
     *
     * @param codeElements the {@code code} elements
     * @return a new snapshot
     */
    public static ErrorCatalog of(Collection<? extends IConfigurationElement> codeElements) {
        return CatalogReader.read(codeElements);
    }

    /**
     * Finds an entry by any of the forms an administrator meets: a code in any form
     * {@link ErrorCodes#parse(String)} reads ({@code 0x800B0101}, {@code 800B0101},
     * {@code -2146762495}, {@code 2148204801}, {@code 809}), a symbolic name in any case
     * ({@code cert_e_untrustedroot}, {@code SSTP_NO_INCOMING_CONNECTIONS}), or a KB947031 scenario
     * ({@code Scenario 8}, {@code scenario4}), which answers the first entry of
     * {@link #scenario(int)}. Surrounding white space is ignored.
     *
     * @param anyForm the code, name or scenario; may be {@code null}
     * @return the entry, or empty when the catalog has none for it
     */
    public Optional<ErrorCode> lookup(String anyForm) {
        if (anyForm == null) {
            return Optional.empty();
        }
        String text = anyForm.strip();
        OptionalInt value = ErrorCodes.parse(text);
        if (value.isPresent()) {
            return get(value.getAsInt());
        }
        Matcher scenario = SCENARIO.matcher(text);
        if (scenario.matches()) {
            return scenario(Integer.parseInt(scenario.group(1))).stream().findFirst();
        }
        return Optional.ofNullable(byName.get(nameKey(text)));
    }

    /**
     * @param value a 32-bit code, e.g. 809 or 0x800B0101
     * @return the entry with that value, or empty
     */
    public Optional<ErrorCode> get(int value) {
        return Optional.ofNullable(byValue.get(value));
    }

    /**
     * @param scenario a KB947031 scenario number, 1 to 8
     * @return the entries that scenario covers, in catalog order; empty for any other number
     */
    public List<ErrorCode> scenario(int scenario) {
        return all.stream().filter(code -> code.scenario().orElse(-1) == scenario).toList();
    }

    /**
     * @return every entry, ordered by KB947031 scenario (entries without one last), then by value
     *         read as unsigned (entries without a value last), then by symbolic name
     */
    public List<ErrorCode> all() {
        return all;
    }

    static String nameKey(String symbolicName) {
        return symbolicName.strip().toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "ErrorCatalog" + all.stream().map(ErrorCode::display).toList();
    }
}
