#!/usr/bin/env bash
# The shell completions of editors/completions/ keep up with the program:
#   completions.sh CJM DIR STDLIB EXAMPLE
# DIR holds cjm.bash, _cjm and cjm.fish; EXAMPLE is a journey with personas.
# bash (run for real: the completion function on made-up command lines)
# and fish (`complete -C`): every command of `cjm --help` is offered; for each
# command, every option its `cjm help CMD` lists is offered after a dash
# (--color=WHEN as --color=, -Wno-NAME as -Wno-); -T offers the formats
# render and stats name for an unknown one; --persona offers the personas
# `cjm check --list=personas` prints, whether the journey comes before or
# after it. zsh: the file parses, and names every command and option.
set -u
cjm=$(realpath "$1")
dir=$(realpath "$2")
export CJM_STDLIB=$(realpath "$3") NO_COLOR=1
example=$(realpath "$4")
unset CJM_PATH
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
make_tmpdir cjm-completions
keep_going
# check WHAT EXPECTED ACTUAL
check() { [ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"; }
# has WHAT WORDS WORD: WORD is one of WORDS
has() { grep -qxF -- "$3" <<<"$2" || fail "$1: no '$3' in: $(echo $2)"; }

# The journey in a directory of its own, as a user would have it; the
# program named cjm on PATH.
mkdir -p "$tmp/bin" "$tmp/work"
ln -s "$cjm" "$tmp/bin/cjm"
cp "$example" "$tmp/work/journey.cjm"
export PATH=$tmp/bin:$PATH
cd "$tmp/work" || exit 2

commands=$(cjm --help | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }')
personas=$(cjm check --list=personas journey.cjm)
[ -n "$personas" ] || fail "cjm check --list=personas printed nothing"
# options CMD: the options `cjm help CMD` lists, as a completion offers them
options() {
  cjm help "$1" | awk '/^  +-/ { sub(/^ +/, ""); split($0, col, /   +/); n = split(col[1], o, /, /); for (i = 1; i <= n; i++) { sub(/ .*/, "", o[i]); print o[i] } }' |
    sed -e 's/=.*/=/' -e 's/^-Wno-NAME$/-Wno-/' | grep -v -e '^-W[A-Z.]' | sort -u
}
# formats CMD: the formats CMD's error for an unknown one names
formats() { cjm "$1" -T nonesuch journey.cjm 2>&1 | sed -n 's/.*formats: //p' | tr -d ',' | tr ' ' '\n'; }

# ---- bash ----------------------------------------------------------------------
bash_complete() { # WORD... (the last is completed)
  bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _cjm; printf "%s\n" "${COMPREPLY[@]}"' \
    bash "$dir/cjm.bash" "$@"
}
offered=$(bash_complete cjm "")
for command in $commands; do has "bash: the commands" "$offered" "$command"; done
for command in $commands; do
  offered=$(bash_complete cjm "$command" -)
  for option in $(options "$command"); do has "bash: cjm $command -" "$offered" "$option"; done
done
for command in render stats; do
  check "bash: cjm $command -T" "$(formats $command | sort)" "$(bash_complete cjm $command -T "" | sort)"
done
check "bash: --persona after the journey" "$personas" "$(bash_complete cjm render journey.cjm --persona "")"
got=$(bash -c '. "$1"; COMP_WORDS=(cjm render --persona "" journey.cjm); COMP_CWORD=3; _cjm; printf "%s\n" "${COMPREPLY[@]}"' bash "$dir/cjm.bash")
check "bash: --persona before the journey" "$personas" "$got"
check "bash: diff --persona" "$personas" "$(bash_complete cjm diff /dev/null journey.cjm --persona "")"
check "bash: --color=" "auto always never" "$(bash_complete cjm check --color = "" | tr '\n' ' ' | sed 's/ $//')"
check "bash: --color=al (one word)" "--color=always" "$(bash_complete cjm check --color=al)"
check "bash: -Wno-un" "-Wno-unused -Wno-unreachable" "$(bash_complete cjm check -Wno-un | tr '\n' ' ' | sed 's/ $//')"
check "bash: files" "journey.cjm" "$(bash_complete cjm check j)"
offered=$(bash_complete cjm help "")
for command in $commands; do has "bash: help" "$offered" "$command"; done

# ---- fish ----------------------------------------------------------------------
if ! command -v fish >/dev/null 2>&1; then
  fail "fish not found: install it (scripts/deps.sh does)"
else
  fish_complete() { fish -N -c "source '$dir/cjm.fish'; complete -C\"\$argv\"" -- "$1" | cut -f1; }
  offered=$(fish_complete "cjm ")
  for command in $commands; do has "fish: the commands" "$offered" "$command"; done
  for command in $commands; do
    offered=$(fish_complete "cjm $command -")
    for option in $(options "$command"); do
      [ "$option" = -Wno- ] && option=-Wno-unused
      has "fish: cjm $command -" "$offered" "${option%=}"
    done
  done
  for command in render stats; do
    check "fish: cjm $command -T" "$(formats $command | sort)" "$(fish_complete "cjm $command -T " | sort)"
  done
  check "fish: --persona" "$(sort <<<"$personas")" "$(fish_complete "cjm render journey.cjm --persona " | sort)"
  check "fish: files" "journey.cjm" "$(fish_complete "cjm check j")"
fi

# ---- zsh -----------------------------------------------------------------------
if ! command -v zsh >/dev/null 2>&1; then
  fail "zsh not found: install it (scripts/deps.sh does)"
else
  zsh -n "$dir/_cjm" || fail "zsh: _cjm does not parse"
  for command in $commands; do
    grep -q "^ *'$command:" "$dir/_cjm" || fail "zsh: the command $command is not listed"
    grep -q "^    $command)" "$dir/_cjm" || fail "zsh: the command $command has no arguments"
    for option in $(options "$command"); do
      case $option in -Werror= | -Wno-) continue ;; esac
      grep -qF -- "$option" "$dir/_cjm" || fail "zsh: $option of $command is not named"
    done
  done
fi
finish "completions"
