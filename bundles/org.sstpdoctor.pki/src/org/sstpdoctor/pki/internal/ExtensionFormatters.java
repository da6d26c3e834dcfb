package org.sstpdoctor.pki.internal;

import java.util.Map;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.util.ASN1Dump;

/** The formatter of each known extension, by OID; anything else is shown as an ASN.1 dump. */
public final class ExtensionFormatters {

    private static final Map<String, ExtensionFormatter> FORMATTERS = Map.ofEntries(
            Map.entry("2.5.29.14", new KeyIdentifierFormatter()),
            Map.entry("2.5.29.15", new KeyUsageFormatter()),
            Map.entry("2.5.29.17", new GeneralNamesFormatter()),
            Map.entry("2.5.29.18", new GeneralNamesFormatter()),
            Map.entry("2.5.29.19", new BasicConstraintsFormatter()),
            Map.entry("2.5.29.20", new CrlNumberFormatter()),
            Map.entry("2.5.29.31", new CrlDistributionPointsFormatter()),
            Map.entry("2.5.29.46", new CrlDistributionPointsFormatter()),
            Map.entry("2.5.29.32", new CertificatePoliciesFormatter()),
            Map.entry("2.5.29.35", new AuthorityKeyIdentifierFormatter()),
            Map.entry("2.5.29.37", new ExtendedKeyUsageFormatter()),
            Map.entry("1.3.6.1.5.5.7.1.1", new InformationAccessFormatter()),
            Map.entry("1.3.6.1.5.5.7.1.11", new InformationAccessFormatter()),
            Map.entry("1.3.6.1.4.1.311.20.2", new TemplateNameFormatter()),
            Map.entry("1.3.6.1.4.1.311.21.7", new TemplateInformationFormatter()),
            Map.entry("1.3.6.1.4.1.311.21.10", new CertificatePoliciesFormatter()));

    private ExtensionFormatters() {
    }

    /** Whether the extension {@code oid} has a formatter of its own. */
    public static boolean has(String oid) {
        return FORMATTERS.containsKey(oid);
    }

    /** The text of extension {@code oid} with the DER {@code value} (the extnValue's content). */
    public static String format(String oid, byte[] value) {
        ASN1Primitive parsed;
        try {
            parsed = ASN1Primitive.fromByteArray(value);
        } catch (Exception e) {
            return "(not valid DER) " + Hex.upper(value);
        }
        ExtensionFormatter f = FORMATTERS.get(oid);
        if (f != null) {
            try {
                return f.format(parsed);
            } catch (RuntimeException e) {
                return "(malformed) " + raw(parsed);
            }
        }
        return raw(parsed);
    }

    private static String raw(ASN1Primitive p) {
        return ASN1Dump.dumpAsString(p, true).strip();
    }
}
