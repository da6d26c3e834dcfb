package org.sstpdoctor.kb947031.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.core.checks.CheckerRegistry;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.ServerResult;
import org.sstpdoctor.kb947031.KbFindings;
import org.sstpdoctor.remote.commands.CommandCatalog;

/** A checker contributed by another bundle runs in the same engine run as the KB947031 ones. */
class ThirdPartyCheckerTest {

    @TempDir
    Path folder;

    @Test
    void itsFindingsAppearBesideTheKbOnes() throws Exception {
        assertTrue(CheckerRegistry.getDefault().checker("org.example.sstp.foreignListener").isPresent());
        WindowsOutputs outputs = new WindowsOutputs().bind(Pki.server().certificate())
                .fixture(CommandCatalog.FIREWALL, "powershell", "firewall/disabled.json");
        String netstat = outputs.outputs().get(CommandCatalog.LISTENERS)[1]
                .replace("0.0.0.0:443            0.0.0.0:0              LISTENING       4",
                        "0.0.0.0:443            0.0.0.0:0              LISTENING       2288");
        outputs.set(CommandCatalog.LISTENERS, "legacy", netstat);
        ServerResult result = TestServers.check(TestServers.bundled(folder, outputs),
                TestServers.KB.or(d -> d.id().equals("org.example.sstp.foreignListener")));
        List<String> kinds = result.findings().stream().map(Finding::kind).sorted().toList();
        assertEquals(List.of(KbFindings.FIREWALL_RULE_DISABLED, ThirdPartyChecker.KIND).stream().sorted().toList(), kinds,
                () -> result.findings().stream().map(f -> f.kind() + ": " + f.message()).toList().toString());
        Finding foreign = result.findings().stream().filter(f -> f.kind().equals(ThirdPartyChecker.KIND)).findFirst()
                .orElseThrow();
        assertEquals("org.example.sstp.foreignListener", foreign.checkerId());
        assertTrue(foreign.message().contains("2288"), foreign.message());
    }
}
