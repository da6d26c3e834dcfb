# Prepended to every action script: any error ends the script, and the outcome is one line of
# ASCII JSON ({"Action":..,"Ok":..,"Message":..}) with the exit code 0 or 1.
$ProgressPreference = 'SilentlyContinue'
$ErrorActionPreference = 'Stop'
function Write-Outcome([bool]$Ok, [string]$Message) {
    $json = ConvertTo-Json -InputObject ([pscustomobject]@{ Action = $ActionId; Ok = $Ok; Message = $Message }) -Compress
    [Console]::Out.WriteLine([regex]::Replace($json, '[^\x00-\x7F]', [System.Text.RegularExpressions.MatchEvaluator] { param($m) '\u{0:x4}' -f [int][char]$m.Value }))
    if ($Ok) { exit 0 } else { exit 1 }
}
