/* Unit tests for lang/utf8: strict decoding, encoding, validation, code
 * point counts, display widths, identifier characters and confusables. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "lang/utf8.h"

/* Byte length of a string literal, without its terminating NUL. */
#define LIT_LEN(s) (sizeof(s) - 1)

/* Asserts that decoding s[0..len) yields cp in n bytes. */
static void expect_decode(const char *s, size_t len, size_t n, uint32_t cp) {
  uint32_t got = 0xDEADBEEF;
  assert_int_equal(cjm_utf8_decode(s, len, &got), n);
  assert_int_equal(got, cp);
}

/* A text (its first len bytes) and what a function measures of it. */
typedef struct measured {
  const char *text;
  size_t len;
  size_t want;
} measured;

/* A string literal and its length, for a measured. */
#define TEXT(s) (s), LIT_LEN(s)

/* Asserts fn(text, len) == want for each of the n cases. */
static void expect_measures(size_t (*fn)(const char *, size_t), const measured *cases, size_t n) {
  for (size_t i = 0; i < n; i++) {
    size_t got = fn(cases[i].text, cases[i].len);
    if (got != cases[i].want) fail_msg("case %zu: %zu, expected %zu", i, got, cases[i].want);
  }
}

/* Asserts that s[0..len) is rejected and *cp holds its first byte. */
static void expect_reject(const char *s, size_t len) {
  uint32_t got = 0xDEADBEEF;
  assert_int_equal(cjm_utf8_decode(s, len, &got), 0);
  assert_int_equal(got, (unsigned char)s[0]);
  assert_int_equal(cjm_utf8_validate(s, len), 0);
}

/* ---- decode: well-formed sequences of every length ------------------- */

static void decode_one_byte_ascii(void **state) {
  (void)state;
  expect_decode("A", 1, 1, 0x41);
  expect_decode("\x7F", 1, 1, 0x7F);
  expect_decode("\0", 1, 1, 0x00);
  expect_decode("Mia", 3, 1, 'M'); /* only the first code point */
}

static void decode_two_bytes_from_u0080_to_u07ff(void **state) {
  (void)state;
  expect_decode("\xC2\x80", 2, 2, 0x80);
  expect_decode("\xC3\xA9", 2, 2, 0xE9);   /* é */
  expect_decode("\xD0\xBA", 2, 2, 0x43A);  /* к */
  expect_decode("\xDF\xBF", 2, 2, 0x7FF);
  expect_decode("\xC3\xA9x", 3, 2, 0xE9);  /* trailing bytes ignored */
}

static void decode_three_bytes_from_u0800_to_uffff(void **state) {
  (void)state;
  expect_decode("\xE0\xA0\x80", 3, 3, 0x800);
  expect_decode("\xE6\x80\xBB", 3, 3, 0x603B); /* 总 */
  expect_decode("\xED\x9F\xBF", 3, 3, 0xD7FF); /* just below surrogates */
  expect_decode("\xEE\x80\x80", 3, 3, 0xE000); /* just above surrogates */
  expect_decode("\xEF\xBB\xBF", 3, 3, 0xFEFF); /* byte-order mark */
  expect_decode("\xEF\xBF\xBF", 3, 3, 0xFFFF);
}

static void decode_four_bytes_from_u10000_to_u10ffff(void **state) {
  (void)state;
  expect_decode("\xF0\x90\x80\x80", 4, 4, 0x10000);
  expect_decode("\xF0\x9F\x98\x80", 4, 4, 0x1F600); /* 😀 */
  expect_decode("\xF0\xA0\x80\x80", 4, 4, 0x20000);
  expect_decode("\xF3\xBF\xBF\xBF", 4, 4, 0xFFFFF);
  expect_decode("\xF4\x8F\xBF\xBF", 4, 4, 0x10FFFF);
}

static void decode_empty_range_returns_zero_and_cp_zero(void **state) {
  (void)state;
  uint32_t cp = 0xDEADBEEF;
  assert_int_equal(cjm_utf8_decode("abc", 0, &cp), 0);
  assert_int_equal(cp, 0);
  cp = 0xDEADBEEF;
  assert_int_equal(cjm_utf8_decode(NULL, 0, &cp), 0);
  assert_int_equal(cp, 0);
}

/* ---- decode: every class of ill-formed input ------------------------- */

static void decode_rejects_overlong_forms(void **state) {
  (void)state;
  expect_reject("\xC0\x80", 2);         /* U+0000 in two bytes */
  expect_reject("\xC0\xAF", 2);         /* '/' in two bytes */
  expect_reject("\xC1\xBF", 2);         /* U+007F in two bytes */
  expect_reject("\xE0\x80\x80", 3);     /* U+0000 in three bytes */
  expect_reject("\xE0\x9F\xBF", 3);     /* U+07FF in three bytes */
  expect_reject("\xF0\x80\x80\x80", 4); /* U+0000 in four bytes */
  expect_reject("\xF0\x8F\xBF\xBF", 4); /* U+FFFF in four bytes */
}

static void decode_rejects_utf16_surrogates(void **state) {
  (void)state;
  expect_reject("\xED\xA0\x80", 3); /* U+D800 */
  expect_reject("\xED\xAD\xBF", 3); /* U+DB7F */
  expect_reject("\xED\xB0\x80", 3); /* U+DC00 */
  expect_reject("\xED\xBF\xBF", 3); /* U+DFFF */
  /* a surrogate pair encoded as two three-byte sequences (CESU-8) */
  expect_reject("\xED\xA0\xBD\xED\xB8\x80", 6);
}

static void decode_rejects_code_points_above_u10ffff(void **state) {
  (void)state;
  expect_reject("\xF4\x90\x80\x80", 4); /* U+110000 */
  expect_reject("\xF4\xBF\xBF\xBF", 4);
  expect_reject("\xF5\x80\x80\x80", 4);
  expect_reject("\xF7\xBF\xBF\xBF", 4); /* U+1FFFFF */
}

static void decode_rejects_truncated_sequences(void **state) {
  (void)state;
  expect_reject("\xC3", 1);
  expect_reject("\xC3\xA9", 1);             /* range ends inside é */
  expect_reject("\xE6\x80", 2);
  expect_reject("\xE6", 1);
  expect_reject("\xF0\x9F\x98", 3);
  expect_reject("\xF0\x9F\x98\x80", 3);     /* range ends inside 😀 */
  expect_reject("\xF0", 1);
}

static void decode_rejects_missing_continuation_bytes(void **state) {
  (void)state;
  expect_reject("\xC3" "A", 2);
  expect_reject("\xE6\x80" "A", 3);
  expect_reject("\xE6" "AB", 3);
  expect_reject("\xF0\x9F\x98" "A", 4);
  expect_reject("\xF0\x9F" "AB", 4);
  /* a lead byte where a continuation byte is due */
  expect_reject("\xC3\xC3\xA9", 3);
}

static void decode_rejects_stray_continuation_bytes(void **state) {
  (void)state;
  expect_reject("\x80", 1);
  expect_reject("\xBF", 1);
  expect_reject("\x80\x80\x80", 3);
  expect_reject("\xA9" "e", 2);
}

static void decode_rejects_bytes_never_in_utf8(void **state) {
  (void)state;
  expect_reject("\xFE", 1);
  expect_reject("\xFF", 1);
  expect_reject("\xFE\xFF", 2);                 /* UTF-16 byte-order mark */
  expect_reject("\xF8\x88\x80\x80\x80", 5);     /* old five-byte form */
  expect_reject("\xFC\x84\x80\x80\x80\x80", 6); /* old six-byte form */
}

/* ---- encode ----------------------------------------------------------- */

static void encode_writes_each_length_at_its_boundaries(void **state) {
  (void)state;
  static const struct {
    uint32_t cp;       /* code point to encode */
    const char *bytes; /* expected UTF-8 */
    size_t len;        /* expected length */
  } cases[] = {
      {0x00, "\x00", 1},
      {0x41, "A", 1},
      {0x7F, "\x7F", 1},
      {0x80, "\xC2\x80", 2},
      {0x43A, "\xD0\xBA", 2},
      {0x7FF, "\xDF\xBF", 2},
      {0x800, "\xE0\xA0\x80", 3},
      {0x603B, "\xE6\x80\xBB", 3},
      {0xD7FF, "\xED\x9F\xBF", 3},
      {0xE000, "\xEE\x80\x80", 3},
      {0xFFFD, "\xEF\xBF\xBD", 3},
      {0xFFFF, "\xEF\xBF\xBF", 3},
      {0x10000, "\xF0\x90\x80\x80", 4},
      {0x1F600, "\xF0\x9F\x98\x80", 4},
      {0x10FFFF, "\xF4\x8F\xBF\xBF", 4},
  };
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    char out[4] = {0};
    size_t n = cjm_utf8_encode(cases[i].cp, out);
    assert_int_equal(n, cases[i].len);
    assert_memory_equal(out, cases[i].bytes, n);
    uint32_t back = 0;
    assert_int_equal(cjm_utf8_decode(out, n, &back), n);
    assert_int_equal(back, cases[i].cp);
  }
}

static void encode_rejects_surrogates_and_values_above_max(void **state) {
  (void)state;
  char out[4];
  assert_int_equal(cjm_utf8_encode(0xD800, out), 0);
  assert_int_equal(cjm_utf8_encode(0xDBFF, out), 0);
  assert_int_equal(cjm_utf8_encode(0xDC00, out), 0);
  assert_int_equal(cjm_utf8_encode(0xDFFF, out), 0);
  assert_int_equal(cjm_utf8_encode(0x110000, out), 0);
  assert_int_equal(cjm_utf8_encode(0x7FFFFFFF, out), 0);
  assert_int_equal(cjm_utf8_encode(UINT32_MAX, out), 0);
}

static void encode_then_decode_round_trips_every_scalar_value(void **state) {
  (void)state;
  for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
    char out[4];
    size_t n = cjm_utf8_encode(cp, out);
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      assert_int_equal(n, 0);
      continue;
    }
    size_t want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    assert_int_equal(n, want);
    uint32_t back = 0;
    assert_int_equal(cjm_utf8_decode(out, n, &back), n);
    assert_int_equal(back, cp);
    /* one byte short is always a truncated sequence */
    if (n > 1) assert_int_equal(cjm_utf8_decode(out, n - 1, &back), 0);
  }
}

/* ---- validate --------------------------------------------------------- */

static void validate_returns_length_of_valid_text(void **state) {
  (void)state;
  static const char text[] = "persona 总裁 \"клиент\" feel +1 😀 ｶＡ";
  static const measured cases[] = {{TEXT(text), LIT_LEN(text)}, {TEXT(""), 0}, {NULL, 0, 0}};
  expect_measures(cjm_utf8_validate, cases, sizeof cases / sizeof cases[0]);
}

static void validate_returns_offset_of_first_bad_byte(void **state) {
  (void)state;
  static const measured cases[] = {
      {TEXT("\x80" "abc"), 0},
      {TEXT("ab\xC3"), 2}, /* truncated */
      {TEXT("ab\xC3\xA9\xFF"), 4},
      {TEXT("\xE6\x80\xBB\xE8\xA3\x81\x80"), 6}, /* 总裁 is six bytes; the stray byte follows them */
      {TEXT("a\xED\xA0\x80"), 1},                /* surrogate */
      {TEXT("Mia\xC0\x80"), 3},                   /* overlong */
      {TEXT("x\xF4\x90\x80\x80"), 1},
      {"a\xF0\x9F\x98\x80", 4, 1}, /* the range is cut inside a valid sequence */
  };
  expect_measures(cjm_utf8_validate, cases, sizeof cases / sizeof cases[0]);
}

/* ---- count ------------------------------------------------------------ */

static void count_counts_code_points_of_valid_text(void **state) {
  (void)state;
  static const measured cases[] = {
      {TEXT(""), 0}, {TEXT("Mia"), 3}, {TEXT("总裁"), 2}, {TEXT("клиент"), 6},
      {TEXT("e\u0301"), 2}, {TEXT("😀"), 1}, {TEXT("by 小美，老板"), 8},
  };
  expect_measures(cjm_utf8_count, cases, sizeof cases / sizeof cases[0]);
}

static void count_counts_each_ill_formed_byte_as_one(void **state) {
  (void)state;
  static const measured cases[] = {
      {TEXT("a\x80" "b"), 3},
      {TEXT("\xE6\x80"), 2},     /* truncated */
      {TEXT("\xF0\x9F\x98"), 3}, /* truncated */
      {TEXT("\xC0\x80"), 2},     /* overlong */
      {TEXT("\xED\xA0\x80"), 3}, /* surrogate */
      {TEXT("\xFE\xFF"), 2},
      {TEXT("\xE6\xE6\x80\xBB"), 2}, /* a valid sequence right after a bad byte still counts as one */
  };
  expect_measures(cjm_utf8_count, cases, sizeof cases / sizeof cases[0]);
}

/* ---- width ------------------------------------------------------------ */

static void width_of_mixed_scripts(void **state) {
  (void)state;
  static const measured cases[] = {
      {TEXT(""), 0}, {TEXT("Mia"), 3}, {TEXT("总裁"), 4}, {TEXT("клиент"), 6}, {TEXT("e\u0301"), 1},
      {TEXT("😀"), 2}, {TEXT("ｶ"), 1}, {TEXT("Ａ"), 2},
      {TEXT("by 小美，老板"), 13},   /* 3 + 4 + 2 (full-width comma) + 4 */
      {TEXT("a\u200Db\uFE0F"), 2}, /* zero-width joiner and variation selector take no column */
  };
  expect_measures(cjm_utf8_width, cases, sizeof cases / sizeof cases[0]);
}

/* Emoji sequences are one picture two columns wide, as terminals draw them. */
static void width_of_emoji_sequences(void **state) {
  (void)state;
  static const measured cases[] = {
      {TEXT("\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466"), 2}, /* family: ZWJ sequence */
      {TEXT("\U0001F1EF\U0001F1F5"), 2},                         /* flag of Japan: regional indicators */
      {TEXT("\U0001F1EF\U0001F1F5\U0001F1EB\U0001F1F7"), 4},   /* two flags */
      {TEXT("\u2764\uFE0F"), 2},                                 /* heart with VS16: emoji presentation */
      {TEXT("\u2764"), 1},                                        /* without it: text presentation */
      {TEXT("\U0001F44D\U0001F3FD"), 2},                         /* thumbs up, skin tone */
      {TEXT("\U0001F3F3\uFE0F\u200D\U0001F308"), 2},           /* rainbow flag */
      {TEXT("a\U0001F468\u200D\U0001F469b"), 4},
      {TEXT("x\u200D\U0001F469"), 3},                           /* a letter does not join */
  };
  expect_measures(cjm_utf8_width, cases, sizeof cases / sizeof cases[0]);
}

/* A cluster keeps a base with its marks, and an ill-formed byte alone. */
static void cluster_lengths(void **state) {
  (void)state;
  size_t w;
  assert_int_equal(cjm_utf8_cluster("e\u0301x", 4, &w), 3);
  assert_int_equal(w, 1);
  assert_int_equal(cjm_utf8_cluster("\xFFx", 2, &w), 1);
  assert_int_equal(w, 1);
  assert_int_equal(cjm_utf8_cluster("", 0, &w), 0);
  assert_int_equal(w, 0);
  const char family[] = "\U0001F468\u200D\U0001F469\u200D\U0001F467!";
  assert_int_equal(cjm_utf8_cluster(family, sizeof family - 1, &w), sizeof family - 2);
  assert_int_equal(w, 2);
}

static void width_counts_each_ill_formed_byte_as_one(void **state) {
  (void)state;
  static const measured cases[] = {
      {TEXT("a\xFF" "b"), 3},
      {TEXT("\xE6\x80"), 2},
      {TEXT("\xC0\x80"), 2},
      {TEXT("\xF0\x9F\x98"), 3}, /* a cut wide character: three bad bytes, three columns */
      {TEXT("\x80\xE6\x80\xBB"), 3},
  };
  expect_measures(cjm_utf8_width, cases, sizeof cases / sizeof cases[0]);
}

static void char_width_of_zero_width_characters(void **state) {
  (void)state;
  static const uint32_t zero[] = {
      0x00AD, 0x0300, 0x0301, 0x036F, 0x0483, 0x0489, 0x0591, 0x05BD,
      0x0610, 0x064B, 0x065F, 0x0670, 0x093C, 0x094D, 0x0E31, 0x0E48,
      0x0F71, 0x1160, 0x11FF, 0x17B4, 0x180B, 0x1AB0, 0x1AFF, 0x1DC0,
      0x1DFF, 0x200B, 0x200C, 0x200D, 0x200F, 0x2028, 0x202E, 0x2060,
      0x2064, 0x20D0, 0x20E3, 0x20FF, 0x302A, 0x3099, 0x309A, 0xD7B0,
      0xFE00, 0xFE0F, 0xFE20, 0xFE2F, 0xFEFF, 0xE0001, 0xE0020, 0xE007F,
      0xE0100, 0xE01EF,
  };
  for (size_t i = 0; i < sizeof(zero) / sizeof(zero[0]); i++) {
    if (cjm_char_width(zero[i]) != 0)
      fail_msg("U+%04X should be 0", (unsigned)zero[i]);
  }
}

static void char_width_of_wide_characters(void **state) {
  (void)state;
  static const uint32_t two[] = {
      0x1100,  0x115F,  0x231A,  0x2329,  0x23F0,  0x2614,  0x26A1,
      0x2705,  0x2728,  0x2B50,  0x2B55,  0x2E80,  0x3000,  0x3001,
      0x303E,  0x3041,  0x30A2,  0x3247,  0x3250,  0x33FF,  0x3400,
      0x4DBF,  0x4E00,  0x603B,  0x9FFF,  0xA000,  0xA4CF,  0xA960,
      0xAC00,  0xD7A3,  0xF900,  0xFAFF,  0xFE10,  0xFE19,  0xFE30,
      0xFE6F,  0xFF01,  0xFF0C,  0xFF21,  0xFF60,  0xFFE0,  0xFFE6,
      0x16FE0, 0x17000, 0x1B000, 0x1F004, 0x1F0CF, 0x1F18E, 0x1F191,
      0x1F200, 0x1F300, 0x1F389, 0x1F600, 0x1F64F, 0x1F680, 0x1F6FC,
      0x1F7E0, 0x1F90C, 0x1F9FF, 0x1FA70, 0x1FAFF, 0x20000, 0x2A6DF,
      0x2FFFD, 0x30000, 0x3FFFD,
  };
  for (size_t i = 0; i < sizeof(two) / sizeof(two[0]); i++) {
    if (cjm_char_width(two[i]) != 2)
      fail_msg("U+%04X should be 2", (unsigned)two[i]);
  }
}

static void char_width_of_narrow_characters(void **state) {
  (void)state;
  static const uint32_t one[] = {
      0x0000, 0x0009, 0x001B, 0x0041, 0x007F, 0x0080, 0x009F, 0x00A0,
      0x00E9, 0x0370, 0x043A, 0x0600, /* Arabic number sign: visible */
      0x0628, 0x0915, 0x0E01, 0x10FF, 0x1200, 0x2010, 0x2026, 0x2192,
      0x231C, 0x2500, 0x2603, 0x2E7F, 0x303F, /* half fill space */
      0x3248, /* ambiguous */
      0x4DC0, /* Yijing hexagram */
      0xD7A4, 0xE000, 0xFB1D, 0xFE1A, 0xFE70, 0xFF61, 0xFF76, 0xFF9F,
      0xFFE8, 0xFFFD, 0x10000, 0x1D400, 0x1F000, 0x1F0A1, 0x1F1E6,
      0x1F321, /* thermometer: text presentation */
      0x1F650, 0x1F700, 0x1FB00, 0x2FFFE, 0x3FFFE, 0xE0000, 0x10FFFF,
      0x110000, /* not a code point at all */
  };
  for (size_t i = 0; i < sizeof(one) / sizeof(one[0]); i++) {
    if (cjm_char_width(one[i]) != 1)
      fail_msg("U+%04X should be 1", (unsigned)one[i]);
  }
}

static void char_width_is_zero_one_or_two_everywhere(void **state) {
  (void)state;
  size_t counts[3] = {0, 0, 0};
  for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
    int w = cjm_char_width(cp);
    assert_in_range(w, 0, 2);
    counts[w]++;
  }
  /* the tables are not empty and not everything */
  assert_true(counts[0] > 1000);
  assert_true(counts[2] > 100000);
  assert_true(counts[1] > counts[2]);
}

/* ---- identifier characters ------------------------------------------- */

static void ident_char_accepts_letters_of_every_script(void **state) {
  (void)state;
  static const uint32_t yes[] = {
      0x603B, /* 总 */  0x88C1, /* 裁 */  0x043A, /* к */
      0x30A2, /* ア */  0x3042, /* あ */  0x3005, /* 々 */
      0x3006, /* 〆 */  0x3007, /* 〇 */  0x30FC, /* ー */
      0xAC00, /* 가 */  0x00E9, /* é */   0x00AA, /* ª */
      0x00B2, /* ² */   0x00B3, /* ³ */   0x00B5, /* µ */
      0x00B9, /* ¹ */   0x00BA, /* º */   0x00BC, /* ¼ */
      0x00BE, /* ¾ */   0x00C0, /* À */   0x00FF, /* ÿ */
      0x03B1, /* α */   0x05D0, /* א */   0x0628, /* ب */
      0x0915, /* क */   0x0E01, /* ก */   0x0301, /* combining acute */
      0x2103, /* ℃ */   0x2160, /* Ⅰ */   0xFF10, /* ０ */
      0xFF19, /* ９ */  0xFF21, /* Ａ */  0xFF3A, /* Ｚ */
      0xFF41, /* ａ */  0xFF5A, /* ｚ */  0xFF66, /* ｦ */
      0xFF76, /* ｶ */   0xFF9F, /* ﾟ */   0x20000, /* 𠀀 */
      0x1D400, /* 𝐀 */
  };
  for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
    if (!cjm_utf8_is_ident_char(yes[i]))
      fail_msg("U+%04X should be an identifier character", (unsigned)yes[i]);
  }
}

static void ident_char_rejects_space_punctuation_and_symbols(void **state) {
  (void)state;
  static const uint32_t no[] = {
      0x0080, 0x00A0, 0x00A9, 0x00AB, 0x00AD, 0x00B4, 0x00B7, 0x00BB,
      0x00BF, 0x00D7, 0x00F7, 0x037E, 0x060C, 0x061F, 0x06D4, 0x0964,
      0x1680, 0x2000, 0x200B, 0x200D, 0x2013, 0x2018, 0x201C, 0x2026,
      0x202E, 0x2030, 0x206F, 0x20AC, 0x2190, 0x2212, 0x23FF, 0x2500,
      0x2603, 0x27BF, 0x27C0, 0x2BFF, 0x2E00, 0x2E7F, 0x3000, 0x3001,
      0x3002, 0x3004, 0x3008, 0x300C, 0x301C, 0x3020, 0x3030, 0x303D,
      0x30FB, 0xE000, 0xF8FF, 0xFDD0, 0xFDEF, 0xFE10, 0xFE30, 0xFE50,
      0xFE6F, 0xFEFF, 0xFF01, 0xFF0C, 0xFF0F, 0xFF1A, 0xFF20, 0xFF3B,
      0xFF40, 0xFF5B, 0xFF64, 0xFF65, 0xFFE0, 0xFFEE, 0xFFF0, 0xFFFD,
      0xFFFE, 0xFFFF, 0x1F000, 0x1F389, 0x1F600, 0x1F680, 0x1FAFF,
      0x1FFFE, 0x2FFFF, 0xE0001, 0xF0000, 0x10FFFF,
      0xD800, 0xDFFF,             /* surrogates */
      0x110000, UINT32_MAX,       /* not code points */
  };
  for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
    if (cjm_utf8_is_ident_char(no[i]))
      fail_msg("U+%04X should not be an identifier character", (unsigned)no[i]);
  }
}

static void ident_char_leaves_ascii_to_the_lexer(void **state) {
  (void)state;
  for (uint32_t cp = 0; cp < 0x80; cp++)
    assert_false(cjm_utf8_is_ident_char(cp));
}

/* ---- confusables ------------------------------------------------------ */

/* A confusable character: what it maps to in ASCII, and its name. */
typedef struct confusable {
  uint32_t cp;
  const char *ascii, *name;
} confusable;

/* Asserts for each of the n cases that cp maps to ascii and is named name. */
static void expect_confusables(const confusable *cases, size_t n) {
  for (size_t i = 0; i < n; i++) {
    const char *got_name = "unset";
    const char *got = cjm_utf8_confusable(cases[i].cp, &got_name);
    if (!got || !got_name || strcmp(got, cases[i].ascii) != 0 || strcmp(got_name, cases[i].name) != 0)
      fail_msg("U+%04X maps to \"%s\" (%s), expected \"%s\" (%s)", (unsigned)cases[i].cp, got ? got : "(null)",
               got_name ? got_name : "(null)", cases[i].ascii, cases[i].name);
    assert_false(cjm_utf8_is_ident_char(cases[i].cp));
  }
}

static void confusable_maps_cjk_punctuation_to_ascii(void **state) {
  (void)state;
  static const confusable cases[] = {
      {0xFF0C, ",", "full-width comma"},
      {0x3001, ",", "ideographic comma"},
      {0x3000, " ", "ideographic space"},
      {0x300C, "\"", "left corner bracket"},
      {0x300D, "\"", "right corner bracket"},
      {0xFF05, "%", "full-width percent sign"},
      {0x3002, ".", "ideographic full stop"},
      {0xFF64, ",", "half-width ideographic comma"},
      {0xFE50, ",", "small comma"},
      {0xFF02, "\"", "full-width quotation mark"},
      {0xFF03, "#", "full-width number sign"},
      {0xFF0B, "+", "full-width plus sign"},
      {0xFF0D, "-", "full-width hyphen-minus"},
      {0xFF0E, ".", "full-width full stop"},
      {0xFF08, "(", "full-width left parenthesis"},
      {0xFF09, ")", "full-width right parenthesis"},
      {0xFF1A, ":", "full-width colon"},
      {0xFF1B, ";", "full-width semicolon"},
      {0xFF3F, "_", "full-width low line"},
      {0x301C, "..", "wave dash"},
  };
  expect_confusables(cases, sizeof cases / sizeof cases[0]);
}

static void confusable_maps_quotes_and_dashes_to_ascii(void **state) {
  (void)state;
  static const confusable cases[] = {
      {0x201C, "\"", "left double quotation mark"},
      {0x201D, "\"", "right double quotation mark"},
      {0x201E, "\"", "double low-9 quotation mark"},
      {0x2018, "\"", "left single quotation mark"},
      {0x2019, "\"", "right single quotation mark"},
      {0x00AB, "\"", "left-pointing double angle quotation mark"},
      {0x00BB, "\"", "right-pointing double angle quotation mark"},
      {0x2026, "..", "horizontal ellipsis"},
      {0x2025, "..", "two dot leader"},
      {0x2010, "-", "hyphen"},
      {0x2013, "-", "en dash"},
      {0x2014, "-", "em dash"},
      {0x2015, "-", "horizontal bar"},
      {0x2212, "-", "minus sign"},
      {0x060C, ",", "arabic comma"},
      {0x037E, ";", "greek question mark"},
  };
  expect_confusables(cases, sizeof cases / sizeof cases[0]);
}

static void confusable_maps_spaces_and_invisibles(void **state) {
  (void)state;
  static const confusable cases[] = {
      {0x00A0, " ", "no-break space"},
      {0x2002, " ", "en space"},
      {0x2009, " ", "thin space"},
      {0x202F, " ", "narrow no-break space"},
      {0x205F, " ", "medium mathematical space"},
      {0x200B, "", "zero-width space"},
      {0xFEFF, "", "zero-width no-break space"},
      {0x202E, "", "right-to-left override"},
  };
  expect_confusables(cases, sizeof cases / sizeof cases[0]);
  for (uint32_t cp = 0x2000; cp <= 0x200A; cp++) {
    const char *name = NULL;
    const char *ascii = cjm_utf8_confusable(cp, &name);
    assert_non_null(ascii);
    assert_string_equal(ascii, " ");
    assert_non_null(name);
  }
}

static void confusable_names_symbols_it_cannot_map(void **state) {
  (void)state;
  const char *name = NULL;
  assert_null(cjm_utf8_confusable(0x30FB, &name));
  assert_non_null(name);
  assert_string_equal(name, "katakana middle dot");
  assert_null(cjm_utf8_confusable(0x00D7, &name));
  assert_non_null(name);
  assert_string_equal(name, "multiplication sign");
}

static void confusable_is_null_for_ascii_letters_and_emoji(void **state) {
  (void)state;
  /* ASCII (not confusable), 总, Ａ (a letter), 😀, and past U+10FFFF */
  static const uint32_t plain[] = {',', 0x603B, 0xFF21, 0x1F600, 0x110000};
  for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
    const char *name = "unset";
    assert_null(cjm_utf8_confusable(plain[i], &name));
    assert_null(name);
  }
  /* name may be NULL when the caller only wants the suggestion */
  assert_string_equal(cjm_utf8_confusable(0xFF0C, NULL), ",");
  assert_null(cjm_utf8_confusable(0x603B, NULL));
}

/* Every confusable is a non-identifier character, maps to at most two
 * printable ASCII or space characters, and has a lowercase name. */
static void confusable_entries_are_consistent_everywhere(void **state) {
  (void)state;
  size_t mapped = 0;
  for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
    const char *name = NULL;
    const char *ascii = cjm_utf8_confusable(cp, &name);
    if (!ascii && !name) continue;
    if (cp < 0x80) fail_msg("ASCII U+%04X has an entry", (unsigned)cp);
    if (cjm_utf8_is_ident_char(cp))
      fail_msg("U+%04X is confusable and an identifier character",
               (unsigned)cp);
    assert_non_null(name);
    assert_true(strlen(name) > 0);
    for (const char *p = name; *p; p++) {
      if (*p >= 'A' && *p <= 'Z')
        fail_msg("U+%04X name '%s' is not lowercase", (unsigned)cp, name);
    }
    if (ascii) {
      mapped++;
      assert_true(strlen(ascii) <= 2);
      for (const char *p = ascii; *p; p++) assert_in_range(*p, 0x20, 0x7E);
    }
  }
  assert_true(mapped > 60);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(decode_one_byte_ascii),
      cmocka_unit_test(decode_two_bytes_from_u0080_to_u07ff),
      cmocka_unit_test(decode_three_bytes_from_u0800_to_uffff),
      cmocka_unit_test(decode_four_bytes_from_u10000_to_u10ffff),
      cmocka_unit_test(decode_empty_range_returns_zero_and_cp_zero),
      cmocka_unit_test(decode_rejects_overlong_forms),
      cmocka_unit_test(decode_rejects_utf16_surrogates),
      cmocka_unit_test(decode_rejects_code_points_above_u10ffff),
      cmocka_unit_test(decode_rejects_truncated_sequences),
      cmocka_unit_test(decode_rejects_missing_continuation_bytes),
      cmocka_unit_test(decode_rejects_stray_continuation_bytes),
      cmocka_unit_test(decode_rejects_bytes_never_in_utf8),
      cmocka_unit_test(encode_writes_each_length_at_its_boundaries),
      cmocka_unit_test(encode_rejects_surrogates_and_values_above_max),
      cmocka_unit_test(encode_then_decode_round_trips_every_scalar_value),
      cmocka_unit_test(validate_returns_length_of_valid_text),
      cmocka_unit_test(validate_returns_offset_of_first_bad_byte),
      cmocka_unit_test(count_counts_code_points_of_valid_text),
      cmocka_unit_test(count_counts_each_ill_formed_byte_as_one),
      cmocka_unit_test(width_of_mixed_scripts),
      cmocka_unit_test(width_of_emoji_sequences),
      cmocka_unit_test(cluster_lengths),
      cmocka_unit_test(width_counts_each_ill_formed_byte_as_one),
      cmocka_unit_test(char_width_of_zero_width_characters),
      cmocka_unit_test(char_width_of_wide_characters),
      cmocka_unit_test(char_width_of_narrow_characters),
      cmocka_unit_test(char_width_is_zero_one_or_two_everywhere),
      cmocka_unit_test(ident_char_accepts_letters_of_every_script),
      cmocka_unit_test(ident_char_rejects_space_punctuation_and_symbols),
      cmocka_unit_test(ident_char_leaves_ascii_to_the_lexer),
      cmocka_unit_test(confusable_maps_cjk_punctuation_to_ascii),
      cmocka_unit_test(confusable_maps_quotes_and_dashes_to_ascii),
      cmocka_unit_test(confusable_maps_spaces_and_invisibles),
      cmocka_unit_test(confusable_names_symbols_it_cannot_map),
      cmocka_unit_test(confusable_is_null_for_ascii_letters_and_emoji),
      cmocka_unit_test(confusable_entries_are_consistent_everywhere),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
