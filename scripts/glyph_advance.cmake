# Turns runtime/render/graphviz/glyph_advance.tsv (scripts/measure_glyphs.sh measures it)
# into the rows of text_wrap.c's table of glyph advances: a C fragment of
# initializers, {0xCODE, regular, bold}, that text_wrap.c includes inside
# its array. The build runs it (CMakeLists.txt) whenever the TSV or this
# script changes:
#
#   cmake -DTSV=runtime/render/graphviz/glyph_advance.tsv -DOUT=gen/glyph_advance.inc -P scripts/glyph_advance.cmake
#
# It checks what text_wrap.c relies on, and fails naming the line at fault:
# every line a comment (#), the column header, or a row of a code point
# (U+XXXX), two advances up to 65535 and the character; code points
# ascending, none twice, no control character; and all of U+0020..U+007E,
# which are then the first 95 rows, indexed directly.

if(NOT DEFINED TSV OR NOT DEFINED OUT)
  message(FATAL_ERROR "usage: cmake -DTSV=glyph_advance.tsv -DOUT=glyph_advance.inc -P glyph_advance.cmake")
endif()
set(header "codepoint\tregular\tbold\tchar")
set(fields_regex "\nU\\+([0-9A-F]+)\t([0-9]+)\t([0-9]+)\t")
set(row_regex "${fields_regex}[^\t\n]*")

# The TSV holds characters such as ';' and '[' that CMake lists would
# split or group at, so it is read whole and matched, never made a list
# of lines: only code points and numbers (fields_regex) become list items.
file(READ "${TSV}" text)
set(text "\n${text}")
string(REGEX REPLACE "\n#[^\n]*" "" rest "${text}")
string(REPLACE "\n${header}\n" "\n\n" rest "${rest}")
string(REGEX REPLACE "${row_regex}" "" rest "${rest}")
string(REGEX MATCH "[^\n]+" bad "${rest}")
if(NOT bad STREQUAL "")
  message(FATAL_ERROR "${TSV}: not a comment, the header '${header}' or a row 'U+XXXX<TAB>regular<TAB>bold<TAB>char': '${bad}'")
endif()
string(FIND "${text}" "\n${header}\n" at)
if(at EQUAL -1)
  message(FATAL_ERROR "${TSV}: no column header '${header}'")
endif()

string(REGEX MATCHALL "${fields_regex}" rows "${text}")
set(body "")
set(previous -1)
set(ascii 0)
foreach(row IN LISTS rows)
  string(REGEX MATCH "${fields_regex}" _ "${row}")
  set(hex ${CMAKE_MATCH_1})
  set(regular ${CMAKE_MATCH_2})
  set(bold ${CMAKE_MATCH_3})
  math(EXPR cp "0x${hex}")
  if(cp LESS_EQUAL previous)
    message(FATAL_ERROR "${TSV}: U+${hex} is out of order or twice: the code points must ascend")
  endif()
  if(cp LESS 32 OR (cp GREATER_EQUAL 127 AND cp LESS 160) OR cp GREATER 1114111)
    message(FATAL_ERROR "${TSV}: U+${hex} is a control character or no code point")
  endif()
  if(regular GREATER 65535 OR bold GREATER 65535)
    message(FATAL_ERROR "${TSV}: U+${hex}: an advance over 65535")
  endif()
  if(cp LESS 127)
    math(EXPR ascii "${ascii} + 1")
  endif()
  string(APPEND body "    {0x${hex}, ${regular}, ${bold}},\n")
  set(previous ${cp})
endforeach()
if(NOT ascii EQUAL 95)
  message(FATAL_ERROR "${TSV}: ${ascii} of the 95 characters U+0020..U+007E: all of them are needed")
endif()

file(WRITE "${OUT}" "/* Generated from runtime/render/graphviz/glyph_advance.tsv by scripts/glyph_advance.cmake: do not edit.
 * The rows of text_wrap.c's glyph_advances: {code point, regular, bold}. */
${body}")
