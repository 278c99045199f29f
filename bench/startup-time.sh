#!/usr/bin/env bash
# How long the built host takes to become ready: process start to the first 200 from /health/ready, polled every
# 20 ms. Prints one line per run and the median, with the CPU time the process used until ready (which other work
# on a busy machine inflates far less than the wall time).
#   bench/startup-time.sh [Release|Debug] [fresh|restart] [runs]
# fresh: each run starts in an empty folder (migrations and the demo seed); restart: on a runner.db made beforehand.
set -euo pipefail
cd "$(dirname "$0")/.."
config=${1:-Release}; mode=${2:-restart}; runs=${3:-5}; port=${PORT:-5098}
dll=${DLL:-$PWD/src/Runner.Host/bin/$config/net10.0/Runner.Host.dll}
[ -f "$dll" ] || { echo "build first: dotnet build -c $config src/Runner.Host" >&2; exit 2; }
url=http://127.0.0.1:$port

# Starts the host in the current folder; prints the milliseconds until ready and the CPU used, then stops it.
measure() {
  local start pid now cpu
  start=$(date +%s%N)
  dotnet "$dll" --urls "$url" >host.log 2>&1 &
  pid=$!
  # One poller process (a curl per probe would cost the machine more CPU than the host's start-up itself).
  python3 - "$url/health/ready" "$pid" <<'PY' || { echo "the host exited; see $PWD/host.log" >&2; exit 1; }
import os, sys, time, urllib.request
url, pid = sys.argv[1], int(sys.argv[2])
while True:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            if r.status == 200: break
    except Exception:
        pass
    try: os.kill(pid, 0)
    except OSError: sys.exit(1)
    time.sleep(0.02)
PY
  now=$(date +%s%N)
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$pid/stat")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$(((now - start) / 1000000)) $cpu"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
times=(); cpus=()
if [ "$mode" = restart ]; then (cd "$work" && measure >/dev/null); fi
for i in $(seq "$runs"); do
  if [ "$mode" = fresh ]; then rm -rf "$work" && mkdir -p "$work"; fi
  read -r t cpu < <(cd "$work" && measure)
  times+=("$t"); cpus+=("$cpu")
  echo "$config $mode run $i: ready in $t ms, $cpu ms CPU"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "$config $mode median of $runs: ready in $(median "${times[@]}") ms, $(median "${cpus[@]}") ms CPU (load: $(cut -d' ' -f1-3 /proc/loadavg))"
