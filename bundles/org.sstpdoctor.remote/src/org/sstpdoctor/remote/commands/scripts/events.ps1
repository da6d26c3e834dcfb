# Recent events of the SSTP sources; an XPath filter does not fail on a source that is not
# registered, a log without such events is an empty list, any other error ends the script.
$query = "*[System[Provider[@Name='RemoteAccess' or @Name='Microsoft-Windows-RasSstp' or @Name='Schannel']" +
    " and TimeCreated[timediff(@SystemTime) <= {{MILLISECONDS}}]]]"
$events = foreach ($log in 'System', 'Application') {
    try {
        Get-WinEvent -LogName $log -FilterXPath $query -MaxEvents {{MAX_EVENTS}}
    } catch {
        if ($_.FullyQualifiedErrorId -notlike 'NoMatchingEventsFound*') { throw }
    }
}
$result = foreach ($record in $events) {
    [pscustomobject]@{
        TimeCreated = $record.TimeCreated
        Id = $record.Id
        Level = [int]$record.Level
        LevelDisplayName = $record.LevelDisplayName
        ProviderName = $record.ProviderName
        LogName = $record.LogName
        RecordId = $record.RecordId
        Message = $record.Message
    }
}
ConvertTo-AsciiJson -InputObject @($result) -Depth 2
