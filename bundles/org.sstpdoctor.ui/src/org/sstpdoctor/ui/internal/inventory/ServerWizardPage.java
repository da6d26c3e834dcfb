package org.sstpdoctor.ui.internal.inventory;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.HostNames;
import org.sstpdoctor.core.inventory.InventoryNames;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.ServerConfig;

/**
 * A server's connection: host name as clients use it, SSTP port, site, name, management
 * channel, tags and notes, validated as typed. Passwords are not entered here: they go to
 * Secure Storage from the server editor.
 */
final class ServerWizardPage extends WizardPage {

    private final List<String> sites;
    private final String initialSite;
    private Text host;
    private Spinner sstpPort;
    private Combo site;
    private Text name;
    private Combo channel;
    private Spinner channelPort;
    private Text user;
    private Text tags;
    private Text notes;
    private boolean nameTouched;

    ServerWizardPage(List<String> sites, String initialSite) {
        super("server");
        this.sites = sites;
        this.initialSite = initialSite;
        setTitle("RRAS Server");
        setDescription("The server as VPN clients reach it, and how SSTP Doctor manages it.");
        setPageComplete(false);
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(c);
        host = text(c, "&Host name:", "The name clients put in their VPN connection, e.g. vpn.contoso.com");
        sstpPort = spinner(c, "SSTP &port:", ServerConfig.DEFAULT_SSTP_PORT);
        label(c, "&Site:");
        site = new Combo(c, SWT.DROP_DOWN);
        site.setItems(sites.toArray(String[]::new));
        site.setText(initialSite);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(site);
        name = text(c, "&Name:", "Defaults to the host name");
        label(c, "&Management:");
        channel = new Combo(c, SWT.READ_ONLY);
        channel.setItems(Arrays.stream(ChannelKind.values()).map(this::channelLabel).toArray(String[]::new));
        channel.select(ChannelKind.SSH.ordinal());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(channel);
        channelPort = spinner(c, "Management p&ort:", ChannelKind.SSH.defaultPort());
        user = text(c, "&User:", "The account to log in as, e.g. CONTOSO\\rrasadmin");
        tags = text(c, "&Tags:", "Comma-separated, e.g. prod, dmz");
        label(c, "N&otes:");
        notes = new Text(c, SWT.MULTI | SWT.BORDER | SWT.WRAP | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 60).applyTo(notes);

        host.addModifyListener(e -> {
            if (!nameTouched) {
                name.setText(host.getText().isBlank() ? "" : InventoryNames.fromHost(host.getText().strip()));
                nameTouched = false;
            }
            validate();
        });
        name.addModifyListener(e -> {
            if (name.isFocusControl()) {
                nameTouched = true;
            }
            validate();
        });
        site.addModifyListener(e -> validate());
        sstpPort.addModifyListener(e -> validate());
        channelPort.addModifyListener(e -> validate());
        channel.addModifyListener(e -> {
            ChannelKind kind = kind();
            channelPort.setSelection(Math.max(kind.defaultPort(), 0));
            boolean remote = kind == ChannelKind.SSH || kind == ChannelKind.WINRM;
            channelPort.setEnabled(remote);
            user.setEnabled(remote);
            validate();
        });
        setControl(c);
        host.setFocus();
    }

    private String channelLabel(ChannelKind kind) {
        return switch (kind) {
            case NONE -> "None (network probe only)";
            case SSH -> "SSH (Windows OpenSSH)";
            case WINRM -> "WinRM";
            case BUNDLE -> "Offline evidence bundle";
        };
    }

    private ChannelKind kind() {
        return ChannelKind.values()[Math.max(channel.getSelectionIndex(), 0)];
    }

    private void validate() {
        String error = null;
        String h = host.getText().strip();
        if (h.isEmpty()) {
            error = "Enter the host name clients use.";
        } else if (HostNames.problem(h) != null) {
            error = "Host name: " + HostNames.problem(h);
        } else if (!site.getText().isBlank() && InventoryNames.siteProblem(site.getText().strip()) != null) {
            error = "Site: " + InventoryNames.siteProblem(site.getText().strip());
        } else if (InventoryNames.problem(name.getText().strip()) != null) {
            error = "Name: " + InventoryNames.problem(name.getText().strip());
        }
        setErrorMessage(error);
        setPageComplete(error == null);
    }

    /** The server's site ("" for the top). */
    String site() {
        return site.getText().strip();
    }

    String name() {
        return name.getText().strip();
    }

    ServerConfig config() {
        ChannelKind kind = kind();
        boolean remote = kind == ChannelKind.SSH || kind == ChannelKind.WINRM;
        ManagementChannel ch = new ManagementChannel(kind, remote ? channelPort.getSelection() : 0,
                remote ? user.getText().strip() : "", Map.of());
        List<String> tagList = Arrays.stream(tags.getText().split(",")).map(String::strip).filter(t -> !t.isEmpty())
                .toList();
        return new ServerConfig(host.getText().strip(), sstpPort.getSelection(), ch, tagList, notes.getText(), null);
    }

    private static Label label(Composite c, String text) {
        Label l = new Label(c, SWT.NONE);
        l.setText(text);
        return l;
    }

    private static Text text(Composite c, String label, String hint) {
        label(c, label);
        Text t = new Text(c, SWT.BORDER);
        t.setMessage(hint);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(t);
        return t;
    }

    private static Spinner spinner(Composite c, String label, int value) {
        label(c, label);
        Spinner s = new Spinner(c, SWT.BORDER);
        s.setValues(value, 1, 65535, 0, 1, 100);
        return s;
    }
}
