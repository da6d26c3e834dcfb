package org.sstpdoctor.ui.internal;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.ImageRegistry;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.graphics.Image;

/** Identifiers and shared images of the SSTP Doctor workbench. */
public final class SstpDoctorUi {

    public static final String PLUGIN_ID = "org.sstpdoctor.ui";

    /** The Server Inventory view. */
    public static final String INVENTORY_VIEW_ID = PLUGIN_ID + ".views.inventory";

    /** The Certificate Explorer view. */
    public static final String CERTIFICATE_VIEW_ID = PLUGIN_ID + ".views.certificates";

    private SstpDoctorUi() {
    }

    /** The image {@code icons/<name>.png} of this bundle, cached for the session. */
    public static Image image(String name) {
        ImageRegistry registry = JFaceResources.getImageRegistry();
        String key = PLUGIN_ID + "/" + name;
        Image image = registry.get(key);
        if (image == null) {
            registry.put(key, descriptor(name));
            image = registry.get(key);
        }
        return image;
    }

    public static ImageDescriptor descriptor(String name) {
        return ImageDescriptor.createFromURL(SstpDoctorUi.class.getResource("/icons/" + name + ".png"));
    }
}
