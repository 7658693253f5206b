#!/usr/bin/env bash
# bench-vs-syntax.sh -- devlife audit against the floor, clang-22 -fsyntax-only
# over the same compile database, in the same run, at the same parallelism.
# Prints one line per side and the ratios. Numbers, not a test.
#   KSRC (default ~/.cache/devlife-bench/linux-source-6.12)  DEVLIFE (build/devlife)
#   SARIF_OUT=file (keep the audit's SARIF)  JOBS=$(nproc)  PATHS="" (restrict the audit; the baseline uses FILTER)  SEQ=0 (1: also
#   the per-TU sequential baseline pass, which doubles the time)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
KSRC=${KSRC:-$HOME/.cache/devlife-bench/linux-source-6.12}
DEVLIFE=${DEVLIFE:-$here/build/devlife}
JOBS=${JOBS:-$(nproc)}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
passes=par; [ "${SEQ:-0}" = 1 ] && passes="seq par"

echo "[bench] clang-22 -fsyntax-only baseline ($passes, -j$JOBS)" >&2
base=$(PASSES="$passes" JOBS=$JOBS TIME_V=0 OUTDIR="$out/base" \
       bash "$here/../shared/bench/syntax-baseline.sh" "$KSRC/compile_commands.json")
echo "$base"
base_wall=$(sed -n 's/.*par_wall_s=\([0-9.]*\).*/\1/p' <<<"$base")

echo "[bench] devlife audit (-j$JOBS)" >&2
/usr/bin/time -f '%e %U %S %M' -o "$out/time" \
    "$DEVLIFE" audit -p "$KSRC" ${PATHS:-} --jobs "$JOBS" --quiet \
    --sarif "${SARIF_OUT:-$out/devlife.sarif}" > "$out/summary" 2> "$out/stderr" || true
read -r wall user sys rss < "$out/time"
summary=$(grep '^devlife:' "$out/summary")
echo "DEVLIFE_AUDIT wall_s=$wall cpu_s=$(echo "$user + $sys" | bc) parent_maxrss_mb=$((rss / 1024)) $summary"
echo "RATIO audit_wall/syntax_wall=$(echo "scale=2; $wall / $base_wall" | bc)"
