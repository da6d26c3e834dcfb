package org.sstpdoctor.ui.tests.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstpdoctor.ui.tests.UiTestSupport.onShell;
import static org.sstpdoctor.ui.tests.UiTestSupport.press;
import static org.sstpdoctor.ui.tests.UiTestSupport.texts;
import static org.sstpdoctor.ui.tests.UiTestSupport.waitFor;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.sstpdoctor.remote.ssh.HostKeyInfo;
import org.sstpdoctor.remote.ssh.IHostKeyConfirmer;
import org.sstpdoctor.ui.internal.trust.HostKeyDialogConfirmer;
import org.sstpdoctor.ui.tests.UiTestSupport.Answer;

/** The workbench answers new SSH host keys with a dialog, registered as the confirmer service. */
class HostKeyConfirmerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "Trust and Connect, true", "Refuse, false" })
    void theWorkbenchAsksThePerson(String button, boolean trusted) throws Exception {
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        ServiceReference<IHostKeyConfirmer> ref = context.getServiceReference(IHostKeyConfirmer.class);
        assertNotNull(ref, "no host key confirmer service is registered");
        IHostKeyConfirmer confirmer = context.getService(ref);
        assertTrue(confirmer instanceof HostKeyDialogConfirmer, confirmer.getClass().getName());

        HostKeyInfo key = new HostKeyInfo("emea/vpn1 (vpn1.contoso.com:22)", "vpn1.contoso.com", 22, "ssh-ed25519",
                "SHA256:Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm8", Path.of("/tmp/known_hosts"));
        AtomicReference<String> shown = new AtomicReference<>();
        Answer answer = onShell(HostKeyDialogConfirmer.TITLE, dialog -> {
            shown.set(texts(dialog));
            press(dialog, button);
        });
        CompletableFuture<Boolean> result = CompletableFuture.supplyAsync(() -> confirmer.trustNewHostKey(key));
        waitFor(result::isDone, "the host key question to be answered");
        answer.check();
        assertEquals(trusted, result.get());
        assertTrue(shown.get().contains("SHA256:Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm8"), shown.get());
        assertTrue(shown.get().contains("vpn1.contoso.com:22"), shown.get());
        context.ungetService(ref);
    }
}
