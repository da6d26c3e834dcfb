# $Group: the rule group as Windows stores it (a resource reference for built-in groups).
try {
    Enable-NetFirewallRule -Group $Group
    $rules = @(Get-NetFirewallRule -Group $Group)
    Write-Outcome $true ([string]$rules.Count + ' rules enabled')
} catch { Write-Outcome $false $_.Exception.Message }
