#!/usr/bin/env bash
# bench-vs-syntax.sh -- devlife audit against the floor, clang-22 -fsyntax-only
# over the same compile database, in the same run, at the same parallelism.
# Prints one line per side and the ratios (wall, and CPU: user + system of
# every process either side ran). Numbers, not a test.
#   KSRC (default ~/.cache/devlife-bench/linux-source-6.12)  DEVLIFE (build/devlife)
#   CCDB_DIR=$KSRC (the directory of the compile_commands.json both sides read)
#   AUDIT_ARGS="" (extra audit options, e.g. --parse-all-bodies)
#   SARIF_OUT=file (keep the audit's SARIF)  JOBS=$(nproc)  PATHS="" (restrict the audit; the baseline uses FILTER)  SEQ=0 (1: also
#   the per-TU sequential baseline pass, which doubles the time)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
KSRC=${KSRC:-$HOME/.cache/devlife-bench/linux-source-6.12}
DEVLIFE=${DEVLIFE:-$here/build/devlife}
CCDB_DIR=${CCDB_DIR:-$KSRC}
JOBS=${JOBS:-$(nproc)}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
passes=par; [ "${SEQ:-0}" = 1 ] && passes="seq par"

echo "[bench] clang-22 -fsyntax-only baseline ($passes, -j$JOBS)" >&2
base=$(PASSES="$passes" JOBS=$JOBS TIME_V=0 OUTDIR="$out/base" \
       /usr/bin/time -f '%U %S' -o "$out/base-time" \
       bash "$here/../shared/bench/syntax-baseline.sh" "$CCDB_DIR/compile_commands.json")
read -r base_user base_sys < "$out/base-time"
base_cpu=$(echo "$base_user + $base_sys" | bc)
echo "$base cpu_s=$base_cpu"
base_wall=$(sed -n 's/.*par_wall_s=\([0-9.]*\).*/\1/p' <<<"$base")

echo "[bench] devlife audit (-j$JOBS)" >&2
/usr/bin/time -f '%e %U %S %M' -o "$out/time" \
    "$DEVLIFE" audit -p "$CCDB_DIR" ${PATHS:-} ${AUDIT_ARGS:-} --jobs "$JOBS" --quiet \
    --sarif "${SARIF_OUT:-$out/devlife.sarif}" > "$out/summary" 2> "$out/stderr" || true
read -r wall user sys rss < "$out/time"
summary=$(grep '^devlife:' "$out/summary")
bodies=$(sed -n 's/^ *function bodies *//p' "$out/summary")
cpu=$(echo "$user + $sys" | bc)
echo "DEVLIFE_AUDIT wall_s=$wall cpu_s=$cpu parent_maxrss_mb=$((rss / 1024)) bodies=\"$bodies\" $summary"
echo "RATIO audit_wall/syntax_wall=$(echo "scale=2; $wall / $base_wall" | bc)" \
     "audit_cpu/syntax_cpu=$(echo "scale=2; $cpu / $base_cpu" | bc)"
