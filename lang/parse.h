/* parse — turns the text of one journey file into its syntax tree.
 *
 * The parser is pure and reentrant: all state lives in the arguments. It
 * reports lexical and syntax errors to diags and recovers at the next line
 * (parser.y: RECOVER_AT_NEXT_LINE), so one run shows every broken line. The tree and all its text
 * live in arena; identifiers are interned in names, so that trees parsed
 * with the same interner share identifier pointers. */
#ifndef CJM_PARSE_H
#define CJM_PARSE_H

#include "lang/arena.h"
#include "lang/ast.h"
#include "lang/diag.h"
#include "lang/intern.h"
#include "lang/limits.h"
#include "lang/source.h"

/* Parses src. Always returns a tree (possibly with fewer blocks than
 * written, when errors were found); check cjm_diags_errors() to know
 * whether the file was well formed. limits may be NULL for the defaults. */
cjm_ast_file *cjm_parse(const cjm_source *src, cjm_arena *arena, cjm_interner *names,
                        cjm_diags *diags, const cjm_limits *limits);

/* The kinds of token, for tools that work on tokens (tests, syntax
 * highlighting, a language server's semantic tokens). */
typedef enum cjm_token_kind {
  CJM_TOKEN_BLOCK_KEYWORD, /* use journey persona channel lane metric stage step */
  CJM_TOKEN_ENTRY_KEYWORD, /* by via feel for measure next scale status kind unit target better */
  CJM_TOKEN_IDENT,
  CJM_TOKEN_STRING,
  CJM_TOKEN_NUMBER,
  CJM_TOKEN_COMMA,
  CJM_TOKEN_DOTDOT,
  CJM_TOKEN_COMMENT,
} cjm_token_kind;

/* One token: its kind, where it is, and its text (the keyword or
 * identifier, the decoded string, the number as written, the comment). */
typedef struct cjm_token {
  cjm_token_kind kind;
  cjm_loc loc;
  const char *text;  /* arena copy or interned */
} cjm_token;

/* Scans src into tokens and comments in source order, reporting lexical
 * errors to diags. Returns the count and sets *tokens to an arena array. */
size_t cjm_tokenize(const cjm_source *src, cjm_arena *arena, cjm_interner *names,
                    cjm_diags *diags, cjm_token **tokens);

#endif
