#!/usr/bin/env bash
# Validates a SARIF file offline with Microsoft's SARIF multitool, against
# both the SARIF 2.1.0 rules and GitHub's ingestion rules ("Gh").
#
#   tests/sarif/validate-sarif.sh FILE.sarif
#
# Exits 0 only if the file is well-formed JSON and neither rule set reports
# a result of level "error". Notes and warnings are printed, not counted:
# offline, SARIF2006 can only note that fetching $schema failed.
#
# The multitool comes from npm (@microsoft/sarif-multitool) and is cached in
# ${DEVLIFE_NPM_CACHE:-$HOME/.cache/devlife/npm}; it is installed only once.
set -euo pipefail

if [[ $# -ne 1 || ! -f "$1" ]]; then
  echo "usage: $0 FILE.sarif" >&2
  exit 2
fi
SARIF=$(realpath "$1")
CACHE=${DEVLIFE_NPM_CACHE:-$HOME/.cache/devlife/npm}

# The path of the native multitool for this platform. The npm launcher
# (node_modules/.bin/sarif-multitool) passes its arguments through a shell
# unquoted, which splits "Error;Warning;Note" and paths with spaces, so the
# binary it wraps is run directly.
multitool_binary() {
  node -e 'console.log(require(process.argv[1]))' \
    "$CACHE/node_modules/@microsoft/sarif-multitool" 2>/dev/null
}

install_multitool() {
  MULTITOOL=$(multitool_binary) && [[ -x "$MULTITOOL" ]] && return 0
  echo "validate-sarif: installing @microsoft/sarif-multitool into $CACHE" >&2
  mkdir -p "$CACHE"
  npm install --prefix "$CACHE" --no-audit --no-fund --loglevel=error \
    @microsoft/sarif-multitool >&2
  MULTITOOL=$(multitool_binary)
  [[ -x "$MULTITOOL" ]] || {
    echo "validate-sarif: no multitool binary after npm install" >&2
    exit 1
  }
}

# The multitool reports nothing at all for text that is not JSON.
check_well_formed() {
  if ! python3 -m json.tool "$SARIF" >/dev/null; then
    echo "validate-sarif: $SARIF is not well-formed JSON" >&2
    exit 1
  fi
}

# Runs one rule set; its findings go, as SARIF, to the file named by $2.
run_rule_kind() {
  local kind=$1 out=$2 log
  log=$(mktemp)
  # The multitool exits 0 even when it finds errors, so its exit status only
  # tells whether it ran; the verdict is read from its output file.
  if ! "$MULTITOOL" validate "$SARIF" --rule-kind "$kind" \
      --level "Error;Warning;Note" -o "$out" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "validate-sarif: the multitool failed to run ($kind rules)" >&2
    exit 1
  fi
  rm -f "$log"
}

# Prints "LEVEL RULE: message (location)" for every result, then a count of
# results of level error on the last line.
summarise() {
  python3 - "$1" "$2" <<'EOF'
import json, sys
kind, path = sys.argv[1], sys.argv[2]
log = json.load(open(path))
errors = 0
for run in log.get("runs", []):
    rules = {r.get("id"): r for r in run.get("tool", {}).get("driver", {}).get("rules", [])}
    for res in run.get("results", []):
        level = res.get("level", "warning")
        rid = res.get("ruleId", "?")
        msg = res.get("message", {})
        text = msg.get("text")
        if text is None:
            # Messages are usually templates in the rule, filled by arguments.
            rule = rules.get(rid.split("/")[0], {})
            template = rule.get("messageStrings", {}).get(msg.get("id", ""), {}).get("text", "")
            text = template
            for i, arg in enumerate(msg.get("arguments", [])):
                text = text.replace("{%d}" % i, str(arg))
        where = ""
        for loc in res.get("locations", []):
            region = loc.get("physicalLocation", {}).get("region", {})
            if region.get("startLine"):
                where = " (line %d)" % region["startLine"]
        print("  [%s] %s %s: %s%s" % (kind, level, rid, text, where))
        if level == "error":
            errors += 1
print(errors)
EOF
}

install_multitool
check_well_formed

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
status=0
for kind in Sarif Gh; do
  run_rule_kind "$kind" "$WORK/$kind.sarif"
  report=$(summarise "$kind" "$WORK/$kind.sarif")
  errors=$(tail -n 1 <<<"$report")
  sed '$d' <<<"$report"
  echo "validate-sarif: $kind rules: $errors error(s)"
  [[ "$errors" == 0 ]] || status=1
done
exit $status
