# The listening TCP sockets; no listener at all is an empty list, any other error ends the script.
$withNames = {{WITH_PROCESS_NAMES}}
$names = @{}
if ($withNames) {
    foreach ($process in Get-Process) { $names[[int]$process.Id] = $process.ProcessName }
}
try {
    $connections = @(Get-NetTCPConnection -State Listen)
} catch {
    if ($_.FullyQualifiedErrorId -notlike 'CmdletizationQuery_NotFound*') { throw }
    $connections = @()
}
$result = foreach ($connection in $connections) {
    [pscustomobject]@{
        LocalAddress = $connection.LocalAddress
        LocalPort = [int]$connection.LocalPort
        State = [string]$connection.State
        OwningProcess = [int]$connection.OwningProcess
        ProcessName = $names[[int]$connection.OwningProcess]
    }
}
ConvertTo-AsciiJson -InputObject @($result) -Depth 2
