/* fast_lex — the fast lexer: a hand-written scanner for the tokens of
 * ordinary text (white space, comments, words, one-line strings, numbers,
 * commas), run in front of the flex rules (lexer.l) by cjm_yylex. Why it
 * is faster, and by how much: bench/README.md, "The fast lexer".
 *
 * The rules stay the definition of the language: the fast lexer takes a
 * token only where it is certain which rule matches it and what that
 * rule's action does (its comments name the rule), and leaves anything
 * else to them (characters that are no identifier's, ill-formed UTF-8,
 * control characters, long strings, NUL bytes...).
 *
 * An optimisation with a switch: it runs only when the parse options ask
 * for it (cjm_parse_options, parse.h; the environment variable
 * CJM_LEXER=flex turns it off), and a build with the CMake option
 * CJM_FAST_LEXER=OFF leaves it out. The tests read every journey they have
 * both ways and compare the tokens (tests/test_lexers_agree.c), and run the
 * fixtures both ways.
 *
 * Internal to lang/. Owns nothing: what it makes goes where the rules'
 * actions put it (ctx->arena, the interner, the diagnostics). */
#ifndef CJM_FAST_LEX_H
#define CJM_FAST_LEX_H

#include "lang/parse_ctx.h"

/* Whether the fast lexer is built (CMake: CJM_FAST_LEXER, on by default). */
#ifndef CJM_FAST_LEXER
#define CJM_FAST_LEXER 1
#endif

#if CJM_FAST_LEXER
/* Scans from *pos the tokens whose rule is certain (white space and
 * comments, which it skips, identifiers made of identifier characters only,
 * keywords, one-line strings without control characters, numbers, commas)
 * exactly as those rules and their actions would, and returns the first
 * such token with *value and *loc set, *pos just past it. Returns 0, *pos
 * at the first byte it leaves to the rules, when it is unsure what comes
 * next or once scanning is to stop. Never writes to the text. */
int cjm_lex_fast(cjm_parse_ctx *ctx, const char **pos, cjm_token_value *value, cjm_loc *loc);
#endif

#endif
