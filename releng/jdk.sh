# Shared by ./mvnw, ./sstpdoctor and the test script: find a JDK >= 21.
# Sourced, not run. Sets SSTPD_JAVA_HOME or prints why not and returns 1.

sstpd_java_feature() { # $1 = a java executable; prints its feature version (17, 21, 25...)
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

sstpd_find_jdk() {
  local candidates=() c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for c in /usr/lib/jvm/*/ /Library/Java/JavaVirtualMachines/*/Contents/Home/; do
    [ -d "$c" ] && candidates+=("${c%/}")
  done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v=$(sstpd_java_feature "$c/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then
      SSTPD_JAVA_HOME="$c"
      return 0
    fi
  done
  {
    echo "error: no JDK 21 or newer was found."
    echo "  Looked at: JAVA_HOME (${JAVA_HOME:-unset}) and /usr/lib/jvm/*."
    echo "  Install one (on Debian: apt-get install openjdk-21-jdk, or a Temurin 21+ JDK)"
    echo "  or point JAVA_HOME at it."
  } >&2
  return 1
}
