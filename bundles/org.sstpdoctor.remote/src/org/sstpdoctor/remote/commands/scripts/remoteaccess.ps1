# Remote access state and the VPN port counts; a cmdlet that fails is reported in Errors.
$errors = @()
$access = $null
$vpn = $null
try { $access = Get-RemoteAccess } catch { $errors += 'Get-RemoteAccess: ' + $_.Exception.Message }
try { $vpn = Get-VpnServerConfiguration } catch { $errors += 'Get-VpnServerConfiguration: ' + $_.Exception.Message }
$thumbprint = $null
if ($null -ne $access -and $null -ne $access.SslCertificate) {
    $certificate = $access.SslCertificate
    if ($certificate -isnot [System.Security.Cryptography.X509Certificates.X509Certificate2]) {
        $certificate = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2 -ArgumentList (,[byte[]]$certificate)
    }
    $thumbprint = $certificate.Thumbprint
}
$result = [pscustomobject]@{
    VpnStatus = if ($access) { [string]$access.VpnStatus } else { $null }
    RoutingStatus = if ($access) { [string]$access.RoutingStatus } else { $null }
    DAStatus = if ($access) { [string]$access.DAStatus } else { $null }
    VpnS2SStatus = if ($access) { [string]$access.VpnS2SStatus } else { $null }
    UseHttp = if ($access) { $access.UseHttp } else { $null }
    SslCertificateThumbprint = $thumbprint
    SstpPorts = if ($vpn) { $vpn.SstpPorts } else { $null }
    Ikev2Ports = if ($vpn) { $vpn.Ikev2Ports } else { $null }
    L2tpPorts = if ($vpn) { $vpn.L2tpPorts } else { $null }
    GrePorts = if ($vpn) { $vpn.GrePorts } else { $null }
    Errors = @($errors)
}
ConvertTo-AsciiJson -InputObject $result -Depth 3
