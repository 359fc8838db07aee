" Vim indent file for cjm, customer journey maps as code.
" Indents as `cjm fmt` lays a journey out, one level being 'shiftwidth':
"   use, journey, persona, channel, lane, metric, stage   column 1
"   step                                                  one level
"   an entry of a top-level block                         one level
"   an entry of a step                                    two levels
"   a line that goes on with a list (after "by a,")       one level deeper
"                                                         than the entries
"   a comment                  like the code below it, except comments
"                              right under code and followed by a blank
"                              line, which end the block above: like the
"                              line above
"   long text ("""...""")      left as written; its first line one level
"                              deeper than the line with the opening quotes
" Indentation has no meaning in cjm: this is the convention, not the syntax.

if exists('b:did_indent')
  finish
endif
let b:did_indent = 1

setlocal indentexpr=GetCjmIndent(v:lnum)
setlocal indentkeys=0#,!^F,o,O,=use,=journey,=persona,=channel,=lane,=metric,=stage,=step
setlocal autoindent
let b:undo_indent = 'setlocal indentexpr< indentkeys< autoindent<'

if exists('*GetCjmIndent')
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

let s:top_blocks = '^\s*\%(use\|journey\|persona\|channel\|lane\|metric\|stage\)\%(\s\|#\|$\)'
let s:step_block = '^\s*step\%(\s\|#\|$\)'

" s:long_text_state(lnum): scans from the nearest block keyword in column 1
" above lnum (where no long text starts a line) down to lnum. Returns a
" dictionary: inside (whether lnum starts inside long text) and opened (the
" line whose """ opened that long text, or 0).
function! s:long_text_state(lnum) abort
  let start = a:lnum - 1
  while start > 1 && getline(start) !~# '^\%(use\|journey\|persona\|channel\|lane\|metric\|stage\)\>'
    let start -= 1
  endwhile
  let inside = 0
  let opened = 0
  let l = max([start, 1])
  while l < a:lnum
    let text = getline(l)
    let i = 0
    while 1
      if inside
        " Inside long text only an escape or the closing quotes matter.
        let i = match(text, '\\.\|"""', i)
        if i < 0 | break | endif
        if text[i] ==# '\' | let i += 2 | continue | endif
        let inside = 0
        let i += 3
      else
        let i = match(text, '#\|"', i)
        if i < 0 || text[i] ==# '#' | break | endif
        if text[i : i + 2] ==# '"""'
          let inside = 1
          let opened = l
          let i += 3
        else
          " A one-line string ends at its closing quote or the line's end.
          let e = matchend(text, '^"\%([^"\\]\|\\.\)*"', i)
          if e < 0 | break | endif
          let i = e
        endif
      endif
    endwhile
    let l += 1
  endwhile
  return {'inside': inside, 'opened': inside ? opened : 0}
endfunction

" s:prev_code(lnum): the nearest line above lnum that is code: not blank,
" not only a comment, not starting inside long text. 0 if none.
function! s:prev_code(lnum) abort
  let l = prevnonblank(a:lnum - 1)
  while l > 0 && (getline(l) =~# '^\s*#' || s:long_text_state(l).inside)
    let l = prevnonblank(l - 1)
  endwhile
  return l
endfunction

" s:continues_list(lnum): whether code line lnum ends with a comma (its
" list goes on on the next line), comments and strings aside.
function! s:continues_list(lnum) abort
  let text = substitute(getline(a:lnum), '"\%([^"\\]\|\\.\)*"', '""', 'g')
  return substitute(text, '\s*#.*$', '', '') =~# ',\s*$'
endfunction

" s:code_indent(lnum): the indent of code line lnum, from its first word
" and the block it is in.
function! s:code_indent(lnum) abort
  let text = getline(a:lnum)
  let sw = shiftwidth()
  if text =~# s:top_blocks
    return 0
  endif
  if text =~# s:step_block
    return sw
  endif
  let prev = s:prev_code(a:lnum)
  if prev > 0 && s:continues_list(prev)
    " A list written over several lines: one level under its first line.
    let first = prev
    let above = s:prev_code(first)
    while above > 0 && s:continues_list(above)
      let first = above
      let above = s:prev_code(first)
    endwhile
    " Two levels under a block head, one under an entry: either way deeper
    " than the entries that follow.
    return indent(first) + (getline(first) =~# s:top_blocks . '\|' . s:step_block ? 2 : 1) * sw
  endif
  " An entry: under the nearest block head above.
  let l = prev
  while l > 0
    let head = getline(l)
    if head =~# s:step_block
      return 2 * sw
    elseif head =~# s:top_blocks
      return sw
    endif
    let l = s:prev_code(l)
  endwhile
  return 0
endfunction

function! GetCjmIndent(lnum) abort
  let state = s:long_text_state(a:lnum)
  if state.inside
    " Long text is the author's; a new line in it starts where the line
    " above does, the first one a level deeper than the opening quotes.
    if getline(a:lnum) =~# '\S'
      return -1
    endif
    return state.opened == a:lnum - 1 ? indent(state.opened) + shiftwidth()
          \ : indent(prevnonblank(a:lnum - 1))
  endif
  if getline(a:lnum) =~# '^\s*#'
    " Comments go as cjm fmt puts them: a group of comment lines right
    " under code with a blank line (or the end) below ends that block and
    " is indented like the line above; any other goes with the code below.
    let first = a:lnum
    while first > 1 && getline(first - 1) =~# '^\s*#'
      let first -= 1
    endwhile
    let last = a:lnum
    while last < line('$') && getline(last + 1) =~# '^\s*#'
      let last += 1
    endwhile
    let ends_block = first > 1 && getline(first - 1) =~# '\S'
          \ && (last == line('$') || getline(last + 1) !~# '\S')
    let next = nextnonblank(last + 1)
    while next > 0 && getline(next) =~# '^\s*#'
      let next = nextnonblank(next + 1)
    endwhile
    if !ends_block && next > 0
      return s:code_indent(next)
    endif
    let above = s:prev_code(a:lnum)
    return above > 0 ? indent(above) : 0
  endif
  return s:code_indent(a:lnum)
endfunction

let &cpo = s:cpo_save
unlet s:cpo_save
