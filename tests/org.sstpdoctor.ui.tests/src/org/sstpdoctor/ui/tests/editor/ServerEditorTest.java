package org.sstpdoctor.ui.tests.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstpdoctor.ui.tests.UiTestSupport.find;
import static org.sstpdoctor.ui.tests.UiTestSupport.texts;
import static org.sstpdoctor.ui.tests.UiTestSupport.waitFor;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.forms.editor.FormPage;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sstpdoctor.core.checks.CheckEngine;
import org.sstpdoctor.core.checks.CheckSettings;
import org.sstpdoctor.core.checks.CheckerRegistry;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.Inventory;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.inventory.ServerConfig;
import org.sstpdoctor.ui.internal.editor.ServerEditor;
import org.sstpdoctor.ui.tests.remediation.FlagContributions;
import org.sstpdoctor.ui.tests.remediation.TestInventory;

/** The server editor edits a server file and shows its findings with their evidence. */
class ServerEditorTest {

    @AfterEach
    void closeEditors() {
        FlagContributions.FLAGGED.clear();
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().closeAllEditors(false);
    }

    @Test
    void editsThePortAndShowsTheFindings() throws Exception {
        Server server = TestInventory.server("editor.example.test");
        FlagContributions.FLAGGED.add(server.host());
        new CheckEngine(CheckerRegistry.getDefault(), CheckSettings.DEFAULT).check(List.of(server),
                d -> d.id().equals("uitest.flag"), null, new NullProgressMonitor());

        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        ServerEditor editor = (ServerEditor) IDE.openEditor(page, server.file(), ServerEditor.ID, true);
        assertEquals("editor.example.test", editor.getPartName());
        Composite control = editor.getSite().getShell();

        Spinner port = find(control, Spinner.class, s -> s.getSelection() == 443);
        assertNotNull(port, "no SSTP port field showing 443");
        port.setSelection(8443);
        port.notifyListeners(SWT.Modify, new org.eclipse.swt.widgets.Event());
        assertTrue(editor.isDirty());
        editor.doSave(new NullProgressMonitor());
        assertFalse(editor.isDirty());
        Server saved = Inventory.getDefault().find("uitest", "editor.example.test").orElseThrow();
        assertEquals(8443, saved.config().sstpPort());
        String json = new String(saved.file().getContents().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"sstpPort\": 8443"), json);
        assertEquals(server.config().credentialRef(), saved.config().credentialRef(), "saving kept the credential reference");

        editor.setActivePage("findings");
        Table table = find(control, Table.class, t -> true);
        waitFor(() -> table.getItemCount() == 1, "the finding in the table");
        assertEquals("809", table.getItem(0).getText(1));
        assertEquals("The SstpSvc service is stopped", table.getItem(0).getText(3));
        table.select(0);
        table.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
        assertTrue(texts(control).contains("Reported by uitest.flag (uitest.flagged)"), texts(control));
    }

    @Test
    void winRmAuthenticationIsChosenCheckedAndSaved() throws Exception {
        Inventory inventory = Inventory.getDefault();
        Server server = inventory.find("uitest", "winrm-editor.example.test").orElseGet(() -> {
            try {
                return inventory.add("uitest", "winrm-editor.example.test", new ServerConfig("winrm-editor.example.test",
                        443, new ManagementChannel(ChannelKind.WINRM, 5985, "CONTOSO\\admin", Map.of()), List.of(), "",
                        null));
            } catch (CoreException e) {
                throw new IllegalStateException(e);
            }
        });
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        ServerEditor editor = (ServerEditor) IDE.openEditor(page, server.file(), ServerEditor.ID, true);
        Composite control = editor.getSite().getShell();
        FormPage form = (FormPage) editor.getActivePageInstance();

        Combo auth = find(control, Combo.class, c -> List.of(c.getItems()).contains("kerberos"));
        Combo transport = find(control, Combo.class, c -> List.of(c.getItems()).contains("https"));
        Text realm = find(control, Text.class, t -> "empty: the system's krb5.conf".equals(t.getMessage()));
        Text kdc = find(control, Text.class, t -> "host[:port], with the realm".equals(t.getMessage()));
        assertEquals("ntlm", auth.getText(), "NTLM unless the file says otherwise");
        assertEquals("http", transport.getText());
        assertFalse(realm.getEnabled(), "the Kerberos fields are for Kerberos only");

        choose(auth, "basic");
        assertTrue(form.getManagedForm().getForm().getMessage().contains("in the clear"),
                "Basic over HTTP: " + form.getManagedForm().getForm().getMessage());
        choose(auth, "kerberos");
        assertTrue(realm.getEnabled());
        realm.setText("CONTOSO.TEST");
        assertTrue(form.getManagedForm().getForm().getMessage() != null
                && form.getManagedForm().getForm().getMessage().startsWith("WinRM:"),
                "a realm without its KDC: " + form.getManagedForm().getForm().getMessage());
        kdc.setText("kdc.contoso.test:88");
        assertEquals(null, form.getManagedForm().getForm().getMessage());
        editor.doSave(new NullProgressMonitor());
        assertFalse(editor.isDirty());

        Map<String, String> saved = inventory.find("uitest", "winrm-editor.example.test").orElseThrow().config()
                .channel().options();
        assertEquals(Map.of("transport", "http", "auth", "kerberos", "realm", "CONTOSO.TEST", "kdc",
                "kdc.contoso.test:88"), saved);
    }

    private static void choose(Combo combo, String item) {
        combo.select(List.of(combo.getItems()).indexOf(item));
        combo.notifyListeners(SWT.Modify, new org.eclipse.swt.widgets.Event());
    }
}
