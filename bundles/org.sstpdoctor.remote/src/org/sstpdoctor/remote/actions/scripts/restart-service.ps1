# $Name: the service to restart, with the services that depend on it.
try {
    Restart-Service -Name $Name -Force
    Write-Outcome $true ($Name + ' is ' + [string](Get-Service -Name $Name).Status)
} catch { Write-Outcome $false $_.Exception.Message }
