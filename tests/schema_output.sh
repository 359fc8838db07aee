#!/usr/bin/env bash
# What cjm writes as JSON now holds to docs/cjm.schema.json:
#   schema_output.sh CHECKER SCHEMA CJM "ARGS|INPUT"...
# runs `CJM ARGS INPUT` for each case from the source tree's root (INPUT is
# relative to it), with the standard library of this tree and no
# CJM_PATH, and validates every output with CHECKER (json_schema_check).
# Each run must exit 0 and write a document; the committed golden files
# are not read, so a golden rewritten by UPDATE=1 cannot vouch for itself.
set -u
checker=$(realpath "$1")
schema=$(realpath "$2")
cjm=$(realpath "$3")
shift 3
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
make_tmpdir cjm-schema
cd "$(dirname "$0")/.." || exit 2

outputs=()
n=0
for case in "$@"; do
  args=${case%%|*}
  input=${case#*|}
  n=$((n + 1))
  out=$tmp/$n.json
  # shellcheck disable=SC2086 # args are split on purpose
  env -u CJM_PATH NO_COLOR=1 CJM_STDLIB=stdlib "$cjm" $args --color=never "$input" >"$out" 2>"$tmp/err" ||
    fail "cjm $args $input: exit $?: $(cat "$tmp/err")"
  [ -s "$out" ] || fail "cjm $args $input: no output"
  outputs+=("$out")
done
[ "$n" -gt 0 ] || fail "no case given"
"$checker" "$schema" "${outputs[@]}" || fail "an output does not hold to the schema (files numbered in the order of the cases: $*)"
echo "schema: $n outputs valid"
