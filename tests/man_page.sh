#!/usr/bin/env bash
# The manual page keeps up with the program:
#   man_page.sh CJM MANPAGE
# MANPAGE (docs/cjm.1) is ASCII and groff formats it without a warning
# (-ww); it has a section `.SS "cjm NAME ...` for every command `cjm
# --help` lists; and its text, as groff sets it (one long line per
# paragraph, no hyphenation), names every option each `cjm help NAME`
# lists (the first word of each line that starts with a dash, and each
# after a comma: -I, --color=WHEN, -w, --write...) and every environment
# variable a help text names, letter case aside (NAME and name are the
# same placeholder).
set -u
cjm=$(realpath "$1")
page=$(realpath "$2")
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
make_tmpdir cjm-man-page
keep_going
command -v groff >/dev/null 2>&1 || fail "groff not found: install groff-base (scripts/deps.sh does)"

bad=$(LC_ALL=C grep -n '[^ -~	]' "$page")
[ -z "$bad" ] || fail "not ASCII (write \\(em, \\(dq...): $bad"
warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
[ -z "$warnings" ] || fail "groff warns: $warnings"
groff -man -Tascii -rHY=0 -rLL=1000n -P-c -P-b -P-u "$page" >"$tmp/page.txt" 2>/dev/null
[ -s "$tmp/page.txt" ] || fail "groff wrote nothing"

commands=$("$cjm" --help | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }')
[ -n "$commands" ] || fail "no command in cjm --help"
n=0
for command in $commands; do
  grep -Eq "^\\.SS \"cjm $command( |\")" "$page" || fail "no section .SS \"cjm $command ...\" for the command $command"
  "$cjm" help "$command" >"$tmp/help.txt" || fail "cjm help $command failed"
  # options: the option column of lines that start with a dash
  options=$(awk '/^  +-/ { sub(/^ +/, ""); split($0, col, /   +/); n = split(col[1], o, /, /); for (i = 1; i <= n; i++) { sub(/ .*/, "", o[i]); print o[i] } }' "$tmp/help.txt")
  for option in $options; do
    n=$((n + 1))
    grep -qiF -- "$option" "$tmp/page.txt" || fail "cjm help $command lists $option; the manual page does not"
  done
  # environment variables: lines of an "environment:" part
  for variable in $(awk '/^environment:/ { on = 1; next } on && /^  [A-Z_]+ / { print $1 } on && /^$/ { on = 0 }' "$tmp/help.txt"); do
    grep -q "^ENVIRONMENT" "$tmp/page.txt" && sed -n '/^ENVIRONMENT/,/^[A-Z]/p' "$tmp/page.txt" | grep -qw "$variable" ||
      fail "cjm help $command names $variable; the manual page's ENVIRONMENT does not"
  done
done
[ "$n" -gt 20 ] || fail "only $n options found in the help texts"
for section in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS ENVIRONMENT "EXIT STATUS" FILES EXAMPLES; do
  grep -q "^\\.SH \"\\{0,1\\}[A-Z ]*$section" "$page" || fail "no section $section"
done
finish "manual page ($(echo "$commands" | wc -w) commands, $n options)"
