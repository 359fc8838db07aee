#!/usr/bin/env bash
# Where `-o` and `fmt -w` may write, as an unprivileged user would meet it
# (hostile input, findings 9 and 10):
#   output_permissions.sh CJM STDLIB
# - a read-only file is refused, as the shell's `>` refuses it, and stays
#   as it was;
# - another user's file that we may write keeps its owner (written in
#   place, as `>` does) instead of becoming ours;
# - a destination whose name is as long as a file name may be (255 bytes)
#   is written: the temporary name does not lengthen it.
# Run as root (as CI is), the checks that need an ordinary user run as
# `nobody` through setpriv.
set -u
cjm=$(realpath "$1")
export CJM_STDLIB=$(realpath "$2") NO_COLOR=1
. "$(dirname "$0")/../lib.sh"
make_tmpdir cjm-output-permissions
chmod 755 "$tmp"
cd "$tmp" || exit 2
keep_going
# check WHAT EXPECTED ACTUAL
check() { [ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"; }

# as_user COMMAND...: runs COMMAND as an ordinary user.
if [ "$(id -u)" = 0 ]; then
  command -v setpriv >/dev/null || { echo "$test_name: setpriv (util-linux) is needed to run as nobody" >&2; exit 1; }
  as_user() { setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"; }
  other=root
else
  as_user() { "$@"; }
  other=
fi
# The binary and the standard library must be readable by that user.
cp "$cjm" ./cjm && chmod 755 ./cjm
cjm=$tmp/cjm

printf 'journey   "J"\npersona mia "Mia"\nstage s\n  step a by mia\n' >messy.cjm
chmod 644 messy.cjm

# ---- a read-only file is refused --------------------------------------------------
mkdir ro && cp messy.cjm ro/j.cjm && chmod 444 ro/j.cjm && chmod 777 ro
if [ -n "$other" ]; then chown nobody ro/j.cjm; fi
err=$(as_user "$cjm" fmt -w ro/j.cjm 2>&1)
check "fmt -w on a read-only file: exit status" 2 $?
case $err in *"Permission denied"*) ;; *) fail "fmt -w on a read-only file: no clear error: $err" ;; esac
check "fmt -w on a read-only file: untouched" "$(cat messy.cjm)" "$(cat ro/j.cjm)"
printf 'old\n' >ro/map.svg && chmod 444 ro/map.svg
as_user "$cjm" render messy.cjm -T dot -o ro/map.svg 2>/dev/null
check "render -o over a read-only file: exit status" 2 $?
check "render -o over a read-only file: untouched" old "$(head -c 20 ro/map.svg)"

# ---- another user's writable file keeps its owner -----------------------------------
if [ -n "$other" ]; then
  mkdir shared && chmod 777 shared
  printf 'old\n' >shared/map.dot && chmod 666 shared/map.dot
  as_user "$cjm" render messy.cjm -T dot -o shared/map.dot
  check "render -o over another's writable file: exit status" 0 $?
  check "render -o over another's writable file: owner kept" "$other" "$(stat -c %U shared/map.dot)"
  check "render -o over another's writable file: mode kept" 666 "$(stat -c %a shared/map.dot)"
  grep -q '^digraph' shared/map.dot || fail "render -o over another's writable file: not written"
  ls -A shared | grep -q '^\.cjm-' && fail "a temporary file was left in shared/"
fi

# ---- a long destination name ------------------------------------------------------------
long=$(printf 'j%.0s' $(seq 1 251)).svg # 255 bytes, the longest name a file may have
"$cjm" render messy.cjm -T svg -o "$long"
check "render -o with a 255-byte name: exit status" 0 $?
[ -s "$long" ] || fail "render -o with a 255-byte name: nothing written"
"$cjm" render messy.cjm -T svg -o "$long"
check "render -o over a file with a 255-byte name: exit status" 0 $?
ls -A | grep -q '^\.cjm-' && fail "a temporary file was left behind"

finish "output permissions"
