/* fast_lex — the fast lexer: see fast_lex.h. Why it is faster, and what
 * each trick saves: bench/README.md, "The fast lexer". */
#include "lang/fast_lex.h"

#include <string.h>

#include "lang/utf8.h"
#include "parser.h"

static inline bool ascii_digit(unsigned char c) { return (unsigned char)(c - '0') < 10; }

static inline bool ascii_letter(unsigned char c) { return (unsigned char)((c | 0x20) - 'a') < 26; }

/* [A-Za-z0-9_-]: the ASCII part of IDCHAR in lexer.l. */
static inline bool ascii_ident_char(unsigned char c) {
  return ascii_letter(c) || ascii_digit(c) || c == '_' || c == '-';
}

/* The bytes among the eight at p that a plain string cannot simply hold:
 * control characters (below 0x20), 0x7F and up, quotes and backslashes.
 * The result has the high bit of each such byte set, exactly for the first
 * one (the bit tricks of plain_ascii8 in lex.c can also mark a byte after it); 0
 * when the eight bytes are plain text. */
static inline uint64_t string_special8(const char *p) {
  uint64_t w;
  memcpy(&w, p, 8);
  const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  uint64_t below_space = (w - ones * 0x20) & ~w;
  uint64_t above_tilde = (w + ones * 0x01) | w;
  uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
  return (below_space | above_tilde | ((q - ones) & ~q) | ((b - ones) & ~b)) & highs;
}

/* The number of bytes before the first one marked in a string_special8
 * result (not 0). */
static inline size_t first_special(uint64_t special) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  return (size_t)__builtin_ctzll(special) / 8;
#else
  (void)special;
  return 0; /* the bytes are then looked at one by one */
#endif
}

/* The length of the well-formed UTF-8 sequence that starts at p with a
 * byte from 0x80 up, or 0 when it is ill-formed: the rules of
 * cjm_utf8_decode, for text that a NUL byte ends (no byte is read past the
 * first that breaks the sequence). */
static inline size_t utf8_sequence(const unsigned char *p) {
  unsigned char b0 = p[0], lo = 0x80, hi = 0xBF;
  size_t n;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (p[1] < lo || p[1] > hi) return 0;
  for (size_t i = 2; i < n; i++)
    if ((p[i] & 0xC0) != 0x80) return 0;
  return n;
}

/* The fast path for a one-line string at text (its opening quote) whose
 * body is plain, well-formed text: printable ASCII other than a
 * backslash, and well-formed UTF-8 from 0x80 up. Its value is then its body as written, so it is
 * copied without decoding and its columns are counted on the way. Returns
 * the end of the string token, or NULL (nothing done) when the body holds
 * anything else or the string does not end on its line. */
static const char *plain_string(cjm_parse_ctx *ctx, const char *text, const char *end,
                                cjm_token_value *value, cjm_loc *loc) {
  const char *body = text + 1, *q = body;
  uint32_t columns = 2; /* the quotes */
  for (;;) {
    if (q + 8 <= end) {
      uint64_t special = string_special8(q);
      size_t plain = special ? first_special(special) : 8;
      q += plain;
      columns += (uint32_t)plain;
      if (!special) continue;
    }
    unsigned char c = (unsigned char)*q;
    if (c == '"') break;
    size_t n = c >= 0x20 && c < 0x7f && c != '\\' ? 1 : c >= 0x80 ? utf8_sequence((const unsigned char *)q) : 0;
    if (n == 0) return NULL;
    q += n;
    columns++;
  }
  size_t len = (size_t)(q - body);
  if (len > ctx->limits.max_string_bytes) return NULL;
  cjm_lex_locate_columns(ctx, text, len + 2, columns, loc);
  char *out = cjm_arena_alloc_aligned(ctx->arena, len + 1, 1);
  memcpy(out, body, len);
  out[len] = '\0';
  value->string = out;
  return q + 1;
}

/* {IDSTART}{IDCHAR}* at p when every character of the match is an
 * identifier character: returns its end and sets *columns, or NULL when the
 * rule's match would start or go on with a character that is not one (the
 * rule's action then has more to decide). The match stops at a byte that
 * starts no well-formed UTF-8 sequence, as the rule's does. */
static const char *scan_identifier(const char *p, uint32_t *columns) {
  const char *q = p;
  uint32_t n = 0;
  for (;; n++) {
    unsigned char c = (unsigned char)*q;
    if (c < 0x80) {
      if (!(ascii_letter(c) || c == '_' || (n > 0 && (ascii_digit(c) || c == '-')))) break;
      q++;
      continue;
    }
    size_t k = utf8_sequence((const unsigned char *)q);
    if (k == 0) break;
    uint32_t cp;
    cjm_utf8_decode(q, k, &cp);
    if (!cjm_utf8_is_ident_char(cp)) return NULL;
    q += k;
  }
  *columns = n;
  return n ? q : NULL;
}

int cjm_lex_fast(cjm_parse_ctx *ctx, const char **pos, cjm_token_value *value, cjm_loc *loc) {
  const char *p = *pos;
  const char *end = ctx->text + ctx->source->len; /* the first of the two NULs */
  /* Each branch below stops at a NUL byte, so nothing reads past end. */
  while (!ctx->stopped) { /* once stopped, the rules end the scan (YY_USER_ACTION) */
    unsigned char c = (unsigned char)*p;
    const char *q = p + 1;
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      /* [ \t\r\n]+, counting newlines on the way (cjm_lex_space) */
      uint32_t newlines = c == '\n';
      const char *line = c == '\n' ? q : NULL;
      for (;; q++) {
        if (*q == '\n') {
          newlines++;
          line = q + 1;
        } else if (*q != ' ' && *q != '\t' && *q != '\r') {
          break;
        }
      }
      cjm_lex_move_past_space(ctx, (size_t)(q - p), newlines, line ? (size_t)(q - line) : 0);
      p = q;
      continue;
    }
    if (ascii_letter(c) || c == '_' || c >= 0x80) {
      /* {IDSTART}{IDCHAR}* and the keywords, when all the characters are
       * identifier characters. */
      uint32_t columns;
      q = scan_identifier(p, &columns);
      if (!q) break;
      size_t len = (size_t)(q - p);
      cjm_lex_locate_columns(ctx, p, len, columns, loc);
      /* Only ASCII words can be reserved. */
      const cjm_keyword *k = columns == len ? cjm_keyword_index_find(&ctx->keywords, p, len) : NULL;
      *pos = q;
      if (k) return cjm_lex_keyword(ctx, k, loc);
      cjm_lex_ident(ctx, p, len, value, loc);
      return TOK_IDENT;
    }
    if (c == '"') {
      /* \"([^"\\\n]|\\.)*\" when the string ends on its line and holds no
       * control character, copied as it is when it is plain text, else
       * decoded; """ opens a long string (the rules). */
      if (*q == '"' && q[1] == '"') break;
      const char *after = plain_string(ctx, p, end, value, loc);
      if (after) {
        *pos = after;
        return TOK_STRING;
      }
      for (;;) {
        unsigned char d = (unsigned char)*q;
        if (d == '"') break;
        if (d == '\\' && (unsigned char)q[1] >= 0x20) q += 2;
        else if (d >= 0x20 && d != '\\') q++;
        else goto rules;
      }
      q++;
      cjm_lex_string(ctx, p, (size_t)(q - p), true, value, loc);
      *pos = q;
      return TOK_STRING;
    }
    if (ascii_digit(c) || ((c == '-' || c == '+') && ascii_digit((unsigned char)*q))) {
      /* {NUMBER}, unless an identifier character follows ({NUMBER}{IDCHAR}+). */
      while (ascii_digit((unsigned char)*q)) q++;
      if (*q == '.' && ascii_digit((unsigned char)q[1])) {
        q += 2;
        while (ascii_digit((unsigned char)*q)) q++;
      }
      if (*q == '%') q++;
      if (ascii_ident_char((unsigned char)*q) || (unsigned char)*q >= 0x80) break;
      cjm_lex_number(ctx, p, (size_t)(q - p), value, loc);
      *pos = q;
      return TOK_NUMBER;
    }
    if (c == '#') {
      /* "#"[^\n]*, unless it holds a NUL byte (reported by the rules). */
      q += strcspn(q, "\n"); /* to the newline, or a NUL */
      if (*q == '\0' && q != end) break;
      cjm_lex_comment(ctx, p, (size_t)(q - p));
      p = q;
      continue;
    }
    if (c == ',') {
      cjm_lex_locate(ctx, p, 1, loc);
      *pos = q;
      return TOK_COMMA;
    }
    break;
  }
rules:
  *pos = p;
  return 0;
}
