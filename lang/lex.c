/* lex — the helpers behind the scanner rules in lexer.l: locations in code
 * points, identifiers and keywords, numbers, string decoding, comments and
 * the diagnostics for characters that start no token. The fast lexer
 * (fast_lex.c) calls some of them too; the token source that chooses
 * between the two is yylex.c. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lang/parse_ctx.h"
#include "lang/utf8.h"
#include "parser.h"

/* ---- positions ---------------------------------------------------------- */

void cjm_lex_space(cjm_parse_ctx *ctx, const char *text, size_t len) {
  const char *nl = text + len;
  while (nl > text && nl[-1] != '\n') nl--; /* runs are short: look back by hand */
  uint32_t newlines = 0;
  for (const char *p = text; p < nl; p++) newlines += *p == '\n';
  cjm_lex_move_past_space(ctx, len, newlines, (size_t)(text + len - nl));
}

/* The location of byte `at` inside a token that starts at `start` and whose
 * text begins at `text`, one code point wide (zero at the end of input). */
static cjm_loc loc_within(const cjm_parse_ctx *ctx, const cjm_loc *start, const char *text,
                          size_t at) {
  cjm_loc loc = *start;
  for (size_t i = 0; i < at;) {
    if (text[i] == '\n') {
      loc.line++;
      loc.col = 1;
      i++;
      continue;
    }
    uint32_t cp;
    size_t n = cjm_utf8_decode(text + i, at - i, &cp);
    loc.col++; /* a code point, or one ill-formed byte */
    i += n ? n : 1;
  }
  loc.offset = start->offset + (uint32_t)at;
  uint32_t cp;
  size_t n = cjm_utf8_decode(text + at, ctx->source->len - loc.offset, &cp);
  if (n == 0) n = loc.offset < ctx->source->len ? 1 : 0;
  loc.end_line = loc.line;
  loc.end_col = loc.col + (n ? 1 : 0);
  loc.end_offset = loc.offset + (uint32_t)n;
  return loc;
}

/* Recomputes the end column of a one-line token text[0..len) that holds
 * ill-formed UTF-8, where each ill-formed byte is a column of its own (the
 * fast count in cjm_lex_locate assumes well-formed text). */
static void recount_columns(cjm_parse_ctx *ctx, cjm_loc *loc, const char *text, size_t len) {
  loc->end_col = loc->col + (uint32_t)cjm_utf8_count(text, len);
  ctx->col = loc->end_col;
}

/* Describes code point cp for a message: U+3000 'ideographic space'. */
static void describe(uint32_t cp, char *buf, size_t size) {
  const char *name = NULL;
  cjm_utf8_confusable(cp, &name);
  char glyph[5] = {0};
  bool printable = cp >= 0x20 && cp != 0x7f && !(cp >= 0x80 && cp < 0xa0) &&
                   !(cp >= 0x2000 && cp <= 0x200f) && !(cp >= 0x2028 && cp <= 0x202f) &&
                   !(cp >= 0x2060 && cp <= 0x206f) && cp != 0xfeff && cp != 0x3000 && cp != 0xa0 &&
                   cjm_char_width(cp) > 0;
  if (printable) cjm_utf8_encode(cp, glyph);
  if (printable && name) snprintf(buf, size, "'%s' (U+%04X %s)", glyph, cp, name);
  else if (printable) snprintf(buf, size, "'%s' (U+%04X)", glyph, cp);
  else if (name) snprintf(buf, size, "U+%04X (%s)", cp, name);
  else snprintf(buf, size, "U+%04X", cp);
}

/* ---- comments ----------------------------------------------------------- */

/* Reports ill-formed UTF-8 and control characters in text[0..len), which
 * starts at loc; tabs are allowed, and newlines when allow_newline.
 * Returns whether the text was clean. */
static bool check_text(cjm_parse_ctx *ctx, const cjm_loc *loc, const char *text, size_t len,
                       bool allow_newline, const char *where) {
  bool clean = true;
  size_t i = 0;
  while (i < len) {
    unsigned char c = (unsigned char)text[i];
    if (c >= 0x20 && c < 0x7f) {
      i++;
      continue;
    }
    uint32_t cp;
    size_t n = cjm_utf8_decode(text + i, len - i, &cp);
    if (n == 0) {
      cjm_loc at = loc_within(ctx, loc, text, i);
      cjm_error(ctx->diags, "encoding", &at, "invalid UTF-8 byte 0x%02X in %s; cjm files are UTF-8",
                c, where);
      ctx->ill_formed = true;
      clean = false;
      i++;
      continue;
    }
    if (cp == '\t' || (cp == '\n' && allow_newline) || cp == '\r') {
      i += n;
      continue;
    }
    if (cp == 0) {
      /* One error for a run of NUL bytes; the text goes on after it. */
      cjm_loc at = loc_within(ctx, loc, text, i);
      cjm_error(ctx->diags, "encoding", &at, "NUL byte in the source");
      clean = false;
      while (i < len && text[i] == '\0') i++;
      continue;
    }
    if (cp < 0x20 || cp == 0x7f) {
      cjm_loc at = loc_within(ctx, loc, text, i);
      cjm_error(ctx->diags, "control-char", &at, "control character U+%04X in %s", cp, where);
      clean = false;
    }
    i += n;
  }
  return clean;
}

void cjm_lex_comment(cjm_parse_ctx *ctx, const char *text, size_t len) {
  bool own_line = ctx->last_token_line != ctx->line;
  cjm_loc loc;
  cjm_lex_locate(ctx, text, len, &loc);
  ctx->last_token_line = own_line ? 0 : ctx->line;
  ctx->ill_formed = false;
  check_text(ctx, &loc, text, len, false, "a comment");
  if (ctx->ill_formed) recount_columns(ctx, &loc, text, len);
  if (len && text[len - 1] == '\r') len--;
  cjm_comment *comment = CJM_NEW(ctx->arena, cjm_comment);
  comment->text = cjm_arena_strndup(ctx->arena, text, len);
  comment->len = len;
  comment->loc = loc;
  comment->own_line = own_line;
  if (ctx->comment_count == ctx->comment_capacity) {
    ctx->comment_capacity = ctx->comment_capacity ? ctx->comment_capacity * 2 : 32;
    ctx->comments = cjm_xrealloc(ctx->comments, ctx->comment_capacity * sizeof *ctx->comments);
  }
  ctx->comments[ctx->comment_count++] = comment;
}

/* ---- identifiers and keywords --------------------------------------------- */

size_t cjm_lex_ident_length(const char *text, size_t len) {
  size_t i = 0;
  while (i < len) {
    unsigned char c = (unsigned char)text[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    uint32_t cp;
    size_t n = cjm_utf8_decode(text + i, len - i, &cp);
    if (n == 0 || !cjm_utf8_is_ident_char(cp)) return i;
    i += n;
  }
  return i;
}

/* Reports a non-identifier character where a token should start, and
 * returns the token it most likely stands for, or 0 to skip it. */
static int confusable(cjm_parse_ctx *ctx, const char *text, size_t len, cjm_loc *loc) {
  uint32_t cp;
  cjm_utf8_decode(text, len, &cp);
  const char *ascii = cjm_utf8_confusable(cp, NULL);
  char what[96];
  describe(cp, what, sizeof what);
  cjm_lex_locate(ctx, text, len, loc);
  cjm_diag *d;
  if (ascii && *ascii == ' ')
    d = cjm_error(ctx->diags, "stray-char", loc, "%s is not allowed outside a string; use an ASCII space", what);
  else if (ascii && !*ascii)
    d = cjm_error(ctx->diags, "stray-char", loc, "invisible character %s is not allowed outside a string", what);
  else if (ascii)
    d = cjm_error(ctx->diags, "stray-char", loc, "%s is not allowed outside a string; did you mean '%s'?", what, ascii);
  else
    d = cjm_error(ctx->diags, "stray-char", loc, "%s cannot appear outside a string", what);
  (void)d;
  if (ascii && strcmp(ascii, ",") == 0) return TOK_COMMA;
  if (ascii && strcmp(ascii, "..") == 0) return TOK_DOTDOT;
  return 0;
}

size_t cjm_lex_over_limit(cjm_parse_ctx *ctx, const cjm_loc *loc, const char *what, const char *text,
                          size_t len, size_t limit) {
  cjm_error(ctx->diags, "limit", loc, "%s is %zu bytes long, over the limit of %zu", what, len, limit);
  while (limit && ((unsigned char)text[limit] & 0xC0) == 0x80) limit--;
  return limit;
}

/* The length of text[0..len), a token's value, held to limit: over it,
 * reports that what ("identifier", "string") is too long and cuts it after
 * the last whole character within the limit. */
static inline size_t within_limit(cjm_parse_ctx *ctx, const cjm_loc *loc, const char *what, const char *text,
                                  size_t len, size_t limit) {
  return len <= limit ? len : cjm_lex_over_limit(ctx, loc, what, text, len, limit);
}

int cjm_lex_word(cjm_parse_ctx *ctx, const char *text, size_t len, cjm_token_value *value, cjm_loc *loc) {
  if ((unsigned char)text[0] >= 0x80 && cjm_lex_ident_length(text, len) == 0)
    return confusable(ctx, text, len, loc);
  cjm_lex_locate(ctx, text, len, loc);
  const cjm_keyword *k = cjm_keyword_index_find(&ctx->keywords, text, len);
  if (k) return cjm_lex_keyword(ctx, k, loc);
  cjm_lex_ident(ctx, text, len, value, loc);
  return TOK_IDENT;
}

/* Whether cp is an invisible character (zero-width space, bidirectional
 * control...): one that the reader cannot see and that means nothing. */
static bool is_invisible(uint32_t cp) {
  const char *ascii = cjm_utf8_confusable(cp, NULL);
  return ascii && !*ascii;
}

size_t cjm_lex_hidden_word_length(const char *text, size_t len, size_t keep) {
  size_t i = keep;
  bool hidden = false;
  while (i < len) {
    uint32_t cp;
    size_t n = cjm_utf8_decode(text + i, len - i, &cp);
    if (n == 0) break;
    if (!is_invisible(cp)) {
      size_t more = cjm_lex_ident_length(text + i, len - i);
      if (more == 0) break;
      if (hidden) keep = i + more; /* identifier characters after invisible ones */
      i += more;
      continue;
    }
    hidden = true;
    i += n;
  }
  return keep;
}

int cjm_lex_hidden_word(cjm_parse_ctx *ctx, const char *text, size_t len, cjm_token_value *value,
                        cjm_loc *loc) {
  cjm_lex_locate(ctx, text, len, loc);
  char *name = cjm_xmalloc(len);
  size_t n = 0;
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    size_t k = cjm_utf8_decode(text + i, len - i, &cp);
    if (k && is_invisible(cp)) {
      char what[96];
      describe(cp, what, sizeof what);
      cjm_loc at = loc_within(ctx, loc, text, i);
      cjm_error(ctx->diags, "stray-char", &at, "invisible character %s is not allowed outside a string", what);
    } else {
      memcpy(name + n, text + i, k);
      n += k;
    }
    i += k;
  }
  cjm_lex_ident(ctx, name, n, value, loc);
  free(name);
  return TOK_IDENT;
}

/* ---- numbers ------------------------------------------------------------ */

/* The value of the number text[0..len) as strtod reads it, text being a
 * number token without its '%' ([+-]?[0-9]*(.[0-9]+)?). With at most 15
 * digits, the digits make an integer that a double holds exactly, as it
 * holds a power of ten up to 10^15, and one division then rounds
 * correctly, as strtod does; it costs far less. Longer numbers go to
 * strtod. */
static double number_value(const char *text, size_t len) {
  static const double powers_of_ten[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                         1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  uint64_t digits = 0;
  size_t count = 0, decimals = 0;
  bool point = false;
  for (size_t i = text[0] == '+' || text[0] == '-'; i < len; i++) {
    if (text[i] == '.') {
      point = true;
      continue;
    }
    digits = digits * 10 + (uint64_t)(text[i] - '0');
    count++;
    decimals += point;
  }
  if (count > 15) {
    char *copy = cjm_xmalloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    double v = strtod(copy, NULL);
    free(copy);
    return v;
  }
  double v = (double)digits / powers_of_ten[decimals];
  return text[0] == '-' ? -v : v;
}

void cjm_lex_number(cjm_parse_ctx *ctx, const char *text, size_t len, cjm_token_value *value,
                    cjm_loc *loc) {
  cjm_lex_locate(ctx, text, len, loc);
  /* The rest of the number (its text, '%', sign) is read from the source
   * by the grammar (cjm_token_number). */
  size_t digits = len - (text[len - 1] == '%');
  value->number = number_value(text, digits);
  if (text[0] == '.')
    cjm_error(ctx->diags, "syntax", loc,
              "'%.*s' is not a number; write a digit before the decimal point, as in 0%.*s",
              (int)len, text, (int)digits, text);
}

size_t cjm_lex_number_length(const char *text, size_t len) {
  size_t i = 0;
  if (i < len && (text[i] == '+' || text[i] == '-')) i++;
  while (i < len && text[i] >= '0' && text[i] <= '9') i++;
  if (i + 1 < len && text[i] == '.' && text[i + 1] >= '0' && text[i + 1] <= '9') {
    i++;
    while (i < len && text[i] >= '0' && text[i] <= '9') i++;
  }
  if (i < len && text[i] == '%') i++;
  return i;
}

int cjm_lex_bad_number(cjm_parse_ctx *ctx, const char *text, size_t len, cjm_token_value *value,
                       cjm_loc *loc) {
  cjm_lex_locate(ctx, text, len, loc);
  cjm_error(ctx->diags, "syntax", loc,
            "'%.*s' is neither a number nor an identifier; an identifier cannot start with a digit",
            (int)(len > 64 ? 64 : len), text);
  bool number_expected = ctx->last_kind == TOK_FEEL || ctx->last_kind == TOK_TARGET ||
                         ctx->last_kind == TOK_SCALE || ctx->last_kind == TOK_DOTDOT ||
                         (ctx->last_kind == TOK_IDENT && ctx->kind_before == TOK_MEASURE);
  if (number_expected) {
    value->number = NAN; /* malformed (cjm_token_number) */
    return TOK_NUMBER;
  }
  size_t keep = len > ctx->limits.max_ident_bytes ? ctx->limits.max_ident_bytes : len;
  value->ident = cjm_intern(ctx->names, text, keep);
  return TOK_IDENT;
}

void cjm_lex_fullwidth_comment(cjm_parse_ctx *ctx, const char *text, size_t len) {
  cjm_loc loc;
  cjm_lex_locate(ctx, text, len, &loc);
  loc.end_col = loc.col + 1;
  loc.end_offset = loc.offset + 3;
  cjm_error(ctx->diags, "stray-char", &loc,
            "'\xEF\xBC\x83' (U+FF03 full-width number sign) is not allowed outside a string; did you mean '#'?");
}

/* ---- strings ------------------------------------------------------------- */

static int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Decodes the escape at body[i] (a backslash) into out, returning the bytes
 * consumed from body and setting *written. Reports bad escapes. */
static size_t decode_escape(cjm_parse_ctx *ctx, const cjm_loc *start, const char *base,
                            const char *body, size_t i, size_t len, char *out, size_t *written) {
  *written = 0;
  if (i + 1 >= len || body[i + 1] == '\n') {
    cjm_loc at = loc_within(ctx, start, base, (size_t)(body + i - base));
    cjm_error(ctx->diags, "bad-escape", &at, "a backslash must start an escape: \\\" \\\\ \\n \\t or \\u{XXXX}");
    return 1;
  }
  char c = body[i + 1];
  switch (c) {
  case '"': case '\\': *out = c; *written = 1; return 2;
  case 'n': *out = '\n'; *written = 1; return 2;
  case 't': *out = '\t'; *written = 1; return 2;
  case 'u': {
    size_t j = i + 2;
    uint32_t cp = 0;
    int digits = 0;
    bool ok = j < len && body[j] == '{';
    if (ok) {
      for (j++; j < len && hex_value(body[j]) >= 0 && digits < 7; j++, digits++)
        cp = cp * 16 + (uint32_t)hex_value(body[j]);
      ok = j < len && body[j] == '}' && digits >= 1 && digits <= 6;
    }
    /* The escape's position is worked out only for an error. */
    if (!ok) {
      cjm_loc at = loc_within(ctx, start, base, (size_t)(body + i - base));
      at.end_col = at.col + 2;
      cjm_error(ctx->diags, "bad-escape", &at, "malformed \\u escape; write \\u{XXXX} with 1 to 6 hex digits");
      return 2;
    }
    size_t n = (cp == 0) ? 0 : cjm_utf8_encode(cp, out);
    if (n == 0) {
      cjm_loc at = loc_within(ctx, start, base, (size_t)(body + i - base));
      at.end_col = at.col + (uint32_t)(j + 1 - i);
      cjm_error(ctx->diags, "bad-escape", &at, "\\u{%X} is not a character a string may hold", cp);
      return j + 1 - i;
    }
    *written = n;
    return j + 1 - i;
  }
  default: {
    cjm_loc at = loc_within(ctx, start, base, (size_t)(body + i - base));
    at.end_col = at.col + 2;
    uint32_t cp;
    size_t n = cjm_utf8_decode(body + i + 1, len - i - 1, &cp);
    cjm_error(ctx->diags, "bad-escape", &at,
              "unknown escape '\\%.*s'; the escapes are \\\" \\\\ \\n \\t and \\u{XXXX}",
              (int)(n ? n : 1), body + i + 1);
    return 1 + (n ? n : 1);
  }
  }
}

/* Whether the eight bytes at p are all printable ASCII (0x20 to 0x7E) and
 * none is a backslash: the bit tricks "has a byte less than n", "has a
 * byte greater than n" and "has a zero byte" on one 64-bit word. */
static inline bool plain_ascii8(const char *p) {
  uint64_t w;
  memcpy(&w, p, 8);
  const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  uint64_t below_space = (w - ones * 0x20) & ~w & highs;
  uint64_t above_tilde = ((w + ones * 0x01) | w) & highs;
  uint64_t x = w ^ (ones * '\\');
  uint64_t backslash = (x - ones) & ~x & highs;
  return !(below_space | above_tilde | backslash);
}

/* Decodes body[0..len) (escapes, UTF-8 and control characters checked)
 * into out, which has room for len bytes; base and start locate the token
 * for diagnostics. Returns the decoded length. */
static size_t decode_body(cjm_parse_ctx *ctx, const cjm_loc *start, const char *base,
                          const char *body, size_t len, bool allow_newline, char *out) {
  size_t n = 0;
  size_t i = 0;
  while (i < len) {
    /* The common case: a run of printable ASCII, copied at once; eight
     * bytes are tested together while they are all plain. */
    size_t run = i;
    while (run + 8 <= len && plain_ascii8(body + run)) run += 8;
    while (run < len) {
      unsigned char c = (unsigned char)body[run];
      if (c < 0x20 || c >= 0x7f || c == '\\') {
        if (c == '\t' || (c == '\n' && allow_newline)) {
          run++;
          continue;
        }
        break;
      }
      run++;
    }
    if (run > i) {
      memcpy(out + n, body + i, run - i);
      n += run - i;
      i = run;
      if (i == len) break;
    }
    unsigned char c = (unsigned char)body[i];
    if (c == '\\') {
      size_t written;
      i += decode_escape(ctx, start, base, body, i, len, out + n, &written);
      n += written;
      continue;
    }
    uint32_t cp;
    size_t k = cjm_utf8_decode(body + i, len - i, &cp);
    if (k != 0 && cp >= 0x80 && cp != 0x7f) {
      memcpy(out + n, body + i, k);
      n += k;
      i += k;
      continue;
    }
    if (k != 0 && cp == '\r' && allow_newline && i + 1 < len && body[i + 1] == '\n') {
      i++;
      continue;
    }
    /* An error: only now is its position worth computing. */
    cjm_loc at = cjm_diags_full(ctx->diags) ? *start : loc_within(ctx, start, base, (size_t)(body + i - base));
    if (k == 0) {
      cjm_error(ctx->diags, "encoding", &at, "invalid UTF-8 byte 0x%02X in a string; cjm files are UTF-8", c);
      ctx->ill_formed = true;
      i++;
    } else if (cp == 0) {
      /* One error for a run of NUL bytes, left out of the value. */
      cjm_error(ctx->diags, "encoding", &at, "NUL byte in the source");
      while (i < len && body[i] == '\0') i++;
    } else {
      cjm_error(ctx->diags, "control-char", &at,
                "control character U+%04X in a string; write \\n or \\t, or \\u{XXXX}", cp);
      i += k;
    }
  }
  return n;
}

/* Stores out[0..n) as the string value, enforcing the length limit. */
static void finish_string(cjm_parse_ctx *ctx, const cjm_loc *loc, char *out, size_t n,
                          cjm_token_value *value) {
  n = within_limit(ctx, loc, "string", out, n, ctx->limits.max_string_bytes);
  out[n] = '\0';
  value->string = out; /* its length and whether it is long: cjm_token_string */
}

void cjm_lex_string(cjm_parse_ctx *ctx, const char *text, size_t len, bool terminated,
                    cjm_token_value *value, cjm_loc *loc) {
  cjm_lex_locate(ctx, text, len, loc);
  if (!terminated) {
    cjm_loc open = *loc;
    open.end_col = open.col + 1;
    open.end_offset = open.offset + 1;
    cjm_diag *d = cjm_error(ctx->diags, "unterminated-string", &open, "missing closing quote");
    cjm_note(d, loc, "a string ends on the line it starts; use \"\"\" for text over several lines");
  }
  size_t body_len = len - 1 - (terminated ? 1 : 0);
  char *out = cjm_arena_alloc_aligned(ctx->arena, body_len + 1, 1);
  ctx->ill_formed = false;
  size_t n = decode_body(ctx, loc, text, text + 1, body_len, false, out);
  if (ctx->ill_formed) recount_columns(ctx, loc, text, len);
  finish_string(ctx, loc, out, n, value);
}

void cjm_lex_curly_string(cjm_parse_ctx *ctx, const char *text, size_t len,
                          cjm_token_value *value, cjm_loc *loc) {
  uint32_t open_cp;
  size_t open_len = cjm_utf8_decode(text, len, &open_cp);
  if (text[0] == '\'') {
    cjm_lex_locate(ctx, text, len, loc);
    cjm_error(ctx->diags, "stray-char", loc, "string in single quotes; cjm strings use double quotes \"...\"");
    char *out = cjm_arena_alloc_aligned(ctx->arena, len, 1);
    ctx->ill_formed = false;
    size_t n = decode_body(ctx, loc, text, text + 1, len - 2, false, out);
    if (ctx->ill_formed) recount_columns(ctx, loc, text, len);
    finish_string(ctx, loc, out, n, value);
    return;
  }
  cjm_lex_locate(ctx, text, len, loc);
  cjm_loc open = *loc;
  open.end_col = open.col + 1;
  open.end_offset = open.offset + (uint32_t)open_len;
  char what[96];
  describe(open_cp, what, sizeof what);
  cjm_error(ctx->diags, "stray-char", &open,
            "string in %s quotes; cjm strings use straight double quotes \"...\"", what);
  size_t close_len = open_len; /* each closing quote is as long as its opening one */
  size_t body_len = len - open_len - close_len;
  char *out = cjm_arena_alloc_aligned(ctx->arena, body_len + 1, 1);
  ctx->ill_formed = false;
  size_t n = decode_body(ctx, loc, text, text + open_len, body_len, false, out);
  if (ctx->ill_formed) recount_columns(ctx, loc, text, len);
  finish_string(ctx, loc, out, n, value);
}

void cjm_lex_triple_open(cjm_parse_ctx *ctx, const char *text) {
  cjm_lex_locate(ctx, text, 3, &ctx->triple_start);
}

void cjm_lex_triple_body(cjm_parse_ctx *ctx, const char *text, size_t len) {
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)text[i];
    if (c == '\n') {
      ctx->line++;
      ctx->col = 1;
    } else if ((c & 0xC0) != 0x80) {
      ctx->col++;
    }
  }
}

/* Whether line[0..len) holds only spaces and tabs (and a final '\r'). */
static bool blank(const char *line, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r') return false;
  return true;
}

/* The length of the common leading white space of the non-blank lines of
 * body[0..len), counting only the part all of them share byte for byte. */
static size_t common_indent(const char *body, size_t len) {
  const char *ref = NULL;
  size_t indent = 0;
  for (size_t i = 0; i < len;) {
    const char *line = body + i;
    const char *nl = memchr(line, '\n', len - i);
    size_t line_len = nl ? (size_t)(nl - line) : len - i;
    i += line_len + 1;
    if (blank(line, line_len)) continue;
    size_t w = 0;
    while (w < line_len && (line[w] == ' ' || line[w] == '\t')) w++;
    if (!ref) {
      ref = line;
      indent = w;
      continue;
    }
    size_t k = 0;
    while (k < indent && k < w && line[k] == ref[k]) k++;
    indent = k;
  }
  return indent;
}

void cjm_lex_triple_close(cjm_parse_ctx *ctx, const char *closing_end, cjm_token_value *value,
                          cjm_loc *loc) {
  const cjm_loc *start = &ctx->triple_start;
  const char *open = ctx->text + start->offset;
  const char *end = closing_end ? closing_end : ctx->text + ctx->source->len;
  *loc = *start;
  loc->end_line = ctx->line;
  if (closing_end) ctx->col += 3;
  loc->end_col = ctx->col;
  loc->end_offset = (uint32_t)(end - ctx->text);
  ctx->last_token_line = ctx->line;
  if (!closing_end) {
    cjm_diag *d = cjm_error(ctx->diags, "unterminated-string", start, "missing closing \"\"\"");
    cjm_note(d, NULL, "the long string runs to the end of the file");
  }

  const char *body = open + 3;
  size_t len = (size_t)(end - body) - (closing_end ? 3 : 0);
  /* Text starting on the line after the opening quotes drops that newline;
   * the indentation before the closing quotes is not part of the text. */
  size_t first = 0;
  while (first < len && (body[first] == ' ' || body[first] == '\t' || body[first] == '\r')) first++;
  if (first < len && body[first] == '\n') {
    body += first + 1;
    len -= first + 1;
  }
  size_t last = len;
  while (last > 0 && (body[last - 1] == ' ' || body[last - 1] == '\t')) last--;
  if (last > 0 && body[last - 1] == '\n') {
    len = last - 1;
    if (len > 0 && body[len - 1] == '\r') len--;
  }

  ctx->ill_formed = false;
  size_t indent = common_indent(body, len);
  char *out = cjm_arena_alloc_aligned(ctx->arena, len + 1, 1);
  size_t n = 0;
  for (size_t i = 0; i <= len;) {
    const char *line = body + i;
    const char *nl = i < len ? memchr(line, '\n', len - i) : NULL;
    size_t line_len = nl ? (size_t)(nl - line) : len - i;
    size_t skip = blank(line, line_len) ? line_len : (indent < line_len ? indent : line_len);
    size_t text_len = line_len;
    if (text_len > skip && line[text_len - 1] == '\r') text_len--; /* CRLF line ending */
    n += decode_body(ctx, start, open, line + skip, text_len - skip, false, out + n);
    if (!nl) break;
    out[n++] = '\n';
    i += line_len + 1;
  }
  finish_string(ctx, loc, out, n, value);
  if (ctx->ill_formed) {
    /* Recount the columns of the closing line, ill-formed bytes one each. */
    const char *line = end;
    while (line > open && line[-1] != '\n') line--;
    uint32_t first_col = line == open ? start->col : 1;
    ctx->col = loc->end_col = first_col + (uint32_t)cjm_utf8_count(line, (size_t)(end - line));
  }
}

/* ---- characters that start no token -------------------------------------- */

void cjm_lex_stray(cjm_parse_ctx *ctx, const char *text, size_t len) {
  cjm_loc loc;
  unsigned char c = (unsigned char)text[0];
  cjm_lex_locate(ctx, text, len, &loc);
  if (c >= 0x80) recount_columns(ctx, &loc, text, len);
  if (c >= 0x80) {
    cjm_error(ctx->diags, "encoding", &loc, "invalid UTF-8 byte 0x%02X; cjm files are UTF-8", c);
  } else if (c < 0x20 || c == 0x7f) {
    cjm_error(ctx->diags, "control-char", &loc, "control character U+%04X in the source", c);
  } else if (c == '\'') {
    cjm_error(ctx->diags, "stray-char", &loc, "unexpected character '''; strings use double quotes \"...\"");
  } else if (c == '.' && len > 1) {
    cjm_error(ctx->diags, "stray-char", &loc, "'%.*s' is not '..'; a scale is written MIN..MAX",
              (int)(len > 8 ? 8 : len), text);
  } else if (c == '.') {
    cjm_error(ctx->diags, "stray-char", &loc, "unexpected character '.'; a scale is written MIN..MAX");
  } else {
    cjm_error(ctx->diags, "stray-char", &loc, "unexpected character '%c'", c);
  }
  /* A run of bad bytes on one line would otherwise go on to its end. */
  cjm_lex_stop_if_full(ctx);
}

void cjm_lex_nul(cjm_parse_ctx *ctx, const char *text, size_t len) {
  cjm_loc loc;
  cjm_lex_locate(ctx, text, len, &loc);
  cjm_error(ctx->diags, "encoding", &loc, "NUL byte in the source");
  cjm_lex_stop_if_full(ctx);
}
