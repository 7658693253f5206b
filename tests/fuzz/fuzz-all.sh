#!/usr/bin/env bash
# fuzz-all.sh [BUILD_DIR] [SECONDS_EACH] [PARALLEL] [OUT_DIR]
#   Fuzzes every fuzzer of BUILD_DIR (default build-san, made by
#   tests/sanitize.sh) from its seeds for SECONDS_EACH (default 720), PARALLEL
#   at a time (default: the number of cores), each into its own corpus under
#   OUT_DIR (default: a temporary directory; never the repository). Prints one
#   line per fuzzer: executions, executions per second, the corpus it grew
#   and what it found (crash-*/leak-*/timeout-*/oom-* inputs, kept in
#   OUT_DIR/NAME). Exits non-zero if any fuzzer found something.
#   Ten fuzzers at 720 s, two at a time: an hour on both cores.
set -euo pipefail
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$src/build-san}
seconds=${2:-720}
parallel=${3:-$(nproc)}
out=${4:-$(mktemp -d "${TMPDIR:-/tmp}/devlife-fuzz.XXXXXX")}
mkdir -p "$out"
fuzzers=()
for f in "$build"/tests/fuzz/devlife-fuzz-*; do
    [ -x "$f" ] && fuzzers+=("$f")
done
if [ ${#fuzzers[@]} = 0 ]; then
    echo "fuzz-all.sh: no fuzzers in $build/tests/fuzz (build with tests/sanitize.sh)" >&2
    exit 2
fi

run_one() {
    local f=$1 name=${1##*devlife-fuzz-}
    mkdir -p "$out/$name/corpus"
    # A finding ends the run with a non-zero status; the table reports it.
    "$src/tests/fuzz/run-fuzzer.sh" "$f" "$src/tests/fuzz/$name/seeds" "$seconds" \
        "$out/$name/corpus" > "$out/$name/log" 2>&1 || true
}

echo "fuzz-all.sh: ${#fuzzers[@]} fuzzers, ${seconds} s each, $parallel at a time, into $out"
running=0
for f in "${fuzzers[@]}"; do
    run_one "$f" &
    running=$((running + 1))
    if [ "$running" -ge "$parallel" ]; then
        wait -n
        running=$((running - 1))
    fi
done
wait

found=0
printf '%-16s %12s %10s %8s %s\n' fuzzer executions exec/s corpus findings
for f in "${fuzzers[@]}"; do
    name=${f##*devlife-fuzz-}
    log=$out/$name/log
    # The log holds the inputs libFuzzer printed: grep it as text (-a).
    execs=$(grep -ao 'stat::number_of_executed_units:[[:space:]]*[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
    rate=$(grep -ao 'stat::average_exec_per_sec:[[:space:]]*[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
    inputs=$(find "$out/$name/corpus" -type f | wc -l)
    hits=$(find "$out/$name" -maxdepth 1 -type f \
        \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
    # A run that never printed its final stats ended in a finding or broke.
    [ -z "$execs" ] && [ "$hits" = 0 ] && hits="no final stats: see $log"
    [ "$hits" != 0 ] && found=1
    printf '%-16s %12s %10s %8s %s\n' "$name" "${execs:--}" "${rate:--}" "$inputs" "$hits"
done
exit $found
