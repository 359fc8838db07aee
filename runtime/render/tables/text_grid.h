/* text_grid — a grid of wrapped text drawn with box-drawing characters
 * (or plain ASCII) for the terminal: the journey table of render_text and
 * the tables of `cjm stats`.
 *
 * Columns have fixed display widths (CJK characters count two, combining
 * marks zero: lang/utf8.h). A row is a list of cells; a cell covers one
 * column or spans several, and holds lines already wrapped to its width.
 * Text added to a cell is made safe for a terminal first: control
 * characters (an escape sequence written as \u{1b} in a string, a carriage
 * return) become U+FFFD, tabs become spaces.
 *
 * Ownership: a cjm_tgrid owns its rows, cells and lines (malloc'd).
 * Depends only on lang/utf8 and the output buffer. */
#ifndef CJM_TEXT_GRID_H
#define CJM_TEXT_GRID_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/base/strbuf.h"

/* One line of a cell. */
typedef struct cjm_tgrid_line {
  char *text;                 /* terminal-safe UTF-8 (malloc'd) */
  size_t width;               /* display width */
  const char *sgr;            /* an ANSI colour to draw it in ("31"), or NULL */
} cjm_tgrid_line;

typedef struct cjm_tgrid_cell {
  size_t column, span;        /* the first column it covers and how many */
  cjm_tgrid_line *lines;       /* malloc'd */
  size_t line_count, line_capacity;
} cjm_tgrid_cell;

typedef struct cjm_tgrid_row {
  cjm_tgrid_cell *cells;       /* left to right (malloc'd) */
  size_t cell_count, cell_capacity;
  bool header_end;            /* a double rule below it: the header ends here */
} cjm_tgrid_row;

typedef struct cjm_tgrid {
  size_t *widths;             /* [column_count] display widths of the content */
  size_t column_count;
  cjm_tgrid_row *rows;         /* malloc'd */
  size_t row_count, row_capacity;
} cjm_tgrid;

/* Starts a grid of column_count columns, every width 0. */
void cjm_tgrid_init(cjm_tgrid *grid, size_t column_count);

/* Frees everything the grid holds; it may be initialised again. */
void cjm_tgrid_free(cjm_tgrid *grid);

/* Appends an empty row and returns it. */
cjm_tgrid_row *cjm_tgrid_add_row(cjm_tgrid *grid);

/* Appends a cell covering columns [column, column + span) to row. */
cjm_tgrid_cell *cjm_tgrid_add_cell(cjm_tgrid_row *row, size_t column, size_t span);

/* Appends text to cell wrapped to width display columns: hard line breaks
 * are kept; lines break at spaces, and between CJK characters (not before
 * closing punctuation such as '，' or '。', nor after opening brackets);
 * a word longer than the width is cut. The first line starts with first
 * and the others with rest (a bullet "• " and its indent "  "); both may
 * be NULL. sgr colours every line added (NULL for none). */
void cjm_tgrid_wrap(cjm_tgrid_cell *cell, const char *text, size_t width, const char *first,
                        const char *rest, const char *sgr);

/* Appends one line as it is (made terminal-safe, not wrapped). */
void cjm_tgrid_add_line(cjm_tgrid_cell *cell, const char *text, const char *sgr);

/* The display width text would take on one line once made terminal-safe
 * (the widest of its lines when it has several). */
size_t cjm_tgrid_text_width(const char *text);

/* The width of the longest piece of text that wrapping cannot break: a run
 * of non-space characters other than CJK. */
size_t cjm_tgrid_longest_word(const char *text);

/* The width a cell spanning columns [column, column + span) has for text. */
size_t cjm_tgrid_span_width(const cjm_tgrid *grid, size_t column, size_t span);

/* Draws the grid: borders of box-drawing characters, or of + - = | when
 * ascii; colours (the lines' sgr) only when color. Each row is as tall as
 * its tallest cell. */
void cjm_tgrid_print(const cjm_tgrid *grid, cjm_strbuf *out, bool ascii, bool color);

#endif
