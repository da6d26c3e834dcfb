package org.sstpdoctor.ui.internal.inventory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarkerDelta;
import org.eclipse.core.resources.IResourceChangeEvent;
import org.eclipse.core.resources.IResourceChangeListener;
import org.eclipse.core.resources.IResourceDelta;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.DelegatingStyledCellLabelProvider;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerFilter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.part.ViewPart;
import org.sstpdoctor.core.inventory.Inventory;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.markers.FindingMarkers;
import org.sstpdoctor.ui.internal.check.CheckJob;

/**
 * The Server Inventory: sites and servers with each server's status (healthy, problems by
 * severity, unreachable, not yet checked, checking, file problem), a text filter and a status filter.
 * The inventory is read off the UI thread and re-read when server files change; marker changes
 * and checks in progress only update the servers concerned.
 */
public final class ServerInventoryView extends ViewPart {

    /** Status filter choices, in the order of the combo. */
    static final String[] STATUS_FILTERS = { "All servers", "With problems", "With warnings", "Healthy",
            "Not checked", "File problems", "Unreachable" };

    private TreeViewer viewer;
    private Text filterText;
    private Combo statusFilter;
    private volatile InventoryTree tree = InventoryTree.empty();
    private volatile Map<String, Server> byKey = Map.of();
    private final Job loadJob = new Job("Reading the server inventory") {
        @Override
        protected IStatus run(IProgressMonitor monitor) {
            try {
                Inventory inventory = Inventory.getDefault();
                List<Server> servers = inventory.servers();
                InventoryTree loaded = InventoryTree.of(servers, inventory.sites());
                Map<String, Server> keys = new HashMap<>();
                servers.forEach(s -> keys.put(s.key(), s));
                show(loaded, keys);
                return Status.OK_STATUS;
            } catch (CoreException e) {
                return e.getStatus();
            }
        }
    };
    private final Consumer<Server> checkListener = this::refreshLater;
    private final IResourceChangeListener resourceListener = this::resourcesChanged;

    @Override
    public void createPartControl(Composite parent) {
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(4, 4).applyTo(parent);
        filterText = new Text(parent, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        filterText.setMessage("Filter: name, host, site or tag");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(filterText);
        statusFilter = new Combo(parent, SWT.READ_ONLY | SWT.DROP_DOWN);
        statusFilter.setItems(STATUS_FILTERS);
        statusFilter.select(0);
        viewer = new TreeViewer(parent, SWT.MULTI | SWT.H_SCROLL | SWT.V_SCROLL);
        viewer.setUseHashlookup(true);
        viewer.setContentProvider(new ContentProvider());
        viewer.setLabelProvider(new DelegatingStyledCellLabelProvider(new InventoryLabelProvider()));
        viewer.setComparator(null);
        viewer.addFilter(new Filter());
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).applyTo(viewer.getControl());
        viewer.addDoubleClickListener(e -> {
            if (((org.eclipse.jface.viewers.IStructuredSelection) e.getSelection()).getFirstElement() instanceof Server s) {
                open(s);
            } else {
                Object site = ((org.eclipse.jface.viewers.IStructuredSelection) e.getSelection()).getFirstElement();
                viewer.setExpandedState(site, !viewer.getExpandedState(site));
            }
        });
        filterText.addModifyListener(e -> refilter());
        statusFilter.addModifyListener(e -> refilter());

        MenuManager menu = new MenuManager();
        menu.add(new Separator("check"));
        menu.add(new Separator("edit"));
        menu.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
        viewer.getControl().setMenu(menu.createContextMenu(viewer.getControl()));
        getSite().registerContextMenu(menu, viewer);
        getSite().setSelectionProvider(viewer);

        viewer.setInput(tree);
        CheckJob.addListener(checkListener);
        ResourcesPlugin.getWorkspace().addResourceChangeListener(resourceListener, IResourceChangeEvent.POST_CHANGE);
        loadJob.setSystem(true);
        loadJob.schedule();
    }

    /** The servers shown now, whatever the filters. */
    public InventoryTree tree() {
        return tree;
    }

    /** The viewer, for commands and tests. */
    public TreeViewer viewer() {
        return viewer;
    }

    /** Opens the server editor on {@code server}. */
    void open(Server server) {
        try {
            org.eclipse.ui.ide.IDE.openEditor(getSite().getPage(), server.file(),
                    org.sstpdoctor.ui.internal.editor.ServerEditor.ID, true);
        } catch (org.eclipse.ui.PartInitException e) {
            org.eclipse.jface.dialogs.ErrorDialog.openError(getSite().getShell(), "Open " + server.name(), null,
                    e.getStatus());
        }
    }

    /** Reads the inventory again in the background. */
    public void reload() {
        loadJob.schedule(200);
    }

    private void show(InventoryTree loaded, Map<String, Server> keys) {
        Display display = getSite().getShell().getDisplay();
        display.asyncExec(() -> {
            if (viewer.getControl().isDisposed()) {
                return;
            }
            Object[] expanded = viewer.getExpandedElements();
            tree = loaded;
            byKey = keys;
            viewer.getControl().setRedraw(false);
            try {
                viewer.setInput(loaded);
                List<Object> again = new ArrayList<>();
                for (Object e : expanded) {
                    if (e instanceof InventoryTree.Site s) {
                        again.add(find(loaded.root(), s.path()));
                    }
                }
                again.removeIf(java.util.Objects::isNull);
                if (again.isEmpty() && loaded.root().sites().size() <= 20) {
                    viewer.expandToLevel(2);
                } else {
                    viewer.setExpandedElements(again.toArray());
                }
            } finally {
                viewer.getControl().setRedraw(true);
            }
            setContentDescription(loaded.serverCount() == 0
                    ? "No servers yet: add one, or import a CSV file (host,port,site,channel)."
                    : loaded.serverCount() + (loaded.serverCount() == 1 ? " server" : " servers"));
        });
    }

    private static InventoryTree.Site find(InventoryTree.Site site, String path) {
        if (site.path().equals(path)) {
            return site;
        }
        for (InventoryTree.Site s : site.sites()) {
            if (path.equals(s.path()) || path.startsWith(s.path() + "/")) {
                return find(s, path);
            }
        }
        return null;
    }

    private void refreshLater(Server server) {
        Server shown = byKey.get(server.key());
        if (shown == null || viewer == null) {
            return;
        }
        Display display = viewer.getControl().getDisplay();
        display.asyncExec(() -> {
            if (!viewer.getControl().isDisposed()) {
                viewer.update(shown, null);
            }
        });
    }

    private void resourcesChanged(IResourceChangeEvent event) {
        IResourceDelta delta = event.getDelta();
        if (delta == null) {
            return;
        }
        IResourceDelta project = delta.findMember(org.eclipse.core.runtime.IPath.fromOSString(Inventory.PROJECT_NAME));
        if (project == null) {
            return;
        }
        boolean structure[] = { false };
        Set<String> markersChanged = new LinkedHashSet<>();
        try {
            project.accept(d -> {
                if (d.getResource() instanceof IFile f && f.getName().endsWith(".server")) {
                    if (d.getKind() != IResourceDelta.CHANGED || (d.getFlags() & IResourceDelta.CONTENT) != 0
                            || (d.getFlags() & IResourceDelta.REPLACED) != 0) {
                        structure[0] = true;
                    }
                    if ((d.getFlags() & IResourceDelta.MARKERS) != 0) {
                        for (IMarkerDelta m : d.getMarkerDeltas()) {
                            markersChanged.add(m.getResource().getFullPath().toString());
                        }
                    }
                } else if (d.getKind() != IResourceDelta.CHANGED && d.getResource().getType() == org.eclipse.core.resources.IResource.FOLDER) {
                    structure[0] = true;
                }
                return true;
            });
        } catch (CoreException e) {
            structure[0] = true;
        }
        if (structure[0]) {
            reload();
        } else {
            for (String key : markersChanged) {
                Server s = byKey.get(key);
                if (s != null) {
                    refreshLater(s);
                }
            }
        }
    }

    private void refilter() {
        viewer.getControl().setRedraw(false);
        try {
            viewer.refresh();
            if (!filterText.getText().isBlank() || statusFilter.getSelectionIndex() > 0) {
                viewer.expandAll();
            }
        } finally {
            viewer.getControl().setRedraw(true);
        }
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        CheckJob.removeListener(checkListener);
        ResourcesPlugin.getWorkspace().removeResourceChangeListener(resourceListener);
        loadJob.cancel();
        super.dispose();
    }

    /** Whether {@code server} passes the text and status filters. */
    boolean passes(Server server) {
        String text = filterText.getText().strip().toLowerCase(Locale.ROOT);
        if (!text.isEmpty()) {
            boolean match = server.name().toLowerCase(Locale.ROOT).contains(text)
                    || server.host().toLowerCase(Locale.ROOT).contains(text)
                    || server.site().toLowerCase(Locale.ROOT).contains(text)
                    || (server.config() != null && server.config().tags().stream()
                            .anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(text)));
            if (!match) {
                return false;
            }
        }
        ServerStatus status = ServerStatus.of(server, CheckJob.isChecking(server));
        return switch (statusFilter.getSelectionIndex()) {
            case 1 -> status == ServerStatus.ERROR || status == ServerStatus.UNREACHABLE;
            case 2 -> status == ServerStatus.WARNING;
            case 3 -> status == ServerStatus.HEALTHY;
            case 4 -> status == ServerStatus.NOT_CHECKED;
            case 5 -> status == ServerStatus.FILE_PROBLEM;
            case 6 -> status == ServerStatus.UNREACHABLE;
            default -> true;
        };
    }

    private final class ContentProvider implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return ((InventoryTree) input).root().children();
        }

        @Override
        public Object[] getChildren(Object parent) {
            return parent instanceof InventoryTree.Site s ? s.children() : new Object[0];
        }

        /** The site holding {@code element} (null at the top), so that the viewer can reveal it. */
        @Override
        public Object getParent(Object element) {
            String path;
            if (element instanceof Server server) {
                path = server.site();
            } else {
                String site = ((InventoryTree.Site) element).path();
                int slash = site.lastIndexOf('/');
                path = slash < 0 ? "" : site.substring(0, slash);
            }
            return path.isEmpty() ? null : find(tree.root(), path);
        }

        @Override
        public boolean hasChildren(Object element) {
            return element instanceof InventoryTree.Site s && (!s.sites().isEmpty() || !s.servers().isEmpty());
        }
    }

    private final class Filter extends ViewerFilter {
        @Override
        public boolean select(Viewer v, Object parent, Object element) {
            if (filterText.getText().isBlank() && statusFilter.getSelectionIndex() <= 0) {
                return true;
            }
            if (element instanceof Server s) {
                return passes(s);
            }
            return ((InventoryTree.Site) element).allServers().stream().anyMatch(ServerInventoryView.this::passes);
        }
    }

    /** Used by {@link InventoryLabelProvider}. */
    static String markerSummary(Server server) {
        try {
            int count = FindingMarkers.markers(server.file()).size();
            return count == 0 ? "" : count == 1 ? "1 problem" : count + " problems";
        } catch (CoreException e) {
            return "";
        }
    }
}
