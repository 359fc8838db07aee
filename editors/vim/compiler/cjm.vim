" Vim compiler file for cjm, customer journey maps as code.
" :make runs `cjm check` on the current file and fills the quickfix list
" from its GCC-style diagnostics:
"
"   shop.cjm:4:17: error: unknown persona 'mai' [unknown-ref]      -> type E
"        4 |   step a "A" by mai                                   (ignored)
"          |                 ^~~                                   (ignored)
"   shop.cjm:2:9: note: did you mean 'mia'?                        -> type I
"   shop.cjm:3:9: warning: persona 'b' is declared but never used  -> type W
"   nothing.cjm: error: cannot read file: ... [io]                 -> type E, no line
"
" cjm counts columns in characters (code points); after :make an autocmd
" (cjm#quickfix_columns) turns them into the byte columns Vim expects, so
" the cursor lands on the right character in Chinese, Japanese or Russian
" text. Set g:cjm_command to the cjm binary when it is not on the PATH;
" arguments given to :make (:make -Wno-unused) go before the file name.

if exists('current_compiler')
  finish
endif
let current_compiler = 'cjm'

if exists(':CompilerSet') != 2
  command -nargs=* CompilerSet setlocal <args>
endif

let s:cpo_save = &cpo
set cpo&vim

execute 'CompilerSet makeprg=' .
      \ escape(get(g:, 'cjm_command', 'cjm') . ' check --color=never $* %:S', ' \|"')

" One diagnostic is a line that starts an entry (%E, %W, %I) followed by
" the snippet lines, which are dropped (%-C): a line number or blanks, then
" " |". A line matching nothing (a usage error) stays as plain text. The
" format itself is in autoload/cjm.vim, shared with :CjmFmt.
execute 'CompilerSet errorformat=' . escape(cjm#errorformat(), ' \|"')

augroup cjm_quickfix_columns
  autocmd!
  autocmd QuickFixCmdPost make call cjm#quickfix_columns(0)
  autocmd QuickFixCmdPost lmake call cjm#quickfix_columns(1)
augroup END

let &cpo = s:cpo_save
unlet s:cpo_save
