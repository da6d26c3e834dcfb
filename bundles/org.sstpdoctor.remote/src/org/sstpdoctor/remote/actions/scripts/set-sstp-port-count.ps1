# $Ports: the new port count of WAN Miniport (SSTP); RemoteAccess reads it at start.
try {
    Set-VpnServerConfiguration -SstpPorts $Ports
    Restart-Service -Name RemoteAccess -Force
    Write-Outcome $true ('SstpPorts is ' + [string](Get-VpnServerConfiguration).SstpPorts)
} catch { Write-Outcome $false $_.Exception.Message }
