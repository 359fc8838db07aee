#!/bin/sh
# cjm render --watch: writes -o again on every save of the journey or of a
# module it uses (editors' rename-over saves), keeps the last good output
# while the journey has errors and prints its diagnostics, recovers, and
# ends with status 0 on SIGTERM; a module not yet written is drawn once it
# is. Usage errors: no -o, standard input.
# Usage: watch.sh CJM
set -u
cjm=$1
. "$(dirname "$0")/lib.sh"
make_tmpdir
cd "$tmp" || exit 1

journey() { # journey EXTRA-STEP: the test journey, with a step of that label
  printf '%s\n' 'journey "Watched"' 'use "parts"' 'persona ann "Ann"' 'stage look "Look"' \
    '  step first "First step" by ann' "  step extra \"$1\" by ann"
}
save parts.cjm 'channel web "Web site"'
save j.cjm "$(journey 'Alpha label')"

# usage errors first
"$cjm" render j.cjm --watch >/dev/null 2>err && fail "--watch without -o was accepted"
grep -q -- "--watch needs -o FILE" err || fail "no usage error for --watch without -o: $(cat err)"
"$cjm" render - -o out.svg --watch </dev/null 2>err
[ $? -eq 2 ] || fail "--watch of standard input: not exit 2"

"$cjm" render j.cjm -o out.svg --watch 2>log &
pid=$!
pids=$pid
has() { grep -q "$2" "$1" 2>/dev/null; }
wait_for 10 has out.svg 'Alpha label' || fail "first render not written: $(cat log)"

# a save of the journey (rename over it, as editors do)
save j.cjm "$(journey 'Beta label')"
wait_for 5 has out.svg 'Beta label' || fail "not written again after a save: $(cat log)"

# a save of a module it uses
save parts.cjm 'channel web "Web site"
channel shop "Corner shop"'
wait_for 5 has log 'wrote out.svg.*' || fail "no status line"
lines_before=$(grep -c 'wrote out.svg' log)
save j.cjm "$(journey 'Beta label')
  step third \"Third\" by ann via shop"
wait_for 5 has out.svg 'Corner shop' || fail "module's change not drawn: $(cat log)"

# broken: diagnostics printed, out.svg untouched
cp out.svg good.svg
save j.cjm "$(journey 'Gamma label')
  step broken \"Broken\" by nobody"
wait_for 5 has log "unknown persona 'nobody'" || fail "diagnostics not printed: $(cat log)"
wait_for 5 has log 'keeps its last good contents' || fail "no line saying the output was kept: $(cat log)"
cmp -s out.svg good.svg || fail "out.svg changed while the journey had errors"
ls .cjm-* 2>/dev/null && fail "a temporary file was left behind"

# fixed: written again
save j.cjm "$(journey 'Delta label')"
wait_for 5 has out.svg 'Delta label' || fail "no recovery after the fix: $(cat log)"
[ "$(grep -c 'wrote out.svg' log)" -gt "$lines_before" ] || fail "no new status line"

# a removed and re-created journey (some editors delete, then write)
rm j.cjm
wait_for 5 has log 'No such file' || fail "a removed file was not reported: $(cat log)"
save j.cjm "$(journey 'Epsilon label')"
wait_for 5 has out.svg 'Epsilon label' || fail "not written after the file came back: $(cat log)"

# a module not written yet: found once it is (any journey saved counts)
save j.cjm "$(journey 'Zeta label' | sed 's/use "parts"/use "parts"\
use "later"/')
  step late \"Late\" by ann via kiosk"
wait_for 5 has log "cannot find module 'later'" || fail "the missing module was not reported: $(cat log)"
save later.cjm 'channel kiosk "Kiosk in the hall"'
wait_for 5 has out.svg 'Kiosk in the hall' || fail "not written once the module was: $(cat log)"

stop_process "$pid"
status=$?
pids=
[ "$status" -eq 0 ] || fail "exit status $status after SIGTERM, not 0"

# the journey's whole directory removed, then put back (a branch switched,
# a folder restored): inotify cannot watch what is not there, so the
# directory is looked for until it comes back, and the journey drawn again
mkdir d
save d/parts.cjm 'channel web "Web site"'
save d/j.cjm "$(journey 'Eta label')"
"$cjm" render d/j.cjm -o out2.svg --watch 2>log2 &
pid=$!
pids=$pid
wait_for 10 has out2.svg 'Eta label' || fail "first render of d/j.cjm not written: $(cat log2)"
mv d gone
wait_for 5 has log2 'No such file' || fail "the removed directory was not reported: $(cat log2)"
sleep 1
mv gone d
save d/j.cjm "$(journey 'Theta label')"
wait_for 10 has out2.svg 'Theta label' || fail "not drawn after the directory came back: $(cat log2)"
stop_process "$pid"
pids=
if grep -q 'ERROR: AddressSanitizer\|ERROR: LeakSanitizer\|runtime error:' log log2; then fail "sanitizer report: $(cat log log2)"; fi
echo "$test_name: ok"
