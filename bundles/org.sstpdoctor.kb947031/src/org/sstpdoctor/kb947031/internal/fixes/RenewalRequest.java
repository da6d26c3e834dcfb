package org.sstpdoctor.kb947031.internal.fixes;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.remediation.IRemediation;
import org.sstpdoctor.core.remediation.IRemediationContext;
import org.sstpdoctor.core.remediation.PlanStep;
import org.sstpdoctor.core.remediation.RemediationOutcome;
import org.sstpdoctor.core.remediation.RemediationPlan;
import org.sstpdoctor.pki.CertificateRequest;
import org.sstpdoctor.pki.CsrBuilder;

/**
 * Writes a certificate request (PKCS#10) for the host the clients use: subject {@code CN=<host>},
 * the host as a DNS name or, for an address, an IP address in the Subject Alternative Name, and
 * the Server Authentication EKU. The new private key is written beside it (PKCS#8 PEM, readable
 * by its owner only, never replacing a file): the issued certificate must be joined with it into
 * a PFX for the server. A certreq INF is written too, for administrators who prefer to make the
 * key on the server itself, where it never leaves.
 */
public final class RenewalRequest implements IRemediation {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Override
    public boolean appliesTo(Finding finding, Server server) {
        return server.isReadable() && plainHost(server.host());
    }

    /** Whether the host is a plain DNS name or address, which a subject and an INF can carry as it is. */
    static boolean plainHost(String host) {
        return host.matches("[A-Za-z0-9][A-Za-z0-9.:-]{0,252}");
    }

    @Override
    public RemediationPlan plan(IRemediationContext context, IProgressMonitor monitor) throws CoreException {
        String host = context.server().host();
        if (!plainHost(host)) {
            throw new CoreException(Status.error("The host name " + host + " cannot be put in a certificate request"));
        }
        String base = OutputFiles.safeName(host) + "-" + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP);
        Path folder = context.outputFolder();
        boolean ip = isAddress(host);
        String san = (ip ? "IP Address=" : "DNS Name=") + host;
        List<PlanStep> steps = new ArrayList<>();
        steps.add(PlanStep.file(folder.resolve(base + ".csr").toString(), "A certificate request (PKCS#10, PEM) made"
                + " when this is applied, with a new key:\n  Subject: CN=" + host + "\n  Subject Alternative Name: "
                + san + "\n  Enhanced Key Usage: Server Authentication (1.3.6.1.5.5.7.3.1)\n  Key: RSA 2048"));
        steps.add(PlanStep.file(folder.resolve(base + ".key").toString(), "The request's private key (PKCS#8 PEM,"
                + " unencrypted), readable by its owner only. Keep it here, with the request: it is needed to join"
                + " the issued certificate into a PFX, e.g.\n  openssl pkcs12 -export -in " + base + ".cer -inkey "
                + base + ".key -out " + base + ".pfx\nthen import the PFX into LocalMachine\\My on the server and"
                + " delete the key file."));
        steps.add(PlanStep.file(folder.resolve(base + ".inf").toString(), inf(host)));
        steps.add(PlanStep.note("Warning: the private key is written unencrypted to " + folder.resolve(base + ".key")
                + ", readable only by you. Whoever reads it can impersonate the VPN server once the certificate is"
                + " issued: keep it on this machine, beside the request, and delete it after importing the PFX."));
        steps.add(PlanStep.note("Alternatively make the key on the server itself, where it never leaves: copy "
                + base + ".inf there and run certreq -new " + base + ".inf " + base + ".csr, submit that request,"
                + " then certreq -accept the issued certificate. Either way, bind the new certificate to SSTP"
                + " afterwards (the bind quick fix)."));
        return new RemediationPlan("Write a certificate request for " + host
                + " with Server Authentication, to have a new SSTP certificate issued.", steps);
    }

    @Override
    public RemediationOutcome apply(RemediationPlan plan, IRemediationContext context, IProgressMonitor monitor)
            throws CoreException {
        String host = context.server().host();
        if (!plainHost(host)) {
            throw new CoreException(Status.error("The host name " + host + " cannot be put in a certificate request"));
        }
        List<PlanStep> files = plan.steps().stream().filter(s -> s.kind() == PlanStep.Kind.FILE).toList();
        if (files.size() != 3) {
            throw new CoreException(Status.error("Not a plan of this remediation"));
        }
        Path csr = Path.of(files.get(0).target());
        Path key = Path.of(files.get(1).target());
        Path inf = Path.of(files.get(2).target());
        CsrBuilder builder = CsrBuilder.forSubject("CN=" + host);
        builder = isAddress(host) ? builder.ipAddresses(host) : builder.dnsNames(host);
        CertificateRequest request = builder.build();
        try {
            OutputFiles.write(key, request.privateKeyPem(), true);
            OutputFiles.write(csr, request.pem(), false);
            OutputFiles.write(inf, files.get(2).text(), false);
        } catch (IOException e) {
            return new RemediationOutcome(false, "The request could not be written: " + e, List.of());
        }
        return new RemediationOutcome(true, "Wrote the request " + csr + " (subject CN=" + host
                + "), its private key " + key + " (owner only; keep it beside the request) and " + inf
                + ". Submit the request to your CA.", List.of(csr, key, inf));
    }

    /** A certreq INF that makes the same request on the server, its key kept there. */
    static String inf(String host) {
        boolean ip = isAddress(host);
        return "[Version]\r\nSignature=\"$Windows NT$\"\r\n\r\n[NewRequest]\r\nSubject = \"CN=" + host + "\"\r\n"
                + "KeySpec = 1\r\nKeyLength = 2048\r\nExportable = FALSE\r\nMachineKeySet = TRUE\r\n"
                + "ProviderName = \"Microsoft RSA SChannel Cryptographic Provider\"\r\nRequestType = PKCS10\r\n"
                + "KeyUsage = 0xa0\r\n\r\n[EnhancedKeyUsageExtension]\r\nOID=1.3.6.1.5.5.7.3.1\r\n\r\n"
                + "[Extensions]\r\n2.5.29.17 = \"{text}\"\r\n_continue_ = \"" + (ip ? "ipaddress=" : "dns=") + host
                + "&\"\r\n";
    }

    static boolean isAddress(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        if (!host.matches("[0-9.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(host) != null;
        } catch (IOException e) {
            return false;
        }
    }
}
