package org.sstpdoctor.ui.tests.preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sstpdoctor.probe.ProbeTarget;
import org.sstpdoctor.probe.evidence.ProbeEvidenceSettings;
import org.sstpdoctor.ui.internal.preferences.ProbePreferencePage;
import org.sstpdoctor.ui.tests.UiTestSupport;

/**
 * Preferences > SSTP Doctor > Network and Certificates: the proxy, expiry warning window and
 * revocation setting typed on the page are the settings the network checks read.
 */
class ProbePreferencePageTest {

    private Shell shell;

    @AfterEach
    void tearDown() throws Exception {
        if (shell != null) {
            shell.dispose();
        }
        var node = InstanceScope.INSTANCE.getNode(ProbeEvidenceSettings.PREFERENCES_NODE);
        node.clear();
        node.flush();
    }

    @Test
    void valuesTypedOnThePageAreTheProbeSettings() {
        assertNull(ProbeEvidenceSettings.current().proxy());
        shell = new Shell(Display.getDefault());
        shell.setLayout(new FillLayout());
        ProbePreferencePage page = new ProbePreferencePage();
        page.init(PlatformUI.getWorkbench());
        page.createControl(shell);
        List<Text> fields = new ArrayList<>();
        UiTestSupport.visit(shell, c -> {
            if (c instanceof Text t) {
                fields.add(t);
            }
        });
        assertEquals(2, fields.size());
        assertEquals("", fields.get(0).getText());
        assertEquals(String.valueOf(ProbeEvidenceSettings.DEFAULT.expiryWarningDays()), fields.get(1).getText());

        type(fields.get(0), "proxy.contoso.test");
        assertFalse(page.isValid(), "a proxy without a port was accepted");
        type(fields.get(0), "proxy.contoso.test:99999");
        assertFalse(page.isValid(), "a proxy port out of range was accepted");
        type(fields.get(0), "bad host!:8080");
        assertFalse(page.isValid(), "an invalid proxy host was accepted");
        type(fields.get(0), "proxy.contoso.test:3128");
        type(fields.get(1), "5000");
        assertFalse(page.isValid(), "an expiry window beyond ten years was accepted");
        type(fields.get(1), "45");
        Button revocation = UiTestSupport.find(shell, Button.class, b -> (b.getStyle() & SWT.CHECK) != 0);
        assertTrue(revocation.getSelection(), "revocation checking is on by default");
        revocation.setSelection(false);
        revocation.notifyListeners(SWT.Selection, new Event());
        assertTrue(page.isValid(), page.getErrorMessage());
        assertTrue(page.performOk());

        ProbeEvidenceSettings s = ProbeEvidenceSettings.current();
        assertEquals(new ProbeTarget.HttpProxy("proxy.contoso.test", 3128), s.proxy());
        assertEquals(45, s.expiryWarningDays());
        assertFalse(s.checkRevocation());
        assertEquals("proxy.contoso.test:3128", s.target("vpn.contoso.test", 443).proxy().toString(),
                "the probes do not go through the proxy");
    }

    private static void type(Text field, String value) {
        field.setText(value);
        field.notifyListeners(SWT.Modify, new Event());
        field.notifyListeners(SWT.KeyUp, new Event());
        field.notifyListeners(SWT.KeyDown, new Event());
    }
}
