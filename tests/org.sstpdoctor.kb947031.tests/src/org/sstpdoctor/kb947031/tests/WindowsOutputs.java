package org.sstpdoctor.kb947031.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.sstpdoctor.remote.commands.CommandCatalog;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The command outputs of one simulated RRAS server, in the formats Windows prints them: the
 * recorded outputs under {@code fixtures/} (copied from the remote bundle's tests), with the
 * server's port and certificate hashes put in, and the certificate store written as
 * {@code certstore.ps1} writes it from certificates minted in the test. Healthy unless told
 * otherwise.
 */
final class WindowsOutputs {

    /** The thumbprints the recorded outputs name, replaced by the test's own. */
    private static final String FIXTURE_SHA1 = "3E75AB03C04FEBD0FDD984437BBA8D22AC60C8C5";
    private static final String FIXTURE_SHA256 = "C4F7F79E83FEF519F0D358204E82A39528F1F360C5D1A8015443ABF5DE53CEB1";

    /** One certificate of LocalMachine\My. */
    record StoreCertificate(X509Certificate certificate, boolean hasPrivateKey, String friendlyName) {
        String sha1() {
            return hash("SHA-1", certificate);
        }

        String sha256() {
            return hash("SHA-256", certificate);
        }
    }

    /** Output text and form (powershell or legacy) per catalog id. */
    private final Map<String, String[]> outputs = new LinkedHashMap<>();
    private final List<StoreCertificate> store = new ArrayList<>();
    private int listenerPort = 443;
    private String bound;

    WindowsOutputs() {
        set(CommandCatalog.SERVICES, "powershell", read("services/ps7.json"));
        set(CommandCatalog.RRAS_FILTERS, "legacy", read("rrasFilters/dump-no-filters.txt"));
        set(CommandCatalog.EVENTS, "powershell", read("events/ps-empty.json"));
    }

    /** Adds a certificate to the store. */
    WindowsOutputs store(X509Certificate certificate, boolean hasPrivateKey) {
        store.add(new StoreCertificate(certificate, hasPrivateKey, ""));
        return this;
    }

    /** Adds a certificate with a private key to the store and binds it to SSTP everywhere. */
    WindowsOutputs bind(X509Certificate certificate) {
        store(certificate, true);
        bound = hash("SHA-1", certificate);
        return this;
    }

    /** Binds (http.sys, registry, RemoteAccess) a certificate by thumbprint, whether or not the store has it. */
    WindowsOutputs boundThumbprint(String sha1) {
        bound = sha1;
        return this;
    }

    /** SSTP's ListenerPort (and the port it listens on). */
    WindowsOutputs listenerPort(int port) {
        listenerPort = port;
        return this;
    }

    /** Replaces the output of a command with a recorded fixture. */
    WindowsOutputs fixture(String id, String form, String path) {
        return set(id, form, read(path));
    }

    /** Replaces the output of a command with a text. */
    WindowsOutputs set(String id, String form, String text) {
        outputs.put(id, new String[] { form, text });
        return this;
    }

    /** Every output as the server printed it, by catalog id: {form, text}. */
    Map<String, String[]> outputs() {
        Map<String, String[]> all = new LinkedHashMap<>();
        String sha1 = bound == null ? FIXTURE_SHA1 : bound;
        String sha256 = store.stream().filter(c -> c.sha1().equals(sha1)).map(StoreCertificate::sha256).findFirst()
                .orElse(FIXTURE_SHA256);
        String port = Integer.toString(listenerPort);
        all.put(CommandCatalog.SERVICES, null);
        all.put(CommandCatalog.LISTENERS, new String[] { "legacy", read("listeners/netstat-healthy.txt")
                .replace(":443 ", ":" + port + " ") });
        all.put(CommandCatalog.SSLCERT, new String[] { "legacy", read("sslcert/healthy.txt")
                .replace(":443", ":" + port).replace(FIXTURE_SHA1.toLowerCase(Locale.ROOT), sha1.toLowerCase(Locale.ROOT)) });
        String registry = read("sstpRegistry/reg-healthy.txt").replace(FIXTURE_SHA1, sha1).replace(FIXTURE_SHA256, sha256);
        if (listenerPort != 443) {
            registry = registry.replace("    UseHttps", "    ListenerPort    REG_DWORD    0x"
                    + Integer.toHexString(listenerPort) + "\r\n    UseHttps");
        }
        all.put(CommandCatalog.SSTP_REGISTRY, new String[] { "legacy", registry });
        all.put(CommandCatalog.CERT_STORE, new String[] { "powershell", storeJson() });
        all.put(CommandCatalog.REMOTE_ACCESS, new String[] { "powershell", read("remoteAccess/healthy.json")
                .replace(FIXTURE_SHA1, sha1) });
        all.put(CommandCatalog.FIREWALL, new String[] { "powershell", read("firewall/enabled.json")
                .replace("\"443\"", "\"" + port + "\"") });
        all.put(CommandCatalog.RRAS_FILTERS, null);
        all.put(CommandCatalog.EVENTS, null);
        for (Map.Entry<String, String[]> e : outputs.entrySet()) {
            all.put(e.getKey(), e.getValue());
        }
        all.replaceAll((id, v) -> v == null ? new String[] { "powershell", "" } : v);
        return all;
    }

    /** The certificate store as certstore.ps1 prints it (PowerShell 7, ConvertTo-Json -Compress). */
    String storeJson() {
        JsonArray array = new JsonArray();
        for (StoreCertificate c : store) {
            X509Certificate x = c.certificate();
            JsonObject o = new JsonObject();
            o.addProperty("Subject", x.getSubjectX500Principal().getName());
            o.addProperty("Issuer", x.getIssuerX500Principal().getName());
            o.addProperty("Thumbprint", c.sha1());
            o.addProperty("Sha256", c.sha256());
            o.addProperty("NotBefore", x.getNotBefore().toInstant().atOffset(ZoneOffset.ofHours(1)).toString());
            o.addProperty("NotAfter", x.getNotAfter().toInstant().atOffset(ZoneOffset.ofHours(1)).toString());
            o.addProperty("HasPrivateKey", c.hasPrivateKey());
            o.addProperty("FriendlyName", c.friendlyName());
            JsonArray ekus = new JsonArray();
            try {
                if (x.getExtendedKeyUsage() != null) {
                    x.getExtendedKeyUsage().forEach(ekus::add);
                }
                o.add("EnhancedKeyUsages", ekus);
                o.addProperty("RawData", Base64.getEncoder().encodeToString(x.getEncoded()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            array.add(o);
        }
        return array.toString();
    }

    static String hash(String algorithm, X509Certificate certificate) {
        try {
            return HexFormat.of().withUpperCase()
                    .formatHex(MessageDigest.getInstance(algorithm).digest(certificate.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The thumbprint bound to SSTP. */
    String bound() {
        return bound == null ? FIXTURE_SHA1 : bound;
    }

    /** A recorded output with the recorded outputs' thumbprint replaced by the bound one. */
    String withBound(String path) {
        String sha256 = store.stream().filter(c -> c.sha1().equals(bound())).map(StoreCertificate::sha256).findFirst()
                .orElse(FIXTURE_SHA256);
        return read(path).replace(FIXTURE_SHA1.toLowerCase(Locale.ROOT), bound().toLowerCase(Locale.ROOT))
                .replace(FIXTURE_SHA1, bound()).replace(FIXTURE_SHA256, sha256);
    }

    /** A recorded output of {@code fixtures/}. */
    static String read(String path) {
        Bundle bundle = FrameworkUtil.getBundle(WindowsOutputs.class);
        URL entry = bundle.getEntry("fixtures/" + path);
        assertNotNull(entry, () -> "fixture " + path + " is missing from " + bundle.getSymbolicName());
        try (InputStream in = entry.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
