/* md_blocks — the fenced code blocks of one language in a Markdown
 * document (`cjm md`, as mermaid-cli does for ```mermaid), found as
 * CommonMark finds them, and the document rewritten with each replaced.
 *
 * A block opens with a fence of three or more backticks or tildes,
 * indented at most three spaces, whose info string's first word is the
 * language; it closes with a fence of the same character, at least as
 * long, with nothing after it but spaces. A fence inside another block is
 * not a block: inside another fenced block (of any language), an indented
 * code block (four spaces or a tab), a block quote (`>`), a list item's
 * content, or raw HTML whose lines Markdown never reads (a comment
 * `<!-- … -->`, `<pre>`, `<script>`, `<style>`, `<textarea>`), so a block
 * commented out stays as it is. Everything that is not a block is
 * rewritten byte for byte.
 *
 * Pure functions over a byte range: no I/O, no allocation but the arrays
 * and the output the caller owns. Depends on base/ (strbuf.h, grow.h)
 * only. */
#ifndef CJM_MD_BLOCKS_H
#define CJM_MD_BLOCKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime/base/strbuf.h"

/* One fenced block of the language. Offsets are bytes into the document;
 * lines and columns are 1-based, columns in code points. */
typedef struct cjm_md_block {
  size_t start, end;           /* the whole block, from its opening fence's first byte
                                  (after the indentation) to the end of its closing
                                  fence line, the line break excluded */
  size_t line_start;           /* the first byte of the opening fence's line */
  size_t body, body_end;       /* the content lines, each with its line break */
  uint32_t line, col;          /* the opening fence */
  uint32_t body_line;          /* the first content line (the line after the fence) */
  size_t info, info_len;       /* what follows the language word in the info
                                  string, spaces trimmed (options) */
  uint32_t info_col;           /* the column of info */
  bool closed;                 /* a closing fence was found (else the block runs
                                  to the end of the document) */
} cjm_md_block;

/* The most blocks `cjm md` draws from one document: each is a journey and
 * an image, so a document of tiny blocks could otherwise keep it busy for
 * hours. */
enum { CJM_MD_MAX_BLOCKS = 10000 };

/* The blocks found, in document order. */
typedef struct cjm_md_blocks {
  cjm_md_block *items;         /* malloc'd */
  size_t count, capacity;
} cjm_md_blocks;

/* Appends to blocks every fenced block of text[0..len) whose language is
 * lang ("cjm"). */
void cjm_md_find_blocks(const char *text, size_t len, const char *lang, cjm_md_blocks *blocks);

/* Frees the array of blocks. */
void cjm_md_blocks_free(cjm_md_blocks *blocks);

/* Appends text[0..len) to out with blocks->items[i] (from its fence to
 * the end of its closing fence) replaced by replacements[i]; every other
 * byte is copied as it is. */
void cjm_md_rewrite(const char *text, size_t len, const cjm_md_blocks *blocks, const char *const *replacements,
                    cjm_strbuf *out);

#endif
