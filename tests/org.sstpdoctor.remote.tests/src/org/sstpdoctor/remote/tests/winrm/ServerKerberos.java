package org.sstpdoctor.remote.tests.winrm;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;

import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.MessageProp;
import org.ietf.jgss.Oid;

/**
 * The endpoint side of Kerberos for the test WS-Man server, with the JDK's JGSS: the service logs in from the KDC's
 * keytab, each connection accepts SPNEGO or raw Kerberos tokens into its own context, and that context unwraps
 * requests and wraps answers in the MS-WSMV layout Windows uses (RFC 4121 token, EC=0, the encrypted header copy and
 * checksum rotated in front of the data; RRC=28 for AES with HMAC-SHA1).
 */
final class ServerKerberos {

    private final GSSCredential credential;

    /** The signature length and RRC of the last request unwrapped, to hold the client to the Windows layout. */
    volatile int lastSignatureLength;
    volatile int lastRrc;
    /** The mechanism of the last context established: raw Kerberos or SPNEGO. */
    volatile String lastMechanism;

    ServerKerberos(Path keytab, String principal) throws Exception {
        Map<String, String> options = Map.of("useKeyTab", "true", "keyTab", keytab.toString(), "storeKey", "true",
                "doNotPrompt", "true", "isInitiator", "false", "principal", principal, "refreshKrb5Config", "true");
        Configuration configuration = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] { new AppConfigurationEntry(
                        "com.sun.security.auth.module.Krb5LoginModule",
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options) };
            }
        };
        Subject subject = new Subject();
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            new LoginContext("WsmanTestServer", subject, callbacks -> {
                throw new javax.security.auth.callback.UnsupportedCallbackException(callbacks[0]);
            }, configuration).login();
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
        GSSManager manager = GSSManager.getInstance();
        Oid[] mechs = { new Oid("1.3.6.1.5.5.2"), new Oid("1.2.840.113554.1.2.2") };
        this.credential = Subject.callAs(subject, () -> manager.createCredential(null,
                GSSCredential.INDEFINITE_LIFETIME, mechs, GSSCredential.ACCEPT_ONLY));
    }

    /** A new acceptor context for one connection. */
    GSSContext newContext() throws Exception {
        return GSSManager.getInstance().createContext(credential);
    }

    /** Unwraps a request from its signature and data; null when it does not verify. */
    byte[] unwrap(GSSContext context, byte[] signature, byte[] data) {
        if (signature.length < 16) {
            return null;
        }
        lastSignatureLength = signature.length;
        lastRrc = ((signature[6] & 0xff) << 8) | (signature[7] & 0xff);
        byte[] token = new byte[signature.length + data.length];
        System.arraycopy(signature, 0, token, 0, signature.length);
        System.arraycopy(data, 0, token, signature.length, data.length);
        try {
            MessageProp prop = new MessageProp(0, true);
            byte[] plain = context.unwrap(token, 0, token.length, prop);
            return prop.getPrivacy() ? plain : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** Wraps an answer: the signature, then the encrypted data (as long as the answer). */
    static byte[][] wrap(GSSContext context, byte[] message) throws Exception {
        byte[] token = context.wrap(message, 0, message.length, new MessageProp(0, true));
        int rotate = token.length - 16 - 16 - message.length;
        byte[] rotated = new byte[token.length];
        System.arraycopy(token, 0, rotated, 0, 16);
        for (int i = 0; i < token.length - 16; i++) { // right rotation of everything after the header
            rotated[16 + (i + rotate) % (token.length - 16)] = token[16 + i];
        }
        rotated[6] = (byte) (rotate >>> 8);
        rotated[7] = (byte) rotate;
        int signature = token.length - message.length;
        return new byte[][] { Arrays.copyOf(rotated, signature), Arrays.copyOfRange(rotated, signature,
                rotated.length) };
    }
}
