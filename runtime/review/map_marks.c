/* map_marks — see map_marks.h.
 *
 * One walk over the diff: each thing and detail that changed becomes a
 * record in a table keyed by the new model's objects (the diff carries
 * them: cjm_diff_entity and cjm_diff_detail's old_ref and new_ref), and
 * each removed thing an element of a list grouped by the place it is
 * drawn at. Removed steps are placed by one pass over the old stage they
 * left, removed stages by one pass over the old stages. The lists are
 * then sorted by group (a counting sort, stable: the old order stays), so
 * that each group is a slice. */
#include "runtime/review/map_marks.h"
#include "runtime/review/diff_output.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "lang/intern.h"
#include "runtime/base/grow.h"
#include "runtime/core/symtab.h"

/* ---- a table keyed by pointers ------------------------------------------- */

/* What a key of the table is about. */
typedef enum tag {
  TAG_THING,                   /* a: a declared thing, entry or measure */
  TAG_BY,                      /* a: a moment, b: a persona */
  TAG_VIA,                     /* a: a moment, b: a channel */
  TAG_FEEL,                    /* a: a moment, b: a persona */
  TAG_REMOVED,                 /* group: a: the moment (NULL: the journey) */
  TAG_STEPS,                   /* group: a: the stage, b: the step after which */
  TAG_STAGES,                  /* group: a: the stage after which */
} tag;

typedef struct key {
  tag tag;
  const void *a, *b;
} key;

typedef struct slot {
  key key;
  size_t value;                /* the index it maps to, plus one; 0: empty */
} slot;

/* Open addressing with linear probing; never shrinks, never deletes. */
typedef struct ptr_table {
  slot *slots;
  size_t mask;                 /* capacity - 1, a power of two minus one; 0: not allocated */
  size_t count;
} ptr_table;

static size_t key_hash(const key *k) {
  uint64_t h = (uint64_t)(uintptr_t)k->a * 0x9E3779B97F4A7C15u;
  h ^= (uint64_t)(uintptr_t)k->b * 0xC2B2AE3D27D4EB4Fu + (uint64_t)k->tag;
  h ^= h >> 29;
  return (size_t)(h * 0xBF58476D1CE4E5B9u >> 17);
}

static bool key_equal(const key *x, const key *y) { return x->tag == y->tag && x->a == y->a && x->b == y->b; }

static slot *table_find(const ptr_table *t, const key *k) {
  if (!t->slots) return NULL;
  for (size_t i = key_hash(k) & t->mask;; i = (i + 1) & t->mask) {
    slot *s = &t->slots[i];
    if (!s->value || key_equal(&s->key, k)) return s;
  }
}

static void table_grow(ptr_table *t) {
  size_t capacity = t->slots ? 2 * (t->mask + 1) : 64;
  slot *old = t->slots;
  size_t old_capacity = old ? t->mask + 1 : 0;
  t->slots = cjm_xcalloc(capacity, sizeof *t->slots);
  t->mask = capacity - 1;
  for (size_t i = 0; i < old_capacity; i++)
    if (old[i].value) *table_find(t, &old[i].key) = old[i];
  free(old);
}

/* The value of k, plus one, or 0. */
static size_t table_get(const ptr_table *t, const key *k) {
  const slot *s = table_find(t, k);
  return s ? s->value : 0;
}

/* The slot of k, made when missing (its value then 0: the caller sets it). */
static slot *table_slot(ptr_table *t, const key *k) {
  if (!t->slots || 2 * (t->count + 1) > t->mask + 1) table_grow(t);
  slot *s = table_find(t, k);
  if (!s->value) {
    s->key = *k;
    t->count++;
  }
  return s;
}


/* ---- the marks ------------------------------------------------------------ */

/* What is known of a thing, a `by`, a `via` or a feel. */
typedef struct record {
  cjm_mark mark;
  const cjm_diff_entity *entity; /* TAG_THING of a declared thing: what the diff says of it */
  double old_score;              /* TAG_FEEL: on the new scale */
  double old_written;            /* TAG_FEEL: on the old scale */
  const char *old_word;
} record;

/* The removed things shown at one place: a slice of a list once sorted. */
typedef struct group {
  tag tag;                       /* TAG_REMOVED, TAG_STEPS or TAG_STAGES: the list it is in */
  size_t first, count;
} group;

/* A list of removed things, each in a group. */
#define LIST(T)                                                                                    \
  struct {                                                                                         \
    T *items;                                                                                      \
    size_t *group;             /* per item: its group */                                           \
    size_t count, capacity, group_capacity;                                                        \
  }

struct cjm_map_marks {
  ptr_table records_by_key;      /* key → records */
  record *records;
  size_t record_count, record_capacity;
  ptr_table groups_by_key;       /* key → groups */
  group *groups;
  size_t group_count, group_capacity;
  LIST(cjm_removed) removed;     /* things of moments */
  LIST(cjm_removed_step) steps;
  LIST(cjm_removed_stage) stages;
  const cjm_persona **personas;  /* removed personas */
  size_t persona_count, persona_capacity;
  cjm_header_marks header;
  bool rescaled;                 /* the scale changed: old scores read on the new one */
  double old_min, old_max;       /* rescaled: the old journey's scale */
  bool any;                      /* the diff found a change */
  const char *old_name;          /* the diff's */
};

const char *cjm_mark_word(cjm_mark mark) {
  switch (mark) {
  case CJM_MARK_ADDED: return "added";
  case CJM_MARK_CHANGED: return "changed";
  case CJM_MARK_REMOVED: return "removed";
  case CJM_MARK_NONE: break;
  }
  return "";
}

static cjm_mark mark_of(cjm_diff_op op) {
  switch (op) {
  case CJM_DIFF_ADDED: return CJM_MARK_ADDED;
  case CJM_DIFF_CHANGED: return CJM_MARK_CHANGED;
  case CJM_DIFF_REMOVED: return CJM_MARK_REMOVED;
  case CJM_DIFF_SAME: break;
  }
  return CJM_MARK_NONE;
}

/* The record of (tag, a, b), made when missing. */
static record *put(cjm_map_marks *m, tag t, const void *a, const void *b, cjm_mark mark) {
  key k = {t, a, b};
  slot *s = table_slot(&m->records_by_key, &k);
  if (!s->value) {
    m->records = cjm_grow(m->records, m->record_count, &m->record_capacity, sizeof *m->records);
    m->records[m->record_count++] = (record){0};
    s->value = m->record_count;
  }
  record *r = &m->records[s->value - 1];
  r->mark = mark;
  return r;
}

static const record *get(const cjm_map_marks *m, tag t, const void *a, const void *b) {
  key k = {t, a, b};
  size_t v = table_get(&m->records_by_key, &k);
  return v ? &m->records[v - 1] : NULL;
}

/* The group of (tag, a, b), made when missing; counts one more item in it. */
static size_t join_group(cjm_map_marks *m, tag t, const void *a, const void *b) {
  key k = {t, a, b};
  slot *s = table_slot(&m->groups_by_key, &k);
  if (!s->value) {
    m->groups = cjm_grow(m->groups, m->group_count, &m->group_capacity, sizeof *m->groups);
    m->groups[m->group_count++] = (group){t, 0, 0};
    s->value = m->group_count;
  }
  m->groups[s->value - 1].count++;
  return s->value - 1;
}

/* Appends item to list l in group g. */
#define LIST_ADD(l, g, item)                                                                       \
  do {                                                                                             \
    (l).items = cjm_grow((l).items, (l).count, &(l).capacity, sizeof *(l).items);                     \
    (l).group = cjm_grow((l).group, (l).count, &(l).group_capacity, sizeof *(l).group);               \
    (l).items[(l).count] = (item);                                                                 \
    (l).group[(l).count++] = (g);                                                                  \
  } while (0)

/* Sorts the items of a list by group, stably, and sets the groups' slices:
 * items and groups are the list's arrays, size the size of an item. */
static void sort_list(cjm_map_marks *m, tag t, void *items, const size_t *groups, size_t count, size_t size) {
  size_t next = 0;
  for (size_t g = 0; g < m->group_count; g++) {
    if (m->groups[g].tag != t) continue;
    m->groups[g].first = next;
    next += m->groups[g].count;
  }
  char *sorted = cjm_xmalloc((count ? count : 1) * size);
  size_t *fill = cjm_xcalloc(m->group_count ? m->group_count : 1, sizeof *fill);
  for (size_t i = 0; i < count; i++) {
    const group *g = &m->groups[groups[i]];
    memcpy(sorted + (g->first + fill[groups[i]]++) * size, (char *)items + i * size, size);
  }
  if (count) memcpy(items, sorted, count * size);
  free(sorted);
  free(fill);
}

/* The slice of the group (tag, a, b) in a sorted list. */
static const void *slice(const cjm_map_marks *m, tag t, const void *a, const void *b, const void *items, size_t size,
                         size_t *count) {
  key k = {t, a, b};
  size_t v = table_get(&m->groups_by_key, &k);
  *count = v ? m->groups[v - 1].count : 0;
  return v ? (const char *)items + m->groups[v - 1].first * size : NULL;
}

/* ---- building ------------------------------------------------------------- */

/* What building needs: the marks, the diff, and the new journey to look
 * names up in. */
typedef struct builder {
  cjm_map_marks *m;
  const cjm_diff *diff;
  const cjm_model *old_model;    /* may be NULL (the empty journey) */
  const cjm_model *new_model;
  const cjm_interner *new_names;
} builder;

/* The declaration of the new journey named id in the table at offset, or NULL. */
static void *new_named(const builder *b, size_t table_offset, const char *id) {
  if (!b->new_names || !id) return NULL;
  const char *name = cjm_intern_lookup(b->new_names, id, strlen(id));
  if (!name) return NULL;
  const cjm_symtab *table = (const cjm_symtab *)((const char *)b->new_model + table_offset);
  return cjm_symtab_get(table, name);
}

#define NEW_NAMED(b, field, id) new_named((b), offsetof(cjm_model, field), (id))

/* The details of a changed stage or step, or of the journey (moment
 * NULL: its measures), on the moment of the new journey. */
static void mark_details(builder *b, const cjm_diff_entity *e, const cjm_moment *moment) {
  cjm_map_marks *m = b->m;
  for (size_t i = 0; i < e->detail_count; i++) {
    const cjm_diff_detail *d = &e->details[i];
    cjm_mark mark = mark_of(d->op);
    bool removed = d->op == CJM_DIFF_REMOVED;
    cjm_removed r = {0};
    switch (d->kind) {
    case CJM_DETAIL_BY:
      if (!removed) {
        put(m, TAG_BY, moment, d->new_ref, mark);
        continue;
      }
      r = (cjm_removed){.kind = CJM_REMOVED_BY, .persona = d->old_ref,
                        .colour = NEW_NAMED(b, persona_table, d->key)};
      break;
    case CJM_DETAIL_VIA:
      if (!removed) {
        put(m, TAG_VIA, moment, d->new_ref, mark);
        continue;
      }
      r = (cjm_removed){.kind = CJM_REMOVED_VIA, .channel = d->old_ref};
      break;
    case CJM_DETAIL_FEEL: {
      const cjm_persona *p = d->new_ref ? d->new_ref : NEW_NAMED(b, persona_table, d->key);
      if (!p) continue; /* the persona is gone: it has no curve */
      record *rec = put(m, TAG_FEEL, moment, p, mark);
      rec->old_written = d->old.num;
      rec->old_score = cjm_diff_on_new_scale(b->diff, d->old.num);
      rec->old_word = d->old.text;
      continue;
    }
    case CJM_DETAIL_LANE: {
      if (!removed) {
        put(m, TAG_THING, d->new_ref, NULL, mark);
        continue;
      }
      const cjm_lane_entry *entry = d->old_ref;
      const cjm_lane *lane = NEW_NAMED(b, lane_table, entry->lane->decl.id);
      const cjm_speakers *s = &entry->speakers;
      r = (cjm_removed){.kind = CJM_REMOVED_ENTRY, .entry = entry, .lane = lane ? lane : entry->lane,
                        .colour = s->count == 1 ? NEW_NAMED(b, persona_table, s->items[0]->decl.id) : NULL};
      break;
    }
    case CJM_DETAIL_MEASURE:
      if (!removed) {
        put(m, TAG_THING, d->new_ref, NULL, mark);
        continue;
      }
      r = (cjm_removed){.kind = CJM_REMOVED_MEASURE, .measure = d->old_ref};
      break;
    default:
      continue; /* next, and the settings of the journey: not on the map's cells */
    }
    LIST_ADD(m->removed, join_group(m, TAG_REMOVED, moment, NULL), r);
  }
}

/* The journey's settings: the header's parts, and journey-level measures. */
static void mark_journey(builder *b, const cjm_diff_entity *e) {
  cjm_header_marks *h = &b->m->header;
  if (e->op == CJM_DIFF_ADDED) h->title = CJM_MARK_ADDED; /* the title is on the line, not a detail */
  for (size_t i = 0; i < e->detail_count; i++) {
    const cjm_diff_detail *d = &e->details[i];
    /* a part that is gone is a change of what is left */
    cjm_mark mark = d->op == CJM_DIFF_ADDED ? CJM_MARK_ADDED : CJM_MARK_CHANGED;
    switch (d->kind) {
    case CJM_DETAIL_TITLE: h->title = mark; break;
    case CJM_DETAIL_STATUS:
      if (d->op == CJM_DIFF_REMOVED) h->meta = CJM_MARK_CHANGED;
      else h->status = mark;
      break;
    case CJM_DETAIL_ATTR:
      if (strcmp(d->key, "goal") == 0 && d->op != CJM_DIFF_REMOVED) h->goal = mark;
      else h->meta = CJM_MARK_CHANGED;
      break;
    case CJM_DETAIL_SCALE: h->meta = CJM_MARK_CHANGED; break;
    default: break;
    }
  }
  mark_details(b, e, NULL);
}

/* The removed steps of the old stage `old`, each after the step it
 * followed that the new stage of the same name still has. */
static void place_removed_steps(builder *b, const cjm_stage *old) {
  const cjm_stage *now = NEW_NAMED(b, stage_table, old->decl.id);
  const cjm_stage *shown = now ? now : old;
  const cjm_step *after = NULL;
  for (size_t i = 0; i < old->step_count; i++) {
    const cjm_step *s = old->steps[i];
    const cjm_step *kept = NEW_NAMED(b, step_table, s->decl.id);
    if (kept) {
      if (kept->stage == now) after = kept; /* not a step moved to another stage */
      continue;
    }
    cjm_removed_step r = {s, shown, now ? after : NULL};
    LIST_ADD(b->m->steps, join_group(b->m, TAG_STEPS, r.stage, r.after), r);
  }
}

/* The removed stages, each after the stage it followed that the new
 * journey still has. */
static void place_removed_stages(builder *b) {
  const cjm_stage *after = NULL;
  for (size_t i = 0; b->old_model && i < b->old_model->stage_count; i++) {
    const cjm_stage *s = b->old_model->stages[i];
    const cjm_stage *kept = NEW_NAMED(b, stage_table, s->decl.id);
    if (kept) {
      after = kept;
      continue;
    }
    cjm_removed_stage r = {s, after};
    LIST_ADD(b->m->stages, join_group(b->m, TAG_STAGES, after, NULL), r);
  }
}

/* A stage or a step: its mark, its details, and its removed steps. */
static void mark_stage_or_step(builder *b, const cjm_diff_entity *e) {
  cjm_map_marks *m = b->m;
  switch (e->op) {
  case CJM_DIFF_SAME: return;
  case CJM_DIFF_ADDED: /* its contents are all new: the thing's mark says it */
    put(m, TAG_THING, e->new_ref, NULL, CJM_MARK_ADDED)->entity = e;
    return;
  case CJM_DIFF_REMOVED:
    put(m, TAG_THING, e->old_ref, NULL, CJM_MARK_REMOVED)->entity = e;
    return;
  case CJM_DIFF_CHANGED: break;
  }
  put(m, TAG_THING, e->new_ref, NULL, CJM_MARK_CHANGED)->entity = e;
  const cjm_moment *moment =
      e->kind == CJM_DIFF_STEP ? &((const cjm_step *)e->new_ref)->moment : &((const cjm_stage *)e->new_ref)->moment;
  mark_details(b, e, moment);
}

cjm_map_marks *cjm_map_marks_new(const cjm_diff *diff, const cjm_diff_side *old, const cjm_diff_side *new) {
  cjm_map_marks *m = cjm_xcalloc(1, sizeof *m);
  builder b = {m, diff, old->model, new->model, new->names};
  m->any = !cjm_diff_identical(diff);
  if (diff->rescaled && old->model) {
    m->rescaled = true;
    m->old_min = old->model->journey.scale_min;
    m->old_max = old->model->journey.scale_max;
  }
  m->old_name = diff->old_name ? diff->old_name : "";
  if (diff->journey) mark_journey(&b, diff->journey);
  for (size_t i = 0; i < diff->thing_count; i++) {
    const cjm_diff_entity *e = diff->things[i];
    if (e->op != CJM_DIFF_REMOVED) {
      put(m, TAG_THING, e->new_ref, NULL, mark_of(e->op))->entity = e;
      continue;
    }
    put(m, TAG_THING, e->old_ref, NULL, CJM_MARK_REMOVED)->entity = e;
    if (e->kind == CJM_DIFF_PERSONA) {
      m->personas = cjm_grow(m->personas, m->persona_count, &m->persona_capacity, sizeof *m->personas);
      m->personas[m->persona_count++] = e->old_ref;
    }
  }
  bool stages_removed = false;
  for (size_t i = 0; i < diff->stage_count; i++) {
    const cjm_diff_stage *st = &diff->stages[i];
    mark_stage_or_step(&b, st->entity);
    stages_removed |= st->entity->op == CJM_DIFF_REMOVED;
    bool placed = false; /* the removed steps of a group all left one old stage */
    for (size_t k = 0; k < st->step_count; k++) {
      const cjm_diff_entity *e = st->steps[k];
      mark_stage_or_step(&b, e);
      if (e->op == CJM_DIFF_REMOVED && !placed) {
        place_removed_steps(&b, ((const cjm_step *)e->old_ref)->stage);
        placed = true;
      }
    }
  }
  if (stages_removed) place_removed_stages(&b);
  sort_list(m, TAG_REMOVED, m->removed.items, m->removed.group, m->removed.count, sizeof *m->removed.items);
  sort_list(m, TAG_STEPS, m->steps.items, m->steps.group, m->steps.count, sizeof *m->steps.items);
  sort_list(m, TAG_STAGES, m->stages.items, m->stages.group, m->stages.count, sizeof *m->stages.items);
  return m;
}

void cjm_map_marks_free(cjm_map_marks *m) {
  if (!m) return;
  free(m->records_by_key.slots);
  free(m->records);
  free(m->groups_by_key.slots);
  free(m->groups);
  free(m->removed.items);
  free(m->removed.group);
  free(m->steps.items);
  free(m->steps.group);
  free(m->stages.items);
  free(m->stages.group);
  free(m->personas);
  free(m);
}

/* ---- lookups -------------------------------------------------------------- */

bool cjm_map_marks_any(const cjm_map_marks *m) { return m->any; }

const char *cjm_map_marks_old_name(const cjm_map_marks *m) { return m->old_name; }

cjm_mark cjm_map_marks_of(const cjm_map_marks *m, const void *thing) {
  const record *r = get(m, TAG_THING, thing, NULL);
  return r ? r->mark : CJM_MARK_NONE;
}

const cjm_diff_entity *cjm_map_marks_entity(const cjm_map_marks *m, const void *thing) {
  const record *r = get(m, TAG_THING, thing, NULL);
  return r ? r->entity : NULL;
}

cjm_mark cjm_map_marks_by(const cjm_map_marks *m, const cjm_moment *moment, const cjm_persona *persona) {
  const record *r = get(m, TAG_BY, moment, persona);
  return r ? r->mark : CJM_MARK_NONE;
}

cjm_mark cjm_map_marks_via(const cjm_map_marks *m, const cjm_moment *moment, const cjm_channel *channel) {
  const record *r = get(m, TAG_VIA, moment, channel);
  return r ? r->mark : CJM_MARK_NONE;
}

cjm_feel_mark cjm_map_marks_feel(const cjm_map_marks *m, const cjm_moment *moment, const cjm_persona *persona) {
  const record *r = get(m, TAG_FEEL, moment, persona);
  if (!r) return (cjm_feel_mark){CJM_MARK_NONE, 0, 0, NULL};
  return (cjm_feel_mark){r->mark, r->old_score, r->old_written, r->old_word};
}

const cjm_removed *cjm_map_marks_removed(const cjm_map_marks *m, const cjm_moment *moment, size_t *count) {
  return slice(m, TAG_REMOVED, moment, NULL, m->removed.items, sizeof *m->removed.items, count);
}

const cjm_removed_step *cjm_map_marks_removed_steps(const cjm_map_marks *m, const cjm_stage *stage,
                                                    const cjm_step *after, size_t *count) {
  return slice(m, TAG_STEPS, stage, after, m->steps.items, sizeof *m->steps.items, count);
}

const cjm_removed_stage *cjm_map_marks_removed_stages(const cjm_map_marks *m, const cjm_stage *after,
                                                      size_t *count) {
  return slice(m, TAG_STAGES, after, NULL, m->stages.items, sizeof *m->stages.items, count);
}

const cjm_persona *const *cjm_map_marks_removed_personas(const cjm_map_marks *m, size_t *count) {
  *count = m->persona_count;
  return m->personas;
}

cjm_header_marks cjm_map_marks_header(const cjm_map_marks *m) { return m->header; }

bool cjm_map_marks_old_scale(const cjm_map_marks *m, double *min, double *max) {
  if (m->rescaled) {
    *min = m->old_min;
    *max = m->old_max;
  }
  return m->rescaled;
}

bool cjm_map_marks_describe(const cjm_map_marks *marks, const void *thing, bool signed_scale, cjm_strbuf *out) {
  const cjm_diff_entity *e = cjm_map_marks_entity(marks, thing);
  if (!e) return false;
  size_t start = out->len;
  cjm_diff_write_entity_text(e, signed_scale, out);
  while (out->len > start && out->data[out->len - 1] == '\n') out->data[--out->len] = '\0';
  return true;
}
