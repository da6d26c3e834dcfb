package org.sstpdoctor.kb947031.tests;

import java.util.Map;

import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.tests.contract.EvidenceContext;
import org.sstpdoctor.remote.commands.CatalogEntry;
import org.sstpdoctor.remote.commands.CommandCatalog;
import org.sstpdoctor.remote.commands.FormKind;
import org.sstpdoctor.remote.evidence.ServerState;
import org.sstpdoctor.remote.evidence.ServerStateProvider;

/** Server states parsed from a server's outputs by the catalog's own parsers, for checkers called directly. */
final class States {

    private States() {
    }

    static ServerState of(WindowsOutputs outputs) {
        ServerState.Builder b = ServerState.over("test channel to 127.0.0.1");
        for (Map.Entry<String, String[]> e : outputs.outputs().entrySet()) {
            CatalogEntry<?> entry = CommandCatalog.entry(e.getKey()).orElseThrow();
            FormKind kind = e.getValue()[0].equals("legacy") ? FormKind.LEGACY_TEXT : FormKind.POWERSHELL;
            b.parsed(e.getKey(), entry.form(kind).orElseThrow().parse(e.getValue()[1]), e.getValue()[1]);
        }
        return b.build();
    }

    /** A check context of a server on 127.0.0.1:443 whose state is {@code outputs}. */
    static EvidenceContext context(WindowsOutputs outputs) {
        Server server = TestServers.server(Pki.HOST, 443, ManagementChannel.NONE);
        return new EvidenceContext(server).with(ServerStateProvider.ID, of(outputs));
    }
}
