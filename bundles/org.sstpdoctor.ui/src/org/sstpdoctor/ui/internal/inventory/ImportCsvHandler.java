package org.sstpdoctor.ui.internal.inventory;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;
import org.sstpdoctor.core.inventory.CsvImport;
import org.sstpdoctor.core.inventory.ImportResult;
import org.sstpdoctor.core.inventory.Inventory;

/**
 * Import Servers from CSV: reads a file of {@code host,port,site,channel[,name,tags]} rows in
 * the background, adds every good row, and reports each rejected row with its line and reason.
 * The command's parameter {@value #FILE} names the file; without it a file dialog asks.
 */
public final class ImportCsvHandler extends AbstractHandler {

    /** The command parameter naming the CSV file. */
    public static final String FILE = "org.sstpdoctor.ui.commands.importCsv.file";

    /** The title of the result dialog. */
    public static final String RESULT_TITLE = "Import Servers from CSV";

    @Override
    public Object execute(ExecutionEvent event) {
        Shell shell = HandlerUtil.getActiveWorkbenchWindow(event).getShell();
        String file = event.getParameter(FILE);
        if (file == null) {
            FileDialog dialog = new FileDialog(shell, SWT.OPEN);
            dialog.setText("Import Servers from CSV");
            dialog.setFilterExtensions(new String[] { "*.csv", "*.*" });
            file = dialog.open();
            if (file == null) {
                return null;
            }
        }
        Path path = Path.of(file);
        Display display = shell.getDisplay();
        Job job = Job.create("Importing servers from " + path.getFileName(), monitor -> {
            ImportResult result;
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                result = CsvImport.importServers(Inventory.getDefault(), reader);
            } catch (IOException | CoreException e) {
                display.asyncExec(() -> MessageDialog.openError(display.getActiveShell(), RESULT_TITLE,
                        "Could not import " + path + ":\n\n" + e.getMessage()));
                return Status.OK_STATUS;
            }
            display.asyncExec(() -> report(display.getActiveShell(), path, result));
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
        return null;
    }

    private static void report(Shell shell, Path path, ImportResult result) {
        StringBuilder text = new StringBuilder();
        text.append(result.added().size()).append(result.added().size() == 1 ? " server" : " servers")
                .append(" added from ").append(path.getFileName()).append('.');
        if (!result.rejected().isEmpty()) {
            text.append("\n\n").append(result.rejected().size())
                    .append(result.rejected().size() == 1 ? " row was" : " rows were").append(" not imported:");
            result.rejected().stream().limit(50).forEach(r -> text.append("\n  line ").append(r.line()).append(": ")
                    .append(r.reason()));
            if (result.rejected().size() > 50) {
                text.append("\n  ...");
            }
        }
        if (result.rejected().isEmpty()) {
            MessageDialog.openInformation(shell, RESULT_TITLE, text.toString());
        } else {
            MessageDialog.openWarning(shell, RESULT_TITLE, text.toString());
        }
    }
}
