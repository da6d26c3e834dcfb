package org.sstpdoctor.core;

/**
 * Identifiers of the SSTP Doctor core: the bundle and the extension points it owns.
 * The extension-point ids are permanent API; their schemas are in the bundle's
 * {@code schema/} folder.
 */
public final class SstpDoctorCore {

    /** The core bundle's symbolic name, the namespace of its extension points. */
    public static final String PLUGIN_ID = "org.sstpdoctor.core";

    /** Checkers and the evidence providers they draw on ({@code schema/checkers.exsd}). */
    public static final String EXTENSION_POINT_CHECKERS = PLUGIN_ID + ".checkers";

    /** Remediations, the quick fixes for findings ({@code schema/remediations.exsd}). */
    public static final String EXTENSION_POINT_REMEDIATIONS = PLUGIN_ID + ".remediations";

    /** Client error codes of the catalog ({@code schema/errorCodes.exsd}). */
    public static final String EXTENSION_POINT_ERROR_CODES = PLUGIN_ID + ".errorCodes";

    private SstpDoctorCore() {
    }
}
