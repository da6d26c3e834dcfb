# One IPv4 filter of an RRAS interface, exactly as netsh routing ip dump listed it.
try {
    $arguments = @('routing', 'ip', 'delete', 'filter', ('name=' + $Interface), ('filtertype=' + $FilterType), ('srcaddr=' + $SourceAddress), ('srcmask=' + $SourceMask), ('dstaddr=' + $DestinationAddress), ('dstmask=' + $DestinationMask), ('proto=' + $Protocol))
    if ($HasPorts) { $arguments += ('srcport=' + $SourcePort); $arguments += ('dstport=' + $DestinationPort) }
    $text = & netsh.exe @arguments | Out-String
    if ($LASTEXITCODE -ne 0) { throw ('netsh: ' + $text.Trim()) }
    Write-Outcome $true $text.Trim()
} catch { Write-Outcome $false $_.Exception.Message }
