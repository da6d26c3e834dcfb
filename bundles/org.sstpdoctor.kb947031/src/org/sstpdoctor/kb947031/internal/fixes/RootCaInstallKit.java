package org.sstpdoctor.kb947031.internal.fixes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
import org.sstpdoctor.kb947031.internal.checks.UntrustedRootChecker;
import org.sstpdoctor.pki.CertificateWriter;
import org.sstpdoctor.remote.PowerShell;

/**
 * KB947031 scenario 5: writes the root CA certificate the clients lack, with two scripts that
 * install it into the computer's Trusted Root Certification Authorities store of a client:
 * {@code certutil -addstore Root} for cmd.exe and {@code Import-Certificate -CertStoreLocation
 * Cert:\LocalMachine\Root} for PowerShell, which first checks the file's thumbprint.
 */
public final class RootCaInstallKit implements IRemediation {

    @Override
    public boolean appliesTo(Finding finding, Server server) {
        return finding.evidence().contains(UntrustedRootChecker.ROOT_MARKER);
    }

    /** The root certificate of the finding's evidence. */
    static Optional<X509Certificate> root(Finding finding) {
        String text = finding.evidence();
        int marker = text.indexOf(UntrustedRootChecker.ROOT_MARKER);
        if (marker < 0) {
            return Optional.empty();
        }
        int begin = text.indexOf("-----BEGIN CERTIFICATE-----", marker);
        int end = text.indexOf("-----END CERTIFICATE-----", begin);
        if (begin < 0 || end < 0) {
            return Optional.empty();
        }
        String pem = text.substring(begin, end + "-----END CERTIFICATE-----".length());
        try {
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
        } catch (CertificateException e) {
            return Optional.empty();
        }
    }

    private record Kit(X509Certificate root, String thumbprint, Path cer, Path ps1, Path cmd, String cerText,
            String ps1Text, String cmdText) {
    }

    private static Kit kit(IRemediationContext context) throws CoreException {
        X509Certificate root = root(context.finding()).orElseThrow(() -> new CoreException(Status.error(
                "The finding carries no root certificate to export")));
        String thumbprint;
        try {
            thumbprint = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(root.getEncoded()));
        } catch (NoSuchAlgorithmException | java.security.cert.CertificateEncodingException e) {
            throw new CoreException(Status.error("The root certificate cannot be encoded: " + e, e));
        }
        String cn = root.getSubjectX500Principal().getName();
        int i = cn.toUpperCase(Locale.ROOT).indexOf("CN=");
        String name = OutputFiles.safeName(i >= 0 ? cn.substring(i + 3).split(",")[0] : "root-ca");
        Path folder = context.outputFolder();
        String fileName = name + ".cer";
        String ps1 = "# Installs the root CA " + cn.replace('\n', ' ') + " for SSTP VPN clients.\r\n"
                + "# Run elevated on each client: powershell.exe -ExecutionPolicy Bypass -File .\\Install-"
                + name + ".ps1\r\n"
                + "$ErrorActionPreference = 'Stop'\r\n"
                + "$file = Join-Path $PSScriptRoot " + PowerShell.literal(fileName) + "\r\n"
                + "$certificate = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2 $file\r\n"
                + "if ($certificate.Thumbprint -ne " + PowerShell.literal(thumbprint) + ") {\r\n"
                + "    throw \"$file is not the expected root (thumbprint " + thumbprint + ")\"\r\n"
                + "}\r\n"
                + "Import-Certificate -FilePath $file -CertStoreLocation Cert:\\LocalMachine\\Root\r\n";
        String cmd = "@echo off\r\nrem Installs the root CA " + cn.replace('\n', ' ').replace("%", "%%")
                + " for SSTP VPN clients. Run as administrator.\r\n"
                + "certutil -addstore Root \"%~dp0" + fileName + "\"\r\n";
        return new Kit(root, thumbprint, folder.resolve(fileName), folder.resolve("Install-" + name + ".ps1"),
                folder.resolve("install-" + name + ".cmd"), CertificateWriter.pem(root), ps1, cmd);
    }

    @Override
    public RemediationPlan plan(IRemediationContext context, IProgressMonitor monitor) throws CoreException {
        Kit kit = kit(context);
        return new RemediationPlan("Export the root CA " + kit.root().getSubjectX500Principal().getName()
                + " (thumbprint " + kit.thumbprint() + ") with scripts that install it on the clients.",
                List.of(PlanStep.file(kit.cer().toString(), kit.cerText()), PlanStep.file(kit.ps1().toString(),
                        kit.ps1Text()), PlanStep.file(kit.cmd().toString(), kit.cmdText()),
                        PlanStep.note("Copy the three files to each client (or distribute the root by Group Policy:"
                                + " Computer Configuration > Windows Settings > Security Settings > Public Key Policies"
                                + " > Trusted Root Certification Authorities) and run one script elevated. Compare"
                                + " the thumbprint with your CA's before trusting it.")));
    }

    @Override
    public RemediationOutcome apply(RemediationPlan plan, IRemediationContext context, IProgressMonitor monitor)
            throws CoreException {
        List<PlanStep> files = plan.steps().stream().filter(s -> s.kind() == PlanStep.Kind.FILE).toList();
        try {
            for (PlanStep f : files) {
                OutputFiles.write(Path.of(f.target()), f.text(), false);
            }
        } catch (IOException e) {
            return new RemediationOutcome(false, "The files could not be written: " + e, List.of());
        }
        return new RemediationOutcome(true, "Wrote the root certificate and its install scripts to "
                + context.outputFolder(), files.stream().map(f -> Path.of(f.target())).toList());
    }
}
