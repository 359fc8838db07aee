/* diff — see diff.h. Things are matched across the two models by name:
 * a name of one model is looked up in the other's interner, then in that
 * model's tables, so no table is built for the declarations. Lists inside
 * a thing (attributes, `by`, lane entries, measures) are matched with a
 * small hash index over one side. */
#include "runtime/review/diff.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/base/grow.h"
#include "runtime/core/present.h"

/* ---- a hash index over the names of one list ------------------------------------ */

/* Maps a name to the items of one list that carry it, in order; taking
 * an item hands out the first one not taken yet. */
typedef struct name_index {
  struct name_slot {
    size_t key;                  /* an item with this name, plus one; 0: empty slot */
    size_t head;                 /* the first item not taken yet, plus one; 0: none left */
  } *slots;
  size_t mask;
  const char **names;            /* per item */
  size_t *next;                  /* per item: the next item with its name, plus one */
  bool *taken;                   /* per item */
  size_t count;
} name_index;

static size_t slot_of(const name_index *ix, const char *name, size_t len) {
  size_t i = cjm_hash_bytes(name, len) & ix->mask;
  while (ix->slots[i].key && strcmp(ix->names[ix->slots[i].key - 1], name) != 0) i = (i + 1) & ix->mask;
  return i;
}

/* Indexes names[0..count) (the array is borrowed). */
static void index_build(name_index *ix, const char **names, size_t count) {
  size_t capacity = 8;
  while (capacity < count * 2) capacity *= 2;
  *ix = (name_index){
      .slots = cjm_xcalloc(capacity, sizeof *ix->slots),
      .mask = capacity - 1,
      .names = names,
      .next = cjm_xcalloc(count ? count : 1, sizeof *ix->next),
      .taken = cjm_xcalloc(count ? count : 1, sizeof *ix->taken),
      .count = count,
  };
  /* Backwards, so that each chain runs in list order. */
  for (size_t i = count; i-- > 0;) {
    struct name_slot *slot = &ix->slots[slot_of(ix, names[i], strlen(names[i]))];
    if (!slot->key) slot->key = i + 1;
    ix->next[i] = slot->head;
    slot->head = i + 1;
  }
}

/* Takes the first item named name not taken yet; -1 when there is none. */
static long index_take(name_index *ix, const char *name) {
  struct name_slot *slot = &ix->slots[slot_of(ix, name, strlen(name))];
  if (!slot->head) return -1;
  size_t item = slot->head - 1;
  slot->head = ix->next[item];
  ix->taken[item] = true;
  return (long)item;
}

static void index_free(name_index *ix) {
  free(ix->slots);
  free(ix->next);
  free(ix->taken);
  *ix = (name_index){0};
}

/* ---- the state of one comparison ---------------------------------------------------- */

/* The feels of one moment for one persona, gathered. */
typedef struct feel_sum {
  double sum;
  size_t count;
  const char *word;              /* the first feel's word */
  bool matched;                  /* paired with the other side's */
} feel_sum;

typedef struct differ {
  cjm_diff *diff;
  cjm_arena *arena;              /* the diff's */
  cjm_arena *scratch;            /* freed when the comparison ends */
  const cjm_diff_side *old, *new;
  const char *persona;           /* the --persona filter, or NULL */
  cjm_diff_detail *details;      /* the details of the thing being compared (malloc'd) */
  size_t detail_count, detail_capacity;
  bool old_signed, new_signed;   /* each side's scale goes below zero */
  feel_sum *old_feels, *new_feels; /* per persona of each side */
  size_t *old_touched, *new_touched; /* personas with a feel in the current moment */
} differ;

static const cjm_model empty_model;

static const cjm_model *model_of(const cjm_diff_side *side) {
  return side->model ? side->model : &empty_model;
}

/* Looks up id in the table at table_offset of side's model. */
static void *lookup(const cjm_diff_side *side, size_t table_offset, const char *id) {
  if (!side->model || !side->names || !id) return NULL;
  const char *name = cjm_intern_lookup(side->names, id, strlen(id));
  if (!name) return NULL;
  const cjm_symtab *table = (const cjm_symtab *)((const char *)side->model + table_offset);
  return cjm_symtab_get(table, name);
}

#define TABLE(field) offsetof(cjm_model, field)

static bool same_str(const char *a, const char *b) {
  if (!a || !b) return a == b;
  return strcmp(a, b) == 0;
}

static bool same_num(double a, double b) {
  double d = a - b;
  return d < 1e-9 && d > -1e-9;
}

double cjm_diff_on_new_scale(const cjm_diff *diff, double old) {
  return diff->rescaled ? old * diff->scale_factor + diff->scale_offset : old;
}

/* ---- details ---------------------------------------------------------------------------- */

static cjm_diff_detail *detail(differ *d, cjm_detail_kind kind, cjm_diff_op op, const char *key) {
  cjm_diff_detail *det = CJM_PUSH(d->details, d->detail_count, d->detail_capacity);
  *det = (cjm_diff_detail){.kind = kind, .op = op, .key = key};
  return det;
}

/* A detail of text, old to new (either may be NULL: not set). */
static void text_detail(differ *d, cjm_detail_kind kind, const char *key, const char *old,
                        const char *new) {
  if (same_str(old, new)) return;
  cjm_diff_op op = !old ? CJM_DIFF_ADDED : !new ? CJM_DIFF_REMOVED : CJM_DIFF_CHANGED;
  cjm_diff_detail *det = detail(d, kind, op, key);
  det->old = (cjm_diff_value){.has = old != NULL, .text = old};
  det->new = (cjm_diff_value){.has = new != NULL, .text = new};
}

static cjm_diff_entity *entity(differ *d, cjm_diff_kind kind, cjm_diff_op op, const char *id) {
  cjm_diff_entity *e = CJM_NEW(d->arena, cjm_diff_entity);
  e->kind = kind;
  e->op = op;
  e->id = id;
  d->detail_count = 0;
  return e;
}

/* Moves the details gathered into e. Returns e, or NULL when e is a
 * CHANGED thing in which nothing changed after all. */
static cjm_diff_entity *finish(differ *d, cjm_diff_entity *e) {
  e->detail_count = d->detail_count;
  e->details = CJM_NEW_ARRAY(d->arena, cjm_diff_detail, d->detail_count ? d->detail_count : 1);
  if (d->detail_count) memcpy(e->details, d->details, d->detail_count * sizeof *d->details);
  d->detail_count = 0;
  if (e->op == CJM_DIFF_CHANGED && !e->detail_count && !e->label_changed && !e->moved) return NULL;
  d->diff->change_count += 1 + e->detail_count;
  return e;
}

static void labels(cjm_diff_entity *e, const cjm_decl *old, const cjm_decl *new) {
  e->old_label = old ? old->label : NULL;
  e->new_label = new ? new->label : NULL;
  e->label_changed = old && new && !same_str(old->label, new->label);
}

/* A new entity for the thing declared by decl that only the old journey
 * has; ref is the model object of that declaration. */
static cjm_diff_entity *removed_entity(differ *d, cjm_diff_kind kind, const cjm_decl *decl, const void *ref) {
  cjm_diff_entity *e = entity(d, kind, CJM_DIFF_REMOVED, decl->id);
  labels(e, decl, NULL);
  e->old_ref = ref;
  return e;
}

/* ---- lists inside a thing --------------------------------------------------------------- */

static void compare_attrs(differ *d, const cjm_attr *old, size_t old_count, const cjm_attr *new,
                          size_t new_count) {
  const char **keys = cjm_xmalloc((old_count ? old_count : 1) * sizeof *keys);
  for (size_t i = 0; i < old_count; i++) keys[i] = old[i].key;
  name_index ix;
  index_build(&ix, keys, old_count);
  for (size_t i = 0; i < new_count; i++) {
    long k = index_take(&ix, new[i].key);
    text_detail(d, CJM_DETAIL_ATTR, new[i].key, k < 0 ? NULL : old[k].value, new[i].value);
  }
  for (size_t i = 0; i < old_count; i++)
    if (!ix.taken[i]) text_detail(d, CJM_DETAIL_ATTR, old[i].key, old[i].value, NULL);
  index_free(&ix);
  free(keys);
}

/* The id of a declared thing, given as a pointer to the struct that
 * starts with its cjm_decl. */
static const char *decl_id(const void *thing) { return ((const cjm_decl *)thing)->id; }

/* `by`, `via` and `next`: names added and removed. */
static void compare_names(differ *d, cjm_detail_kind kind, void *const *old, size_t old_count,
                          void *const *new, size_t new_count) {
  const char **keys = cjm_xmalloc((old_count ? old_count : 1) * sizeof *keys);
  for (size_t i = 0; i < old_count; i++) keys[i] = decl_id(old[i]);
  name_index ix;
  index_build(&ix, keys, old_count);
  for (size_t i = 0; i < new_count; i++) {
    if (index_take(&ix, decl_id(new[i])) >= 0) continue;
    cjm_diff_detail *det = detail(d, kind, CJM_DIFF_ADDED, decl_id(new[i]));
    det->new.has = true;
    det->new_ref = new[i];
  }
  for (size_t i = 0; i < old_count; i++) {
    if (ix.taken[i]) continue;
    cjm_diff_detail *det = detail(d, kind, CJM_DIFF_REMOVED, keys[i]);
    det->old.has = true;
    det->old_ref = old[i];
  }
  index_free(&ix);
  free(keys);
}

/* Gathers the feels of a moment per persona into sums (indexed by the
 * persona's place in its model), listing the personas touched. */
static size_t gather_feels(const differ *d, const cjm_moment *m, feel_sum *sums, size_t *touched) {
  size_t count = 0;
  for (size_t i = 0; m && i < m->feel_count; i++) {
    const cjm_feel *f = &m->feels[i];
    for (size_t k = 0; k < f->speakers.count; k++) {
      const cjm_persona *p = f->speakers.items[k];
      if (d->persona && strcmp(p->decl.id, d->persona) != 0) continue;
      feel_sum *s = &sums[p->decl.index];
      if (!s->count) {
        touched[count++] = p->decl.index;
        s->word = f->word;
      }
      s->sum += f->score;
      s->count++;
    }
  }
  return count;
}

/* Feels: per persona, old score and word to new. */
static void compare_feels(differ *d, const cjm_moment *old, const cjm_moment *new) {
  size_t old_n = gather_feels(d, old, d->old_feels, d->old_touched);
  size_t new_n = gather_feels(d, new, d->new_feels, d->new_touched);
  const cjm_model *old_model = model_of(d->old), *new_model = model_of(d->new);
  for (size_t i = 0; i < new_n; i++) {
    const cjm_persona *p = new_model->personas[d->new_touched[i]];
    const feel_sum *s = &d->new_feels[p->decl.index];
    const cjm_persona *op = lookup(d->old, TABLE(persona_table), p->decl.id);
    feel_sum *o = op ? &d->old_feels[op->decl.index] : NULL;
    if (o && !o->count) o = NULL;
    double new_score = s->sum / (double)s->count;
    double old_score = o ? o->sum / (double)o->count : 0;
    double shift = new_score - cjm_diff_on_new_scale(d->diff, old_score);
    if (o) o->matched = true;
    if (o && same_num(shift, 0) && same_str(o->word, s->word)) continue;
    cjm_diff_detail *det = detail(d, CJM_DETAIL_FEEL, o ? CJM_DIFF_CHANGED : CJM_DIFF_ADDED, p->decl.id);
    det->new = (cjm_diff_value){.has = true, .num = new_score, .text = s->word, .signed_scale = d->new_signed};
    det->new_ref = p;
    if (o) {
      det->old = (cjm_diff_value){.has = true, .num = old_score, .text = o->word, .signed_scale = d->old_signed};
      det->old_ref = op;
      det->shift = same_num(shift, 0) ? 0 : shift;
    }
  }
  for (size_t i = 0; i < old_n; i++) {
    feel_sum *o = &d->old_feels[d->old_touched[i]];
    if (!o->matched) {
      const cjm_persona *p = old_model->personas[d->old_touched[i]];
      cjm_diff_detail *det = detail(d, CJM_DETAIL_FEEL, CJM_DIFF_REMOVED, p->decl.id);
      det->old = (cjm_diff_value){.has = true, .num = o->sum / (double)o->count, .text = o->word,
                                  .signed_scale = d->old_signed};
      det->old_ref = p;
    }
    *o = (feel_sum){0};
  }
  for (size_t i = 0; i < new_n; i++) d->new_feels[d->new_touched[i]] = (feel_sum){0};
}

/* The name a lane entry is matched by: lane, text and `for` persona. */
static const char *lane_entry_key(differ *d, const cjm_lane_entry *e) {
  const char *who = e->speakers.source == CJM_SPEAKERS_FOR ? e->speakers.items[0]->decl.id : "";
  return cjm_arena_printf(d->scratch, "%s\x1f%s\x1f%s", e->lane->decl.id, e->text, who);
}

static void lane_detail(differ *d, cjm_diff_op op, const cjm_lane_entry *e) {
  cjm_diff_detail *det = detail(d, CJM_DETAIL_LANE, op, e->lane->decl.id);
  det->persona = e->speakers.source == CJM_SPEAKERS_FOR ? e->speakers.items[0]->decl.id : NULL;
  cjm_diff_value *v = op == CJM_DIFF_ADDED ? &det->new : &det->old;
  *v = (cjm_diff_value){.has = true, .text = e->text};
  if (op == CJM_DIFF_ADDED) det->new_ref = e;
  else det->old_ref = e;
}

/* Lane entries: each added or removed (an edited text is both). */
static void compare_lane_entries(differ *d, const cjm_moment *old, const cjm_moment *new) {
  size_t old_count = old ? old->entry_count : 0, new_count = new ? new->entry_count : 0;
  const char **keys = cjm_xmalloc((old_count ? old_count : 1) * sizeof *keys);
  for (size_t i = 0; i < old_count; i++) keys[i] = lane_entry_key(d, &old->entries[i]);
  name_index ix;
  index_build(&ix, keys, old_count);
  for (size_t i = 0; i < new_count; i++) {
    const cjm_lane_entry *e = &new->entries[i];
    if (d->persona && !cjm_speaks_for_named(&e->speakers, d->persona)) continue;
    if (index_take(&ix, lane_entry_key(d, e)) < 0) lane_detail(d, CJM_DIFF_ADDED, e);
  }
  for (size_t i = 0; i < old_count; i++) {
    const cjm_lane_entry *e = &old->entries[i];
    if (d->persona && !cjm_speaks_for_named(&e->speakers, d->persona)) continue;
    if (!ix.taken[i]) lane_detail(d, CJM_DIFF_REMOVED, e);
  }
  index_free(&ix);
  free(keys);
}

static cjm_diff_value measure_value(const cjm_measure *m) {
  return (cjm_diff_value){.has = true,
                          .num = m->value,
                          .percent = m->percent,
                          .result = cjm_metric_judge(m->metric, m->value)};
}

static void measure_detail(differ *d, cjm_diff_op op, const cjm_measure *old, const cjm_measure *new) {
  const cjm_measure *any = new ? new : old;
  cjm_diff_detail *det = detail(d, CJM_DETAIL_MEASURE, op, any->metric->decl.id);
  det->unit = any->metric->unit;
  det->has_target = any->metric->has_target;
  det->target = any->metric->target;
  if (old) det->old = measure_value(old);
  if (new) det->new = measure_value(new);
  det->old_ref = old;
  det->new_ref = new;
}

/* Measures: per metric, in order, old value to new. */
static void compare_measures(differ *d, const cjm_measure *old, size_t old_count, const cjm_measure *new,
                             size_t new_count) {
  const char **keys = cjm_xmalloc((old_count ? old_count : 1) * sizeof *keys);
  for (size_t i = 0; i < old_count; i++) keys[i] = old[i].metric->decl.id;
  name_index ix;
  index_build(&ix, keys, old_count);
  for (size_t i = 0; i < new_count; i++) {
    long k = index_take(&ix, new[i].metric->decl.id);
    if (k < 0) {
      measure_detail(d, CJM_DIFF_ADDED, NULL, &new[i]);
    } else {
      const cjm_measure *o = &old[k];
      bool same = same_num(o->value, new[i].value) && o->percent == new[i].percent &&
                  cjm_metric_judge(o->metric, o->value) == cjm_metric_judge(new[i].metric, new[i].value);
      if (!same) measure_detail(d, CJM_DIFF_CHANGED, o, &new[i]);
    }
  }
  for (size_t i = 0; i < old_count; i++)
    if (!ix.taken[i]) measure_detail(d, CJM_DIFF_REMOVED, &old[i], NULL);
  index_free(&ix);
  free(keys);
}

/* Everything a stage or step records. old or new may be NULL (nothing). */
static void compare_moment(differ *d, const cjm_moment *old, const cjm_moment *new) {
  static const cjm_moment none;
  if (!old) old = &none;
  if (!new) new = &none;
  compare_names(d, CJM_DETAIL_BY, (void *const *)old->by, old->by_count, (void *const *)new->by,
                new->by_count);
  compare_names(d, CJM_DETAIL_VIA, (void *const *)old->via, old->via_count, (void *const *)new->via,
                new->via_count);
  compare_feels(d, old, new);
  compare_lane_entries(d, old, new);
  compare_measures(d, old->measures, old->measure_count, new->measures, new->measure_count);
}

/* ---- declarations ----------------------------------------------------------------------- */

/* The details of one declared thing of kind, either side NULL. */
static void compare_decl(differ *d, cjm_diff_kind kind, const void *old, const void *new) {
  switch (kind) {
  case CJM_DIFF_PERSONA: {
    const cjm_persona *o = old, *n = new;
    if (o && n && o->kind != n->kind)
      text_detail(d, CJM_DETAIL_KIND, NULL, cjm_persona_kind_word(o->kind), cjm_persona_kind_word(n->kind));
    if (n && !o && n->kind == CJM_COMPANY) text_detail(d, CJM_DETAIL_KIND, NULL, NULL, cjm_persona_kind_word(CJM_COMPANY));
    compare_attrs(d, o ? o->attrs : NULL, o ? o->attr_count : 0, n ? n->attrs : NULL, n ? n->attr_count : 0);
    break;
  }
  case CJM_DIFF_CHANNEL: {
    const cjm_channel *o = old, *n = new;
    compare_attrs(d, o ? o->attrs : NULL, o ? o->attr_count : 0, n ? n->attrs : NULL, n ? n->attr_count : 0);
    break;
  }
  case CJM_DIFF_METRIC: {
    const cjm_metric *o = old, *n = new;
    text_detail(d, CJM_DETAIL_UNIT, NULL, o ? o->unit : NULL, n ? n->unit : NULL);
    bool ot = o && o->has_target, nt = n && n->has_target;
    if (ot != nt || (ot && nt && !same_num(o->target, n->target))) {
      cjm_diff_detail *det = detail(d, CJM_DETAIL_TARGET, !ot ? CJM_DIFF_ADDED : !nt ? CJM_DIFF_REMOVED : CJM_DIFF_CHANGED, NULL);
      det->old = (cjm_diff_value){.has = ot, .num = ot ? o->target : 0};
      det->new = (cjm_diff_value){.has = nt, .num = nt ? n->target : 0};
    }
    text_detail(d, CJM_DETAIL_BETTER, NULL, o ? cjm_better_word(o->better) : NULL, n ? cjm_better_word(n->better) : NULL);
    compare_attrs(d, o ? o->attrs : NULL, o ? o->attr_count : 0, n ? n->attrs : NULL, n ? n->attr_count : 0);
    break;
  }
  default:
    break;
  }
}

/* Whether a thing is a built-in lane: every journey has them, even the
 * empty one, so they are never added or removed. */
static bool builtin(cjm_diff_kind kind, const void *thing) {
  return kind == CJM_DIFF_LANE && ((const cjm_lane *)thing)->builtin;
}

/* Personas, channels, lanes or metrics: the new ones in order, then the
 * removed ones. things and count are the arrays of each model. */
static void compare_decls(differ *d, cjm_ptrvec *out, cjm_diff_kind kind, size_t table,
                          void *const *old_things, size_t old_count, void *const *new_things,
                          size_t new_count) {
  for (size_t i = 0; i < new_count; i++) {
    const cjm_decl *n = new_things[i];
    if (builtin(kind, n)) continue;
    const cjm_decl *o = lookup(d->old, table, n->id);
    cjm_diff_entity *e = entity(d, kind, o ? CJM_DIFF_CHANGED : CJM_DIFF_ADDED, n->id);
    labels(e, o, n);
    e->old_ref = o;
    e->new_ref = n;
    compare_decl(d, kind, o, n);
    if ((e = finish(d, e))) cjm_ptrvec_push(out, e);
  }
  for (size_t i = 0; i < old_count; i++) {
    const cjm_decl *o = old_things[i];
    if (builtin(kind, o) || lookup(d->new, table, o->id)) continue;
    cjm_diff_entity *e = removed_entity(d, kind, o, o);
    cjm_ptrvec_push(out, finish(d, e));
  }
}

/* The journey block: added when only the new side has one (a file
 * compared with the empty journey, or a module made a journey), removed
 * when only the old side has, else changed in its settings. The title of an added or removed journey
 * is on its line, not a detail. */
static void compare_journey(differ *d) {
  const cjm_journey *o = &model_of(d->old)->journey, *n = &model_of(d->new)->journey;
  bool o_has = d->old->model && o->declared, n_has = d->new->model && n->declared;
  cjm_diff_op op = !o_has && n_has ? CJM_DIFF_ADDED : o_has && !n_has ? CJM_DIFF_REMOVED : CJM_DIFF_CHANGED;
  cjm_diff_entity *e = entity(d, CJM_DIFF_JOURNEY, op, NULL);
  e->old_label = o_has ? o->title : NULL;
  e->new_label = n_has ? n->title : NULL;
  e->old_ref = d->old->model ? o : NULL;
  e->new_ref = d->new->model ? n : NULL;
  if (op == CJM_DIFF_CHANGED)
    text_detail(d, CJM_DETAIL_TITLE, NULL, o->declared ? o->title : NULL, n->declared ? n->title : NULL);
  text_detail(d, CJM_DETAIL_STATUS, NULL, cjm_status_word(o->status), cjm_status_word(n->status));
  bool o_scale = d->old->model != NULL, n_scale = d->new->model != NULL;
  if (o_scale && n_scale && (!same_num(o->scale_min, n->scale_min) || !same_num(o->scale_max, n->scale_max))) {
    cjm_diff_detail *det = detail(d, CJM_DETAIL_SCALE, CJM_DIFF_CHANGED, NULL);
    det->old = (cjm_diff_value){.has = true, .num = o->scale_min, .num2 = o->scale_max};
    det->new = (cjm_diff_value){.has = true, .num = n->scale_min, .num2 = n->scale_max};
  }
  compare_attrs(d, o->attrs, o->attr_count, n->attrs, n->attr_count);
  compare_measures(d, o->measures, o->measure_count, n->measures, n->measure_count);
  d->diff->journey = finish(d, e);
}

/* ---- order ----------------------------------------------------------------------------------- */

/* Marks in keep[] a longest increasing subsequence of seq[0..n) (values
 * distinct): the things that kept their order. O(n log n). */
static void longest_in_order(const size_t *seq, size_t n, bool *keep) {
  if (!n) return;
  size_t *tails = cjm_xmalloc(n * sizeof *tails); /* index of the last item of a run of each length */
  size_t *prev = cjm_xmalloc(n * sizeof *prev);
  size_t len = 0;
  for (size_t i = 0; i < n; i++) {
    size_t lo = 0, hi = len;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (seq[tails[mid]] < seq[i]) lo = mid + 1;
      else hi = mid;
    }
    prev[i] = lo ? tails[lo - 1] : (size_t)-1;
    tails[lo] = i;
    if (lo == len) len++;
  }
  for (size_t i = tails[len - 1], k = 0; k < len; k++, i = prev[i]) keep[i] = true;
  free(tails);
  free(prev);
}

/* ---- stages and steps -------------------------------------------------------------------- */

/* A stage of the tree being built. */
typedef struct stage_group {
  cjm_diff_entity *entity;
  cjm_ptrvec steps;
} stage_group;

/* Compares one step found in both models (or only in new, old NULL). */
static cjm_diff_entity *compare_step(differ *d, const cjm_step *old, const cjm_step *new) {
  cjm_diff_entity *e = entity(d, CJM_DIFF_STEP, old ? CJM_DIFF_CHANGED : CJM_DIFF_ADDED, new->decl.id);
  labels(e, old ? &old->decl : NULL, &new->decl);
  e->old_ref = old;
  e->new_ref = new;
  e->stage = new->stage->decl.id;
  if (old && strcmp(old->stage->decl.id, new->stage->decl.id) != 0) {
    e->old_stage = old->stage->decl.id;
    e->moved = true;
  }
  compare_moment(d, old ? &old->moment : NULL, &new->moment);
  compare_names(d, CJM_DETAIL_NEXT, old ? (void *const *)old->next : NULL, old ? old->next_count : 0,
                (void *const *)new->next, new->next_count);
  return e;
}

/* The steps of new stage s: added, changed and moved ones, in order. */
static void compare_steps_of(differ *d, const cjm_stage *stage, stage_group *group) {
  size_t n = stage->step_count;
  cjm_diff_entity **found = cjm_xcalloc(n ? n : 1, sizeof *found);
  size_t *seq = cjm_xmalloc((n ? n : 1) * sizeof *seq);    /* old places of the steps that stayed */
  size_t *where = cjm_xmalloc((n ? n : 1) * sizeof *where); /* their places in the new stage */
  bool *keep = cjm_xcalloc(n ? n : 1, sizeof *keep);
  size_t stayed = 0;
  for (size_t k = 0; k < n; k++) {
    const cjm_step *s = stage->steps[k];
    const cjm_step *o = lookup(d->old, TABLE(step_table), s->decl.id);
    found[k] = compare_step(d, o, s);
    if (o && !found[k]->old_stage) {
      seq[stayed] = o->decl.index; /* journey order: within one stage, the stage's order */
      where[stayed++] = k;
    }
    /* Keep the details aside: order is decided when the whole stage is seen. */
    found[k]->detail_count = d->detail_count;
    found[k]->details = CJM_NEW_ARRAY(d->arena, cjm_diff_detail, d->detail_count ? d->detail_count : 1);
    if (d->detail_count) memcpy(found[k]->details, d->details, d->detail_count * sizeof *d->details);
    d->detail_count = 0;
  }
  longest_in_order(seq, stayed, keep);
  for (size_t i = 0; i < stayed; i++) {
    if (keep[i]) continue;
    cjm_diff_entity *e = found[where[i]];
    e->moved = true;
    e->after = where[i] ? stage->steps[where[i] - 1]->decl.id : NULL;
  }
  for (size_t k = 0; k < n; k++) {
    cjm_diff_entity *e = found[k];
    if (e->op == CJM_DIFF_CHANGED && !e->detail_count && !e->label_changed && !e->moved) continue;
    d->diff->change_count += 1 + e->detail_count;
    cjm_ptrvec_push(&group->steps, e);
  }
  free(found);
  free(seq);
  free(where);
  free(keep);
}

static void compare_stages(differ *d) {
  const cjm_model *om = model_of(d->old), *nm = model_of(d->new);
  size_t groups_n = nm->stage_count + om->stage_count;
  stage_group *groups = cjm_xcalloc(groups_n ? groups_n : 1, sizeof *groups);
  size_t *seq = cjm_xmalloc((nm->stage_count ? nm->stage_count : 1) * sizeof *seq);
  size_t *where = cjm_xmalloc((nm->stage_count ? nm->stage_count : 1) * sizeof *where);
  bool *keep = cjm_xcalloc(nm->stage_count ? nm->stage_count : 1, sizeof *keep);
  size_t stayed = 0;

  /* New stages, in order: groups[0..stage_count) by new index. */
  for (size_t i = 0; i < nm->stage_count; i++) {
    const cjm_stage *s = nm->stages[i];
    const cjm_stage *o = lookup(d->old, TABLE(stage_table), s->decl.id);
    cjm_diff_entity *e = entity(d, CJM_DIFF_STAGE, o ? CJM_DIFF_CHANGED : CJM_DIFF_ADDED, s->decl.id);
    labels(e, o ? &o->decl : NULL, &s->decl);
    e->old_ref = o;
    e->new_ref = s;
    compare_moment(d, o ? &o->moment : NULL, &s->moment);
    e->detail_count = d->detail_count;
    e->details = CJM_NEW_ARRAY(d->arena, cjm_diff_detail, d->detail_count ? d->detail_count : 1);
    if (d->detail_count) memcpy(e->details, d->details, d->detail_count * sizeof *d->details);
    d->detail_count = 0;
    groups[i].entity = e;
    if (o) {
      seq[stayed] = o->decl.index;
      where[stayed++] = i;
    }
  }
  longest_in_order(seq, stayed, keep);
  for (size_t k = 0; k < stayed; k++) {
    if (keep[k]) continue;
    cjm_diff_entity *e = groups[where[k]].entity;
    e->moved = true;
    e->after = where[k] ? nm->stages[where[k] - 1]->decl.id : NULL;
  }
  for (size_t i = 0; i < nm->stage_count; i++) compare_steps_of(d, nm->stages[i], &groups[i]);

  /* Removed stages: groups[stage_count + old index]. */
  for (size_t i = 0; i < om->stage_count; i++) {
    const cjm_stage *o = om->stages[i];
    if (lookup(d->new, TABLE(stage_table), o->decl.id)) continue;
    cjm_diff_entity *e = removed_entity(d, CJM_DIFF_STAGE, &o->decl, o);
    groups[nm->stage_count + i].entity = e;
  }
  /* Removed steps, under their old stage (or its group when it is gone). */
  for (size_t i = 0; i < om->step_count; i++) {
    const cjm_step *o = om->steps[i];
    if (lookup(d->new, TABLE(step_table), o->decl.id)) continue;
    cjm_diff_entity *e = removed_entity(d, CJM_DIFF_STEP, &o->decl, o);
    e->stage = o->stage->decl.id;
    d->diff->change_count++;
    const cjm_stage *kept = lookup(d->new, TABLE(stage_table), o->stage->decl.id);
    stage_group *g = kept ? &groups[kept->decl.index] : &groups[nm->stage_count + o->stage->decl.index];
    cjm_ptrvec_push(&g->steps, e);
  }

  cjm_ptrvec out = {0};
  for (size_t i = 0; i < groups_n; i++) {
    stage_group *g = &groups[i];
    cjm_diff_entity *e = g->entity;
    if (!e) continue;
    bool changed = e->op != CJM_DIFF_CHANGED || e->detail_count || e->label_changed || e->moved;
    if (changed) d->diff->change_count += 1 + e->detail_count;
    else if (g->steps.count) e->op = CJM_DIFF_SAME;
    if (!changed && !g->steps.count) {
      free(g->steps.items);
      continue;
    }
    cjm_diff_stage *ds = CJM_NEW(d->arena, cjm_diff_stage);
    ds->entity = e;
    ds->steps = (cjm_diff_entity **)cjm_ptrvec_finish(&g->steps, d->arena, &ds->step_count);
    cjm_ptrvec_push(&out, ds);
  }
  /* The tree holds the groups by value. */
  size_t count = out.count;
  d->diff->stages = CJM_NEW_ARRAY(d->arena, cjm_diff_stage, count ? count : 1);
  for (size_t i = 0; i < count; i++) d->diff->stages[i] = *(cjm_diff_stage *)out.items[i];
  d->diff->stage_count = count;
  free(out.items);
  free(groups);
  free(seq);
  free(where);
  free(keep);
}

/* ---- experience summary ------------------------------------------------------------------ */

/* A summary cell: old (on the new scale) and new. */
static cjm_diff_mean mean_pair(const cjm_diff *diff, const cjm_mean *old, const cjm_mean *new) {
  cjm_diff_mean m = {0};
  if (old && old->count) m = (cjm_diff_mean){.old_has = true, .old_value = cjm_diff_on_new_scale(diff, cjm_mean_value(old))};
  if (new && new->count) {
    m.new_has = true;
    m.new_value = cjm_mean_value(new);
  }
  return m;
}

static bool mean_changed(const cjm_diff_mean *m) {
  return m->old_has != m->new_has || (m->old_has && !same_num(m->old_value, m->new_value));
}

/* Fills one row for old stage index os and new stage index ns: -1 when
 * the stage is absent on that side, -2 for the overall row. Returns
 * whether a cell changed. */
static bool fill_row(differ *d, cjm_diff_feel_row *row, const long *old_persona, const long *new_persona,
                     long os, long ns) {
  const cjm_analysis *oa = d->old->analysis, *na = d->new->analysis;
  bool changed = false;
  if (!d->persona) {
    const cjm_mean *o = NULL, *n = NULL;
    if (oa) o = os >= 0 ? &oa->stages[os].feel : (os == -2 ? &oa->overall : NULL);
    if (na) n = ns >= 0 ? &na->stages[ns].feel : (ns == -2 ? &na->overall : NULL);
    row->all = mean_pair(d->diff, o, n);
    changed |= mean_changed(&row->all);
  }
  for (size_t p = 0; p < d->diff->persona_count; p++) {
    const cjm_mean *o = NULL, *n = NULL;
    cjm_mean old_stage, new_stage;
    if (oa && old_persona[p] >= 0) {
      if (os >= 0) old_stage = cjm_analysis_stage_persona(oa, (size_t)os, (size_t)old_persona[p]), o = &old_stage;
      else if (os == -2) o = &oa->personas[old_persona[p]].feel;
    }
    if (na && new_persona[p] >= 0) {
      if (ns >= 0) new_stage = cjm_analysis_stage_persona(na, (size_t)ns, (size_t)new_persona[p]), n = &new_stage;
      else if (ns == -2) n = &na->personas[new_persona[p]].feel;
    }
    row->personas[p] = mean_pair(d->diff, o, n);
    changed |= mean_changed(&row->personas[p]);
  }
  return changed;
}

static void summarise(differ *d) {
  const cjm_model *om = model_of(d->old), *nm = model_of(d->new);
  cjm_diff *diff = d->diff;
  /* Columns: personas of new, then those only in old; or the one asked for. */
  size_t cap = nm->persona_count + om->persona_count;
  const char **ids = CJM_NEW_ARRAY(d->arena, const char *, cap ? cap : 1);
  long *old_persona = cjm_xmalloc((cap ? cap : 1) * sizeof *old_persona);
  long *new_persona = cjm_xmalloc((cap ? cap : 1) * sizeof *new_persona);
  size_t count = 0;
  for (size_t i = 0; i < nm->persona_count; i++) {
    const cjm_persona *p = nm->personas[i];
    if (d->persona && strcmp(p->decl.id, d->persona) != 0) continue;
    const cjm_persona *o = lookup(d->old, TABLE(persona_table), p->decl.id);
    ids[count] = p->decl.id;
    new_persona[count] = (long)i;
    old_persona[count++] = o ? (long)o->decl.index : -1;
  }
  for (size_t i = 0; i < om->persona_count; i++) {
    const cjm_persona *o = om->personas[i];
    if (d->persona && strcmp(o->decl.id, d->persona) != 0) continue;
    if (lookup(d->new, TABLE(persona_table), o->decl.id)) continue;
    ids[count] = o->decl.id;
    new_persona[count] = -1;
    old_persona[count++] = (long)i;
  }
  diff->personas_only = d->persona != NULL;
  diff->personas = ids;
  diff->persona_count = count;

  size_t rows_cap = nm->stage_count + om->stage_count + 1;
  diff->rows = CJM_NEW_ARRAY(d->arena, cjm_diff_feel_row, rows_cap);
  size_t rows = 0;
  cjm_diff_feel_row *row = &diff->rows[0];
  row->personas = CJM_NEW_ARRAY(d->arena, cjm_diff_mean, count ? count : 1);
  for (size_t i = 0; i < nm->stage_count + om->stage_count; i++) {
    const cjm_stage *s, *o;
    long os, ns;
    if (i < nm->stage_count) {
      s = nm->stages[i];
      o = lookup(d->old, TABLE(stage_table), s->decl.id);
      ns = (long)i;
      os = o ? (long)o->decl.index : -1;
    } else {
      o = om->stages[i - nm->stage_count];
      if (lookup(d->new, TABLE(stage_table), o->decl.id)) continue;
      s = NULL;
      ns = -1;
      os = (long)o->decl.index;
    }
    if (!fill_row(d, row, old_persona, new_persona, os, ns)) continue;
    row->stage = s ? s->decl.id : o->decl.id;
    row->label = s ? s->decl.label : o->decl.label;
    row = &diff->rows[++rows];
    row->personas = CJM_NEW_ARRAY(d->arena, cjm_diff_mean, count ? count : 1);
  }
  bool overall = fill_row(d, row, old_persona, new_persona, -2, -2);
  if (rows || overall) rows++;
  diff->row_count = rows;
  free(old_persona);
  free(new_persona);
}

/* ---- the whole comparison ------------------------------------------------------------------ */

cjm_diff *cjm_diff_compute(const cjm_diff_side *old, const cjm_diff_side *new,
                           const cjm_diff_options *options) {
  cjm_arena *arena = cjm_arena_new();
  cjm_diff *diff = CJM_NEW(arena, cjm_diff);
  diff->arena = arena;
  diff->old_name = old->name;
  diff->new_name = new->name;
  const cjm_model *om = model_of(old), *nm = model_of(new);
  const cjm_model *scale_of = new->model ? nm : old->model ? om : NULL;
  diff->signed_scale = !scale_of || scale_of->journey.scale_min < 0;
  const cjm_journey *oj = &om->journey, *nj = &nm->journey;
  if (old->model && new->model && oj->scale_max > oj->scale_min &&
      (!same_num(oj->scale_min, nj->scale_min) || !same_num(oj->scale_max, nj->scale_max))) {
    diff->rescaled = true;
    diff->scale_factor = (nj->scale_max - nj->scale_min) / (oj->scale_max - oj->scale_min);
    diff->scale_offset = nj->scale_min - oj->scale_min * diff->scale_factor;
  }

  differ d = {
      .diff = diff,
      .arena = arena,
      .scratch = cjm_arena_new(),
      .old = old,
      .new = new,
      .persona = options ? options->persona : NULL,
      .old_signed = !old->model || oj->scale_min < 0,
      .new_signed = !new->model || nj->scale_min < 0,
      .old_feels = cjm_xcalloc(om->persona_count + 1, sizeof(feel_sum)),
      .new_feels = cjm_xcalloc(nm->persona_count + 1, sizeof(feel_sum)),
      .old_touched = cjm_xcalloc(om->persona_count + 1, sizeof(size_t)),
      .new_touched = cjm_xcalloc(nm->persona_count + 1, sizeof(size_t)),
  };
  compare_journey(&d);
  cjm_ptrvec things = {0};
  compare_decls(&d, &things, CJM_DIFF_PERSONA, TABLE(persona_table), (void *const *)om->personas,
                om->persona_count, (void *const *)nm->personas, nm->persona_count);
  compare_decls(&d, &things, CJM_DIFF_CHANNEL, TABLE(channel_table), (void *const *)om->channels,
                om->channel_count, (void *const *)nm->channels, nm->channel_count);
  compare_decls(&d, &things, CJM_DIFF_LANE, TABLE(lane_table), (void *const *)om->lanes, om->lane_count,
                (void *const *)nm->lanes, nm->lane_count);
  compare_decls(&d, &things, CJM_DIFF_METRIC, TABLE(metric_table), (void *const *)om->metrics,
                om->metric_count, (void *const *)nm->metrics, nm->metric_count);
  diff->things = (cjm_diff_entity **)cjm_ptrvec_finish(&things, arena, &diff->thing_count);
  compare_stages(&d);
  summarise(&d);

  free(d.details);
  free(d.old_feels);
  free(d.new_feels);
  free(d.old_touched);
  free(d.new_touched);
  cjm_arena_free(d.scratch);
  return diff;
}

bool cjm_diff_entity_changed(const cjm_diff_entity *e) {
  return e->op == CJM_DIFF_CHANGED && (e->detail_count || e->label_changed);
}

/* Counts one thing into c. */
static void count_one(const cjm_diff_entity *e, cjm_diff_counts *c) {
  c->added += e->op == CJM_DIFF_ADDED;
  c->removed += e->op == CJM_DIFF_REMOVED;
  c->changed += cjm_diff_entity_changed(e);
  c->moved += e->op == CJM_DIFF_CHANGED && e->moved;
}

cjm_diff_counts cjm_diff_count(const cjm_diff *diff) {
  cjm_diff_counts c = {0};
  if (diff->journey) count_one(diff->journey, &c);
  for (size_t i = 0; i < diff->thing_count; i++) count_one(diff->things[i], &c);
  for (size_t i = 0; i < diff->stage_count; i++) {
    count_one(diff->stages[i].entity, &c);
    for (size_t k = 0; k < diff->stages[i].step_count; k++) count_one(diff->stages[i].steps[k], &c);
  }
  return c;
}

bool cjm_diff_identical(const cjm_diff *diff) {
  return !diff->journey && !diff->thing_count && !diff->stage_count && !diff->row_count;
}

void cjm_diff_free(cjm_diff *diff) {
  if (diff) cjm_arena_free(diff->arena);
}

const char *cjm_diff_kind_word(cjm_diff_kind kind) {
  static const char *const words[] = {"journey", "persona", "channel", "lane", "metric", "stage", "step"};
  return words[kind];
}
