package org.sstpdoctor.remote.tests.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sstpdoctor.remote.commands.ParseProblem;
import org.sstpdoctor.remote.commands.ParseResult;
import org.sstpdoctor.remote.commands.ServicesEvidence;
import org.sstpdoctor.remote.commands.ServicesEvidence.StartType;
import org.sstpdoctor.remote.commands.ServicesEvidence.State;
import org.sstpdoctor.remote.commands.ServicesParser;

/** {@code sc query remoteaccess}, {@code sc query sstpsvc} and the Get-Service JSON. */
class ServicesParserTest {

    private static final List<String> NAMES = ServicesEvidence.SSTP_SERVICES;

    private static ParseResult<ServicesEvidence> sc(String fixture) {
        return ServicesParser.parseScQuery(Fixtures.read("services/" + fixture), NAMES);
    }

    private static ParseResult<ServicesEvidence> json(String fixture) {
        return ServicesParser.parseJson(Fixtures.read("services/" + fixture), NAMES);
    }

    @ParameterizedTest(name = "{0}: RemoteAccess {1}, SstpSvc {2}")
    @CsvSource(delimiter = '|', textBlock = """
            sc-query-running.txt                | RUNNING | RUNNING       | true
            sc-query-sstpsvc-stopped.txt        | RUNNING | STOPPED       | true
            sc-query-remoteaccess-stopped.txt   | STOPPED | RUNNING       | true
            sc-query-sstpsvc-not-installed.txt  | RUNNING | NOT_INSTALLED | true
            sc-query-exit-code-grouped.txt      | RUNNING | STOPPED       | true
            sc-query-truncated-after-state.txt  | RUNNING | UNKNOWN       | false
            sc-query-truncated-in-state.txt     | RUNNING | UNKNOWN       | false
            sc-query-state-mismatch.txt         | RUNNING | UNKNOWN       | false
            sc-query-garbled.txt                | UNKNOWN | UNKNOWN       | false
            """)
    void readsScQuery(String fixture, State remoteAccess, State sstp, boolean clean) {
        ParseResult<ServicesEvidence> result = sc(fixture);
        assertEquals(remoteAccess, result.value().service("RemoteAccess").state(), result::toString);
        assertEquals(sstp, result.value().service("SstpSvc").state(), result::toString);
        assertEquals(clean, result.isClean(), result::toString);
        assertEquals(List.of("RemoteAccess", "SstpSvc").size(), result.value().services().size());
    }

    @ParameterizedTest(name = "{0}: RemoteAccess {1} {2}, SstpSvc {3} {4}")
    @CsvSource(delimiter = '|', textBlock = """
            ps51.json                         | RUNNING | AUTOMATIC | RUNNING       | MANUAL  | true
            ps7.json                          | RUNNING | AUTOMATIC | RUNNING       | MANUAL  | true
            ps7-remoteaccess-stopped.json     | STOPPED | DISABLED  | RUNNING       | MANUAL  | true
            ps51-value-count.json             | STOPPED | DISABLED  | RUNNING       | MANUAL  | true
            ps-single-object.json             | UNKNOWN | UNKNOWN   | RUNNING       | MANUAL  | false
            ps-not-found.json                 | RUNNING | AUTOMATIC | NOT_INSTALLED | UNKNOWN | true
            ps-truncated.json                 | UNKNOWN | UNKNOWN   | UNKNOWN       | UNKNOWN | false
            ps-unknown-status.json            | UNKNOWN | AUTOMATIC | UNKNOWN       | MANUAL  | false
            """)
    void readsJson(String fixture, State remoteAccess, StartType remoteAccessStart, State sstp, StartType sstpStart,
            boolean clean) {
        ParseResult<ServicesEvidence> result = json(fixture);
        assertEquals(remoteAccess, result.value().service("RemoteAccess").state(), result::toString);
        assertEquals(remoteAccessStart, result.value().service("RemoteAccess").startType(), result::toString);
        assertEquals(sstp, result.value().service("SstpSvc").state(), result::toString);
        assertEquals(sstpStart, result.value().service("SstpSvc").startType(), result::toString);
        assertEquals(clean, result.isClean(), result::toString);
    }

    @Test
    void readsTheWholeEntryOfAStoppedService() {
        ServicesEvidence.Service sstp = sc("sc-query-sstpsvc-stopped.txt").value().service("sstpsvc");
        assertEquals("sstpsvc", sstp.name());
        assertEquals(OptionalInt.of(1077), sstp.win32ExitCode());
        assertEquals(StartType.UNKNOWN, sstp.startType());
        assertFalse(sstp.isRunning());
    }

    @Test
    void readsAnExitCodeWithGroupedDigitsAgainstItsHexadecimalForm() {
        assertEquals(OptionalInt.of(1077), sc("sc-query-exit-code-grouped.txt").value().service("SstpSvc").win32ExitCode());
    }

    @Test
    void aStateLineWithoutTheRestOfTheEntryIsNotRunning() {
        ParseResult<ServicesEvidence> result = sc("sc-query-truncated-after-state.txt");
        assertFalse(result.value().service("SstpSvc").isRunning());
        assertEquals(List.of(new ParseProblem(11,
                "the entry of sstpsvc lacks WIN32_EXIT_CODE, SERVICE_EXIT_CODE, CHECKPOINT, WAIT_HINT"
                        + " (the output was cut off?); its state is not trusted")),
                result.problems());
    }

    @Test
    void aCodeThatContradictsTheNameIsNotTrusted() {
        ParseResult<ServicesEvidence> result = sc("sc-query-state-mismatch.txt");
        assertEquals(List.of(new ParseProblem(13, "STATE \"1  RUNNING\": the code and the name do not agree")),
                result.problems());
    }

    @Test
    void aMissingServiceIsReportedAsNotInstalledNotAsAProblem() {
        ParseResult<ServicesEvidence> result = sc("sc-query-sstpsvc-not-installed.txt");
        assertTrue(result.isClean(), result::toString);
        assertEquals(Optional.empty(), result.value().service("SstpSvc").displayName());
    }

    @Test
    void readsTheDisplayNameAndMapsTheEnumNumbersOfPowerShell51() {
        ServicesEvidence evidence = json("ps51.json").value();
        assertEquals(Optional.of("Routing and Remote Access"), evidence.service("remoteaccess").displayName());
        assertTrue(evidence.service("RemoteAccess").isRunning());
    }

    @Test
    void aSingleObjectIsReadAsAListOfOne() {
        ParseResult<ServicesEvidence> result = json("ps-single-object.json");
        assertEquals(List.of(new ParseProblem(0, "the output has no entry for the service RemoteAccess")),
                result.problems());
    }

    @Test
    void namesTheValuesItDoesNotKnow() {
        List<String> problems = json("ps-unknown-status.json").problems().stream().map(ParseProblem::message).toList();
        assertEquals(List.of("unknown value 9 at $[0].Status", "the entry of RemoteAccess has no Status",
                "unknown Status \"L\u00e4uft\" of SstpSvc"), problems);
    }

    @Test
    void aTruncatedDocumentSaysSo() {
        assertEquals(List.of(new ParseProblem(1, "the JSON ends too early (the output was cut off)")),
                json("ps-truncated.json").problems());
    }
}
