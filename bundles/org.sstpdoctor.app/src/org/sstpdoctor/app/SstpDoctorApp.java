package org.sstpdoctor.app;

/**
 * Identifiers of the SSTP Doctor application that other bundles refer to.
 */
public final class SstpDoctorApp {

    /** The bundle's symbolic name. */
    public static final String PLUGIN_ID = "org.sstpdoctor.app";

    /** The SSTP Doctor perspective, the initial perspective of every window. */
    public static final String PERSPECTIVE_ID = PLUGIN_ID + ".perspective";

    /** The product (extension org.eclipse.core.runtime.products). */
    public static final String PRODUCT_ID = PLUGIN_ID + ".product";

    /** Window title, and the product's name wherever it is shown. */
    public static final String NAME = "SSTP Doctor";

    /** Server Inventory view, contributed by the workbench UI bundle. */
    public static final String INVENTORY_VIEW_ID = "org.sstpdoctor.ui.views.inventory";

    /** Certificate Explorer view, contributed by the workbench UI bundle. */
    public static final String CERTIFICATE_VIEW_ID = "org.sstpdoctor.ui.views.certificates";

    private SstpDoctorApp() {
    }
}
