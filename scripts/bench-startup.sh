#!/usr/bin/env bash
# What a start of iamlab costs (issue 17): the CPU and page faults of
# `iamlab --version`, a process that draws nothing, beside a Go hello world
# built on the fly, which is the floor any Go program pays (exec, runtime);
# then the trainer's first frame in a real pseudo-terminal
# (scripts/firstframe) and in process (BenchmarkStartToFirstFrame).
#
#   scripts/bench-startup.sh [IAMLAB_BINARY]
#
# Without a binary it builds two: `go build` as `go install` does, and the
# release build of .goreleaser.yaml (static: CGO_ENABLED=0 -trimpath
# -ldflags '-s -w'); a cgo build links the C library dynamically, which
# alone costs a start several milliseconds. RUNS
# (default 30) is perf stat's repeat count. Needs perf for --version; the
# first frame is timed without it.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-30}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

declare -a bins names
if [ -n "${1:-}" ]; then
  bins=("$1"); names=("iamlab")
else
  go build -o "$work/iamlab" .
  CGO_ENABLED=0 go build -trimpath -ldflags '-s -w' -o "$work/iamlab-release" .
  bins=("$work/iamlab" "$work/iamlab-release"); names=("go build" "release build")
fi
mkdir -p "$work/hello"
cat >"$work/hello/main.go" <<'EOF'
package main

import "os"

func main() { os.Stdout.WriteString("hello\n") }
EOF
(cd "$work/hello" && GOFLAGS=-mod=mod GO111MODULE=off go build -o "$work/hello-bin" main.go)

for i in "${!bins[@]}"; do
  printf '%-34s %10s\n' "${names[$i]}:" "$(du -h "${bins[$i]}" | cut -f1)"
done

# stat NAME CMD...: task-clock and page faults, the mean of $runs runs.
stat() {
  local name=$1; shift
  perf stat -r "$runs" -x, -e task-clock,page-faults "$@" 2>&1 >/dev/null |
    awk -F, -v n="$name" '
      /task-clock/  {ms = $1}
      /page-faults/ {pf = $1}
      END {printf "%-34s %7.1f ms task-clock %6d page faults\n", n, ms, pf}'
}
if command -v perf >/dev/null 2>&1; then
  echo "mean of $runs runs:"
  stat "hello world" "$work/hello-bin"
  for i in "${!bins[@]}"; do
    stat "iamlab --version (${names[$i]})" "${bins[$i]}" --version
  done
else
  echo "perf not installed: --version not measured" >&2
fi

go run scripts/firstframe/main.go -n 10 "${bins[-1]}"
go run scripts/firstframe/main.go -n 10 -cold "${bins[-1]}"
go test ./internal/tui -run '^$' -bench StartToFirstFrame -benchtime 10x |
  awk '/^Benchmark/ {printf "in process: %.1f ms wall, %s cpu-ms per start\n", $3 / 1e6, $5}'
