package org.sstpdoctor.core.tests.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sstpdoctor.core.SstpDoctorCore;
import org.sstpdoctor.core.errors.ErrorCatalog;
import org.sstpdoctor.core.errors.ErrorCode;

/** The core's doc/error-codes.md ships in the bundle and says what the catalog does. */
class ErrorCodesDocTest {

    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");

    private static String doc;

    @BeforeAll
    static void readDoc() throws IOException {
        URL url = Platform.getBundle(SstpDoctorCore.PLUGIN_ID).getEntry("doc/error-codes.md");
        assertNotNull(url, "doc/error-codes.md is not packaged in " + SstpDoctorCore.PLUGIN_ID);
        try (InputStream in = url.openStream()) {
            doc = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyAcceptedFormFindsWhatTheDocSays() {
        List<String[]> rows = table("## Looking a code up");
        assertTrue(rows.size() >= 9, "the table of accepted forms has its rows");
        for (String[] row : rows) {
            String example = code(row[1]);
            String expected = code(row[2]);
            assertEquals(expected, ErrorCatalog.getDefault().lookup(example).map(ErrorCode::key).orElse("nothing"),
                    "lookup(\"" + example + "\")");
        }
    }

    @Test
    void everyRejectedExampleFindsNothing() {
        String section = section("## Looking a code up");
        String rejected = section.substring(section.indexOf("Rejected"));
        List<String> examples = codes(rejected);
        assertTrue(examples.size() >= 8, "the doc gives rejected examples");
        for (String example : examples) {
            assertEquals(Optional.empty(), ErrorCatalog.getDefault().lookup(example), "lookup(\"" + example + "\")");
        }
    }

    @Test
    void theWrittenFormsAreWhatTheEntriesAnswer() throws Exception {
        for (String[] row : table("## How the catalog writes a code")) {
            String method = code(row[0]).replaceFirst("^ErrorCode\\.", "").replace("()", "");
            for (int column = 1; column <= 2; column++) {
                String key = column == 1 ? "0x800B0101" : "809";
                ErrorCode code = ErrorCatalog.getDefault().lookup(key).orElseThrow();
                assertEquals(code(row[column]), ErrorCode.class.getMethod(method).invoke(code), method + " of " + key);
            }
        }
    }

    @Test
    void theListOfShippedCodesIsTheCoresContribution() {
        List<String> documented = new ArrayList<>();
        for (String[] row : table("## The codes the core contributes")) {
            String value = row[0].equals("(none)") ? "" : code(row[0]);
            documented.add(value + " " + code(row[1]) + " " + row[2]);
        }
        List<String> shipped = ErrorCatalog.getDefault().all().stream()
                .filter(code -> code.contributor().equals(SstpDoctorCore.PLUGIN_ID))
                .map(code -> code.hex() + " " + code.symbolicName() + " "
                        + (code.scenario().isPresent() ? code.scenario().getAsInt() : ""))
                .toList();
        assertEquals(shipped, documented);
    }

    /** The rows of the first table after a heading, header and separator left out, cells trimmed. */
    private static List<String[]> table(String heading) {
        List<String[]> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : section(heading).split("\n")) {
            if (line.startsWith("|")) {
                inTable = true;
                String[] cells = line.substring(1, line.length() - 1).split("\\|", -1);
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].strip();
                }
                rows.add(cells);
            } else if (inTable) {
                break;
            }
        }
        assertFalse(rows.size() < 3, "no table after " + heading);
        return rows.subList(2, rows.size());
    }

    private static String section(String heading) {
        int start = doc.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, "doc/error-codes.md has no section " + heading);
        int end = doc.indexOf("\n## ", start + 1);
        return doc.substring(start, end < 0 ? doc.length() : end);
    }

    private static String code(String cell) {
        List<String> codes = codes(cell);
        assertEquals(1, codes.size(), () -> "one `code` in the cell \"" + cell + "\"");
        return codes.get(0);
    }

    private static List<String> codes(String text) {
        List<String> codes = new ArrayList<>();
        Matcher matcher = CODE_SPAN.matcher(text);
        while (matcher.find()) {
            codes.add(matcher.group(1));
        }
        return codes;
    }
}
