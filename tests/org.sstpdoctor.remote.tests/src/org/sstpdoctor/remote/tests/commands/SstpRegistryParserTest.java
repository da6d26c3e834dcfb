package org.sstpdoctor.remote.tests.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sstpdoctor.remote.commands.ParseProblem;
import org.sstpdoctor.remote.commands.ParseResult;
import org.sstpdoctor.remote.commands.SstpRegistryEvidence;
import org.sstpdoctor.remote.commands.SstpRegistryEvidence.KeyState;
import org.sstpdoctor.remote.commands.SstpRegistryEvidence.Value;
import org.sstpdoctor.remote.commands.SstpRegistryEvidence.ValueKind;
import org.sstpdoctor.remote.commands.SstpRegistryParser;

/** {@code reg query ...\SstpSvc\Parameters}, the catalog script's JSON and Get-ItemProperty's. */
class SstpRegistryParserTest {

    private static ParseResult<SstpRegistryEvidence> parse(String fixture) {
        String output = Fixtures.read("sstpRegistry/" + fixture);
        return fixture.endsWith(".json") ? SstpRegistryParser.parseJson(output) : SstpRegistryParser.parseRegQuery(output);
    }

    @ParameterizedTest(name = "{0}: {1}, port {2}")
    @CsvSource(delimiter = '|', textBlock = """
            reg-healthy.txt           | PRESENT | 443  | SERVER | SERVER | true
            reg-listener-8443.txt     | PRESENT | 8443 | SERVER | SERVER | true
            reg-listener-443.txt      | PRESENT | 443  | SERVER | SERVER | true
            reg-old-hash.txt          | PRESENT | 443  | OLD    | OLD    | true
            reg-hash-as-string.txt    | PRESENT | 443  | -      | -      | true
            reg-missing.txt           | MISSING | -    | -      | -      | true
            reg-garbled-port.txt      | PRESENT | -    | SERVER | SERVER | false
            reg-garbled-line.txt      | PRESENT | -    | SERVER | SERVER | false
            reg-truncated.txt         | PRESENT | 8443 | SERVER | -      | false
            reg-german-error.txt      | UNKNOWN | -    | -      | -      | false
            ps.json                   | PRESENT | 8443 | SERVER | SERVER | true
            ps51-kind-numbers.json    | PRESENT | 443  | OLD    | OLD    | true
            ps-missing.json           | MISSING | -    | -      | -      | true
            get-itemproperty.json     | PRESENT | 443  | SERVER | SERVER | true
            ps-bad-port.json          | PRESENT | -    | SERVER | -      | true
            """)
    void readsThePortAndTheHashes(String fixture, KeyState state, String port, String sha256, String sha1, boolean clean) {
        ParseResult<SstpRegistryEvidence> result = parse(fixture);
        SstpRegistryEvidence evidence = result.value();
        assertEquals(state, evidence.keyState(), result::toString);
        assertEquals(port.equals("-") ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(port)),
                evidence.effectiveListenerPort(), result::toString);
        assertEquals(hash(sha256, 256), evidence.sha256CertificateHash(), result::toString);
        assertEquals(hash(sha1, 1), evidence.sha1CertificateHash(), result::toString);
        assertEquals(clean, result.isClean(), result::toString);
    }

    private static Optional<String> hash(String name, int bits) {
        return switch (name) {
        case "SERVER" -> Optional.of(bits == 1 ? Fixtures.SERVER_SHA1 : Fixtures.SERVER_SHA256);
        case "OLD" -> Optional.of(bits == 1 ? Fixtures.OLD_SHA1 : Fixtures.OLD_SHA256);
        default -> Optional.empty();
        };
    }

    @Test
    void readsEveryValueWithItsType() {
        SstpRegistryEvidence evidence = parse("reg-listener-8443.txt").value();
        assertEquals(List.of(
                new Value("ServiceDll", ValueKind.EXPAND_SZ, OptionalLong.empty(), "", List.of("%SystemRoot%\\system32\\sstpsvc.dll")),
                new Value("ServiceDllUnloadOnStop", ValueKind.DWORD, OptionalLong.of(1), "", List.of()),
                new Value("ListenerPort", ValueKind.DWORD, OptionalLong.of(8443), "", List.of()),
                new Value("UseHttps", ValueKind.DWORD, OptionalLong.of(1), "", List.of()),
                new Value("Sha256CertificateHash", ValueKind.BINARY, OptionalLong.empty(), Fixtures.SERVER_SHA256, List.of()),
                new Value("Sha1CertificateHash", ValueKind.BINARY, OptionalLong.empty(), Fixtures.SERVER_SHA1, List.of())),
                evidence.values());
        assertEquals(Optional.of(true), evidence.useHttps());
        assertEquals(OptionalInt.of(8443), evidence.listenerPort());
        assertEquals(evidence.values().get(2), evidence.value("listenerport").orElseThrow());
    }

    @Test
    void aHashOfTheWrongTypeOrLengthIsNoHash() {
        SstpRegistryEvidence evidence = parse("reg-hash-as-string.txt").value();
        assertEquals(ValueKind.SZ, evidence.value("Sha256CertificateHash").orElseThrow().kind());
        assertEquals(15, evidence.value("Sha1CertificateHash").orElseThrow().byteLength());
        assertEquals(List.of("one", "two"), evidence.value("Extra").orElseThrow().strings());
    }

    @Test
    void anUnreadableListenerPortIsNeverTheDefault() {
        ParseResult<SstpRegistryEvidence> garbled = parse("reg-garbled-port.txt");
        assertEquals(List.of(new ParseProblem(5,
                "the value ListenerPort (REG_DWORD) holds \"0x1bz\", not a hexadecimal number")), garbled.problems());
        assertEquals(OptionalInt.empty(), garbled.value().listenerPort());

        ParseResult<SstpRegistryEvidence> line = parse("reg-garbled-line.txt");
        assertEquals(1, line.problems().size(), line::toString);
        assertEquals(4, line.problems().get(0).line());
    }

    @Test
    void readsAnotherLanguagesErrorAsAProblem() {
        assertEquals(List.of(new ParseProblem(1, "not the key name or the error reg.exe writes in English: "
                + "\"FEHLER: Der angegebene Registrierungsschl\u00fcssel bzw. Wert wurde nicht gefunden.\""),
                new ParseProblem(0, "reg.exe printed neither the key nor the error that it does not exist")),
                parse("reg-german-error.txt").problems());
    }

    @Test
    void readsDwordsAsUnsignedAndThe51ArrayWrapper() {
        SstpRegistryEvidence evidence = parse("ps51-kind-numbers.json").value();
        assertEquals(OptionalLong.of(0xFFFFFFFFL), evidence.value("Flags").orElseThrow().number());
        assertEquals(ValueKind.EXPAND_SZ, evidence.value("ServiceDll").orElseThrow().kind());
    }

    @Test
    void aListenerPortOfTheWrongTypeIsNoPort() {
        SstpRegistryEvidence evidence = parse("ps-bad-port.json").value();
        assertEquals(ValueKind.SZ, evidence.value("ListenerPort").orElseThrow().kind());
        assertEquals(OptionalInt.empty(), evidence.listenerPort());
    }

    @Test
    void aJsonObjectThatIsNotTheKeyIsNotReadAsIt() {
        ParseResult<SstpRegistryEvidence> result = SstpRegistryParser.parseJson("{\"ListenerPort\":443}");
        assertEquals(KeyState.UNKNOWN, result.value().keyState());
        assertEquals(OptionalInt.empty(), result.value().effectiveListenerPort());
    }
}
