package org.sstpdoctor.ui.internal.certificates;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.part.ViewPart;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.pki.CertificateAnalyzer;
import org.sstpdoctor.pki.CertificateFormat;
import org.sstpdoctor.pki.CertificateFormatException;
import org.sstpdoctor.pki.CertificateReader;
import org.sstpdoctor.pki.CertificateReport;
import org.sstpdoctor.pki.CertificateWriter;
import org.sstpdoctor.pki.LoadedCertificates;
import org.sstpdoctor.pki.PasswordProvider;
import org.sstpdoctor.probe.evidence.ProbeEvidenceSettings;
import org.sstpdoctor.ui.internal.SstpDoctorUi;
import org.sstpdoctor.ui.internal.check.LastEvidence;
import org.sstpdoctor.ui.internal.editor.ServerEditor;

/**
 * The Certificate Explorer: for the server selected in the Server Inventory (or whose editor
 * was activated last), the chain it
 * presented in its last check, the certificate bound to its SSTP listener and the certificates
 * of its {@code LocalMachine\My} store; and certificate files opened here (.cer, .crt, .pem,
 * .der, .p7b, .pfx). The details pane shows the PKI analysis of the selected certificate. Files
 * are read and written in jobs, never on the UI thread.
 */
public final class CertificateExplorerView extends ViewPart {

    /** The view's id. */
    public static final String ID = SstpDoctorUi.CERTIFICATE_VIEW_ID;

    /** The family of the view's file jobs, for waiting in tests. */
    public static final Object FAMILY = CertificateExplorerView.class;

    static final String[] OPEN_EXTENSIONS = { "*.cer;*.crt;*.pem;*.der;*.p7b;*.p7c;*.pfx;*.p12", "*.*" };

    private Display display;
    private TreeViewer viewer;
    private StyledText details;
    private Server server;
    private final List<CertificateGroup> fileGroups = new ArrayList<>();
    private List<CertificateGroup> serverGroups = List.of();
    private Action exportPem;
    private Action exportDer;
    private Action copy;

    private final ISelectionListener inventorySelection = this::inventorySelectionChanged;
    private final IPartListener2 editorActivation = new IPartListener2() {
        @Override
        public void partActivated(IWorkbenchPartReference ref) {
            if (ref.getPart(false) instanceof ServerEditor editor && editor.server() != null
                    && (server == null || !editor.server().key().equals(server.key()))) {
                showServer(editor.server());
            }
        }
    };
    private final Consumer<String> evidenceChanged = this::evidenceChanged;

    @Override
    public void createPartControl(Composite parent) {
        display = parent.getDisplay();
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        viewer = new TreeViewer(sash, SWT.MULTI | SWT.H_SCROLL | SWT.V_SCROLL | SWT.BORDER);
        viewer.setContentProvider(new ContentProvider());
        viewer.setLabelProvider(new Labels());
        details = new StyledText(sash, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER);
        details.setFont(JFaceResources.getTextFont());
        details.setMargins(6, 4, 6, 4);
        sash.setWeights(40, 60);
        viewer.addSelectionChangedListener(e -> selectionChanged());

        makeActions();
        MenuManager menu = new MenuManager();
        menu.add(openAction());
        menu.add(new Separator());
        menu.add(exportPem);
        menu.add(exportDer);
        menu.add(copy);
        viewer.getControl().setMenu(menu.createContextMenu(viewer.getControl()));
        IToolBarManager toolbar = getViewSite().getActionBars().getToolBarManager();
        toolbar.add(openAction());
        toolbar.add(exportPem);
        toolbar.add(copy);

        getSite().setSelectionProvider(viewer);
        viewer.setInput(this);
        getSite().getPage().addSelectionListener(SstpDoctorUi.INVENTORY_VIEW_ID, inventorySelection);
        getSite().getPage().addPartListener(editorActivation);
        LastEvidence.addListener(evidenceChanged);
        IWorkbenchPart inventory = getSite().getPage().findView(SstpDoctorUi.INVENTORY_VIEW_ID);
        if (inventory != null && inventory.getSite().getSelectionProvider() != null) {
            inventorySelectionChanged(inventory, inventory.getSite().getSelectionProvider().getSelection());
        }
        updateDescription();
        selectionChanged();
    }

    /** The tree, for tests. */
    public TreeViewer viewer() {
        return viewer;
    }

    /** The details pane, for tests. */
    public StyledText details() {
        return details;
    }

    /** The groups shown: the server's, then the files'. */
    public List<CertificateGroup> groups() {
        List<CertificateGroup> all = new ArrayList<>(serverGroups);
        all.addAll(fileGroups);
        return all;
    }

    /** Shows the certificates of {@code s}, as when it is selected in the Server Inventory. */
    public void showServer(Server s) {
        server = s;
        serverGroups = s == null ? List.of() : CertificateModel.of(LastEvidence.of(s).orElse(null));
        refresh();
    }

    private void inventorySelectionChanged(IWorkbenchPart part, org.eclipse.jface.viewers.ISelection selection) {
        if (selection instanceof IStructuredSelection s && s.size() == 1 && s.getFirstElement() instanceof Server picked
                && (server == null || !picked.key().equals(server.key()))) {
            showServer(picked);
        }
    }

    private void evidenceChanged(String key) {
        display.asyncExec(() -> {
            if (!viewer.getControl().isDisposed() && server != null && server.key().equals(key)) {
                showServer(server);
            }
        });
    }

    private void refresh() {
        if (viewer.getControl().isDisposed()) {
            return;
        }
        viewer.getControl().setRedraw(false);
        try {
            viewer.refresh();
            viewer.expandAll();
        } finally {
            viewer.getControl().setRedraw(true);
        }
        updateDescription();
        if (viewer.getSelection().isEmpty()) {
            for (CertificateGroup g : groups()) {
                if (!g.entries().isEmpty()) {
                    viewer.setSelection(new StructuredSelection(g.entries().get(0)), true);
                    break;
                }
            }
        }
        selectionChanged();
    }

    private void updateDescription() {
        if (server == null) {
            setContentDescription("Select a server in the Server Inventory, or open a certificate file.");
            return;
        }
        String when = LastEvidence.of(server).map(s -> ", checked " + CertificateModel.shown(s.checkedAt()))
                .orElse(", not checked in this session");
        setContentDescription("Certificates of " + server.name() + when);
    }

    private void selectionChanged() {
        List<CertificateEntry> selected = selectedEntries();
        exportPem.setEnabled(!selected.isEmpty());
        exportDer.setEnabled(selected.size() == 1);
        copy.setEnabled(!selected.isEmpty());
        Object first = ((IStructuredSelection) viewer.getSelection()).getFirstElement();
        if (first instanceof CertificateEntry entry) {
            show(CertificateDetails.of(entry, Instant.now(), ProbeEvidenceSettings.current().expiryWarningDays()));
        } else if (first instanceof CertificateGroup.Message m) {
            show(new CertificateDetails(m.text(), List.of()));
        } else if (first instanceof CertificateGroup g) {
            int n = g.entries().size();
            show(new CertificateDetails(g.name() + ": " + (n == 0 ? "no certificate."
                    : n == 1 ? "1 certificate. Select it to see its details."
                            : n + " certificates. Select one to see its details; Export as PEM saves them all."),
                    List.of()));
        } else {
            show(new CertificateDetails("", List.of()));
        }
    }

    private void show(CertificateDetails d) {
        details.setText(d.text());
        List<StyleRange> ranges = new ArrayList<>();
        for (CertificateDetails.Span s : d.spans()) {
            StyleRange r = new StyleRange();
            r.start = s.start();
            r.length = s.length();
            switch (s.emphasis()) {
            case STRONG -> r.fontStyle = SWT.BOLD;
            case GOOD -> {
                r.foreground = color(display, new RGB(0, 120, 0));
                r.fontStyle = SWT.BOLD;
            }
            case BAD -> {
                r.foreground = color(display, new RGB(190, 0, 0));
                r.fontStyle = SWT.BOLD;
            }
            }
            ranges.add(r);
        }
        details.setStyleRanges(ranges.toArray(StyleRange[]::new));
    }

    private static Color color(Display display, RGB rgb) {
        String key = SstpDoctorUi.PLUGIN_ID + ".certificates." + rgb;
        if (!JFaceResources.getColorRegistry().hasValueFor(key)) {
            JFaceResources.getColorRegistry().put(key, rgb);
        }
        return JFaceResources.getColorRegistry().get(key);
    }

    /** The certificates the selection stands for: entries, and every entry of selected groups, each once. */
    public List<CertificateEntry> selectedEntries() {
        Set<CertificateEntry> out = new LinkedHashSet<>();
        for (Object o : ((IStructuredSelection) viewer.getSelection())) {
            if (o instanceof CertificateEntry e) {
                out.add(e);
            } else if (o instanceof CertificateGroup g) {
                out.addAll(g.entries());
            }
        }
        return List.copyOf(out);
    }

    // --- actions

    private Action open;

    private Action openAction() {
        if (open == null) {
            open = new Action("&Open Certificate File...") {
                @Override
                public void run() {
                    chooseAndOpen();
                }
            };
            open.setToolTipText("Open a certificate file: .cer, .crt, .pem, .der, .p7b or .pfx");
            open.setImageDescriptor(PlatformUI.getWorkbench().getSharedImages()
                    .getImageDescriptor(ISharedImages.IMG_OBJ_FILE));
        }
        return open;
    }

    private void makeActions() {
        exportPem = new Action("Export as &PEM...") {
            @Override
            public void run() {
                export(true);
            }
        };
        exportPem.setToolTipText("Save the selected certificates as PEM (Base-64) text");
        exportPem.setImageDescriptor(PlatformUI.getWorkbench().getSharedImages()
                .getImageDescriptor(ISharedImages.IMG_ETOOL_SAVE_EDIT));
        exportDer = new Action("Export as &DER...") {
            @Override
            public void run() {
                export(false);
            }
        };
        exportDer.setToolTipText("Save the selected certificate as binary DER");
        copy = new Action("&Copy as Text") {
            @Override
            public void run() {
                copyAsText();
            }
        };
        copy.setToolTipText("Copy the details of the selected certificates, with their PEM, to the clipboard");
        copy.setImageDescriptor(PlatformUI.getWorkbench().getSharedImages().getImageDescriptor(ISharedImages.IMG_TOOL_COPY));
    }

    /** Asks for a certificate file and opens it. */
    public void chooseAndOpen() {
        FileDialog dialog = new FileDialog(getSite().getShell(), SWT.OPEN);
        dialog.setText("Open Certificate File");
        dialog.setFilterExtensions(OPEN_EXTENSIONS);
        dialog.setFilterNames(new String[] { "Certificates (.cer, .crt, .pem, .der, .p7b, .pfx)", "All files" });
        String file = dialog.open();
        if (file != null) {
            openFile(Path.of(file));
        }
    }

    /**
     * Reads {@code file} in a job, asking for a password when it is protected, and adds its
     * certificates as a group. Errors are shown in a dialog.
     */
    public Job openFile(Path file) {
        Shell shell = getSite().getShell();
        PasswordProvider passwords = (source, format) -> {
            char[][] answer = new char[1][];
            display.syncExec(() -> answer[0] = askPassword(shell, source, format));
            return answer[0];
        };
        Job job = new Job("Reading " + file.getFileName()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    LoadedCertificates loaded = new CertificateReader(passwords).read(file);
                    display.asyncExec(() -> added(CertificateModel.of(loaded)));
                    return Status.OK_STATUS;
                } catch (CertificateFormatException e) {
                    IStatus status = Status.error(e.getMessage(), e);
                    display.asyncExec(() -> {
                        if (!shell.isDisposed()) {
                            ErrorDialog.openError(shell, "Open Certificate File", "The file " + file.getFileName()
                                    + " holds no certificate that can be read.", status);
                        }
                    });
                    return Status.OK_STATUS;
                }
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        job.setUser(true);
        job.schedule();
        return job;
    }

    private void added(CertificateGroup group) {
        if (viewer.getControl().isDisposed()) {
            return;
        }
        fileGroups.removeIf(g -> g.name().equals(group.name()));
        fileGroups.add(group);
        refresh();
        viewer.setSelection(new StructuredSelection(group.entries().get(0)), true);
    }

    /** The title of the password dialog for {@code source}. */
    static String passwordTitle(String source) {
        return "Password for " + Path.of(source).getFileName();
    }

    private static char[] askPassword(Shell shell, String source, CertificateFormat format) {
        InputDialog dialog = new InputDialog(shell, passwordTitle(source), "The " + format.displayName() + " file "
                + source + " is protected by a password. Enter it to read its certificates:", "", null) {
            @Override
            protected int getInputTextStyle() {
                return SWT.SINGLE | SWT.BORDER | SWT.PASSWORD;
            }
        };
        return dialog.open() == Window.OK ? dialog.getValue().toCharArray() : null;
    }

    private void export(boolean pem) {
        List<CertificateEntry> selected = selectedEntries();
        if (selected.isEmpty() || !pem && selected.size() != 1) {
            return;
        }
        FileDialog dialog = new FileDialog(getSite().getShell(), SWT.SAVE);
        dialog.setText(pem ? "Export as PEM" : "Export as DER");
        dialog.setOverwrite(true);
        dialog.setFilterExtensions(pem ? new String[] { "*.pem;*.crt;*.cer", "*.*" } : new String[] { "*.cer;*.der", "*.*" });
        dialog.setFileName(suggestedName(selected.get(0).certificate()) + (pem ? ".pem" : ".cer"));
        String file = dialog.open();
        if (file != null) {
            export(selected, Path.of(file), pem);
        }
    }

    /** Writes {@code entries} to {@code file} in a job: PEM (all of them) or DER (the first), atomically. */
    public Job export(List<CertificateEntry> entries, Path file, boolean pem) {
        List<X509Certificate> certificates = entries.stream().map(CertificateEntry::certificate).toList();
        Shell shell = getSite().getShell();
        Job job = new Job("Exporting to " + file.getFileName()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                byte[] bytes = pem ? CertificateWriter.pem(certificates).getBytes(StandardCharsets.US_ASCII)
                        : CertificateWriter.der(certificates.get(0));
                try {
                    writeAtomically(file, bytes);
                    return Status.OK_STATUS;
                } catch (IOException e) {
                    IStatus status = Status.error("Cannot write " + file + ": " + e.getMessage(), e);
                    shell.getDisplay().asyncExec(() -> {
                        if (!shell.isDisposed()) {
                            ErrorDialog.openError(shell, "Export", null, status);
                        }
                    });
                    return Status.OK_STATUS;
                }
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        job.setUser(true);
        job.schedule();
        return job;
    }

    /** Writes a temporary file beside {@code file}, then moves it over {@code file} in one step. */
    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path target = file.toAbsolutePath();
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(temp, bytes);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String suggestedName(X509Certificate c) {
        CertificateReport r = CertificateAnalyzer.analyze(c, Instant.now());
        String name = r.subjectCommonNames().isEmpty() ? r.sha1Thumbprint() : r.subjectCommonNames().get(0);
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The text "Copy as Text" puts on the clipboard: each certificate's details, then its PEM. */
    public String copyText() {
        StringBuilder b = new StringBuilder();
        int days = ProbeEvidenceSettings.current().expiryWarningDays();
        for (CertificateEntry e : selectedEntries()) {
            if (!b.isEmpty()) {
                b.append('\n');
            }
            b.append(CertificateDetails.of(e, Instant.now(), days).text()).append('\n')
                    .append(CertificateWriter.pem(e.certificate()));
        }
        return b.toString();
    }

    private void copyAsText() {
        String text = copyText();
        if (text.isEmpty()) {
            return;
        }
        Clipboard clipboard = new Clipboard(viewer.getControl().getDisplay());
        try {
            clipboard.setContents(new Object[] { text }, new Transfer[] { TextTransfer.getInstance() });
        } finally {
            clipboard.dispose();
        }
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        getSite().getPage().removeSelectionListener(SstpDoctorUi.INVENTORY_VIEW_ID, inventorySelection);
        getSite().getPage().removePartListener(editorActivation);
        LastEvidence.removeListener(evidenceChanged);
        super.dispose();
    }

    private final class ContentProvider implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return groups().toArray();
        }

        @Override
        public Object[] getChildren(Object parent) {
            return parent instanceof CertificateGroup g ? g.children().toArray() : new Object[0];
        }

        @Override
        public Object getParent(Object element) {
            for (CertificateGroup g : groups()) {
                if (g.children().contains(element)) {
                    return g;
                }
            }
            return null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return element instanceof CertificateGroup g && !g.children().isEmpty();
        }
    }

    private static final class Labels extends LabelProvider {
        @Override
        public String getText(Object element) {
            if (element instanceof CertificateGroup g) {
                int n = g.entries().size();
                return g.name() + (n > 0 ? "  (" + n + ")" : "");
            }
            if (element instanceof CertificateGroup.Message m) {
                return m.text();
            }
            CertificateEntry e = (CertificateEntry) element;
            CertificateReport r = CertificateAnalyzer.analyze(e.certificate(), Instant.now(),
                    ProbeEvidenceSettings.current().expiryWarningDays());
            String name = r.subjectCommonNames().isEmpty() ? r.subject() : String.join(", ", r.subjectCommonNames());
            String state = switch (r.validity()) {
            case EXPIRED -> "  [expired]";
            case NOT_YET_VALID -> "  [not valid yet]";
            case EXPIRING_SOON -> "  [expires in " + r.daysRemaining() + " days]";
            case VALID -> "";
            };
            return name + state + "  \u2014 " + e.origin();
        }

        @Override
        public Image getImage(Object element) {
            ISharedImages images = PlatformUI.getWorkbench().getSharedImages();
            if (element instanceof CertificateGroup) {
                return images.getImage(ISharedImages.IMG_OBJ_FOLDER);
            }
            if (element instanceof CertificateGroup.Message) {
                return images.getImage(ISharedImages.IMG_OBJS_INFO_TSK);
            }
            return SstpDoctorUi.image("certificate");
        }
    }
}
