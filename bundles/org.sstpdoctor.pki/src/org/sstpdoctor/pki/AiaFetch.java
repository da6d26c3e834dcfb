package org.sstpdoctor.pki;

import java.net.URI;
import java.time.Duration;

/**
 * One attempt to fetch a missing issuer from an AIA caIssuers URL.
 *
 * @param url          the URL
 * @param forSubject   the subject of the certificate whose issuer was looked for
 * @param certificates how many certificates the answer held (0 when it failed)
 * @param failure      why it failed, or null when it gave certificates
 * @param detail       what happened, for the person
 * @param elapsed      how long it took
 */
public record AiaFetch(URI url, String forSubject, int certificates, FetchException.Kind failure, String detail,
        Duration elapsed) {

    public boolean succeeded() {
        return failure == null && certificates > 0;
    }
}
