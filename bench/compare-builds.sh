#!/usr/bin/env bash
# Compares two builds of Runner by running the same bench scenario of both AT THE SAME TIME, each with its own host
# and database. This machine's speed drifts by up to 1.6x within minutes (see the speed check of every run), so
# runs one after another mostly measure the drift; side by side, both builds meet the same machine and share its
# cores, and the one that needs less CPU per checkout gets more of them. Compare the host's CPU per checkout first,
# then the rates (each run gets about half the machine, so neither is a figure for the targets).
#   bench/compare-builds.sh DIR_A DIR_B [scenario] [seconds]
# DIR_A and DIR_B are checkouts of the repository (e.g. `git worktree add /tmp/before HEAD~1`); each is built in
# Release first. Environment for one side only: ENV_A / ENV_B (e.g. ENV_B=DOTNET_gcServer=0); more bench options
# for both: BENCH_ARGS (e.g. BENCH_ARGS='--postgres "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres"').
set -euo pipefail
a=$(cd "$1" && pwd); b=$(cd "$2" && pwd); scenario=${3:-checkout16}; seconds=${4:-30}
for dir in "$a" "$b"; do
  (cd "$dir" && dotnet build -c Release bench/Runner.Bench -v q -nologo >/dev/null) || { echo "build failed in $dir" >&2; exit 1; }
done
extra=(); [ -n "${BENCH_ARGS:-}" ] && eval "extra=($BENCH_ARGS)"
out=$(mktemp -d)
run() {
  (cd "$1" && env ${2:-RUNNER_COMPARE=1} dotnet run -c Release --no-build --project bench/Runner.Bench -- --scenarios "$scenario" \
    --products 2000 --warmup 20 --warmup-max 40 --duration "$seconds" "${extra[@]}" >"$3" 2>&1)
}
run "$a" "${ENV_A:-}" "$out/a.txt" &
run "$b" "${ENV_B:-}" "$out/b.txt" &
wait
for side in a b; do
  dir=$a; [ $side = b ] && dir=$b
  echo "$side: $dir $(git -C "$dir" log --oneline -1 2>/dev/null | cut -c1-60)"
  grep -a -E 'closed loop|open loop|speed check' "$out/$side.txt" | grep -a -v '^Machine' | sed 's/  */ /g' | cut -c1-400
done
rm -rf "$out"
