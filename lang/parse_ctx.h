/* parse_ctx — the state shared by the scanner, the grammar and the tree
 * builder while one file is parsed. Internal to lang/: the generated
 * scanner and parser include it, nothing outside lang/ may.
 *
 * lex.c holds the scanner rules' helpers (locations, identifiers, numbers,
 * strings, comments, stray characters), fast_lex.c the fast lexer, yylex.c
 * the token source the grammar reads; ast.c holds the tree constructors
 * the grammar's actions call. Everything allocated goes to ctx->arena. */
#ifndef CJM_PARSE_CTX_H
#define CJM_PARSE_CTX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lang/arena.h"
#include "lang/ast.h"
#include "lang/diag.h"
#include "lang/intern.h"
#include "lang/keywords.h"
#include "lang/limits.h"
#include "lang/source.h"

/* The semantic values of the grammar, one machine word each (why: bench/README.md,
 * "Values and locations"). What else a token stands for comes from its
 * location (@n) and the source text. The scanner fills in the first
 * three. Lists under construction are circular, held by their last node,
 * whose next is the first. */
typedef union cjm_token_value {
  const char *ident;         /* IDENT: interned name; opt_for: NULL if absent */
  const char *string;        /* STRING: decoded, NUL-terminated (and holding no
                                NUL); opt_string: NULL if absent */
  double number;             /* NUMBER: its value; NaN when malformed */
  cjm_ident_item *ids;       /* ids: the last identifier (circular list) */
  cjm_entry *entry;
  cjm_entry *entries;        /* entries: the last entry (circular list), or NULL */
  cjm_block *block;
} cjm_token_value;

/* Sets *loc; where the compiler can build vectors (GCC, Clang), as two
 * 16-byte halves, unless CJM_PLAIN_LOC is defined (why: bench/README.md,
 * "Values and locations"). */
static inline void cjm_loc_set(cjm_loc *loc, const cjm_source *source, uint32_t line, uint32_t col,
                               uint32_t end_line, uint32_t end_col, uint32_t offset,
                               uint32_t end_offset) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && \
    UINTPTR_MAX == UINT64_MAX && !defined(CJM_PLAIN_LOC)
  _Static_assert(sizeof(cjm_loc) == 32 && offsetof(cjm_loc, line) == 8 &&
                     offsetof(cjm_loc, col) == 12 && offsetof(cjm_loc, end_line) == 16 &&
                     offsetof(cjm_loc, end_col) == 20 && offsetof(cjm_loc, offset) == 24 &&
                     offsetof(cjm_loc, end_offset) == 28,
                 "the layout cjm_loc_set assumes");
  typedef uint64_t halves __attribute__((vector_size(16)));
  halves head = {(uint64_t)(uintptr_t)source, line | (uint64_t)col << 32};
  halves tail = {end_line | (uint64_t)end_col << 32, offset | (uint64_t)end_offset << 32};
  memcpy(loc, &head, sizeof head);
  memcpy((char *)loc + sizeof head, &tail, sizeof tail);
#else
  *loc = (cjm_loc){source, line, col, end_line, end_col, offset, end_offset};
#endif
}

/* Where comment attachment stands (comments.c). */
typedef struct cjm_comment_attacher {
  size_t next;                /* the first comment not yet attached */
  cjm_comments **previous;    /* the comments of the node attached last, or NULL */
  uint32_t previous_end_line;
} cjm_comment_attacher;

typedef struct cjm_parse_ctx {
  const cjm_source *source;
  cjm_arena *arena;
  cjm_interner *names;
  cjm_diags *diags;
  cjm_limits limits;

  /* scanner position */
  const char *text;           /* the source text, for byte offsets */
  uint32_t line, col;         /* where the next token starts */
  uint32_t last_token_line;   /* line of the last token, for own-line comments */
  uint32_t prev_token_line;   /* line of the token before the last one */
  uint32_t last_token_offset, last_token_len; /* the last token's bytes */
  uint32_t prev_token_offset, prev_token_len; /* the token before it */
  bool stopped;               /* a fatal input problem: scan no further */
  bool fast_lexer;            /* cjm_yylex tries the fast lexer before the
                                 rules (fast_lex.c; the switch: parse.h) */
  bool ill_formed;            /* the token being decoded holds ill-formed UTF-8 */
  int last_kind, kind_before; /* the last two tokens returned to the grammar */
  cjm_loc last_loc, loc_before; /* and where they were (END excluded) */
  /* error recovery (parser.y, RECOVER_AT_NEXT_LINE): set by the syntax
   * error reporter for the last syntax error found */
  uint32_t syntax_error_line; /* the broken line, whose remaining tokens are
                                 skipped; 0 before the first syntax error */
  uint32_t syntax_error_offset; /* where its unexpected token starts: a token
                                   is reported at most once */

  /* a long string being scanned */
  cjm_loc triple_start;       /* its opening """ */

  /* the block being parsed, for messages about where it opened */
  cjm_loc block_loc;          /* its head keyword; line 0 before the first */
  const char *block_keyword;
  cjm_loc prev_block_loc;     /* the block before it, for errors found at a */
  const char *prev_block_keyword; /* block keyword (the scanner is one token ahead) */

  /* comments in source order */
  cjm_comment **comments;     /* malloc'd, grows */
  size_t comment_count, comment_capacity;
  cjm_comment_attacher attacher;

  /* the tree being built */
  cjm_ast_file *file;
  cjm_block *last_block;      /* last top-level block appended */
  cjm_block *last_step;       /* last step of the current stage */
  cjm_block *open_stage;      /* the stage steps attach to, or NULL */
  cjm_block **stage_steps;    /* its steps so far (malloc'd, grows), for its step_array */
  size_t stage_step_count, stage_step_capacity;

  cjm_keyword_index keywords; /* the reserved words, for both scanners */
} cjm_parse_ctx;

/* ---- scanner helpers (lex.c) ------------------------------------------- */

/* Like cjm_lex_locate, for a token whose width in columns is known. */
static inline void cjm_lex_locate_columns(cjm_parse_ctx *ctx, const char *text, size_t len,
                                          uint32_t columns, cjm_loc *loc) {
  uint32_t offset = (uint32_t)(text - ctx->text), col = ctx->col;
  ctx->col += columns;
  cjm_loc_set(loc, ctx->source, ctx->line, col, ctx->line, ctx->col, offset, offset + (uint32_t)len);
  if (len) {
    ctx->prev_token_line = ctx->last_token_line;
    ctx->prev_token_offset = ctx->last_token_offset;
    ctx->prev_token_len = ctx->last_token_len;
    ctx->last_token_line = ctx->line;
    ctx->last_token_offset = offset;
    ctx->last_token_len = (uint32_t)len;
  }
}

/* Sets *loc to the token text[0..len) at the current position and moves
 * past it. The token must not contain a newline. Inline: it runs for
 * every token. */
static inline void cjm_lex_locate(cjm_parse_ctx *ctx, const char *text, size_t len, cjm_loc *loc) {
  /* Code points: bytes that are not continuation bytes (10xxxxxx), eight
   * at a time (bench/README.md, "The fast lexer"). */
  uint32_t columns = 0;
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    memcpy(&w, text + i, 8);
    /* One bit per byte at its bottom; the multiply sums them in the top byte. */
    columns += (uint32_t)(((((~w >> 7) | (w >> 6)) & 0x0101010101010101ULL) * 0x0101010101010101ULL) >> 56);
  }
  for (; i < len; i++) columns += ((unsigned char)text[i] & 0xC0) != 0x80;
  cjm_lex_locate_columns(ctx, text, len, columns, loc);
}

/* Stops the scan once the error cap is reached, and records that the rest
 * of the input goes unchecked. */
static inline void cjm_lex_stop_if_full(cjm_parse_ctx *ctx) {
  if (cjm_diags_full(ctx->diags)) {
    ctx->stopped = true;
    cjm_diags_set_unchecked(ctx->diags);
  }
}

/* Moves past white space of len bytes holding newlines newline characters,
 * the last of them `after` bytes before its end; at a newline, stops the
 * scanner once the error cap is reached. */
static inline void cjm_lex_move_past_space(cjm_parse_ctx *ctx, size_t len, uint32_t newlines, size_t after) {
  if (!newlines) {
    ctx->col += (uint32_t)len;
    return;
  }
  ctx->line += newlines;
  ctx->col = 1 + (uint32_t)after;
  cjm_lex_stop_if_full(ctx);
}

/* Moves past white space text[0..len), newlines included (the rule's
 * action; cjm_lex_move_past_space). */
void cjm_lex_space(cjm_parse_ctx *ctx, const char *text, size_t len);

/* Reports that a token's value text[0..len), an identifier or a string
 * (what), at loc, is over limit bytes long, and returns the length that
 * keeps the whole characters within the limit. */
size_t cjm_lex_over_limit(cjm_parse_ctx *ctx, const cjm_loc *loc, const char *what, const char *text,
                          size_t len, size_t limit);

/* Sets *value to the identifier text[0..len), located already at loc:
 * interned, cut to the length limit. The token is IDENT. */
static inline void cjm_lex_ident(cjm_parse_ctx *ctx, const char *text, size_t len, cjm_token_value *value,
                                 const cjm_loc *loc) {
  if (len > ctx->limits.max_ident_bytes)
    len = cjm_lex_over_limit(ctx, loc, "identifier", text, len, ctx->limits.max_ident_bytes);
  value->ident = cjm_intern(ctx->names, text, len);
}

/* Records the head keyword of a block about to be parsed. */
static inline void cjm_lex_block_keyword(cjm_parse_ctx *ctx, const char *keyword, const cjm_loc *loc) {
  ctx->prev_block_keyword = ctx->block_keyword;
  ctx->prev_block_loc = ctx->block_loc;
  ctx->block_keyword = keyword;
  ctx->block_loc = *loc;
}

/* The token of the reserved word k, located already at loc; a block
 * keyword is recorded for messages about where its block opened. */
static inline int cjm_lex_keyword(cjm_parse_ctx *ctx, const cjm_keyword *k, const cjm_loc *loc) {
  if (k->kind == CJM_KEYWORD_BLOCK) cjm_lex_block_keyword(ctx, k->word, loc);
  return k->token;
}

/* Records the comment text[0..len). */
void cjm_lex_comment(cjm_parse_ctx *ctx, const char *text, size_t len);

/* The length of the longest prefix of the identifier-shaped text[0..len)
 * made of identifier characters; 0 when the first character is not one. */
size_t cjm_lex_ident_length(const char *text, size_t len);

/* For identifier-shaped text[0..len) whose characters are all identifier
 * characters (the whole match of the identifier rule, or the part of it
 * before a non-identifier character: `by，`): a reserved word's token, or
 * IDENT with *value set. For a single character that is not one (a
 * confusable such as a full-width comma): reports it and returns the token
 * it stands for, or 0 to skip it. */
int cjm_lex_word(cjm_parse_ctx *ctx, const char *text, size_t len, cjm_token_value *value, cjm_loc *loc);

/* Converts a number token. */
void cjm_lex_number(cjm_parse_ctx *ctx, const char *text, size_t len, cjm_token_value *value,
                    cjm_loc *loc);

/* The length of the number at the start of text[0..len). */
size_t cjm_lex_number_length(const char *text, size_t len);

/* Reports a number run into letters ("2nd_try", "1e3") and returns the
 * token it most likely stands for: a number where one is expected (its
 * value marked invalid), else an identifier. */
int cjm_lex_bad_number(cjm_parse_ctx *ctx, const char *text, size_t len, cjm_token_value *value,
                       cjm_loc *loc);

/* Reports a comment started with a full-width number sign and skips it. */
void cjm_lex_fullwidth_comment(cjm_parse_ctx *ctx, const char *text, size_t len);

/* The scanner's rules (lexer.l); cjm_yylex (yylex.c) reads from them. */
int cjm_scan(cjm_token_value *value, cjm_loc *loc, void *scanner);

/* The scanner's position, where the next token starts, or NULL when the
 * fast lexer may not run now (lexer.l); and moving it past what the fast
 * lexer has read. */
const char *cjm_scan_position(void *scanner);
void cjm_scan_set_position(void *scanner, const char *pos);

/* Puts back the byte flex overwrote with a NUL to end the current token,
 * for a scan that stopped inside an action (ctx->stopped), so that the
 * source text is as read when its lines are printed. */
void cjm_scan_restore(void *scanner);

/* Decodes the one-line string token text[0..len), quotes included;
 * terminated tells whether it has its closing quote. */
void cjm_lex_string(cjm_parse_ctx *ctx, const char *text, size_t len, bool terminated,
                    cjm_token_value *value, cjm_loc *loc);

/* Decodes a string in single, curly or corner quotes ('…', “…”, «…», 「…」) after
 * reporting that straight quotes are needed. */
void cjm_lex_curly_string(cjm_parse_ctx *ctx, const char *text, size_t len,
                          cjm_token_value *value, cjm_loc *loc);

/* Starts a long string at its opening """. */
void cjm_lex_triple_open(cjm_parse_ctx *ctx, const char *text);

/* Moves past part of a long string's body, newlines included. */
void cjm_lex_triple_body(cjm_parse_ctx *ctx, const char *text, size_t len);

/* Ends a long string at its closing """ (closing_end points past it), or at
 * the end of input when closing_end is NULL, and decodes it. */
void cjm_lex_triple_close(cjm_parse_ctx *ctx, const char *closing_end, cjm_token_value *value,
                          cjm_loc *loc);

/* Reports a character that starts no token. */
void cjm_lex_stray(cjm_parse_ctx *ctx, const char *text, size_t len);

/* `a<U+202E>b`: invisible characters inside an identifier. Returns the
 * length of the word text[0..len) they hide in, identifier characters
 * after them included, or keep (the identifier before the first of them)
 * when no identifier character follows. */
size_t cjm_lex_hidden_word_length(const char *text, size_t len, size_t keep);

/* Reads such a word as one identifier, without its invisible characters,
 * and reports each of them (stray-char): one slip, no cascade. */
int cjm_lex_hidden_word(cjm_parse_ctx *ctx, const char *text, size_t len, cjm_token_value *value,
                        cjm_loc *loc);

/* Reports a run of NUL bytes past the start of the file (the first 8 KiB
 * are probed before scanning, parse.c); scanning goes on after it. */
void cjm_lex_nul(cjm_parse_ctx *ctx, const char *text, size_t len);

/* ---- tree constructors (ast.c) ----------------------------------------- */


cjm_ident cjm_ast_no_ident(void);
cjm_string cjm_ast_no_string(void);

/* The AST values of tokens, from the token value, its location and the
 * source. An absent identifier or string is all zeros, location included. */
static inline cjm_ident cjm_token_ident(const char *name, const cjm_loc *loc) {
  return name ? (cjm_ident){name, *loc} : (cjm_ident){0};
}
cjm_string cjm_token_string(const cjm_parse_ctx *ctx, const char *text, const cjm_loc *loc);
cjm_number cjm_token_number(const cjm_parse_ctx *ctx, double value, const cjm_loc *loc);

/* Identifier and entry lists under construction: circular, held by their
 * last node (see cjm_token_value). Appending to NULL starts a list. */
cjm_ident_item *cjm_ast_ids_append(cjm_parse_ctx *ctx, cjm_ident_item *last, cjm_ident id);
cjm_entry *cjm_ast_entries_append(cjm_entry *last, cjm_entry *entry);

/* The entries, one constructor per shape; loc spans the whole entry (its
 * keyword's location is derived: cjm_entry_keyword_loc). */
/* KEY "text" [for PERSONA] */
cjm_entry *cjm_ast_text_entry(cjm_parse_ctx *ctx, cjm_ident key, cjm_string text, cjm_ident for_persona,
                              const cjm_loc *loc);
/* by / via / next ID, ID... (ids: the last of a circular list) */
cjm_entry *cjm_ast_list_entry(cjm_parse_ctx *ctx, cjm_entry_kind kind, cjm_ident_item *ids, const cjm_loc *loc);
/* feel SCORE ["word"] [for PERSONA] */
cjm_entry *cjm_ast_feel_entry(cjm_parse_ctx *ctx, cjm_number score, cjm_string word, cjm_ident for_persona,
                              const cjm_loc *loc);
/* measure METRIC VALUE */
cjm_entry *cjm_ast_measure_entry(cjm_parse_ctx *ctx, cjm_ident metric, cjm_number value, const cjm_loc *loc);
/* status / kind / better WORD */
cjm_entry *cjm_ast_word_entry(cjm_parse_ctx *ctx, cjm_entry_kind kind, cjm_ident word, const cjm_loc *loc);
/* scale MIN..MAX */
cjm_entry *cjm_ast_scale_entry(cjm_parse_ctx *ctx, cjm_number min, cjm_number max, const cjm_loc *loc);
/* unit "..." */
cjm_entry *cjm_ast_unit_entry(cjm_parse_ctx *ctx, cjm_string unit, const cjm_loc *loc);
/* target N */
cjm_entry *cjm_ast_target_entry(cjm_parse_ctx *ctx, cjm_number target, const cjm_loc *loc);

/* A block head: keyword, identifier (or none), label or title (or none). */
cjm_block *cjm_ast_head(cjm_parse_ctx *ctx, cjm_block_kind kind, const cjm_loc *keyword,
                        cjm_ident id, cjm_string label, const cjm_loc *head);

/* Completes block with its entries (the last of a circular list, or NULL)
 * and appends it to the file: a step to the stage above it, anything else
 * to the top level. */
void cjm_ast_add_block(cjm_parse_ctx *ctx, cjm_block *block, cjm_entry *entries,
                       const cjm_loc *loc);

/* Completes the tree once the grammar is done (the open stage's array of
 * steps) and frees what building it needed. */
void cjm_ast_finish(cjm_parse_ctx *ctx);

/* ---- comments (comments.c) --------------------------------------------- */

/* Attaches the comments scanned before each node of block (its head and
 * entries, not its steps) to that node or to the node before it. Blocks
 * must come in source order. */
void cjm_comments_attach_block(cjm_parse_ctx *ctx, cjm_block *block);

/* Attaches the comments left after the last block to the file, and lists
 * every comment in file->comments. */
void cjm_comments_finish(cjm_parse_ctx *ctx);

#endif
