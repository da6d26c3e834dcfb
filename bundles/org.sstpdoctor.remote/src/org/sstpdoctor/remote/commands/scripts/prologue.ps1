# Prepended to every catalog script: no progress records on the output, any error ends the script
# (no half output that reads as a healthy answer), and JSON in ASCII only (every other character
# escaped as \uXXXX) so that no console code page can garble it.
$ProgressPreference = 'SilentlyContinue'
$ErrorActionPreference = 'Stop'
function ConvertTo-AsciiJson($InputObject, [int]$Depth) {
    $json = ConvertTo-Json -InputObject $InputObject -Depth $Depth -Compress
    [regex]::Replace($json, '[^\x00-\x7F]', [System.Text.RegularExpressions.MatchEvaluator] {
        param($m) '\u{0:x4}' -f [int][char]$m.Value
    })
}
