/* text_wrap — see text_wrap.h.
 *
 * Widths: advances of Noto Sans CJK SC measured through Graphviz 2.42's
 * pango layout at 100 points, in thousandths of an em. Graphviz rounds
 * glyph advances to whole pixels at 96 dpi, which makes small text up to
 * about 5% wider than the exact advances: WIDTH_SLACK covers it. */
#include "runtime/text_wrap.h"

#include <stdint.h>
#include <stdlib.h>

#include "lang/arena.h"
#include "lang/utf8.h"

/* Advances of ' ' (0x20) to '~' (0x7E), in 1/1000 em. */
static const unsigned short ascii_advance[95] = {
    226, 323, 473, 556, 556, 923, 683, 278, 338, 338, 466, 556, 278, 345, 278, 390, /*  !"#$%&'()*+,-./ */
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 556, 556, 556, 473, /* 0-9 :;<=>? */
    946, 601, 660, 610, 691, 593, 556, 691, 728, 293, 490, 646, 541, 811, 721, 743, /* @A-O */
    631, 743, 638, 578, 601, 721, 585, 878, 570, 533, 586, 338, 390, 338, 556, 563, /* P-Z [\]^_ */
    608, 563, 615, 489, 623, 556, 323, 563, 608, 278, 278, 556, 286, 923, 608, 608, /* `a-o */
    623, 623, 390, 466, 354, 608, 518, 803, 496, 518, 473, 338, 271, 338, 556,      /* p-z {|}~ */
};

enum {
  BOLD_PERMILLE = 1060,  /* bold text is about 6% wider */
};
static const double WIDTH_SLACK = 1.05;
static const double LINE_SPACING = 1.1; /* Graphviz: 1.1 x the font size per line */

/* Advance of code point cp in 1/1000 em. */
static unsigned advance(uint32_t cp) {
  if (cp >= 0x20 && cp < 0x7F) return ascii_advance[cp - 0x20];
  if (cp < 0x20 || cp == 0x7F) return 0;
  int columns = cjm_char_width(cp);
  if (columns == 0) return 0;
  if (columns == 2) return 1000;
  if (cp == 0x2013) return 540;               /* en dash */
  if (cp == 0x2212) return 560;               /* minus sign */
  if (cp == 0x2014) return 830;               /* em dash */
  if (cp >= 0x2010 && cp < 0x2C00) return 1000; /* punctuation, arrows, symbols: full width */
  if (cp >= 0x0410 && cp <= 0x042F) return 760; /* Cyrillic capitals */
  if (cp >= 0x0400 && cp <= 0x04FF) return 700; /* other Cyrillic */
  if (cp >= 0x00C0 && cp <= 0x024F) return 640; /* Latin with diacritics */
  return 700;
}

/* Decodes one code point at s[0..len); ill-formed bytes count as one
 * character of U+FFFD. Returns the bytes taken (at least 1). */
static size_t next_char(const char *s, size_t len, uint32_t *cp) {
  size_t n = cjm_utf8_decode(s, len, cp);
  if (n == 0) {
    *cp = 0xFFFD;
    n = 1;
  }
  return n;
}

double cjm_text_width(const char *s, size_t len, double size, bool bold) {
  unsigned long total = 0;
  uint32_t cp;
  for (size_t i = 0; i < len;) {
    i += next_char(s + i, len - i, &cp);
    total += advance(cp);
  }
  double width = (double)total * size / 1000.0 * WIDTH_SLACK;
  return bold ? width * BOLD_PERMILLE / 1000.0 : width;
}

double cjm_text_line_height(double size) { return size * LINE_SPACING; }

/* Punctuation that must not start a line (kinsoku): closing brackets,
 * commas, stops, and their full-width forms. */
static bool no_line_start(uint32_t cp) {
  switch (cp) {
  case ',': case '.': case ';': case ':': case '!': case '?': case ')': case ']': case '}':
  case 0x3001: case 0x3002: case 0xFF0C: case 0xFF0E: case 0xFF1A: case 0xFF1B: case 0xFF01:
  case 0xFF1F: case 0xFF09: case 0x300D: case 0x300F: case 0x3011: case 0x300B: case 0x3009:
  case 0x201D: case 0x2019: case 0x00BB: case 0x2026: case 0x30FC: case 0xFF5E:
    return true;
  default:
    return false;
  }
}

/* Punctuation that must not end a line: opening brackets and quotes. */
static bool no_line_end(uint32_t cp) {
  switch (cp) {
  case '(': case '[': case '{': case 0xFF08: case 0x300C: case 0x300E: case 0x3010: case 0x300A:
  case 0x3008: case 0x201C: case 0x2018: case 0x00AB:
    return true;
  default:
    return false;
  }
}

static void push_line(cjm_text_lines *lines, const char *text, size_t len) {
  if (lines->count == lines->capacity) {
    lines->capacity = lines->capacity ? lines->capacity * 2 : 16;
    lines->items = cjm_xrealloc(lines->items, lines->capacity * sizeof *lines->items);
  }
  lines->items[lines->count++] = (cjm_text_line){text, len};
}

/* The width of s[from..to) in points at scale (points per 1/1000 em). */
static double span_width(const char *s, size_t from, size_t to, double scale) {
  double used = 0;
  uint32_t cp;
  for (size_t k = from; k < to;) {
    k += next_char(s + k, to - k, &cp);
    used += (double)advance(cp) * scale;
  }
  return used;
}

/* Pushes s[start..end) without its trailing spaces. */
static void push_trimmed(cjm_text_lines *lines, const char *s, size_t start, size_t end) {
  while (end > start && s[end - 1] == ' ') end--;
  push_line(lines, s + start, end - start);
}

/* Whether a line may break between prev and cp (cp not a space). */
static bool may_break(uint32_t prev, uint32_t cp) {
  if (prev == ' ' || prev == '-' || prev == '/' || prev == 0x2013 || prev == 0x2014) return true;
  bool wide = cjm_char_width(cp) == 2 || cjm_char_width(prev) == 2;
  return wide && !no_line_start(cp) && !no_line_end(prev);
}

/* Wraps one paragraph s[0..len), which holds no newline; scale is points
 * per 1/1000 em. Greedy: each line takes as much as fits, then breaks at
 * the last opportunity, or cuts a word that does not fit on its own. */
static size_t wrap_paragraph(cjm_text_lines *lines, const char *s, size_t len, double scale, double width) {
  size_t appended = 0;
  size_t start = 0;
  while (start < len && s[start] == ' ') start++;
  double used = 0;        /* width of s[start..i) */
  bool has_break = false; /* an opportunity since start */
  size_t break_end = 0;   /* the line ends here when breaking there */
  size_t break_next = 0;  /* and the next one starts here */
  uint32_t prev = 0;
  for (size_t i = start; i < len;) {
    uint32_t cp;
    size_t n = next_char(s + i, len - i, &cp);
    if (i > start) {
      if (cp == ' ') {
        if (prev != ' ') break_end = i;
        break_next = i + 1;
        has_break = true;
      } else if (may_break(prev, cp)) {
        if (prev != ' ') break_end = i;
        break_next = i;
        has_break = true;
      }
    }
    double w = (double)advance(cp) * scale;
    if (cp != ' ' && i > start && used + w > width) {
      size_t end = has_break ? break_end : i;
      size_t next = has_break ? break_next : i;
      push_trimmed(lines, s, start, end);
      appended++;
      while (next < i && s[next] == ' ') next++;
      start = next;
      has_break = false;
      used = span_width(s, start, i, scale);
    }
    used += w;
    prev = cp;
    i += n;
  }
  if (start < len || appended == 0) {
    push_trimmed(lines, s, start < len ? start : len, len);
    appended++;
  }
  return appended;
}

size_t cjm_text_wrap(cjm_text_lines *lines, const char *s, size_t len, double size, bool bold, double width) {
  double scale = size / 1000.0 * WIDTH_SLACK * (bold ? BOLD_PERMILLE / 1000.0 : 1.0);
  size_t appended = 0;
  size_t start = 0;
  for (size_t i = 0; i <= len; i++) {
    if (i == len || s[i] == '\n') {
      size_t end = i;
      if (end > start && s[end - 1] == '\r') end--;
      appended += wrap_paragraph(lines, s + start, end - start, scale, width);
      start = i + 1;
    }
  }
  return appended;
}

void cjm_text_lines_free(cjm_text_lines *lines) {
  free(lines->items);
  *lines = (cjm_text_lines){0};
}
