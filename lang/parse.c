/* parse — see parse.h. Sets up the scanner over the source text in place,
 * runs the grammar, attaches comments, and reports an empty file. The one
 * place that reads the environment variable CJM_LEXER. */
#include "lang/parse.h"

#include <stdlib.h>
#include <string.h>

#include "lang/fast_lex.h"
#include "lang/parse_ctx.h"
#include "parser.h"
#define YYSTYPE CJM_YYSTYPE
#define YYLTYPE CJM_YYLTYPE
/* The rules' entry point (lexer.l); the grammar reads cjm_yylex (yylex.c). */
#define YY_DECL int cjm_scan(cjm_token_value *yylval_param, cjm_loc *yylloc_param, void *yyscanner)
#include "lexer.h"

/* How far into a file to look for a NUL byte before deciding it is binary. */
enum { BINARY_PROBE = 8192 };

/* The bytes of journey per new identifier that the interner makes room
 * for before parsing (cjm_interner_reserve). */
enum { NEW_NAME_BYTES = 256 };

/* Reports a file that is binary, or empty, before any scanning. Returns
 * false when the file must not be scanned. */
static bool precheck(cjm_parse_ctx *ctx, const cjm_source *src) {
  size_t probe = src->len < BINARY_PROBE ? src->len : BINARY_PROBE;
  const char *nul = memchr(src->text, '\0', probe);
  if (nul) {
    size_t at = (size_t)(nul - src->text);
    uint32_t line = 1, col = 1;
    for (size_t i = 0; i < at; i++) {
      if (src->text[i] == '\n') {
        line++;
        col = 1;
      } else if (((unsigned char)src->text[i] & 0xC0) != 0x80) {
        col++;
      }
    }
    cjm_loc loc = {src, line, col, line, col + 1, (uint32_t)at, (uint32_t)at + 1};
    cjm_diag *d = cjm_error(ctx->diags, "encoding", &loc, "NUL byte in the source");
    cjm_note(d, NULL, "a NUL byte in the first %d KiB marks a binary file, which is not checked further",
             BINARY_PROBE / 1024);
    return false;
  }
  return true;
}

bool cjm_fast_lexer_built(void) { return CJM_FAST_LEXER; }

cjm_lexer cjm_lexer_chosen(cjm_lexer lexer) {
  if (lexer == CJM_LEXER_DEFAULT) {
    /* The one place that reads the environment variable (bench/README.md). */
    const char *env = getenv("CJM_LEXER");
    lexer = env && strcmp(env, "flex") == 0 ? CJM_LEXER_FLEX : CJM_LEXER_FAST;
  }
  return lexer == CJM_LEXER_FAST && CJM_FAST_LEXER ? CJM_LEXER_FAST : CJM_LEXER_FLEX;
}

/* Prepares ctx and a scanner over src. Returns false, leaving nothing to
 * free, when the file must not be scanned (it is binary) or the scanner
 * cannot be made. */
static bool open_scanner(cjm_parse_ctx *ctx, const cjm_source *src, cjm_arena *arena,
                         cjm_interner *names, cjm_diags *diags, const cjm_parse_options *options,
                         cjm_ast_file *file, yyscan_t *scanner) {
  *ctx = (cjm_parse_ctx){
      .source = src,
      .arena = arena,
      .names = names,
      .diags = diags,
      .limits = options && options->limits ? *options->limits : CJM_LIMITS_DEFAULT,
      .text = src->text,
      .line = 1,
      .col = 1,
      .fast_lexer = cjm_lexer_chosen(options ? options->lexer : CJM_LEXER_DEFAULT) == CJM_LEXER_FAST,
      .file = file,
  };
  cjm_keyword_index_init(&ctx->keywords);
  if (!precheck(ctx, src)) return false;
  size_t skip = 0;
  if (src->len >= 3 && memcmp(src->text, "\xEF\xBB\xBF", 3) == 0) skip = 3; /* byte-order mark */
  if (cjm_yylex_init_extra(ctx, scanner) != 0) return false;
  /* flex scans the source's own buffer, which ends in the two NUL bytes
   * it needs. It writes a NUL after the current token while it runs an
   * action and restores the byte afterwards, so the text is unchanged
   * once scanning is over; nothing reads past the current token before. */
  ctx->text = src->text;
  cjm_yy_scan_buffer(src->text + skip, src->len - skip + 2, *scanner);
  return true;
}

cjm_ast_file *cjm_parse(const cjm_source *src, cjm_arena *arena, cjm_interner *names,
                        cjm_diags *diags, const cjm_limits *limits) {
  return cjm_parse_with(src, arena, names, diags, &(cjm_parse_options){.limits = limits});
}

cjm_ast_file *cjm_parse_with(const cjm_source *src, cjm_arena *arena, cjm_interner *names,
                             cjm_diags *diags, const cjm_parse_options *options) {
  cjm_ast_file *file = CJM_NEW(arena, cjm_ast_file);
  file->source = src;
  size_t errors_before = cjm_diags_errors(diags);
  cjm_parse_ctx ctx;
  yyscan_t scanner;
  if (!open_scanner(&ctx, src, arena, names, diags, options, file, &scanner)) return file;
  /* A large journey names something new every few lines (the benchmark's,
   * every 340 bytes): room for them at once saves rehashing as it grows. */
  cjm_interner_reserve(names, src->len / NEW_NAME_BYTES);
  cjm_yyparse(scanner, &ctx);
  cjm_scan_restore(scanner);
  cjm_yylex_destroy(scanner);
  cjm_ast_finish(&ctx);

  cjm_comments_finish(&ctx);
  free(ctx.comments);

  if (!file->blocks && cjm_diags_errors(diags) == errors_before) {
    cjm_loc loc = {src, 1, 1, 1, 1, 0, 0};
    if (file->comment_count)
      cjm_error(diags, "empty", &loc, "file has only comments; a journey file declares at least one block");
    else
      cjm_error(diags, "empty", &loc, "file is empty; a journey file declares at least one block");
  }
  return file;
}

/* The kind of token, for tools (cjm_token_kind): the reserved words by
 * their row of keywords.def. */
static cjm_token_kind token_kind(int token) {
  const cjm_keyword *k = cjm_token_keyword(token);
  if (k) return k->kind == CJM_KEYWORD_BLOCK ? CJM_TOKEN_BLOCK_KEYWORD : CJM_TOKEN_ENTRY_KEYWORD;
  switch (token) {
  case TOK_IDENT: return CJM_TOKEN_IDENT;
  case TOK_STRING: return CJM_TOKEN_STRING;
  case TOK_NUMBER: return CJM_TOKEN_NUMBER;
  case TOK_COMMA: return CJM_TOKEN_COMMA;
  default: return CJM_TOKEN_DOTDOT; /* TOK_DOTDOT, the last the scanner returns */
  }
}

size_t cjm_tokenize(const cjm_source *src, cjm_arena *arena, cjm_interner *names,
                    cjm_diags *diags, cjm_token **tokens) {
  return cjm_tokenize_with(src, arena, names, diags, NULL, tokens);
}

size_t cjm_tokenize_with(const cjm_source *src, cjm_arena *arena, cjm_interner *names,
                         cjm_diags *diags, const cjm_parse_options *options, cjm_token **tokens) {
  cjm_ast_file *file = CJM_NEW(arena, cjm_ast_file);
  cjm_parse_ctx ctx;
  yyscan_t scanner;
  size_t count = 0, capacity = 64;
  cjm_token *list = cjm_xmalloc(capacity * sizeof *list);
  if (open_scanner(&ctx, src, arena, names, diags, options, file, &scanner)) {
    CJM_YYSTYPE value;
    cjm_loc loc;
    size_t next_comment = 0;
    for (;;) {
      int token = cjm_yylex(&value, &loc, scanner, &ctx);
      /* Comments scanned before this token come first. */
      for (; next_comment < ctx.comment_count; next_comment++) {
        const cjm_comment *c = ctx.comments[next_comment];
        if (token != TOK_END && c->loc.offset > loc.offset) break;
        if (count == capacity) list = cjm_xrealloc(list, (capacity *= 2) * sizeof *list);
        list[count++] = (cjm_token){CJM_TOKEN_COMMENT, c->loc, c->text};
      }
      if (token == TOK_END) break;
      if (count == capacity) list = cjm_xrealloc(list, (capacity *= 2) * sizeof *list);
      cjm_token *t = &list[count++];
      t->kind = token_kind(token);
      t->loc = loc;
      if (token == TOK_IDENT) t->text = value.ident;
      else if (token == TOK_STRING) t->text = value.string;
      else if (token == TOK_NUMBER) t->text = cjm_token_number(&ctx, value.number, &loc).text;
      else t->text = cjm_arena_strndup(arena, ctx.text + loc.offset, loc.end_offset - loc.offset);
    }
    cjm_yylex_destroy(scanner);
    free(ctx.comments);
  }
  *tokens = CJM_NEW_ARRAY(arena, cjm_token, count ? count : 1);
  memcpy(*tokens, list, count * sizeof *list);
  free(list);
  return count;
}
