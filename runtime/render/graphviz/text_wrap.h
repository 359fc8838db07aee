/* text_wrap — how wide text is in the renderers' font, and where it wraps.
 *
 * The map view lays out its own grid, so it must know how much room text
 * takes before Graphviz draws it. Widths are estimates for the fonts the
 * Graphviz backend names (graphviz_style.h: DejaVu Sans for Latin,
 * Cyrillic, punctuation and symbols, Noto Sans CJK for CJK), per
 * character and weight as measured through Graphviz's pango text layout,
 * a little generous so that text stays inside its cell. Pure functions over
 * UTF-8 byte ranges; the lines a wrap produces are slices of its input,
 * so they live as long as the text does. A cjm_text_lines owns its
 * array (malloc'd) until cjm_text_lines_free(). Depends on lang/utf8. */
#ifndef CJM_TEXT_WRAP_H
#define CJM_TEXT_WRAP_H

#include <stdbool.h>
#include <stddef.h>

/* One line of wrapped text: a slice of the wrapped string. */
typedef struct cjm_text_line {
  const char *text;
  size_t len;
} cjm_text_line;

/* A growable array of lines. */
typedef struct cjm_text_lines {
  cjm_text_line *items;
  size_t count, capacity;
} cjm_text_lines;

/* Estimated width in points of s[0..len) at size points. */
double cjm_text_width(const char *s, size_t len, double size, bool bold);

/* The distance in points between the baselines of two lines at size
 * points, as Graphviz spaces them. */
double cjm_text_line_height(double size);

/* The space Graphviz is given between two lines of the block
 * lines[first..first+count) at size points, over the font size by which
 * it advances from one line to the next: 0.3 em for CJK text (a wide
 * character on any line of the block), whose ideographs and kana fill the
 * em and would touch the line above; none for other text. cjm_gv_put_lines
 * writes it as a spacer line of that size. */
double cjm_text_block_leading(const cjm_text_lines *lines, size_t first, size_t count, double size);

/* The height of that block: a line height (cjm_text_line_height) per
 * line, and the leading between lines. */
double cjm_text_block_height(const cjm_text_lines *lines, size_t first, size_t count, double size);

/* Appends to lines the lines of s[0..len) wrapped to width points at
 * size points: breaks at newlines, then at spaces, after hyphens and
 * slashes, and between CJK characters (never before closing punctuation
 * such as "，" or ")", the middle dot ・ or small kana, and never inside
 * a run of katakana, a loanword such as コンテンツ); a word wider than
 * width is cut between characters, leaving at least two of them for the
 * next line. Spaces at a soft break are dropped. Returns the number of
 * lines appended (at least 1, an empty line for empty text). Linear in
 * len. */
size_t cjm_text_wrap(cjm_text_lines *lines, const char *s, size_t len, double size, bool bold, double width);

/* Frees the array; lines is then empty and may be reused. */
void cjm_text_lines_free(cjm_text_lines *lines);

#endif
