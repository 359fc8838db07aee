/* text_wrap — see text_wrap.h.
 *
 * Widths: advances in thousandths of an em of the fonts CJM_GV_FONTS
 * names, as Graphviz 2.42's pango layout sets them: DejaVu Sans (Book and
 * Bold) for Latin, Cyrillic, punctuation and symbols, Noto Sans CJK for
 * what DejaVu lacks (CJK: a full em). Measured per character, regular and
 * bold, with `dot -Txdot` on a label of the character 20 times at 100
 * points (the width of its `T` operation / 20; a space between two
 * letters). Measure again whenever CJM_GV_FONTS changes. */
#include "runtime/text_wrap.h"

#include <stdint.h>
#include <stdlib.h>

#include "lang/arena.h"
#include "lang/utf8.h"

/* Basic Latin: U+0020 to U+007E, regular then bold. */
static const unsigned short ascii_advance[2][95] = {
    {
        315, 398, 458, 840, 638, 953, 780, 278, 390, 390, 503, 840, 316, 360, 316, 338,
        638, 638, 638, 638, 638, 638, 638, 638, 638, 638, 338, 338, 840, 840, 840, 533,
        998, 712, 683, 698, 773, 630, 578, 773, 750, 293, 293, 653, 556, 863, 750, 788,
        600, 788, 698, 638, 594, 736, 683, 990, 683, 608, 683, 390, 169, 390, 840, 503,
        503, 616, 638, 548, 638, 616, 346, 638, 638, 278, 278, 578, 278, 976, 638, 616,
        638, 638, 392, 518, 390, 638, 593, 818, 593, 593, 526, 638, 338, 638, 840,
    },
    {
        345, 458, 518, 840, 698, 1006, 870, 308, 458, 458, 526, 840, 383, 413, 383, 368,
        698, 698, 698, 698, 698, 698, 698, 698, 698, 698, 398, 398, 840, 840, 840, 578,
        998, 773, 766, 736, 833, 683, 683, 818, 840, 376, 376, 773, 638, 998, 840, 848,
        736, 848, 773, 678, 704, 810, 773, 1103, 773, 728, 728, 458, 184, 458, 840, 503,
        503, 676, 713, 593, 713, 676, 406, 713, 713, 346, 346, 668, 346, 1043, 713, 690,
        713, 713, 496, 593, 480, 713, 653, 923, 646, 653, 586, 713, 368, 713, 840,
    },
};
/* Latin-1 Supplement and Latin Extended-A: U+00A0 to U+017F, regular then bold. */
static const unsigned short latin_advance[2][224] = {
    {
        316, 398, 638, 638, 638, 638, 338, 503, 503, 998, 473, 616, 840, 666, 998, 503,
        503, 840, 398, 398, 503, 638, 638, 316, 503, 398, 473, 616, 968, 968, 968, 533,
        712, 712, 712, 712, 712, 683, 976, 698, 630, 630, 630, 630, 293, 293, 293, 293,
        773, 750, 788, 788, 788, 788, 788, 840, 788, 736, 736, 736, 736, 608, 608, 630,
        616, 616, 616, 616, 616, 616, 983, 548, 616, 616, 616, 616, 278, 278, 278, 278,
        616, 638, 616, 616, 616, 616, 616, 840, 616, 638, 638, 638, 638, 593, 638, 593,
        712, 616, 712, 616, 712, 616, 698, 548, 698, 548, 698, 548, 698, 548, 773, 638,
        773, 638, 630, 616, 630, 616, 630, 616, 630, 616, 630, 616, 773, 638, 773, 638,
        773, 638, 773, 638, 750, 638, 916, 698, 293, 278, 293, 278, 293, 278, 293, 278,
        293, 278, 593, 556, 293, 278, 653, 578, 578, 556, 278, 556, 278, 556, 376, 556,
        346, 563, 286, 750, 638, 750, 638, 750, 638, 810, 750, 638, 788, 616, 788, 616,
        788, 616, 1073, 1020, 698, 392, 698, 413, 698, 392, 638, 518, 638, 518, 638, 518,
        638, 518, 608, 390, 594, 390, 608, 390, 736, 638, 736, 638, 736, 638, 736, 638,
        736, 638, 736, 638, 990, 818, 608, 593, 608, 683, 526, 683, 526, 683, 526, 353,
    },
    {
        346, 458, 698, 698, 638, 698, 368, 503, 503, 998, 563, 646, 840, 666, 998, 503,
        503, 840, 436, 436, 503, 736, 638, 383, 503, 436, 563, 646, 1036, 1036, 1036, 578,
        773, 773, 773, 773, 773, 773, 1088, 736, 683, 683, 683, 683, 376, 376, 376, 376,
        840, 840, 848, 848, 848, 848, 848, 840, 848, 810, 810, 810, 810, 728, 736, 720,
        676, 676, 676, 676, 676, 676, 1050, 593, 676, 676, 676, 676, 346, 346, 346, 346,
        690, 713, 690, 690, 690, 690, 690, 840, 690, 713, 713, 713, 713, 653, 713, 653,
        773, 676, 773, 676, 773, 676, 736, 593, 736, 593, 736, 593, 736, 593, 833, 713,
        840, 713, 683, 676, 683, 676, 683, 676, 683, 676, 683, 676, 818, 713, 818, 713,
        818, 713, 818, 713, 840, 713, 976, 788, 376, 346, 376, 346, 376, 346, 376, 346,
        376, 346, 743, 683, 376, 346, 773, 668, 668, 638, 346, 638, 346, 638, 480, 638,
        556, 646, 368, 840, 713, 840, 713, 840, 713, 983, 840, 713, 848, 690, 848, 690,
        848, 690, 1170, 1096, 773, 496, 773, 496, 773, 496, 720, 593, 720, 593, 678, 593,
        678, 593, 683, 480, 704, 480, 683, 480, 810, 713, 810, 713, 810, 713, 810, 713,
        810, 713, 810, 713, 1103, 923, 728, 653, 728, 728, 586, 728, 586, 728, 586, 436,
    },
};
/* Cyrillic: U+0400 to U+045F, regular then bold. */
static const unsigned short cyrillic_advance[2][96] = {
    {
        630, 630, 788, 608, 698, 638, 293, 293, 293, 1096, 1043, 788, 713, 750, 608, 750,
        683, 683, 683, 608, 780, 630, 1080, 638, 750, 750, 713, 750, 863, 750, 788, 750,
        600, 698, 608, 608, 863, 683, 780, 683, 1073, 1096, 833, 886, 683, 698, 1080, 698,
        616, 616, 593, 526, 690, 616, 900, 533, 653, 653, 608, 638, 758, 653, 616, 653,
        638, 548, 586, 593, 856, 593, 683, 593, 916, 946, 706, 788, 593, 548, 840, 600,
        616, 616, 623, 526, 548, 518, 278, 278, 278, 900, 900, 653, 608, 653, 593, 653,
    },
    {
        683, 683, 878, 638, 736, 720, 376, 376, 376, 1156, 1133, 878, 818, 840, 773, 840,
        773, 766, 766, 638, 893, 683, 1223, 713, 840, 840, 818, 833, 998, 840, 848, 840,
        736, 736, 683, 773, 990, 773, 930, 810, 1238, 1328, 938, 1036, 766, 736, 1178, 773,
        676, 698, 630, 526, 810, 676, 998, 578, 698, 698, 676, 736, 818, 690, 690, 690,
        713, 593, 578, 653, 990, 646, 743, 690, 1066, 1103, 750, 908, 630, 593, 976, 646,
        676, 676, 713, 526, 593, 593, 346, 346, 346, 990, 953, 736, 676, 698, 653, 690,
    },
};
/* General Punctuation: U+2010 to U+2027, regular then bold. */
static const unsigned short punctuation_advance[2][24] = {
    {
        360, 360, 638, 503, 998, 998, 503, 503, 316, 316, 316, 316, 518, 518, 518, 518,
        503, 503, 593, 593, 338, 668, 998, 318,
    },
    {
        413, 413, 698, 503, 998, 998, 503, 503, 383, 383, 383, 383, 660, 660, 660, 660,
        503, 503, 638, 638, 330, 668, 998, 348,
    },
};
/* Symbols the renderers and journeys use, by code point: regular, bold. */
static const struct symbol_advance {
  uint32_t cp;
  unsigned short regular, bold;
} symbol_advance[] = {
    {0x2030, 1343, 1440}, /* ‰ */
    {0x2032, 226, 263}, /* ′ */
    {0x2033, 376, 450}, /* ″ */
    {0x2039, 398, 413}, /* ‹ */
    {0x203A, 398, 413}, /* › */
    {0x2044, 166, 166}, /* ⁄ */
    {0x20AC, 638, 698}, /* € */
    {0x20BD, 638, 698}, /* ₽ */
    {0x2116, 1043, 1200}, /* № */
    {0x2122, 998, 998}, /* ™ */
    {0x2190, 840, 840}, /* ← */
    {0x2191, 840, 840}, /* ↑ */
    {0x2192, 840, 840}, /* → */
    {0x2193, 840, 840}, /* ↓ */
    {0x2194, 840, 840}, /* ↔ */
    {0x2212, 840, 840}, /* − */
    {0x221E, 833, 833}, /* ∞ */
    {0x2248, 840, 840}, /* ≈ */
    {0x2260, 840, 840}, /* ≠ */
    {0x2264, 840, 840}, /* ≤ */
    {0x2265, 840, 840}, /* ≥ */
    {0x2300, 600, 600}, /* ⌀ */
    {0x25A0, 946, 946}, /* ■ */
    {0x25B2, 773, 773}, /* ▲ */
    {0x25BC, 773, 773}, /* ▼ */
    {0x25C6, 773, 773}, /* ◆ */
    {0x25CB, 870, 870}, /* ○ */
    {0x25CF, 870, 870}, /* ● */
    {0x2605, 900, 900}, /* ★ */
    {0x2713, 840, 840}, /* ✓ */
    {0x2714, 840, 840}, /* ✔ */
    {0x2715, 840, 840}, /* ✕ */
    {0x2716, 840, 840}, /* ✖ */
    {0x2717, 840, 840}, /* ✗ */
    {0xFFFD, 1028, 1110}, /* � */
};

enum {
  WIDE_ADVANCE = 1000,   /* CJK and other wide characters: Noto Sans CJK, a full em */
  OTHER_ADVANCE = 760,   /* other scripts (Greek, Armenian...): generous */
  OTHER_BOLD_ADVANCE = 840,
};
/* Graphviz lays text out with hinting: each glyph's advance is off by
 * up to 0.45 points at 9 to 14 points from the exact one, either way,
 * and the errors mostly cancel over a line. WIDTH_SLACK keeps a line
 * inside its box all the same. */
static const double WIDTH_SLACK = 1.04;
static const double LINE_SPACING = 1.1; /* Graphviz: 1.1 x the font size per line */

static int by_code_point(const void *key, const void *element) {
  uint32_t cp = *(const uint32_t *)key, other = ((const struct symbol_advance *)element)->cp;
  return cp < other ? -1 : cp > other;
}

/* Advance of code point cp in 1/1000 em, bold or regular. */
static unsigned advance(uint32_t cp, bool bold) {
  int b = bold ? 1 : 0;
  if (cp >= 0x20 && cp < 0x7F) return ascii_advance[b][cp - 0x20];
  if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return 0;
  if (cp < 0x180) return latin_advance[b][cp - 0xA0];
  if (cp >= 0x400 && cp < 0x460) return cyrillic_advance[b][cp - 0x400];
  if (cp >= 0x2010 && cp < 0x2028) return punctuation_advance[b][cp - 0x2010];
  const struct symbol_advance *s = bsearch(&cp, symbol_advance, sizeof symbol_advance / sizeof symbol_advance[0],
                                           sizeof symbol_advance[0], by_code_point);
  if (s) return bold ? s->bold : s->regular;
  int columns = cjm_char_width(cp);
  if (columns == 0) return 0;
  if (columns == 2) return WIDE_ADVANCE;
  return bold ? OTHER_BOLD_ADVANCE : OTHER_ADVANCE;
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
    total += advance(cp, bold);
  }
  return (double)total * size / 1000.0 * WIDTH_SLACK;
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

/* How a paragraph is set: points per 1/1000 em, and bold or not. */
typedef struct setting {
  double scale;
  bool bold;
} setting;

/* The width of s[from..to) in points. */
static double span_width(const char *s, size_t from, size_t to, setting set) {
  double used = 0;
  uint32_t cp;
  for (size_t k = from; k < to;) {
    k += next_char(s + k, to - k, &cp);
    used += (double)advance(cp, set.bold) * set.scale;
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

/* Wraps one paragraph s[0..len), which holds no newline, set as set. Greedy: each line takes as much as fits, then breaks at
 * the last opportunity, or cuts a word that does not fit on its own. */
static size_t wrap_paragraph(cjm_text_lines *lines, const char *s, size_t len, setting set, double width) {
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
    double w = (double)advance(cp, set.bold) * set.scale;
    if (cp != ' ' && i > start && used + w > width) {
      size_t end = has_break ? break_end : i;
      size_t next = has_break ? break_next : i;
      push_trimmed(lines, s, start, end);
      appended++;
      while (next < i && s[next] == ' ') next++;
      start = next;
      has_break = false;
      used = span_width(s, start, i, set);
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
  setting set = {size / 1000.0 * WIDTH_SLACK, bold};
  size_t appended = 0;
  size_t start = 0;
  for (size_t i = 0; i <= len; i++) {
    if (i == len || s[i] == '\n') {
      size_t end = i;
      if (end > start && s[end - 1] == '\r') end--;
      appended += wrap_paragraph(lines, s + start, end - start, set, width);
      start = i + 1;
    }
  }
  return appended;
}

void cjm_text_lines_free(cjm_text_lines *lines) {
  free(lines->items);
  *lines = (cjm_text_lines){0};
}
