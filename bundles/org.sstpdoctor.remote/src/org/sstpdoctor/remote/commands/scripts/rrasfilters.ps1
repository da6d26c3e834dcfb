# There is no cmdlet for the RRAS packet filters: netsh's dump, with its exit code.
$text = & netsh.exe routing ip dump | Out-String
ConvertTo-AsciiJson -InputObject ([pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $text }) -Depth 2
