# cjm.fish - fish completion for cjm(1): its commands, each command's
# options, the values of -T, --view, --color, --list and the warnings, and
# for --persona the personas of the journey named on the command line (asked
# of `cjm check --list=personas FILE`). Installed as
# PREFIX/share/fish/vendor_completions.d/cjm.fish; to try it: source this file.

set -l commands check render stats fmt diff lsp import export md serve help
set -l warnings unused empty-stage coverage unreachable sparse-feel not-taking-part misleading-indentation cliff pain-without-opportunity

# The personas of the last journey (*.cjm) on the command line.
function __cjm_personas
    set -l tokens (commandline -opc) (commandline -ct)
    set -l file
    for token in $tokens[2..-1]
        string match -q -- '*.cjm' $token; and set file $token
    end
    set file (string replace -r '^~/' "$HOME/" -- $file)
    test -n "$file"; and test -r "$file"; or return
    $tokens[1] check --list=personas --color=never -- $file 2>/dev/null
end

complete -c cjm -f
complete -c cjm -n __fish_use_subcommand -l help -d 'show the commands'
complete -c cjm -n __fish_use_subcommand -l version -d 'show the version'
complete -c cjm -n __fish_use_subcommand -a check -d 'read, resolve and check journeys'
complete -c cjm -n __fish_use_subcommand -a render -d 'draw or tabulate a journey'
complete -c cjm -n __fish_use_subcommand -a stats -d 'the analysis of a journey'
complete -c cjm -n __fish_use_subcommand -a fmt -d 'the canonical layout'
complete -c cjm -n __fish_use_subcommand -a diff -d 'what changed between two journeys'
complete -c cjm -n __fish_use_subcommand -a lsp -d 'a language server for editors'
complete -c cjm -n __fish_use_subcommand -a import -d "a journey from another tool's format"
complete -c cjm -n __fish_use_subcommand -a export -d "a journey in another tool's format"
complete -c cjm -n __fish_use_subcommand -a md -d 'check and draw the cjm blocks of Markdown'
complete -c cjm -n __fish_use_subcommand -a serve -d 'a live preview in the browser'
complete -c cjm -n __fish_use_subcommand -a help -d 'show the help of a command'
complete -c cjm -n '__fish_seen_subcommand_from help' -a "$commands"

# every command
complete -c cjm -n "__fish_seen_subcommand_from $commands" -s h -l help -d 'show the help of the command'

# the options of the commands that read journeys
set -l journey check render stats export md serve
complete -c cjm -n "__fish_seen_subcommand_from $journey diff lsp" -s I -r -F -d 'also look for used modules in DIR'
complete -c cjm -n "__fish_seen_subcommand_from $journey lsp" -o Werror -d 'treat warnings as errors'
complete -c cjm -n "__fish_seen_subcommand_from $journey lsp" -o Wall -d 'turn every warning on'
complete -c cjm -n "__fish_seen_subcommand_from $journey lsp" -o Wcx -d 'turn the journey-quality warnings on'
for w in $warnings
    complete -c cjm -n "__fish_seen_subcommand_from $journey lsp" -o Wno-$w -d "turn $w off"
    complete -c cjm -n "__fish_seen_subcommand_from $journey lsp" -o W$w -d "turn $w on"
    complete -c cjm -n "__fish_seen_subcommand_from $journey lsp" -o Werror=$w -d "make $w an error"
end
complete -c cjm -n "__fish_seen_subcommand_from $journey diff fmt import" -l color -x -a 'auto always never' -d colour
complete -c cjm -n "__fish_seen_subcommand_from $journey" -l max-errors -x -d 'stop after N errors'
complete -c cjm -n "__fish_seen_subcommand_from render stats export md diff import" -s o -l output -r -F -d 'write to OUT atomically'

# check
complete -c cjm -n '__fish_seen_subcommand_from check' -l list -x -a 'personas channels lanes metrics stages steps' -d 'print the identifiers of one kind'
# render
complete -c cjm -n '__fish_seen_subcommand_from render' -s T -l format -x -a 'svg png pdf dot text md csv json' -d format
complete -c cjm -n '__fish_seen_subcommand_from render' -l view -x -a 'map flow' -d view
complete -c cjm -n '__fish_seen_subcommand_from render diff' -l persona -x -a '(__cjm_personas)' -d 'one persona only'
complete -c cjm -n '__fish_seen_subcommand_from render' -l detail -d 'flow view: attach pains and opportunities'
complete -c cjm -n '__fish_seen_subcommand_from render' -l no-bom -d 'csv: no byte-order mark'
complete -c cjm -n '__fish_seen_subcommand_from render' -l watch -d 'write OUT again on every save'
complete -c cjm -n '__fish_seen_subcommand_from render' -l theme -x -a 'light dark print' -d 'the colours of a picture'
complete -c cjm -n '__fish_seen_subcommand_from render' -l transparent -d 'svg, png: no background fill'
complete -c cjm -n '__fish_seen_subcommand_from render' -l background -x -a 'none' -d 'none: as --transparent'
complete -c cjm -n '__fish_seen_subcommand_from render' -l scale -x -d 'png: F times the pixels each way'
complete -c cjm -n '__fish_seen_subcommand_from render' -l stages -x -d 'draw only stages FIRST..LAST'
complete -c cjm -n '__fish_seen_subcommand_from render' -l split -x -d 'pages of at most N steps'
complete -c cjm -n '__fish_seen_subcommand_from render stats' -l ascii -d 'text: plain ASCII borders'
complete -c cjm -n '__fish_seen_subcommand_from render stats' -l lang -x -a 'en ja zh-Hans zh-Hant ko ru' -d 'the language of the words and fonts'
complete -c cjm -n '__fish_seen_subcommand_from render stats' -l width -x -d 'text: wrap to N columns'
# stats
complete -c cjm -n '__fish_seen_subcommand_from stats' -s T -l format -x -a 'text md json' -d format
# fmt
complete -c cjm -n '__fish_seen_subcommand_from fmt' -s w -l write -d 'rewrite each file in place'
complete -c cjm -n '__fish_seen_subcommand_from fmt md' -l check -d 'check only'
complete -c cjm -n '__fish_seen_subcommand_from fmt' -l textconv -d "for git's diff textconv"
# diff
complete -c cjm -n '__fish_seen_subcommand_from diff' -s T -l format -x -a 'text md json svg png pdf dot' -d format
# lsp
complete -c cjm -n '__fish_seen_subcommand_from lsp' -l stdio -d 'standard input and output (always)'
# import and export: the format first
complete -c cjm -n '__fish_seen_subcommand_from import; and not __fish_seen_subcommand_from mermaid csv' -x -a 'mermaid csv' -d format
complete -c cjm -n '__fish_seen_subcommand_from import; and __fish_seen_subcommand_from mermaid csv' -F
complete -c cjm -n '__fish_seen_subcommand_from export; and not __fish_seen_subcommand_from mermaid' -x -a mermaid -d format
complete -c cjm -n '__fish_seen_subcommand_from export' -s q -l quiet -d 'no note of what the format cannot show'
# md
complete -c cjm -n '__fish_seen_subcommand_from md' -s T -l format -x -a 'svg png pdf dot' -d "the images' format"
complete -c cjm -n '__fish_seen_subcommand_from md' -a '(__fish_complete_suffix .md)'

# journeys as operands
complete -c cjm -n '__fish_seen_subcommand_from check render stats fmt diff serve' -a '(__fish_complete_suffix .cjm)'
# serve
complete -c cjm -n '__fish_seen_subcommand_from serve' -l port -x -d 'the port (0 for any free one)'
complete -c cjm -n '__fish_seen_subcommand_from serve' -l host -x -a '127.0.0.1 localhost 0.0.0.0' -d 'the address to listen on'
complete -c cjm -n '__fish_seen_subcommand_from export; and __fish_seen_subcommand_from mermaid' -a '(__fish_complete_suffix .cjm)'
