#!/usr/bin/env bash
# devm-vs-cocci.sh -- evaluation (not a test): devlife-devm-manual-free against
# the kernel's own scripts/coccinelle/free/devm_free.cocci, on a real Linux
# tree. A sibling of refcount-vs-cocci.sh.
#
#   1. spatch, report mode, over each of $KDIRS:
#        spatch -D report --very-quiet --no-includes --include-headers
#               --cocci-file $KSRC/scripts/coccinelle/free/devm_free.cocci
#               --dir $KSRC/<dir> -j $JOBS
#      (the options coccicheck passes; spatch itself, so no `make` runs in
#      the tree). Raw output is cached per dir in $OUT/cocci/ and re-used when
#      the earlier run exited 0 for the same KSRC, script and spatch, unless
#      FORCE_COCCI=1. Reports are normalised to `relpath:line: message`.
#   2. $DEVLIFE audit -p $KSRC <KSRC/dir>... --jobs $JOBS
#        --checks devlife-devm-manual-free --sarif $OUT/devlife.sarif
#      (exit 0 or 1 = success). SARIF_IN=<file> skips this step.
#   3. Matches a Coccinelle report at F:L with a devlife finding whose primary
#      location is F:L ("line"), or whose code flow has a step at F:L ("step").
#   4. Prints both counts, the overlap, every Coccinelle report devlife does
#      not make (with the source line and the enclosing function, to be
#      accounted for by hand) and every devlife finding Coccinelle does not
#      make (with its code flow), and writes them to
#        $OUT/cocci-only.txt  $OUT/devlife-only.txt  $OUT/overlap.txt
#        $OUT/summary.txt     $OUT/cocci-devm_free.txt  $OUT/devlife-audit.log
#
# Options / env (all optional):
#   -k KSRC   (env KSRC)     default: $HOME/.cache/devlife-bench/linux-source-6.12
#   -d DEVLIFE (env DEVLIFE) default: build/devlife of this checkout
#   -o OUT    (env OUT)      default: ${TMPDIR:-/tmp}/devlife-eval-devm
#   -j JOBS   (env JOBS)     default: nproc
#   KDIR...   (env KDIRS)    default: $BENCH_DIR/kdirs-default.txt, else its
#                            list; BENCH_DIR=<checkout>/../shared/bench
#   FORCE_COCCI=1 COCCI_ONLY=1 SARIF_IN=file DEVLIFE_EXTRA="..."
set -euo pipefail

usage() {
    cat <<'EOF'
usage: devm-vs-cocci.sh [-h] [-k KSRC] [-d DEVLIFE] [-o OUT] [-j JOBS] [KDIR...]
  env: KSRC KDIRS DEVLIFE JOBS OUT FORCE_COCCI=1 COCCI_ONLY=1 SARIF_IN=file
       DEVLIFE_EXTRA BENCH_DIR
  (see the header of this script for what each step does)
EOF
}

SELF_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$SELF_DIR/../.." && pwd)"
BENCH_DIR="${BENCH_DIR:-$(cd "$REPO_DIR/.." && pwd)/shared/bench}"
KSRC="${KSRC:-$HOME/.cache/devlife-bench/linux-source-6.12}"
DEVLIFE="${DEVLIFE:-$REPO_DIR/build/devlife}"
JOBS="${JOBS:-$(nproc)}"
OUT="${OUT:-${TMPDIR:-/tmp}/devlife-eval-devm}"

while getopts "hk:d:o:j:" opt; do
    case "$opt" in
        h) usage; exit 0 ;;
        k) KSRC="$OPTARG" ;;
        d) DEVLIFE="$OPTARG" ;;
        o) OUT="$OPTARG" ;;
        j) JOBS="$OPTARG" ;;
        *) usage >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
if [ "$#" -gt 0 ]; then
    KDIRS="$*"
fi
if [ -z "${KDIRS:-}" ]; then
    if [ -r "$BENCH_DIR/kdirs-default.txt" ]; then
        KDIRS="$(grep -v '^#' "$BENCH_DIR/kdirs-default.txt")"
    else # same list, for checkouts without the shared bench directory
        KDIRS="drivers/of drivers/base drivers/gpio drivers/pinctrl drivers/char
drivers/mfd drivers/i2c/busses drivers/spi drivers/power/supply drivers/net/dsa
drivers/tty/serial drivers/reset drivers/mailbox drivers/pwm drivers/soc"
    fi
fi
KDIRS="$(for d in $KDIRS; do d="${d#./}"; echo "${d%/}"; done | xargs)"

log() { echo "[devm-vs-cocci] $*" >&2; }
die() { log "error: $*"; exit 2; }

COCCI="scripts/coccinelle/free/devm_free.cocci"
[ -d "$KSRC" ] || die "KSRC=$KSRC does not exist"
KSRC="$(cd "$KSRC" && pwd -P)"
[ -r "$KSRC/$COCCI" ] || die "missing $KSRC/$COCCI"
for d in $KDIRS; do
    [ -d "$KSRC/$d" ] || die "KDIRS entry $d is not a directory of $KSRC"
done
command -v spatch >/dev/null || die "spatch (coccinelle) not found"
command -v python3 >/dev/null || die "python3 not found"
if [ "${COCCI_ONLY:-0}" != 1 ] && [ -z "${SARIF_IN:-}" ]; then
    [ -x "$DEVLIFE" ] || die "devlife binary not found: DEVLIFE=$DEVLIFE (build it, or set SARIF_IN / COCCI_ONLY=1)"
    [ -r "$KSRC/compile_commands.json" ] || die "$KSRC/compile_commands.json missing (run $BENCH_DIR/kernel-setup.sh first)"
fi
if [ -n "${SARIF_IN:-}" ]; then
    [ -r "$SARIF_IN" ] || die "SARIF_IN=$SARIF_IN is not readable"
    SARIF_IN="$(realpath "$SARIF_IN")"
fi
mkdir -p "$OUT/cocci"
OUT="$(cd "$OUT" && pwd -P)"
log "KSRC=$KSRC"
log "KDIRS=$KDIRS"
log "OUT=$OUT JOBS=$JOBS"

# ---- 1. Coccinelle -------------------------------------------------------------
spatch_ver="$(spatch --version | head -1)"
script_sum="$(sha256sum "$KSRC/$COCCI" | cut -d' ' -f1)"
norm="$OUT/cocci-devm_free.txt"
: > "$norm"
for d in $KDIRS; do
    base="$OUT/cocci/devm_free--${d//\//_}"
    raw="$base.log" meta="$base.meta"
    want="ksrc=$KSRC script=$script_sum spatch=$spatch_ver"
    if [ "${FORCE_COCCI:-0}" != 1 ] && [ -r "$meta" ] && [ -r "$raw" ] \
       && [ "$(sed -n 1p "$meta")" = "$want" ] && [ "$(sed -n 2p "$meta")" = "rc=0" ]; then
        log "cocci $d: cached"
    else
        rm -f "$meta"
        t0=$(date +%s)
        set +e
        (cd "$KSRC" && spatch -D report --very-quiet --no-includes --include-headers \
            --cocci-file "$KSRC/$COCCI" --dir "$d" -j "$JOBS") > "$raw" 2>&1
        rc=$?
        set -e
        printf '%s\nrc=%s\nwall=%s\n' "$want" "$rc" "$(( $(date +%s) - t0 ))" > "$meta"
        [ "$rc" = 0 ] || log "warning: spatch on $d exited $rc (see $raw; not cached)"
        log "cocci $d: rc=$rc, $(( $(date +%s) - t0 ))s"
    fi
    { grep -E '^[^ :]+\.[ch]:[0-9]+:' "$raw" || true; } \
        | sed -E "s#^$KSRC/##; s#^\./##" \
        | sed -E 's#^([^:]+):([0-9]+):[0-9-]+: #\1:\2: #' >> "$norm"
done
log "cocci: $(sort -u "$norm" | wc -l) reports"
if [ "${COCCI_ONLY:-0}" = 1 ]; then
    sort -u "$norm"
    exit 0
fi

# ---- 2. devlife audit ------------------------------------------------------------
if [ -n "${SARIF_IN:-}" ]; then
    SARIF="$SARIF_IN"
else
    SARIF="$OUT/devlife.sarif"
    rm -f "$SARIF"
    paths=()
    for d in $KDIRS; do paths+=("$KSRC/$d"); done
    # shellcheck disable=SC2206
    extra=(${DEVLIFE_EXTRA:-})
    cmd=("$DEVLIFE" audit -p "$KSRC" "${paths[@]}" --jobs "$JOBS" \
         --checks devlife-devm-manual-free --sarif "$SARIF" "${extra[@]}")
    log "running: ${cmd[*]}"
    t0=$(date +%s)
    set +e
    (cd "$KSRC" && "${cmd[@]}") > "$OUT/devlife-audit.log" 2>&1
    rc=$?
    set -e
    case "$rc" in
        0|1|3) log "devlife audit exit $rc, $(( $(date +%s) - t0 ))s" ;;
        *) tail -20 "$OUT/devlife-audit.log" >&2; die "devlife audit exited $rc" ;;
    esac
    [ -r "$SARIF" ] || die "devlife audit did not write $SARIF"
fi

# ---- 3-4. match and report ---------------------------------------------------------
KSRC="$KSRC" OUT="$OUT" SARIF="$SARIF" NORM="$norm" python3 - <<'PY'
import json, os, re, urllib.parse

KSRC, OUT, SARIF, NORM = (os.environ[k] for k in ("KSRC", "OUT", "SARIF", "NORM"))

def rel(p):
    if p.startswith("file:"):
        p = urllib.parse.urlparse(p).path
    p = urllib.parse.unquote(p)
    if os.path.isabs(p):
        p = os.path.normpath(p)
        return os.path.relpath(p, KSRC) if p.startswith(KSRC + os.sep) else p
    return os.path.normpath(p)

_src = {}
def line_of(f, n):
    if f not in _src:
        try:
            with open(os.path.join(KSRC, f), encoding="utf-8", errors="replace") as fh:
                _src[f] = fh.read().split("\n")
        except OSError:
            _src[f] = []
    t = _src[f]
    return t[n - 1].strip() if 0 < n <= len(t) else ""

def function_of(f, n):
    """Nearest preceding column-0 line that opens a definition (kernel style)."""
    line_of(f, 1)
    t = _src.get(f, [])
    for k in range(min(n, len(t)) - 1, -1, -1):
        if t[k].startswith("{"):
            for j in range(k - 1, max(-1, k - 6), -1):
                m = re.search(r"([A-Za-z_]\w*)\s*\(", t[j])
                if m and re.match(r"^[A-Za-z_]", t[j]):
                    return m.group(1)
            return "?"
        if t[k].startswith("}") and k != n - 1:
            return "?"
    return "?"

cocci, seen = [], set()
with open(NORM, encoding="utf-8", errors="replace") as fh:
    for raw in fh:
        m = re.match(r"^([^ :]+\.[ch]):(\d+):\s?(.*)$", raw.rstrip("\n"))
        if m and (m[1], m[2]) not in seen:
            seen.add((m[1], m[2]))
            cocci.append((rel(m[1]), int(m[2]), m[3].strip()))

with open(SARIF, encoding="utf-8") as fh:
    log = json.load(fh)
base = {}
findings = []
for run in log.get("runs", []):
    for k, v in (run.get("originalUriBaseIds") or {}).items():
        base[k] = (v or {}).get("uri", "")
    def loc(phys):
        art = (phys or {}).get("artifactLocation") or {}
        uri = art.get("uri", "")
        b = base.get(art.get("uriBaseId", ""), "")
        if b and not uri.startswith("file:") and not os.path.isabs(uri):
            uri = urllib.parse.urljoin(b if b.endswith("/") else b + "/", uri)
        return rel(uri), int(((phys or {}).get("region") or {}).get("startLine", 0))
    for r in run.get("results", []) or []:
        if r.get("ruleId") != "devlife-devm-manual-free":
            continue
        f, l = loc((r.get("locations") or [{}])[0].get("physicalLocation"))
        steps = []
        for cf in r.get("codeFlows") or []:
            for tf in cf.get("threadFlows") or []:
                for st in tf.get("locations") or []:
                    lo = st.get("location") or {}
                    sf, sl = loc(lo.get("physicalLocation"))
                    steps.append((sf, sl, (lo.get("message") or {}).get("text", "")))
        findings.append(dict(file=f, line=l, msg=(r.get("message") or {}).get("text", ""),
                             steps=steps))
findings.sort(key=lambda d: (d["file"], d["line"]))

pairs, c_hit, d_hit = [], set(), set()
for ci, (f, l, _) in enumerate(cocci):
    for di, d in enumerate(findings):
        kind = "line" if (d["file"], d["line"]) == (f, l) else \
               "step" if any((sf, sl) == (f, l) for sf, sl, _ in d["steps"]) else None
        if kind:
            pairs.append((ci, di, kind)); c_hit.add(ci); d_hit.add(di)

out = []
def say(s=""):
    print(s); out.append(s)
say(f"== devm_free.cocci reports:             {len(cocci)}")
say(f"== devlife-devm-manual-free findings:   {len(findings)}")
say(f"   matched pairs: {len(pairs)}; Coccinelle reports matched {len(c_hit)}; devlife findings matched {len(d_hit)}")
say(f"   Coccinelle-only: {len(cocci) - len(c_hit)}; devlife-only: {len(findings) - len(d_hit)}")
with open(os.path.join(OUT, "summary.txt"), "w") as fh:
    fh.write("\n".join(out) + "\n")
with open(os.path.join(OUT, "overlap.txt"), "w") as fh:
    for ci, di, k in pairs:
        f, l, m = cocci[ci]
        fh.write(f"{k}\t{f}:{l}: {m}\t<->\t{findings[di]['msg']}\n")
print(f"\n== Coccinelle reports devlife does not make ({len(cocci) - len(c_hit)})")
with open(os.path.join(OUT, "cocci-only.txt"), "w") as fh:
    for ci, (f, l, m) in enumerate(cocci):
        if ci not in c_hit:
            s = f"{f}:{l}: in {function_of(f, l)}(): {line_of(f, l)}"
            print(s); fh.write(s + "\n")
print(f"\n== devlife findings Coccinelle does not make ({len(findings) - len(d_hit)})")
with open(os.path.join(OUT, "devlife-only.txt"), "w") as fh:
    for di, d in enumerate(findings):
        if di not in d_hit:
            s = f"{d['file']}:{d['line']}: {d['msg']}"
            for sf, sl, sm in d["steps"]:
                s += f"\n    {sf}:{sl}: {sm}"
            print(s); fh.write(s + "\n")
print(f"\nfiles: {OUT}/{{summary,cocci-only,devlife-only,overlap}}.txt")
PY
