package org.sstpdoctor.ui.tests.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstpdoctor.ui.tests.UiTestSupport.find;
import static org.sstpdoctor.ui.tests.UiTestSupport.onShell;
import static org.sstpdoctor.ui.tests.UiTestSupport.press;
import static org.sstpdoctor.ui.tests.UiTestSupport.texts;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.AfterEach;
import org.sstpdoctor.ui.tests.UiTestSupport.Answer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sstpdoctor.core.checks.CheckEngine;
import org.sstpdoctor.core.checks.CheckSettings;
import org.sstpdoctor.core.checks.CheckerRegistry;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.ui.internal.explain.ExplainErrorCodeDialog;
import org.sstpdoctor.ui.tests.remediation.FlagContributions;
import org.sstpdoctor.ui.tests.remediation.TestInventory;

/** Explain Error Code takes a code in any form and names the servers that have it now. */
class ExplainErrorCodeTest {

    @AfterEach
    void cleanUp() {
        FlagContributions.FLAGGED.clear();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "0x800B0109   | 0x800B0109 (CERT_E_UNTRUSTEDROOT) | Root CA not trusted by the client",
        "-2146762487  | 0x800B0109 (CERT_E_UNTRUSTEDROOT) | Root CA not trusted by the client",
        "cert_e_untrustedroot | 0x800B0109 (CERT_E_UNTRUSTEDROOT) | Root CA not trusted by the client",
        "809          | 809 (ERROR_VPN_TIMEOUT)           | VPN server not responding",
        "-2146885613  | 0x80092013 (CRYPT_E_REVOCATION_OFFLINE) | Certificate revocation check failed" })
    void explainsACodeInAnyFormAndNamesTheServersWithIt(String typed, String display, String title) throws Exception {
        Server server = TestInventory.server("explain.example.test");
        FlagContributions.FLAGGED.add(server.host()); // the flag checker reports 809
        new CheckEngine(CheckerRegistry.getDefault(), CheckSettings.DEFAULT).check(List.of(server),
                d -> d.id().equals("uitest.flag"), null, new NullProgressMonitor());

        AtomicReference<String> shown = new AtomicReference<>();
        Answer answer1 = onShell(ExplainErrorCodeDialog.TITLE, dialog -> {
            Text input = find(dialog, Text.class, t -> "e.g. 0x800B0109 or -2146762487".equals(t.getMessage()));
            input.setText(typed);
            input.notifyListeners(SWT.Modify, null);
            shown.set(texts(dialog));
            press(dialog, "Close");
        });
        PlatformUI.getWorkbench().getService(IHandlerService.class)
                .executeCommand("org.sstpdoctor.ui.commands.explainErrorCode", null);
        answer1.check();

        String text = shown.get();
        assertTrue(text.contains(display), text);
        assertTrue(text.contains(title), text);
        assertTrue(text.contains("Causes:"), text);
        boolean has809 = display.startsWith("809");
        assertEquals(has809, text.contains("explain.example.test"), "servers listed: " + text);
    }
}
