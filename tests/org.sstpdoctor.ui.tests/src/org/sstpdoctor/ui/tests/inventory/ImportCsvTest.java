package org.sstpdoctor.ui.tests.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstpdoctor.ui.tests.UiTestSupport.onShell;
import static org.sstpdoctor.ui.tests.UiTestSupport.press;
import static org.sstpdoctor.ui.tests.UiTestSupport.texts;
import static org.sstpdoctor.ui.tests.UiTestSupport.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.Inventory;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.ui.internal.inventory.ImportCsvHandler;
import org.sstpdoctor.ui.tests.UiTestSupport.Answer;

/** Import Servers from CSV adds the good rows and tells which rows it rejected, and why. */
class ImportCsvTest {

    @Test
    void goodRowsAreAddedAndBadRowsReportedByLine(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("servers.csv");
        Files.writeString(csv, "host,port,site,channel\n"
                + "vpn-a.csv.test,443,csv/paris,ssh\n"
                + "vpn-b.csv.test,99999,csv/paris,ssh\n"
                + "vpn-c.csv.test,8443,csv/london,none\n"
                + "bad host!,443,csv,ssh\n");
        AtomicReference<String> report = new AtomicReference<>();
        Answer answer = onShell(ImportCsvHandler.RESULT_TITLE, dialog -> {
            report.set(texts(dialog));
            press(dialog, "OK");
        });
        ICommandService commands = PlatformUI.getWorkbench().getService(ICommandService.class);
        ParameterizedCommand command = ParameterizedCommand.generateCommand(
                commands.getCommand("org.sstpdoctor.ui.commands.importCsv"), Map.of(ImportCsvHandler.FILE, csv.toString()));
        PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand(command, null);
        waitFor(() -> report.get() != null, "the import report");
        answer.check();

        assertTrue(report.get().contains("2 servers added from servers.csv."), report.get());
        assertTrue(report.get().contains("2 rows were not imported:"), report.get());
        assertTrue(report.get().contains("line 3:"), report.get());
        assertTrue(report.get().contains("line 5:"), report.get());
        Server c = Inventory.getDefault().find("csv/london", "vpn-c.csv.test").orElseThrow();
        assertEquals(8443, c.config().sstpPort());
        assertEquals(ChannelKind.NONE, c.config().channel().kind());
        assertTrue(Inventory.getDefault().find("csv/paris", "vpn-a.csv.test").isPresent());
    }
}
