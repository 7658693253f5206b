#!/usr/bin/env bash
# bench-vs-syntax.sh -- devlife audit against the floor, clang-22 -fsyntax-only
# over the same compile database, in the same run, at the same parallelism.
# Numbers, not a test. Prints one line per stage:
#   SYNTAX_BASELINE / DEVLIFE_AUDIT / RATIO   the whole database, -j$JOBS: wall,
#       CPU (user + system of every process either side ran) and peak RSS (the
#       largest single process: one clang, or one devlife worker or the parent)
#   SCALING                                   devlife on the first $SCALE_LIMIT
#       TUs at each of $SCALE_JOBS, with the speedup over the first, and
#       whether the SARIF is byte-identical across them
#   CACHED_REAUDIT                            after the audit (which filled a
#       fresh cache), one comment appended to $CACHE_FILE, the re-audit, against
#       that TU's own -fsyntax-only parse (median of 3); the file is restored.
#       A comment at the end moves no line, so the SARIF must match the cold one
#   COCCI                                     (COCCI=1) the kernel's Coccinelle
#       scripts for the same bug classes (shared/bench/cocci-baseline.sh) over
#       $KDIRS, against the audit's wall
# Env (all optional):
#   KSRC (~/.cache/devlife-bench/linux-source-6.12)  DEVLIFE (build/devlife)
#   CCDB_DIR=$KSRC (the directory of the compile_commands.json both sides read)
#   AUDIT_ARGS="" (extra audit options, e.g. --parse-all-bodies; --no-cache
#   here skips CACHED_REAUDIT)  SARIF_OUT=file (keep the audit's SARIF)
#   JOBS=$(nproc)  PATHS="" (restrict the audit; the baseline uses FILTER)
#   SEQ=0 (1: also the per-TU sequential baseline pass, which doubles the time)
#   SCALE_JOBS="1 $JOBS" ("" skips)  SCALE_LIMIT=200
#   CACHE_FILE=drivers/gpio/gpiolib-of.c (relative to KSRC)
#   COCCI=0  KDIRS (for COCCI; default shared/bench/kdirs-default.txt)
#   BENCH_DIR (the shared bench scripts; default ../shared/bench beside the
#   checkout)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
KSRC=${KSRC:-$HOME/.cache/devlife-bench/linux-source-6.12}
DEVLIFE=${DEVLIFE:-$here/build/devlife}
CCDB_DIR=${CCDB_DIR:-$KSRC}
JOBS=${JOBS:-$(nproc)}
BENCH_DIR=${BENCH_DIR:-$here/../shared/bench}
SCALE_JOBS=${SCALE_JOBS-1 $JOBS}
SCALE_LIMIT=${SCALE_LIMIT:-200}
CACHE_FILE=${CACHE_FILE:-drivers/gpio/gpiolib-of.c}
out=$(mktemp -d)
backup=""
restore() {
    [ -n "$backup" ] && cp "$backup" "$KSRC/$CACHE_FILE"
    rm -rf "$out"
}
trap restore EXIT
passes=par; [ "${SEQ:-0}" = 1 ] && passes="seq par"
cached=1; [[ " ${AUDIT_ARGS:-} " == *" --no-cache "* ]] && cached=0

# audit ARGS...: runs devlife audit under time(1); sets wall user sys rss cpu.
audit() {
    /usr/bin/time -f '%e %U %S %M' -o "$out/time" "$DEVLIFE" audit "$@" \
        --quiet > "$out/summary" 2> "$out/stderr" || true
    read -r wall user sys rss < "$out/time"
    cpu=$(echo "$user + $sys" | bc)
    grep -q '^devlife:' "$out/summary" ||
        { echo "[bench] the audit printed no summary:" >&2; cat "$out/stderr" >&2; exit 1; }
}

echo "[bench] clang-22 -fsyntax-only baseline ($passes, -j$JOBS)" >&2
base=$(PASSES="$passes" JOBS=$JOBS TIME_V=0 OUTDIR="$out/base" \
       /usr/bin/time -f '%U %S %M' -o "$out/base-time" \
       bash "$BENCH_DIR/syntax-baseline.sh" "$CCDB_DIR/compile_commands.json")
read -r base_user base_sys base_rss < "$out/base-time"
base_cpu=$(echo "$base_user + $base_sys" | bc)
echo "$base cpu_s=$base_cpu peak_rss_mb=$((base_rss / 1024))"
base_wall=$(sed -n 's/.*par_wall_s=\([0-9.]*\).*/\1/p' <<<"$base")

echo "[bench] devlife audit (-j$JOBS)" >&2
cache_args=(); [ "$cached" = 1 ] && cache_args=(--cache-dir "$out/cache")
sarif=${SARIF_OUT:-$out/devlife.sarif}
audit -p "$CCDB_DIR" ${PATHS:-} ${AUDIT_ARGS:-} "${cache_args[@]}" --jobs "$JOBS" \
    --sarif "$sarif"
audit_wall=$wall
summary=$(grep '^devlife:' "$out/summary")
bodies=$(sed -n 's/^ *function bodies *//p' "$out/summary")
echo "DEVLIFE_AUDIT wall_s=$wall cpu_s=$cpu peak_rss_mb=$((rss / 1024)) bodies=\"$bodies\" $summary"
echo "RATIO audit_wall/syntax_wall=$(echo "scale=2; $wall / $base_wall" | bc)" \
     "audit_cpu/syntax_cpu=$(echo "scale=2; $cpu / $base_cpu" | bc)" \
     "audit_rss/syntax_rss=$(echo "scale=2; $rss / $base_rss" | bc)"

if [ "$cached" = 1 ] && [ -f "$KSRC/$CACHE_FILE" ]; then
    echo "[bench] cached re-audit after editing $CACHE_FILE" >&2
    backup="$out/cache-file.orig"
    cp "$KSRC/$CACHE_FILE" "$backup"
    echo "/* devlife bench: one edit */" >> "$KSRC/$CACHE_FILE"
    audit -p "$CCDB_DIR" ${PATHS:-} ${AUDIT_ARGS:-} "${cache_args[@]}" --jobs "$JOBS" \
        --sarif "$out/reaudit.sarif"
    from_cache=$(sed -n 's/^devlife: .* \([0-9]*\) from cache, \([0-9]*\) re-analysed.*/\1 from cache, \2 re-analysed/p' "$out/summary")
    cp "$backup" "$KSRC/$CACHE_FILE"; backup=""
    parse=$(python3 - "$CCDB_DIR/compile_commands.json" "$KSRC/$CACHE_FILE" <<'PY'
import json, shlex, statistics, subprocess, sys, time, os
db, path = sys.argv[1], os.path.realpath(sys.argv[2])
for e in json.load(open(db)):
    f = os.path.realpath(os.path.join(e["directory"], e["file"]))
    if f != path:
        continue
    args = list(e["arguments"]) if "arguments" in e else shlex.split(e["command"])
    out, skip = [], False
    for a in args:
        if skip: skip = False; continue
        if a in ("-c", "-MD", "-MMD"): continue
        if a in ("-o", "-MF", "-MT", "-MQ"): skip = True; continue
        if a.startswith(("-Wp,-MD,", "-Wp,-MMD,")): continue
        out.append(a)
    walls = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run(out + ["-fsyntax-only"], cwd=e["directory"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - t)
    print(f"{statistics.median(walls):.2f}")
    break
else:
    print("0")
PY
)
    echo "CACHED_REAUDIT file=$CACHE_FILE wall_s=$wall cpu_s=$cpu tu_parse_s=$parse" \
         "reaudit/parse=$( [ "$parse" != 0 ] && echo "scale=2; $wall / $parse" | bc || echo '?')" \
         "cold_wall_s=$audit_wall tus=\"$from_cache\"" \
         "sarif_identical_to_cold=$(cmp -s "$sarif" "$out/reaudit.sarif" && echo yes || echo no)"
fi

if [ -n "$SCALE_JOBS" ]; then
    python3 - "$CCDB_DIR/compile_commands.json" "$SCALE_LIMIT" > "$out/scale.json" <<'PY'
import json, sys
db = [e for e in json.load(open(sys.argv[1])) if e["file"].endswith(".c")]
json.dump(db[:int(sys.argv[2])], sys.stdout)
PY
    mkdir -p "$out/scale"; mv "$out/scale.json" "$out/scale/compile_commands.json"
    first=""
    line="SCALING tus=$SCALE_LIMIT"
    for j in $SCALE_JOBS; do
        echo "[bench] scaling: -j$j over $SCALE_LIMIT TUs" >&2
        audit -p "$out/scale" --source-root "$KSRC" --no-cache ${AUDIT_ARGS:-} --jobs "$j" \
            --sarif "$out/scale-$j.sarif"
        [ -z "$first" ] && { first=$wall; first_sarif="$out/scale-$j.sarif"; }
        line="$line j${j}_wall_s=$wall j${j}_cpu_s=$cpu j${j}_speedup=$(echo "scale=2; $first / $wall" | bc)"
        cmp -s "$first_sarif" "$out/scale-$j.sarif" || line="$line j${j}_sarif_differs=yes"
    done
    echo "$line sarif_identical_across_jobs=$([[ $line == *differs* ]] && echo no || echo yes)"
fi

if [ "${COCCI:-0}" = 1 ]; then
    echo "[bench] Coccinelle, the same bug classes" >&2
    t0=$(date +%s.%N)
    KSRC=$KSRC JOBS=$JOBS DATA="$out/cocci" LOGDIR="$out/cocci-logs" \
        bash "$BENCH_DIR/cocci-baseline.sh" > "$out/cocci.txt"
    cw=$(echo "$(date +%s.%N) - $t0" | bc)
    echo "COCCI wall_s=$cw scripts=\"$(awk '!/^#/ && $1 != "script" && $1 != "TOTAL" {printf "%s ", $1}' "$out/cocci.txt")\"" \
         "audit_wall/cocci_wall=$(echo "scale=2; $audit_wall / $cw" | bc)"
fi
