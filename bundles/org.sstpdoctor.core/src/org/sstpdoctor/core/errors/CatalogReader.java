package org.sstpdoctor.core.errors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtension;
import org.eclipse.core.runtime.IExtensionPoint;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.InvalidRegistryObjectException;
import org.eclipse.core.runtime.Status;
import org.sstpdoctor.core.SstpDoctorCore;

/**
 * Reads {@code code} elements of the error-code extension point into {@link ErrorCode}s: data
 * only, no class of the contributor is loaded. Bad entries and duplicates are logged with their
 * contributor; see {@link ErrorCatalog} for the rules.
 */
final class CatalogReader {

    static final String CODE = "code";
    static final String VALUE = "value";
    static final String SYMBOLIC_NAME = "symbolicName";
    static final String TITLE = "title";
    static final String SCENARIO = "scenario";
    static final String REFERENCE = "reference";
    static final String MESSAGE = "message";
    static final String CAUSE = "cause";

    /** The KB947031 scenarios are numbered 1 to 8. */
    private static final int LAST_SCENARIO = 8;

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    private static final Comparator<IConfigurationElement> BY_CONTRIBUTOR = Comparator
            .comparing(CatalogReader::contributor);

    private CatalogReader() {
    }

    static ErrorCatalog read(IExtensionRegistry registry) {
        IExtensionPoint point = registry.getExtensionPoint(SstpDoctorCore.EXTENSION_POINT_ERROR_CODES);
        if (point == null) {
            return new ErrorCatalog(List.of());
        }
        List<IConfigurationElement> elements = new ArrayList<>();
        IExtension[] extensions = point.getExtensions();
        Arrays.sort(extensions, Comparator.comparing(extension -> extension.getContributor().getName()));
        for (IExtension extension : extensions) {
            try {
                elements.addAll(Arrays.asList(extension.getConfigurationElements()));
            } catch (InvalidRegistryObjectException removedMeanwhile) {
                // The extension went away while we read; the registry announces the removal.
            }
        }
        return read(elements);
    }

    static ErrorCatalog read(Collection<? extends IConfigurationElement> codeElements) {
        List<IConfigurationElement> ordered = new ArrayList<>(codeElements);
        ordered.sort(BY_CONTRIBUTOR); // stable: keeps each contributor's own order
        Map<Integer, ErrorCode> byValue = new HashMap<>();
        Map<String, ErrorCode> byName = new HashMap<>();
        List<ErrorCode> accepted = new ArrayList<>();
        for (IConfigurationElement element : ordered) {
            ErrorCode code;
            try {
                code = toErrorCode(element);
            } catch (Malformed e) {
                log(IStatus.ERROR, "Skipped error code " + describe(element) + " contributed by "
                        + contributor(element) + ": " + e.getMessage());
                continue;
            } catch (InvalidRegistryObjectException removedMeanwhile) {
                continue;
            }
            ErrorCode sameValue = code.value().isPresent() ? byValue.get(code.value().getAsInt()) : null;
            if (sameValue != null) {
                log(IStatus.WARNING, "Ignored error code " + code.display() + " contributed by " + code.contributor()
                        + ": the catalog already has " + sameValue.display() + " from " + sameValue.contributor()
                        + ".");
                continue;
            }
            ErrorCode sameName = code.symbolicName().isEmpty() ? null
                    : byName.get(ErrorCatalog.nameKey(code.symbolicName()));
            if (sameName != null) {
                log(IStatus.WARNING, "Ignored error code " + code.display() + " contributed by " + code.contributor()
                        + ": the symbolic name " + code.symbolicName() + " already names " + sameName.display()
                        + " from " + sameName.contributor() + ".");
                continue;
            }
            code.value().ifPresent(value -> byValue.put(value, code));
            if (!code.symbolicName().isEmpty()) {
                byName.put(ErrorCatalog.nameKey(code.symbolicName()), code);
            }
            accepted.add(code);
        }
        return new ErrorCatalog(accepted);
    }

    private static ErrorCode toErrorCode(IConfigurationElement element) throws Malformed {
        if (!CODE.equals(element.getName())) {
            throw new Malformed("the element is <" + element.getName() + ">, not <" + CODE + ">.");
        }
        String symbolicName = text(element.getAttribute(SYMBOLIC_NAME));
        OptionalInt value = value(element.getAttribute(VALUE), symbolicName);
        if (!symbolicName.isEmpty()) {
            if (!IDENTIFIER.matcher(symbolicName).matches()) {
                throw new Malformed("the symbolic name \"" + symbolicName
                        + "\" is not an identifier (letters, digits and underscores, not starting with a digit).");
            }
            OptionalInt readsAs = ErrorCodes.parse(symbolicName);
            if (readsAs.isPresent()) {
                throw new Malformed("the symbolic name \"" + symbolicName + "\" reads as the code "
                        + ErrorCodes.format(readsAs.getAsInt()) + ", so it could not be looked up by name.");
            }
        }
        String title = text(element.getAttribute(TITLE));
        if (title.isEmpty()) {
            throw new Malformed("it has no title.");
        }
        IConfigurationElement[] messages = element.getChildren(MESSAGE);
        if (messages.length != 1) {
            throw new Malformed(messages.length == 0 ? "it has no message."
                    : "it has " + messages.length + " messages; the schema allows one.");
        }
        String message = text(messages[0].getValue());
        if (message.isEmpty()) {
            throw new Malformed("its message is empty.");
        }
        List<String> causes = new ArrayList<>();
        for (IConfigurationElement causeElement : element.getChildren(CAUSE)) {
            String cause = text(causeElement.getValue());
            if (cause.isEmpty()) {
                throw new Malformed("cause " + (causes.size() + 1) + " is empty.");
            }
            causes.add(cause);
        }
        OptionalInt scenario = scenario(element.getAttribute(SCENARIO));
        return new ErrorCode(value, symbolicName, title, message, causes, scenario,
                text(element.getAttribute(REFERENCE)), contributor(element));
    }

    private static OptionalInt value(String attribute, String symbolicName) throws Malformed {
        String raw = text(attribute);
        if (raw.isEmpty()) {
            if (symbolicName.isEmpty()) {
                throw new Malformed("it has neither a value nor a symbolic name.");
            }
            return OptionalInt.empty();
        }
        OptionalInt value = ErrorCodes.parse(raw);
        if (value.isPresent()) {
            return value;
        }
        if (ErrorCodes.looksNumeric(raw)) {
            throw new Malformed("the value \"" + raw + "\" does not fit in 32 bits.");
        }
        throw new Malformed("the value \"" + raw + "\" is not a code; write it in hexadecimal with 0x (0x800B0101)"
                + " or in decimal (809, -2146762495).");
    }

    private static OptionalInt scenario(String attribute) throws Malformed {
        String raw = text(attribute);
        if (raw.isEmpty()) {
            return OptionalInt.empty();
        }
        if (raw.matches("[0-9]{1,9}")) {
            int scenario = Integer.parseInt(raw);
            if (scenario >= 1 && scenario <= LAST_SCENARIO) {
                return OptionalInt.of(scenario);
            }
        }
        throw new Malformed("the scenario \"" + raw + "\" is not a KB947031 scenario number (1 to " + LAST_SCENARIO
                + ").");
    }

    /** The entry as a log message names it: its value as written, else its name, else its title. */
    private static String describe(IConfigurationElement element) {
        for (String attribute : new String[] { VALUE, SYMBOLIC_NAME }) {
            String text = text(element.getAttribute(attribute));
            if (!text.isEmpty()) {
                return "\"" + text + "\"";
            }
        }
        String title = text(element.getAttribute(TITLE));
        return title.isEmpty() ? "without value, name or title" : "titled \"" + title + "\"";
    }

    private static String contributor(IConfigurationElement element) {
        return element.getContributor().getName();
    }

    /** Text of an attribute or element, with runs of white space (line breaks of the XML) made one space. */
    private static String text(String raw) {
        return raw == null ? "" : WHITE_SPACE.matcher(raw.strip()).replaceAll(" ");
    }

    private static void log(int severity, String message) {
        ILog.of(CatalogReader.class).log(new Status(severity, SstpDoctorCore.PLUGIN_ID, message));
    }

    /** An entry that breaks the schema; the message says how, as the end of a log sentence. */
    private static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }
}
