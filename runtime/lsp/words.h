/* words — the words of the language as the language server presents them:
 * for each keyword and value word, what it is, what follows it, and one
 * line of the language reference for hovers and completions.
 *
 * Static, read-only data. The reserved words themselves belong to lang/
 * (cjm_is_keyword, cjm_block_keyword, cjm_entry_keyword); the unit tests
 * check that every one of them has its row here. Depends on nothing. */
#ifndef CJM_LSP_WORDS_H
#define CJM_LSP_WORDS_H

#include <stddef.h>

/* What a word is. */
typedef enum cjm_lsp_word_kind {
  CJM_WORD_BLOCK,  /* opens a block: persona */
  CJM_WORD_ENTRY,  /* opens an entry: feel */
  CJM_WORD_CLAUSE, /* inside an entry: for */
  CJM_WORD_VALUE,  /* a value after an entry keyword: as-is (no reserved word) */
} cjm_lsp_word_kind;

/* One word. */
typedef struct cjm_lsp_word {
  const char *word;
  cjm_lsp_word_kind kind;
  const char *value_of;  /* VALUE: the entry keyword it follows; NULL otherwise */
  const char *help;      /* one line of the language reference */
} cjm_lsp_word;

/* The words, and how many there are. */
extern const cjm_lsp_word cjm_lsp_words[];
extern const size_t cjm_lsp_word_count;

/* The row of word[0..len), or NULL. */
const cjm_lsp_word *cjm_lsp_word_find(const char *word, size_t len);

#endif
