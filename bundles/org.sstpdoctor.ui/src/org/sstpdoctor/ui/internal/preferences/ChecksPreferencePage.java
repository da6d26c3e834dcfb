package org.sstpdoctor.ui.internal.preferences;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.sstpdoctor.core.SstpDoctorCore;
import org.sstpdoctor.core.checks.CheckPreferences;
import org.sstpdoctor.core.checks.CheckSettings;

/**
 * Preferences > SSTP Doctor: how many servers are checked at once and how long a checker and a
 * server may take. Kept in the core's preferences, so the command line uses the same values.
 */
public final class ChecksPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public ChecksPreferencePage() {
        super(GRID);
        setDescription("How checks run. A checker or server that takes longer is stopped and reported as"
                + " not checked; the other servers are not held up.");
    }

    @Override
    public void init(IWorkbench workbench) {
        ScopedPreferenceStore store = new ScopedPreferenceStore(InstanceScope.INSTANCE, SstpDoctorCore.PLUGIN_ID);
        CheckSettings d = CheckSettings.DEFAULT;
        store.setDefault(CheckPreferences.CONCURRENCY, d.concurrency());
        store.setDefault(CheckPreferences.CHECKER_TIMEOUT, (int) d.checkerTimeout().toSeconds());
        store.setDefault(CheckPreferences.SERVER_TIMEOUT, (int) d.serverTimeout().toSeconds());
        setPreferenceStore(store);
    }

    @Override
    protected void createFieldEditors() {
        IntegerFieldEditor concurrency = new IntegerFieldEditor(CheckPreferences.CONCURRENCY,
                "Servers checked at &once:", getFieldEditorParent());
        concurrency.setValidRange(CheckPreferences.MIN_CONCURRENCY, CheckPreferences.MAX_CONCURRENCY);
        addField(concurrency);
        IntegerFieldEditor checker = new IntegerFieldEditor(CheckPreferences.CHECKER_TIMEOUT,
                "Time limit of one &checker (seconds):", getFieldEditorParent());
        checker.setValidRange(CheckPreferences.MIN_TIMEOUT_SECONDS, CheckPreferences.MAX_TIMEOUT_SECONDS);
        addField(checker);
        IntegerFieldEditor server = new IntegerFieldEditor(CheckPreferences.SERVER_TIMEOUT,
                "Time limit of one &server (seconds):", getFieldEditorParent());
        server.setValidRange(CheckPreferences.MIN_TIMEOUT_SECONDS, CheckPreferences.MAX_TIMEOUT_SECONDS);
        addField(server);
    }
}
