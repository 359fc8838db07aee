/* mermaid_text — the characters of Mermaid's journey grammar as its lexer
 * (journey.jison, JavaScript regular expressions) reads them: white space
 * (\s), word characters (\b) and its keywords, which it matches in any
 * case. Shared by the importer, which applies the lexer's rules, and the
 * exporter, which writes text those rules read back as meant.
 *
 * Pure functions over byte ranges of valid or invalid UTF-8 (an ill-formed
 * byte is no space); nothing is allocated. Depends on lang/utf8.h only. */
#ifndef CJM_MERMAID_TEXT_H
#define CJM_MERMAID_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* The length of the character at text[pos] (pos < len) when JavaScript's
 * \s matches it (ASCII white space, U+00A0, U+1680, U+2000–U+200A, U+2028,
 * U+2029, U+202F, U+205F, U+3000, U+FEFF), else 0. */
size_t cjm_mermaid_space_at(const char *text, size_t len, size_t pos);

/* Narrows [*start, *end) of text to leave out white space (\s) at either
 * end, as JavaScript's trim() does. */
void cjm_mermaid_trim(const char *text, size_t *start, size_t *end);

/* Whether text[pos..len) starts with word (lower-case ASCII), ASCII
 * letters in either case, as the lexer's case-insensitive rules match. */
bool cjm_mermaid_starts_word(const char *text, size_t len, size_t pos, const char *word);

/* Whether c is a word character for JavaScript's \b: [A-Za-z0-9_]. */
bool cjm_mermaid_word_byte(char c);

#endif
