/* analysis — see analysis.h. One pass over stages and steps. The rows of
 * a stage's sparse matrices are collected while the stage is read (a slot
 * per persona and channel says where its row is, and is cleared again by
 * walking the rows), then sorted and appended. What speaks for a shared
 * list is gathered in a group and applied to the list's personas once: a
 * step's `by` when the step ends, the stage's `by` when the stage ends,
 * and "everyone" to each persona's curve when the journey ends and never
 * to the stage rows. The cost is what the journey says, never personas x
 * stages or personas x steps (bench/README.md, "Personas x stages"). */
#include "runtime/core/analysis.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"

cjm_target_result cjm_metric_judge(const cjm_metric *metric, double value) {
  if (!metric->has_target || metric->better == CJM_BETTER_UNSET) return CJM_TARGET_UNKNOWN;
  bool met = metric->better == CJM_BETTER_HIGHER ? value >= metric->target : value <= metric->target;
  return met ? CJM_TARGET_MET : CJM_TARGET_MISSED;
}

const cjm_stage_persona *cjm_analysis_stage_personas(const cjm_analysis *a, size_t stage) {
  return a->stage_personas + a->stages[stage].persona_first;
}

/* At its index when the stage has a row for every persona, else found by
 * binary search. */
const cjm_stage_persona *cjm_analysis_stage_row(const cjm_analysis *a, size_t stage, size_t persona) {
  const cjm_stage_persona *rows = cjm_analysis_stage_personas(a, stage);
  if (a->stages[stage].persona_count == a->model->persona_count) return &rows[persona];
  size_t lo = 0, hi = a->stages[stage].persona_count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (rows[mid].persona < persona) lo = mid + 1;
    else hi = mid;
  }
  return lo < a->stages[stage].persona_count && rows[lo].persona == persona ? &rows[lo] : NULL;
}

cjm_stage_persona cjm_stage_persona_total(const cjm_stage_analysis *stage, const cjm_stage_persona *row,
                                          size_t persona) {
  cjm_stage_persona total = row ? *row : (cjm_stage_persona){.persona = (uint32_t)persona};
  total.coverage += (uint32_t)stage->everyone_coverage;
  total.feel.sum += stage->everyone_feel.sum;
  total.feel.count += stage->everyone_feel.count;
  return total;
}

cjm_mean cjm_analysis_stage_persona(const cjm_analysis *a, size_t stage, size_t persona) {
  return cjm_stage_persona_total(&a->stages[stage], cjm_analysis_stage_row(a, stage, persona), persona).feel;
}

size_t cjm_analysis_coverage(const cjm_analysis *a, size_t persona, size_t stage) {
  return cjm_stage_persona_total(&a->stages[stage], cjm_analysis_stage_row(a, stage, persona), persona).coverage;
}

size_t cjm_analysis_channel_use(const cjm_analysis *a, size_t channel, size_t stage) {
  const cjm_stage_channel *rows = a->stage_channels + a->stages[stage].channel_first;
  if (a->stages[stage].channel_count == a->model->channel_count) return rows[channel].count;
  size_t lo = 0, hi = a->stages[stage].channel_count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (rows[mid].channel < channel) lo = mid + 1;
    else hi = mid;
  }
  return lo < a->stages[stage].channel_count && rows[lo].channel == channel ? rows[lo].count : 0;
}

static void add(cjm_mean *mean, double score) {
  mean->sum += score;
  mean->count++;
}

static void add_mean(cjm_mean *mean, const cjm_mean *more) {
  mean->sum += more->sum;
  mean->count += more->count;
}

/* Keeps in *kept the lower (lowest) or higher of two moments, the first
 * in journey order when they tie. */
static void keep_extreme(cjm_moment_ref *kept, const cjm_moment_ref *other, bool lowest) {
  if (!other->feel) return;
  if (kept->feel) {
    double k = kept->feel->score, o = other->feel->score;
    bool better = lowest ? o < k : o > k;
    if (!better && !(o == k && other->order < kept->order)) return;
  }
  *kept = *other;
}

/* Records a feel, or a group of them, on a persona's curve. */
static void persona_feels(cjm_persona_analysis *p, const cjm_mean *feel, const cjm_moment_ref *lowest,
                          const cjm_moment_ref *highest) {
  add_mean(&p->feel, feel);
  keep_extreme(&p->lowest, lowest, true);
  keep_extreme(&p->highest, highest, false);
}

/* What the feels and entries that speak for one shared list (a `by`, or
 * everyone) say, gathered until it is applied to each of its personas. */
typedef struct group {
  cjm_persona_analysis curve;  /* the feels: their mean and extremes */
  size_t mentions;             /* the feels and entries */
} group;

static void group_feel(group *g, const cjm_moment_ref *ref) {
  cjm_mean one = {ref->feel->score, 1};
  persona_feels(&g->curve, &one, ref, ref);
  g->mentions++;
}

static void record_measures(cjm_analysis *a, const cjm_measure *measures, size_t count,
                            const cjm_stage *stage, const cjm_step *step) {
  for (size_t i = 0; i < count; i++) {
    const cjm_measure *m = &measures[i];
    cjm_metric_analysis *ma = &a->metrics[m->metric->decl.index];
    ma->observations = cjm_xrealloc(ma->observations, (ma->observation_count + 1) * sizeof *ma->observations);
    ma->observations[ma->observation_count++] =
        (cjm_observation){m, stage, step, cjm_metric_judge(m->metric, m->value)};
  }
}

enum { NO_ROW = SIZE_MAX };

/* The analysis being built: the rows of every stage so far, where the
 * current stage's row of each persona and channel is, and the groups of
 * the moment, the stage and the journey not yet applied. */
typedef struct builder {
  cjm_analysis *a;
  size_t *persona_slot;        /* [persona_count] the index of its row, or NO_ROW */
  size_t *channel_slot;        /* [channel_count] likewise */
  size_t persona_rows, persona_capacity, channel_rows, channel_capacity;
  size_t order;                /* feels seen so far, in journey order */
  group step_by;               /* of the current step, for its `by` */
  group stage_by;              /* of the current stage, for its `by` */
  group stage_everyone;        /* of the current stage, for every persona */
  cjm_persona_analysis everyone; /* every persona's feels, over the whole journey */
} builder;

/* The current stage's row of persona p, made when it has none. */
static cjm_stage_persona *persona_row(builder *b, size_t p) {
  if (b->persona_slot[p] == NO_ROW) {
    if (b->persona_rows == b->persona_capacity) {
      b->persona_capacity *= 2;
      b->a->stage_personas = cjm_xrealloc(b->a->stage_personas, b->persona_capacity * sizeof *b->a->stage_personas);
    }
    b->persona_slot[p] = b->persona_rows;
    b->a->stage_personas[b->persona_rows++] = (cjm_stage_persona){.persona = (uint32_t)p};
  }
  return &b->a->stage_personas[b->persona_slot[p]];
}

static void channel_used(builder *b, size_t c) {
  if (b->channel_slot[c] == NO_ROW) {
    if (b->channel_rows == b->channel_capacity) {
      b->channel_capacity *= 2;
      b->a->stage_channels = cjm_xrealloc(b->a->stage_channels, b->channel_capacity * sizeof *b->a->stage_channels);
    }
    b->channel_slot[c] = b->channel_rows;
    b->a->stage_channels[b->channel_rows++] = (cjm_stage_channel){.channel = c};
  }
  b->a->stage_channels[b->channel_slot[c]].count++;
}

/* Applies a group to each persona of a `by` list, and empties it. */
static void apply_group(builder *b, group *g, cjm_persona *const *by, size_t by_count) {
  if (g->mentions)
    for (size_t i = 0; i < by_count; i++) {
      size_t p = by[i]->decl.index;
      cjm_stage_persona *row = persona_row(b, p);
      row->coverage += (uint32_t)g->mentions;
      add_mean(&row->feel, &g->curve.feel);
      persona_feels(&b->a->personas[p], &g->curve.feel, &g->curve.lowest, &g->curve.highest);
    }
  *g = (group){0};
}

/* The group that speakers without `for` go to; NULL for `for`. */
static group *group_of(builder *b, const cjm_speakers *speakers) {
  switch (speakers->source) {
  case CJM_SPEAKERS_STEP_BY: return &b->step_by;
  case CJM_SPEAKERS_STAGE_BY: return &b->stage_by;
  case CJM_SPEAKERS_EVERYONE: return &b->stage_everyone;
  default: return NULL;
  }
}

/* Adds one moment (a stage's own entries, or a step) of stage s. */
static void record_moment(builder *b, size_t s, const cjm_moment *mo, const cjm_step *step) {
  cjm_analysis *a = b->a;
  const cjm_stage *stage = a->model->stages[s];
  cjm_stage_analysis *sa = &a->stages[s];

  for (size_t i = 0; i < mo->by_count; i++) persona_row(b, mo->by[i]->decl.index)->coverage++;
  for (size_t i = 0; i < mo->via_count; i++) channel_used(b, mo->via[i]->decl.index);

  for (size_t i = 0; i < mo->feel_count; i++) {
    const cjm_feel *f = &mo->feels[i];
    add(&a->overall, f->score);
    add(&sa->feel, f->score);
    if (step) add(&a->step_feel[step->decl.index], f->score);
    cjm_moment_ref ref = {f, stage, step, b->order++};
    group *g = group_of(b, &f->speakers);
    if (g) {
      group_feel(g, &ref);
    } else if (f->speakers.count) {
      size_t p = f->speakers.items[0]->decl.index;
      cjm_mean one = {f->score, 1};
      persona_feels(&a->personas[p], &one, &ref, &ref);
      cjm_stage_persona *row = persona_row(b, p);
      add(&row->feel, f->score);
      row->coverage++;
    }
  }
  for (size_t i = 0; i < mo->entry_count; i++) {
    const cjm_lane_entry *e = &mo->entries[i];
    const char *lane = e->lane->decl.id;
    if (e->lane->builtin && strcmp(lane, "pain") == 0) sa->pain_count++;
    if (e->lane->builtin && strcmp(lane, "opportunity") == 0) sa->opportunity_count++;
    group *g = group_of(b, &e->speakers);
    if (g) g->mentions++;
    else if (e->speakers.count) persona_row(b, e->speakers.items[0]->decl.index)->coverage++;
  }
  apply_group(b, &b->step_by, mo->by, mo->by_count);
  record_measures(a, mo->measures, mo->measure_count, stage, step);
}

static int by_persona(const void *x, const void *y) {
  size_t p = ((const cjm_stage_persona *)x)->persona, q = ((const cjm_stage_persona *)y)->persona;
  return (p > q) - (p < q);
}

static int by_channel(const void *x, const void *y) {
  size_t p = ((const cjm_stage_channel *)x)->channel, q = ((const cjm_stage_channel *)y)->channel;
  return (p > q) - (p < q);
}

/* Closes stage s: its groups applied, its rows sorted, the slots cleared
 * for the next stage. */
static void end_stage(builder *b, size_t s) {
  const cjm_moment *stage = &b->a->model->stages[s]->moment;
  apply_group(b, &b->stage_by, stage->by, stage->by_count);
  cjm_stage_analysis *sa = &b->a->stages[s];
  group *everyone = &b->stage_everyone;
  sa->everyone_feel = everyone->curve.feel;
  sa->everyone_coverage = everyone->mentions;
  persona_feels(&b->everyone, &everyone->curve.feel, &everyone->curve.lowest, &everyone->curve.highest);
  *everyone = (group){0};
  cjm_stage_persona *personas = b->a->stage_personas + sa->persona_first;
  sa->persona_count = b->persona_rows - sa->persona_first;
  for (size_t i = 0; i < sa->persona_count; i++) b->persona_slot[personas[i].persona] = NO_ROW;
  if (sa->persona_count > 1) qsort(personas, sa->persona_count, sizeof *personas, by_persona);
  cjm_stage_channel *channels = b->a->stage_channels + sa->channel_first;
  sa->channel_count = b->channel_rows - sa->channel_first;
  for (size_t i = 0; i < sa->channel_count; i++) b->channel_slot[channels[i].channel] = NO_ROW;
  if (sa->channel_count > 1) qsort(channels, sa->channel_count, sizeof *channels, by_channel);
}

cjm_analysis *cjm_analyse(const cjm_model *model) {
  size_t personas = model->persona_count, stages = model->stage_count;
  cjm_analysis *a = cjm_xcalloc(1, sizeof *a);
  a->model = model;
  a->personas = cjm_xcalloc(personas, sizeof *a->personas);
  a->stages = cjm_xcalloc(stages, sizeof *a->stages);
  a->step_feel = cjm_xcalloc(model->step_count, sizeof *a->step_feel);
  a->metrics = cjm_xcalloc(model->metric_count, sizeof *a->metrics);
  for (size_t i = 0; i < model->metric_count; i++) a->metrics[i].metric = model->metrics[i];

  builder b = {.a = a, .persona_capacity = 16, .channel_capacity = 16};
  a->stage_personas = cjm_xmalloc(b.persona_capacity * sizeof *a->stage_personas);
  a->stage_channels = cjm_xmalloc(b.channel_capacity * sizeof *a->stage_channels);
  b.persona_slot = cjm_xmalloc((personas ? personas : 1) * sizeof *b.persona_slot);
  b.channel_slot = cjm_xmalloc((model->channel_count ? model->channel_count : 1) * sizeof *b.channel_slot);
  memset(b.persona_slot, 0xff, personas * sizeof *b.persona_slot); /* NO_ROW */
  memset(b.channel_slot, 0xff, model->channel_count * sizeof *b.channel_slot);

  record_measures(a, model->journey.measures, model->journey.measure_count, NULL, NULL);
  for (size_t s = 0; s < stages; s++) {
    const cjm_stage *stage = model->stages[s];
    a->stages[s].persona_first = b.persona_rows;
    a->stages[s].channel_first = b.channel_rows;
    record_moment(&b, s, &stage->moment, NULL);
    for (size_t k = 0; k < stage->step_count; k++) record_moment(&b, s, &stage->steps[k]->moment, stage->steps[k]);
    end_stage(&b, s);
  }
  for (size_t p = 0; p < personas; p++)
    persona_feels(&a->personas[p], &b.everyone.feel, &b.everyone.lowest, &b.everyone.highest);
  free(b.persona_slot);
  free(b.channel_slot);
  return a;
}

void cjm_analysis_free(cjm_analysis *a) {
  if (!a) return;
  for (size_t i = 0; i < a->model->metric_count; i++) free(a->metrics[i].observations);
  free(a->metrics);
  free(a->stage_channels);
  free(a->stage_personas);
  free(a->step_feel);
  free(a->stages);
  free(a->personas);
  free(a);
}
