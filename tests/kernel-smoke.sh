#!/usr/bin/env bash
# kernel-smoke.sh DEVLIFE -- audit real Linux 6.12 files with their real Kbuild
# commands (-mllvm, -fsanitize=kernel-address, -Wp,-MMD, -include ...) and
# assert: no worker crashed, no TU failed to parse, valid SARIF came out; and
# that two shards merged give the same SARIF bytes on real files.
# Skips (77) when no prepared tree is found; .ci/setup --kernel prepares one.
#   DEVLIFE_KSRC          the tree (default: first prepared of the two caches)
#   DEVLIFE_SMOKE_PATHS   what to audit (default: drivers/of)
set -u
devlife=$1
paths=${DEVLIFE_SMOKE_PATHS:-drivers/of}
ksrc=${DEVLIFE_KSRC:-}
if [ -z "$ksrc" ]; then
    for k in "$HOME/.cache/devlife-ci/linux-source-6.12" \
             "$HOME/.cache/devlife-bench/linux-source-6.12"; do
        [ -f "$k/compile_commands.json" ] && { ksrc=$k; break; }
    done
fi
if [ -z "$ksrc" ] || [ ! -f "$ksrc/compile_commands.json" ]; then
    echo "kernel-smoke: no prepared kernel tree (run .ci/setup --kernel); skipping"
    exit 77
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "kernel-smoke: $devlife audit -p $ksrc $paths"
(cd "$ksrc" && "$devlife" audit -p "$ksrc" $paths --no-cache --sarif "$out/kernel.sarif") \
    > "$out/stdout" 2> "$out/stderr"
rc=$?
grep '^devlife:' "$out/stdout"
sed -n '/^  devlife-/p' "$out/stdout"
if [ "$rc" != 0 ]; then
    echo "kernel-smoke: FAIL: audit exited $rc"; head -40 "$out/stderr"; exit 1
fi
python3 - "$out/kernel.sarif" <<'PY' || exit 1
import json, sys
log = json.load(open(sys.argv[1]))
run = log["runs"][0]
inv = run["invocations"][0]
notes = inv.get("toolExecutionNotifications", [])
assert inv["executionSuccessful"], f"failed TUs: {notes[:3]}"
assert not [n for n in notes if n["level"] == "error"], notes[:3]
for r in run["results"]:
    loc = r["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc.get("uriBaseId") == "%SRCROOT%" and not loc["uri"].startswith("/"), loc
print(f"kernel-smoke: OK, {len(run['results'])} findings, 0 failed TUs")
PY

# Sharded: the same paths in two shards, merged, are the same bytes.
for k in 1 2; do
    (cd "$ksrc" && "$devlife" audit -p "$ksrc" $paths --progress=never \
        --shard $k/2 --partial "$out/s$k.partial") > /dev/null 2> "$out/shard.err" ||
        { echo "kernel-smoke: FAIL: shard $k/2"; head -20 "$out/shard.err"; exit 1; }
done
"$devlife" merge --progress=never --sarif "$out/merged.sarif" "$out/s1.partial" "$out/s2.partial" \
    > "$out/merge.out" 2> "$out/merge.err" ||
    { echo "kernel-smoke: FAIL: merge"; head -20 "$out/merge.err"; exit 1; }
cmp -s "$out/kernel.sarif" "$out/merged.sarif" ||
    { echo "kernel-smoke: FAIL: shards 1/2 + 2/2 merged differ from the audit"; exit 1; }
grep '^devlife:' "$out/merge.out"
echo "kernel-smoke: OK, shards merged are byte-identical"
