#!/usr/bin/env bash
# run-fuzzer.sh FUZZER SEEDS SECONDS [CORPUS]
#   SECONDS 0: run every input in SEEDS once (regression mode) and fail on
#   the first crash, leak, sanitizer report or timeout.
#   Otherwise fuzz from SEEDS for SECONDS into CORPUS (new inputs go there,
#   never into the repository); a finding is written to CORPUS/../ as
#   crash-*/leak-*/timeout-* and the run fails. Extra libFuzzer options may
#   come in FUZZ_ARGS (e.g. FUZZ_ARGS=-jobs=2).
set -euo pipefail
fuzzer=$1 seeds=$2 seconds=$3 corpus=${4:-}
# Limits a finding is measured against: an input that takes 10 s or 2 GB
# is a hang or a blow-up, not slow input.
limits=(-timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048)
if [ "$seconds" = 0 ]; then
    exec "$fuzzer" "${limits[@]}" "$seeds"/*
fi
mkdir -p "$corpus"
# libFuzzer writes crash-* files to the working directory: next to CORPUS.
# Paths given relative to the caller must still work from there.
fuzzer=$(realpath "$fuzzer") seeds=$(realpath "$seeds") corpus=$(realpath "$corpus")
cd "$(dirname "$corpus")"
# shellcheck disable=SC2086
exec "$fuzzer" "${limits[@]}" -max_total_time="$seconds" -print_final_stats=1 \
    ${FUZZ_ARGS:-} "$corpus" "$seeds"
