/* text_grid — see text_grid.h. */
#include "runtime/render/tables/text_grid.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "runtime/base/grow.h"
#include "lang/utf8.h"

void cjm_tgrid_init(cjm_tgrid *grid, size_t column_count) {
  *grid = (cjm_tgrid){.column_count = column_count};
  grid->widths = cjm_xcalloc(column_count ? column_count : 1, sizeof *grid->widths);
}

void cjm_tgrid_free(cjm_tgrid *grid) {
  for (size_t r = 0; r < grid->row_count; r++) {
    cjm_tgrid_row *row = &grid->rows[r];
    for (size_t c = 0; c < row->cell_count; c++) {
      cjm_tgrid_cell *cell = &row->cells[c];
      for (size_t l = 0; l < cell->line_count; l++) free(cell->lines[l].text);
      free(cell->lines);
    }
    free(row->cells);
  }
  free(grid->rows);
  free(grid->widths);
  *grid = (cjm_tgrid){0};
}

cjm_tgrid_row *cjm_tgrid_add_row(cjm_tgrid *grid) {
  return CJM_PUSH(grid->rows, grid->row_count, grid->row_capacity);
}

cjm_tgrid_cell *cjm_tgrid_add_cell(cjm_tgrid_row *row, size_t column, size_t span) {
  cjm_tgrid_cell *cell = CJM_PUSH(row->cells, row->cell_count, row->cell_capacity);
  *cell = (cjm_tgrid_cell){.column = column, .span = span ? span : 1};
  return cell;
}

size_t cjm_tgrid_span_width(const cjm_tgrid *grid, size_t column, size_t span) {
  size_t w = 0;
  for (size_t c = column; c < column + span && c < grid->column_count; c++) w += grid->widths[c] + 3;
  return w ? w - 3 : 0;
}

/* ---- terminal-safe text ---------------------------------------------------------- */

/* A copy of text[0..len) with control characters replaced by U+FFFD (tabs
 * by a space), keeping line feeds when keep_newlines. */
static char *make_safe(const char *text, size_t len, bool keep_newlines) {
  size_t plain = 0; /* printable ASCII needs no change: copied at its own size */
  while (plain < len && (unsigned char)text[plain] >= 0x20 && (unsigned char)text[plain] < 0x7F) plain++;
  if (plain == len) {
    char *copy = cjm_xmalloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    return copy;
  }
  cjm_strbuf buf = {0};
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    size_t n = cjm_utf8_decode(text + i, len - i, &cp);
    if (n == 0) {
      cjm_strbuf_puts(&buf, "\xEF\xBF\xBD");
      i++;
      continue;
    }
    if (cp == '\t' || (cp == '\n' && !keep_newlines)) cjm_strbuf_puts(&buf, " ");
    else if ((cp < 0x20 && cp != '\n') || (cp >= 0x7F && cp < 0xA0)) cjm_strbuf_puts(&buf, "\xEF\xBF\xBD");
    else cjm_strbuf_write(&buf, text + i, n);
    i += n;
  }
  if (!buf.data) return cjm_xstrdup("");
  return buf.data;
}

size_t cjm_tgrid_text_width(const char *text) {
  char *safe = make_safe(text, strlen(text), true);
  size_t widest = 0;
  for (const char *line = safe;;) {
    const char *end = strchr(line, '\n');
    size_t len = end ? (size_t)(end - line) : strlen(line);
    size_t w = cjm_utf8_width(line, len);
    if (w > widest) widest = w;
    if (!end) break;
    line = end + 1;
  }
  free(safe);
  return widest;
}

/* ---- wrapping -------------------------------------------------------------------- */

/* Closing punctuation that must not start a line. */
static bool no_line_start(uint32_t cp) {
  static const uint32_t set[] = {0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF01, 0xFF1F, 0xFF1A, 0xFF1B,
                                 0xFF09, 0x300D, 0x300F, 0x3011, 0x3009, 0x300B, 0x201D, 0x2019,
                                 0x2026, 0x30FC, 0xFF5E, 0x30FB};
  for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
    if (set[i] == cp) return true;
  return cp == ',' || cp == '.' || cp == ')' || cp == '!' || cp == '?' || cp == ':' || cp == ';';
}

/* Opening punctuation that must not end a line. */
static bool no_line_end(uint32_t cp) {
  static const uint32_t set[] = {0xFF08, 0x300C, 0x300E, 0x3010, 0x3008, 0x300A, 0x201C, 0x2018};
  for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
    if (set[i] == cp) return true;
  return cp == '(';
}

static void add_line(cjm_tgrid_cell *cell, const char *prefix, const char *text, size_t len, const char *sgr) {
  while (len && text[len - 1] == ' ') len--;
  size_t plen = prefix ? strlen(prefix) : 0;
  char *s = cjm_xmalloc(plen + len + 1); /* its own size: a grid may hold millions of lines */
  if (plen) memcpy(s, prefix, plen);
  memcpy(s + plen, text, len);
  s[plen + len] = '\0';
  if (cell->line_count == cell->line_capacity) { /* from one line: most cells have one */
    cell->line_capacity = cell->line_capacity ? 2 * cell->line_capacity : 1;
    cell->lines = cjm_xrealloc(cell->lines, cell->line_capacity * sizeof *cell->lines);
  }
  cell->lines[cell->line_count++] = (cjm_tgrid_line){s, cjm_utf8_width(s, plen + len), sgr};
}

/* Where the first line of s[0..n) ends (*cut) and the next begins
 * (*resume), for avail display columns. */
static void find_break(const char *s, size_t n, size_t avail, size_t *cut, size_t *resume) {
  size_t i = 0, w = 0, brk_end = 0, brk_resume = 0, prev_w = 0;
  uint32_t prev = 0;
  while (i < n) {
    uint32_t cp;
    size_t cw, d = cjm_utf8_cluster(s + i, n - i, &cw); /* a character as drawn, marks and all */
    cjm_utf8_decode(s + i, n - i, &cp);
    if (cp == ' ') {
      brk_end = i;
      brk_resume = i + 1;
    } else if (i > 0 && prev != ' ' && (prev_w == 2 || cw == 2) && !no_line_start(cp) &&
               !no_line_end(prev)) {
      brk_end = brk_resume = i;
    }
    if (w + cw > avail && cw > 0) {
      if (cp == ' ') {
        *cut = i;
        *resume = i + 1;
      } else if (brk_end > 0) {
        *cut = brk_end;
        *resume = brk_resume;
      } else if (i > 0) {
        *cut = *resume = i;
      } else {
        *cut = *resume = d; /* one character wider than the column */
      }
      return;
    }
    w += cw;
    i += d;
    prev = cp;
    prev_w = cw;
  }
  *cut = *resume = n;
}

void cjm_tgrid_wrap(cjm_tgrid_cell *cell, const char *text, size_t width, const char *first,
                        const char *rest, const char *sgr) {
  char *safe = make_safe(text, strlen(text), true);
  size_t first_w = first ? cjm_utf8_width(first, strlen(first)) : 0;
  size_t rest_w = rest ? cjm_utf8_width(rest, strlen(rest)) : 0;
  bool first_line = true;
  for (const char *para = safe;;) {
    const char *end = strchr(para, '\n');
    size_t n = end ? (size_t)(end - para) : strlen(para);
    const char *s = para;
    do {
      size_t pw = first_line ? first_w : rest_w;
      size_t avail = width > pw ? width - pw : 1;
      size_t cut, resume;
      find_break(s, n, avail, &cut, &resume);
      add_line(cell, first_line ? first : rest, s, cut, sgr);
      first_line = false;
      s += resume;
      n -= resume;
      bool wrapped = n > 0;
      while (n && *s == ' ') s++, n--;
      if (wrapped && n == 0) break;
    } while (n > 0);
    if (!end) break;
    para = end + 1;
  }
  free(safe);
}

void cjm_tgrid_add_line(cjm_tgrid_cell *cell, const char *text, const char *sgr) {
  char *safe = make_safe(text, strlen(text), false);
  add_line(cell, NULL, safe, strlen(safe), sgr);
  free(safe);
}

size_t cjm_tgrid_longest_word(const char *text) {
  char *safe = make_safe(text, strlen(text), true);
  size_t longest = 0, run = 0;
  for (size_t i = 0, n = strlen(safe); i < n;) {
    uint32_t cp;
    size_t w, d = cjm_utf8_cluster(safe + i, n - i, &w);
    cjm_utf8_decode(safe + i, n - i, &cp);
    if (cp == ' ' || cp == '\n') run = 0;
    else if (w == 2) run = 2; /* a break is allowed around CJK characters */
    else run += w;
    if (run > longest) longest = run;
    i += d;
  }
  free(safe);
  return longest;
}

/* ---- drawing --------------------------------------------------------------------- */

/* Box-drawing junctions, indexed by up<<3 | down<<2 | left<<1 | right. */
static const char *const single_junction[16] = {
    "─", "─", "─", "─", "│", "┌", "┐", "┬", "│", "└", "┘", "┴", "│", "├", "┤", "┼",
};
static const char *const double_junction[16] = {
    "═", "═", "═", "═", "│", "╒", "╕", "╤", "│", "╘", "╛", "╧", "│", "╞", "╡", "╪",
};

/* Marks in bounds[0..column_count] where the cells of row start. */
static void row_bounds(const cjm_tgrid *grid, const cjm_tgrid_row *row, bool *bounds) {
  memset(bounds, 0, (grid->column_count + 1) * sizeof *bounds);
  bounds[0] = bounds[grid->column_count] = true;
  for (size_t c = 0; c < row->cell_count; c++)
    if (row->cells[c].column < grid->column_count) bounds[row->cells[c].column] = true;
}

/* Appends count copies of s (one character), a chunk at a time. */
static void repeat(cjm_strbuf *out, const char *s, size_t count) {
  char chunk[256];
  size_t len = strlen(s), fit = sizeof chunk / len;
  for (size_t i = 0; i < fit && i < count; i++) memcpy(chunk + i * len, s, len);
  for (size_t k; count > 0; count -= k) {
    k = count < fit ? count : fit;
    cjm_strbuf_write(out, chunk, k * len);
  }
}

/* A horizontal rule between the row above and the row below (either NULL). */
static void print_rule(const cjm_tgrid *grid, const bool *above, const bool *below, bool dbl, bool ascii,
                       cjm_strbuf *out) {
  size_t n = grid->column_count;
  const char *const *junction = dbl ? double_junction : single_junction;
  const char *horizontal = ascii ? (dbl ? "=" : "-") : (dbl ? "═" : "─");
  for (size_t k = 0; k <= n; k++) {
    bool up = above && above[k], down = below && below[k];
    if (ascii) cjm_strbuf_puts(out, up || down ? "+" : horizontal);
    else cjm_strbuf_puts(out, junction[(up << 3) | (down << 2) | ((k > 0) << 1) | (k < n)]);
    if (k < n) repeat(out, horizontal, grid->widths[k] + 2);
  }
  cjm_strbuf_puts(out, "\n");
}

static void pad(cjm_strbuf *out, size_t n) { repeat(out, " ", n); }

static void print_row(const cjm_tgrid *grid, const cjm_tgrid_row *row, bool ascii, bool color,
                      cjm_strbuf *out) {
  size_t height = 0;
  for (size_t c = 0; c < row->cell_count; c++)
    if (row->cells[c].line_count > height) height = row->cells[c].line_count;
  if (height == 0) height = 1;
  const char *vertical = ascii ? "|" : "│";
  for (size_t l = 0; l < height; l++) {
    for (size_t c = 0; c < row->cell_count; c++) {
      const cjm_tgrid_cell *cell = &row->cells[c];
      size_t width = cjm_tgrid_span_width(grid, cell->column, cell->span);
      cjm_strbuf_puts(out, vertical);
      cjm_strbuf_puts(out, " ");
      size_t used = 0;
      if (l < cell->line_count) {
        const cjm_tgrid_line *line = &cell->lines[l];
        bool paint = color && line->sgr;
        if (paint) cjm_strbuf_printf(out, "\x1b[%sm", line->sgr);
        cjm_strbuf_puts(out, line->text);
        if (paint) cjm_strbuf_puts(out, "\x1b[0m");
        used = line->width;
      }
      pad(out, width > used ? width - used : 0);
      cjm_strbuf_puts(out, " ");
    }
    cjm_strbuf_puts(out, vertical);
    cjm_strbuf_puts(out, "\n");
  }
}

void cjm_tgrid_print(const cjm_tgrid *grid, cjm_strbuf *out, bool ascii, bool color) {
  size_t n = grid->column_count;
  bool *above = cjm_xcalloc(n + 1, sizeof *above);
  bool *below = cjm_xcalloc(n + 1, sizeof *below);
  for (size_t r = 0; r < grid->row_count; r++) {
    row_bounds(grid, &grid->rows[r], below);
    print_rule(grid, r ? above : NULL, below, r && grid->rows[r - 1].header_end, ascii, out);
    print_row(grid, &grid->rows[r], ascii, color, out);
    memcpy(above, below, (n + 1) * sizeof *above);
  }
  if (grid->row_count) print_rule(grid, above, NULL, false, ascii, out);
  free(above);
  free(below);
}
