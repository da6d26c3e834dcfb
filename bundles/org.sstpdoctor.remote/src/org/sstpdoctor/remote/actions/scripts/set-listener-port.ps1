# $Port: SSTP's TCP port; RemoteAccess reads it at start.
try {
    New-ItemProperty -Path 'HKLM:\SYSTEM\CurrentControlSet\Services\SstpSvc\Parameters' -Name ListenerPort -PropertyType DWord -Value $Port -Force | Out-Null
    Restart-Service -Name RemoteAccess -Force
    Write-Outcome $true ('ListenerPort is ' + $Port)
} catch { Write-Outcome $false $_.Exception.Message }
