# check_keywords.cmake — fails the build when the grammar's reserved words
# and the table's disagree by name.
#
#   cmake -DGRAMMAR=lang/parser.y -DTABLE=lang/keywords.def -DSTAMP=FILE -P check_keywords.cmake
#
# The reserved words of the grammar are its %token declarations with a
# quoted word for alias (USE "'use'"); those of the table, its rows of a
# kind other than VALUE. Each must have the other's, with the same token
# and the same spelling. (keywords.c checks in C that they come in the same
# order, first among the tokens.) Writes STAMP when they agree.

file(READ ${GRAMMAR} grammar)
file(READ ${TABLE} table)

# The declarations section: from the start to the first %%.
string(FIND "${grammar}" "\n%%" end)
string(SUBSTRING "${grammar}" 0 ${end} declarations)
string(REGEX MATCHALL "[A-Z_][A-Z0-9_]*[ \t]+\"'[a-z][a-z_-]*'\"" aliases "${declarations}")
set(grammar_words "")
foreach(alias ${aliases})
  string(REGEX REPLACE "^([A-Z_][A-Z0-9_]*)[ \t]+\"'([a-z_-]+)'\"$" "\\2=\\1" pair "${alias}")
  list(APPEND grammar_words ${pair})
endforeach()

string(REGEX MATCHALL "\nCJM_KEYWORD\\(\"[^\"]+\",[ \t]*[A-Z_]+,[ \t]*[A-Z]+" rows "${table}")
set(table_words "")
foreach(row ${rows})
  string(REGEX REPLACE "^\nCJM_KEYWORD\\(\"([^\"]+)\",[ \t]*([A-Z_]+),[ \t]*([A-Z]+)$" "\\1=\\2;\\3" parts "${row}")
  list(GET parts 0 pair)
  list(GET parts 1 kind)
  if(NOT kind STREQUAL "VALUE")
    list(APPEND table_words ${pair})
  endif()
endforeach()

if(NOT grammar_words OR NOT table_words)
  message(FATAL_ERROR "check_keywords: found no reserved words in ${GRAMMAR} or ${TABLE}")
endif()
set(only_grammar ${grammar_words})
list(REMOVE_ITEM only_grammar ${table_words})
set(only_table ${table_words})
list(REMOVE_ITEM only_table ${grammar_words})
if(only_grammar OR only_table)
  message(FATAL_ERROR "The reserved words of ${GRAMMAR} and ${TABLE} differ (word=TOKEN):\n"
                      "  only in the grammar: ${only_grammar}\n"
                      "  only in the table:   ${only_table}\n"
                      "A reserved word is one row in keywords.def and one %token in parser.y.")
endif()
file(WRITE ${STAMP} "${grammar_words}\n")
