# $Name: the service to start.
try {
    Start-Service -Name $Name
    Write-Outcome $true ($Name + ' is ' + [string](Get-Service -Name $Name).Status)
} catch { Write-Outcome $false $_.Exception.Message }
