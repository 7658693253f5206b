#!/usr/bin/env bash
# refcount-vs-cocci.sh -- evaluation (not a test): devlife's refcount rules
# against the kernel's own Coccinelle scripts for the same bug class, on a real
# Linux tree.
#
#   1. Coccinelle, report mode, over $KDIRS:
#        scripts/coccinelle/iterators/for_each_child.cocci
#        scripts/coccinelle/iterators/device_node_continue.cocci
#        scripts/coccinelle/free/put_device.cocci
#      one `make -s coccicheck MODE=report COCCI=<script> M=<dir> J=$JOBS` per
#      (script, dir), the same command as shared/bench/cocci-baseline.sh.
#      Raw output is cached per (script, dir) in $OUT/cocci/ and re-used when
#      the earlier run exited 0 for the same KSRC and script contents, unless
#      FORCE_COCCI=1. Reports are normalised to `relpath:line: message`.
#   2. $DEVLIFE audit -p $KSRC <KSRC/dir>... --jobs $JOBS
#        --checks 'devlife-refcount-*' --sarif $OUT/devlife.sarif
#      (exit 0 or 1 = success; anything else aborts). SARIF_IN=<file> skips this
#      step and evaluates an existing SARIF file instead.
#   3. Parses the SARIF 2.1.0 log: ruleId, primary location (uri relative to
#      %SRCROOT% = the kernel tree, startLine), locations[0].logicalLocations[0].name (the
#      function), codeFlows[0].threadFlows[0].locations[*] (the path steps).
#   4. Matches a Coccinelle report at F:L with a devlife finding when, in order
#      of strength:
#        line      L, or a line number named in the Coccinelle message ("around
#                  line N", "on line N"), equals the finding's primary line
#                  (primary file == F);
#        related   one of those lines is a related location of the finding in
#                  F (another place the same reference is lost);
#        step      one of those lines equals a code-flow step line in F;
#        function  L and the finding's primary line fall inside the same
#                  function of F.
#      Function spans come from a light textual heuristic (kernel coding
#      style), not from a parser: a body opens at a `{` in column 0; its
#      function starts at the nearest preceding line matching `^[A-Za-z_].*\(`
#      (not looking past a `{`/`}` in column 0, a blank line or a column-0
#      line ending in `;`) and ends at the next `}` in column 0. The name is the
#      last `identifier(` at parenthesis depth 0 of the start line (skipping
#      attribute macros as in `int __printf(2, 3) f(...)`). Lines outside such
#      a span (file scope, bodies opened by a macro line ending in `{`) have no
#      function and match only by line/step. Fallback: a span name equal to
#      the finding's logicalLocations name also counts as the same function.
#   5. Prints per-script report counts, devlife findings per rule, the overlap,
#      the Coccinelle-only reports and the devlife-only findings, and writes
#        $OUT/cocci-only.txt    file:line: message           (grouped by script)
#        $OUT/devlife-only.txt  file:line: [rule] message (function)
#        $OUT/overlap.txt       one line per matched pair, with the match kind
#        $OUT/sample.txt        SAMPLE random devlife findings (seeded by SEED)
#                               with their path steps and the source around them
#        $OUT/summary.txt       the counts
#        $OUT/cocci-<script>.txt, $OUT/cocci-times.tsv, $OUT/devlife-audit.log
#
# Env (all optional):
#   KSRC=$HOME/.cache/devlife-bench/linux-source-6.12
#   KDIRS="drivers/of ..."   default: the list in $BENCH_DIR/kdirs-default.txt
#                            (positional arguments override KDIRS)
#   BENCH_DIR=<repo>/../shared/bench (the checkout's sibling shared/ folder)
#   DEVLIFE=<repo>/build/devlife   (build/devlife of this checkout)
#   JOBS=$(nproc)   OUT=${TMPDIR:-/tmp}/devlife-eval
#   FORCE_COCCI=1      re-run Coccinelle even when cached results exist
#   COCCI_ONLY=1       stop after step 1 (no devlife binary / database needed)
#   SARIF_IN=file      skip step 2, evaluate this SARIF file
#   DEVLIFE_EXTRA="..."  extra arguments appended to the audit command line
#   SAMPLE=30 SEED=1   size and seed of the hand-reading sample
#   SAMPLE_CONTEXT=6   source lines shown on each side of a sampled finding
set -euo pipefail

usage() {
    cat <<'EOF'
usage: refcount-vs-cocci.sh [-h] [KDIR...]
  env: KSRC KDIRS DEVLIFE JOBS OUT FORCE_COCCI=1 COCCI_ONLY=1 SARIF_IN=file
       DEVLIFE_EXTRA SAMPLE=30 SEED=1 SAMPLE_CONTEXT=6 BENCH_DIR
  (see the header of this script for what each step does)
EOF
}

case "${1:-}" in -h|--help) usage; exit 0 ;; -*) usage >&2; exit 2 ;; esac

SELF_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH_DIR="${BENCH_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)/shared/bench}"
KSRC="${KSRC:-$HOME/.cache/devlife-bench/linux-source-6.12}"
DEVLIFE="${DEVLIFE:-$(cd "$SELF_DIR/../.." && pwd)/build/devlife}"
JOBS="${JOBS:-$(nproc)}"
OUT="${OUT:-${TMPDIR:-/tmp}/devlife-eval}"
SAMPLE="${SAMPLE:-30}"
SEED="${SEED:-1}"
SAMPLE_CONTEXT="${SAMPLE_CONTEXT:-6}"
COCCI_SCRIPTS="iterators/for_each_child.cocci iterators/device_node_continue.cocci free/put_device.cocci"

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

log() { echo "[refcount-vs-cocci] $*" >&2; }
die() { log "error: $*"; exit 2; }

# ---- preconditions (fail before the slow part) -------------------------------
[ -d "$KSRC" ] || die "KSRC=$KSRC does not exist"
KSRC="$(cd "$KSRC" && pwd -P)"
for s in $COCCI_SCRIPTS; do
    [ -r "$KSRC/scripts/coccinelle/$s" ] || die "missing $KSRC/scripts/coccinelle/$s"
done
for d in $KDIRS; do
    [ -d "$KSRC/$d" ] || die "KDIRS entry $d is not a directory of $KSRC"
done
command -v spatch >/dev/null || die "spatch (coccinelle) not found"
command -v python3 >/dev/null || die "python3 not found"
if [ "${COCCI_ONLY:-0}" != 1 ]; then
    if [ -n "${SARIF_IN:-}" ]; then
        [ -r "$SARIF_IN" ] || die "SARIF_IN=$SARIF_IN is not readable"
        SARIF_IN="$(realpath "$SARIF_IN")"
    else
        [ -x "$DEVLIFE" ] || die "devlife binary not found: DEVLIFE=$DEVLIFE (build it, or set SARIF_IN / COCCI_ONLY=1)"
        [ -r "$KSRC/compile_commands.json" ] || die "$KSRC/compile_commands.json missing (run $BENCH_DIR/kernel-setup.sh first)"
    fi
fi
mkdir -p "$OUT/cocci"
OUT="$(cd "$OUT" && pwd -P)"
log "KSRC=$KSRC"
log "KDIRS=$KDIRS"
log "OUT=$OUT JOBS=$JOBS"

# ---- 1. Coccinelle -----------------------------------------------------------
spatch_ver="$(spatch --version | head -1)"
times="$OUT/cocci-times.tsv"
printf 'script\tdir\trc\twall_s\treports\tcached\n' > "$times"
for s in $COCCI_SCRIPTS; do
    name="$(basename "$s" .cocci)"
    script_sum="$(sha256sum "$KSRC/scripts/coccinelle/$s" | cut -d' ' -f1)"
    norm="$OUT/cocci-$name.txt"
    : > "$norm"
    for d in $KDIRS; do
        base="$OUT/cocci/$name--${d//\//_}"
        raw="$base.log" meta="$base.meta"
        want="ksrc=$KSRC script=$script_sum spatch=$spatch_ver"
        cached=0
        if [ "${FORCE_COCCI:-0}" != 1 ] && [ -r "$meta" ] && [ -r "$raw" ] \
           && [ "$(sed -n 1p "$meta")" = "$want" ] && [ "$(sed -n 2p "$meta")" = "rc=0" ]; then
            cached=1
            rc=0
            w="$(sed -n 's/^wall=//p' "$meta")"
        else
            rm -f "$meta"
            t0=$(date +%s.%N)
            set +e
            (cd "$KSRC" && make -s coccicheck MODE=report \
                COCCI="$KSRC/scripts/coccinelle/$s" M="$d" J="$JOBS") > "$raw" 2>&1
            rc=$?
            set -e
            w=$(printf '%.2f' "$(echo "$(date +%s.%N) - $t0" | bc)")
            printf '%s\nrc=%s\nwall=%s\n' "$want" "$rc" "$w" > "$meta"
            [ "$rc" = 0 ] || log "warning: coccicheck $name on $d exited $rc (see $raw; not cached)"
        fi
        # report lines: path:line:col-col: message -> tree-relative path:line: message
        n=$({ grep -E '^[^ :]+\.[ch]:[0-9]+:' "$raw" || true; } \
            | sed -E "s#^$KSRC/##; s#^\./##" \
            | sed -E 's#^([^:]+):([0-9]+):[0-9-]+: #\1:\2: #' \
            | tee -a "$norm" | wc -l)
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$d" "$rc" "$w" "$n" "$cached" >> "$times"
        if [ "$cached" = 1 ]; then
            log "cocci $name $d: $n report lines (cached; took ${w}s when run)"
        else
            log "cocci $name $d: $n report lines, rc=$rc, ${w}s"
        fi
    done
done

if [ "${COCCI_ONLY:-0}" = 1 ]; then
    log "COCCI_ONLY=1: stopping after Coccinelle"
    awk -F'\t' 'NR>1 {r[$1]+=$5; t[$1]+=$4} END {for (k in r) printf "%-22s reports=%d wall_s=%.1f\n", k, r[k], t[k]}' "$times" | sort
    exit 0
fi

# ---- 2. devlife audit ----------------------------------------------------------
audit_wall=""
if [ -n "${SARIF_IN:-}" ]; then
    SARIF="$SARIF_IN"
    log "SARIF_IN set: not running devlife, evaluating $SARIF"
else
    SARIF="$OUT/devlife.sarif"
    rm -f "$SARIF"
    paths=()
    for d in $KDIRS; do paths+=("$KSRC/$d"); done
    # shellcheck disable=SC2206
    extra=(${DEVLIFE_EXTRA:-})
    cmd=("$DEVLIFE" audit -p "$KSRC" "${paths[@]}" --jobs "$JOBS" \
         --checks 'devlife-refcount-*' --sarif "$SARIF" "${extra[@]}")
    log "running: ${cmd[*]}"
    t0=$(date +%s.%N)
    set +e
    (cd "$KSRC" && "${cmd[@]}") > "$OUT/devlife-audit.log" 2>&1
    rc=$?
    set -e
    audit_wall=$(printf '%.2f' "$(echo "$(date +%s.%N) - $t0" | bc)")
    case "$rc" in
        0|1) log "devlife audit exit $rc, ${audit_wall}s (output: $OUT/devlife-audit.log)" ;;
        *) tail -20 "$OUT/devlife-audit.log" >&2
           die "devlife audit exited $rc (usage/input error or crash); see $OUT/devlife-audit.log" ;;
    esac
    [ -r "$SARIF" ] || die "devlife audit did not write $SARIF"
fi

# ---- 3-5. parse, match, report --------------------------------------------------
KSRC="$KSRC" KDIRS="$KDIRS" OUT="$OUT" SARIF="$SARIF" SAMPLE="$SAMPLE" SEED="$SEED" \
SAMPLE_CONTEXT="$SAMPLE_CONTEXT" COCCI_SCRIPTS="$COCCI_SCRIPTS" AUDIT_WALL="$audit_wall" \
python3 - <<'PY'
import collections, json, os, random, re, sys, urllib.parse

KSRC = os.environ["KSRC"]
KDIRS = os.environ["KDIRS"].split()
OUT = os.environ["OUT"]
SARIF = os.environ["SARIF"]
SAMPLE = int(os.environ["SAMPLE"])
SEED = int(os.environ["SEED"])
CTX = int(os.environ["SAMPLE_CONTEXT"])
SCRIPTS = [os.path.basename(s)[:-len(".cocci")] for s in os.environ["COCCI_SCRIPTS"].split()]
AUDIT_WALL = os.environ.get("AUDIT_WALL", "")

def rel(path):
    """Tree-relative, normalised path for a SARIF uri or a report path."""
    if path.startswith("file:"):
        path = urllib.parse.urlparse(path).path
    path = urllib.parse.unquote(path)
    if os.path.isabs(path):
        p = os.path.normpath(path)
        if p == KSRC or p.startswith(KSRC + os.sep):
            return os.path.relpath(p, KSRC)
        real = os.path.realpath(p)
        if real.startswith(KSRC + os.sep):
            return os.path.relpath(real, KSRC)
        return p
    return os.path.normpath(path)

def in_kdirs(f):
    return any(f == d or f.startswith(d + "/") for d in KDIRS)

# ---------- source text and the function-span heuristic ----------
_lines = {}
def lines_of(f):
    if f not in _lines:
        p = f if os.path.isabs(f) else os.path.join(KSRC, f)
        try:
            with open(p, encoding="utf-8", errors="replace") as fh:
                _lines[f] = fh.read().split("\n")
        except OSError:
            _lines[f] = None
    return _lines[f]

START = re.compile(r"^[A-Za-z_].*\(")
# walking back from a `{` never crosses the end of a previous definition, a
# blank line, or a column-0 declaration/statement ending in `;`
STOP = re.compile(r"^(?:[{}]|\s*$|\S.*;\s*$)")
def func_name(line):
    """Last `identifier (` at parenthesis depth 0: skips attribute macros such
    as `int __printf(2, 3) qmp_send(...)` and function-pointer parameters."""
    depth, name = 0, None
    for m in re.finditer(r"([A-Za-z_]\w*)\s*\(|[()]", line):
        if m.group(1):
            if depth == 0:
                name = m.group(1)
            depth += 1
        elif m.group(0) == "(":
            depth += 1
        else:
            depth = max(0, depth - 1)
    return name

_spans = {}
def spans_of(f):
    """[(start, end, name)] 1-based, from `{`/`}` at column 0 (kernel style)."""
    if f in _spans:
        return _spans[f]
    text = lines_of(f) or []
    out = []
    i = 0
    n = len(text)
    while i < n:
        if text[i].startswith("{"):
            start = None
            k = i - 1
            while k >= 0 and not STOP.match(text[k]):
                if START.match(text[k]):
                    start = k
                    break
                k -= 1
            end = i
            while end + 1 < n and not text[end].startswith("}"):
                end += 1
            if start is not None:
                out.append((start + 1, end + 1, func_name(text[start])))
            i = end + 1
        else:
            i += 1
    _spans[f] = out
    return out

def span_at(f, line):
    for s in spans_of(f):
        if s[0] <= line <= s[1]:
            return s
    return None

# ---------- Coccinelle reports ----------
REP = re.compile(r"^(?P<file>[^ :]+\.[ch]):(?P<line>\d+):\s?(?P<msg>.*)$")
MSGLINES = re.compile(r"\blines?\s+(\d+)")
cocci = []           # dicts: script, file, line, msg, extra_lines
bad_lines = 0
for name in SCRIPTS:
    seen = set()
    path = os.path.join(OUT, f"cocci-{name}.txt")
    with open(path, encoding="utf-8", errors="replace") as fh:
        for raw in fh:
            raw = raw.rstrip("\n")
            m = REP.match(raw)
            if not m:
                bad_lines += 1
                continue
            f, l, msg = rel(m["file"]), int(m["line"]), m["msg"].strip()
            key = (f, l, msg)
            if key in seen:        # spatch may print the same report twice
                continue
            seen.add(key)
            extra = {int(x) for x in MSGLINES.findall(msg)}
            cocci.append(dict(script=name, file=f, line=l, msg=msg, extra=extra))

# ---------- SARIF ----------
with open(SARIF, encoding="utf-8") as fh:
    log = json.load(fh)
if log.get("version") != "2.1.0":
    print(f"warning: SARIF version is {log.get('version')!r}, expected '2.1.0'", file=sys.stderr)

def loc_of(phys, run):
    if not phys:
        return None, 0
    art = phys.get("artifactLocation") or {}
    uri = art.get("uri")
    if uri is None and "index" in art:
        try:
            uri = run["artifacts"][art["index"]]["location"]["uri"]
        except (KeyError, IndexError, TypeError):
            uri = None
    base = art.get("uriBaseId")
    if uri is not None and base and not uri.startswith("file:") and not os.path.isabs(uri):
        b = ((run.get("originalUriBaseIds") or {}).get(base) or {}).get("uri")
        if b and b.startswith("file:"):
            uri = urllib.parse.urljoin(b if b.endswith("/") else b + "/", uri)
    line = ((phys.get("region") or {}).get("startLine")) or 0
    return (rel(uri) if uri else None), int(line)

findings = []
for run in log.get("runs", []):
    rules = (((run.get("tool") or {}).get("driver") or {}).get("rules")) or []
    for r in run.get("results", []) or []:
        rid = r.get("ruleId") or (r.get("rule") or {}).get("id")
        if rid is None and isinstance(r.get("ruleIndex"), int) and r["ruleIndex"] < len(rules):
            rid = rules[r["ruleIndex"]].get("id")
        rid = rid or "?"
        msg = (r.get("message") or {}).get("text") or (r.get("message") or {}).get("markdown") or ""
        locs = r.get("locations") or []
        f, l = loc_of((locs[0] if locs else {}).get("physicalLocation"), run)
        # SARIF puts logicalLocations on the location object (3.28.4).
        ll = (locs[0].get("logicalLocations") if locs else None) or r.get("logicalLocations") or []
        fn = (ll[0].get("name") or ll[0].get("fullyQualifiedName") or "") if ll else ""
        steps = []
        try:
            tfl = r["codeFlows"][0]["threadFlows"][0]["locations"]
        except (KeyError, IndexError, TypeError):
            tfl = []
        for st in tfl:
            loc = st.get("location") or {}
            sf, sl = loc_of(loc.get("physicalLocation"), run)
            smsg = (loc.get("message") or {}).get("text", "")
            if sf:
                steps.append((sf, sl, smsg))
        related = []
        for rl in r.get("relatedLocations") or []:
            rf, rln = loc_of(rl.get("physicalLocation"), run)
            if rf:
                related.append((rf, rln, (rl.get("message") or {}).get("text", "")))
        if not f:
            print(f"warning: result without a primary location skipped: {rid} {msg}", file=sys.stderr)
            continue
        findings.append(dict(rule=rid, file=f, line=l, msg=" ".join(msg.split()), func=fn,
                             level=r.get("level", ""), steps=steps, related=related))
findings.sort(key=lambda d: (d["file"], d["line"], d["rule"], d["msg"]))

# ---------- matching ----------
by_file = collections.defaultdict(list)       # file -> finding indices touching it
for i, d in enumerate(findings):
    files = {d["file"]} | {s[0] for s in d["steps"]} | {s[0] for s in d["related"]}
    for f in files:
        by_file[f].append(i)

RANK = {"line": 0, "related": 1, "step": 2, "function": 3}
pairs = []                                     # (cocci idx, finding idx, kind)
for ci, c in enumerate(cocci):
    f = c["file"]
    lines = {c["line"]} | c["extra"]
    cspan = span_at(f, c["line"])
    for di in by_file.get(f, []):
        d = findings[di]
        kind = None
        if d["file"] == f and d["line"] in lines:
            kind = "line"
        elif any(rf == f and rl in lines for rf, rl, _ in d["related"]):
            kind = "related"
        elif any(sf == f and sl in lines for sf, sl, _ in d["steps"]):
            kind = "step"
        elif d["file"] == f:
            if cspan is not None and cspan[0] <= d["line"] <= cspan[1]:
                kind = "function"
            elif cspan is not None and cspan[2] and d["func"] and cspan[2] == d["func"]:
                kind = "function"
        if kind:
            pairs.append((ci, di, kind))

c_best, d_best = {}, {}
for ci, di, k in pairs:
    if ci not in c_best or RANK[k] < RANK[c_best[ci]]:
        c_best[ci] = k
    if di not in d_best or RANK[k] < RANK[d_best[di]]:
        d_best[di] = k

# ---------- output ----------
def cstr(c):
    return f"{c['file']}:{c['line']}: {c['msg']}"
def dstr(d):
    return f"{d['file']}:{d['line']}: [{d['rule']}] {d['msg']} ({d['func'] or '?'})"

summary = []
def say(s=""):
    print(s)
    summary.append(s)

say("== Coccinelle reports per script (unique file:line: message)")
for name in SCRIPTS:
    cs = [c for c in cocci if c["script"] == name]
    m = sum(1 for i, c in enumerate(cocci) if c["script"] == name and i in c_best)
    say(f"  {name:24s} {len(cs):6d}   matched by devlife: {m}")
say(f"  {'total':24s} {len(cocci):6d}")
if bad_lines:
    say(f"  ({bad_lines} unparseable report lines ignored)")
say()
say(f"== devlife findings per rule ({SARIF})")
per_rule = collections.Counter(d["rule"] for d in findings)
per_rule_m = collections.Counter(findings[i]["rule"] for i in d_best)
for rid, n in sorted(per_rule.items()):
    say(f"  {rid:32s} {n:6d}   matched by Coccinelle: {per_rule_m[rid]}")
say(f"  {'total':32s} {len(findings):6d}")
outside = sum(1 for d in findings if not in_kdirs(d["file"]))
if outside:
    say(f"  ({outside} findings have their primary location outside KDIRS, e.g. headers;"
        " Coccinelle runs with --no-includes and cannot report those)")
if AUDIT_WALL:
    say(f"  devlife audit wall time: {AUDIT_WALL}s")
say()
kinds_c = collections.Counter(c_best.values())
kinds_d = collections.Counter(d_best.values())
say("== overlap")
say(f"  matched pairs:               {len(pairs)}")
say(f"  Coccinelle reports matched:  {len(c_best)} of {len(cocci)}"
    f"  (best match: line {kinds_c['line']}, related {kinds_c['related']}, step {kinds_c['step']}, function {kinds_c['function']})")
say(f"  devlife findings matched:    {len(d_best)} of {len(findings)}"
    f"  (best match: line {kinds_d['line']}, related {kinds_d['related']}, step {kinds_d['step']}, function {kinds_d['function']})")
say(f"  Coccinelle-only reports:     {len(cocci) - len(c_best)}")
say(f"  devlife-only findings:       {len(findings) - len(d_best)}")

cocci_only = [c for i, c in enumerate(cocci) if i not in c_best]
dev_only = [d for i, d in enumerate(findings) if i not in d_best]

with open(os.path.join(OUT, "cocci-only.txt"), "w") as fh:
    for name in SCRIPTS:
        cs = sorted((c for c in cocci_only if c["script"] == name), key=lambda c: (c["file"], c["line"]))
        fh.write(f"# {name}: {len(cs)}\n")
        fh.writelines(cstr(c) + "\n" for c in cs)
with open(os.path.join(OUT, "devlife-only.txt"), "w") as fh:
    fh.writelines(dstr(d) + "\n" for d in dev_only)
with open(os.path.join(OUT, "overlap.txt"), "w") as fh:
    fh.write("# kind\tcoccinelle report\t<->\tdevlife finding\n")
    for ci, di, k in sorted(pairs, key=lambda p: (cocci[p[0]]["file"], cocci[p[0]]["line"], RANK[p[2]])):
        fh.write(f"{k}\t[{cocci[ci]['script']}] {cstr(cocci[ci])}\t<->\t{dstr(findings[di])}\n")
with open(os.path.join(OUT, "summary.txt"), "w") as fh:
    fh.write("\n".join(summary) + "\n")

print()
print(f"== Coccinelle-only reports ({len(cocci_only)})")
for name in SCRIPTS:
    cs = sorted((c for c in cocci_only if c["script"] == name), key=lambda c: (c["file"], c["line"]))
    if cs:
        print(f"  -- {name} ({len(cs)})")
    for c in cs:
        print(cstr(c))
print()
print(f"== devlife-only findings ({len(dev_only)})")
for d in dev_only:
    print(dstr(d))

# ---------- hand-reading sample ----------
rng = random.Random(SEED)
picked = rng.sample(range(len(findings)), min(SAMPLE, len(findings)))
with open(os.path.join(OUT, "sample.txt"), "w") as fh:
    fh.write(f"# {len(picked)} of {len(findings)} devlife findings, random.Random({SEED}).sample;"
             f" '>>' primary line, '* ' code-flow step\n")
    for k, di in enumerate(picked, 1):
        d = findings[di]
        if di in d_best:
            partners = sorted({f"{cocci[ci]['script']}@{cocci[ci]['line']}" for ci, dj, _ in pairs if dj == di})
            match = f"also Coccinelle ({d_best[di]}: {', '.join(partners)})"
        else:
            match = "devlife only"
        fh.write(f"\n#{k} {dstr(d)}\n   [{match}]\n")
        for sf, sl, smsg in d["steps"]:
            fh.write(f"   step {sf}:{sl}: {smsg}\n")
        for rf, rl, rmsg in d["related"]:
            fh.write(f"   also {rf}:{rl}: {rmsg}\n")
        text = lines_of(d["file"])
        if not text or d["line"] <= 0:
            fh.write("   (source not available)\n")
            continue
        step_lines = {sl for sf, sl, _ in d["steps"] if sf == d["file"]}
        lo = d["line"] - CTX
        near = [sl for sl in step_lines if 0 < d["line"] - sl <= 40]
        if near:                       # show the acquire step too when it is close
            lo = min(lo, min(near) - 1)
        lo, hi = max(1, lo), min(len(text), d["line"] + CTX)
        for n in range(lo, hi + 1):
            mark = ">>" if n == d["line"] else ("* " if n in step_lines else "  ")
            fh.write(f"   {mark}{n:6d} | {text[n - 1].expandtabs(8)}\n")
print()
print(f"files: {OUT}/{{summary,cocci-only,devlife-only,overlap,sample}}.txt")
PY
