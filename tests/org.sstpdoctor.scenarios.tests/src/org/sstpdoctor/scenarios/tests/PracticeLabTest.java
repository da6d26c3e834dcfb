package org.sstpdoctor.scenarios.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstpdoctor.ui.tests.UiTestSupport.waitFor;

import java.time.Duration;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sstpdoctor.core.checks.CheckEngine;
import org.sstpdoctor.core.checks.CheckSettings;
import org.sstpdoctor.core.checks.CheckerRegistry;
import org.sstpdoctor.core.checks.ServerResult;
import org.sstpdoctor.core.inventory.Inventory;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.lab.LabInventory;
import org.sstpdoctor.lab.LabScenario;
import org.sstpdoctor.ui.internal.lab.PracticeLab;

/**
 * The practice lab in the workbench: Servers &gt; Start Practice Lab starts the simulated servers
 * in this process and lists them in the inventory's lab site, each labelled simulated, logging in
 * with the lab's own key (nothing in Secure Storage, so no master password is asked for), so that
 * they are checked over the network and over SSH at once.
 */
class PracticeLabTest {

    @AfterEach
    void stop() {
        PracticeLab.stop();
    }

    @Test
    void startPracticeLabListsTheSimulatedServersAndTheyCanBeChecked() throws Exception {
        PlatformUI.getWorkbench().getService(IHandlerService.class)
                .executeCommand("org.sstpdoctor.ui.commands.startPracticeLab", null);
        waitFor(() -> PracticeLab.isRunning() && Job.getJobManager().find(PracticeLab.FAMILY).length == 0,
                "the practice lab to start");

        Inventory inventory = Inventory.getDefault();
        List<Server> lab = inventory.servers().stream().filter(s -> s.site().equals(LabInventory.SITE)).toList();
        assertEquals(LabScenario.values().length, lab.size(), lab.toString());
        for (Server s : lab) {
            assertTrue(s.config().tags().contains(LabInventory.TAG), s.toString());
            assertTrue(s.config().notes().startsWith("Simulated RRAS server"), s.config().notes());
            assertEquals("labadmin", s.config().channel().user());
            assertTrue(s.config().channel().options().get("identityFile").endsWith("lab-client-key"),
                    s.config().channel().options().toString());
            assertFalse(inventory.credentials().has(s.config().credentialRef()),
                    "the lab needs nothing in Secure Storage (which would ask for its master password)");
        }

        Server healthy = inventory.find(LabInventory.SITE, LabScenario.HEALTHY.hostName()).orElseThrow();
        ServerResult r = new CheckEngine(CheckerRegistry.getDefault(),
                new CheckSettings(2, Duration.ofSeconds(30), Duration.ofSeconds(60), false))
                .check(List.of(healthy), d -> true, null, new NullProgressMonitor()).results().get(0);
        assertEquals(List.of(), r.findings(), "the lab's healthy server");
        assertTrue(r.sources().contains("org.sstpdoctor.kb947031.noIncomingSstp"), "the KB checkers ran: " + r.sources());

        PracticeLab.stop();
        assertFalse(PracticeLab.isRunning());
    }
}
