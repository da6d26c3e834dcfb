# There is no cmdlet for the http.sys certificate bindings: netsh's text, with its exit code.
$text = & netsh.exe http show sslcert | Out-String
ConvertTo-AsciiJson -InputObject ([pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $text }) -Depth 2
