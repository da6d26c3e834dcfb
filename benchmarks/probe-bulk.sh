#!/usr/bin/env bash
# The bulk-probe benchmark (see benchmarks/README.md): a fleet of loopback MS-SSTP endpoints in one
# JVM, the bulk probe over them in another JVM limited to -Xmx256m, and, in the same run, an
# `openssl s_client` loop connecting to the same endpoints one by one.
#
#   benchmarks/probe-bulk.sh [--count N] [--warmup W] [--rounds R] [--concurrency C]
#                            [--fleet python|jsse] [--no-build]
#
# The fleet is Python's asyncio with its ssl module (OpenSSL), the servers' stand-in that takes
# least of the cores the prober is measured on; `--fleet jsse` serves the same exchange from a JVM
# with the Java runtime's TLS instead (SstpFleet), which takes about three times the CPU a call.
#
# It prints figures; it judges nothing (no threshold, no exit status for slowness).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
. releng/jdk.sh
sstpd_find_jdk || exit 1
java="$SSTPD_JAVA_HOME/bin/java"

count=1000
warmup=3
rounds=5
concurrency=
fleet=python
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --fleet) fleet=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$fleet" in
  python) command -v python3 >/dev/null 2>&1 || { echo "the Python fleet needs python3 (apt-get install python3), or use --fleet jsse" >&2; exit 1; } ;;
  jsse) ;;
  *) echo "unknown fleet: $fleet (python or jsse)" >&2; exit 2 ;;
esac

if [ "$build" = 1 ]; then
  echo "== building the probe and PKI bundles, then the benchmark module" >&2
  ./mvnw -B -q package -DskipTests -pl bundles/org.sstpdoctor.probe -am >&2
  ./mvnw -B -q -f benchmarks/probe-bench/pom.xml package >&2
fi
cp="benchmarks/probe-bench/target/probe-bench-0.1.0-SNAPSHOT.jar:$(cat benchmarks/probe-bench/target/classpath.txt)"

work=$(mktemp -d "${TMPDIR:-/tmp}/probe-bulk.XXXXXX")
fleet_pid=
cleanup() {
  if [ -n "$fleet_pid" ] && kill -0 "$fleet_pid" 2>/dev/null; then
    kill "$fleet_pid" 2>/dev/null || true
    wait "$fleet_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(nproc) cores; load before: $(uptime)"
mkfifo "$work/fleet.stdin"
if [ "$fleet" = python ]; then
  echo "== minting the fleet's certificates, then starting the fleet: $count endpoints in one Python process"
  "$java" -cp "$cp" org.sstpdoctor.bench.FleetCertificates --count "$count" --dir "$work/fleet"
  python3 "$root/benchmarks/sstp-fleet.py" --count "$count" --dir "$work/fleet" \
    < "$work/fleet.stdin" > "$work/fleet.log" 2>&1 &
else
  echo "== starting the fleet: $count endpoints in one JVM"
  "$java" -cp "$cp" org.sstpdoctor.bench.SstpFleet --count "$count" --dir "$work/fleet" \
    < "$work/fleet.stdin" > "$work/fleet.log" 2>&1 &
fi
fleet_pid=$!
exec 3> "$work/fleet.stdin"   # holds the fleet's standard input open until the end
for _ in $(seq 1 600); do
  [ -e "$work/fleet/ready" ] && break
  kill -0 "$fleet_pid" 2>/dev/null || { cat "$work/fleet.log" >&2; echo "the fleet died" >&2; exit 1; }
  sleep 0.1
done
[ -e "$work/fleet/ready" ] || { echo "the fleet did not start within 60 s" >&2; exit 1; }
cat "$work/fleet.log"

# the fleet's CPU time in clock ticks (Linux), to tell the probe's share of the machine from the fleet's
fleet_ticks() { [ -r "/proc/$fleet_pid/stat" ] && awk '{print $14 + $15}' "/proc/$fleet_pid/stat" || echo 0; }

echo "== bulk probe (java -Xmx256m)"
args=(--endpoints "$work/fleet/endpoints.txt" --trust "$work/fleet/root.pem" --warmup "$warmup" --rounds "$rounds")
[ -n "$concurrency" ] && args+=(--concurrency "$concurrency")
t0=$(fleet_ticks)
"$java" -Xmx256m -cp "$cp" org.sstpdoctor.bench.BulkProbe "${args[@]}" | tee "$work/bulk.log"
t1=$(fleet_ticks)
awk -v t=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" -v n=$((count * (warmup + rounds))) 'BEGIN {
  if (t > 0) printf "fleet CPU during the bulk probe: %.1f s, %.2f ms per SSTP call served\n", t / hz, t / hz * 1000 / n }'

if command -v openssl >/dev/null 2>&1; then
  echo "== openssl s_client, one endpoint after the other ($(openssl version))"
  ports=$(awk '{print $2}' "$work/fleet/endpoints.txt")
  ok=0
  start=$(date +%s%N)
  for p in $ports; do
    if openssl s_client -connect "127.0.0.1:$p" -servername fleet.sstpdoctor.test </dev/null >/dev/null 2>&1; then
      ok=$((ok + 1))
    fi
  done
  end=$(date +%s%N)
  awk -v n="$count" -v ok="$ok" -v ns=$((end - start)) 'BEGIN {
    s = ns / 1e9; printf "openssl s_client loop: %d connections (%d completed) in %.2f s = %.1f handshakes/s\n", n, ok, s, n / s }' \
    | tee "$work/openssl.log"
else
  echo "== no openssl on this machine: the s_client loop is left out" | tee "$work/openssl.log"
fi

echo "== load after: $(uptime)"
exec 3>&-                      # the fleet's standard input ends: it reports and stops
wait "$fleet_pid" 2>/dev/null || true
fleet_pid=
tail -n 1 "$work/fleet.log"

median=$(sed -n 's/^measured rounds: median \([0-9]*\) probes\/s (min \([0-9]*\), .*/\1 \2/p' "$work/bulk.log")
loop=$(sed -n 's/.* = \([0-9.]*\) handshakes\/s$/\1/p' "$work/openssl.log")
if [ -n "$median" ] && [ -n "$loop" ]; then
  set -- $median
  awk -v m="$1" -v lo="$2" -v l="$loop" 'BEGIN {
    printf "== summary: bulk probe %d probes/s (median of the measured rounds; slowest %d) vs openssl loop %.1f/s: %.1f times (slowest round: %.1f times)\n", m, lo, l, m / l, lo / l }'
fi
