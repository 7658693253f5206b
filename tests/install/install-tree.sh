#!/usr/bin/env bash
# install-tree.sh BUILD_DIR SOURCE_DIR CLANG_TIDY
#
# `cmake --install` into a temporary DESTDIR, then what a user of the
# installed tree meets: every file where it belongs, nothing pointing back
# into the build tree, the installed devlife's audit of the corpus and the
# installed module's clang-tidy run giving exactly the build tree's
# findings, and a man page that names every rule and option.
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
tidy=$3
prefix=/usr
tmp=$(mktemp -d "${TMPDIR:-/tmp}/devlife-install-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

DESTDIR=$root cmake --install "$build" --prefix "$prefix" > "$tmp/install.log" \
    || { cat "$tmp/install.log"; echo "FAIL: cmake --install"; exit 1; }
inst=$root$prefix
bin=$inst/bin/devlife
module=$inst/lib/devlife/libdevlife-tidy.so

# --- the layout ----------------------------------------------------------
[ -x "$bin" ] || fail "no executable $bin"
[ -f "$module" ] || fail "no module $module"
cmp -s "$src/matchers/api-model.json" "$inst/share/devlife/api-model.json" \
    || fail "share/devlife/api-model.json is not matchers/api-model.json"
rules=$("$build/devlife" list-checks | cut -f1)
[ -n "$rules" ] || fail "devlife list-checks printed no rule"
for id in $rules; do
    cmp -s "$src/checks/$id.md" "$inst/share/doc/devlife/rules/$id.md" \
        || fail "rule page of $id not installed as share/doc/devlife/rules/$id.md"
done
for dir in "$src"/integrations/*/; do
    [ -f "$dir/CMakeLists.txt" ] && continue # code, not an example
    name=$(basename "$dir")
    # Every file, in subdirectories (editors/vim/) and dotfiles (.clang-tidy) too.
    while read -r f; do
        [ -f "$inst/share/doc/devlife/examples/$name/$f" ] \
            || fail "example $name/$f not installed"
    done < <(cd "$dir" && find . -type f | sed 's|^\./||' | sort)
done
[ -f "$inst/share/doc/devlife/README.md" ] || fail "README not installed"

# Nothing installed may lean on the build tree (an RPATH, a generated path).
if grep -rlF "$build" "$root" > "$tmp/leaks"; then
    fail "installed files name the build tree $build: $(tr '\n' ' ' < "$tmp/leaks")"
fi

# --- the installed devlife ----------------------------------------------
"$bin" --version > "$tmp/version" || fail "installed devlife --version exits $?"
"$build/devlife" --version | cmp -s - "$tmp/version" \
    || fail "installed --version differs from the build tree's: $(cat "$tmp/version")"

# Its own workers: the installed binary starts itself, not the build's.
audit() { # BIN NAME
    local rc=0
    "$1" audit -p "$build/corpus" --no-cache --jobs 2 --progress=never \
        --sarif "$tmp/$2.sarif" > "$tmp/$2.out" 2> "$tmp/$2.err" || rc=$?
    echo "$rc" > "$tmp/$2.rc"
    # The summary's timing rows differ from run to run.
    grep -v -e '^  wall time' -e '^  worker CPU time' -e '^  audit process' "$tmp/$2.out" > "$tmp/$2.findings"
}
audit "$build/devlife" built
audit "$bin" installed
[ "$(cat "$tmp/installed.rc")" = 0 ] \
    || fail "installed audit exit $(cat "$tmp/installed.rc"): $(head -5 "$tmp/installed.err")"
[ "$(cat "$tmp/installed.rc")" = "$(cat "$tmp/built.rc")" ] || fail "exit codes differ"
grep -q '\[devlife-' "$tmp/built.findings" || fail "the build tree's audit found nothing"
cmp -s "$tmp/built.findings" "$tmp/installed.findings" \
    || fail "installed audit findings differ: $(diff "$tmp/built.findings" "$tmp/installed.findings" | head -5)"
cmp -s "$tmp/built.sarif" "$tmp/installed.sarif" || fail "installed audit SARIF differs"

# --- the installed module -----------------------------------------------
mapfile -t files < <(cd "$src/corpus" && ls -1 devlife-*/*.c | sed "s|^|$src/corpus/|")
# All files in one clang-tidy process, as run-clang-tidy batches them
# (CorpusOneProcess checks that this gives what each file gives alone).
tidy_run() { # MODULE NAME
    "$tidy" --load="$1" --checks='-*,devlife-*' -p "$build/corpus" "${files[@]}" \
        2>> "$tmp/$2.tidy.err" > "$tmp/$2.tidy" || true
}
tidy_run "$build/integrations/clang-tidy/libdevlife-tidy.so" built
tidy_run "$module" installed
grep -q 'warning: .*\[devlife-' "$tmp/built.tidy" \
    || fail "the build tree's module found nothing: $(tail -3 "$tmp/built.tidy.err")"
cmp -s "$tmp/built.tidy" "$tmp/installed.tidy" \
    || fail "installed module's findings differ: $(diff "$tmp/built.tidy" "$tmp/installed.tidy" | head -5) $(tail -3 "$tmp/installed.tidy.err")"

# --- devlife(1) ---------------------------------------------------------
page=$inst/share/man/man1/devlife.1.gz
if [ -f "$page" ]; then
    zcat "$page" > "$tmp/devlife.1"
else
    page=$inst/share/man/man1/devlife.1 # no gzip where it was built
    cp "$page" "$tmp/devlife.1" 2> /dev/null || fail "no man page"
fi
man=$tmp/devlife.1
roff() { sed 's/-/\\-/g' <<< "$1"; } # how the page spells a name
for id in $rules; do
    grep -qxF ".SS $(roff "$id")" "$man" || fail "man page has no section for $id"
done
for sub in audit merge; do
    for opt in $("$build/devlife" "$sub" --help | grep -o '^  --*[a-z][a-z-]*' | sed 's/^ *//'); do
        grep -qF "\\fB$(roff "$opt")" "$man" || fail "man page does not list $sub $opt"
    done
done
grep -qF '.SH EXIT STATUS' "$man" || fail "man page has no EXIT STATUS"
grep -qF "$(roff "$prefix/lib/devlife/libdevlife-tidy.so")" "$man" \
    || fail "man page FILES does not name the installed module"
if grep -q '@DEVLIFE_PREFIX@' "$man"; then fail "man page still holds @DEVLIFE_PREFIX@"; fi
if command -v groff > /dev/null; then
    groff -man -ww -z "$man" 2> "$tmp/groff.err" || fail "groff fails on the man page"
    if [ -s "$tmp/groff.err" ]; then fail "groff warns: $(head -3 "$tmp/groff.err")"; fi
fi

if [ "$fails" -gt 0 ]; then
    echo "install-tree: $fails failure(s)"
    exit 1
fi
echo "install-tree: ok ($(echo $rules | wc -w) rules, ${#files[@]} corpus files, $(grep -c '\[devlife-' "$tmp/built.findings") audit findings, $(grep -c 'warning: .*\[devlife-' "$tmp/built.tidy") clang-tidy warnings)"
