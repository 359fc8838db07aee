#!/usr/bin/env bash
# `cmake --install` into a prefix that is then moved:
#   install_prefix.sh CMAKE BUILD_DIR SOURCE_DIR
# installs BUILD_DIR into a temporary prefix and checks what is there
# (bin/cjm, the standard library, the manual page, the bash, zsh and fish
# completions); moves the prefix elsewhere and runs the moved cjm from an
# unrelated directory with CJM_STDLIB and CJM_PATH unset: a journey that
# uses "b2b" checks and renders, and the standard library it names is the
# moved prefix's, never SOURCE_DIR's; with the prefix's standard library
# gone, cjm does not fall back to the source tree either.
set -u
cmake=$1
build=$(realpath "$2")
source=$(realpath "$3")
unset CJM_STDLIB CJM_PATH
export NO_COLOR=1
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
make_tmpdir cjm-install-prefix
keep_going
# check WHAT EXPECTED ACTUAL
check() { [ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"; }

"$cmake" --install "$build" --prefix "$tmp/first" >"$tmp/install.log" 2>&1 ||
  fail "cmake --install failed: $(cat "$tmp/install.log")"
for file in bin/cjm share/cjm/stdlib/b2b.cjm share/cjm/stdlib/b2c.cjm share/cjm/stdlib/aisas.cjm \
  share/cjm/stdlib/blueprint.cjm share/man/man1/cjm.1.gz share/bash-completion/completions/cjm \
  share/fish/vendor_completions.d/cjm.fish; do
  [ -f "$tmp/first/$file" ] || fail "not installed: $file"
done
ls "$tmp"/first/share/zsh/*/_cjm >/dev/null 2>&1 || fail "not installed: share/zsh/.../_cjm"
[ -x "$tmp/first/bin/cjm" ] || fail "bin/cjm is not executable"

mkdir -p "$tmp/moved/to"
mv "$tmp/first" "$tmp/moved/to/prefix"
prefix=$tmp/moved/to/prefix
stdlib=$(cd "$prefix/share/cjm/stdlib" && pwd -P)
mkdir -p "$tmp/elsewhere"
cd "$tmp/elsewhere" || exit 2
printf 'use "b2b"\njourney "J"\npersona p "P"\nstage research\n  step s "S" by p\n    feel 1\n' >j.cjm
printf 'use "b2b"\njourney "J"\nchannel web "Other label"\n  owner "x"\n' >bad.cjm
printf 'use "nonesuch"\njourney "J"\n' >missing.cjm

"$prefix/bin/cjm" check j.cjm
check "the moved cjm checks a journey using b2b" 0 $?
"$prefix/bin/cjm" render j.cjm -T text --width 60 >out.txt
check "render -T text status" 0 $?
grep -q "Information gathering" out.txt || fail "the grid has no stage of b2b (Information gathering): $(head -8 out.txt)"
"$prefix/bin/cjm" render j.cjm -T svg -o out.svg
check "render -T svg status" 0 $?
errors=$("$prefix/bin/cjm" check bad.cjm 2>&1)
case $errors in
  *"$stdlib/b2b.cjm:"*) ;;
  *) fail "the note does not name the moved prefix's $stdlib/b2b.cjm: $errors" ;;
esac
case $errors in
  *"$source"*) fail "the moved cjm reads the source tree: $errors" ;;
esac
errors=$("$prefix/bin/cjm" check missing.cjm 2>&1)
case $errors in
  *"standard library ($stdlib)"*) ;;
  *) fail "the search path does not end in the moved prefix's standard library: $errors" ;;
esac

# A symbolic link to the moved cjm (as in ~/bin) finds the same standard library.
ln -s "$prefix/bin/cjm" "$tmp/elsewhere/cjm-link"
errors=$("$tmp/elsewhere/cjm-link" check missing.cjm 2>&1)
case $errors in
  *"standard library ($stdlib)"*) ;;
  *) fail "through a symbolic link, the standard library is not the moved prefix's: $errors" ;;
esac
# CJM_STDLIB, when set and not empty, wins; empty, it is as if unset.
mkdir -p "$tmp/other-stdlib"
errors=$(CJM_STDLIB=$tmp/other-stdlib "$prefix/bin/cjm" check missing.cjm 2>&1)
case $errors in
  *"standard library ($tmp/other-stdlib)"*) ;;
  *) fail "CJM_STDLIB is not the standard library: $errors" ;;
esac
errors=$(CJM_STDLIB= "$prefix/bin/cjm" check missing.cjm 2>&1)
case $errors in
  *"standard library ($stdlib)"*) ;;
  *) fail "an empty CJM_STDLIB is not as if unset: $errors" ;;
esac

# Without its standard library, the moved cjm still never reads the source tree.
rm -rf "$prefix/share/cjm/stdlib"
errors=$("$prefix/bin/cjm" check missing.cjm 2>&1)
case $errors in
  *"$source"*) fail "without its standard library, the moved cjm falls back to the source tree: $errors" ;;
esac
"$prefix/bin/cjm" check j.cjm >/dev/null 2>&1
status=$?
[ "$status" != 0 ] || [ -d /usr/local/share/cjm/stdlib ] || [ -d /usr/share/cjm/stdlib ] ||
  fail "without any standard library, a journey using b2b checked clean"
finish "install to a moved prefix"
