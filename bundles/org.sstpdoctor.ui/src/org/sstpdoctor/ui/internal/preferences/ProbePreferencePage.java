package org.sstpdoctor.ui.internal.preferences;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.BooleanFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.sstpdoctor.core.inventory.HostNames;
import org.sstpdoctor.probe.evidence.ProbeEvidenceSettings;

/**
 * Preferences > SSTP Doctor > Network and Certificates: the HTTP proxy the probes go through as
 * the clients do, how many days before expiry a certificate is reported, and whether revocation
 * is checked. Kept in the probe's preferences ({@link ProbeEvidenceSettings#PREFERENCES_NODE}),
 * which every network check reads when it starts.
 */
public final class ProbePreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public ProbePreferencePage() {
        super(GRID);
        setDescription("How the network checks meet a server, as a Windows SSTP client does. The values apply"
                + " to the next check.");
    }

    @Override
    public void init(IWorkbench workbench) {
        ScopedPreferenceStore store = new ScopedPreferenceStore(InstanceScope.INSTANCE,
                ProbeEvidenceSettings.PREFERENCES_NODE);
        ProbeEvidenceSettings d = ProbeEvidenceSettings.DEFAULT;
        store.setDefault(ProbeEvidenceSettings.KEY_PROXY, "");
        store.setDefault(ProbeEvidenceSettings.KEY_EXPIRY_WARNING_DAYS, d.expiryWarningDays());
        store.setDefault(ProbeEvidenceSettings.KEY_CHECK_REVOCATION, d.checkRevocation());
        setPreferenceStore(store);
    }

    @Override
    protected void createFieldEditors() {
        StringFieldEditor proxy = new StringFieldEditor(ProbeEvidenceSettings.KEY_PROXY,
                "HTTP &proxy (host:port, empty for none):", getFieldEditorParent()) {
            @Override
            protected boolean doCheckState() {
                String error = proxyError(getStringValue());
                setErrorMessage(error);
                return error == null;
            }
        };
        proxy.setEmptyStringAllowed(true);
        addField(proxy);
        IntegerFieldEditor days = new IntegerFieldEditor(ProbeEvidenceSettings.KEY_EXPIRY_WARNING_DAYS,
                "Warn of certificate &expiry this many days ahead:", getFieldEditorParent());
        days.setValidRange(0, 3650);
        addField(days);
        addField(new BooleanFieldEditor(ProbeEvidenceSettings.KEY_CHECK_REVOCATION,
                "Check &revocation (CRL and OCSP) as the clients do", getFieldEditorParent()));
    }

    /** Why {@code value} is not a proxy the probes can use, or null when it is (empty: no proxy). */
    static String proxyError(String value) {
        String v = value.strip();
        if (v.isEmpty()) {
            return null;
        }
        int colon = v.lastIndexOf(':');
        if (colon <= 0 || colon == v.length() - 1) {
            return "Write the proxy as host:port, e.g. proxy.contoso.com:8080";
        }
        String host = v.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(v.substring(colon + 1));
            if (port < 1 || port > 65535) {
                return "The proxy's port must be 1-65535";
            }
        } catch (NumberFormatException e) {
            return "The proxy's port must be a number: " + v.substring(colon + 1);
        }
        String problem = HostNames.problem(host);
        return problem == null ? null : "The proxy's host is not valid: " + problem;
    }
}
