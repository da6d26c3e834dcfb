package org.sstpdoctor.ui.tests.preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sstpdoctor.core.checks.CheckPreferences;
import org.sstpdoctor.core.checks.CheckSettings;
import org.sstpdoctor.ui.internal.preferences.ChecksPreferencePage;
import org.sstpdoctor.ui.tests.UiTestSupport;

/** The SSTP Doctor preference page edits the settings the check engine uses; bad input is refused. */
class ChecksPreferencePageTest {

    private Shell shell;

    @AfterEach
    void tearDown() throws Exception {
        if (shell != null) {
            shell.dispose();
        }
        CheckPreferences.node().clear();
        CheckPreferences.node().flush();
    }

    @Test
    void valuesTypedOnThePageAreTheEngineSettings() {
        shell = new Shell(Display.getDefault());
        shell.setLayout(new FillLayout());
        ChecksPreferencePage page = new ChecksPreferencePage();
        page.init(PlatformUI.getWorkbench());
        page.createControl(shell);
        List<Text> fields = new java.util.ArrayList<>();
        UiTestSupport.visit(shell, c -> {
            if (c instanceof Text t) {
                fields.add(t);
            }
        });
        assertEquals(3, fields.size());
        assertEquals(String.valueOf(CheckSettings.DEFAULT.concurrency()), fields.get(0).getText());

        type(fields.get(0), "0"); // below the range
        assertFalse(page.isValid(), "a concurrency of 0 was accepted");

        type(fields.get(0), "8");
        type(fields.get(1), "12");
        type(fields.get(2), "90");
        assertTrue(page.isValid(), page.getErrorMessage());
        assertTrue(page.performOk());

        CheckSettings s = CheckPreferences.current();
        assertEquals(8, s.concurrency());
        assertEquals(Duration.ofSeconds(12), s.checkerTimeout());
        assertEquals(Duration.ofSeconds(90), s.serverTimeout());
    }

    /** Types {@code value} as a person would: the field editor validates on key strokes. */
    private static void type(Text field, String value) {
        field.setText(value);
        field.notifyListeners(SWT.Modify, new org.eclipse.swt.widgets.Event());
        field.notifyListeners(SWT.KeyUp, new org.eclipse.swt.widgets.Event());
        field.notifyListeners(SWT.KeyDown, new org.eclipse.swt.widgets.Event());
    }
}
