/* keywords — the words of the language as a table, made from the rows of
 * keywords.def: what each is (block, entry or clause keyword, or a value
 * word), its token in the grammar, what must follow it, and a line on what
 * it means. The scanners recognise keywords through it (cjm_keyword_index),
 * the syntax tree names its blocks and entries with it, the syntax error
 * messages group what was expected with it; tools that work on the text
 * (highlighting, a language server's hovers) may read it too.
 *
 * Everything here is static and read-only; nothing is allocated. Depends
 * on nothing but the C library. */
#ifndef CJM_KEYWORDS_H
#define CJM_KEYWORDS_H

#include <stddef.h>
#include <stdint.h>

/* What a word is (the KIND column). */
typedef enum cjm_keyword_kind {
  CJM_KEYWORD_BLOCK,  /* reserved, opens a block: persona */
  CJM_KEYWORD_ENTRY,  /* reserved, opens an entry: feel */
  CJM_KEYWORD_CLAUSE, /* reserved, inside an entry: for */
  CJM_KEYWORD_VALUE,  /* not reserved, a value after an entry keyword: as-is */
} cjm_keyword_kind;

/* What must follow a word (the THEN column). */
typedef enum cjm_keyword_then {
  CJM_THEN_NONE,   /* nothing in particular (value words) */
  CJM_THEN_NAME,   /* an identifier that names something */
  CJM_THEN_VALUE,  /* one of its value words */
  CJM_THEN_STRING,
  CJM_THEN_NUMBER,
} cjm_keyword_then;

/* One row of keywords.def. */
typedef struct cjm_keyword {
  const char *word;       /* the spelling, NUL-terminated */
  uint8_t len;            /* its length in bytes */
  cjm_keyword_kind kind;
  cjm_keyword_then then;
  int token;              /* its token in the grammar (lang-internal: TOK_*
                             of the generated parser.h); TOK_IDENT for a
                             value word */
  int node;               /* BLOCK: its cjm_block_kind; ENTRY and VALUE: the
                             cjm_entry_kind it opens or is a value of;
                             CLAUSE: -1 */
  const char *help;       /* one line on what it means */
} cjm_keyword;

/* Row counts, taken from the table: all rows, the reserved words (which
 * come first), and the reserved words of each kind. */
enum {
  CJM_KEYWORD_ROWS = 0
#define CJM_KEYWORD(word, TOKEN, KIND, NODE, THEN, help) +1
#include "lang/keywords.def"
  ,
  CJM_RESERVED_WORDS = 0
#define CJM_KEYWORD(word, TOKEN, KIND, NODE, THEN, help) +(CJM_KEYWORD_##KIND != CJM_KEYWORD_VALUE)
#include "lang/keywords.def"
  ,
  CJM_BLOCK_KEYWORDS = 0
#define CJM_KEYWORD(word, TOKEN, KIND, NODE, THEN, help) +(CJM_KEYWORD_##KIND == CJM_KEYWORD_BLOCK)
#include "lang/keywords.def"
  ,
  CJM_ENTRY_KEYWORDS = 0
#define CJM_KEYWORD(word, TOKEN, KIND, NODE, THEN, help) +(CJM_KEYWORD_##KIND == CJM_KEYWORD_ENTRY)
#include "lang/keywords.def"
  ,
};

/* The rows of keywords.def in order, CJM_KEYWORD_ROWS of them: the
 * CJM_RESERVED_WORDS reserved words first (their tokens consecutive, in
 * this order), then the value words. */
extern const cjm_keyword cjm_keywords[];

/* The row of word[0..len), a reserved word or a value word, or NULL. */
const cjm_keyword *cjm_keyword_find(const char *word, size_t len);

/* The reserved words by their first letter and length, for the scanners,
 * which look up every word they read (cjm_keyword_index_find): a word's
 * bucket holds one reserved word, rarely two (`stage`, `scale`). */
typedef struct cjm_keyword_index {
  /* [first byte & 31][length & 7]: 1 + the first row in the bucket, or 0 */
  uint8_t start[32][8];
  /* [row]: 1 + the next row in the same bucket, or 0 */
  uint8_t next[CJM_RESERVED_WORDS];
} cjm_keyword_index;

/* Fills index from the table. */
void cjm_keyword_index_init(cjm_keyword_index *index);

/* The reserved word w[0..len), or NULL when it is none (value words are
 * none). Inline: the scanners call it for every word. */
static inline const cjm_keyword *cjm_keyword_index_find(const cjm_keyword_index *index, const char *w,
                                                        size_t len) {
  if (len == 0) return NULL;
  for (unsigned row = index->start[(unsigned char)w[0] & 31][len & 7]; row; row = index->next[row - 1]) {
    const cjm_keyword *k = &cjm_keywords[row - 1];
    if (k->len != len) continue;
    size_t i = 0;
    while (i < len && k->word[i] == w[i]) i++;
    if (i == len) return k;
  }
  return NULL;
}

#endif
