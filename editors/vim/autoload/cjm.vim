" Functions shared by cjm's Vim plugin files (compiler, ftplugin, indent),
" loaded on first use.

" The errorformat of `cjm check` and `cjm fmt` diagnostics (compiler/cjm.vim
" explains it).
let s:efm = '%E%f:%l:%c: error: %m,%W%f:%l:%c: warning: %m,%I%f:%l:%c: note: %m,'
      \ . '%E%f: error: %m,%W%f: warning: %m,%I%f: note: %m,%-C%\s%#%\d%# |%.%#'

function! cjm#errorformat() abort
  return s:efm
endfunction

" s:byte_columns(items): the quickfix items with their columns turned from
" characters (as cjm counts them) into bytes (as Vim counts them), read
" from the loaded buffer or else the file. Returns 1 when one changed.
function! s:byte_columns(items) abort
  let lines = {}
  let changed = 0
  for item in a:items
    if !item.valid || item.lnum < 1 || item.col < 2 || item.bufnr < 1 || item.vcol
      continue
    endif
    if !has_key(lines, item.bufnr)
      let name = bufname(item.bufnr)
      let lines[item.bufnr] = bufloaded(item.bufnr) ? getbufline(item.bufnr, 1, '$')
            \ : filereadable(name) ? readfile(name) : []
    endif
    let byte = byteidxcomp(get(lines[item.bufnr], item.lnum - 1, ''), item.col - 1)
    if byte >= 0 && byte + 1 != item.col
      let item.col = byte + 1
      let changed = 1
    endif
  endfor
  return changed
endfunction

" cjm#quickfix_columns(loclist): after :make or :lmake with the cjm
" compiler, turns the columns of the quickfix (or location) list into
" byte columns. Does nothing when the current buffer's compiler is not cjm.
function! cjm#quickfix_columns(loclist) abort
  if get(b:, 'current_compiler', get(g:, 'current_compiler', '')) !=# 'cjm'
    return
  endif
  let items = a:loclist ? getloclist(0) : getqflist()
  if s:byte_columns(items)
    if a:loclist
      call setloclist(0, [], 'r', {'items': items})
    else
      call setqflist([], 'r', {'items': items})
    endif
  endif
endfunction

" cjm#format(): formats the whole buffer with `cjm fmt -` (g:cjm_command
" names the binary). On success the buffer's lines are replaced where they
" changed and the view is kept; when cjm reports an error the buffer is
" left as it is and the diagnostics go to the location list. Returns 0 on
" success, 1 on error.
function! cjm#format() abort
  let cmd = get(g:, 'cjm_command', 'cjm') . ' fmt --color=never -'
  let input = getline(1, '$')
  let output = systemlist(cmd, input)
  if v:shell_error != 0
    let name = bufname('%')
    if name !=# ''
      " Diagnostics name standard input <stdin>: give them this buffer.
      call map(output, {_, l -> l =~# '^<stdin>:' ? name . l[7:] : l})
      call setloclist(0, [], 'r', {'lines': output, 'efm': s:efm, 'title': 'cjm fmt'})
      let items = getloclist(0)
      if s:byte_columns(items)
        call setloclist(0, [], 'r', {'items': items})
      endif
    endif
    echohl ErrorMsg
    echomsg 'cjm fmt: ' . get(output, 0, 'failed') . (name ==# '' ? '' : ' (all in :lopen)')
    echohl None
    return 1
  endif
  if output !=# input
    let view = winsaveview()
    call setline(1, output)
    if line('$') > len(output)
      silent execute (len(output) + 1) . ',$delete _'
    endif
    call winrestview(view)
  endif
  return 0
endfunction
