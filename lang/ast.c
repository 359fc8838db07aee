/* ast — the tree constructors the grammar's actions call, and small
 * helpers over the tree. See ast.h and parse_ctx.h. */
#include "lang/ast.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lang/keywords.h"
#include "lang/parse_ctx.h"
#include "parser.h"

/* The words of the blocks and entries, by kind, from keywords.def. */
#define BLOCK_WORD_BLOCK(NODE, word) [CJM_BLOCK_##NODE] = word,
#define BLOCK_WORD_ENTRY(NODE, word)
#define BLOCK_WORD_CLAUSE(NODE, word)
#define BLOCK_WORD_VALUE(NODE, word)
static const char *const block_words[] = {
#define CJM_KEYWORD(word, TOKEN, KIND, NODE, THEN, help) BLOCK_WORD_##KIND(NODE, word)
#include "lang/keywords.def"
};
_Static_assert(sizeof block_words / sizeof block_words[0] == CJM_BLOCK_STEP + 1 &&
                   (int)CJM_BLOCK_KEYWORDS == (int)CJM_BLOCK_STEP + 1,
               "a block keyword for each block kind (keywords.def)");

#define ENTRY_WORD_BLOCK(NODE, word)
#define ENTRY_WORD_ENTRY(NODE, word) [CJM_ENTRY_##NODE] = word,
#define ENTRY_WORD_CLAUSE(NODE, word)
#define ENTRY_WORD_VALUE(NODE, word)
static const char *const entry_words[] = {
    [CJM_ENTRY_TEXT] = "", /* KEY "text": no keyword */
#define CJM_KEYWORD(word, TOKEN, KIND, NODE, THEN, help) ENTRY_WORD_##KIND(NODE, word)
#include "lang/keywords.def"
};
_Static_assert(sizeof entry_words / sizeof entry_words[0] == CJM_ENTRY_BETTER + 1 &&
                   (int)CJM_ENTRY_KEYWORDS == (int)CJM_ENTRY_BETTER,
               "an entry keyword for each entry kind but TEXT (keywords.def)");

const char *cjm_block_keyword(cjm_block_kind k) { return block_words[k]; }

const char *cjm_entry_keyword(cjm_entry_kind k) { return entry_words[k]; }

bool cjm_is_keyword(const char *word) {
  const cjm_keyword *k = word ? cjm_keyword_find(word, strlen(word)) : NULL;
  return k && k->kind != CJM_KEYWORD_VALUE;
}

cjm_loc cjm_entry_keyword_loc(const cjm_entry *e) {
  if (e->kind == CJM_ENTRY_TEXT) return e->key.loc;
  cjm_loc loc = e->loc;
  size_t n = strlen(cjm_entry_keyword(e->kind));
  loc.end_line = loc.line;
  loc.end_col = loc.col + (uint32_t)n;
  loc.end_offset = loc.offset + (uint32_t)n;
  return loc;
}

/* The locations of entry e that its kind has. */
static void entry_locs(cjm_entry *e, void (*visit)(cjm_loc *, void *), void *data) {
  visit(&e->loc, data);
  switch (e->kind) {
  case CJM_ENTRY_BY:
  case CJM_ENTRY_VIA:
  case CJM_ENTRY_NEXT:
    for (cjm_ident_item *i = e->ids; i; i = i->next) visit(&i->id.loc, data);
    break;
  case CJM_ENTRY_STATUS:
  case CJM_ENTRY_KIND:
  case CJM_ENTRY_BETTER: visit(&e->key.loc, data); break;
  case CJM_ENTRY_UNIT: visit(&e->text.loc, data); break;
  case CJM_ENTRY_TEXT:
    visit(&e->key.loc, data);
    visit(&e->text.loc, data);
    if (e->for_persona) visit(&e->for_persona->loc, data);
    break;
  case CJM_ENTRY_FEEL:
    visit(&e->text.loc, data);
    if (e->for_persona) visit(&e->for_persona->loc, data);
    visit(&e->number.loc, data);
    break;
  case CJM_ENTRY_MEASURE:
    visit(&e->key.loc, data);
    visit(&e->number.loc, data);
    break;
  case CJM_ENTRY_TARGET: visit(&e->number.loc, data); break;
  case CJM_ENTRY_SCALE:
    visit(&e->number.loc, data);
    visit(&e->number2.loc, data);
    break;
  }
}

void cjm_ast_block_locs(cjm_block *b, void (*visit)(cjm_loc *loc, void *data), void *data) {
  visit(&b->loc, data);
  visit(&b->head_loc, data);
  visit(&b->keyword_loc, data);
  visit(&b->id.loc, data);
  visit(&b->label.loc, data);
  for (cjm_entry *e = b->entries; e; e = e->next) entry_locs(e, visit, data);
  for (cjm_block *st = b->steps; st; st = st->next) cjm_ast_block_locs(st, visit, data);
}

size_t cjm_ident_list_length(const cjm_ident_item *ids) {
  size_t n = 0;
  for (; ids; ids = ids->next) n++;
  return n;
}

cjm_ident cjm_ast_no_ident(void) { return (cjm_ident){0}; }

cjm_string cjm_ast_no_string(void) { return (cjm_string){0}; }

cjm_string cjm_token_string(const cjm_parse_ctx *ctx, const char *text, const cjm_loc *loc) {
  if (!text) return (cjm_string){0};
  /* A decoded string holds no NUL, and only a long string opens with """. */
  bool triple = memcmp(ctx->text + loc->offset, "\"\"\"", 3) == 0;
  return (cjm_string){.text = text, .loc = *loc, .len = (uint32_t)strlen(text), .triple = triple};
}

cjm_number cjm_token_number(const cjm_parse_ctx *ctx, double value, const cjm_loc *loc) {
  const char *text = ctx->text + loc->offset;
  size_t len = loc->end_offset - loc->offset;
  if (isnan(value)) /* malformed ("1e3", reported), kept as written */
    return (cjm_number){.text = cjm_arena_strndup(ctx->arena, text, len), .invalid = true, .loc = *loc};
  bool percent = text[len - 1] == '%';
  return (cjm_number){.value = value,
                      .text = cjm_arena_strndup(ctx->arena, text, len - percent),
                      .percent = percent,
                      .has_sign = text[0] == '+' || text[0] == '-',
                      .loc = *loc};
}

cjm_ident_item *cjm_ast_ids_append(cjm_parse_ctx *ctx, cjm_ident_item *last, cjm_ident id) {
  cjm_ident_item *item = CJM_NEW(ctx->arena, cjm_ident_item);
  item->id = id;
  item->next = last ? last->next : item;
  if (last) last->next = item;
  return item;
}

cjm_entry *cjm_ast_entries_append(cjm_entry *last, cjm_entry *entry) {
  entry->next = last ? last->next : entry;
  if (last) last->next = entry;
  return entry;
}

/* The bytes an entry of each kind takes: up to the end of the last field
 * it uses (ast.h). A `by` list takes 64 bytes of the 272 of a scale
 * (bench/README.md, "Entries by kind"). Building with CJM_FULL_ENTRIES gives every
 * entry the whole struct. */
#ifdef CJM_FULL_ENTRIES
#define ENTRY_UP_TO(field) sizeof(cjm_entry)
#else
#define ENTRY_UP_TO(field) offsetof(cjm_entry, field)
#endif
static const uint16_t entry_sizes[] = {
    [CJM_ENTRY_BY] = ENTRY_UP_TO(key),      [CJM_ENTRY_VIA] = ENTRY_UP_TO(key),
    [CJM_ENTRY_NEXT] = ENTRY_UP_TO(key),    [CJM_ENTRY_STATUS] = ENTRY_UP_TO(text),
    [CJM_ENTRY_KIND] = ENTRY_UP_TO(text),   [CJM_ENTRY_BETTER] = ENTRY_UP_TO(text),
    [CJM_ENTRY_UNIT] = ENTRY_UP_TO(for_persona), [CJM_ENTRY_TEXT] = ENTRY_UP_TO(number),
    [CJM_ENTRY_FEEL] = ENTRY_UP_TO(number2), [CJM_ENTRY_MEASURE] = ENTRY_UP_TO(number2),
    [CJM_ENTRY_TARGET] = ENTRY_UP_TO(number2), [CJM_ENTRY_SCALE] = sizeof(cjm_entry),
};
_Static_assert(sizeof entry_sizes / sizeof entry_sizes[0] == CJM_ENTRY_BETTER + 1, "a size for each entry kind");

/* A new entry of kind spanning loc, allocated for its kind's fields. Each
 * constructor below sets only those: the arena's memory comes zeroed
 * (arena.c), which makes this cheaper than writing a whole entry from a
 * compound literal (measured on bench/run.sh). */
static cjm_entry *entry_new(cjm_parse_ctx *ctx, cjm_entry_kind kind, const cjm_loc *loc) {
  cjm_entry *e = cjm_arena_zalloc_aligned(ctx->arena, entry_sizes[kind], _Alignof(cjm_entry));
  e->kind = kind;
  e->loc = *loc;
  return e;
}

/* The persona after `for`, in the arena; NULL when none was read (most
 * entries have none, and a pointer is 32 bytes less than an identifier). */
static cjm_ident *for_new(cjm_parse_ctx *ctx, cjm_ident for_persona) {
  if (!for_persona.name) return NULL;
  cjm_ident *id = CJM_NEW(ctx->arena, cjm_ident);
  *id = for_persona;
  return id;
}

cjm_entry *cjm_ast_text_entry(cjm_parse_ctx *ctx, cjm_ident key, cjm_string text, cjm_ident for_persona,
                              const cjm_loc *loc) {
  cjm_entry *e = entry_new(ctx, CJM_ENTRY_TEXT, loc);
  e->key = key;
  e->text = text;
  e->for_persona = for_new(ctx, for_persona);
  return e;
}

cjm_entry *cjm_ast_list_entry(cjm_parse_ctx *ctx, cjm_entry_kind kind, cjm_ident_item *ids, const cjm_loc *loc) {
  cjm_entry *e = entry_new(ctx, kind, loc);
  e->ids = ids->next; /* the first: the list was circular */
  ids->next = NULL;
  return e;
}

cjm_entry *cjm_ast_feel_entry(cjm_parse_ctx *ctx, cjm_number score, cjm_string word, cjm_ident for_persona,
                              const cjm_loc *loc) {
  cjm_entry *e = entry_new(ctx, CJM_ENTRY_FEEL, loc);
  e->text = word;
  e->for_persona = for_new(ctx, for_persona);
  e->number = score;
  return e;
}

cjm_entry *cjm_ast_measure_entry(cjm_parse_ctx *ctx, cjm_ident metric, cjm_number value, const cjm_loc *loc) {
  cjm_entry *e = entry_new(ctx, CJM_ENTRY_MEASURE, loc);
  e->key = metric;
  e->number = value;
  return e;
}

cjm_entry *cjm_ast_word_entry(cjm_parse_ctx *ctx, cjm_entry_kind kind, cjm_ident word, const cjm_loc *loc) {
  cjm_entry *e = entry_new(ctx, kind, loc);
  e->key = word;
  return e;
}

cjm_entry *cjm_ast_scale_entry(cjm_parse_ctx *ctx, cjm_number min, cjm_number max, const cjm_loc *loc) {
  cjm_entry *e = entry_new(ctx, CJM_ENTRY_SCALE, loc);
  e->number = min;
  e->number2 = max;
  return e;
}

cjm_entry *cjm_ast_unit_entry(cjm_parse_ctx *ctx, cjm_string unit, const cjm_loc *loc) {
  cjm_entry *e = entry_new(ctx, CJM_ENTRY_UNIT, loc);
  e->text = unit;
  return e;
}

cjm_entry *cjm_ast_target_entry(cjm_parse_ctx *ctx, cjm_number target, const cjm_loc *loc) {
  cjm_entry *e = entry_new(ctx, CJM_ENTRY_TARGET, loc);
  e->number = target;
  return e;
}

cjm_block *cjm_ast_head(cjm_parse_ctx *ctx, cjm_block_kind kind, const cjm_loc *keyword,
                        cjm_ident id, cjm_string label, const cjm_loc *head) {
  cjm_block *b = CJM_NEW(ctx->arena, cjm_block);
  b->kind = kind;
  b->keyword_loc = *keyword;
  b->head_loc = *head;
  b->id = id;
  b->label = label;
  return b;
}

/* Gives the open stage, if any, the array of its steps. */
static void close_stage(cjm_parse_ctx *ctx) {
  cjm_block *stage = ctx->open_stage;
  if (!stage || !ctx->stage_step_count) return;
  stage->step_count = ctx->stage_step_count;
  stage->step_array = CJM_NEW_ARRAY(ctx->arena, cjm_block *, stage->step_count);
  memcpy(stage->step_array, ctx->stage_steps, stage->step_count * sizeof *stage->step_array);
  ctx->stage_step_count = 0;
}

void cjm_ast_finish(cjm_parse_ctx *ctx) {
  close_stage(ctx);
  free(ctx->stage_steps);
  ctx->stage_steps = NULL;
  ctx->stage_step_capacity = 0;
}

static void append_top(cjm_parse_ctx *ctx, cjm_block *block) {
  if (ctx->last_block) ctx->last_block->next = block;
  else ctx->file->blocks = block;
  ctx->last_block = block;
}

void cjm_ast_add_block(cjm_parse_ctx *ctx, cjm_block *block, cjm_entry *entries,
                       const cjm_loc *loc) {
  /* The list was circular: its last entry leads to the first. */
  block->entries = entries ? entries->next : NULL;
  if (entries) entries->next = NULL;
  /* A block ends with the token before the look-ahead that closed it (the
   * next head keyword, or the end of the file). That is where its last
   * entry ends, and, after a syntax error, the last token skipped in it. */
  const cjm_loc *last = ctx->last_kind == TOK_END ? &ctx->last_loc : &ctx->loc_before;
  block->loc = last->offset >= loc->offset ? cjm_loc_span(loc, last) : *loc;
  cjm_comments_attach_block(ctx, block);
  if (block->kind == CJM_BLOCK_STEP && ctx->open_stage) {
    if (ctx->last_step) ctx->last_step->next = block;
    else ctx->open_stage->steps = block;
    ctx->last_step = block;
    if (ctx->stage_step_count == ctx->stage_step_capacity) {
      ctx->stage_step_capacity = ctx->stage_step_capacity ? ctx->stage_step_capacity * 2 : 64;
      ctx->stage_steps = cjm_xrealloc(ctx->stage_steps, ctx->stage_step_capacity * sizeof *ctx->stage_steps);
    }
    ctx->stage_steps[ctx->stage_step_count++] = block;
    return;
  }
  close_stage(ctx);
  if (block->kind == CJM_BLOCK_STEP) {
    cjm_diag *d = cjm_error(ctx->diags, "misplaced", &block->keyword_loc,
                            "step '%s' is outside any stage", block->id.name ? block->id.name : "?");
    if (ctx->last_block && ctx->last_block->kind == CJM_BLOCK_STEP)
      cjm_note(d, NULL, "the step before it is outside any stage too");
    else if (ctx->last_block)
      cjm_note(d, &ctx->last_block->keyword_loc,
               "a step belongs to the stage block above it; this '%s' block ends the stage",
               cjm_block_keyword(ctx->last_block->kind));
    else
      cjm_note(d, NULL, "declare a stage first: stage ID \"Label\"");
  }
  append_top(ctx, block);
  ctx->open_stage = block->kind == CJM_BLOCK_STAGE ? block : NULL;
  ctx->last_step = NULL;
}
