package org.sstpdoctor.ui.internal.editor;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.eclipse.core.resources.IResourceChangeEvent;
import org.eclipse.core.resources.IResourceChangeListener;
import org.eclipse.core.resources.IResourceDelta;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.forms.IManagedForm;
import org.eclipse.ui.forms.editor.FormPage;
import org.eclipse.ui.forms.widgets.FormToolkit;
import org.eclipse.ui.forms.widgets.ScrolledForm;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.Severity;
import org.sstpdoctor.core.markers.FindingMarkers;

/**
 * The server's last findings (its problem markers) and, for the selected one, the evidence it
 * came from: command output, handshake transcript, certificate. Read-only text, so it can be
 * selected and copied. Follows marker changes while open.
 */
final class FindingsPage extends FormPage {

    static final String PAGE_ID = "findings";

    private final ServerEditor editor;
    private TableViewer table;
    private Text evidence;
    private final IResourceChangeListener markersChanged = this::markersChanged;

    FindingsPage(ServerEditor editor) {
        super(editor, PAGE_ID, "Findings");
        this.editor = editor;
    }

    @Override
    protected void createFormContent(IManagedForm managedForm) {
        ScrolledForm form = managedForm.getForm();
        FormToolkit toolkit = managedForm.getToolkit();
        form.setText("Findings of " + editor.server().name());
        toolkit.decorateFormHeading(form.getForm());
        GridLayoutFactory.fillDefaults().margins(10, 10).applyTo(form.getBody());

        table = new TableViewer(form.getBody(), SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        table.getTable().setHeaderVisible(true);
        column("", 24, f -> "", this::icon);
        column("Code", 110, Finding::errorCodeText, f -> null);
        column("Scenario", 70, f -> f.scenario() == 0 ? "" : Integer.toString(f.scenario()), f -> null);
        column("Cause", 520, Finding::message, f -> null);
        column("Checker", 220, Finding::checkerId, f -> null);
        table.setContentProvider(ArrayContentProvider.getInstance());
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 180).applyTo(table.getControl());

        toolkit.createLabel(form.getBody(), "Evidence:");
        evidence = toolkit.createText(form.getBody(), "", SWT.MULTI | SWT.READ_ONLY | SWT.H_SCROLL | SWT.V_SCROLL | SWT.BORDER);
        evidence.setFont(JFaceResources.getTextFont());
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 220).applyTo(evidence);
        table.addSelectionChangedListener(e -> {
            Finding f = (Finding) ((IStructuredSelection) e.getSelection()).getFirstElement();
            evidence.setText(f == null ? "" : describe(f));
        });
        refresh();
        ResourcesPlugin.getWorkspace().addResourceChangeListener(markersChanged, IResourceChangeEvent.POST_CHANGE);
    }

    private interface Text2 {
        String text(Finding f);
    }

    private interface Icon {
        Image icon(Finding f);
    }

    private void column(String title, int width, Text2 text, Icon icon) {
        TableViewerColumn c = new TableViewerColumn(table, SWT.NONE);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.text((Finding) element);
            }

            @Override
            public Image getImage(Object element) {
                return icon.icon((Finding) element);
            }
        });
    }

    private Image icon(Finding f) {
        ISharedImages images = PlatformUI.getWorkbench().getSharedImages();
        return images.getImage(f.severity() == Severity.ERROR ? ISharedImages.IMG_OBJS_ERROR_TSK
                : f.severity() == Severity.WARNING ? ISharedImages.IMG_OBJS_WARN_TSK : ISharedImages.IMG_OBJS_INFO_TSK);
    }

    static String describe(Finding f) {
        StringBuilder b = new StringBuilder();
        if (!f.errorCodeText().isEmpty()) {
            b.append(f.errorCodeText()).append("  ");
        }
        b.append(f.message()).append('\n');
        if (f.scenario() > 0) {
            b.append("KB947031 scenario ").append(f.scenario()).append('\n');
        }
        b.append("Reported by ").append(f.checkerId()).append(" (").append(f.kind()).append(")\n");
        if (!f.evidenceSummary().isEmpty()) {
            b.append('\n').append(f.evidenceSummary()).append('\n');
        }
        if (!f.evidence().isEmpty()) {
            b.append('\n').append(f.evidence()).append('\n');
        }
        return b.toString();
    }

    private void refresh() {
        if (table == null || table.getControl().isDisposed()) {
            return;
        }
        List<Finding> findings;
        try {
            findings = FindingMarkers.markers(editor.server().file()).stream().map(m -> {
                try {
                    return FindingMarkers.toFinding(m);
                } catch (CoreException e) {
                    return null;
                }
            }).filter(f -> f != null).sorted(Comparator.comparing(Finding::severity).thenComparing(Finding::message))
                    .toList();
        } catch (CoreException e) {
            findings = List.of();
        }
        table.setInput(findings);
        Instant checked = FindingMarkers.lastChecked(editor.server().file());
        String last = checked == null ? null
                : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                        .format(checked.atZone(java.time.ZoneId.systemDefault()));
        getManagedForm().getForm().setText("Findings of " + editor.server().name() + "  —  "
                + (last == null ? "not checked yet" : findings.isEmpty() ? "healthy, checked " + last : findings.size()
                        + (findings.size() == 1 ? " finding" : " findings") + ", checked " + last));
    }

    private void markersChanged(IResourceChangeEvent event) {
        IResourceDelta delta = event.getDelta();
        if (delta == null || delta.findMember(editor.server().file().getFullPath()) == null) {
            return;
        }
        table.getControl().getDisplay().asyncExec(this::refresh);
    }

    @Override
    public void dispose() {
        ResourcesPlugin.getWorkspace().removeResourceChangeListener(markersChanged);
        super.dispose();
    }

}
