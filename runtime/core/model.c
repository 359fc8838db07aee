/* model — see model.h. The build runs in passes over the blocks of the
 * program in merge order (a used file's blocks stand where its first `use`
 * is): declare everything, read the journey's settings, resolve every
 * entry, then order the steps and apply the defaults. */
#include "runtime/core/model.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/base/grow.h"
#include "runtime/core/indentation.h"
#include "runtime/core/present.h"
#include "runtime/core/suggest.h"
#include "runtime/core/words.h"

static const char *const builtin_lane_names[] = {"action", "touchpoint", "thought", "need",
                                                 "pain",   "opportunity", "note", NULL};

const char *const *cjm_builtin_lanes(void) { return builtin_lane_names; }

/* A block in merge order, with where it comes from. */
typedef struct placed_block {
  const cjm_block *block;
  bool from_stdlib;
} placed_block;

/* A `by`, `via` or `next` list being read: its declarations, each once, in
 * the order first named. listed marks, by decl.index, the declarations of
 * the kind that are in it, so that adding a name is constant time however
 * long the list (a linear search made a list of N names quadratic);
 * ref_list_reset clears only the marks of the list's own items. */
typedef struct ref_list {
  cjm_ptrvec items;            /* the declarations (cjm_decl first in each) */
  bool *listed;                /* one per declaration of the kind (malloc'd) */
} ref_list;

/* The arrays that the entries of one stage or step are read into before
 * read_moment copies them to arrays of their exact size. Reused from one
 * stage or step to the next, they stay in the cache, and each entry of the
 * syntax tree is read once (sizing the arrays first would take a second
 * pass over entries that are long out of the cache). */
typedef struct moment_scratch {
  ref_list by, via, next;      /* personas, channels, steps */
  cjm_feel *feels;
  size_t feel_count, feel_capacity;
  cjm_lane_entry *entries;
  size_t entry_count, entry_capacity;
  cjm_measure *measures;
  size_t measure_count, measure_capacity;
} moment_scratch;

typedef struct builder {
  cjm_program *program;
  cjm_arena *arena;
  cjm_diags *diags;
  cjm_model *model;
  placed_block *blocks;        /* merge order */
  size_t block_count, block_capacity;
  cjm_ptrvec personas, channels, lanes, metrics, stages, stage_blocks;
  struct stage_parts {
    cjm_ptrvec blocks;         /* the blocks declaring or reopening the stage */
    cjm_ptrvec steps;          /* its steps as declared, duplicates left out */
  } *parts;                    /* per stage index (grows with stages) */
  size_t stage_slots;
  moment_scratch scratch;
  void *empty;                 /* zeroed, the array of every empty list in the model */
  bool scale_broken;           /* the journey's scale is in error: feels are not checked against it */
  const cjm_entry *scale;      /* the journey's `scale` entry in force, or NULL for the default */
  size_t unknown_skipped;      /* unknown references not reported because a module is missing */
} builder;

/* ---- merge order ---------------------------------------------------------- */

static void place(builder *b, const cjm_file *file, bool *merged) {
  size_t use = 0;
  for (const cjm_block *block = file->ast->blocks; block; block = block->next) {
    if (b->block_count == b->block_capacity) {
      b->block_capacity = b->block_capacity ? b->block_capacity * 2 : 64;
      b->blocks = cjm_xrealloc(b->blocks, b->block_capacity * sizeof *b->blocks);
    }
    b->blocks[b->block_count++] = (placed_block){block, file->from_stdlib};
    if (block->kind != CJM_BLOCK_USE) continue;
    const cjm_file *target = use < file->use_count ? file->uses[use] : NULL;
    use++;
    if (!target || !target->ast) continue;
    size_t index = 0;
    while (b->program->files[index] != target) index++;
    if (merged[index]) continue;
    merged[index] = true;
    place(b, target, merged);
  }
}

/* ---- helpers ---------------------------------------------------------------- */

static cjm_decl make_decl(const cjm_block *block, bool from_stdlib, size_t index) {
  return (cjm_decl){
      .id = block->id.name,
      .label = block->label.text ? block->label.text : block->id.name,
      .loc = block->id.loc,
      .block = block,
      .index = index,
      .label_source = block->id.loc.source,
      .from_stdlib = from_stdlib,
  };
}

/* Whether block, a bare head with a label and no entry, gives a declaration
 * first labelled in another file a new label: how a journey relabels a
 * persona, channel or lane of a module, or a built-in lane. */
static bool relabels(const cjm_block *block, const cjm_decl *existing) {
  if (!block->label.text || block->entries) return false;
  if (block->kind != CJM_BLOCK_PERSONA && block->kind != CJM_BLOCK_CHANNEL && block->kind != CJM_BLOCK_LANE)
    return false;
  return existing->label_source != block->id.loc.source;
}

/* Gives decl the label of block, written in another file. */
static void relabel(cjm_decl *decl, const cjm_block *block) {
  decl->label = block->label.text;
  decl->label_source = block->id.loc.source;
  decl->relabelled = true;
}

static const char *kind_word(cjm_block_kind kind) { return cjm_block_keyword(kind); }

/* Reports a second declaration of an identifier. */
static void report_duplicate(builder *b, cjm_block_kind kind, const cjm_ident *id,
                             const cjm_decl *first) {
  cjm_diag *d = cjm_error(b->diags, "duplicate", &id->loc, "%s '%s' is already declared",
                          kind_word(kind), id->name);
  if (first->block) cjm_note(d, &first->loc, "'%s' was first declared here", id->name);
  else cjm_note(d, NULL, "'%s' is a built-in %s", id->name, kind_word(kind));
}

/* Reports a reference to an identifier that names nothing of its kind, with
 * the nearest declared name as a suggestion. */
static void report_unknown(builder *b, const char *what, const cjm_ident *id, void *const *decls,
                           size_t count) {
  /* `by via`: the parser has reported the reserved word already. */
  if (cjm_is_keyword(id->name)) return;
  /* A module was not found: what it declares would be unknown one by one. */
  if (b->program->missing_modules) {
    b->unknown_skipped++;
    return;
  }
  cjm_diag *d = cjm_error(b->diags, "unknown-ref", &id->loc, "unknown %s '%s'", what, id->name);
  if (!d || !count) return;
  const char **names = cjm_xmalloc(count * sizeof *names);
  for (size_t i = 0; i < count; i++) names[i] = ((const cjm_decl *)decls[i])->id;
  long best = cjm_suggest(id->name, names, count);
  free(names);
  if (best >= 0) {
    const cjm_decl *hit = decls[best];
    if (hit->block) cjm_note(d, &hit->loc, "did you mean '%s'?", hit->id);
    else cjm_note(d, NULL, "did you mean '%s'?", hit->id);
  }
}

/* ---- prefetching ------------------------------------------------------------ */

/* The model reads the syntax tree a few steps ahead of where it works, so
 * that memory is fetched in parallel (why and how much: bench/README.md,
 * "Prefetching the syntax tree"). A hint only; -DCJM_NO_PREFETCH turns it
 * off. */
enum { PREFETCH_STEPS = 2, PREFETCH_BLOCKS = 8, PREFETCH_MAX_BYTES = 8192 };

/* Prefetches the cache lines of the bytes [from, to). */
static void prefetch_between(const void *from, const void *to) {
#if defined(__GNUC__) && !defined(CJM_NO_PREFETCH)
  uintptr_t a = (uintptr_t)from & ~(uintptr_t)63, b = (uintptr_t)to;
  if (b <= a || b - a > PREFETCH_MAX_BYTES) return;
  for (; a < b; a += 64) __builtin_prefetch((const void *)a);
#else
  (void)from;
  (void)to;
#endif
}

/* ---- pass 1: declarations ----------------------------------------------------- */

static void declare_simple(builder *b, const placed_block *pb, cjm_symtab *table, cjm_ptrvec *list,
                           size_t size) {
  const cjm_block *block = pb->block;
  if (!block->id.name) return;
  cjm_decl *existing = cjm_symtab_get(table, block->id.name);
  if (existing) {
    /* Two standard library modules may declare the same thing (b2c and
     * b2b both have `web`): when the labels agree it is one declaration. */
    const char *label = block->label.text ? block->label.text : block->id.name;
    bool same_stdlib = pb->from_stdlib && existing->from_stdlib && strcmp(label, existing->label) == 0;
    if (same_stdlib) return;
    if (relabels(block, existing)) relabel(existing, block);
    else report_duplicate(b, block->kind, &block->id, existing);
    return;
  }
  cjm_decl *decl = cjm_arena_zalloc(b->arena, size);
  *decl = make_decl(block, pb->from_stdlib, list->count);
  cjm_symtab_put(table, decl->id, decl);
  cjm_ptrvec_push(list, decl);
}

static void declare_stage(builder *b, const placed_block *pb) {
  const cjm_block *block = pb->block;
  cjm_model *m = b->model;
  if (!block->id.name) return;
  cjm_stage *stage = cjm_symtab_get(&m->stage_table, block->id.name);
  if (stage) {
    if (block->label.text && strcmp(block->label.text, stage->decl.label) != 0 &&
        stage->decl.label_source != block->id.loc.source) {
      relabel(&stage->decl, block); /* a module's stage, relabelled by a file that uses it */
    } else if (block->label.text && strcmp(block->label.text, stage->decl.label) != 0) {
      cjm_diag *d = cjm_error(b->diags, "reopen", &block->label.loc,
                              "stage '%s' is reopened with label \"%s\", but its label is \"%s\"",
                              stage->decl.id, block->label.text, stage->decl.label);
      cjm_note(d, &stage->decl.loc, "'%s' was first declared here", stage->decl.id);
    }
  } else {
    stage = CJM_NEW(b->arena, cjm_stage);
    stage->decl = make_decl(block, pb->from_stdlib, b->stages.count);
    cjm_symtab_put(&m->stage_table, stage->decl.id, stage);
    cjm_ptrvec_push(&b->stages, stage);
    if (b->stage_slots < b->stages.count) {
      b->stage_slots = b->stages.count * 2;
      b->parts = cjm_xrealloc(b->parts, b->stage_slots * sizeof *b->parts);
    }
    b->parts[stage->decl.index] = (struct stage_parts){0};
  }
  if (!pb->from_stdlib && !stage->user_loc.source) stage->user_loc = block->id.loc;
  struct stage_parts *parts = &b->parts[stage->decl.index];
  cjm_ptrvec_push(&parts->blocks, (void *)block);

  size_t i = 0;
  for (const cjm_block *s = block->steps; s; s = s->next, i++) {
    /* See prefetch_between. */
    if (i + PREFETCH_BLOCKS < block->step_count) {
      const cjm_block *ahead = block->step_array[i + PREFETCH_BLOCKS];
      prefetch_between(&ahead->id, &ahead->label + 1);
      prefetch_between(&ahead->next, &ahead->next + 1);
    }
    if (!s->id.name) continue;
    cjm_step *existing = cjm_symtab_get(&m->step_table, s->id.name);
    if (existing) {
      report_duplicate(b, CJM_BLOCK_STEP, &s->id, &existing->decl);
      continue;
    }
    cjm_step *step = CJM_NEW(b->arena, cjm_step);
    step->decl = make_decl(s, pb->from_stdlib, 0);
    step->stage = stage;
    step->stage_block = block;
    cjm_symtab_put(&m->step_table, step->decl.id, step);
    cjm_ptrvec_push(&parts->steps, step);
  }
}

static void declare_journey(builder *b, const placed_block *pb) {
  cjm_journey *j = &b->model->journey;
  const cjm_block *block = pb->block;
  if (j->declared) {
    cjm_diag *d = cjm_error(b->diags, "duplicate", &block->keyword_loc,
                            "a second journey; a file tree holds at most one");
    cjm_note(d, &j->loc, "the journey is declared here");
    return;
  }
  j->declared = true;
  j->title = block->label.text;
  j->loc = block->keyword_loc;
  j->block = block;
}

static void declare_builtin_lanes(builder *b) {
  for (size_t i = 0; builtin_lane_names[i]; i++) {
    cjm_lane *lane = CJM_NEW(b->arena, cjm_lane);
    const char *name = cjm_intern_cstr(b->program->names, builtin_lane_names[i]);
    lane->decl = (cjm_decl){.id = name, .label = name, .index = i};
    lane->builtin = true;
    cjm_symtab_put(&b->model->lane_table, name, lane);
    cjm_ptrvec_push(&b->lanes, lane);
  }
}

static void declare(builder *b) {
  cjm_model *m = b->model;
  declare_builtin_lanes(b);
  size_t steps = 0;
  for (size_t i = 0; i < b->block_count; i++) steps += b->blocks[i].block->step_count;
  cjm_symtab_reserve(&m->step_table, steps);
  for (size_t i = 0; i < b->block_count; i++) {
    const placed_block *pb = &b->blocks[i];
    switch (pb->block->kind) {
    case CJM_BLOCK_USE: break;
    case CJM_BLOCK_JOURNEY: declare_journey(b, pb); break;
    case CJM_BLOCK_PERSONA: declare_simple(b, pb, &m->persona_table, &b->personas, sizeof(cjm_persona)); break;
    case CJM_BLOCK_CHANNEL: declare_simple(b, pb, &m->channel_table, &b->channels, sizeof(cjm_channel)); break;
    case CJM_BLOCK_LANE: declare_simple(b, pb, &m->lane_table, &b->lanes, sizeof(cjm_lane)); break;
    case CJM_BLOCK_METRIC: declare_simple(b, pb, &m->metric_table, &b->metrics, sizeof(cjm_metric)); break;
    case CJM_BLOCK_STAGE: declare_stage(b, pb); break;
    case CJM_BLOCK_STEP: break; /* outside any stage: reported by the parser */
    }
  }
}

/* ---- pass 2 and 3: entries ------------------------------------------------------ */

/* Whether an entry of kind k may stand in a block of kind where. */
static bool entry_allowed(cjm_block_kind where, cjm_entry_kind k) {
  switch (where) {
  case CJM_BLOCK_JOURNEY:
    return k == CJM_ENTRY_TEXT || k == CJM_ENTRY_STATUS || k == CJM_ENTRY_SCALE || k == CJM_ENTRY_MEASURE;
  case CJM_BLOCK_PERSONA: return k == CJM_ENTRY_TEXT || k == CJM_ENTRY_KIND;
  case CJM_BLOCK_CHANNEL: return k == CJM_ENTRY_TEXT;
  case CJM_BLOCK_METRIC:
    return k == CJM_ENTRY_TEXT || k == CJM_ENTRY_UNIT || k == CJM_ENTRY_TARGET || k == CJM_ENTRY_BETTER;
  case CJM_BLOCK_STAGE:
    return k == CJM_ENTRY_TEXT || k == CJM_ENTRY_BY || k == CJM_ENTRY_VIA || k == CJM_ENTRY_FEEL ||
           k == CJM_ENTRY_MEASURE;
  case CJM_BLOCK_STEP: return entry_allowed(CJM_BLOCK_STAGE, k) || k == CJM_ENTRY_NEXT;
  case CJM_BLOCK_USE:
  case CJM_BLOCK_LANE: return false;
  }
  return false;
}

/* Reports an entry in a block that does not take it, naming where it
 * belongs. */
static void report_misplaced(builder *b, const cjm_block *block, const cjm_entry *e) {
  const char *word = e->kind == CJM_ENTRY_TEXT ? e->key.name : cjm_entry_keyword(e->kind);
  if (block->kind == CJM_BLOCK_USE || block->kind == CJM_BLOCK_LANE) {
    cjm_loc at = cjm_entry_keyword_loc(e);
    cjm_error(b->diags, "misplaced", &at, "a %s block takes no entries; '%s' does not belong here",
              kind_word(block->kind), word);
    return;
  }
  char where[96] = "";
  size_t used = 0;
  static const cjm_block_kind kinds[] = {CJM_BLOCK_JOURNEY, CJM_BLOCK_PERSONA, CJM_BLOCK_CHANNEL,
                                         CJM_BLOCK_METRIC, CJM_BLOCK_STAGE, CJM_BLOCK_STEP};
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
    if (!entry_allowed(kinds[i], e->kind)) continue;
    int w = snprintf(where + used, sizeof where - used, "%s%s", used ? ", " : "", kind_word(kinds[i]));
    if (w > 0) used += (size_t)w;
  }
  cjm_loc at = cjm_entry_keyword_loc(e);
  cjm_error(b->diags, "misplaced", &at, "'%s' is not allowed in a %s; it belongs in: %s",
            word, kind_word(block->kind), where);
}

/* Reports a second entry of a kind that may be given once per block. */
static bool once(builder *b, const cjm_entry *e, const cjm_entry **seen) {
  if (*seen) {
    cjm_loc at = cjm_entry_keyword_loc(e), first = cjm_entry_keyword_loc(*seen);
    cjm_diag *d = cjm_error(b->diags, "duplicate", &at, "'%s' is already given", cjm_entry_keyword(e->kind));
    cjm_note(d, &first, "first given here");
    return false;
  }
  *seen = e;
  return true;
}

/* Matches a word entry's value against two spellings; reports otherwise. */
static int word_value(builder *b, const cjm_entry *e, const char *first, const char *second) {
  const char *v = e->key.name;
  if (!v) return -1;
  if (strcmp(v, first) == 0) return 0;
  if (strcmp(v, second) == 0) return 1;
  cjm_error(b->diags, "bad-value", &e->key.loc, "'%s' must be '%s' or '%s', not '%s'",
            cjm_entry_keyword(e->kind), first, second, v);
  return -1;
}

/* Collects the free attributes of a declaration block into an array. */
static cjm_attr *read_attrs(builder *b, const cjm_block *block, size_t *count) {
  size_t n = 0;
  for (const cjm_entry *e = block->entries; e; e = e->next) n += e->kind == CJM_ENTRY_TEXT;
  cjm_attr *attrs = CJM_NEW_ARRAY(b->arena, cjm_attr, n ? n : 1);
  *count = 0;
  for (const cjm_entry *e = block->entries; e; e = e->next) {
    if (e->kind != CJM_ENTRY_TEXT || !e->key.name || !e->text.text) continue;
    if (e->for_persona)
      cjm_error(b->diags, "misplaced", &e->for_persona->loc,
                "'for' applies to entries of a stage or step, not to a %s attribute", kind_word(block->kind));
    attrs[(*count)++] = (cjm_attr){e->key.name, e->text.text, e->loc};
  }
  return attrs;
}

/* Checks the entries of a block against the table of section 4. Returns
 * false for a block that takes no entries at all. */
static void check_placement(builder *b, const cjm_block *block) {
  for (const cjm_entry *e = block->entries; e; e = e->next)
    if (!entry_allowed(block->kind, e->kind)) report_misplaced(b, block, e);
}

static cjm_measure read_measure(builder *b, const cjm_entry *e, bool *ok) {
  cjm_measure m = {.value = e->number.value, .percent = e->number.percent, .loc = &e->loc};
  *ok = false;
  if (!e->key.name || e->number.invalid) return m;
  m.metric = cjm_symtab_get(&b->model->metric_table, e->key.name);
  if (!m.metric) {
    report_unknown(b, "metric", &e->key, (void *const *)b->model->metrics, b->model->metric_count);
    return m;
  }
  m.metric->decl.used = true;
  *ok = true;
  return m;
}

static void read_journey(builder *b) {
  cjm_journey *j = &b->model->journey;
  j->scale_min = -2;
  j->scale_max = 2;
  if (!j->block) return;
  const cjm_entry *status = NULL, *scale = NULL;
  for (const cjm_entry *e = j->block->entries; e; e = e->next) {
    if (e->kind == CJM_ENTRY_STATUS && once(b, e, &status)) {
      int v = word_value(b, e, cjm_status_word(CJM_STATUS_AS_IS), cjm_status_word(CJM_STATUS_TO_BE));
      if (v >= 0) j->status = v == 0 ? CJM_STATUS_AS_IS : CJM_STATUS_TO_BE;
    } else if (e->kind == CJM_ENTRY_SCALE && once(b, e, &scale)) {
      const cjm_number *bad = e->number.percent ? &e->number : e->number2.percent ? &e->number2 : NULL;
      if (e->number.invalid || e->number2.invalid) {
        b->scale_broken = true;
      } else if (bad) {
        cjm_error(b->diags, "scale", &bad->loc, "a scale bound is a plain number, not a percentage");
        b->scale_broken = true;
      } else if (e->number.value >= e->number2.value) {
        b->scale_broken = true;
        cjm_error(b->diags, "scale", &e->loc, "scale %s..%s is empty; MIN must be below MAX",
                  e->number.text, e->number2.text);
      } else {
        j->scale_min = e->number.value;
        j->scale_max = e->number2.value;
        b->scale = e;
      }
    }
  }
  j->attrs = read_attrs(b, j->block, &j->attr_count);
  for (size_t i = 0; i < j->attr_count; i++) {
    if (strcmp(j->attrs[i].key, "lang") != 0) continue;
    if (j->lang) {
      cjm_error(b->diags, "lang", &j->attrs[i].loc, "the journey's language is given twice");
    } else if (!cjm_language_tag_valid(j->attrs[i].value)) {
      cjm_error(b->diags, "lang", &j->attrs[i].loc,
                "'%s' is not a language tag; write a BCP 47 tag such as \"en\", \"ja\", \"zh-Hans\", \"zh-Hant\" or \"ru\"",
                j->attrs[i].value);
    } else {
      j->lang = j->attrs[i].value;
    }
  }
}

static void read_journey_measures(builder *b) {
  cjm_journey *j = &b->model->journey;
  if (!j->block) return;
  size_t n = 0;
  for (const cjm_entry *e = j->block->entries; e; e = e->next) n += e->kind == CJM_ENTRY_MEASURE;
  j->measures = CJM_NEW_ARRAY(b->arena, cjm_measure, n ? n : 1);
  for (const cjm_entry *e = j->block->entries; e; e = e->next) {
    bool ok;
    if (e->kind != CJM_ENTRY_MEASURE) continue;
    cjm_measure m = read_measure(b, e, &ok);
    if (ok) j->measures[j->measure_count++] = m;
  }
}

static void read_persona(builder *b, cjm_persona *p) {
  const cjm_entry *kind = NULL;
  for (const cjm_entry *e = p->decl.block->entries; e; e = e->next)
    if (e->kind == CJM_ENTRY_KIND && once(b, e, &kind)) p->kind = word_value(b, e, cjm_persona_kind_word(CJM_PERSON), cjm_persona_kind_word(CJM_COMPANY)) == 1 ? CJM_COMPANY : CJM_PERSON;
  p->attrs = read_attrs(b, p->decl.block, &p->attr_count);
}

static void read_metric(builder *b, cjm_metric *m) {
  const cjm_entry *unit = NULL, *target = NULL, *better = NULL;
  for (const cjm_entry *e = m->decl.block->entries; e; e = e->next) {
    if (e->kind == CJM_ENTRY_UNIT && once(b, e, &unit)) m->unit = e->text.text;
    else if (e->kind == CJM_ENTRY_TARGET && once(b, e, &target) && !e->number.invalid) {
      m->has_target = true;
      m->target = e->number.value;
    } else if (e->kind == CJM_ENTRY_BETTER && once(b, e, &better)) {
      int v = word_value(b, e, cjm_better_word(CJM_BETTER_HIGHER), cjm_better_word(CJM_BETTER_LOWER));
      if (v >= 0) m->better = v == 0 ? CJM_BETTER_HIGHER : CJM_BETTER_LOWER;
    }
  }
  m->attrs = read_attrs(b, m->decl.block, &m->attr_count);
}

/* Sets list up for the count declarations of its kind, empty. */
static void ref_list_init(ref_list *list, size_t count) {
  *list = (ref_list){.listed = cjm_xcalloc(count ? count : 1, sizeof *list->listed)};
}

/* Appends d to list unless it is there already. */
static void ref_list_add(ref_list *list, cjm_decl *d) {
  if (list->listed[d->index]) return;
  list->listed[d->index] = true;
  cjm_ptrvec_push(&list->items, d);
}

/* Empties list for the next stage or step. */
static void ref_list_reset(ref_list *list) {
  for (size_t i = 0; i < list->items.count; i++) {
    const cjm_decl *d = list->items.items[i];
    list->listed[d->index] = false;
  }
  list->items.count = 0;
}

static void ref_list_free(ref_list *list) {
  free(list->items.items);
  free(list->listed);
}

/* Copies items[0..count) of size bytes each (aligned to align) into the
 * arena; an empty array is the builder's shared zeroed block (never NULL,
 * as before). */
static void *exact_copy(builder *b, const void *items, size_t count, size_t size, size_t align) {
  if (!count) return b->empty;
  return memcpy(cjm_arena_alloc_aligned(b->arena, count * size, align), items, count * size);
}

/* exact_copy for an array of T. */
#define EXACT_COPY(b, T, items, count) exact_copy((b), (items), (count), sizeof(T), _Alignof(T))

/* Resolves the `for PERSONA` of an entry into speakers. Returns false
 * after reporting an unknown persona; true (speakers untouched) when the
 * entry has no `for`. */
static bool resolve_for(builder *b, const cjm_ident *for_persona, cjm_speakers *speakers) {
  if (!for_persona) return true;
  cjm_model *m = b->model;
  cjm_persona *p = cjm_symtab_get(&m->persona_table, for_persona->name);
  if (!p) {
    report_unknown(b, "persona", for_persona, (void *const *)m->personas, m->persona_count);
    return false;
  }
  p->decl.used = true;
  speakers->items = &m->personas[p->decl.index]; /* a one-persona array, shared */
  speakers->count = 1;
  speakers->source = CJM_SPEAKERS_FOR;
  return true;
}

/* Resolves each identifier of a `by`, `via` or `next` list in table and
 * appends the declarations found to list, once each (a name given twice
 * means it once). */
static void resolve_list(builder *b, const cjm_ident_item *ids, const cjm_symtab *table,
                         const char *what, void *const *decls, size_t decl_count, ref_list *list) {
  for (const cjm_ident_item *it = ids; it; it = it->next) {
    cjm_decl *d = cjm_symtab_get(table, it->id.name);
    if (!d) {
      report_unknown(b, what, &it->id, decls, decl_count);
      continue;
    }
    d->used = true;
    ref_list_add(list, d);
  }
}

static void read_feel(builder *b, const cjm_entry *e, moment_scratch *moment) {
  const cjm_journey *j = &b->model->journey;
  cjm_feel f = {.score = e->number.value, .word = e->text.text, .loc = &e->loc};
  if (e->number.invalid) return; /* reported by the scanner */
  if (e->number.percent) {
    cjm_error(b->diags, "scale", &e->number.loc, "a feel score is a plain number, not a percentage");
    return;
  }
  if (!b->scale_broken && (f.score < j->scale_min || f.score > j->scale_max)) {
    cjm_diag *d = cjm_error(b->diags, "scale", &e->number.loc,
                            "feel %s is outside the journey's scale %g..%g", e->number.text,
                            j->scale_min, j->scale_max);
    if (b->scale) cjm_note(d, &b->scale->loc, "the scale is set here");
    else if (j->block) cjm_note(d, &j->loc, "this journey sets no scale, so it is the default -2..2");
    return;
  }
  if (!resolve_for(b, e->for_persona, &f.speakers)) return;
  moment->feels = cjm_grow(moment->feels, moment->feel_count, &moment->feel_capacity, sizeof f);
  moment->feels[moment->feel_count++] = f;
}

static void read_lane_entry(builder *b, const cjm_entry *e, moment_scratch *moment) {
  cjm_model *m = b->model;
  if (!e->key.name || !e->text.text) return;
  cjm_lane *lane = cjm_symtab_get(&m->lane_table, e->key.name);
  if (!lane) {
    report_unknown(b, "lane", &e->key, (void *const *)m->lanes, m->lane_count);
    return;
  }
  lane->decl.used = true;
  cjm_lane_entry le = {.lane = lane, .text = e->text.text, .loc = &e->loc};
  if (!resolve_for(b, e->for_persona, &le.speakers)) return;
  moment->entries = cjm_grow(moment->entries, moment->entry_count, &moment->entry_capacity, sizeof le);
  moment->entries[moment->entry_count++] = le;
}

/* Reads one entry of a stage or step into the scratch moment (`next`
 * included, for a step). */
static void read_moment_entry(builder *b, const cjm_entry *e, moment_scratch *moment, cjm_step *step) {
  cjm_model *m = b->model;
  switch (e->kind) {
  case CJM_ENTRY_BY:
    resolve_list(b, e->ids, &m->persona_table, "persona", (void *const *)m->personas, m->persona_count,
                 &moment->by);
    break;
  case CJM_ENTRY_VIA:
    resolve_list(b, e->ids, &m->channel_table, "channel", (void *const *)m->channels, m->channel_count,
                 &moment->via);
    break;
  case CJM_ENTRY_NEXT:
    step->has_next = true;
    resolve_list(b, e->ids, &m->step_table, "step", (void *const *)m->steps, m->step_count, &moment->next);
    break;
  case CJM_ENTRY_FEEL: read_feel(b, e, moment); break;
  case CJM_ENTRY_TEXT: read_lane_entry(b, e, moment); break;
  case CJM_ENTRY_MEASURE: {
    bool ok;
    cjm_measure measure = read_measure(b, e, &ok);
    if (!ok) break;
    moment->measures = cjm_grow(moment->measures, moment->measure_count, &moment->measure_capacity, sizeof measure);
    moment->measures[moment->measure_count++] = measure;
    break;
  }
  default: break;
  }
}

static int by_index(const void *x, const void *y) {
  uint32_t p = *(const uint32_t *)x, q = *(const uint32_t *)y;
  return (p > q) - (p < q);
}

/* Lists up to this long are searched one by one. */
enum { SHORT_BY_LIST = 8 };

/* The persona indices of a long `by` list, ascending, in the arena (NULL
 * for a short list): what makes "does this entry speak for P" logarithmic
 * where a list is inherited by many steps. */
static const uint32_t *sorted_indices(builder *b, cjm_persona *const *by, size_t count) {
  if (count <= SHORT_BY_LIST) return NULL;
  uint32_t *sorted = CJM_NEW_ARRAY(b->arena, uint32_t, count);
  for (size_t i = 0; i < count; i++) sorted[i] = (uint32_t)by[i]->decl.index;
  qsort(sorted, count, sizeof *sorted, by_index);
  return sorted;
}

/* Reads the entries of the blocks of one stage or step into moment. For a
 * step, `next` goes to step. Speakers are filled in later (defaults need
 * the whole journey). */
static void read_moment(builder *b, const cjm_block *const *blocks, size_t block_count,
                        cjm_moment *moment, cjm_step *step) {
  moment_scratch *s = &b->scratch;
  ref_list_reset(&s->by);
  ref_list_reset(&s->via);
  ref_list_reset(&s->next);
  s->feel_count = s->entry_count = s->measure_count = 0;
  for (size_t i = 0; i < block_count; i++) {
    bool layout = step && step->stage_block && !step->decl.from_stdlib;
    for (const cjm_entry *e = blocks[i]->entries; e; e = e->next) {
      if (entry_allowed(blocks[i]->kind, e->kind)) read_moment_entry(b, e, s, step);
      else report_misplaced(b, blocks[i], e);
      /* Read here, while the entry is in the cache, rather than in a pass
       * of its own over the whole tree (about 7 % of a check). */
      if (layout && cjm_indentation_misleads(step->stage_block, blocks[i], e))
        *CJM_PUSH(b->model->indent_slips, b->model->indent_slip_count, b->model->indent_slip_capacity) =
            (struct cjm_indent_slip){e, step};
    }
  }
  moment->by = EXACT_COPY(b, cjm_persona *, s->by.items.items, moment->by_count = s->by.items.count);
  moment->by_sorted = sorted_indices(b, moment->by, moment->by_count);
  moment->via = EXACT_COPY(b, cjm_channel *, s->via.items.items, moment->via_count = s->via.items.count);
  moment->feels = EXACT_COPY(b, cjm_feel, s->feels, moment->feel_count = s->feel_count);
  moment->entries = EXACT_COPY(b, cjm_lane_entry, s->entries, moment->entry_count = s->entry_count);
  moment->measures = EXACT_COPY(b, cjm_measure, s->measures, moment->measure_count = s->measure_count);
  if (step) step->next = EXACT_COPY(b, cjm_step *, s->next.items.items, step->next_count = s->next.items.count);
}

static void read_entries(builder *b) {
  cjm_model *m = b->model;
  for (size_t i = 0; i < b->block_count; i++) {
    /* Stage and step entries are checked as they are read (read_moment);
     * the other blocks here. */
    const cjm_block *block = b->blocks[i].block;
    if (block->kind != CJM_BLOCK_STAGE && block->kind != CJM_BLOCK_STEP) check_placement(b, block);
    if (block->kind == CJM_BLOCK_STEP) {
      /* A step outside any stage (reported by the parser) is not part of
       * the journey, but its references are still checked. */
      cjm_step *orphan = CJM_NEW(b->arena, cjm_step);
      read_moment(b, &block, 1, &orphan->moment, orphan);
    }
  }
  read_journey_measures(b);
  for (size_t i = 0; i < m->persona_count; i++) read_persona(b, m->personas[i]);
  for (size_t i = 0; i < m->channel_count; i++)
    m->channels[i]->attrs = read_attrs(b, m->channels[i]->decl.block, &m->channels[i]->attr_count);
  for (size_t i = 0; i < m->metric_count; i++) read_metric(b, m->metrics[i]);
  for (size_t i = 0; i < m->stage_count; i++) {
    cjm_stage *stage = m->stages[i];
    read_moment(b, stage->blocks, stage->block_count, &stage->moment, NULL);
    for (size_t k = 0; k < stage->step_count; k++) {
      cjm_step *step = stage->steps[k];
      /* See prefetch_between. */
      if (k + PREFETCH_STEPS + 1 < stage->step_count)
        prefetch_between(stage->steps[k + PREFETCH_STEPS]->decl.block,
                         stage->steps[k + PREFETCH_STEPS + 1]->decl.block);
      const cjm_block *one = step->decl.block;
      read_moment(b, &one, 1, &step->moment, step);
    }
  }
}

/* ---- pass 4: order, flow and defaults ------------------------------------------------ */

/* Fixes the stages' block lists and step arrays, and the journey's step
 * order: stage order, then written order. */
static void order_steps(builder *b) {
  cjm_model *m = b->model;
  cjm_ptrvec all = {0};
  for (size_t i = 0; i < m->stage_count; i++) {
    cjm_stage *stage = m->stages[i];
    struct stage_parts *parts = &b->parts[i];
    for (size_t k = 0; k < parts->steps.count; k++) {
      cjm_step *step = parts->steps.items[k];
      step->decl.index = all.count;
      cjm_ptrvec_push(&all, step);
    }
    stage->blocks = (const cjm_block **)cjm_ptrvec_finish(&parts->blocks, b->arena, &stage->block_count);
    stage->steps = (cjm_step **)cjm_ptrvec_finish(&parts->steps, b->arena, &stage->step_count);
    if (!stage->user_loc.source) stage->user_loc = stage->decl.loc;
  }
  m->steps = (cjm_step **)cjm_ptrvec_finish(&all, b->arena, &m->step_count);
}

static void link_flow(builder *b) {
  cjm_model *m = b->model;
  for (size_t i = 0; i < m->step_count; i++) {
    cjm_step *step = m->steps[i];
    if (step->has_next) {
      step->successors = step->next;
      step->successor_count = step->next_count;
    } else if (i + 1 < m->step_count) {
      step->successors = &m->steps[i + 1];
      step->successor_count = 1;
    }
  }
}

/* The personas an entry speaks for when it names none (section 4). */
static cjm_speakers default_speakers(const cjm_model *m, const cjm_moment *step, const cjm_moment *stage) {
  if (step && step->by_count)
    return (cjm_speakers){step->by, (uint32_t)step->by_count, CJM_SPEAKERS_STEP_BY, step->by_sorted};
  if (stage->by_count)
    return (cjm_speakers){stage->by, (uint32_t)stage->by_count, CJM_SPEAKERS_STAGE_BY, stage->by_sorted};
  return (cjm_speakers){m->personas, (uint32_t)m->persona_count, CJM_SPEAKERS_EVERYONE, NULL};
}

/* Gives every feel and entry of moment without `for` the fallback
 * speakers. A `by` list marked its personas used when it was read; the
 * fallback "everyone" marks them all, once (*everyone_used). */
static void apply_defaults_to(const cjm_model *m, cjm_moment *moment, cjm_speakers fallback, bool *everyone_used) {
  for (size_t i = 0; i < moment->feel_count; i++)
    if (moment->feels[i].speakers.source == CJM_SPEAKERS_UNSET) moment->feels[i].speakers = fallback;
  for (size_t i = 0; i < moment->entry_count; i++)
    if (moment->entries[i].speakers.source == CJM_SPEAKERS_UNSET) moment->entries[i].speakers = fallback;
  if (fallback.source != CJM_SPEAKERS_EVERYONE || *everyone_used) return;
  for (size_t i = 0; i < m->persona_count; i++) m->personas[i]->decl.used = true;
  *everyone_used = true;
}

/* Which feel of the moment being checked speaks for each persona named by
 * `for`: the check of one moment stamps a persona's slot with the
 * moment's number, so the table is never cleared between moments. */
typedef struct feel_owners {
  size_t *stamp;               /* per persona: the moment that last set feel[p], plus 1 */
  const cjm_feel **feel;       /* per persona: the feel of that moment with `for` it */
  size_t moment;               /* the number of the moment being checked */
} feel_owners;

static void report_second_feel(builder *b, const cjm_feel *f, const cjm_feel *earlier, const cjm_persona *clash,
                               const char *kind, const char *what) {
  cjm_diag *d = cjm_error(b->diags, "duplicate", f->loc, "%s '%s' has a second feel for persona '%s'", kind, what,
                          clash->decl.id);
  cjm_note(d, earlier->loc, "the first feel for '%s' is here; give one feel per persona, or say who "
                             "each speaks for with 'for'", clash->decl.id);
}

/* The feel with `for` persona that the moment being checked has already,
 * or NULL. */
static const cjm_feel *owner_of(const feel_owners *owners, const cjm_persona *persona) {
  size_t slot = persona->decl.index;
  return owners->stamp[slot] == owners->moment ? owners->feel[slot] : NULL;
}

/* Reports each feel of moment (of the step or stage called what) that
 * speaks for a persona an earlier feel of the same moment speaks for
 * already: one feel per persona and moment (section 4), naming the first
 * such persona in the feel's list. The feels without `for` of a moment all
 * share one list, so two of them clash at its first persona; a feel with
 * `for` is one persona, looked up in that list. Linear in the feels, and
 * in the list only to name the clash of a feel without `for` (a stage's
 * `by` may be inherited by thousands of steps). */
static void check_feels_once(builder *b, feel_owners *owners, const cjm_moment *moment, const char *kind,
                             const char *what) {
  owners->moment++;
  const cjm_feel *shared = NULL; /* the first feel without `for` */
  for (size_t i = 0; i < moment->feel_count; i++) {
    const cjm_feel *f = &moment->feels[i];
    if (f->speakers.count == 0) continue;
    if (f->speakers.source == CJM_SPEAKERS_FOR) {
      const cjm_persona *p = f->speakers.items[0];
      const cjm_feel *earlier = owner_of(owners, p);
      if (!earlier && shared && cjm_speaks_for(&shared->speakers, p)) earlier = shared;
      if (earlier) {
        report_second_feel(b, f, earlier, p, kind, what);
      } else {
        owners->stamp[p->decl.index] = owners->moment;
        owners->feel[p->decl.index] = f;
      }
      continue;
    }
    const cjm_persona *first = f->speakers.items[0];
    if (shared) { /* a feel with `for` before the first shared one names it first */
      const cjm_feel *earlier = owner_of(owners, first);
      report_second_feel(b, f, earlier ? earlier : shared, first, kind, what);
      continue;
    }
    shared = f;
    const cjm_persona *clash = NULL; /* a persona of the list given a feel with `for` already */
    for (size_t k = 0; k < i && !clash; k++) {
      const cjm_speakers *e = &moment->feels[k].speakers;
      if (e->source == CJM_SPEAKERS_FOR && cjm_speaks_for(&f->speakers, e->items[0])) clash = e->items[0];
    }
    if (!clash) continue;
    if (!cjm_diags_full(b->diags)) /* name the first in the list */
      for (size_t k = 0; k < f->speakers.count; k++)
        if (owner_of(owners, f->speakers.items[k])) {
          clash = f->speakers.items[k];
          break;
        }
    report_second_feel(b, f, owner_of(owners, clash), clash, kind, what);
  }
}

static void apply_defaults(builder *b) {
  cjm_model *m = b->model;
  /* The only persona of a journey travels every step that names nobody. */
  if (m->persona_count == 1 && m->step_count > 0) m->personas[0]->decl.used = true;
  feel_owners owners = {cjm_xcalloc(m->persona_count + 1, sizeof *owners.stamp),
                        cjm_xcalloc(m->persona_count + 1, sizeof *owners.feel), 0};
  bool everyone_used = false;
  for (size_t i = 0; i < m->stage_count; i++) {
    cjm_stage *stage = m->stages[i];
    cjm_speakers stage_default = default_speakers(m, NULL, &stage->moment);
    if (stage->moment.feel_count || stage->moment.entry_count)
      apply_defaults_to(m, &stage->moment, stage_default, &everyone_used);
    if (stage->moment.feel_count > 1) check_feels_once(b, &owners, &stage->moment, "stage", stage->decl.id);
    for (size_t k = 0; k < stage->step_count; k++) {
      cjm_step *step = stage->steps[k];
      cjm_moment *moment = &step->moment;
      if (moment->feel_count || moment->entry_count)
        apply_defaults_to(m, moment, default_speakers(m, moment, &stage->moment), &everyone_used);
      if (moment->feel_count > 1) check_feels_once(b, &owners, moment, "step", step->decl.id);
    }
  }
  free(owners.stamp);
  free(owners.feel);
}

/* The index of the first kept diagnostic called name, or SIZE_MAX. */
static size_t first_diag_named(const cjm_diags *diags, const char *name) {
  for (size_t i = 0; i < cjm_diags_count(diags); i++)
    if (strcmp(cjm_diags_at(diags, i)->name, name) == 0) return i;
  return SIZE_MAX;
}

/* ---- the whole build --------------------------------------------------------------------- */

cjm_model *cjm_model_build(cjm_program *program, cjm_diags *diags) {
  if (!program->root || !program->root->ast) return NULL;
  cjm_model *model = cjm_xcalloc(1, sizeof *model);
  builder b = {.program = program, .arena = program->arena, .diags = diags, .model = model};
  union any_item { cjm_feel feel; cjm_lane_entry entry; cjm_measure measure; void *pointer; };
  b.empty = CJM_NEW(b.arena, union any_item);

  bool *merged = cjm_xcalloc(program->file_count, sizeof *merged);
  for (size_t i = 0; i < program->file_count; i++)
    if (program->files[i] == program->root) merged[i] = true;
  place(&b, program->root, merged);
  free(merged);

  declare(&b);
  model->personas = (cjm_persona **)cjm_ptrvec_finish(&b.personas, b.arena, &model->persona_count);
  model->channels = (cjm_channel **)cjm_ptrvec_finish(&b.channels, b.arena, &model->channel_count);
  model->lanes = (cjm_lane **)cjm_ptrvec_finish(&b.lanes, b.arena, &model->lane_count);
  model->metrics = (cjm_metric **)cjm_ptrvec_finish(&b.metrics, b.arena, &model->metric_count);
  model->stages = (cjm_stage **)cjm_ptrvec_finish(&b.stages, b.arena, &model->stage_count);
  order_steps(&b);
  ref_list_init(&b.scratch.by, model->persona_count);
  ref_list_init(&b.scratch.via, model->channel_count);
  ref_list_init(&b.scratch.next, model->step_count);
  read_journey(&b);
  read_entries(&b);
  link_flow(&b);
  apply_defaults(&b);
  /* Detected only when a rendering asks (cjm_language_for): a check needs
   * no language, and reading all the text for it cost 15 % of one. */
  model->journey.language = model->journey.lang ? cjm_language_of_tag(model->journey.lang) : CJM_LANG_AUTO;
  size_t missing = first_diag_named(diags, "use-not-found");
  if (b.unknown_skipped && missing != SIZE_MAX)
    cjm_note(cjm_diags_edit(diags, missing), NULL,
             "%zu unknown reference%s not reported: %s may be declared in the missing module%s",
             b.unknown_skipped, b.unknown_skipped == 1 ? " was" : "s were",
             b.unknown_skipped == 1 ? "it" : "they", program->missing_modules == 1 ? "" : "s");

  free(b.parts);
  free(b.blocks);
  ref_list_free(&b.scratch.by);
  ref_list_free(&b.scratch.via);
  ref_list_free(&b.scratch.next);
  free(b.scratch.feels);
  free(b.scratch.entries);
  free(b.scratch.measures);
  return model;
}

void cjm_model_free(cjm_model *model) {
  if (!model) return;
  free(model->indent_slips);
  cjm_symtab_clear(&model->persona_table);
  cjm_symtab_clear(&model->channel_table);
  cjm_symtab_clear(&model->lane_table);
  cjm_symtab_clear(&model->metric_table);
  cjm_symtab_clear(&model->stage_table);
  cjm_symtab_clear(&model->step_table);
  free(model);
}

bool cjm_personas_include(cjm_persona *const *personas, size_t count, const cjm_persona *persona) {
  for (size_t i = 0; i < count; i++)
    if (personas[i] == persona) return true;
  return false;
}

/* Whether index is in sorted[0..count). */
static bool sorted_includes(const uint32_t *sorted, size_t count, size_t index) {
  size_t lo = 0, hi = count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (sorted[mid] < index) lo = mid + 1;
    else hi = mid;
  }
  return lo < count && sorted[lo] == index;
}

bool cjm_moment_by_includes(const cjm_moment *moment, const cjm_persona *persona) {
  if (moment->by_sorted) return sorted_includes(moment->by_sorted, moment->by_count, persona->decl.index);
  return cjm_personas_include(moment->by, moment->by_count, persona);
}

bool cjm_speaks_for(const cjm_speakers *speakers, const cjm_persona *persona) {
  switch (speakers->source) {
  case CJM_SPEAKERS_EVERYONE:
    return speakers->count > 0; /* the journey's personas, of which persona is one */
  case CJM_SPEAKERS_STEP_BY:
  case CJM_SPEAKERS_STAGE_BY:
    if (speakers->sorted) return sorted_includes(speakers->sorted, speakers->count, persona->decl.index);
    break;
  default: break;
  }
  return cjm_personas_include(speakers->items, speakers->count, persona);
}

bool cjm_speaks_for_named(const cjm_speakers *speakers, const char *persona_id) {
  for (size_t i = 0; i < speakers->count; i++)
    if (strcmp(speakers->items[i]->decl.id, persona_id) == 0) return true;
  return false;
}

bool cjm_moment_speaks_for(const cjm_moment *moment, const cjm_persona *persona) {
  for (size_t i = 0; i < moment->feel_count; i++)
    if (cjm_speaks_for(&moment->feels[i].speakers, persona))
      return true;
  for (size_t i = 0; i < moment->entry_count; i++)
    if (cjm_speaks_for(&moment->entries[i].speakers, persona))
      return true;
  return false;
}

bool cjm_step_shown_for(const cjm_step *step, const cjm_persona *persona) {
  if (!persona) return true;
  const cjm_moment *mo = &step->moment, *stage = &step->stage->moment;
  if (mo->by_count) {
    if (cjm_moment_by_includes(mo, persona)) return true;
  } else if (stage->by_count) {
    if (cjm_moment_by_includes(stage, persona)) return true;
  } else {
    return true;
  }
  return cjm_moment_speaks_for(mo, persona);
}

cjm_persona *cjm_model_persona(const cjm_model *model, const char *id) {
  return cjm_symtab_get(&model->persona_table, id);
}

cjm_stage *cjm_model_stage(const cjm_model *model, const char *id) {
  return cjm_symtab_get(&model->stage_table, id);
}

cjm_step *cjm_model_step(const cjm_model *model, const char *id) {
  return cjm_symtab_get(&model->step_table, id);
}

const char *cjm_decl_label(const cjm_decl *decl) {
  if (decl->label_source && decl->label_source->from_stdlib && decl->label[0]) return cjm_trc(CJM_STDLIB_CONTEXT, decl->label);
  return decl->label;
}
