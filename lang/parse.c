/* parse — see parse.h. Sets up the scanner over the source text in place,
 * runs the grammar, attaches comments, and reports an empty file. */
#include "lang/parse.h"

#include <stdlib.h>
#include <string.h>

#include "lang/parse_ctx.h"
#include "parser.h"
#define YYSTYPE CJM_YYSTYPE
#define YYLTYPE CJM_YYLTYPE
#include "lexer.h"

/* How far into a file to look for a NUL byte before deciding it is binary. */
enum { BINARY_PROBE = 8192 };

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
    cjm_error(ctx->diags, "encoding", &loc, "NUL byte in the source; this looks like a binary file, not a journey");
    return false;
  }
  return true;
}

cjm_ast_file *cjm_parse(const cjm_source *src, cjm_arena *arena, cjm_interner *names,
                        cjm_diags *diags, const cjm_limits *limits) {
  cjm_ast_file *file = CJM_NEW(arena, cjm_ast_file);
  file->source = src;
  cjm_parse_ctx ctx = {
      .source = src,
      .arena = arena,
      .names = names,
      .diags = diags,
      .limits = limits ? *limits : CJM_LIMITS_DEFAULT,
      .text = src->text,
      .line = 1,
      .col = 1,
      .file = file,
  };
  size_t errors_before = cjm_diags_errors(diags);
  if (!precheck(&ctx, src)) return file;

  size_t skip = 0;
  if (src->len >= 3 && memcmp(src->text, "\xEF\xBB\xBF", 3) == 0) skip = 3; /* byte-order mark */

  yyscan_t scanner;
  if (cjm_yylex_init_extra(&ctx, &scanner) != 0) return file;
  /* The source keeps two NUL bytes after its text, as flex requires, but
   * flex wants a writable buffer: the text is copied into the arena. */
  char *buffer = cjm_arena_alloc(arena, src->len + 2);
  memcpy(buffer, src->text, src->len + 2);
  ctx.text = buffer;
  cjm_yy_scan_buffer(buffer + skip, src->len - skip + 2, scanner);
  cjm_yyparse(scanner, &ctx);
  cjm_yylex_destroy(scanner);

  cjm_comments_attach(&ctx);
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
