# cjm.bash - bash completion for cjm(1): its commands, each command's
# options, the values of -T, --view, --color, --list and the warnings, and
# for --persona the personas of the journey named on the command line (asked
# of `cjm check --list=personas FILE`). Installed as
# PREFIX/share/bash-completion/completions/cjm; to try it: source this file.
# Needs nothing but bash (bash-completion loads it when installed).

_cjm_commands="check render stats fmt diff lsp import export md serve help"
_cjm_warnings="unused empty-stage coverage unreachable sparse-feel not-taking-part misleading-indentation cliff pain-without-opportunity"

# _cjm_options COMMAND: the options COMMAND takes.
_cjm_options() {
  local journey="-I -Werror -Werror= -Wno- -Wall -Wcx --color= --max-errors= -h --help"
  case $1 in
  check) echo "$journey --list=" ;;
  render) echo "$journey -T --format= -o --output= --view --persona --detail --ascii --lang --width --no-bom --watch --theme --transparent --background --scale --stages --split" ;;
  stats) echo "$journey -T --format= -o --output= --ascii --lang --width" ;;
  fmt) echo "-w --write --check --textconv --color= -h --help" ;;
  diff) echo "-T --format= -o --output= --persona --color= -I -h --help" ;;
  lsp) echo "-I -Werror -Werror= -Wno- -Wall -Wcx --stdio -h --help" ;;
  import) echo "-o --output= --color= -h --help" ;;
  export) echo "$journey -o --output= --quiet -q" ;;
  md) echo "$journey -o --output= -T --format= --check" ;;
  serve) echo "$journey --port --host" ;;
  esac
}

# _cjm_formats COMMAND: what -T (or, for import and export, the first
# operand) takes.
_cjm_formats() {
  case $1 in
  render) echo "svg png pdf dot text md csv json" ;;
  stats) echo "text md json" ;;
  diff) echo "text md json svg png pdf dot" ;;
  md) echo "svg png pdf dot" ;;
  import) echo "mermaid csv" ;;
  export) echo "mermaid" ;;
  esac
}

_cjm() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]} prefix=""
  local cjm=${COMP_WORDS[0]} command="" i word file="" operands=0 equals=0
  COMPREPLY=()
  # --opt=value: one word, or three when '=' breaks words (the default)
  if [[ $cur == = ]]; then
    cur=""
    equals=1
  elif [[ $prev == = && $COMP_CWORD -ge 2 ]]; then
    prev=${COMP_WORDS[COMP_CWORD - 2]}
    equals=1
  elif [[ $cur == --*=* || $cur == -Werror=* ]]; then
    prev=${cur%%=*}
    prefix=$prev=
    cur=${cur#*=}
    equals=1
  fi
  # the command, the operands before the word being completed, and the
  # last journey named anywhere on the line (diff: NEW)
  for ((i = 1; i < ${#COMP_WORDS[@]}; i++)); do
    ((i == COMP_CWORD)) && continue
    word=${COMP_WORDS[i]}
    if [[ -z $command ]]; then
      [[ $word != -* ]] && ((i < COMP_CWORD)) && command=$word
      continue
    fi
    case $word in
    -I | -T | -o | --view | --persona | --width | --format | --output | --list | --max-errors | --port | --host | --theme | --background | --scale | --stages | --split) ((i++)) ;;
    -* | =) ;;
    *)
      ((i < COMP_CWORD)) && ((operands++))
      [[ $word == *.cjm ]] && file=$word
      ;;
    esac
  done

  if [[ -z $command ]]; then
    if [[ $cur == -* ]]; then
      mapfile -t COMPREPLY < <(compgen -W "--help --version" -- "$cur")
    else
      mapfile -t COMPREPLY < <(compgen -W "$_cjm_commands" -- "$cur")
    fi
    return
  fi

  local values=""
  case $prev in
  -T | --format) values=$(_cjm_formats "$command") ;;
  --view) values="map flow" ;;
  --theme) values="light dark print" ;;
  --background) values="none" ;;
  --color | --colour) values="auto always never" ;;
  --list) values="personas channels lanes metrics stages steps" ;;
  -Werror) ((equals)) && values=$_cjm_warnings ;;
  --persona)
    [[ $file == "~/"* ]] && file=$HOME/${file#"~/"}
    if [[ -r $file ]]; then
      command -v "$cjm" >/dev/null 2>&1 || cjm=cjm
      values=$("$cjm" check --list=personas --color=never -- "$file" 2>/dev/null)
    fi
    ;;
  -I)
    mapfile -t COMPREPLY < <(compgen -d -- "$cur")
    return
    ;;
  -o | --output)
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    return
    ;;
  --width | --max-errors | --port | --host | --scale | --split | --stages) return ;;
  esac
  if [[ -n $values || $prev == --persona ]]; then
    mapfile -t COMPREPLY < <(compgen -P "$prefix" -W "$values" -- "$cur")
    return
  fi

  case $cur in
  -Wno-*) mapfile -t COMPREPLY < <(compgen -P -Wno- -W "$_cjm_warnings" -- "${cur#-Wno-}") ;;
  -*)
    mapfile -t COMPREPLY < <(compgen -W "$(_cjm_options "$command")" -- "$cur")
    [[ ${#COMPREPLY[@]} == 1 && ${COMPREPLY[0]} == *[=-] ]] && compopt -o nospace 2>/dev/null
    ;;
  *)
    case $command in
    help) [[ $operands == 0 ]] && mapfile -t COMPREPLY < <(compgen -W "$_cjm_commands" -- "$cur") ;;
    lsp) ;;
    import | export)
      if [[ $operands == 0 ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$(_cjm_formats "$command")" -- "$cur")
      elif [[ $command == import ]]; then
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      else
        mapfile -t COMPREPLY < <(compgen -f -X '!*.cjm' -- "$cur"; compgen -d -- "$cur")
      fi
      ;;
    md) mapfile -t COMPREPLY < <(compgen -f -X '!*.md' -- "$cur"; compgen -d -- "$cur") ;;
    *) mapfile -t COMPREPLY < <(compgen -f -X '!*.cjm' -- "$cur"; compgen -d -- "$cur") ;;
    esac
    ;;
  esac
}
complete -o filenames -F _cjm cjm
