package org.sstpdoctor.core.tests.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.FrameworkWiring;
import org.sstpdoctor.core.SstpDoctorCore;
import org.sstpdoctor.core.errors.ErrorCatalog;
import org.sstpdoctor.core.errors.ErrorCode;

/**
 * The default catalog, over the running platform: what this test bundle's plugin.xml contributes,
 * and bundles that come and go while it runs.
 */
class ErrorCatalogPlatformTest {

    private static final String TESTS = "org.sstpdoctor.core.tests";
    private static final String DYNAMIC = "org.sstpdoctor.core.tests.dynamic";
    private static final int DYNAMIC_CODE = 0x8FFF00D1;

    @Test
    void findsTheGoodTestContribution() {
        ErrorCode code = ErrorCatalog.getDefault().lookup("sstpdoctor_test_e_good").orElseThrow();

        assertEquals("0x8FFF0001", code.key());
        assertEquals(TESTS, code.contributor());
        assertEquals("A code contributed by the core tests.", code.message());
        assertEquals(code, ErrorCatalog.getDefault().get(0x8FFF0001).orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            value that is no number|"banana" contributed by org.sstpdoctor.core.tests: the value "banana" is not a code
            value beyond 32 bits|"0x1FFFFFFFF" contributed by org.sstpdoctor.core.tests: the value "0x1FFFFFFFF" does not fit in 32 bits.
            no title|"0x8FFF0002" contributed by org.sstpdoctor.core.tests: it has no title.
            no message|"0x8FFF0003" contributed by org.sstpdoctor.core.tests: it has no message.
            """)
    void skipsAndLogsTheMalformedTestContributions(String what, String expected) throws Exception {
        try (LogCapture log = new LogCapture()) {
            ErrorCatalog catalog = ErrorCatalog.of(Platform.getExtensionRegistry());

            List<IStatus> errors = log.await(IStatus.ERROR, message -> message.contains(expected));
            assertEquals(1, errors.size(), () -> "one error \"" + expected + "\" among " + log.withSeverity(
                    IStatus.ERROR));
            assertTrue(catalog.lookup("0x8FFF0001").isPresent(), "the good test contribution still counts");
        }
        ErrorCatalog catalog = ErrorCatalog.getDefault();
        for (int skipped : new int[] { 0x8FFF0002, 0x8FFF0003 }) {
            assertEquals(Optional.empty(), catalog.get(skipped));
        }
        assertTrue(catalog.all().stream().noneMatch(code -> code.title().startsWith("A value")),
                "no malformed entry reaches the catalog");
    }

    @Test
    void theCoreKeepsItsCodeAgainstALaterDuplicate() throws Exception {
        assertEquals(SstpDoctorCore.PLUGIN_ID, ErrorCatalog.getDefault().get(0x800B0101).orElseThrow().contributor());
        try (LogCapture log = new LogCapture()) {
            ErrorCode code = ErrorCatalog.of(Platform.getExtensionRegistry()).get(0x800B0101).orElseThrow();

            assertEquals(SstpDoctorCore.PLUGIN_ID, code.contributor());
            assertEquals("Server certificate expired", code.title());
            String expected = "Ignored error code 0x800B0101 (CERT_E_EXPIRED) contributed by " + TESTS
                    + ": the catalog already has 0x800B0101 (CERT_E_EXPIRED) from " + SstpDoctorCore.PLUGIN_ID + ".";
            assertEquals(List.of(expected), log.await(IStatus.WARNING, expected::equals).stream()
                    .map(IStatus::getMessage).toList());
        }
    }

    @Test
    void theDefaultCatalogIsBuiltOnceAndKept() {
        assertSame(ErrorCatalog.getDefault(), ErrorCatalog.getDefault());
    }

    @Test
    void followsBundlesInstalledAndUninstalledAtRunTime() throws Exception {
        BundleContext context = context();
        assertEquals(Optional.empty(), ErrorCatalog.getDefault().get(DYNAMIC_CODE),
                "the catalog is built, without the dynamic bundle's code");

        Bundle dynamic = context.installBundle("sstpdoctor-test:" + DYNAMIC, new ByteArrayInputStream(dynamicBundle()));
        try {
            FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
            assertTrue(wiring.resolveBundles(List.of(dynamic)), "the dynamic bundle resolves");
            ErrorCode code = await(() -> ErrorCatalog.getDefault().get(DYNAMIC_CODE), Optional::isPresent,
                    "the code of the installed bundle").orElseThrow();
            assertEquals(DYNAMIC, code.contributor());
            assertEquals("Code of a bundle installed at run time", code.title());
            assertEquals(code, ErrorCatalog.getDefault().lookup("SSTPDOCTOR_TEST_E_DYNAMIC").orElseThrow());
            assertEquals(Bundle.RESOLVED, dynamic.getState(), "reading the catalog does not start the contributor");
        } finally {
            uninstall(context, dynamic);
        }
        await(() -> ErrorCatalog.getDefault().get(DYNAMIC_CODE), Optional::isEmpty,
                "the code of the uninstalled bundle gone");
        assertTrue(ErrorCatalog.getDefault().get(0x8FFF0001).isPresent(), "the other contributions stay");
    }

    private static BundleContext context() throws BundleException {
        Bundle self = FrameworkUtil.getBundle(ErrorCatalogPlatformTest.class);
        if (self.getBundleContext() == null) {
            self.start(Bundle.START_TRANSIENT);
        }
        return self.getBundleContext();
    }

    private static void uninstall(BundleContext context, Bundle bundle) throws Exception {
        bundle.uninstall();
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        assertTrue(refreshed.await(30, TimeUnit.SECONDS), "the framework refreshed after the uninstall");
    }

    /** A bundle whose only content is a plugin.xml contributing one code. */
    private static byte[] dynamicBundle() throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", DYNAMIC + ";singleton:=true");
        main.putValue("Bundle-Version", "1.0.0");
        String pluginXml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <?eclipse version="3.4"?>
                <plugin>
                   <extension point="org.sstpdoctor.core.errorCodes">
                      <code value="0x8FFF00D1" symbolicName="SSTPDOCTOR_TEST_E_DYNAMIC"
                            title="Code of a bundle installed at run time">
                         <message>A code that comes and goes with its bundle.</message>
                      </code>
                   </extension>
                </plugin>
                """;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.putNextEntry(new JarEntry("plugin.xml"));
            jar.write(pluginXml.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** Asks until the answer passes the test: registry events reach listeners asynchronously. */
    private static <T> T await(Supplier<T> ask, Predicate<T> test, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        T answer = ask.get();
        while (!test.test(answer)) {
            if (System.nanoTime() > deadline) {
                fail("Timed out waiting for " + what + "; the catalog is " + ErrorCatalog.getDefault());
            }
            Thread.sleep(25);
            answer = ask.get();
        }
        return answer;
    }
}
