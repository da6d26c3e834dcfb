package org.sstpdoctor.pki.internal;

import java.security.Provider;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The Bouncy Castle JCA provider, for the few algorithms the Java runtime lacks (OpenSSL-style
 * PKCS#8 encryption). It is passed explicitly, never installed in the JVM's provider list.
 */
public final class Bc {

    private static final class Holder {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }

    private Bc() {
    }

    public static Provider provider() {
        return Holder.PROVIDER;
    }
}
