# Every value of the key with its registry type; REG_EXPAND_SZ as stored, REG_BINARY as bytes.
$path = 'HKLM:\SYSTEM\CurrentControlSet\Services\SstpSvc\Parameters'
try {
    $key = Get-Item -LiteralPath $path
} catch [System.Management.Automation.ItemNotFoundException] {
    ConvertTo-AsciiJson -InputObject ([pscustomobject]@{ Path = $path; Exists = $false; Values = @() }) -Depth 4
    return
}
$values = foreach ($name in $key.GetValueNames()) {
    [pscustomobject]@{
        Name = $name
        Kind = [string]$key.GetValueKind($name)
        Value = $key.GetValue($name, $null, 'DoNotExpandEnvironmentNames')
    }
}
ConvertTo-AsciiJson -InputObject ([pscustomobject]@{ Path = $path; Exists = $true; Values = @($values) }) -Depth 4
