package org.sstpdoctor.remote.tests.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sstpdoctor.remote.commands.CatalogEntry;
import org.sstpdoctor.remote.commands.CertStoreEvidence;
import org.sstpdoctor.remote.commands.CommandCatalog;
import org.sstpdoctor.remote.commands.CommandForm;
import org.sstpdoctor.remote.commands.EventsEvidence;
import org.sstpdoctor.remote.commands.FirewallEvidence;
import org.sstpdoctor.remote.commands.IpFamily;
import org.sstpdoctor.remote.commands.ListenersEvidence;
import org.sstpdoctor.remote.commands.ParseResult;
import org.sstpdoctor.remote.commands.RasSstpEvent;
import org.sstpdoctor.remote.commands.RemoteAccessEvidence;
import org.sstpdoctor.remote.commands.RrasFiltersEvidence;
import org.sstpdoctor.remote.commands.ServicesEvidence;
import org.sstpdoctor.remote.commands.SslCertEvidence;
import org.sstpdoctor.remote.commands.SstpRegistryEvidence;
import org.sstpdoctor.remote.commands.Verdict;

/**
 * Every form of every catalog command, fed what a broken channel delivers: nothing, binary noise,
 * an HTML error page, JSON cut off, JSON of the wrong shape, a line or an output too long. No
 * parser throws, each reports a problem, and none gives a verdict of any kind, healthy or not.
 */
class GarbageTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    /** For each evidence type: true when it answers nothing (every verdict unknown). */
    private static final Map<Class<?>, Predicate<Object>> ANSWERS_NOTHING = Map.of(
            ServicesEvidence.class, e -> ((ServicesEvidence) e).services().stream()
                    .allMatch(s -> s.state() == ServicesEvidence.State.UNKNOWN),
            ListenersEvidence.class, e -> ((ListenersEvidence) e).listening(443, IpFamily.IPV4) == Verdict.UNKNOWN
                    && ((ListenersEvidence) e).listening(443, IpFamily.IPV6) == Verdict.UNKNOWN,
            SslCertEvidence.class, e -> ((SslCertEvidence) e).hasWildcardBinding(IpFamily.IPV4, 443) == Verdict.UNKNOWN
                    && ((SslCertEvidence) e).hasWildcardBinding(IpFamily.IPV6, 443) == Verdict.UNKNOWN,
            SstpRegistryEvidence.class, e -> ((SstpRegistryEvidence) e).keyState() == SstpRegistryEvidence.KeyState.UNKNOWN
                    && ((SstpRegistryEvidence) e).effectiveListenerPort().equals(OptionalInt.empty()),
            CertStoreEvidence.class, e -> ((CertStoreEvidence) e).hasUsableServerCertificate(NOW) == Verdict.UNKNOWN,
            RemoteAccessEvidence.class, e -> ((RemoteAccessEvidence) e).vpnStatus() == RemoteAccessEvidence.InstallState.UNKNOWN
                    && ((RemoteAccessEvidence) e).sstpPorts().isEmpty(),
            FirewallEvidence.class, e -> ((FirewallEvidence) e).allowsInboundTcp(443) == Verdict.UNKNOWN,
            RrasFiltersEvidence.class, e -> ((RrasFiltersEvidence) e).blocksInboundTcp(443) == Verdict.UNKNOWN
                    && ((RrasFiltersEvidence) e).blocksOutboundTcp(443) == Verdict.UNKNOWN,
            EventsEvidence.class, e -> ((EventsEvidence) e).contains(RasSstpEvent.SHA256_HASH_INVALID) == Verdict.UNKNOWN);

    private static final String TOO_LARGE = "x".repeat(16 * 1024 * 1024 + 1);

    static List<String> garbage() {
        List<String> garbage = new ArrayList<>();
        garbage.add(null);
        garbage.add("");
        garbage.add(" \r\n\t\r\n");
        garbage.add("\uFEFF");
        garbage.add("\u0000\u0001\u0002\u0003\u00ff\u00fe\ufffd");
        garbage.add("<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>\r\n");
        garbage.add("Access is denied.\r\n");
        garbage.add("{");
        garbage.add("[{\"Name\":\"RemoteAccess\",\"Status\":");
        garbage.add("null");
        garbage.add("true");
        garbage.add("42");
        garbage.add("\"RUNNING\"");
        garbage.add("{\"a\":1}");
        garbage.add("[1,2,3]");
        garbage.add("{} {}");
        garbage.add("WARNING: Resulting JSON is truncated as serialization has exceeded the set depth of 2.\r\n");
        garbage.add("[".repeat(10_000) + "]".repeat(10_000));
        garbage.add("y".repeat(70_000) + "\r\n");
        garbage.add(TOO_LARGE);
        Random random = new Random(947031);
        for (int i = 0; i < 20; i++) {
            byte[] bytes = new byte[random.nextInt(4096)];
            random.nextBytes(bytes);
            garbage.add(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return garbage;
    }

    static Stream<Arguments> formsAndGarbage() {
        List<Arguments> arguments = new ArrayList<>();
        List<String> garbage = garbage();
        for (CatalogEntry<?> entry : CommandCatalog.entries()) {
            for (CommandForm<?> form : entry.forms()) {
                for (int i = 0; i < garbage.size(); i++) {
                    arguments.add(Arguments.of(entry.id() + " " + form.kind() + " #" + i, entry, form, garbage.get(i)));
                }
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formsAndGarbage")
    void garbageGivesProblemsAndNoVerdict(String name, CatalogEntry<?> entry, CommandForm<?> form, String output) {
        ParseResult<?> result = form.parse(output);
        assertFalse(result.isClean(), () -> name + " read garbage cleanly: " + result);
        assertTrue(entry.evidenceType().isInstance(result.value()), name);
        assertTrue(ANSWERS_NOTHING.get(entry.evidenceType()).test(result.value()), () -> name + " answered: " + result);
        result.problems().forEach(problem -> assertFalse(problem.message().isBlank(), name));
        assertTrue(result.problems().size() <= 101, name);
    }

    static Stream<Arguments> forms() {
        return CommandCatalog.entries().stream()
                .flatMap(entry -> entry.forms().stream().map(form -> Arguments.of(entry.id() + " " + form.kind(), form)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void saysWhyItReadNothing(String name, CommandForm<?> form) {
        assertEquals("the command printed nothing", form.parse("  \r\n").problems().get(0).message(), name);
        assertEquals("there is no output", form.parse(null).problems().get(0).message(), name);
        assertEquals("the output is 16777217 characters long, more than the 16777216 this parser reads; it was not read",
                form.parse(TOO_LARGE).problems().get(0).message(), name);
    }
}
