# $Thumbprint: the SHA-1 thumbprint of a certificate of Cert:\LocalMachine\My with its private key.
# SSTP's certificate lives in three places that must agree: the http.sys bindings on 0.0.0.0:443
# and [::]:443 (application id of SSTP) and the SstpSvc registry hashes.
try {
    $cert = Get-Item -LiteralPath ('Cert:\LocalMachine\My\' + $Thumbprint)
    if (-not $cert.HasPrivateKey) { throw ('the certificate ' + $Thumbprint + ' has no private key') }
    Stop-Service -Name RemoteAccess -Force
    Set-RemoteAccess -SslCertificate $cert
    foreach ($ipport in '0.0.0.0:443', '[::]:443') {
        & netsh.exe http delete sslcert ('ipport=' + $ipport) | Out-Null
        $text = & netsh.exe http add sslcert ('ipport=' + $ipport) ('certhash=' + $Thumbprint) 'appid={ba195980-cd49-458b-9e23-c84ee0adcd75}' 'certstorename=MY' | Out-String
        if ($LASTEXITCODE -ne 0) { throw ('netsh http add sslcert ' + $ipport + ': ' + $text.Trim()) }
    }
    $key = 'HKLM:\SYSTEM\CurrentControlSet\Services\SstpSvc\Parameters'
    $sha256 = [System.Security.Cryptography.SHA256]::Create().ComputeHash($cert.RawData)
    New-ItemProperty -Path $key -Name Sha256CertificateHash -PropertyType Binary -Value $sha256 -Force | Out-Null
    New-ItemProperty -Path $key -Name Sha1CertificateHash -PropertyType Binary -Value $cert.GetCertHash() -Force | Out-Null
    Start-Service -Name RemoteAccess
    Write-Outcome $true ('SSTP uses ' + $cert.Subject + ' (' + $Thumbprint + ')')
} catch { Write-Outcome $false $_.Exception.Message }
