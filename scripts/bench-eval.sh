#!/usr/bin/env bash
# Whole-process comparison for `iamlab eval` (issue 17): CPU and peak RSS of
# `iamlab eval --quiet` and `iamlab eval --json` over 4,000 and 16,000 cases
# against an encoding/json decode of the same file (the goal: a ratio of at
# most 1.5, and a flat peak), plus the CPU of `iamlab --version` and the
# write system calls of text output. Each measurement is the least CPU of
# RUNS runs (default 3), since other processes only ever add to it.
#
#   scripts/bench-eval.sh [IAMLAB_BINARY]
#
# Needs GNU time (/usr/bin/time -v); strace is used when installed.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bin=${1:-}
if [ -z "$bin" ]; then
  bin="$work/iamlab"
  go build -o "$bin" .
fi
go build -o "$work/jsondecode" scripts/jsondecode/main.go  # build-ignored: not installed by go install ./...

if [ ! -x /usr/bin/time ]; then
  echo "bench-eval: /usr/bin/time (GNU time) is needed" >&2; exit 1
fi

# measure CMD...: prints "CPU_SECONDS PEAK_KB", the run with least CPU.
measure() {
  local best="" out
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%U %S %M' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || {
      # eval exits 1 on a mismatch; anything else is a failure.
      rc=$?; [ "$rc" -eq 1 ] || { cat "$work/stderr" >&2; exit "$rc"; }
    }
    out=$(awk '{printf "%.3f %d\n", $1 + $2, $3}' "$work/time")
    if [ -z "$best" ] || awk -v a="${out% *}" -v b="${best% *}" 'BEGIN{exit !(a < b)}'; then
      best=$out
    fi
  done
  echo "$best"
}

corpus=internal/eval/testdata/cases/random-1500.json
printf '%-8s %-8s %10s %10s %7s %12s %12s\n' cases output eval_cpu decode_cpu ratio eval_rss decode_rss
for n in 4000 16000; do
  "$work/jsondecode" -make "$n" -o "$work/c$n.json" "$corpus"
  read -r dcpu drss < <(measure "$work/jsondecode" "$work/c$n.json")
  for mode in --quiet --json; do
    read -r ecpu erss < <(measure "$bin" eval "$mode" "$work/c$n.json")
    ratio=$(awk -v e="$ecpu" -v d="$dcpu" 'BEGIN{printf "%.2f", e / d}')
    printf '%-8s %-8s %9ss %9ss %6sx %9d KB %9d KB\n' "$n" "$mode" "$ecpu" "$dcpu" "$ratio" "$erss" "$drss"
  done
done

read -r vcpu vrss < <(RUNS=$((runs * 3)) measure "$bin" --version)
echo "iamlab --version: ${vcpu}s CPU (at the clock's 10 ms resolution), ${vrss} KB"
if command -v perf >/dev/null 2>&1; then
  perf stat -r 10 -x, -e task-clock "$bin" --version 2>&1 >/dev/null |
    awk -F, '/task-clock/ {printf "iamlab --version: %.1f ms task-clock (perf, mean of 10)\n", $1}' || true
fi

if command -v strace >/dev/null 2>&1; then
  strace -f -c -e trace=write -o "$work/strace" "$bin" eval "$work/c4000.json" >/dev/null || true
  writes=$(awk '$NF == "write" {print $4}' "$work/strace")
  echo "text output over 4000 cases: ${writes:-?} write calls"
fi
