package org.sstpdoctor.kb947031.tests;

import org.junit.jupiter.api.Nested;
import org.sstpdoctor.core.tests.contract.CheckerContractTest;
import org.sstpdoctor.core.tests.contract.EvidenceContext;
import org.sstpdoctor.remote.commands.CommandCatalog;

/** The core's checker contract, kept by each KB947031 checker that reads the server's state alone. */
class KbCheckerContractTests {

    private static final WindowsOutputs HEALTHY = new WindowsOutputs().bind(Pki.server().certificate());

    abstract static class Contract extends CheckerContractTest {
        private final String id;
        private final WindowsOutputs broken;

        Contract(String id, WindowsOutputs broken) {
            this.id = "org.sstpdoctor.kb947031." + id;
            this.broken = broken;
        }

        @Override
        protected String checkerId() {
            return id;
        }

        @Override
        protected EvidenceContext healthy() {
            return States.context(HEALTHY);
        }

        @Override
        protected EvidenceContext broken() {
            return States.context(broken);
        }
    }

    @Nested
    class Error809 extends Contract {
        Error809() {
            super("error809", new WindowsOutputs().bind(Pki.server().certificate()).fixture(CommandCatalog.SERVICES,
                    "legacy", "services/sc-query-sstpsvc-stopped.txt"));
        }
    }

    @Nested
    class NoServerCertificate extends Contract {
        NoServerCertificate() {
            super("noServerCertificate", new WindowsOutputs().store(Pki.clientAuthOnly().certificate(), true));
        }
    }

    @Nested
    class ExpiredCertificate extends Contract {
        ExpiredCertificate() {
            super("expiredCertificate", new WindowsOutputs().bind(Pki.server(-400, -35).certificate()));
        }
    }

    @Nested
    class NameMismatch extends Contract {
        NameMismatch() {
            super("nameMismatch", new WindowsOutputs().bind(Pki.named("vpn.example.org").certificate()));
        }
    }

    @Nested
    class NoIncomingSstp extends Contract {
        NoIncomingSstp() {
            super("noIncomingSstp", new WindowsOutputs().bind(Pki.server().certificate())
                    .fixture(CommandCatalog.FIREWALL, "powershell", "firewall/disabled.json"));
        }
    }

    @Nested
    class CertificateHealth extends Contract {
        CertificateHealth() {
            super("certificateHealth", new WindowsOutputs().bind(Pki.server(-300, 10).certificate()));
        }
    }
}
