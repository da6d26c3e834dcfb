package org.sstpdoctor.core.tests.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sstpdoctor.core.SstpDoctorCore;
import org.sstpdoctor.core.errors.ErrorCatalog;
import org.sstpdoctor.core.errors.ErrorCode;

/** The catalog built over registries of the test's own making. */
class ErrorCatalogTest {

    private static final String GOOD = """
            <code value="0x8FFF1001" symbolicName="EXAMPLE_E_GOOD" title="Good" scenario="5"
                  reference="Example reference">
               <message>A good
                  code.</message>
               <cause>First cause.</cause>
               <cause>Second cause.</cause>
            </code>""";

    @Test
    void readsAnEntryFromItsXml() {
        try (FreshRegistry fresh = FreshRegistry.withPoint().contribute("org.example.good", GOOD)) {
            ErrorCode code = ErrorCatalog.of(fresh.registry()).get(0x8FFF1001).orElseThrow();
            assertEquals(new ErrorCode(OptionalInt.of(0x8FFF1001), "EXAMPLE_E_GOOD", "Good", "A good code.",
                    List.of("First cause.", "Second cause."), OptionalInt.of(5), "Example reference",
                    "org.example.good"), code);
        }
    }

    @ParameterizedTest(name = "lookup(\"{0}\")")
    @ValueSource(strings = { "0x8FFF1001", "0X8fff1001", "8FFF1001", "-1879109631", "2415857665", "EXAMPLE_E_GOOD",
            "example_e_good", " Example_E_Good\t", "scenario 5", "Scenario5", "SCENARIO  5" })
    void looksUpEveryForm(String form) {
        try (FreshRegistry fresh = FreshRegistry.withPoint().contribute("org.example.good", GOOD)) {
            Optional<ErrorCode> found = ErrorCatalog.of(fresh.registry()).lookup(form);
            assertEquals("0x8FFF1001", found.map(ErrorCode::key).orElse("nothing"), form);
        }
    }

    @ParameterizedTest(name = "lookup(\"{0}\") finds nothing")
    @ValueSource(strings = { "0x8FFF1002", "809", "EXAMPLE_E_OTHER", "EXAMPLE_E_GOOD2", "scenario 4", "scenario 9",
            "scenario", "Good", "0x8FFF1001 (EXAMPLE_E_GOOD)" })
    @NullAndEmptySource
    void looksUpNothingElse(String form) {
        try (FreshRegistry fresh = FreshRegistry.withPoint().contribute("org.example.good", GOOD)) {
            assertEquals(Optional.empty(), ErrorCatalog.of(fresh.registry()).lookup(form));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            value that is no number|<code value="banana" title="T"><message>M</message></code>|"banana" is not a code
            value beyond 32 bits|<code value="0x1FFFFFFFF" title="T"><message>M</message></code>|"0x1FFFFFFFF" does not fit in 32 bits
            decimal beyond 32 bits|<code value="4294967296" title="T"><message>M</message></code>|"4294967296" does not fit in 32 bits
            neither value nor name|<code title="T"><message>M</message></code>|code titled "T" contributed by org.example.broken: it has neither a value nor a symbolic name.
            empty value and no name|<code value=" "><message>M</message></code>|code without value, name or title contributed by org.example.broken: it has neither
            no title|<code value="0x8FFF2001"><message>M</message></code>|no title
            blank title|<code value="0x8FFF2001" title="  "><message>M</message></code>|no title
            no message|<code value="0x8FFF2001" title="T"/>|no message
            empty message|<code value="0x8FFF2001" title="T"><message> </message></code>|message is empty
            two messages|<code value="0x8FFF2001" title="T"><message>M</message><message>N</message></code>|2 messages
            empty cause|<code value="0x8FFF2001" title="T"><message>M</message><cause>C</cause><cause/></code>|cause 2 is empty
            scenario 9|<code value="0x8FFF2001" title="T" scenario="9"><message>M</message></code>|scenario "9" is not a KB947031 scenario
            scenario 0|<code value="0x8FFF2001" title="T" scenario="0"><message>M</message></code>|scenario "0" is not a KB947031 scenario
            scenario in words|<code value="0x8FFF2001" title="T" scenario="eight"><message>M</message></code>|scenario "eight" is not
            name with a space|<code value="0x8FFF2001" symbolicName="EXAMPLE E" title="T"><message>M</message></code>|"EXAMPLE E" is not an identifier
            name that reads as a code|<code symbolicName="DEADBEEF" title="T"><message>M</message></code>|reads as the code 0xDEADBEEF
            another element|<fault value="0x8FFF2001" title="T"><message>M</message></fault>|the element is <fault>
            """)
    void skipsAndLogsAMalformedEntry(String what, String xml, String reason) throws Exception {
        try (LogCapture log = new LogCapture();
                FreshRegistry fresh = FreshRegistry.withPoint().contribute("org.example.broken", xml + GOOD)) {
            ErrorCatalog catalog = ErrorCatalog.of(fresh.registry());

            assertEquals(List.of("0x8FFF1001"), keys(catalog.all()), "only the good entry is in the catalog");
            assertEquals("org.example.broken", catalog.all().get(0).contributor());
            List<IStatus> errors = log.await(IStatus.ERROR, message -> message.contains("org.example.broken"));
            assertEquals(1, errors.size(), () -> "one error naming the contributor, got " + log.withSeverity(
                    IStatus.ERROR));
            String message = errors.get(0).getMessage();
            assertTrue(message.startsWith("Skipped error code "), message);
            assertTrue(message.contains(reason), () -> "\"" + message + "\" should say " + reason);
        }
    }

    @Test
    void theFirstContributorByNameWinsWhateverTheOrderOfInstallation() throws Exception {
        try (LogCapture log = new LogCapture();
                FreshRegistry fresh = FreshRegistry.withPoint()
                        .contribute("org.example.zeta", """
                                <code value="0x8FFF1001" title="Zeta's"><message>Z</message></code>""")
                        .contribute("org.example.alpha", """
                                <code value="0x8FFF1001" title="Alpha's"><message>A</message></code>""")) {
            ErrorCode code = ErrorCatalog.of(fresh.registry()).get(0x8FFF1001).orElseThrow();

            assertEquals("Alpha's", code.title());
            assertEquals("org.example.alpha", code.contributor());
            List<IStatus> warnings = log.await(IStatus.WARNING, message -> message.contains("org.example.zeta"));
            assertEquals(List.of("Ignored error code 0x8FFF1001 contributed by org.example.zeta: the catalog already"
                    + " has 0x8FFF1001 from org.example.alpha."),
                    warnings.stream().map(IStatus::getMessage).toList());
            assertEquals(List.of(), log.withSeverity(IStatus.ERROR));
        }
    }

    @Test
    void aSymbolicNameNamesOneCode() throws Exception {
        try (LogCapture log = new LogCapture();
                FreshRegistry fresh = FreshRegistry.withPoint().contribute("org.example.good", GOOD)
                        .contribute("org.example.other", """
                                <code value="0x8FFF1002" symbolicName="Example_E_Good" title="T"><message>M</message></code>
                                <code value="0x8FFF1003" symbolicName="EXAMPLE_E_THIRD" title="T"><message>M</message></code>""")) {
            ErrorCatalog catalog = ErrorCatalog.of(fresh.registry());

            assertEquals(List.of("0x8FFF1001", "0x8FFF1003"), keys(catalog.all()));
            assertEquals(Optional.empty(), catalog.get(0x8FFF1002));
            List<IStatus> warnings = log.await(IStatus.WARNING, message -> message.contains("org.example.other"));
            assertEquals(1, warnings.size(), warnings::toString);
            assertEquals("Ignored error code 0x8FFF1002 (Example_E_Good) contributed by org.example.other: the symbolic"
                    + " name Example_E_Good already names 0x8FFF1001 (EXAMPLE_E_GOOD) from org.example.good.",
                    warnings.get(0).getMessage());
        }
    }

    @Test
    void listsEntriesByScenarioThenValue() {
        try (FreshRegistry fresh = FreshRegistry.withPoint()
                .contribute("org.example.b", """
                        <code value="0x80000002" title="T"><message>M</message></code>
                        <code value="0x800B0101" scenario="4" title="T"><message>M</message></code>
                        <code symbolicName="EXAMPLE_NO_CODE" scenario="8" title="T"><message>M</message></code>
                        <code value="809" scenario="2" title="T"><message>M</message></code>
                        <code symbolicName="EXAMPLE_A_NO_CODE" title="T"><message>M</message></code>""")
                .contribute("org.example.a", """
                        <code value="0x7FFFFFFF" title="T"><message>M</message></code>
                        <code value="0x80092013" scenario="2" title="T"><message>M</message></code>
                        <code value="0x80000001" scenario="8" title="T"><message>M</message></code>
                        <code value="5" title="T"><message>M</message></code>""")) {
            ErrorCatalog catalog = ErrorCatalog.of(fresh.registry());

            assertEquals(List.of("809", "0x80092013", "0x800B0101", "0x80000001", "EXAMPLE_NO_CODE", "5", "0x7FFFFFFF",
                    "0x80000002", "EXAMPLE_A_NO_CODE"), keys(catalog.all()));
            assertEquals(List.of("809", "0x80092013"), keys(catalog.scenario(2)));
            assertEquals(List.of("0x80000001", "EXAMPLE_NO_CODE"), keys(catalog.scenario(8)));
            assertEquals(List.of(), keys(catalog.scenario(3)));
            assertEquals("809", catalog.lookup("scenario 2").orElseThrow().key(), "a scenario's first entry");
        }
    }

    @Test
    void anEntryWithoutValueIsFoundByNameAndScenario() {
        try (FreshRegistry fresh = FreshRegistry.withPoint().contribute("org.example.b", """
                <code symbolicName="EXAMPLE_NO_CODE" scenario="8" title="Nothing arrives">
                   <message>Nothing arrives.</message>
                   <cause>A cause.</cause>
                </code>""")) {
            ErrorCatalog catalog = ErrorCatalog.of(fresh.registry());

            ErrorCode code = catalog.lookup("example_no_code").orElseThrow();
            assertEquals(OptionalInt.empty(), code.value());
            assertEquals("EXAMPLE_NO_CODE", code.key());
            assertEquals(code, catalog.lookup("Scenario 8").orElseThrow());
            assertEquals(code, catalog.lookup(code.key()).orElseThrow(), "the key finds the entry again");
        }
    }

    @Test
    void everyKeyFindsItsEntryAgain() {
        try (FreshRegistry fresh = FreshRegistry.withPoint().contribute("org.example.b", GOOD + """
                <code value="809" title="T"><message>M</message></code>
                <code value="0x00090312" title="T"><message>M</message></code>
                <code symbolicName="EXAMPLE_NO_CODE" title="T"><message>M</message></code>""")) {
            ErrorCatalog catalog = ErrorCatalog.of(fresh.registry());

            assertEquals(4, catalog.all().size());
            for (ErrorCode code : catalog.all()) {
                assertEquals(Optional.of(code), catalog.lookup(code.key()), code.key());
            }
        }
    }

    @Test
    void aCatalogOfElementsOrdersThemByContributor() {
        try (FreshRegistry fresh = FreshRegistry.withPoint()
                .contribute("org.example.zeta", """
                        <code value="0x8FFF1001" title="Zeta's"><message>Z</message></code>
                        <code value="0x8FFF1002" title="Zeta's"><message>Z</message></code>""")
                .contribute("org.example.alpha", """
                        <code value="0x8FFF1001" title="Alpha's"><message>A</message></code>""")) {
            List<IConfigurationElement> elements = new ArrayList<>(Arrays.asList(
                    fresh.registry().getConfigurationElementsFor(SstpDoctorCore.EXTENSION_POINT_ERROR_CODES)));
            Collections.reverse(elements);

            ErrorCatalog catalog = ErrorCatalog.of(elements);

            assertEquals("Alpha's", catalog.get(0x8FFF1001).orElseThrow().title());
            assertEquals("Zeta's", catalog.get(0x8FFF1002).orElseThrow().title());
            assertEquals(ErrorCatalog.of(fresh.registry()).all(), catalog.all());
        }
    }

    @Test
    void aRegistryWithoutThePointGivesAnEmptyCatalog() {
        try (FreshRegistry fresh = FreshRegistry.withoutPoint()) {
            ErrorCatalog catalog = ErrorCatalog.of(fresh.registry());
            assertEquals(List.of(), catalog.all());
            assertEquals(Optional.empty(), catalog.lookup("809"));
        }
    }

    @Test
    void theCatalogCannotBeChangedThroughItsList() {
        try (FreshRegistry fresh = FreshRegistry.withPoint().contribute("org.example.good", GOOD)) {
            List<ErrorCode> all = ErrorCatalog.of(fresh.registry()).all();
            org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, () -> all.clear());
        }
    }

    static List<String> keys(List<ErrorCode> codes) {
        return codes.stream().map(ErrorCode::key).toList();
    }
}
