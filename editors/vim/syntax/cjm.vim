" Vim syntax file for cjm, customer journey maps as code (Vim 8+, Neovim).
" The language is described in docs/language.md of the cjm repository;
" the keyword and lane lists below are the ones of its section 2 and 4.
"
" Groups, and the standard groups they are linked to at the end:
"   cjmBlock       block keywords: use journey persona channel lane ...   Statement
"   cjmEntry       entry keywords: by via feel for measure next ...       Keyword
"   cjmDeclared    the identifier a block declares (persona mia)         Function
"   cjmReference   identifiers after by, via, for, next and measure      Identifier
"   cjmLane        a built-in lane heading an entry (pain "...")         Type
"   cjmKey         any other identifier heading an entry: attributes     Label
"                  such as role "..." and declared lanes
"   cjmValue       the words of status, kind and better (as-is, company) Constant
"   cjmString      "..." on one line;  cjmLongString  """ ... """       String
"   cjmEscape      \" \\ \n \t \u{XXXX};  cjmBadEscape  any other \x    SpecialChar, Error
"   cjmNumber      42 -1 +2 3.5 12%;  cjmRange  the .. of a scale        Number, Operator
"   cjmComment     # to the end of the line;  cjmTodo  TODO FIXME XXX    Comment, Todo
"   cjmStray       non-ASCII punctuation or space outside a string,      Error
"                  which cjm rejects (the full-width comma in 小美，老板)

if exists('b:current_syntax')
  finish
endif
let s:cpo_save = &cpo
set cpo&vim

syn case match
" Identifier characters as cjm has them: ASCII letters, digits, _ and -,
" and the non-ASCII characters Vim counts as word characters (letters of
" every script, CJK ideographs, kana; not CJK or full-width punctuation).
syn iskeyword @,48-57,_,45,192-255
syn spell notoplevel

" Comments, with TODO markers.
syn keyword cjmTodo contained TODO FIXME XXX
syn match cjmComment /#.*$/ contains=cjmTodo,@Spell

" Characters cjm reports outside strings (stray-char): the most common
" non-ASCII spaces, punctuation and invisible characters. cjm check knows
" the complete list.
syn match cjmStray /[\u00a0-\u00a9\u00ab-\u00b1\u00b4\u00b6-\u00b8\u00bb\u00bf\u00d7\u00f7\u2000-\u206f\u3000-\u3004\u3008-\u3020\ufeff\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/

" Block keywords; those that declare an identifier highlight it.
syn keyword cjmBlock use journey
syn keyword cjmBlock persona channel lane metric stage step nextgroup=cjmDeclared skipwhite
syn match cjmDeclared /\%(\d\|-\)\@!\k\+/ contained

" Entry keywords. Those followed by references highlight the whole list
" (by mia, cfo); status, kind and better take one of their words.
syn keyword cjmEntry by via for next measure nextgroup=cjmReference skipwhite
syn keyword cjmEntry feel scale unit target
syn keyword cjmEntry status kind better nextgroup=cjmValue skipwhite
syn match cjmReference /\%(\d\|-\)\@!\k\+/ contained nextgroup=cjmListComma skipwhite
syn match cjmListComma /,/ contained nextgroup=cjmReference skipwhite skipnl skipempty
syn keyword cjmValue contained as-is to-be person company higher lower

" The identifier at the head of an entry line followed by text: an
" attribute (role "...") or a lane entry (backstage "..."). The built-in
" lanes are told apart, text or not (need, pain, opportunity...).
syn match cjmKey /^\s*\zs\%(\d\|-\)\@!\k\+\ze\s*"/
syn match cjmLane /^\s*\zs\%(action\|touchpoint\|thought\|need\|pain\|opportunity\|note\)\k\@!/

" Numbers, with an optional sign and percent sign, and the .. of a scale.
syn match cjmNumber /\k\@<![+-]\=\d\+\%(\.\d\+\)\=%\=/
syn match cjmRange /\.\./

" Strings: one line (an unterminated one ends at the end of the line) and
" long text between """ and """, which wins where both could start.
syn match cjmBadEscape /\\./ contained
syn match cjmEscape /\\[\\"nt]/ contained
syn match cjmEscape /\\u{\x\{1,6}}/ contained
syn region cjmString start=/"/ skip=/\\./ end=/"\|$/ contains=cjmEscape,cjmBadEscape,@Spell
syn region cjmLongString start=/"""/ skip=/\\./ end=/"""/ contains=cjmEscape,cjmBadEscape,@Spell fold

" Long text spans lines: resynchronise at a block keyword in column 1,
" where long text (indented by the formatter) never starts a line.
syn sync match cjmSync grouphere NONE /^\%(use\|journey\|persona\|channel\|lane\|metric\|stage\)\>/
syn sync maxlines=300

hi def link cjmBlock      Statement
hi def link cjmEntry      Keyword
hi def link cjmDeclared   Function
hi def link cjmReference  Identifier
hi def link cjmListComma  Delimiter
hi def link cjmLane       Type
hi def link cjmKey        Label
hi def link cjmValue      Constant
hi def link cjmString     String
hi def link cjmLongString String
hi def link cjmEscape     SpecialChar
hi def link cjmBadEscape  Error
hi def link cjmNumber     Number
hi def link cjmRange      Operator
hi def link cjmComment    Comment
hi def link cjmTodo       Todo
hi def link cjmStray      Error

let b:current_syntax = 'cjm'
let &cpo = s:cpo_save
unlet s:cpo_save
