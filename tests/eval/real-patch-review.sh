#!/usr/bin/env bash
# real-patch-review.sh -- a patch review of a real Linux 6.12 driver file, as
# in the README. FILE (default drivers/mailbox/omap-mailbox.c, which already
# leaks a child node in its probe) is copied into a throwaway git repository
# with its real Kbuild command, and a commit drops its NTH (default 1)
# `of_node_put(VAR);` line (default node: the one before the early return of
# omap_mbox_of_xlate()). `--changed-lines` on the commit's format-patch mail
# and `devlife review` must each report exactly the leak that makes, and
# nothing else. Exits 0 if they do, 1 if not, 77 (skip) without the file.
#   KSRC (default: the bench tree, else the CI tree)  DEVLIFE (build/devlife)
#   FILE VAR NTH  WANT (the expected warning's text after "LINE:COL: warning: ")
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [ -z "${KSRC:-}" ]; then
  for k in "$HOME/.cache/devlife-bench/linux-source-6.12" \
           "$HOME/.cache/devlife-ci/linux-source-6.12"; do
    [ -f "$k/compile_commands.json" ] && { KSRC=$k; break; }
  done
fi
KSRC=${KSRC:-$HOME/.cache/devlife-bench/linux-source-6.12}
DEVLIFE=${DEVLIFE:-$here/build/devlife}
F=${FILE:-drivers/mailbox/omap-mailbox.c}
VAR=${VAR:-node}
NTH=${NTH:-1}
WANT=${WANT:-"reference from of_find_node_by_phandle() is not released by of_node_put() on this path [devlife-refcount-leak]"}
[ -f "$KSRC/compile_commands.json" ] && grep -q "/$F\"" "$KSRC/compile_commands.json" || {
  echo "real-patch-review: no $F in $KSRC/compile_commands.json: skipped" >&2; exit 77; }
R=$(mktemp -d)
trap 'rm -rf "$R"' EXIT
mkdir -p "$R/$(dirname "$F")"
# The file and the local headers it includes by a quoted name.
cp "$KSRC/$F" "$R/$F"
for h in $(sed -n 's/^#include "\(.*\)"/\1/p' "$KSRC/$F"); do
  mkdir -p "$(dirname "$R/$(dirname "$F")/$h")"
  cp "$KSRC/$(dirname "$F")/$h" "$R/$(dirname "$F")/$h"
done
# The tree's command for the file, compiling the copy (its other headers,
# generated ones included, are the tree's).
python3 - "$KSRC" "$R" "$F" <<'PY'
import json, sys
ksrc, repo, f = sys.argv[1:]
e = next(e for e in json.load(open(ksrc + "/compile_commands.json")) if e["file"] == ksrc + "/" + f)
cmd = e["command"]
assert cmd.endswith(" " + f)
json.dump([{"directory": ksrc, "file": repo + "/" + f,
            "command": cmd[:-len(f)] + repo + "/" + f}],
          open(repo + "/compile_commands.json", "w"), indent=1)
PY
git() { command git -C "$R" -c user.name=devlife -c user.email=devlife@example.org "$@"; }
echo compile_commands.json > "$R/.gitignore"
git init -q -b master && git add -A && git commit -q -m "mailbox: omap: as in Linux 6.12"
line=$(grep -n "^[[:space:]]*of_node_put($VAR);" "$R/$F" | sed -n "${NTH}p" | cut -d: -f1)
sed -i "${line}d" "$R/$F"
git commit -q -am "mailbox: omap: return the channel as soon as it is found"
git format-patch -1 --stdout > "$R/leak.patch"

cd "$R"
echo "== the patch"; sed -n '/^diff --git/,$p' leak.patch
echo "== devlife audit (everything)"
"$DEVLIFE" audit -p "$R" --no-cache --progress never | grep ': warning:' || true
echo "== devlife audit --changed-lines leak.patch"
"$DEVLIFE" audit -p "$R" --no-cache --progress never --changed-lines leak.patch | tee "$R/changed.out"
echo "== devlife review HEAD~1..HEAD"
"$DEVLIFE" review HEAD~1..HEAD -p "$R" --no-cache --progress never | tee "$R/review.out"

# The leak is where the put was: on the line that now follows it.
want="$F:$line: warning: $WANT"
ok=0
for out in changed review; do
  got=$(grep ': warning:' "$R/$out.out" | sed 's/^\([^:]*:[0-9]*\):[0-9]*: /\1: /' || true)
  if [ "$got" = "$want" ]; then
    echo "real-patch-review: $out: exactly the new leak"
  else
    echo "real-patch-review: $out: expected only '$want', got: '$got'"; ok=1
  fi
done
exit $ok
