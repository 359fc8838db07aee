/* utf8 — see utf8.h. Decoding follows RFC 3629 (Unicode's table 3-7 of
 * well-formed byte sequences); widths and identifier characters come from
 * small sorted range tables searched by bisection. The tables cover the
 * scripts a journey map is written in; characters of historic scripts not
 * listed count one column and are identifier characters. */
#include "lang/utf8.h"

/* An inclusive range of code points. */
typedef struct utf8_range {
  uint32_t first; /* first code point of the range */
  uint32_t last;  /* last code point of the range, >= first */
} utf8_range;

/* A character that stands for some ASCII punctuation or white space. */
typedef struct utf8_confusable {
  uint32_t cp;       /* the code point */
  const char *ascii; /* what the user probably meant; NULL when nothing */
  const char *name;  /* lowercase English name shown in diagnostics */
} utf8_confusable;

enum { UTF8_MAX = 0x10FFFF };

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- decoding and encoding ------------------------------------------- */

/* Whether b is a continuation byte (10xxxxxx). */
static bool is_cont(unsigned char b) { return (b & 0xC0) == 0x80; }

size_t cjm_utf8_decode(const char *s, size_t len, uint32_t *cp) {
  if (len == 0) {
    *cp = 0;
    return 0;
  }
  const unsigned char *p = (const unsigned char *)s;
  unsigned char b0 = p[0];
  *cp = b0;
  if (b0 < 0x80) return 1;

  /* The lead byte fixes the length and the range allowed for the second
   * byte; the narrower ranges exclude overlongs (E0, F0), surrogates (ED)
   * and code points above U+10FFFF (F4). C0, C1 and F5..FF never occur. */
  size_t n;
  unsigned char lo = 0x80, hi = 0xBF;
  uint32_t c;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
    c = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    c = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    c = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0; /* stray continuation byte, C0, C1 or F5..FF */
  }
  if (len < n) return 0;
  if (p[1] < lo || p[1] > hi) return 0;
  c = (c << 6) | (p[1] & 0x3F);
  for (size_t i = 2; i < n; i++) {
    if (!is_cont(p[i])) return 0;
    c = (c << 6) | (p[i] & 0x3F);
  }
  *cp = c;
  return n;
}

size_t cjm_utf8_encode(uint32_t cp, char out[4]) {
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  if (cp > UTF8_MAX) return 0;
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

size_t cjm_utf8_validate(const char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    uint32_t cp;
    size_t n = cjm_utf8_decode(s + i, len - i, &cp);
    if (n == 0) return i;
    i += n;
  }
  return len;
}

size_t cjm_utf8_count(const char *s, size_t len) {
  size_t count = 0;
  size_t i = 0;
  while (i < len) {
    uint32_t cp;
    size_t n = cjm_utf8_decode(s + i, len - i, &cp);
    i += n ? n : 1;
    count++;
  }
  return count;
}

/* ---- range tables ---------------------------------------------------- */

/* Whether cp lies in one of the n sorted, disjoint ranges of r. */
static bool in_ranges(uint32_t cp, const utf8_range *r, size_t n) {
  if (n == 0 || cp < r[0].first || cp > r[n - 1].last) return false;
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (cp < r[mid].first)
      hi = mid;
    else if (cp > r[mid].last)
      lo = mid + 1;
    else
      return true;
  }
  return false;
}

/* Characters that take no column: nonspacing and enclosing marks (Mn, Me)
 * of the scripts in use today, format characters (Cf) except the Arabic
 * and Syriac signs written before a number (U+0600..0605, U+06DD, U+070F,
 * U+0890..0891, U+08E2, which are visible), the medial and final Hangul
 * jamo that join the syllable before them, and the line and paragraph
 * separators. Unassigned gaps inside a run of marks are folded into the
 * run. From Unicode 15's UnicodeData.txt. */
static const utf8_range zero_width[] = {
  /* Latin-1 soft hyphen, combining diacriticals, Cyrillic */
  {0x00AD, 0x00AD}, {0x0300, 0x036F}, {0x0483, 0x0489},
  /* Hebrew */
  {0x0591, 0x05BD}, {0x05BF, 0x05BF}, {0x05C1, 0x05C2}, {0x05C4, 0x05C5},
  {0x05C7, 0x05C7},
  /* Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic Extended */
  {0x0610, 0x061A}, {0x061C, 0x061C}, {0x064B, 0x065F}, {0x0670, 0x0670},
  {0x06D6, 0x06DC}, {0x06DF, 0x06E4}, {0x06E7, 0x06E8}, {0x06EA, 0x06ED},
  {0x0711, 0x0711}, {0x0730, 0x074A}, {0x07A6, 0x07B0}, {0x07EB, 0x07F3},
  {0x07FD, 0x07FD}, {0x0816, 0x0819}, {0x081B, 0x0823}, {0x0825, 0x0827},
  {0x0829, 0x082D}, {0x0859, 0x085B}, {0x0898, 0x089F}, {0x08CA, 0x08E1},
  {0x08E3, 0x0902},
  /* Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu,
   * Kannada, Malayalam, Sinhala */
  {0x093A, 0x093A}, {0x093C, 0x093C}, {0x0941, 0x0948}, {0x094D, 0x094D},
  {0x0951, 0x0957}, {0x0962, 0x0963}, {0x0981, 0x0981}, {0x09BC, 0x09BC},
  {0x09C1, 0x09C4}, {0x09CD, 0x09CD}, {0x09E2, 0x09E3}, {0x09FE, 0x0A02},
  {0x0A3C, 0x0A3C}, {0x0A41, 0x0A51}, {0x0A70, 0x0A71}, {0x0A75, 0x0A75},
  {0x0A81, 0x0A82}, {0x0ABC, 0x0ABC}, {0x0AC1, 0x0AC8}, {0x0ACD, 0x0ACD},
  {0x0AE2, 0x0AE3}, {0x0AFA, 0x0B01}, {0x0B3C, 0x0B3C}, {0x0B3F, 0x0B3F},
  {0x0B41, 0x0B44}, {0x0B4D, 0x0B56}, {0x0B62, 0x0B63}, {0x0B82, 0x0B82},
  {0x0BC0, 0x0BC0}, {0x0BCD, 0x0BCD}, {0x0C00, 0x0C00}, {0x0C04, 0x0C04},
  {0x0C3C, 0x0C3C}, {0x0C3E, 0x0C40}, {0x0C46, 0x0C56}, {0x0C62, 0x0C63},
  {0x0C81, 0x0C81}, {0x0CBC, 0x0CBC}, {0x0CBF, 0x0CBF}, {0x0CC6, 0x0CC6},
  {0x0CCC, 0x0CCD}, {0x0CE2, 0x0CE3}, {0x0D00, 0x0D01}, {0x0D3B, 0x0D3C},
  {0x0D41, 0x0D44}, {0x0D4D, 0x0D4D}, {0x0D62, 0x0D63}, {0x0D81, 0x0D81},
  {0x0DCA, 0x0DCA}, {0x0DD2, 0x0DD6},
  /* Thai, Lao, Tibetan */
  {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E}, {0x0EB1, 0x0EB1},
  {0x0EB4, 0x0EBC}, {0x0EC8, 0x0ECE}, {0x0F18, 0x0F19}, {0x0F35, 0x0F35},
  {0x0F37, 0x0F37}, {0x0F39, 0x0F39}, {0x0F71, 0x0F7E}, {0x0F80, 0x0F84},
  {0x0F86, 0x0F87}, {0x0F8D, 0x0FBC}, {0x0FC6, 0x0FC6},
  /* Myanmar */
  {0x102D, 0x1030}, {0x1032, 0x1037}, {0x1039, 0x103A}, {0x103D, 0x103E},
  {0x1058, 0x1059}, {0x105E, 0x1060}, {0x1071, 0x1074}, {0x1082, 0x1082},
  {0x1085, 0x1086}, {0x108D, 0x108D}, {0x109D, 0x109D},
  /* Hangul jamo: medial vowels and final consonants */
  {0x1160, 0x11FF},
  /* Ethiopic, Philippine scripts, Khmer, Mongolian, Limbu, Buginese,
   * Tai Tham, Balinese, Sundanese, Batak, Lepcha, Vedic extensions */
  {0x135D, 0x135F}, {0x1712, 0x1714}, {0x1732, 0x1733}, {0x1752, 0x1753},
  {0x1772, 0x1773}, {0x17B4, 0x17B5}, {0x17B7, 0x17BD}, {0x17C6, 0x17C6},
  {0x17C9, 0x17D3}, {0x17DD, 0x17DD}, {0x180B, 0x180F}, {0x1885, 0x1886},
  {0x18A9, 0x18A9}, {0x1920, 0x1922}, {0x1927, 0x1928}, {0x1932, 0x1932},
  {0x1939, 0x193B}, {0x1A17, 0x1A18}, {0x1A1B, 0x1A1B}, {0x1A56, 0x1A56},
  {0x1A58, 0x1A60}, {0x1A62, 0x1A62}, {0x1A65, 0x1A6C}, {0x1A73, 0x1A7F},
  {0x1AB0, 0x1B03}, {0x1B34, 0x1B34}, {0x1B36, 0x1B3A}, {0x1B3C, 0x1B3C},
  {0x1B42, 0x1B42}, {0x1B6B, 0x1B73}, {0x1B80, 0x1B81}, {0x1BA2, 0x1BA5},
  {0x1BA8, 0x1BA9}, {0x1BAB, 0x1BAD}, {0x1BE6, 0x1BE6}, {0x1BE8, 0x1BE9},
  {0x1BED, 0x1BED}, {0x1BEF, 0x1BF1}, {0x1C2C, 0x1C33}, {0x1C36, 0x1C37},
  {0x1CD0, 0x1CD2}, {0x1CD4, 0x1CE0}, {0x1CE2, 0x1CE8}, {0x1CED, 0x1CED},
  {0x1CF4, 0x1CF4}, {0x1CF8, 0x1CF9},
  /* combining diacritical marks supplement */
  {0x1DC0, 0x1DFF},
  /* zero-width space and joiners, bidirectional controls, invisible
   * operators, combining marks for symbols */
  {0x200B, 0x200F}, {0x2028, 0x202E}, {0x2060, 0x206F}, {0x20D0, 0x20FF},
  /* Coptic, Ethiopic, Cyrillic Extended-A, CJK tone marks, kana voicing */
  {0x2CEF, 0x2CF1}, {0x2D7F, 0x2D7F}, {0x2DE0, 0x2DFF}, {0x302A, 0x302D},
  {0x3099, 0x309A},
  /* Cyrillic Extended-B, Bamum, Syloti Nagri, Saurashtra, Devanagari
   * Extended, Kayah Li, Rejang, Javanese, Cham, Myanmar Extended,
   * Tai Viet, Meetei Mayek */
  {0xA66F, 0xA672}, {0xA674, 0xA67D}, {0xA69E, 0xA69F}, {0xA6F0, 0xA6F1},
  {0xA802, 0xA802}, {0xA806, 0xA806}, {0xA80B, 0xA80B}, {0xA825, 0xA826},
  {0xA82C, 0xA82C}, {0xA8C4, 0xA8C5}, {0xA8E0, 0xA8F1}, {0xA8FF, 0xA8FF},
  {0xA926, 0xA92D}, {0xA947, 0xA951}, {0xA980, 0xA982}, {0xA9B3, 0xA9B3},
  {0xA9B6, 0xA9B9}, {0xA9BC, 0xA9BD}, {0xA9E5, 0xA9E5}, {0xAA29, 0xAA2E},
  {0xAA31, 0xAA32}, {0xAA35, 0xAA36}, {0xAA43, 0xAA43}, {0xAA4C, 0xAA4C},
  {0xAA7C, 0xAA7C}, {0xAAB0, 0xAAB0}, {0xAAB2, 0xAAB4}, {0xAAB7, 0xAAB8},
  {0xAABE, 0xAABF}, {0xAAC1, 0xAAC1}, {0xAAEC, 0xAAED}, {0xAAF6, 0xAAF6},
  {0xABE5, 0xABE5}, {0xABE8, 0xABE8}, {0xABED, 0xABED},
  /* Hangul Jamo Extended-B: medial vowels and final consonants */
  {0xD7B0, 0xD7FF},
  /* Hebrew presentation form, variation selectors, combining half marks,
   * byte-order mark, interlinear annotation controls */
  {0xFB1E, 0xFB1E}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF},
  {0xFFF9, 0xFFFB},
  /* shorthand format controls, musical symbol formatting and combining
   * marks, tags, variation selectors supplement */
  {0x1BCA0, 0x1BCA3}, {0x1D167, 0x1D169}, {0x1D173, 0x1D182},
  {0x1D185, 0x1D18B}, {0x1D1AA, 0x1D1AD}, {0xE0001, 0xE0001},
  {0xE0020, 0xE007F}, {0xE0100, 0xE01EF},
};

/* East Asian Wide (W) and Fullwidth (F) characters of Unicode 15's
 * EastAsianWidth.txt. Unassigned code points in blocks whose default is
 * W are folded in (CJK ideographs, planes 2 and 3). Ambiguous (A)
 * characters are narrow, as terminals outside CJK locales show them;
 * emoji whose default presentation is text (U+1F321 thermometer) are
 * narrow too. */
static const utf8_range wide[] = {
  /* Hangul jamo: leading consonants */
  {0x1100, 0x115F},
  /* emoji presentation symbols in the BMP */
  {0x231A, 0x231B}, {0x2329, 0x232A}, {0x23E9, 0x23EC}, {0x23F0, 0x23F0},
  {0x23F3, 0x23F3}, {0x25FD, 0x25FE}, {0x2614, 0x2615}, {0x2648, 0x2653},
  {0x267F, 0x267F}, {0x2693, 0x2693}, {0x26A1, 0x26A1}, {0x26AA, 0x26AB},
  {0x26BD, 0x26BE}, {0x26C4, 0x26C5}, {0x26CE, 0x26CE}, {0x26D4, 0x26D4},
  {0x26EA, 0x26EA}, {0x26F2, 0x26F3}, {0x26F5, 0x26F5}, {0x26FA, 0x26FA},
  {0x26FD, 0x26FD}, {0x2705, 0x2705}, {0x270A, 0x270B}, {0x2728, 0x2728},
  {0x274C, 0x274C}, {0x274E, 0x274E}, {0x2753, 0x2755}, {0x2757, 0x2757},
  {0x2795, 0x2797}, {0x27B0, 0x27B0}, {0x27BF, 0x27BF}, {0x2B1B, 0x2B1C},
  {0x2B50, 0x2B50}, {0x2B55, 0x2B55},
  /* CJK radicals, ideographic description, CJK symbols and punctuation
   * (U+3000 ideographic space wide, U+303F half fill space narrow), kana,
   * bopomofo, Hangul compatibility jamo, kanbun, CJK strokes, enclosed
   * CJK letters (less U+3248..324F, ambiguous), CJK compatibility,
   * CJK extension A */
  {0x2E80, 0x303E}, {0x3041, 0x3247}, {0x3250, 0x4DBF},
  /* CJK unified ideographs, Yi */
  {0x4E00, 0xA4CF},
  /* Hangul jamo extended-A, Hangul syllables */
  {0xA960, 0xA97F}, {0xAC00, 0xD7A3},
  /* CJK compatibility ideographs, vertical forms, CJK compatibility
   * forms, small form variants, full-width forms */
  {0xF900, 0xFAFF}, {0xFE10, 0xFE19}, {0xFE30, 0xFE6F}, {0xFF00, 0xFF60},
  {0xFFE0, 0xFFE6},
  /* ideographic symbols, Tangut, Khitan, kana supplements, Nushu */
  {0x16FE0, 0x16FE4}, {0x16FF0, 0x16FF1}, {0x17000, 0x18D7F},
  {0x1AFF0, 0x1AFFF}, {0x1B000, 0x1B2FF},
  /* mahjong, playing cards, enclosed alphanumerics and ideographs */
  {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E},
  {0x1F191, 0x1F19A}, {0x1F200, 0x1F265},
  /* miscellaneous symbols and pictographs, emoticons */
  {0x1F300, 0x1F320}, {0x1F32D, 0x1F335}, {0x1F337, 0x1F37C},
  {0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA}, {0x1F3CF, 0x1F3D3},
  {0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4}, {0x1F3F8, 0x1F43E},
  {0x1F440, 0x1F440}, {0x1F442, 0x1F4FC}, {0x1F4FF, 0x1F53D},
  {0x1F54B, 0x1F54E}, {0x1F550, 0x1F567}, {0x1F57A, 0x1F57A},
  {0x1F595, 0x1F596}, {0x1F5A4, 0x1F5A4}, {0x1F5FB, 0x1F64F},
  /* transport and map symbols, geometric shapes extended */
  {0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC}, {0x1F6D0, 0x1F6D2},
  {0x1F6D5, 0x1F6DF}, {0x1F6EB, 0x1F6EC}, {0x1F6F4, 0x1F6FC},
  {0x1F7E0, 0x1F7EB}, {0x1F7F0, 0x1F7F0},
  /* supplemental symbols and pictographs, symbols and pictographs
   * extended-A */
  {0x1F90C, 0x1F93A}, {0x1F93C, 0x1F945}, {0x1F947, 0x1F9FF},
  {0x1FA70, 0x1FAFF},
  /* CJK extensions B to H, compatibility ideographs supplement */
  {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

int cjm_char_width(uint32_t cp) {
  if (cp < 0x0300) return cp == 0x00AD ? 0 : 1;
  if (in_ranges(cp, zero_width, COUNT(zero_width))) return 0;
  if (in_ranges(cp, wide, COUNT(wide))) return 2;
  return 1;
}

/* Characters that may start or continue an emoji sequence (Unicode's
 * Extended_Pictographic, in the blocks where it has characters), less the
 * regional indicators and skin-tone modifiers, which have rules of their
 * own. */
static const utf8_range pictographic[] = {
  {0x00A9, 0x00A9}, {0x00AE, 0x00AE}, {0x203C, 0x203C}, {0x2049, 0x2049},
  {0x2122, 0x2122}, {0x2139, 0x2139}, {0x2194, 0x21AA}, {0x231A, 0x23FF},
  {0x24C2, 0x24C2}, {0x25AA, 0x25FE}, {0x2600, 0x27BF}, {0x2934, 0x2935},
  {0x2B05, 0x2B55}, {0x3030, 0x3030}, {0x303D, 0x303D}, {0x3297, 0x3297},
  {0x3299, 0x3299}, {0x1F000, 0x1F1E5}, {0x1F200, 0x1F3FA}, {0x1F400, 0x1FAFF},
};

static bool is_pictographic(uint32_t cp) { return in_ranges(cp, pictographic, COUNT(pictographic)); }
static bool is_regional_indicator(uint32_t cp) { return cp >= 0x1F1E6 && cp <= 0x1F1FF; }
static bool is_skin_tone(uint32_t cp) { return cp >= 0x1F3FB && cp <= 0x1F3FF; }

enum { ZWJ = 0x200D, VS16 = 0xFE0F };

size_t cjm_utf8_cluster(const char *s, size_t len, size_t *width) {
  uint32_t cp, next;
  size_t i = cjm_utf8_decode(s, len, &cp);
  if (i == 0) {
    *width = len ? 1 : 0;
    return len ? 1 : 0;
  }
  size_t w = (size_t)cjm_char_width(cp);
  bool emoji = is_pictographic(cp);
  size_t n;
  if (is_regional_indicator(cp) && (n = cjm_utf8_decode(s + i, len - i, &next)) && is_regional_indicator(next)) {
    i += n; /* a flag */
    w = 2;
  }
  while (i < len && (n = cjm_utf8_decode(s + i, len - i, &next)) > 0) {
    if (next == ZWJ) {
      i += n;
      uint32_t joined;
      size_t m = cjm_utf8_decode(s + i, len - i, &joined);
      if (emoji && m && is_pictographic(joined)) i += m; /* one picture: 👨‍👩‍👧 */
      continue;
    }
    if (emoji && (next == VS16 || is_skin_tone(next))) {
      w = 2; /* emoji presentation: ❤️, 👍🏽 */
    } else if (cjm_char_width(next) != 0) {
      break;
    }
    i += n; /* a combining mark or another zero-width character */
  }
  *width = w;
  return i;
}

size_t cjm_utf8_width(const char *s, size_t len) {
  size_t width = 0;
  for (size_t i = 0; i < len;) {
    size_t w;
    i += cjm_utf8_cluster(s + i, len - i, &w);
    width += w;
  }
  return width;
}

/* ---- identifier characters ------------------------------------------- */

/* Non-ASCII code points that may not appear in an identifier: white space,
 * punctuation, symbols, invisible format characters, surrogates and
 * private use. Noncharacters (U+FDD0..FDEF and the last two code points
 * of every plane) are rejected in cjm_utf8_is_ident_char itself. */
static const utf8_range not_ident[] = {
  /* C1 controls and Latin-1 punctuation and symbols; ª ² ³ µ ¹ º ¼ ½ ¾
   * are letters or numbers and stay identifier characters */
  {0x0080, 0x00A9}, {0x00AB, 0x00B1}, {0x00B4, 0x00B4}, {0x00B6, 0x00B8},
  {0x00BB, 0x00BB}, {0x00BF, 0x00BF}, {0x00D7, 0x00D7}, {0x00F7, 0x00F7},
  /* spacing modifier symbols (arrowheads, accents), but not the modifier
   * letters around them */
  {0x02C2, 0x02C5}, {0x02D2, 0x02DF}, {0x02E5, 0x02EB}, {0x02ED, 0x02ED},
  {0x02EF, 0x02FF},
  /* Greek question mark, tonos, ano teleia; Armenian punctuation and
   * signs */
  {0x037E, 0x037E}, {0x0384, 0x0385}, {0x0387, 0x0387}, {0x055A, 0x055F},
  {0x0589, 0x058A}, {0x058D, 0x058F},
  /* Hebrew punctuation */
  {0x05BE, 0x05BE}, {0x05C0, 0x05C0}, {0x05C3, 0x05C3}, {0x05C6, 0x05C6},
  {0x05F3, 0x05F4},
  /* Arabic number signs, comma, semicolon, question mark, percent,
   * separators, full stop, end of ayah; Syriac and NKo punctuation;
   * Arabic currency marks */
  {0x0600, 0x060F}, {0x061B, 0x061F}, {0x066A, 0x066D}, {0x06D4, 0x06D4},
  {0x06DD, 0x06DE}, {0x06E9, 0x06E9}, {0x06FD, 0x06FE}, {0x0700, 0x070F},
  {0x07F6, 0x07F9}, {0x07FE, 0x07FF}, {0x0890, 0x0891}, {0x08E2, 0x08E2},
  /* Indic dandas, abbreviation signs, currency and symbols */
  {0x0964, 0x0965}, {0x0970, 0x0970}, {0x09F2, 0x09F3}, {0x09FA, 0x09FB},
  {0x09FD, 0x09FD}, {0x0A76, 0x0A76}, {0x0AF0, 0x0AF1}, {0x0BF3, 0x0BFA},
  {0x0DF4, 0x0DF4},
  /* Thai baht and punctuation; Tibetan marks, punctuation and brackets;
   * Myanmar punctuation */
  {0x0E3F, 0x0E3F}, {0x0E4F, 0x0E4F}, {0x0E5A, 0x0E5B}, {0x0F01, 0x0F17},
  {0x0F1A, 0x0F1F}, {0x0F3A, 0x0F3D}, {0x0FD0, 0x0FDA}, {0x104A, 0x104F},
  /* Georgian paragraph separator, Ethiopic punctuation, Canadian
   * syllabics hyphen and full stop, Ogham space mark and feather marks,
   * Khmer punctuation and riel, Mongolian punctuation and vowel
   * separator */
  {0x10FB, 0x10FB}, {0x1360, 0x1368}, {0x1400, 0x1400}, {0x166D, 0x166E},
  {0x1680, 0x1680}, {0x169B, 0x169C}, {0x17D4, 0x17D6}, {0x17D8, 0x17DB},
  {0x1800, 0x180A}, {0x180E, 0x180E},
  /* Greek spacing accents */
  {0x1FBD, 0x1FBD}, {0x1FBF, 0x1FC1}, {0x1FCD, 0x1FCF}, {0x1FDD, 0x1FDF},
  {0x1FED, 0x1FEF}, {0x1FFD, 0x1FFE},
  /* general punctuation (spaces, zero-width characters, dashes, quotes,
   * bidirectional controls), superscript and subscript operators and
   * parentheses, currency */
  {0x2000, 0x206F}, {0x207A, 0x207E}, {0x208A, 0x208E}, {0x20A0, 0x20CF},
  /* arrows, mathematical operators, technical, control pictures, OCR,
   * enclosed alphanumerics, box drawing, blocks, geometric shapes,
   * miscellaneous symbols, dingbats, supplemental arrows and
   * mathematical symbols, Braille, miscellaneous symbols and arrows
   * (letterlike symbols and number forms, U+2100..218F, are identifier
   * characters) */
  {0x2190, 0x2BFF},
  /* supplemental punctuation, ideographic description characters */
  {0x2E00, 0x2E7F}, {0x2FF0, 0x2FFF},
  /* CJK space, punctuation, brackets and marks; 々 〆 〇 (U+3005..3007)
   * and the kana repeat marks are letters */
  {0x3000, 0x3004}, {0x3008, 0x3020}, {0x3030, 0x3030}, {0x3036, 0x3037},
  {0x303D, 0x303F}, {0x30A0, 0x30A0}, {0x30FB, 0x30FB},
  /* Slavonic asterisk, Cyrillic kavyka */
  {0xA673, 0xA673}, {0xA67E, 0xA67E},
  /* surrogates, private use */
  {0xD800, 0xDFFF}, {0xE000, 0xF8FF},
  /* Hebrew alternative plus sign, Arabic ornate parentheses,
   * noncharacters, rial sign and bismillah */
  {0xFB29, 0xFB29}, {0xFD3E, 0xFD3F}, {0xFDD0, 0xFDEF}, {0xFDFC, 0xFDFD},
  /* vertical forms, CJK compatibility forms, small form variants,
   * byte-order mark */
  {0xFE10, 0xFE1F}, {0xFE30, 0xFE6F}, {0xFEFF, 0xFEFF},
  /* full-width and half-width punctuation and symbols; full-width digits
   * and Latin letters and half-width kana and Hangul are letters */
  {0xFF00, 0xFF0F}, {0xFF1A, 0xFF20}, {0xFF3B, 0xFF40}, {0xFF5B, 0xFF65},
  {0xFFE0, 0xFFEE}, {0xFFF0, 0xFFFF},
  /* invisible format controls: Egyptian hieroglyphs, shorthand, music */
  {0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A},
  /* mahjong and domino tiles, playing cards, enclosed alphanumerics and
   * ideographs, emoji, pictographs, chess symbols */
  {0x1F000, 0x1FAFF},
  /* tags */
  {0xE0000, 0xE007F},
  /* supplementary private use areas A and B */
  {0xF0000, 0x10FFFF},
};

bool cjm_utf8_is_ident_char(uint32_t cp) {
  if (cp < 0x80 || cp > UTF8_MAX) return false;
  if ((cp & 0xFFFE) == 0xFFFE) return false; /* U+nFFFE, U+nFFFF */
  return !in_ranges(cp, not_ident, COUNT(not_ident));
}

/* ---- confusable characters ------------------------------------------- */

/* Characters that look like, or are typed in place of, ASCII that cjm
 * uses. Quotes of every kind map to "\"" (cjm has no single quotes);
 * invisible characters map to "" (the user meant nothing there). Entries
 * with a NULL ascii only name the character. Sorted by code point; every
 * entry is a non-identifier character (the unit tests check both). */
static const utf8_confusable confusables[] = {
  {0x00A0, " ", "no-break space"},
  {0x00AB, "\"", "left-pointing double angle quotation mark"},
  {0x00AD, "", "soft hyphen"},
  {0x00B7, NULL, "middle dot"},
  {0x00BB, "\"", "right-pointing double angle quotation mark"},
  {0x00D7, NULL, "multiplication sign"},
  {0x00F7, NULL, "division sign"},
  {0x037E, ";", "greek question mark"},
  {0x0589, ":", "armenian full stop"},
  {0x060C, ",", "arabic comma"},
  {0x061B, ";", "arabic semicolon"},
  {0x066A, "%", "arabic percent sign"},
  {0x066B, ".", "arabic decimal separator"},
  {0x066C, ",", "arabic thousands separator"},
  {0x06D4, ".", "arabic full stop"},
  {0x0964, NULL, "devanagari danda"},
  {0x1680, " ", "ogham space mark"},
  {0x180E, "", "mongolian vowel separator"},
  {0x2000, " ", "en quad"},
  {0x2001, " ", "em quad"},
  {0x2002, " ", "en space"},
  {0x2003, " ", "em space"},
  {0x2004, " ", "three-per-em space"},
  {0x2005, " ", "four-per-em space"},
  {0x2006, " ", "six-per-em space"},
  {0x2007, " ", "figure space"},
  {0x2008, " ", "punctuation space"},
  {0x2009, " ", "thin space"},
  {0x200A, " ", "hair space"},
  {0x200B, "", "zero-width space"},
  {0x200C, "", "zero-width non-joiner"},
  {0x200D, "", "zero-width joiner"},
  {0x200E, "", "left-to-right mark"},
  {0x200F, "", "right-to-left mark"},
  {0x2010, "-", "hyphen"},
  {0x2011, "-", "non-breaking hyphen"},
  {0x2012, "-", "figure dash"},
  {0x2013, "-", "en dash"},
  {0x2014, "-", "em dash"},
  {0x2015, "-", "horizontal bar"},
  {0x2018, "\"", "left single quotation mark"},
  {0x2019, "\"", "right single quotation mark"},
  {0x201A, "\"", "single low-9 quotation mark"},
  {0x201B, "\"", "single high-reversed-9 quotation mark"},
  {0x201C, "\"", "left double quotation mark"},
  {0x201D, "\"", "right double quotation mark"},
  {0x201E, "\"", "double low-9 quotation mark"},
  {0x201F, "\"", "double high-reversed-9 quotation mark"},
  {0x2022, NULL, "bullet"},
  {0x2024, ".", "one dot leader"},
  {0x2025, "..", "two dot leader"},
  {0x2026, "..", "horizontal ellipsis"},
  {0x2028, " ", "line separator"},
  {0x2029, " ", "paragraph separator"},
  {0x202A, "", "left-to-right embedding"},
  {0x202B, "", "right-to-left embedding"},
  {0x202C, "", "pop directional formatting"},
  {0x202D, "", "left-to-right override"},
  {0x202E, "", "right-to-left override"},
  {0x202F, " ", "narrow no-break space"},
  {0x2032, "\"", "prime"},
  {0x2033, "\"", "double prime"},
  {0x2039, "\"", "single left-pointing angle quotation mark"},
  {0x203A, "\"", "single right-pointing angle quotation mark"},
  {0x2043, "-", "hyphen bullet"},
  {0x2044, "/", "fraction slash"},
  {0x205F, " ", "medium mathematical space"},
  {0x2060, "", "word joiner"},
  {0x2066, "", "left-to-right isolate"},
  {0x2067, "", "right-to-left isolate"},
  {0x2068, "", "first strong isolate"},
  {0x2069, "", "pop directional isolate"},
  {0x2212, "-", "minus sign"},
  {0x2215, "/", "division slash"},
  {0x2236, ":", "ratio"},
  {0x2E3A, "-", "two-em dash"},
  {0x2E3B, "-", "three-em dash"},
  {0x3000, " ", "ideographic space"},
  {0x3001, ",", "ideographic comma"},
  {0x3002, ".", "ideographic full stop"},
  {0x3003, NULL, "ditto mark"},
  {0x3008, NULL, "left angle bracket"},
  {0x3009, NULL, "right angle bracket"},
  {0x300A, "\"", "left double angle bracket"},
  {0x300B, "\"", "right double angle bracket"},
  {0x300C, "\"", "left corner bracket"},
  {0x300D, "\"", "right corner bracket"},
  {0x300E, "\"", "left white corner bracket"},
  {0x300F, "\"", "right white corner bracket"},
  {0x3010, NULL, "left black lenticular bracket"},
  {0x3011, NULL, "right black lenticular bracket"},
  /* Japanese writes a range 1〜5; cjm writes it 1..5 */
  {0x301C, "..", "wave dash"},
  {0x301D, "\"", "reversed double prime quotation mark"},
  {0x301E, "\"", "double prime quotation mark"},
  {0x301F, "\"", "low double prime quotation mark"},
  {0x30FB, NULL, "katakana middle dot"},
  {0xFE50, ",", "small comma"},
  {0xFE51, ",", "small ideographic comma"},
  {0xFE52, ".", "small full stop"},
  {0xFE54, ";", "small semicolon"},
  {0xFE55, ":", "small colon"},
  {0xFE58, "-", "small em dash"},
  {0xFE59, "(", "small left parenthesis"},
  {0xFE5A, ")", "small right parenthesis"},
  {0xFE5F, "#", "small number sign"},
  {0xFE62, "+", "small plus sign"},
  {0xFE63, "-", "small hyphen-minus"},
  {0xFE6A, "%", "small percent sign"},
  {0xFEFF, "", "zero-width no-break space"},
  {0xFF01, "!", "full-width exclamation mark"},
  {0xFF02, "\"", "full-width quotation mark"},
  {0xFF03, "#", "full-width number sign"},
  {0xFF04, "$", "full-width dollar sign"},
  {0xFF05, "%", "full-width percent sign"},
  {0xFF06, "&", "full-width ampersand"},
  {0xFF07, "\"", "full-width apostrophe"},
  {0xFF08, "(", "full-width left parenthesis"},
  {0xFF09, ")", "full-width right parenthesis"},
  {0xFF0A, "*", "full-width asterisk"},
  {0xFF0B, "+", "full-width plus sign"},
  {0xFF0C, ",", "full-width comma"},
  {0xFF0D, "-", "full-width hyphen-minus"},
  {0xFF0E, ".", "full-width full stop"},
  {0xFF0F, "/", "full-width solidus"},
  {0xFF1A, ":", "full-width colon"},
  {0xFF1B, ";", "full-width semicolon"},
  {0xFF1C, "<", "full-width less-than sign"},
  {0xFF1D, "=", "full-width equals sign"},
  {0xFF1E, ">", "full-width greater-than sign"},
  {0xFF1F, "?", "full-width question mark"},
  {0xFF20, "@", "full-width commercial at"},
  {0xFF3B, "[", "full-width left square bracket"},
  {0xFF3C, "\\", "full-width reverse solidus"},
  {0xFF3D, "]", "full-width right square bracket"},
  {0xFF3E, "^", "full-width circumflex accent"},
  {0xFF3F, "_", "full-width low line"},
  {0xFF40, "`", "full-width grave accent"},
  {0xFF5B, "{", "full-width left curly bracket"},
  {0xFF5C, "|", "full-width vertical line"},
  {0xFF5D, "}", "full-width right curly bracket"},
  /* 1～5, as for the wave dash */
  {0xFF5E, "..", "full-width tilde"},
  {0xFF61, ".", "half-width ideographic full stop"},
  {0xFF62, "\"", "half-width left corner bracket"},
  {0xFF63, "\"", "half-width right corner bracket"},
  {0xFF64, ",", "half-width ideographic comma"},
  {0xFF65, NULL, "half-width katakana middle dot"},
};

/* The confusables entry for cp, or NULL. */
static const utf8_confusable *find_confusable(uint32_t cp) {
  size_t lo = 0, hi = COUNT(confusables);
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (cp < confusables[mid].cp)
      hi = mid;
    else if (cp > confusables[mid].cp)
      lo = mid + 1;
    else
      return &confusables[mid];
  }
  return NULL;
}

const char *cjm_utf8_confusable(uint32_t cp, const char **name) {
  const utf8_confusable *c = cp < 0x80 ? NULL : find_confusable(cp);
  if (name) *name = c ? c->name : NULL;
  return c ? c->ascii : NULL;
}
