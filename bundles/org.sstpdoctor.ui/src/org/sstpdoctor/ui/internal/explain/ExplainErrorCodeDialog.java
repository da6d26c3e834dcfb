package org.sstpdoctor.ui.internal.explain;

import java.util.List;
import java.util.Optional;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.sstpdoctor.core.errors.ErrorCode;

/**
 * Explain Error Code: type a code in any form (0x800B0109, -2146762487, CERT_E_UNTRUSTEDROOT,
 * 809, "scenario 8") and read its catalog entry and the servers that have it now.
 */
public final class ExplainErrorCodeDialog extends TitleAreaDialog {

    /** The dialog's window title. */
    public static final String TITLE = "Explain Error Code";

    private final String initial;
    private Text input;
    private Text explanation;
    private Text servers;

    public ExplainErrorCodeDialog(Shell parent, String initial) {
        super(parent);
        this.initial = initial == null ? "" : initial;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(TITLE);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle("What does this error code mean?");
        setMessage("Hexadecimal, signed or unsigned decimal, the Windows symbolic name, or \"scenario N\".");
        Composite area = (Composite) super.createDialogArea(parent);
        Composite c = new Composite(area, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(c);
        org.eclipse.jface.layout.GridLayoutFactory.swtDefaults().numColumns(2).applyTo(c);
        new Label(c, SWT.NONE).setText("&Code:");
        input = new Text(c, SWT.BORDER | SWT.SEARCH);
        input.setMessage("e.g. 0x800B0109 or -2146762487");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(input);
        explanation = new Text(c, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER);
        explanation.setFont(JFaceResources.getDialogFont());
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).hint(620, 300).applyTo(explanation);
        new Label(c, SWT.NONE).setText("Servers with it now:");
        servers = new Text(c, SWT.READ_ONLY | SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(servers);
        input.addModifyListener(e -> update());
        input.setText(initial);
        update();
        return area;
    }

    private void update() {
        String text = input.getText();
        if (text.isBlank()) {
            explanation.setText("");
            servers.setText("");
            setErrorMessage(null);
            return;
        }
        Optional<ErrorCode> code = ErrorExplanation.lookup(text);
        if (code.isEmpty()) {
            setErrorMessage("\"" + text.strip() + "\" is not a code the catalog knows.");
            explanation.setText("");
            servers.setText("");
            return;
        }
        setErrorMessage(null);
        explanation.setText(ErrorExplanation.describe(code.get()));
        List<String> hosts = ErrorExplanation.serversWith(code.get());
        servers.setText(hosts.isEmpty() ? "none" : String.join(", ", hosts));
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    @Override
    protected void buttonPressed(int buttonId) {
        if (buttonId == IDialogConstants.CLOSE_ID) {
            close();
        } else {
            super.buttonPressed(buttonId);
        }
    }
}
