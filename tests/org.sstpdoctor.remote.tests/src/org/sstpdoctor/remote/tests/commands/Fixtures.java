package org.sstpdoctor.remote.tests.commands;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The recorded command outputs under {@code fixtures/} of this bundle, one folder per catalog id.
 * Windows text outputs have CR LF line ends, PowerShell outputs are the one line
 * {@code ConvertTo-Json -Compress} writes.
 */
public final class Fixtures {

    /** The SHA-1 and SHA-256 of {@code server.der}: CN=vpn.example.org, Server Authentication, 2026. */
    static final String SERVER_SHA1 = "3E75AB03C04FEBD0FDD984437BBA8D22AC60C8C5";
    static final String SERVER_SHA256 = "C4F7F79E83FEF519F0D358204E82A39528F1F360C5D1A8015443ABF5DE53CEB1";
    /** The same name with Server Authentication, valid in 2024 only: the certificate before a renewal. */
    static final String OLD_SHA1 = "8F3FB8DD2E94D9A673011811E182F4BBD5D90B0F";
    static final String OLD_SHA256 = "6EF1F496B9C9ACD0D86D339430CD25E0CC8D409BE8A03DA4C0A22FC687DAD472";
    /** The same name with Client Authentication only. */
    static final String CLIENT_SHA1 = "105E406F24EC8DB641D82FB38EC4A4E09735F4BB";

    private Fixtures() {
    }

    public static String read(String path) {
        Bundle bundle = FrameworkUtil.getBundle(Fixtures.class);
        URL entry = bundle.getEntry("fixtures/" + path);
        assertNotNull(entry, () -> "fixture " + path + " is missing from " + bundle.getSymbolicName());
        try (InputStream in = entry.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
