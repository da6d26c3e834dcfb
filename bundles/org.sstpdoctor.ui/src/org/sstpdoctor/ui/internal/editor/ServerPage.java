package org.sstpdoctor.ui.internal.editor;

import java.util.Arrays;
import java.util.List;

import org.eclipse.equinox.security.storage.StorageException;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.forms.IManagedForm;
import org.eclipse.ui.forms.editor.FormPage;
import org.eclipse.ui.forms.widgets.FormToolkit;
import org.eclipse.ui.forms.widgets.ScrolledForm;
import org.eclipse.ui.forms.widgets.Section;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.CredentialStore;
import org.sstpdoctor.core.inventory.HostNames;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.inventory.ServerConfig;
import org.sstpdoctor.core.inventory.ServerFileFormat;

/**
 * Connection, management channel, credentials and notes of a server. The password field never
 * shows a stored secret: it is empty, says whether one is stored, and stores what is typed
 * (Secure Storage) when the person chooses Store.
 */
final class ServerPage extends FormPage {

    static final String PAGE_ID = "server";

    private final ServerEditor editor;
    private Text host;
    private Spinner sstpPort;
    private Combo channel;
    private Spinner channelPort;
    private Combo winRmTransport;
    private Combo winRmAuth;
    private Text realm;
    private Text kdc;
    private Text user;
    private Text tags;
    private Text notes;
    private Text password;
    private Label passwordState;
    private boolean filling;
    private boolean dirty;

    ServerPage(ServerEditor editor) {
        super(editor, PAGE_ID, "Server");
        this.editor = editor;
    }

    @Override
    protected void createFormContent(IManagedForm managedForm) {
        ScrolledForm form = managedForm.getForm();
        FormToolkit toolkit = managedForm.getToolkit();
        Server server = editor.server();
        form.setText(server.name() + (server.site().isEmpty() ? "" : "  (" + server.site() + ")"));
        toolkit.decorateFormHeading(form.getForm());
        GridLayoutFactory.fillDefaults().numColumns(2).equalWidth(true).margins(10, 10).applyTo(form.getBody());
        if (!server.isReadable()) {
            form.setMessage(server.problem(), org.eclipse.jface.dialogs.IMessageProvider.ERROR);
            toolkit.createLabel(form.getBody(), "Fix the file by hand (it is plain JSON), or delete the server.");
            return;
        }
        Composite connection = section(toolkit, form, "Connection", "How VPN clients reach the server.");
        host = field(toolkit, connection, "Host name:");
        sstpPort = spinner(toolkit, connection, "SSTP port:");

        Composite management = section(toolkit, form, "Management",
                "How SSTP Doctor reads the server's own state and applies fixes.");
        toolkit.createLabel(management, "Channel:");
        channel = new Combo(management, SWT.READ_ONLY);
        channel.setItems(Arrays.stream(ChannelKind.values()).map(ChannelKind::id).toArray(String[]::new));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(channel);
        channelPort = spinner(toolkit, management, "Port:");
        winRmTransport = combo(toolkit, management, "WinRM transport:", WINRM_TRANSPORTS);
        winRmAuth = combo(toolkit, management, "WinRM authentication:", WINRM_AUTHS);
        realm = field(toolkit, management, "Kerberos realm:");
        realm.setMessage("empty: the system's krb5.conf");
        kdc = field(toolkit, management, "Kerberos KDC:");
        kdc.setMessage("host[:port], with the realm");
        user = field(toolkit, management, "User:");
        toolkit.createLabel(management, "Password:");
        password = toolkit.createText(management, "", SWT.PASSWORD | SWT.BORDER);
        password.setMessage("type a new password to store it");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(password);
        toolkit.createLabel(management, "");
        Composite buttons = toolkit.createComposite(management);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(buttons);
        Button store = toolkit.createButton(buttons, "Store in Secure Storage", SWT.PUSH);
        Button forget = toolkit.createButton(buttons, "Forget", SWT.PUSH);
        passwordState = toolkit.createLabel(buttons, "");
        store.addListener(SWT.Selection, e -> storePassword());
        forget.addListener(SWT.Selection, e -> forgetPassword());

        Composite other = section(toolkit, form, "Notes", "Tags for filtering, and anything worth knowing.");
        tags = field(toolkit, other, "Tags:");
        toolkit.createLabel(other, "Notes:");
        notes = toolkit.createText(other, "", SWT.MULTI | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 80).applyTo(notes);

        fill(server);
        for (Text t : List.of(host, user, tags, notes, realm, kdc)) {
            t.addModifyListener(e -> changed());
        }
        winRmTransport.addModifyListener(e -> changed());
        winRmAuth.addModifyListener(e -> changed());
        sstpPort.addModifyListener(e -> changed());
        channelPort.addModifyListener(e -> changed());
        channel.addModifyListener(e -> changed());
    }

    private Composite section(FormToolkit toolkit, ScrolledForm form, String title, String description) {
        Section section = toolkit.createSection(form.getBody(), Section.TITLE_BAR | Section.DESCRIPTION);
        section.setText(title);
        section.setDescription(description);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(section);
        Composite client = toolkit.createComposite(section);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(client);
        section.setClient(client);
        return client;
    }

    private static Text field(FormToolkit toolkit, Composite parent, String label) {
        toolkit.createLabel(parent, label);
        Text text = toolkit.createText(parent, "", SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(text);
        return text;
    }

    /** The WinRM transports: HTTP with message encryption, or HTTPS. */
    private static final String[] WINRM_TRANSPORTS = { "http", "https" };
    /** The WinRM authentications: NTLM and Kerberos encrypt every message over HTTP; Basic only over HTTPS. */
    private static final String[] WINRM_AUTHS = { "ntlm", "kerberos", "basic" };

    private static Combo combo(FormToolkit toolkit, Composite parent, String label, String[] items) {
        toolkit.createLabel(parent, label);
        Combo combo = new Combo(parent, SWT.READ_ONLY);
        combo.setItems(items);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(combo);
        return combo;
    }

    private static void select(Combo combo, String value) {
        int i = Arrays.asList(combo.getItems()).indexOf(value);
        combo.select(Math.max(0, i));
    }

    /** Whether the edited channel is WinRM, whose own settings are then enabled. */
    private boolean winRm() {
        return ChannelKind.values()[Math.max(0, channel.getSelectionIndex())] == ChannelKind.WINRM;
    }

    private void enableWinRm() {
        boolean on = winRm();
        for (org.eclipse.swt.widgets.Control c : List.of(winRmTransport, winRmAuth, realm, kdc)) {
            c.setEnabled(on);
        }
        boolean kerberos = on && "kerberos".equals(winRmAuth.getText());
        realm.setEnabled(kerberos);
        kdc.setEnabled(kerberos);
    }

    private static Spinner spinner(FormToolkit toolkit, Composite parent, String label) {
        toolkit.createLabel(parent, label);
        Spinner s = new Spinner(parent, SWT.BORDER);
        s.setValues(443, 0, 65535, 0, 1, 100);
        return s;
    }

    private void fill(Server server) {
        filling = true;
        try {
            ServerConfig c = server.config();
            host.setText(c.host());
            sstpPort.setSelection(c.sstpPort());
            channel.select(c.channel().kind().ordinal());
            channelPort.setSelection(c.channel().port());
            user.setText(c.channel().user());
            java.util.Map<String, String> o = c.channel().options();
            select(winRmTransport, o.getOrDefault("transport", c.channel().port() == 5986 ? "https" : "http")
                    .toLowerCase(java.util.Locale.ROOT));
            String auth = o.getOrDefault("auth", "ntlm").toLowerCase(java.util.Locale.ROOT);
            select(winRmAuth, auth.equals("negotiate") ? "kerberos" : auth);
            realm.setText(o.getOrDefault("realm", ""));
            kdc.setText(o.getOrDefault("kdc", ""));
            enableWinRm();
            tags.setText(String.join(", ", c.tags()));
            notes.setText(c.notes());
            password.setText("");
            updatePasswordState();
        } finally {
            filling = false;
        }
        dirty = false;
    }

    private void changed() {
        if (!filling && !dirty) {
            dirty = true;
            editor.editorDirtyStateChanged();
        }
        if (!filling) {
            enableWinRm();
            getManagedForm().getForm().setMessage(problem(), problem() == null ? 0
                    : org.eclipse.jface.dialogs.IMessageProvider.ERROR);
        }
    }

    @Override
    public boolean isDirty() {
        return dirty;
    }

    /** What is wrong with the edited values, or null. */
    String problem() {
        if (host == null) {
            return null;
        }
        String h = host.getText().strip();
        if (HostNames.problem(h) != null) {
            return "Host name: " + HostNames.problem(h);
        }
        if (sstpPort.getSelection() < 1) {
            return "The SSTP port must be 1-65535.";
        }
        if (winRm()) {
            String winRm = ServerFileFormat.winRmProblem(new ManagementChannel(ChannelKind.WINRM,
                    channelPort.getSelection(), user.getText().strip(), options(editor.server().config().channel())));
            if (winRm != null) {
                return "WinRM: " + winRm;
            }
        }
        return null;
    }

    /** The channel options as edited: the WinRM settings from the fields, every other option kept. */
    private java.util.Map<String, String> options(ManagementChannel old) {
        java.util.Map<String, String> o = new java.util.TreeMap<>(old.options());
        if (!winRm()) {
            return o;
        }
        o.put("transport", winRmTransport.getText());
        o.put("auth", winRmAuth.getText());
        for (String key : List.of("realm", "kdc")) {
            String value = (key.equals("realm") ? realm : kdc).getText().strip();
            if (value.isEmpty() || !"kerberos".equals(winRmAuth.getText())) {
                o.remove(key);
            } else {
                o.put(key, value);
            }
        }
        return o;
    }

    /** The edited configuration, or null when it is not valid. */
    ServerConfig edited() {
        if (host == null || problem() != null) {
            return null;
        }
        ChannelKind kind = ChannelKind.values()[Math.max(0, channel.getSelectionIndex())];
        List<String> tagList = Arrays.stream(tags.getText().split(",")).map(String::strip).filter(t -> !t.isEmpty())
                .toList();
        ServerConfig old = editor.server().config();
        return new ServerConfig(host.getText().strip(), sstpPort.getSelection(),
                new ManagementChannel(kind, channelPort.getSelection(), user.getText().strip(), options(old.channel())),
                tagList, notes.getText(), old.credentialRef());
    }

    void saved(Server server) {
        fill(server);
    }

    private void storePassword() {
        char[] secret = password.getTextChars();
        if (secret.length == 0) {
            MessageDialog.openInformation(getSite().getShell(), "Store password", "Type the password first.");
            return;
        }
        try {
            CredentialStore.getDefault().store(editor.server().config().credentialRef(), user.getText().strip(), secret,
                    null);
        } catch (StorageException e) {
            MessageDialog.openError(getSite().getShell(), "Store password",
                    "Secure Storage did not take the password: " + e.getMessage());
        } finally {
            Arrays.fill(secret, '\0');
            password.setText("");
        }
        updatePasswordState();
    }

    private void forgetPassword() {
        try {
            CredentialStore.getDefault().delete(editor.server().config().credentialRef());
        } catch (StorageException e) {
            MessageDialog.openError(getSite().getShell(), "Forget password", e.getMessage());
        }
        updatePasswordState();
    }

    private void updatePasswordState() {
        boolean stored;
        try {
            stored = CredentialStore.getDefault().has(editor.server().config().credentialRef());
        } catch (StorageException e) {
            stored = false;
        }
        passwordState.setText(stored ? "A password is stored." : "No password stored.");
        passwordState.getParent().layout();
    }
}
