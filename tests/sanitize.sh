#!/usr/bin/env bash
# tests/sanitize.sh [BUILD_DIR] -- the hardening build: devlife, the
# clang-tidy module, the tests and the fuzzers built with clang-22,
# AddressSanitizer and UndefinedBehaviorSanitizer (-DDEVLIFE_FUZZ=ON), then
# every test under them: the unit tests, the corpus through the audit and
# through clang-tidy-22 (which loads the instrumented module with the
# runtime preloaded, build/clang-tidy-sanitized), the path oracle, and each
# fuzzer over its seeds and for DEVLIFE_FUZZ_SECONDS from them.
#
# Every instrumented process, the audit's workers too, writes what it finds
# to BUILD_DIR/sanitizer-logs; the script fails if any report is there, as
# well as on any failed test. CTEST_ARGS replaces the default selection:
# every test but the packaging ones and the real-tree smoke test, which
# the plain build runs (they check installation and a kernel tree, not
# memory), and clang-tidy's corpus cases file by file
# (corpus_clang_tidy_every_file, 86 instrumented clang-tidy runs), which
# CorpusOneProcess and CorpusNotes cover in fewer; e.g. CTEST_ARGS="-L fuzz".
set -euo pipefail
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$src/.ci/setup" # libclang-rt-22-dev: the sanitizer and libFuzzer runtimes
build=${1:-$src/build-san}
jobs=$(nproc)
launcher=()
command -v ccache > /dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DDEVLIFE_FUZZ=ON "${launcher[@]}" > /dev/null
cmake --build "$build" -j"$jobs"

logs=$build/sanitizer-logs
rm -rf "$logs"
mkdir -p "$logs"
export ASAN_OPTIONS="log_path=$logs/asan:detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="log_path=$logs/ubsan:print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$src/tests/sanitizer/lsan.supp:print_suppressions=0"
rc=0
# shellcheck disable=SC2086
ctest --test-dir "$build" --output-on-failure -j"$jobs" \
    ${CTEST_ARGS:--E ^(install_tree|install_deb_package|kernel_smoke|real_patch_review|corpus_clang_tidy_every_file)$} || rc=$?
if compgen -G "$logs/*" > /dev/null; then
    echo "sanitize.sh: sanitizer reports in $logs:" >&2
    head -n 60 "$logs"/* >&2
    rc=1
fi
exit $rc
