package org.sstpdoctor.remote.winrm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.kerberos.KerberosTicket;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * The Kerberos login of a WinRM user with the JDK: a JAAS login with {@code Krb5LoginModule} whose callback handler
 * answers with the user's password (from Secure Storage), never a keytab and never a ticket cache, so nothing is read
 * from or written to the user's Kerberos files. The realm and KDC come from the server entry (then a krb5.conf naming
 * just them is written to a private temporary folder and used for this login) or from the system's Kerberos
 * configuration.
 * <p>
 * The JDK's Kerberos configuration is one per process, so every login and context set-up holds {@link #LOCK}. With
 * realm and KDC from the server entry, the KDC is reached over TCP and each attempt waits at most 5 s, two attempts.
 */
final class KerberosLogin {

    /** Held while the process-wide Kerberos configuration is chosen and used (login and ticket requests). */
    static final ReentrantLock LOCK = new ReentrantLock();

    private static final String KRB5_CONF = "java.security.krb5.conf";
    private static final Pattern REALM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,253}");
    private static final Pattern KDC = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9][A-Za-z0-9.-]{0,253})"
            + "(:[0-9]{1,5})?");

    private static Path folder;
    private static String ourFile;
    private static String saved;

    private KerberosLogin() {
    }

    /** Whether {@code realm} is a realm name this client accepts (letters, digits, dots, dashes). */
    static boolean isRealm(String realm) {
        return realm != null && REALM.matcher(realm).matches();
    }

    /** Whether {@code kdc} is {@code host}, {@code host:port} or {@code [v6]:port}. */
    static boolean isKdc(String kdc) {
        return kdc != null && KDC.matcher(kdc).matches();
    }

    /**
     * The Kerberos principal of a WinRM user name: {@code user@domain} becomes {@code user@DOMAIN},
     * {@code DOMAIN\\user} and {@code user} take the given realm (or the default realm when none is given).
     */
    static String principal(String account, String realm) {
        int at = account.lastIndexOf('@');
        if (at > 0) {
            return account.substring(0, at) + "@" + account.substring(at + 1).toUpperCase(Locale.ROOT);
        }
        int slash = account.indexOf('\\');
        String user = slash < 0 ? account : account.substring(slash + 1);
        return realm == null ? user : user + "@" + realm.toUpperCase(Locale.ROOT);
    }

    /**
     * Chooses the Kerberos configuration for the next login; call with {@link #LOCK} held. With realm and KDC, a
     * krb5.conf naming just them; without, the configuration the process had before (the system's krb5.conf).
     */
    static void configure(String realm, String kdc) throws IOException {
        if (!LOCK.isHeldByCurrentThread()) {
            throw new IllegalStateException("configure Kerberos with the lock held");
        }
        String current = System.getProperty(KRB5_CONF);
        boolean ours = ourFile != null && ourFile.equals(current);
        if (realm == null || kdc == null) {
            if (ours) {
                if (saved == null) {
                    System.clearProperty(KRB5_CONF);
                } else {
                    System.setProperty(KRB5_CONF, saved);
                }
                ourFile = null;
            }
            return;
        }
        String r = realm.toUpperCase(Locale.ROOT);
        String text = "# Written by SSTP Doctor for one WinRM Kerberos login; no secrets.\n"
                + "[libdefaults]\n default_realm = " + r + "\n dns_lookup_kdc = false\n dns_lookup_realm = false\n"
                + " udp_preference_limit = 1\n kdc_timeout = 5000\n max_retries = 2\n"
                + "[realms]\n " + r + " = {\n  kdc = " + kdc + "\n }\n";
        Path file = write(text);
        if (!ours) {
            saved = current;
        }
        ourFile = file.toString();
        System.setProperty(KRB5_CONF, ourFile);
    }

    private static Path write(String text) throws IOException {
        if (folder == null || !Files.isDirectory(folder)) {
            folder = Files.createTempDirectory("sstpdoctor-krb5-");
            folder.toFile().deleteOnExit();
        }
        String name;
        try {
            name = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)), 0, 8) + ".conf";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path file = folder.resolve(name);
        if (!Files.exists(file)) {
            Path tmp = Files.createTempFile(folder, "krb5", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
        }
        return file;
    }

    /**
     * Logs in {@code principal} with {@code password}; call with {@link #LOCK} held, after {@link #configure}.
     *
     * @return the subject holding the ticket-granting ticket
     * @throws LoginException when the KDC refuses the user or password, or cannot be reached
     */
    static Subject login(String principal, char[] password) throws LoginException {
        Map<String, String> options = Map.of("useTicketCache", "false", "useKeyTab", "false", "storeKey", "false",
                "doNotPrompt", "false", "refreshKrb5Config", "true", "isInitiator", "true", "principal", principal);
        Configuration configuration = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] { new AppConfigurationEntry(
                        "com.sun.security.auth.module.Krb5LoginModule",
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options) };
            }
        };
        Subject subject = new Subject();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        // the login module is a JDK class: find it through the platform, not through the bundle's class loader
        thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            LoginContext login = new LoginContext("SSTPDoctorWinRM", subject, callbacks -> answer(callbacks,
                    principal, password), configuration);
            login.login();
            return subject;
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** Whether {@code subject} holds a ticket-granting ticket valid for at least another minute. */
    static boolean hasTicketGrantingTicket(Subject subject) {
        java.util.Date soon = new java.util.Date(System.currentTimeMillis() + 60_000);
        for (KerberosTicket t : subject.getPrivateCredentials(KerberosTicket.class)) {
            if (t.getServer().getName().startsWith("krbtgt/") && t.isCurrent() && t.getEndTime() != null
                    && t.getEndTime().after(soon)) {
                return true;
            }
        }
        return false;
    }

    private static void answer(Callback[] callbacks, String principal, char[] password)
            throws UnsupportedCallbackException {
        for (Callback c : callbacks) {
            if (c instanceof NameCallback n) {
                n.setName(principal);
            } else if (c instanceof PasswordCallback p) {
                p.setPassword(password); // copied by the callback; the module clears its copy
            } else {
                throw new UnsupportedCallbackException(c);
            }
        }
    }

    /** The message of a failed login in words, without the principal's password (it is never in it). */
    static String describe(LoginException e) {
        String m = String.valueOf(e.getMessage());
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.contains("pre-authentication") || lower.contains("integrity check") || lower.contains("(24)")
                || lower.contains("checksum failed")) {
            return "the KDC refused the password";
        }
        if (lower.contains("not found in kerberos database") || lower.contains("(6)")) {
            return "the KDC does not know the user";
        }
        if (lower.contains("timed out")) {
            return "the KDC did not answer in time (" + m + ")";
        }
        if (lower.contains("cannot locate") || lower.contains("connection")
                || lower.contains("unreachable") || lower.contains("refused")) {
            return "no KDC could be reached (" + m + ")";
        }
        if (lower.contains("default realm") || lower.contains("krb5.conf")) {
            return "no Kerberos realm is configured: give the realm and KDC in the server's channel settings"
                    + " or configure the system's krb5.conf (" + m + ")";
        }
        return "the Kerberos login failed: " + m;
    }
}
