@echo off
rem SSTP Doctor on the command line, with a Java runtime 21 or newer: %JAVA_HOME%, then java
rem on PATH. Exit status: 0 healthy, 1 problems found, 2 usage or runtime error.
setlocal
set "HERE=%~dp0"
set "JAVA="
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"
if not defined JAVA for %%j in (java.exe) do if not "%%~$PATH:j"=="" set "JAVA=%%~$PATH:j"
if not defined JAVA (
  echo SSTP Doctor needs a Java runtime 21 or newer: set JAVA_HOME or put java on PATH. 1>&2
  exit /b 2
)
set "LAUNCHER="
for %%l in ("%HERE%plugins\org.eclipse.equinox.launcher_*.jar") do set "LAUNCHER=%%~fl"
"%JAVA%" -Djava.awt.headless=true -Dslf4j.internal.verbosity=ERROR %SSTPDOCTOR_VMARGS% -jar "%LAUNCHER%" %*
exit /b %ERRORLEVEL%
