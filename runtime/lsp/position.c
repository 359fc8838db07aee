/* position — see position.h. */
#include "runtime/lsp/position.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h" /* cjm_xmalloc */
#include "lang/utf8.h"

void cjm_lsp_lines_build(cjm_lsp_lines *lines, const char *text, size_t len) {
  size_t count = 1;
  for (size_t i = 0; i < len; i++)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n'))) count++;
  lines->starts = cjm_xmalloc(count * sizeof *lines->starts);
  lines->count = (uint32_t)count;
  size_t k = 0;
  lines->starts[k++] = 0;
  for (size_t i = 0; i < len; i++)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n')))
      lines->starts[k++] = (uint32_t)(i + 1);
}

void cjm_lsp_lines_free(cjm_lsp_lines *lines) {
  free(lines->starts);
  lines->starts = NULL;
  lines->count = 0;
}

/* Whether a line starts at offset i + 1 of text[0..len) because of the
 * byte at i: "\n", or a "\r" not followed by "\n". */
static bool breaks_after(const char *text, size_t len, size_t i) {
  return text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n'));
}

void cjm_lsp_lines_edit(cjm_lsp_lines *lines, const char *text, size_t len, size_t start, size_t old_end,
                        size_t new_len) {
  /* Line starts in (first_kept, ...] that lie past the old edit stay, shifted;
   * those inside it are found again. A "\r" before the edit may have lost
   * or gained the "\n" after it, so the scan starts one byte early. */
  size_t scan_from = start > 0 ? start - 1 : 0;
  uint32_t keep = 1; /* starts[0] is always 0 */
  while (keep < lines->count && lines->starts[keep] <= scan_from) keep++;
  uint32_t tail = keep;
  while (tail < lines->count && lines->starts[tail] <= old_end) tail++;
  size_t new_end = start + new_len;
  size_t found = 0;
  for (size_t i = scan_from; i < new_end && i < len; i++) found += breaks_after(text, len, i);
  size_t count = keep + found + (lines->count - tail);
  uint32_t *starts = cjm_xmalloc(count * sizeof *starts);
  memcpy(starts, lines->starts, keep * sizeof *starts);
  size_t k = keep;
  for (size_t i = scan_from; i < new_end && i < len; i++)
    if (breaks_after(text, len, i)) starts[k++] = (uint32_t)(i + 1);
  long long delta = (long long)new_len - (long long)(old_end - start);
  for (uint32_t t = tail; t < lines->count; t++) starts[k++] = (uint32_t)((long long)lines->starts[t] + delta);
  free(lines->starts);
  lines->starts = starts;
  lines->count = (uint32_t)k;
}

size_t cjm_lsp_line_end(const cjm_lsp_lines *lines, const char *text, size_t len, uint32_t line) {
  if (line >= lines->count) return len;
  size_t end = line + 1 < lines->count ? lines->starts[line + 1] : len;
  if (end > lines->starts[line] && line + 1 < lines->count) {
    end--; /* the "\n" or lone "\r" */
    if (text[end] == '\n' && end > lines->starts[line] && text[end - 1] == '\r') end--;
  }
  return end;
}

uint32_t cjm_lsp_char_units(const char *s, size_t len, cjm_lsp_encoding encoding, size_t *bytes) {
  uint32_t cp;
  size_t n = cjm_utf8_decode(s, len, &cp);
  if (n == 0) {
    *bytes = 1;
    return 1;
  }
  *bytes = n;
  switch (encoding) {
  case CJM_LSP_UTF8: return (uint32_t)n;
  case CJM_LSP_UTF16: return cp >= 0x10000 ? 2 : 1;
  case CJM_LSP_UTF32: return 1;
  }
  return 1;
}

/* The 0-based line holding offset (binary search over the starts). */
static uint32_t line_of(const cjm_lsp_lines *lines, size_t offset) {
  uint32_t lo = 0, hi = lines->count;
  while (hi - lo > 1) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (lines->starts[mid] <= offset) lo = mid;
    else hi = mid;
  }
  return lo;
}

cjm_lsp_position cjm_lsp_position_of(const cjm_lsp_lines *lines, const char *text, size_t len,
                                     size_t offset, cjm_lsp_encoding encoding) {
  if (offset > len) offset = len;
  uint32_t line = line_of(lines, offset);
  size_t end = cjm_lsp_line_end(lines, text, len, line);
  if (offset > end) offset = end; /* inside a "\r\n" */
  uint32_t units = 0;
  for (size_t i = lines->starts[line]; i < offset;) {
    size_t n;
    uint32_t u = cjm_lsp_char_units(text + i, end - i, encoding, &n);
    if (i + n > offset) break; /* offset inside a character: its start */
    units += u;
    i += n;
  }
  return (cjm_lsp_position){line, units};
}

size_t cjm_lsp_offset_of(const cjm_lsp_lines *lines, const char *text, size_t len,
                         cjm_lsp_position pos, cjm_lsp_encoding encoding) {
  if (pos.line >= lines->count) return len;
  size_t i = lines->starts[pos.line];
  size_t end = cjm_lsp_line_end(lines, text, len, pos.line);
  uint32_t units = 0;
  while (i < end) {
    size_t n;
    uint32_t u = cjm_lsp_char_units(text + i, end - i, encoding, &n);
    if (units + u > pos.character) break;
    units += u;
    i += n;
  }
  return i;
}

size_t cjm_lsp_offset_of_column(const cjm_lsp_lines *lines, const char *text, size_t len,
                                uint32_t line, uint32_t column) {
  if (line == 0) return 0;
  cjm_lsp_position pos = {line - 1, column ? column - 1 : 0};
  return cjm_lsp_offset_of(lines, text, len, pos, CJM_LSP_UTF32);
}

const char *cjm_lsp_encoding_name(cjm_lsp_encoding encoding) {
  switch (encoding) {
  case CJM_LSP_UTF8: return "utf-8";
  case CJM_LSP_UTF16: return "utf-16";
  case CJM_LSP_UTF32: return "utf-32";
  }
  return "utf-16";
}

int cjm_lsp_encoding_from_name(const char *name, cjm_lsp_encoding *encoding) {
  static const struct {
    const char *name;
    cjm_lsp_encoding encoding;
  } known[] = {{"utf-8", CJM_LSP_UTF8}, {"utf-16", CJM_LSP_UTF16}, {"utf-32", CJM_LSP_UTF32}};
  for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
    if (strcmp(name, known[i].name) == 0) {
      *encoding = known[i].encoding;
      return 1;
    }
  return 0;
}
