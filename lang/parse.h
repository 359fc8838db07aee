/* parse — turns the text of one journey file into its syntax tree.
 *
 * The parser is pure and reentrant: all state lives in the arguments. It
 * reports lexical and syntax errors to diags and recovers at the next line
 * (parser.y: RECOVER_AT_NEXT_LINE), so one run shows every broken line. The tree and all its text
 * live in arena; identifiers are interned in names, so that trees parsed
 * with the same interner share identifier pointers. */
#ifndef CJM_PARSE_H
#define CJM_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "lang/arena.h"
#include "lang/ast.h"
#include "lang/diag.h"
#include "lang/intern.h"
#include "lang/limits.h"
#include "lang/source.h"

/* Which scanner reads the text. Both read every text alike: the fast
 * lexer is an optimisation, with this switch to turn it off (bench/README.md,
 * "The fast lexer"). */
typedef enum cjm_lexer {
  CJM_LEXER_DEFAULT, /* the fast lexer, unless the environment variable
                        CJM_LEXER is "flex" */
  CJM_LEXER_FAST,    /* the fast lexer (fast_lex.c) in front of the flex
                        rules, in a build that has it (cjm_fast_lexer_built) */
  CJM_LEXER_FLEX,    /* the flex rules alone (lexer.l) */
} cjm_lexer;

/* How to parse. All zeros is the default. */
typedef struct cjm_parse_options {
  const cjm_limits *limits; /* NULL for the defaults (CJM_LIMITS_DEFAULT) */
  cjm_lexer lexer;
} cjm_parse_options;

/* Parses src. Always returns a tree (possibly with fewer blocks than
 * written, when errors were found); check cjm_diags_errors() to know
 * whether the file was well formed. options may be NULL for the defaults. */
cjm_ast_file *cjm_parse_with(const cjm_source *src, cjm_arena *arena, cjm_interner *names,
                             cjm_diags *diags, const cjm_parse_options *options);

/* cjm_parse_with, with the default lexer and these limits (NULL for the
 * defaults). */
cjm_ast_file *cjm_parse(const cjm_source *src, cjm_arena *arena, cjm_interner *names,
                        cjm_diags *diags, const cjm_limits *limits);

/* Whether this build has the fast lexer (the CMake option CJM_FAST_LEXER,
 * on by default); without it every choice of lexer reads with the rules. */
bool cjm_fast_lexer_built(void);

/* The lexer that a parse asked for lexer reads with: CJM_LEXER_FAST or
 * CJM_LEXER_FLEX. The default is decided by the environment variable
 * CJM_LEXER, read here ("flex": the rules alone); without the fast lexer
 * in the build, it is always the rules. */
cjm_lexer cjm_lexer_chosen(cjm_lexer lexer);

/* The kinds of token, for tools that work on tokens (tests, syntax
 * highlighting, a language server's semantic tokens). */
typedef enum cjm_token_kind {
  CJM_TOKEN_BLOCK_KEYWORD, /* a block keyword (keywords.def: BLOCK) */
  CJM_TOKEN_ENTRY_KEYWORD, /* any other reserved word (ENTRY, CLAUSE) */
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

/* Scans src into tokens and comments in source order, as the parser reads
 * them (a reserved word where a name must be is an identifier), reporting
 * lexical errors to diags. Returns the count and sets *tokens to an arena
 * array. options may be NULL for the defaults. */
size_t cjm_tokenize_with(const cjm_source *src, cjm_arena *arena, cjm_interner *names,
                         cjm_diags *diags, const cjm_parse_options *options, cjm_token **tokens);

/* cjm_tokenize_with, with the default options. */
size_t cjm_tokenize(const cjm_source *src, cjm_arena *arena, cjm_interner *names,
                    cjm_diags *diags, cjm_token **tokens);

#endif
