" Vim filetype plugin for cjm, customer journey maps as code.
"   comments        # to the end of the line (gc plugins, gq of comments)
"   indentation     two spaces, as `cjm fmt` lays entries out (indent/cjm.vim)
"   formatprg       cjm fmt -  (gq formats the lines it is given; :CjmFmt
"                   formats the whole buffer and leaves it alone on error)
"   compiler        cjm: :make checks the file into the quickfix list
"   gf              on use "b2b" opens b2b.cjm next to the file
" Options: g:cjm_command, the cjm binary (default "cjm", from the PATH);
" g:cjm_no_compiler = 1 keeps this plugin from setting the compiler.

if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1

let s:cpo_save = &cpo
set cpo&vim

setlocal comments=:# commentstring=#\ %s
setlocal formatoptions-=t formatoptions+=croql
" Identifiers may contain - and _ (as-is, first_buyer): w, * and completion
" take them whole. Non-ASCII letters are word characters already.
setlocal iskeyword=@,48-57,_,45,192-255
setlocal expandtab shiftwidth=2 softtabstop=2
setlocal suffixesadd=.cjm
setlocal include=^\\s*use\\>
let &l:formatprg = get(g:, 'cjm_command', 'cjm') . ' fmt -'

let b:undo_ftplugin = 'setlocal comments< commentstring< formatoptions< iskeyword<'
      \ . ' expandtab< shiftwidth< softtabstop< suffixesadd< include< formatprg<'
      \ . ' | silent! delcommand -buffer CjmFmt'

command! -buffer -bar CjmFmt call cjm#format()

if !get(g:, 'cjm_no_compiler', 0)
  compiler cjm
  let b:undo_ftplugin .= ' | setlocal makeprg< errorformat< | unlet! b:current_compiler'
endif

let &cpo = s:cpo_save
unlet s:cpo_save
