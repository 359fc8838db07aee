/* syntax_error — composes the message for a syntax error from what the
 * parser found and what it expected, in words a journey author knows:
 * "unexpected string "Mia", expected an identifier after 'persona'".
 * Internal to lang/. */
#ifndef CJM_SYNTAX_ERROR_H
#define CJM_SYNTAX_ERROR_H

#include "lang/parse_ctx.h"

/* Reports a syntax error at loc. got is the name of the unexpected token
 * kind as the grammar declares it ("identifier", "'step'"); expected holds
 * the names of the count token kinds that would have been accepted. */
void cjm_report_syntax_error(cjm_parse_ctx *ctx, const cjm_loc *loc, const char *got,
                             int got_kind, const int *expected_kinds,
                             const char *const *expected, int count);

/* Reports an identifier that ends its line where its text should follow:
 * an entry's key with no text (`pain`), or a word of text written without
 * quotes (`feel -1 overwhelmed`). The error is at the word; got names the
 * token that begins the next line. */
void cjm_report_word_without_text(cjm_parse_ctx *ctx, const cjm_loc *word, const char *got);

#endif
