# The rules of the "Secure Socket Tunneling Protocol" group, found by its language-independent
# name; no such rule is an empty list, any other error ends the script.
try {
    $rules = @(Get-NetFirewallRule -Group '@sstpsvc.dll,-35001')
} catch {
    if ($_.FullyQualifiedErrorId -notlike 'CmdletizationQuery_NotFound*') { throw }
    $rules = @()
}
$result = foreach ($rule in $rules) {
    $ports = $rule | Get-NetFirewallPortFilter
    [pscustomobject]@{
        Name = $rule.Name
        DisplayName = $rule.DisplayName
        Group = $rule.Group
        DisplayGroup = $rule.DisplayGroup
        Enabled = [string]$rule.Enabled
        Direction = [string]$rule.Direction
        Action = [string]$rule.Action
        Profile = [string]$rule.Profile
        Protocol = [string]$ports.Protocol
        LocalPort = @($ports.LocalPort)
    }
}
ConvertTo-AsciiJson -InputObject @($result) -Depth 3
