/* text_wrap — see text_wrap.h.
 *
 * Widths: advances in thousandths of an em of the fonts CJM_GV_FONTS
 * names, as Graphviz 2.42's pango layout sets them: DejaVu Sans (Book and
 * Bold) for Latin, Cyrillic, punctuation and symbols, Noto Sans CJK for
 * what DejaVu lacks (CJK: a full em). The measured ones, regular and bold
 * per character, are data: runtime/render/graphviz/glyph_advance.tsv, which
 * scripts/measure_glyphs.sh measures through `dot -Txdot` (run it again
 * whenever CJM_GV_FONTS changes) and the build makes into the rows of
 * glyph_advances below. Characters it does not list get an estimate by
 * their column width. */
#include "runtime/render/graphviz/text_wrap.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "lang/arena.h"
#include "runtime/base/grow.h"
#include "lang/utf8.h"

/* One measured character: a row of runtime/glyph_advance.tsv. */
typedef struct glyph_advance {
  uint32_t cp;            /* its code point */
  unsigned short regular; /* its advance in 1/1000 em, regular */
  unsigned short bold;    /* and bold */
} glyph_advance;

/* The measured characters by ascending code point, from
 * runtime/render/graphviz/glyph_advance.tsv: the build (scripts/glyph_advance.cmake)
 * writes the rows, having checked that the code points ascend, that none
 * is a control character, and that all of U+0020..U+007E are there, so
 * that they are the first rows: printable ASCII is glyph_advances[cp -
 * ASCII_FIRST]. */
static const glyph_advance glyph_advances[] = {
#include "glyph_advance.inc"
};

enum {
  ASCII_FIRST = 0x20, /* printable ASCII, the first rows of glyph_advances */
  ASCII_END = 0x7F,   /* the first code point after them */
  GLYPH_COUNT = sizeof glyph_advances / sizeof glyph_advances[0],
};
_Static_assert(GLYPH_COUNT >= ASCII_END - ASCII_FIRST, "glyph_advance.tsv lacks printable ASCII");

enum {
  WIDE_ADVANCE = 1000,   /* CJK and other wide characters: Noto Sans CJK, a full em */
  EMOJI_ADVANCE = 1250,  /* wide emoji (is_emoji): Noto Color Emoji, 1.246 em */
  OTHER_ADVANCE = 760,   /* other scripts (Greek, Armenian...): generous */
  OTHER_BOLD_ADVANCE = 840,
};
/* Graphviz lays text out with hinting: each glyph's advance is off by
 * up to 0.45 points at 9 to 14 points from the exact one, either way,
 * and the errors mostly cancel over a line. WIDTH_SLACK keeps a line
 * inside its box all the same. */
static const double WIDTH_SLACK = 1.04;
static const double LINE_SPACING = 1.1; /* Graphviz: 1.1 x the font size per line */
/* More between two lines of CJK text: Graphviz advances an HTML-like
 * label's lines by their font size, and the ideographs and kana of Noto
 * Sans CJK fill 0.85 em of it; with 0.3 em more the lines read apart. */
static const double CJK_LEADING = 0.3;

/* The measured advances of cp, or NULL if glyph_advance.tsv does not
 * list it: printable ASCII by index, the rest by binary search. */
static const glyph_advance *measured(uint32_t cp) {
  if (cp >= ASCII_FIRST && cp < ASCII_END) return &glyph_advances[cp - ASCII_FIRST];
  size_t lo = ASCII_END - ASCII_FIRST, hi = GLYPH_COUNT; /* cp is in [lo, hi) if anywhere */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (glyph_advances[mid].cp < cp)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < GLYPH_COUNT && glyph_advances[lo].cp == cp ? &glyph_advances[lo] : NULL;
}

/* Whether a wide character is an emoji, which Noto Color Emoji sets: the
 * pictographs of plane 1 and the wide symbols of U+2300..U+2BFF (☕ ⭐ ⌛). */
static bool is_emoji(uint32_t cp) { return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2300 && cp <= 0x2BFF); }

/* Advance of code point cp in 1/1000 em, bold or regular: none for a
 * control character, the measured one, else by its column width. */
static unsigned advance(uint32_t cp, bool bold) {
  if (cp < ASCII_FIRST || (cp >= ASCII_END && cp < 0xA0)) return 0;
  const glyph_advance *g = measured(cp);
  if (g) return bold ? g->bold : g->regular;
  int columns = cjm_char_width(cp);
  if (columns == 0) return 0;
  if (columns == 2) return is_emoji(cp) ? EMOJI_ADVANCE : WIDE_ADVANCE;
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

/* Whether s[0..len) holds a wide character (CJK). */
static bool has_wide(const char *s, size_t len) {
  uint32_t cp;
  for (size_t i = 0; i < len;) {
    i += next_char(s + i, len - i, &cp);
    if (cjm_char_width(cp) == 2) return true;
  }
  return false;
}

double cjm_text_block_leading(const cjm_text_lines *lines, size_t first, size_t count, double size) {
  for (size_t i = first; i < first + count; i++)
    if (has_wide(lines->items[i].text, lines->items[i].len))
      return round(size * CJK_LEADING * 10) / 10; /* as cjm_gv_put_lines writes it, to a tenth */
  return 0;
}

double cjm_text_block_height(const cjm_text_lines *lines, size_t first, size_t count, double size) {
  double h = (double)count * cjm_text_line_height(size);
  if (count > 1) h += (double)(count - 1) * cjm_text_block_leading(lines, first, count, size);
  return h;
}

/* What must not start a line (kinsoku): closing brackets, commas, stops,
 * and their full-width forms; the middle dot ・, the iteration mark 々 and
 * small hiragana (UAX #14's CJ class, taken strictly). */
static bool no_line_start(uint32_t cp) {
  switch (cp) {
  case ',': case '.': case ';': case ':': case '!': case '?': case ')': case ']': case '}':
  case 0x3001: case 0x3002: case 0xFF0C: case 0xFF0E: case 0xFF1A: case 0xFF1B: case 0xFF01:
  case 0xFF1F: case 0xFF09: case 0x300D: case 0x300F: case 0x3011: case 0x300B: case 0x3009:
  case 0x201D: case 0x2019: case 0x00BB: case 0x2026: case 0x30FC: case 0xFF5E:
  case 0x30FB: case 0x3005: case 0x3041: case 0x3043: case 0x3045: case 0x3047: case 0x3049:
  case 0x3063: case 0x3083: case 0x3085: case 0x3087: case 0x308E:
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
  *CJM_PUSH(lines->items, lines->count, lines->capacity) = (cjm_text_line){text, len};
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

/* Whether cp is katakana: full-width (with the prolonged sound mark ー and
 * the iteration marks, not the middle dot ・, which separates words),
 * phonetic extensions, and half-width. */
static bool is_katakana(uint32_t cp) {
  return (cp >= 0x30A1 && cp <= 0x30FA) || (cp >= 0x30FC && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF) ||
         (cp >= 0xFF66 && cp <= 0xFF9F);
}

/* Whether a line may break between prev and cp (cp not a space). Between
 * ideographs and kana it may (UAX #14's ID class), but a run of katakana
 * is one word, a loanword such as トライアル or コンテンツ, and is kept
 * whole as a Latin or Cyrillic word is. */
static bool may_break(uint32_t prev, uint32_t cp) {
  if (prev == ' ' || prev == '-' || prev == '/' || prev == 0x2013 || prev == 0x2014) return true;
  if (is_katakana(prev) && is_katakana(cp)) return false;
  bool wide = cjm_char_width(cp) == 2 || cjm_char_width(prev) == 2;
  return wide && !no_line_start(cp) && !no_line_end(prev);
}

/* Whether the word that goes on at s[i..len) has just one character left
 * (the next one ends it: a space, a break, or the end). */
static bool last_of_word(const char *s, size_t i, size_t len) {
  uint32_t cp, next;
  size_t n = next_char(s + i, len - i, &cp);
  if (i + n >= len) return true;
  next_char(s + i + n, len - i - n, &next);
  return next == ' ' || may_break(cp, next);
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
  uint32_t prev = 0, before_prev = 0;
  size_t prev_at = start; /* where the character before i starts */
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
      /* A word cut because it fits no line leaves two characters at least
       * for the next one, never its last alone ("трудност|ь"). */
      bool cut_leaves_one = !has_break && last_of_word(s, i, len);
      /* Nor does the paragraph's last wide character go alone on the last
       * line ("オンラインセミナーに参加す|る"): the break moves back one
       * character, where a break may be. */
      bool last_alone = has_break && next == i && i + n >= len && cjm_char_width(cp) == 2 &&
                        may_break(before_prev, prev);
      if ((cut_leaves_one || last_alone) && prev_at > start) {
        end = next = prev_at;
        i = prev_at;
        n = next_char(s + i, len - i, &cp);
        w = (double)advance(cp, set.bold) * set.scale;
      }
      push_trimmed(lines, s, start, end);
      appended++;
      while (next < i && s[next] == ' ') next++;
      start = next;
      has_break = false;
      used = span_width(s, start, i, set);
    }
    used += w;
    before_prev = i > start ? prev : 0;
    prev = cp;
    prev_at = i;
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
