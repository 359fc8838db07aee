/* keywords — see keywords.h. The table is made here from keywords.def, and
 * checked against the grammar's tokens when it builds: here in C, that the
 * grammar declares the reserved words first and in the table's order; by
 * check_keywords.cmake, that both have the same words with the same tokens. */
#include "lang/keywords.h"

#include <assert.h>
#include <string.h>

#include "lang/ast.h"
#include "parser.h"

/* The NODE column as an int: a block or entry kind, or -1 (NONE). */
#define NODE_OF_BLOCK(NODE) CJM_BLOCK_##NODE
#define NODE_OF_ENTRY(NODE) CJM_ENTRY_##NODE
#define NODE_OF_VALUE(NODE) CJM_ENTRY_##NODE
#define NODE_OF_CLAUSE(NODE) -1

const cjm_keyword cjm_keywords[] = {
#define CJM_KEYWORD(word, TOKEN, KIND, NODE, THEN, help)                                     \
  {word, sizeof word - 1, CJM_KEYWORD_##KIND, CJM_THEN_##THEN, TOK_##TOKEN, NODE_OF_##KIND(NODE), help},
#include "lang/keywords.def"
};

_Static_assert(sizeof cjm_keywords / sizeof cjm_keywords[0] == CJM_KEYWORD_ROWS, "the table's rows");

/* The grammar (parser.y) declares the reserved words as its first tokens,
 * in the table's order, and the token after them is the comma: so a
 * reserved word's row is its token's distance from the first, and a word
 * added to one and not the other stops the build here. (A row whose token
 * the grammar lacks stops it above: TOK_x is undeclared.) */
#define ROW_BLOCK(TOKEN) ROW_OF_##TOKEN,
#define ROW_ENTRY(TOKEN) ROW_OF_##TOKEN,
#define ROW_CLAUSE(TOKEN) ROW_OF_##TOKEN,
#define ROW_VALUE(TOKEN)
enum { FIRST_TOKEN = TOK_CJM_YYUNDEF + 1 }; /* the first token the grammar declares */
enum { /* ROW_OF_USE = 0...: each reserved word's row */
#define CJM_KEYWORD(word, TOKEN, KIND, NODE, THEN, help) ROW_##KIND(TOKEN)
#include "lang/keywords.def"
};
#define CHECK_BLOCK(word, TOKEN) CHECK_RESERVED(word, TOKEN)
#define CHECK_ENTRY(word, TOKEN) CHECK_RESERVED(word, TOKEN)
#define CHECK_CLAUSE(word, TOKEN) CHECK_RESERVED(word, TOKEN)
#define CHECK_VALUE(word, TOKEN)
#define CHECK_RESERVED(word, TOKEN)                                                         \
  _Static_assert(TOK_##TOKEN == FIRST_TOKEN + ROW_OF_##TOKEN,                               \
                 "parser.y declares the reserved word " word " out of keywords.def's order");
#define CJM_KEYWORD(word, TOKEN, KIND, NODE, THEN, help) CHECK_##KIND(word, TOKEN)
#include "lang/keywords.def"
_Static_assert(TOK_COMMA == FIRST_TOKEN + CJM_RESERVED_WORDS,
               "parser.y declares a reserved word that keywords.def lacks, or lacks one it has: "
               "the reserved words are the grammar's first tokens, the comma right after them");

const cjm_keyword *cjm_keyword_find(const char *word, size_t len) {
  for (size_t i = 0; i < CJM_KEYWORD_ROWS; i++)
    if (cjm_keywords[i].len == len && memcmp(cjm_keywords[i].word, word, len) == 0) return &cjm_keywords[i];
  return NULL;
}

void cjm_keyword_index_init(cjm_keyword_index *index) {
  memset(index, 0, sizeof *index);
#ifndef NDEBUG
  /* The reserved words are the table's first rows (keywords.def). */
  for (size_t row = 0; row < CJM_KEYWORD_ROWS; row++)
    assert((row < CJM_RESERVED_WORDS) == (cjm_keywords[row].kind != CJM_KEYWORD_VALUE));
#endif
  /* Each row goes to the end of its bucket, so that rows keep their order. */
  for (size_t row = CJM_RESERVED_WORDS; row-- > 0;) {
    const cjm_keyword *k = &cjm_keywords[row];
    uint8_t *start = &index->start[(unsigned char)k->word[0] & 31][k->len & 7];
    index->next[row] = *start;
    *start = (uint8_t)(row + 1);
  }
}
