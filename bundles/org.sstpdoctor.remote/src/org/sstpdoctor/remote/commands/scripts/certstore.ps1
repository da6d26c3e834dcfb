# The computer's Personal store; the parser decodes RawData and checks it against the rest.
$sha256 = [System.Security.Cryptography.SHA256]::Create()
$result = foreach ($certificate in @(Get-ChildItem -LiteralPath 'Cert:\LocalMachine\My')) {
    $usages = @(foreach ($extension in $certificate.Extensions) {
        if ($extension -is [System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension]) {
            foreach ($usage in $extension.EnhancedKeyUsages) { $usage.Value }
        }
    })
    [pscustomobject]@{
        Subject = $certificate.Subject
        Issuer = $certificate.Issuer
        Thumbprint = $certificate.Thumbprint
        Sha256 = [System.BitConverter]::ToString($sha256.ComputeHash($certificate.RawData)).Replace('-', '')
        NotBefore = $certificate.NotBefore
        NotAfter = $certificate.NotAfter
        HasPrivateKey = $certificate.HasPrivateKey
        FriendlyName = $certificate.FriendlyName
        EnhancedKeyUsages = $usages
        RawData = [System.Convert]::ToBase64String($certificate.RawData)
    }
}
ConvertTo-AsciiJson -InputObject @($result) -Depth 3
