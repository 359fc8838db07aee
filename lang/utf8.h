/* utf8 — decoding, validation and display width of UTF-8 text.
 *
 * Pure functions over byte ranges: no allocation, no locale, no global
 * state. Used by the lexer (identifier characters, confusable punctuation),
 * by diagnostics (caret placement under CJK text) and by the table backends
 * (alignment by display width). Depends on nothing else in cjm. A range
 * s[0..len) may have s == NULL when len is 0. */
#ifndef CJM_UTF8_H
#define CJM_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes the code point at the start of s[0..len). Returns the length of a
 * well-formed sequence (1 to 4) and stores the code point in *cp. Returns 0
 * for an ill-formed, overlong, truncated or surrogate sequence, or an empty
 * range; *cp is then the first byte's value (or 0 for an empty range).
 * Strict RFC 3629: C0, C1 and F5..FF never start a sequence, and stray
 * continuation bytes are rejected. cp must not be NULL. */
size_t cjm_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Writes the UTF-8 form of cp to out and returns its length (1 to 4), or 0
 * when cp is a surrogate or above U+10FFFF. */
size_t cjm_utf8_encode(uint32_t cp, char out[4]);

/* Returns the offset of the first byte of s[0..len) that does not start a
 * well-formed sequence, or len when the whole range is valid UTF-8. */
size_t cjm_utf8_validate(const char *s, size_t len);

/* Number of code points in s[0..len); each ill-formed byte counts as one
 * (a truncated three-byte sequence counts as two). */
size_t cjm_utf8_count(const char *s, size_t len);

/* Terminal columns taken by cp: 0 for combining marks, zero-width
 * characters and other format characters; 2 for East Asian Wide and
 * Fullwidth characters (CJK ideographs, kana, hangul, full-width forms,
 * emoji presentation); 1 for everything else, including control
 * characters (which callers are expected to replace before display) and
 * values that are not code points. */
int cjm_char_width(uint32_t cp);

/* The character as a terminal draws it (a grapheme cluster) at the start
 * of s[0..len): a character with the zero-width characters and marks that
 * follow it; an emoji ZWJ sequence (U+1F468 U+200D U+1F469...), a pair of
 * regional indicators (a flag) and an emoji with U+FE0F or a skin-tone
 * modifier are one picture two columns wide. Returns its length in bytes
 * (1 for an ill-formed byte, 0 only for an empty range) and stores its
 * columns in *width. */
size_t cjm_utf8_cluster(const char *s, size_t len, size_t *width);

/* Terminal columns taken by s[0..len), cluster by cluster
 * (cjm_utf8_cluster); each ill-formed byte counts as 1. */
size_t cjm_utf8_width(const char *s, size_t len);

/* Whether the non-ASCII code point cp may appear in an identifier. Letters,
 * ideographs, kana, marks and digits of every script may; white space,
 * punctuation and symbols may not (the ideographic space U+3000, the
 * full-width comma U+FF0C, the ideographic comma U+3001, curly quotes,
 * dashes, brackets and their kin). For ASCII code points returns false:
 * the lexer decides those itself. */
bool cjm_utf8_is_ident_char(uint32_t cp);

/* For a non-ASCII character that is not an identifier character, the ASCII
 * text a user most likely meant to type (U+FF0C -> ",", U+3000 -> " ",
 * U+201C -> "\"", U+2025 -> ".."; "" for an invisible character such as
 * U+200B, meaning "delete it"), or NULL when there is none; an ASCII or
 * identifier character always gives NULL. When name is not NULL it
 * receives a short lowercase English description of cp ("full-width
 * comma", "ideographic space"), or NULL when unknown. */
const char *cjm_utf8_confusable(uint32_t cp, const char **name);

#endif
