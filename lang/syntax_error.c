/* syntax_error — see syntax_error.h. */
#include "lang/syntax_error.h"

#include <stdio.h>
#include <string.h>

#include "lang/keywords.h"

/* The reserved word that the grammar's name for a token stands for ("'use'"
 * is `use`), or NULL when the name is no reserved word's ("','", "string"). */
static const cjm_keyword *reserved_word(const char *name) {
  size_t len = strlen(name);
  if (len < 3 || name[0] != '\'' || name[len - 1] != '\'') return NULL;
  const cjm_keyword *k = cjm_keyword_find(name + 1, len - 2);
  return k && k->kind != CJM_KEYWORD_VALUE ? k : NULL;
}

/* Whether name is the grammar's name for a reserved word of kind. */
static bool is_keyword_of(const char *name, cjm_keyword_kind kind) {
  const cjm_keyword *k = reserved_word(name);
  return k && k->kind == kind;
}

static bool is_keyword(const char *name) { return reserved_word(name) != NULL; }

/* Appends to buf what was found: the token's own text for literals. */
static void describe_found(const cjm_parse_ctx *ctx, const cjm_loc *loc, const char *got,
                           char *buf, size_t size) {
  const char *text = ctx->text + loc->offset;
  size_t len = loc->end_offset - loc->offset;
  if (strcmp(got, "identifier") == 0 || strcmp(got, "number") == 0) {
    snprintf(buf, size, "%s '%.*s'", got, (int)(len > 40 ? 40 : len), text);
  } else if (strcmp(got, "string") == 0) {
    const char *nl = memchr(text, '\n', len);
    size_t shown = nl ? (size_t)(nl - text) : len;
    if (shown > 40) {
      shown = 40;
      while (shown && ((unsigned char)text[shown] & 0xC0) == 0x80) shown--;
      snprintf(buf, size, "string %.*s...", (int)shown, text);
    } else {
      snprintf(buf, size, "string %.*s", (int)shown, text);
    }
  } else {
    snprintf(buf, size, "%s", got);
  }
}

/* Writes the expected set in words: groups for entries and blocks, names
 * for the rest. */
static void describe_expected(const char *const *expected, int count, char *buf, size_t size) {
  size_t blocks = 0, entries = 0;
  bool ident = false;
  for (int i = 0; i < count; i++) {
    blocks += is_keyword_of(expected[i], CJM_KEYWORD_BLOCK);
    entries += is_keyword_of(expected[i], CJM_KEYWORD_ENTRY);
    ident |= strcmp(expected[i], "identifier") == 0;
  }
  /* Every entry keyword and an identifier (a lane's key) make "an entry";
   * every block keyword, "a block keyword". */
  bool entry_group = entries == CJM_ENTRY_KEYWORDS && ident;
  bool block_group = blocks == CJM_BLOCK_KEYWORDS;
  const char *items[48];
  int n = 0;
  if (entry_group) items[n++] = "an entry";
  if (block_group) items[n++] = "a block keyword";
  for (int i = 0; i < count && n < 48; i++) {
    if (entry_group && (is_keyword_of(expected[i], CJM_KEYWORD_ENTRY) || strcmp(expected[i], "identifier") == 0))
      continue;
    if (block_group && is_keyword_of(expected[i], CJM_KEYWORD_BLOCK)) continue;
    if (strcmp(expected[i], "end of file") == 0 && block_group) continue;
    if (strcmp(expected[i], "identifier") == 0) items[n++] = "an identifier";
    else if (strcmp(expected[i], "string") == 0) items[n++] = "a string";
    else if (strcmp(expected[i], "number") == 0) items[n++] = "a number";
    else items[n++] = expected[i];
  }
  buf[0] = '\0';
  size_t used = 0;
  for (int i = 0; i < n && used < size; i++) {
    const char *sep = i == 0 ? "" : (i == n - 1 ? " or " : ", ");
    int w = snprintf(buf + used, size - used, "%s%s", sep, items[i]);
    if (w < 0) break;
    used += (size_t)w;
  }
}

/* Notes the block an error at loc belongs to, when it opened on another
 * line. got names the unexpected token, which the scanner has read: if it
 * opened a block, the block the error belongs to is the one before. */
static void note_block(const cjm_parse_ctx *ctx, cjm_diag *d, const cjm_loc *loc, const char *got) {
  bool at_block_keyword = is_keyword_of(got, CJM_KEYWORD_BLOCK);
  const char *keyword = at_block_keyword ? ctx->prev_block_keyword : ctx->block_keyword;
  const cjm_loc *block_loc = at_block_keyword ? &ctx->prev_block_loc : &ctx->block_loc;
  if (keyword && block_loc->line && block_loc->line != loc->line)
    cjm_note(d, block_loc, "in the '%s' block that starts here", keyword);
}

void cjm_report_syntax_error(cjm_parse_ctx *ctx, const cjm_loc *loc, const char *got,
                             int got_kind, const int *expected_kinds,
                             const char *const *expected, int count) {
  (void)got_kind;
  (void)expected_kinds;
  char found[128], wanted[512];
  describe_found(ctx, loc, got, found, sizeof found);
  describe_expected(expected, count, wanted, sizeof wanted);

  bool wants_ident = false;
  for (int i = 0; i < count; i++) wants_ident |= strcmp(expected[i], "identifier") == 0;

  /* "after 'via'": the token before the unexpected one, when it is a word. */
  char after[64] = "";
  /* At the end of the file the scanner has read no further token, so the
   * token before the unexpected one is the last one read. */
  uint32_t before_offset = ctx->prev_token_offset, before_len = ctx->prev_token_len;
  if (ctx->last_token_len && ctx->last_token_offset + ctx->last_token_len <= loc->offset) {
    before_offset = ctx->last_token_offset;
    before_len = ctx->last_token_len;
  }
  if (before_len && before_len < 24 && before_offset + before_len <= loc->offset) {
    const char *prev = ctx->text + before_offset;
    char quoted[32];
    snprintf(quoted, sizeof quoted, "'%.*s'", (int)before_len, prev);
    if (is_keyword(quoted)) snprintf(after, sizeof after, " after %s", quoted);
  }

  cjm_diag *d;
  bool same_line = ctx->prev_token_line == loc->line;
  if (wants_ident && count == 1 && is_keyword(got) && same_line)
    d = cjm_error(ctx->diags, "syntax", loc,
                  "%s is a reserved word and cannot be used as an identifier", got);
  else if (count > 0)
    d = cjm_error(ctx->diags, "syntax", loc, "unexpected %s, expected %s%s", found, wanted, after);
  else
    d = cjm_error(ctx->diags, "syntax", loc, "unexpected %s", found);

  if (strcmp(got, "string") == 0 && wants_ident && count > 1)
    cjm_note(d, NULL, "an entry's text follows its key, as in: pain \"...\"");
  note_block(ctx, d, loc, got);
}

void cjm_report_word_without_text(cjm_parse_ctx *ctx, const cjm_loc *word, const char *got) {
  const char *text = ctx->text + word->offset;
  int len = (int)(word->end_offset - word->offset);
  if (len > 40) len = 40;
  /* Only white space before the word on its line: it is an entry's key. */
  const char *p = text;
  while (p > ctx->text && (p[-1] == ' ' || p[-1] == '\t')) p--;
  bool starts_line = p == ctx->text || p[-1] == '\n' ||
                     (p - ctx->text == 3 && memcmp(ctx->text, "\xEF\xBB\xBF", 3) == 0);
  cjm_diag *d;
  if (starts_line) {
    d = cjm_error(ctx->diags, "syntax", word, "unexpected end of line after '%.*s', expected a string",
                  len, text);
    cjm_note(d, NULL, "an entry's text follows its key, as in: %.*s \"...\"", len, text);
  } else {
    d = cjm_error(ctx->diags, "syntax", word,
                  "unexpected identifier '%.*s' at the end of the line, expected a string", len, text);
    cjm_note(d, NULL, "text is written in quotes, as in: \"%.*s\"", len, text);
  }
  note_block(ctx, d, word, got);
}
