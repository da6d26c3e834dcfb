# Installs remote access as a VPN server (the RemoteAccess role must be present).
try {
    Install-RemoteAccess -VpnType Vpn
    Write-Outcome $true ('VpnStatus is ' + [string](Get-RemoteAccess).VpnStatus)
} catch { Write-Outcome $false $_.Exception.Message }
