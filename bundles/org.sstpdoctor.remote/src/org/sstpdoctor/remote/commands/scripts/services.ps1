# The services SSTP needs; a service that does not exist is reported with the Status NotFound.
$result = foreach ($name in 'RemoteAccess', 'SstpSvc') {
    $service = Get-Service -Name $name -ErrorAction SilentlyContinue
    if ($null -eq $service) {
        [pscustomobject]@{ Name = $name; DisplayName = $null; Status = 'NotFound'; StartType = $null }
    } else {
        [pscustomobject]@{
            Name = $service.Name
            DisplayName = $service.DisplayName
            Status = [string]$service.Status
            StartType = [string]$service.StartType
        }
    }
}
ConvertTo-AsciiJson -InputObject @($result) -Depth 2
