package org.sstpdoctor.pki;

import java.util.Optional;

/**
 * An object identifier SSTP Doctor knows by name (an EKU, an extension, a signature algorithm,
 * a curve): its dotted OID and the name Windows shows for it. Unknown OIDs are shown raw, see
 * {@link OidNames}.
 */
public interface NamedOid {

    /** The dotted object identifier. */
    String oid();

    /** The name Windows shows for it. */
    String friendlyName();

    /** The constant of {@code type} with {@code oid}, if there is one. */
    static <E extends Enum<E> & NamedOid> Optional<E> byOid(Class<E> type, String oid) {
        for (E e : type.getEnumConstants()) {
            if (e.oid().equals(oid)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
