package org.sstpdoctor.ui.internal.inventory;

import org.eclipse.jface.viewers.DelegatingStyledCellLabelProvider.IStyledLabelProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.StyledString;
import org.eclipse.swt.graphics.Image;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.inventory.ServerConfig;
import org.sstpdoctor.ui.internal.SstpDoctorUi;
import org.sstpdoctor.ui.internal.check.CheckJob;

/** Sites by name; servers by name, with host, port and status in grey. */
final class InventoryLabelProvider extends LabelProvider implements IStyledLabelProvider {

    @Override
    public StyledString getStyledText(Object element) {
        if (element instanceof InventoryTree.Site site) {
            return new StyledString(site.name()).append("  " + site.allServers().size(), StyledString.COUNTER_STYLER);
        }
        Server server = (Server) element;
        StyledString text = new StyledString(server.name());
        ServerConfig config = server.config();
        if (config != null) {
            String address = config.sstpPort() == ServerConfig.DEFAULT_SSTP_PORT ? config.host()
                    : config.host() + ":" + config.sstpPort();
            if (!address.equals(server.name())) {
                text.append("  " + address, StyledString.QUALIFIER_STYLER);
            }
        }
        ServerStatus status = ServerStatus.of(server, CheckJob.isChecking(server));
        String detail = switch (status) {
            case ERROR, WARNING -> ServerInventoryView.markerSummary(server);
            case UNREACHABLE -> "unreachable, " + ServerInventoryView.markerSummary(server);
            case FILE_PROBLEM -> withoutPath(server);
            default -> status.label();
        };
        text.append("  " + detail, StyledString.DECORATIONS_STYLER);
        return text;
    }

    /** The file problem without the file's path, which the tree already shows. */
    private static String withoutPath(Server server) {
        String prefix = server.file().getFullPath() + ": ";
        String problem = server.problem();
        return problem.startsWith(prefix) ? problem.substring(prefix.length()) : problem;
    }

    @Override
    public String getText(Object element) {
        return getStyledText(element).getString();
    }

    @Override
    public Image getImage(Object element) {
        if (element instanceof InventoryTree.Site) {
            return SstpDoctorUi.image("site");
        }
        Server server = (Server) element;
        return SstpDoctorUi.image(switch (ServerStatus.of(server, CheckJob.isChecking(server))) {
            case FILE_PROBLEM -> "server_fileproblem";
            case CHECKING -> "server_checking";
            case UNREACHABLE -> "server_unreachable";
            case ERROR -> "server_error";
            case WARNING -> "server_warning";
            case HEALTHY -> "server_healthy";
            case NOT_CHECKED -> "server_unchecked";
        });
    }
}
