/* position — where things are in an editor's terms: LSP positions (a
 * 0-based line and a character offset counted in UTF-8 bytes, UTF-16 code
 * units or code points, as negotiated through positionEncoding) against
 * cjm's byte offsets and code-point columns.
 *
 * A cjm_lsp_lines is the line index of one text and owns its array; the
 * text belongs to the caller. Lines end at "\n", "\r\n" or a lone "\r",
 * as the protocol says. Ill-formed UTF-8 bytes count as one unit each in
 * every encoding, so a broken file still maps one to one. Positions past
 * the end of a line or of the text are clamped to it, as the protocol
 * asks; a position inside a character (between the two halves of a
 * surrogate pair, inside a multi-byte sequence) moves to that character's
 * start. Depends on lang/utf8.h only. */
#ifndef CJM_LSP_POSITION_H
#define CJM_LSP_POSITION_H

#include <stddef.h>
#include <stdint.h>

/* How a position's character counts, as positionEncoding names it. */
typedef enum cjm_lsp_encoding {
  CJM_LSP_UTF16, /* "utf-16", the protocol's default */
  CJM_LSP_UTF8,  /* "utf-8": bytes */
  CJM_LSP_UTF32, /* "utf-32": code points, as cjm's columns */
} cjm_lsp_encoding;

/* A position as the protocol has it: both 0-based. */
typedef struct cjm_lsp_position {
  uint32_t line;
  uint32_t character;
} cjm_lsp_position;

/* The line index of a text. */
typedef struct cjm_lsp_lines {
  uint32_t *starts; /* byte offset of each line's start (malloc'd) */
  uint32_t count;   /* lines; a text always has at least one */
} cjm_lsp_lines;

/* Builds the line index of text[0..len) into lines (freeing none: call
 * cjm_lsp_lines_free() on an index built before). */
void cjm_lsp_lines_build(cjm_lsp_lines *lines, const char *text, size_t len);

/* Frees the index. */
void cjm_lsp_lines_free(cjm_lsp_lines *lines);

/* Brings the index of a text up to date after bytes [start, old_end) of it
 * were replaced by new_len bytes, giving text[0..len): the lines before
 * the edit are kept, those it touched are scanned again, and the starts
 * after it are shifted, so that a keystroke in a large file does not scan
 * the whole file (bench/README.md, "The language server"). */
void cjm_lsp_lines_edit(cjm_lsp_lines *lines, const char *text, size_t len, size_t start, size_t old_end,
                        size_t new_len);

/* The byte offset where line (0-based) ends, before its line break. */
size_t cjm_lsp_line_end(const cjm_lsp_lines *lines, const char *text, size_t len, uint32_t line);

/* The position of byte offset in text[0..len) (clamped to len). */
cjm_lsp_position cjm_lsp_position_of(const cjm_lsp_lines *lines, const char *text, size_t len,
                                     size_t offset, cjm_lsp_encoding encoding);

/* The byte offset of pos in text[0..len): clamped to the end of its line
 * (a line past the last is the end of the text). */
size_t cjm_lsp_offset_of(const cjm_lsp_lines *lines, const char *text, size_t len,
                         cjm_lsp_position pos, cjm_lsp_encoding encoding);

/* The byte offset of a cjm position: 1-based line and 1-based column in
 * code points (as cjm_loc has them), clamped as above. */
size_t cjm_lsp_offset_of_column(const cjm_lsp_lines *lines, const char *text, size_t len,
                                uint32_t line, uint32_t column);

/* The units one character of UTF-8 text s[0..len) takes in encoding, and
 * its length in bytes through *bytes (1 for an ill-formed byte). */
uint32_t cjm_lsp_char_units(const char *s, size_t len, cjm_lsp_encoding encoding, size_t *bytes);

/* The encoding's name in the protocol ("utf-16"), and the encoding a name
 * stands for (returns 0 for an unknown name, else 1 and sets *encoding). */
const char *cjm_lsp_encoding_name(cjm_lsp_encoding encoding);
int cjm_lsp_encoding_from_name(const char *name, cjm_lsp_encoding *encoding);

#endif
