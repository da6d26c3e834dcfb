@echo off
rem Starts SSTP Doctor from this folder with a Java runtime 21 or newer:
rem %JAVA_HOME%, then java on PATH. Arguments are passed to the platform.
setlocal EnableDelayedExpansion
set "HERE=%~dp0"
set "JAVA="
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\javaw.exe" set "JAVA=%JAVA_HOME%\bin\javaw.exe"
if not defined JAVA for %%j in (javaw.exe) do if not "%%~$PATH:j"=="" set "JAVA=%%~$PATH:j"
if not defined JAVA (
  echo SSTP Doctor needs a Java runtime 21 or newer: set JAVA_HOME or put java on PATH. 1>&2
  exit /b 1
)
set "JAVACON=!JAVA:javaw.exe=java.exe!"
set "SPEC="
for /f "tokens=2 delims==" %%v in ('"!JAVACON!" -XshowSettings:properties -version 2^>^&1 ^| findstr /c:"java.specification.version"') do set "SPEC=%%v"
set "SPEC=!SPEC: =!"
for /f "delims=." %%m in ("!SPEC!") do set "MAJOR=%%m"
if not defined MAJOR set "MAJOR=0"
if !MAJOR! LSS 21 (
  echo SSTP Doctor needs a Java runtime 21 or newer; "!JAVACON!" is version !SPEC!. 1>&2
  exit /b 1
)
set "LAUNCHER="
for %%l in ("%HERE%plugins\org.eclipse.equinox.launcher_*.jar") do set "LAUNCHER=%%~fl"
start "SSTP Doctor" "!JAVA!" %SSTPDOCTOR_VMARGS% -jar "!LAUNCHER!" -name "SSTP Doctor" %*
endlocal
