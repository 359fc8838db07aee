/* yylex — the token source the grammar reads (cjm_yylex): the fast lexer
 * (fast_lex.c) where it is switched on and sure of the next token, else the
 * flex rules (lexer.l); then the policy for a reserved word where a name
 * must be; and the record of the last two tokens, which messages and error
 * recovery read (parser.y, syntax_error.c). */
#include "lang/fast_lex.h"
#include "lang/parse_ctx.h"
#include "parser.h"

/* The reserved words that a name must follow (keywords.def: THEN is NAME or
 * VALUE), one bit for each row: made from the table when this builds, as
 * the policy below looks at every keyword it reads. */
#define FIRST_KEYWORD_TOKEN (TOK_CJM_YYUNDEF + 1) /* keywords.c checks it */
#define NAME_BIT(TOKEN, THEN)                                                                \
  ((uint64_t)(CJM_THEN_##THEN == CJM_THEN_NAME || CJM_THEN_##THEN == CJM_THEN_VALUE)        \
   << (TOK_##TOKEN - FIRST_KEYWORD_TOKEN))
#define NAME_BIT_BLOCK(TOKEN, THEN) | NAME_BIT(TOKEN, THEN)
#define NAME_BIT_ENTRY(TOKEN, THEN) | NAME_BIT(TOKEN, THEN)
#define NAME_BIT_CLAUSE(TOKEN, THEN) | NAME_BIT(TOKEN, THEN)
#define NAME_BIT_VALUE(TOKEN, THEN)
static const uint64_t name_follows_rows = 0
#define CJM_KEYWORD(word, TOKEN, KIND, NODE, THEN, help) NAME_BIT_##KIND(TOKEN, THEN)
#include "lang/keywords.def"
    ;
_Static_assert(CJM_RESERVED_WORDS <= 64, "one bit for each reserved word");

/* Whether a token of kind token is always followed by a name: a reserved
 * word above, or a comma in a list. */
static inline bool name_follows(int token) {
  unsigned row = (unsigned)token - FIRST_KEYWORD_TOKEN;
  return token == TOK_COMMA || (row < CJM_RESERVED_WORDS && (name_follows_rows >> row & 1));
}

/* The reserved word as a name. `stage use "Use"`, `via via`: a reserved
 * word where a name must follow, on the same line, is the name the author
 * chose. It is reported once and read as that name (IDENT, *value set), so
 * that the block and what follows are parsed as meant; a block keyword
 * read so opens no block. Any other token is returned as it is. */
static inline int reserved_word_as_name(cjm_parse_ctx *ctx, int token, cjm_token_value *value,
                                        const cjm_loc *loc) {
  const cjm_keyword *k = cjm_token_keyword(token);
  if (!k || !name_follows(ctx->last_kind) || ctx->prev_token_line != loc->line) return token;
  size_t len = loc->end_offset - loc->offset;
  cjm_error(ctx->diags, "syntax", loc, "'%.*s' is a reserved word and cannot be used as an identifier",
            (int)len, ctx->text + loc->offset);
  if (k->kind == CJM_KEYWORD_BLOCK) {
    ctx->block_keyword = ctx->prev_block_keyword;
    ctx->block_loc = ctx->prev_block_loc;
  }
  value->ident = cjm_intern(ctx->names, ctx->text + loc->offset, len);
  return TOK_IDENT;
}

int cjm_yylex(cjm_token_value *value, cjm_loc *loc, void *scanner, cjm_parse_ctx *ctx) {
  int token = 0;
#if CJM_FAST_LEXER
  const char *pos = ctx->fast_lexer ? cjm_scan_position(scanner) : NULL;
  if (pos) {
    token = cjm_lex_fast(ctx, &pos, value, loc);
    cjm_scan_set_position(scanner, pos);
  }
#endif
  if (!token) token = cjm_scan(value, loc, scanner);
  token = reserved_word_as_name(ctx, token, value, loc);
  ctx->kind_before = ctx->last_kind;
  ctx->last_kind = token;
  if (token != TOK_END) {
    ctx->loc_before = ctx->last_loc;
    ctx->last_loc = *loc;
  }
  return token;
}
