package org.sstpdoctor.pki;

/**
 * One extension of a certificate, formatted for display.
 *
 * @param oid      the extension's OID
 * @param name     its friendly name, or the OID when it is not a known one
 * @param critical whether it is marked critical
 * @param value    its value as text (one item per line); an ASN.1 dump for unknown extensions
 */
public record ExtensionInfo(String oid, String name, boolean critical, String value) {

    /** Whether SSTP Doctor knows this extension by name. */
    public boolean known() {
        return !name.equals(oid);
    }
}
