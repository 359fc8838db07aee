/* parser.y — the cjm grammar (reference sections 3 and 4).
 *
 * Blocks are flat in the grammar: a head keyword, then entries until the
 * next head keyword. Steps are attached to their stage by the tree builder
 * (ast.c), which keeps this grammar LALR(1) without conflicts (but for the
 * ones on `error` that precedence settles, below). Actions are one-line
 * calls to the constructors in ast.c. */

%require "3.8"
%define api.pure full                      // no global state
%define api.prefix {cjm_yy}                // keep our symbols apart from other parsers
%define api.token.prefix {TOK_}            // token kinds are TOK_USE, TOK_IDENT...
%define api.location.type {cjm_loc}        // file, line, column span, byte span
%define api.value.type {cjm_token_value} // declared in parse_ctx.h
%define parse.error custom                 // messages written by report_syntax_error
%define parse.lac full                     // exact "expected" lists
%locations
%header
%expect 0

%param {void *scanner} {cjm_parse_ctx *ctx} // the scanner reads into the context it shares

%code requires {
#include "lang/parse_ctx.h"

/* Spans from the first to the last symbol of a rule; an empty rule sits
 * at the end of the symbol before it. (cjm_loc_set: see parse_ctx.h.) */
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                                   \
  do {                                                                                \
    const cjm_loc *first_ = &YYRHSLOC(Rhs, (N) ? 1 : 0), *last_ = &YYRHSLOC(Rhs, N);  \
    if (N)                                                                            \
      cjm_loc_set(&(Cur), first_->source, first_->line, first_->col, last_->end_line, \
                  last_->end_col, first_->offset, last_->end_offset);                 \
    else                                                                              \
      cjm_loc_set(&(Cur), last_->source, last_->end_line, last_->end_col,             \
                  last_->end_line, last_->end_col, last_->end_offset,                 \
                  last_->end_offset);                                                 \
  } while (0)
#define YYLOCATION_PRINT(File, Loc) ((void)0)
}

%code provides {
#include "lang/keywords.h"

/* The scanner's next token (yylex.c). */
int cjm_yylex(CJM_YYSTYPE *value, CJM_YYLTYPE *loc, void *scanner, cjm_parse_ctx *ctx);
/* Parses the file whose scanner is `scanner`. */
int cjm_yyparse(void *scanner, cjm_parse_ctx *ctx);

/* The row of keywords.def of a reserved word's token, or NULL for any other
 * token: the reserved words are the first tokens declared below, in the
 * table's order (keywords.c checks it when it builds). */
static inline const cjm_keyword *cjm_token_keyword(int token) {
  unsigned row = (unsigned)token - (TOK_CJM_YYUNDEF + 1);
  return row < CJM_RESERVED_WORDS ? &cjm_keywords[row] : NULL;
}
}

%code {
#include <stdlib.h>

#include "lang/arena.h"
#include "lang/syntax_error.h"

/* The parser's stack, when it outgrows YYINITDEPTH, comes from cjm's
 * allocator (arena.h), as every allocation does. */
#define YYMALLOC cjm_xmalloc
#define YYFREE free

/* The AST values of tokens: ID($n, @n) is symbol n as a cjm_ident, STR a
 * cjm_string, NUM a cjm_number (see cjm_token_value). */
#define ID(value, loc) cjm_token_ident((value), &(loc))
#define STR(value, loc) cjm_token_string(ctx, (value), &(loc))
#define NUM(value, loc) cjm_token_number(ctx, (value), &(loc))

/* Error recovery works by lines, and this is all of it, with the two
 * fields the syntax error reporter (yyreport_syntax_error) sets for it.
 *
 * A syntax error breaks one line: the unexpected token's, or, when that
 * token starts a line, the line before it, left unfinished. The reporter
 * records that line (ctx->syntax_error_line) and where the token starts
 * (ctx->syntax_error_offset). Bison then pops its stack to a state that
 * shifts `error` (in a block head, among entries, before the first block,
 * or right after a construct that is complete but could go on: `cut`),
 * shifts it, and runs that rule's action with the unexpected token still
 * the look-ahead. Each such action calls RECOVER_AT_NEXT_LINE(), which
 *   - keeps the look-ahead when it starts a line below the broken one (a
 *     declaration or entry may begin there); else
 *   - discards it and the rest of its line: it reads on to the first token
 *     that starts a line (or a block keyword right after a long string
 *     that spans lines: resumes_at), or to the end of the file, and makes
 *     that token the look-ahead;
 * and then ends the recovery (yyerrok). So each broken line gets its own
 * error, and bison's rule of three shifted tokens, which would hide an
 * error on the line after a broken one, never applies. A kept token that
 * is wrong on its own line as well fails again at once: the reporter,
 * seeing the same token, says nothing more and makes the token's line the
 * broken one, and the next call discards it. At the end of the file there is
 * nothing to resume at and the recovery is not ended, so that an end that
 * failed again would stop the parse instead of looping (the grammar
 * accepts the end in every state after an error rule).
 *
 * An action may change the look-ahead (yychar, yylval, yylloc: bison
 * manual, "Special Features for Use in Actions"); the skeleton then drops
 * what LAC established for the old one. The location of `error`, and so
 * of the rule (@$), was computed before the action and is not changed
 * (but for `cut`, which sets its own). */
#define RECOVER_AT_NEXT_LINE()                                          \
  do {                                                                  \
    yychar = skip_broken_line(ctx, scanner, yychar, &yylval, &yylloc);  \
    if (yychar != TOK_END) yyerrok;                                     \
  } while (0)

/* Whether recovery resumes at the token just read, at loc: whether it
 * starts a line, the token before it ending on an earlier line. Tokens
 * after a long string that spans lines continue the string's line, with
 * the entry it belongs to (`""" for mia`), except a block keyword, which
 * no entry continues: the first token to start on its line, it begins a
 * block there. */
static bool resumes_at(const cjm_parse_ctx *ctx, int token, const CJM_YYLTYPE *loc) {
  if (ctx->loc_before.end_line < loc->line) return true;
  const cjm_keyword *k = cjm_token_keyword(token);
  return k && k->kind == CJM_KEYWORD_BLOCK && ctx->loc_before.line < loc->line;
}

/* The look-ahead to resume at, given the one bison holds (or
 * TOK_CJM_YYEMPTY): that one if it starts a line below the broken one,
 * else the first token after it at which recovery resumes. */
static int skip_broken_line(cjm_parse_ctx *ctx, void *scanner, int token, CJM_YYSTYPE *value,
                            CJM_YYLTYPE *loc) {
  if (token == TOK_END || (token != TOK_CJM_YYEMPTY && loc->line > ctx->syntax_error_line))
    return token;
  do token = cjm_yylex(value, loc, scanner, ctx);
  while (token != TOK_END && !resumes_at(ctx, token, loc));
  return token;
}

/* Bison calls this only for "memory exhausted": the parser stack has grown
 * past YYMAXDEPTH, which a flat grammar reaches only on absurd input. */
static void cjm_yyerror(const cjm_loc *loc, void *scanner, cjm_parse_ctx *ctx, const char *msg) {
  (void)scanner;
  cjm_error(ctx->diags, "limit", loc, "%s", msg);
}
}

/* The reserved words, declared first and in the order of their rows in
 * keywords.def, the comma right after them: the build checks it
 * (keywords.c, check_keywords.cmake), and the scanners and messages know
 * the words from that table. */
/* Block keywords. */
%token USE "'use'" JOURNEY "'journey'" PERSONA "'persona'" CHANNEL "'channel'"
       LANE "'lane'" METRIC "'metric'" STAGE "'stage'" STEP "'step'"
/* Entry keywords. */
%token BY "'by'" VIA "'via'" FEEL "'feel'" FOR "'for'" MEASURE "'measure'"
       NEXT "'next'" SCALE "'scale'" STATUS "'status'" KIND "'kind'"
       UNIT "'unit'" TARGET "'target'" BETTER "'better'"
/* Punctuation and literals. */
%token COMMA "','" DOTDOT "'..'"
%token <ident> IDENT "identifier"
%token <string> STRING "string"
%token <number> NUMBER "number"
%token END 0 "end of file"

/* With LAC the parser finds an error before it reduces anything on the
 * look-ahead. After a construct that is complete but could go on
 * (`persona mia` with a label, `pain "x"` with `for`, `by mia` with a
 * comma), that construct is then still unreduced on the stack, and the
 * recovery would pop it. So an error there cuts it (`cut`, below), which
 * keeps it. Bison recovers only by shifting `error`, never by reducing on
 * it: the rules that end such a construct without going on rank below
 * `error` (%prec COMPLETE), so that where both apply `error` is shifted. */
%precedence COMPLETE
%precedence error

%nterm <ident> opt_for
%nterm <string> opt_string
%nterm <ids> ids
%nterm <entry> entry
%nterm <entries> entries
%nterm <block> head

%%

file:
  prelude blocks
;

/* Junk before the first block is skipped; after that, errors are caught
 * inside blocks, so a block keyword always starts a fresh block. */
prelude:
  %empty
| prelude error     { RECOVER_AT_NEXT_LINE(); }
;

blocks:
  %empty
| blocks block
;

block:
  head entries      { cjm_ast_add_block(ctx, $head, $entries, &@$); }
;

head:
  USE STRING                  { $$ = cjm_ast_head(ctx, CJM_BLOCK_USE, &@1, cjm_ast_no_ident(), STR($2, @2), &@$); }
| JOURNEY STRING              { $$ = cjm_ast_head(ctx, CJM_BLOCK_JOURNEY, &@1, cjm_ast_no_ident(), STR($2, @2), &@$); }
| PERSONA IDENT opt_string    { $$ = cjm_ast_head(ctx, CJM_BLOCK_PERSONA, &@1, ID($2, @2), STR($3, @3), &@$); }
| CHANNEL IDENT opt_string    { $$ = cjm_ast_head(ctx, CJM_BLOCK_CHANNEL, &@1, ID($2, @2), STR($3, @3), &@$); }
| LANE IDENT opt_string       { $$ = cjm_ast_head(ctx, CJM_BLOCK_LANE, &@1, ID($2, @2), STR($3, @3), &@$); }
| METRIC IDENT opt_string     { $$ = cjm_ast_head(ctx, CJM_BLOCK_METRIC, &@1, ID($2, @2), STR($3, @3), &@$); }
| STAGE IDENT opt_string      { $$ = cjm_ast_head(ctx, CJM_BLOCK_STAGE, &@1, ID($2, @2), STR($3, @3), &@$); }
| STEP IDENT opt_string       { $$ = cjm_ast_head(ctx, CJM_BLOCK_STEP, &@1, ID($2, @2), STR($3, @3), &@$); }
| USE error                   { RECOVER_AT_NEXT_LINE(); $$ = cjm_ast_head(ctx, CJM_BLOCK_USE, &@1, cjm_ast_no_ident(), cjm_ast_no_string(), &@$); }
| JOURNEY error               { RECOVER_AT_NEXT_LINE(); $$ = cjm_ast_head(ctx, CJM_BLOCK_JOURNEY, &@1, cjm_ast_no_ident(), cjm_ast_no_string(), &@$); }
| PERSONA error               { RECOVER_AT_NEXT_LINE(); $$ = cjm_ast_head(ctx, CJM_BLOCK_PERSONA, &@1, cjm_ast_no_ident(), cjm_ast_no_string(), &@$); }
| CHANNEL error               { RECOVER_AT_NEXT_LINE(); $$ = cjm_ast_head(ctx, CJM_BLOCK_CHANNEL, &@1, cjm_ast_no_ident(), cjm_ast_no_string(), &@$); }
| LANE error                  { RECOVER_AT_NEXT_LINE(); $$ = cjm_ast_head(ctx, CJM_BLOCK_LANE, &@1, cjm_ast_no_ident(), cjm_ast_no_string(), &@$); }
| METRIC error                { RECOVER_AT_NEXT_LINE(); $$ = cjm_ast_head(ctx, CJM_BLOCK_METRIC, &@1, cjm_ast_no_ident(), cjm_ast_no_string(), &@$); }
| STAGE error                 { RECOVER_AT_NEXT_LINE(); $$ = cjm_ast_head(ctx, CJM_BLOCK_STAGE, &@1, cjm_ast_no_ident(), cjm_ast_no_string(), &@$); }
| STEP error                  { RECOVER_AT_NEXT_LINE(); $$ = cjm_ast_head(ctx, CJM_BLOCK_STEP, &@1, cjm_ast_no_ident(), cjm_ast_no_string(), &@$); }
;

entries:
  %empty            { $$ = NULL; }
| entries entry     { $$ = cjm_ast_entries_append($1, $2); }
| entries error     { RECOVER_AT_NEXT_LINE(); $$ = $1; }
;

entry:
  IDENT STRING opt_for          { $$ = cjm_ast_text_entry(ctx, ID($1, @1), STR($2, @2), ID($3, @3), &@$); }
| BY ids %prec COMPLETE         { $$ = cjm_ast_list_entry(ctx, CJM_ENTRY_BY, $2, &@$); }
| VIA ids %prec COMPLETE        { $$ = cjm_ast_list_entry(ctx, CJM_ENTRY_VIA, $2, &@$); }
| NEXT ids %prec COMPLETE       { $$ = cjm_ast_list_entry(ctx, CJM_ENTRY_NEXT, $2, &@$); }
| BY ids cut                    { $$ = cjm_ast_list_entry(ctx, CJM_ENTRY_BY, $2, &@$); }
| VIA ids cut                   { $$ = cjm_ast_list_entry(ctx, CJM_ENTRY_VIA, $2, &@$); }
| NEXT ids cut                  { $$ = cjm_ast_list_entry(ctx, CJM_ENTRY_NEXT, $2, &@$); }
| FEEL NUMBER opt_for           { $$ = cjm_ast_feel_entry(ctx, NUM($2, @2), cjm_ast_no_string(), ID($3, @3), &@$); }
| FEEL NUMBER STRING opt_for    { $$ = cjm_ast_feel_entry(ctx, NUM($2, @2), STR($3, @3), ID($4, @4), &@$); }
| MEASURE IDENT NUMBER          { $$ = cjm_ast_measure_entry(ctx, ID($2, @2), NUM($3, @3), &@$); }
| STATUS IDENT                  { $$ = cjm_ast_word_entry(ctx, CJM_ENTRY_STATUS, ID($2, @2), &@$); }
| KIND IDENT                    { $$ = cjm_ast_word_entry(ctx, CJM_ENTRY_KIND, ID($2, @2), &@$); }
| BETTER IDENT                  { $$ = cjm_ast_word_entry(ctx, CJM_ENTRY_BETTER, ID($2, @2), &@$); }
| SCALE NUMBER[min] DOTDOT NUMBER[max] { $$ = cjm_ast_scale_entry(ctx, NUM($min, @min), NUM($max, @max), &@$); }
| UNIT STRING                   { $$ = cjm_ast_unit_entry(ctx, STR($2, @2), &@$); }
| TARGET NUMBER                 { $$ = cjm_ast_target_entry(ctx, NUM($2, @2), &@$); }
;

/* The persona after `for`, located at the identifier (which also ends the
 * whole, so the spans of the rules above are the same). */
opt_for:
  %empty %prec COMPLETE { $$ = NULL; }
| FOR IDENT         { $$ = $2; @$ = @2; }
| cut               { $$ = NULL; }
;

ids:
  IDENT             { $$ = cjm_ast_ids_append(ctx, NULL, ID($1, @1)); }
| ids COMMA IDENT   { $$ = cjm_ast_ids_append(ctx, $1, ID($3, @3)); }
;

/* A head's label. (feel spells its word out instead: a cut there would
 * leave the entry open to a `for` after the broken line.) */
opt_string:
  %empty %prec COMPLETE { $$ = NULL; }
| STRING            { $$ = $1; }
| cut               { $$ = NULL; }
;

/* A syntax error right after a construct that is complete but could go on
 * (see COMPLETE): `persona mia 3`, or `pain "x"`, `by mia` or `feel -1`
 * with the next line starting with a token that nothing can take there,
 * such as a string; also `by mia,` or `pain "x" for` without the
 * identifier due next, once the `,` or `for` is popped. The construct ends
 * there and is kept, and the rest of the broken line is skipped. Located
 * as an empty rule would be (YYLLOC_DEFAULT), where the symbol before it
 * ends, so that the construct spans what it holds. */
cut:
  error             { RECOVER_AT_NEXT_LINE(); YYLLOC_DEFAULT(@$, &@0, 0); }
;

%%

/* Called by the parser for each syntax error it does not recover from
 * silently; the message is composed in syntax_error.c. */
static int yyreport_syntax_error(const yypcontext_t *yyctx, void *scanner, cjm_parse_ctx *ctx) {
  enum { MAX_EXPECTED = 40 };
  yysymbol_kind_t expected[MAX_EXPECTED];
  int count = yypcontext_expected_tokens(yyctx, expected, MAX_EXPECTED);
  int kinds[MAX_EXPECTED];
  const char *names[MAX_EXPECTED];
  for (int i = 0; i < count && i < MAX_EXPECTED; i++) {
    kinds[i] = (int)expected[i];
    names[i] = yysymbol_name(expected[i]);
  }
  yysymbol_kind_t got = yypcontext_token(yyctx);
  const cjm_loc *at = yypcontext_location(yyctx);
  /* A token that the recovery kept, as it starts a line, and that is wrong
   * there as well: reported already. Now its own line is the broken one. */
  if (ctx->syntax_error_line && ctx->syntax_error_offset == at->offset) {
    ctx->syntax_error_line = at->line;
    return 0;
  }
  ctx->syntax_error_offset = at->offset;
  /* The broken line: the unexpected token's, or the line before it, left
   * unfinished, when that token starts a new line or ends the file. */
  const cjm_loc *before = ctx->last_loc.offset == at->offset ? &ctx->loc_before : &ctx->last_loc;
  bool line_ended = before->line && (got == YYSYMBOL_YYEOF || before->end_line < at->line);
  ctx->syntax_error_line = line_ended ? before->end_line : at->line;
  /* `feel -1 overwhelmed` or a lone `pain` at the end of its line: the word
   * wanted its text. */
  if (line_ended && count == 1 && expected[0] == YYSYMBOL_STRING && ctx->kind_before == TOK_IDENT) {
    cjm_report_word_without_text(ctx, before, yysymbol_name(got));
    return 0;
  }
  cjm_report_syntax_error(ctx, yypcontext_location(yyctx), yysymbol_name(got), (int)got,
                          kinds, names, count < 0 ? 0 : count);
  return 0;
}
