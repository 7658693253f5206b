#!/usr/bin/env bash
# deb-package.sh BUILD_DIR SOURCE_DIR VERSION HOMEPAGE CLANG_TIDY
#
# Builds the Debian package with CPack (into a temporary directory, not the
# build tree) and checks what apt and dpkg will read: the control fields
# (`dpkg-deb -I`), the file list (`dpkg-deb -c`), and that the packaged
# (stripped) devlife and module still run. Skips (77) without dpkg-deb or
# dpkg-shlibdeps (dpkg-dev) or file, which CPack needs for Depends.
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
version=$3
homepage=$4
tidy=$5
for tool in cpack dpkg-deb dpkg-shlibdeps file; do
    command -v "$tool" > /dev/null || { echo "skip: no $tool"; exit 77; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/devlife-deb-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

(cd "$build" && cpack -G DEB -B "$tmp/out") > "$tmp/cpack.log" 2>&1 \
    || { cat "$tmp/cpack.log"; echo "FAIL: cpack"; exit 1; }
arch=$(dpkg --print-architecture)
deb=$tmp/out/devlife_${version}-1_${arch}.deb
[ -f "$deb" ] || { ls "$tmp/out"; echo "FAIL: no $(basename "$deb")"; exit 1; }

# --- control fields ---------------------------------------------------------
dpkg-deb -I "$deb" > "$tmp/info"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = devlife ] || fail "Package: $(field Package)"
[ "$(field Version)" = "$version-1" ] || fail "Version: $(field Version), project is $version"
[ "$(field Architecture)" = "$arch" ] || fail "Architecture: $(field Architecture)"
[ "$(field Section)" = devel ] || fail "Section: $(field Section)"
[ "$(field Homepage)" = "$homepage" ] || fail "Homepage: $(field Homepage)"
[[ "$(field Maintainer)" =~ ^[^\<]+\ \<[^@\>]+@[^\>]+\>$ ]] || fail "Maintainer: $(field Maintainer)"
depends=$(field Depends)
# dpkg-shlibdeps' names for the libraries devlife links, nothing guessed.
names=$(tr ',|' '\n\n' <<< "$depends" | sed 's/^ *//; s/ .*//')
for lib in libclang-cpp22 libllvm22 libc6 libstdc++6; do
    grep -qxF "$lib" <<< "$names" || fail "Depends lacks $lib: $depends"
done
if [[ "$depends" == *clang-tidy* ]]; then fail "clang-tidy in Depends: $depends"; fi
[[ "$(field Recommends)" =~ (^|, )clang-tidy-22\ \( ]] || fail "Recommends: $(field Recommends)"
description=$(field Description)
[ "$(head -1 <<< "$description")" != "" ] || fail "no synopsis"
[ "$(wc -l <<< "$description")" -ge 3 ] || fail "no long description: $description"

# --- file list -------------------------------------------------------------
dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./|/|' > "$tmp/files"
has() { grep -qxF "$1" "$tmp/files" || fail "package lacks $1"; }
has /usr/bin/devlife
has /usr/lib/devlife/libdevlife-tidy.so
has /usr/share/devlife/api-model.json
has /usr/share/man/man1/devlife.1.gz
has /usr/share/doc/devlife/README.md
for id in $("$build/devlife" list-checks | cut -f1); do
    has "/usr/share/doc/devlife/rules/$id.md"
done
for dir in "$src"/integrations/*/; do
    [ -f "$dir/CMakeLists.txt" ] && continue
    while read -r f; do
        has "/usr/share/doc/devlife/examples/$(basename "$dir")/$f"
    done < <(cd "$dir" && find . -type f | sed 's|^\./||' | sort)
done
# Nothing else: no tests, no static libraries, nothing outside these places.
if grep -v -e '^/usr/$' -e '^/usr/bin/' -e '^/usr/lib/$' -e '^/usr/lib/devlife/' \
        -e '^/usr/share/' "$tmp/files" > "$tmp/stray"; then
    fail "unexpected files: $(tr '\n' ' ' < "$tmp/stray")"
fi

# --- what was packaged runs ------------------------------------------------
dpkg-deb -x "$deb" "$tmp/root"
"$tmp/root/usr/bin/devlife" --version > "$tmp/version" || fail "packaged devlife --version"
grep -q "^devlife version $version$" "$tmp/version" || fail "packaged --version: $(cat "$tmp/version")"
"$tidy" --load="$tmp/root/usr/lib/devlife/libdevlife-tidy.so" --checks='-*,devlife-*' \
    --list-checks > "$tmp/checks" 2>&1 || fail "clang-tidy cannot load the packaged module"
for id in $("$build/devlife" list-checks | cut -f1); do
    grep -qx "    $id" "$tmp/checks" || fail "packaged module lacks $id"
done

if [ "$fails" -gt 0 ]; then
    cat "$tmp/info"
    echo "deb-package: $fails failure(s)"
    exit 1
fi
echo "deb-package: ok, $(basename "$deb") $(stat -c %s "$deb") bytes, Depends: $depends"
