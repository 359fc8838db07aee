" Tests of editors/vim (syntax, ftplugin, indent, compiler, the Neovim LSP
" snippet) in a headless Vim or Neovim; run by tests/editors/vim/run.sh,
" which sets g:cjm_test = {'src': repository, 'cjm': binary, 'tmp': dir}.
" Each Test_* function is run in turn; failed assertions (v:errors) are
" written to tmp/result after the function's name, then "done".

let s:src = g:cjm_test.src
let s:fixtures = s:src . '/tests/editors/fixtures/'
let s:examples = s:src . '/examples/'
execute 'set runtimepath^=' . fnameescape(s:src . '/editors/vim')
if !has('nvim')
  " Neovim finds lua/ on the runtimepath; Vim needs nothing else.
endif
filetype plugin indent on
syntax on
set nomore shortmess+=F
let g:cjm_command = g:cjm_test.cjm

" s:line(pat): the number of the first line of the buffer matching pat.
function! s:line(pat) abort
  let l = search(a:pat, 'nw')
  if l == 0
    call add(v:errors, printf('%s: no line matches %s', expand('%:t'), a:pat))
  endif
  return l
endfunction

" s:link(group): the group that group is linked to, one level down.
function! s:link(group) abort
  return a:group ==# '' ? '' : matchstr(execute('highlight ' . a:group), 'links to \zs\w\+')
endfunction

" s:syn(line_pat, pat, name, linked): on the first line matching line_pat,
" every character of the first match of pat has the syntax group name,
" linked to the standard group linked.
function! s:syn(line_pat, pat, name, linked) abort
  let l = s:line(a:line_pat)
  if l == 0 | return | endif
  let text = getline(l)
  let start = match(text, a:pat)
  if start < 0
    call add(v:errors, printf('%s:%d: %s not found', expand('%:t'), l, a:pat))
    return
  endif
  let end = matchend(text, a:pat)
  let seen = []
  let c = start
  while c < end
    let name = synIDattr(synID(l, c + 1, 1), 'name')
    let got = name . '/' . s:link(name)
    if index(seen, got) < 0 | call add(seen, got) | endif
    let c += len(matchstr(text, '.', c))
  endwhile
  call assert_equal([a:name . '/' . a:linked], seen,
        \ printf('%s:%d: %s', expand('%:t'), l, a:pat))
endfunction

function! Test_filetype() abort
  execute 'edit' fnameescape(s:examples . 'smartphone.cjm')
  call assert_equal('cjm', &filetype)
  call assert_equal('cjm', get(b:, 'current_syntax', ''))
  call assert_equal('# %s', &commentstring)
  call assert_equal(g:cjm_test.cjm . ' fmt -', &formatprg)
  call assert_equal('GetCjmIndent(v:lnum)', &indentexpr)
  call assert_equal(2, shiftwidth())
  call assert_true(&expandtab)
  call assert_match('check --color=never', &makeprg)
  call assert_equal('cjm', get(b:, 'current_compiler', ''))
  " Identifiers are words, dashes and all.
  call cursor(s:line('status as-is'), 12)
  call assert_equal('as-is', expand('<cword>'))
endfunction

function! Test_syntax_smartphone() abort
  execute 'edit' fnameescape(s:examples . 'smartphone.cjm')
  call s:syn('^# Buying', '.*', 'cjmComment', 'Comment')
  call s:syn('^journey', 'journey', 'cjmBlock', 'Statement')
  call s:syn('^journey', '"Buying a smartphone"', 'cjmString', 'String')
  call s:syn('^  goal', 'goal', 'cjmKey', 'Label')
  call s:syn('^  status', 'status', 'cjmEntry', 'Keyword')
  call s:syn('^  status', 'as-is', 'cjmValue', 'Constant')
  call s:syn('^  scale', '-2', 'cjmNumber', 'Number')
  call s:syn('^  scale', '\.\.', 'cjmRange', 'Operator')
  call s:syn('^  scale', '2$', 'cjmNumber', 'Number')
  call s:syn('^persona mia', 'persona', 'cjmBlock', 'Statement')
  call s:syn('^persona mia', 'mia', 'cjmDeclared', 'Function')
  call s:syn('^lane backstage', 'backstage', 'cjmDeclared', 'Function')
  call s:syn('^  unit', 'unit', 'cjmEntry', 'Keyword')
  call s:syn('^  target', '3\.5', 'cjmNumber', 'Number')
  call s:syn('^  step see_ad', 'step', 'cjmBlock', 'Statement')
  call s:syn('^  step see_ad', 'see_ad', 'cjmDeclared', 'Function')
  call s:syn('^  step see_ad', '\<by\>', 'cjmEntry', 'Keyword')
  call s:syn('^  step see_ad', 'by \zsmia', 'cjmReference', 'Identifier')
  call s:syn('^  step see_ad', 'via \zssocial', 'cjmReference', 'Identifier')
  call s:syn('feel +1', '+1', 'cjmNumber', 'Number')
  call s:syn('feel +1', '"curious"', 'cjmString', 'String')
  call s:syn('^    thought', 'thought', 'cjmLane', 'Type')
  call s:syn('^    opportunity', 'opportunity', 'cjmLane', 'Type')
  call s:syn('^    measure', 'cvr', 'cjmReference', 'Identifier')
  call s:syn('^    measure', '1\.8', 'cjmNumber', 'Number')
  call s:syn('^    backstage', 'backstage', 'cjmKey', 'Label')
endfunction

" Chinese identifiers and text, full-width punctuation in strings, long text.
function! Test_syntax_chinese() abort
  execute 'edit' fnameescape(s:examples . 'tea_shop_zh.cjm')
  call s:syn('^persona 小美', '小美', 'cjmDeclared', 'Function')
  call s:syn('^persona 小美', '"小美，大学生"', 'cjmString', 'String')
  call s:syn('^  scale 1', '1', 'cjmNumber', 'Number')
  call s:syn('^  step 等待出杯', '等待出杯', 'cjmDeclared', 'Function')
  call s:syn('^  step 等待出杯', 'by \zs小美', 'cjmReference', 'Identifier')
  call s:syn('^  step 等待出杯', '老陈', 'cjmReference', 'Identifier')
  call s:syn('^  step 等待出杯', '门店$', 'cjmReference', 'Identifier')
  call s:syn('"刷手机" for', 'for \zs小美', 'cjmReference', 'Identifier')
  call s:syn('^    后台 "收银台', '后台', 'cjmKey', 'Label')
  call s:syn('^    measure 等待时长', '等待时长', 'cjmReference', 'Identifier')
  call s:syn('^  quote """', '"""', 'cjmLongString', 'String')
  call s:syn('^    我一般先在小红书', '我.*', 'cjmLongString', 'String')
  call s:syn('^    """', '"""', 'cjmLongString', 'String')
  call s:syn('^persona 老陈', 'persona', 'cjmBlock', 'Statement')
endfunction

" Cyrillic identifiers and long text.
function! Test_syntax_cyrillic() abort
  execute 'edit' fnameescape(s:examples . 'online_store_ru.cjm')
  call s:syn('^persona потенциальный', 'потенциальный', 'cjmDeclared', 'Function')
  call s:syn('^metric брошенные_корзины', 'брошенные_корзины', 'cjmDeclared', 'Function')
  call s:syn('^  step видит_рекламу', 'видит_рекламу', 'cjmDeclared', 'Function')
  call s:syn('^  step видит_рекламу', 'by \zsпотенциальный', 'cjmReference', 'Identifier')
  call s:syn('^  step видит_рекламу', 'соцсети$', 'cjmReference', 'Identifier')
  call s:syn('^    В последний раз курьер', '.*', 'cjmLongString', 'String')
  call s:syn('^channel сайт', 'сайт', 'cjmDeclared', 'Function')
endfunction

" Escapes, comments and keywords in strings and long text, dashed names,
" Japanese identifiers, stray full-width punctuation, lanes as names.
function! Test_syntax_corner_cases() abort
  execute 'edit' fnameescape(s:fixtures . 'highlight.cjm')
  call s:syn('^# TODO', 'TODO', 'cjmTodo', 'Todo')
  call s:syn('^# TODO', 'FIXME', 'cjmTodo', 'Todo')
  call s:syn('^# TODO', ': keep', 'cjmComment', 'Comment')
  call s:syn('^journey', '\\"', 'cjmEscape', 'SpecialChar')
  call s:syn('^journey', '\\t', 'cjmEscape', 'SpecialChar')
  call s:syn('^journey', '\\u{1F600}', 'cjmEscape', 'SpecialChar')
  call s:syn('^journey', '# not a comment"', 'cjmString', 'String')
  call s:syn('^  status', 'to-be', 'cjmValue', 'Constant')
  call s:syn('^persona お客様', 'お客様', 'cjmDeclared', 'Function')
  call s:syn('^persona お客様', '# still text', 'cjmString', 'String')
  call s:syn('^  kind', 'company', 'cjmValue', 'Constant')
  call s:syn('^  need', 'stage and by', 'cjmString', 'String')
  call s:syn('^channel web-shop', 'web-shop', 'cjmDeclared', 'Function')
  call s:syn('^lane pain-point', 'pain-point', 'cjmDeclared', 'Function')
  call s:syn('^  pain-point', 'pain-point', 'cjmKey', 'Label')
  call s:syn('^  pain-point', 'for \zsお客様', 'cjmReference', 'Identifier')
  call s:syn('^  better', 'lower', 'cjmValue', 'Constant')
  call s:syn('^  step 比較する', 'via \zsweb-shop', 'cjmReference', 'Identifier')
  call s:syn('^  step 比較する', '# trailing comment', 'cjmComment', 'Comment')
  call s:syn('Long text keeps', '"quotes", # hashes', 'cjmLongString', 'String')
  call s:syn('and keywords', 'stage step by via', 'cjmLongString', 'String')
  call s:syn('^    measure 待ち時間', 'measure', 'cjmEntry', 'Keyword')
  call s:syn('^    measure 待ち時間', '待ち時間', 'cjmReference', 'Identifier')
  call s:syn('^    measure 待ち時間', '12\.5', 'cjmNumber', 'Number')
  " A built-in lane's name declaring a stage is a name (stdlib/aisas.cjm).
  execute 'edit' fnameescape(s:src . '/stdlib/aisas.cjm')
  call s:syn('^stage action', 'action', 'cjmDeclared', 'Function')
  " Full-width punctuation outside a string, and a bad escape.
  enew!
  setfiletype cjm
  call setline(1, ['  step pay by 小美，老板2', '  pain "50\% off"'])
  call s:syn('step pay', '，', 'cjmStray', 'Error')
  call s:syn('step pay', '老板2', '', '')
  call s:syn('pain', '\\%', 'cjmBadEscape', 'Error')
  bwipeout!
endfunction

" :make with the compiler fills the quickfix list from cjm check: errors,
" notes as info lines, snippet lines left out, columns in bytes.
function! Test_quickfix() abort
  execute 'edit' fnameescape(s:fixtures . 'broken.cjm')
  silent make!
  let got = map(getqflist(), {_, e -> [e.lnum, e.col, e.type, e.text, e.valid]})
  call assert_equal([
        \ [11, 31, 'E', "unknown persona 'mai' [unknown-ref]", 1],
        \ [8, 9, 'I', "did you mean 'mia'?", 1],
        \ [14, 41, 'E', "unknown persona '老王' [unknown-ref]", 1],
        \ [15, 10, 'E', "feel 9 is outside the journey's scale -2..2 [scale]", 1],
        \ [4, 1, 'I', 'this journey sets no scale, so it is the default -2..2', 1],
        \ [16, 10, 'E', "unexpected identifier 'oops', expected a string [syntax]", 1],
        \ [14, 3, 'I', "in the 'step' block that starts here", 1],
        \ ], got)
  for e in getqflist()
    call assert_equal(expand('%:p'), fnamemodify(bufname(e.bufnr), ':p'))
  endfor
  " The byte column points at the name cjm counted in characters.
  call assert_equal('老王', strpart(getline(14), getqflist()[2].col - 1, 6))
  " A clean journey leaves the list empty.
  execute 'edit' fnameescape(s:examples . 'tea_shop_zh.cjm')
  silent make!
  call assert_equal([], getqflist())
  " :make passes its arguments to cjm check.
  silent make! -Werror
  call assert_equal([], getqflist())
  execute 'edit' fnameescape(s:fixtures . 'highlight.cjm')
  silent make! -Wall -Werror
  call assert_equal([], getqflist())
endfunction

" The indent of every line of the examples, the standard library and the
" fixtures comes back as cjm fmt wrote it after the indentation is taken
" away (long text aside, which is the author's).
function! Test_indent_files() abort
  let files = glob(s:examples . '*.cjm', 0, 1) + glob(s:src . '/stdlib/*.cjm', 0, 1)
        \ + [s:fixtures . 'highlight.cjm']
  call assert_true(len(files) >= 9)
  for f in files
    execute 'edit!' fnameescape(f)
    let orig = getline(1, '$')
    let inlong = 0
    for l in range(1, line('$'))
      let text = getline(l)
      if !inlong
        call setline(l, substitute(text, '^\s\+', '', ''))
      endif
      if len(split(text, '"""', 1)) % 2 == 0
        let inlong = !inlong
      endif
    endfor
    silent normal! gg=G
    let wrong = filter(range(len(orig)), {_, i -> orig[i] !=# getline(i + 1)})
    call assert_equal([], map(wrong, {_, i -> printf('%s:%d: %s', fnamemodify(f, ':t'), i + 1, getline(i + 1))}))
    edit!
  endfor
endfunction

" Typing: new lines open at the indent of what comes next, block keywords
" move back, long text opens one level deeper and the author's text stays.
function! Test_indent_typing() abort
  enew!
  setfiletype cjm
  call setline(1, ['stage s "S"'])
  call cursor(1, 1)
  execute "normal! oneed \"x\"\<Esc>"
  execute "normal! ostep a \"A\" by mia,\<Esc>"
  execute "normal! ocfo\<Esc>"
  execute "normal! ofeel +1\<Esc>"
  execute "normal! onote \"\"\"\<Esc>"
  execute "normal! oLine one\<Esc>"
  execute "normal! o  deeper\<Esc>"
  execute "normal! o\"\"\"\<Esc>"
  execute "normal! o# closing comment\<Esc>"
  setlocal formatoptions-=o
  execute "normal! o\<Esc>"
  execute "normal! ostage t\<Esc>"
  execute "normal! o\<Esc>"
  execute "normal! o# leads the persona\<Esc>"
  execute "normal! opersona p\<Esc>"
  call assert_equal([
        \ 'stage s "S"',
        \ '  need "x"',
        \ '  step a "A" by mia,',
        \ '      cfo',
        \ '    feel +1',
        \ '    note """',
        \ '      Line one',
        \ '        deeper',
        \ '        """',
        \ '    # closing comment',
        \ '',
        \ 'stage t',
        \ '',
        \ '# leads the persona',
        \ 'persona p',
        \ ], getline(1, '$'))
  " Reindenting changes nothing.
  let typed = getline(1, '$')
  normal! gg=G
  call assert_equal(typed, getline(1, '$'))
  bwipeout!
endfunction

" gq through formatprg and :CjmFmt format with cjm fmt; :CjmFmt leaves a
" broken buffer as it is and lists the errors.
function! Test_format() abort
  let messy = ['journey "x"', '      scale -2..2', 'persona mia', 'stage s', 'step a by mia', 'feel +1']
  let expected = systemlist(g:cjm_test.cjm . ' fmt -', messy)
  call assert_equal(0, v:shell_error)
  call assert_equal('  step a by mia', expected[6])
  enew!
  setfiletype cjm
  call setline(1, messy)
  silent normal! gggqG
  call assert_equal(expected, getline(1, '$'))
  %delete _
  call setline(1, messy)
  CjmFmt
  call assert_equal(expected, getline(1, '$'))
  bwipeout!
  let broken = readfile(s:fixtures . 'broken.cjm')
  let copy = g:cjm_test.tmp . '/broken.cjm'
  call writefile(broken + ['  step  b', 'feel  oops'], copy)
  execute 'edit' fnameescape(copy)
  let before = getline(1, '$')
  silent! CjmFmt
  call assert_equal(before, getline(1, '$'))
  let errors = filter(getloclist(0), {_, e -> e.type ==# 'E'})
  call assert_equal([[16, 10], [18, 7]], map(errors, {_, e -> [e.lnum, e.col]}))
  call assert_equal(bufnr('%'), getloclist(0)[0].bufnr)
  bwipeout!
endfunction

" Neovim: the snippet starts `cjm lsp` for a cjm buffer, rooted at the
" directory holding .git. A stand-in server records its arguments and what
" the client sends, and answers the initialize request (id 1) at once.
function! Test_nvim_lsp() abort
  if !has('nvim')
    throw 'skip: Neovim only'
  endif
  let project = g:cjm_test.tmp . '/project'
  call mkdir(project . '/.git', 'p')
  call mkdir(project . '/maps', 'p')
  call writefile(readfile(s:examples . 'smartphone.cjm'), project . '/maps/smartphone.cjm')
  let server = g:cjm_test.tmp . '/fake-cjm'
  call writefile(['#!/bin/sh',
        \ 'printf "%s\n" "$@" > "$0.args"',
        \ "body='{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"capabilities\":{\"textDocumentSync\":1}}}'",
        \ 'printf "Content-Length: %s\r\n\r\n%s" "${#body}" "$body"',
        \ 'exec cat > "$0.stdin"'], server)
  call setfperm(server, 'rwx------')
  " setup() starts the server for the cjm buffers already open too.
  silent! %bwipeout!
  call luaeval('require("cjm.lsp").setup({ cmd = { _A, "lsp" } })', server)
  execute 'edit' fnameescape(project . '/maps/smartphone.cjm')
  call luaeval('vim.wait(5000, function() return vim.fn.filereadable(_A) == 1 and vim.fn.join(vim.fn.readfile(_A), "\n"):find("didOpen") ~= nil end, 50)', server . '.stdin')
  call assert_equal(['lsp'], readfile(server . '.args'))
  let sent = join(readfile(server . '.stdin', 'b'), "\n")
  let messages = map(split(sent, 'Content-Length: \d\+\r\n\r\n'), 'json_decode(v:val)')
  call assert_equal(['initialize', 'initialized', 'textDocument/didOpen'],
        \ map(copy(messages), 'v:val.method'))
  call assert_equal('file://' . project, messages[0].params.rootUri)
  call assert_equal('file://' . project . '/maps/smartphone.cjm', messages[2].params.textDocument.uri)
  call assert_equal('cjm', messages[2].params.textDocument.languageId)
  let names = luaeval('vim.tbl_map(function(c) return c.name end, vim.tbl_values(vim.lsp.buf_get_clients(0)))')
  call assert_equal(['cjm'], names)
  call luaeval('vim.lsp.stop_client(vim.lsp.get_active_clients(), true)')
endfunction

let s:results = []
for s:name in sort(filter(split(execute('function /^Test_'), "\n"), 'v:val =~# "^function Test_"'))
  let s:fn = matchstr(s:name, 'Test_\w\+')
  let v:errors = []
  let s:skipped = ''
  try
    call call(s:fn, [])
  catch /^skip: /
    let s:skipped = v:exception[6:]
  catch
    call add(v:errors, 'exception: ' . v:exception . ' at ' . v:throwpoint)
  endtry
  if s:skipped !=# ''
    call add(s:results, 'skip ' . s:fn . ' (' . s:skipped . ')')
  elseif empty(v:errors)
    call add(s:results, 'ok ' . s:fn)
  else
    call add(s:results, 'FAIL ' . s:fn)
    call extend(s:results, map(copy(v:errors), '"    " . v:val'))
  endif
endfor
call writefile(s:results + ['done'], g:cjm_test.tmp . '/result')
qall!
