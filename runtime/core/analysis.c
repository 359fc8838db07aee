/* analysis — see analysis.h. One pass over stages and steps. */
#include "runtime/core/analysis.h"

#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"

cjm_target_result cjm_metric_judge(const cjm_metric *metric, double value) {
  if (!metric->has_target || metric->better == CJM_BETTER_UNSET) return CJM_TARGET_UNKNOWN;
  bool met = metric->better == CJM_BETTER_HIGHER ? value >= metric->target : value <= metric->target;
  return met ? CJM_TARGET_MET : CJM_TARGET_MISSED;
}

const cjm_mean *cjm_analysis_stage_persona(const cjm_analysis *a, size_t stage, size_t persona) {
  return &a->stage_persona_feel[stage * a->model->persona_count + persona];
}

size_t cjm_analysis_coverage(const cjm_analysis *a, size_t persona, size_t stage) {
  return a->coverage[persona * a->model->stage_count + stage];
}

size_t cjm_analysis_channel_use(const cjm_analysis *a, size_t channel, size_t stage) {
  return a->channel_use[channel * a->model->stage_count + stage];
}

static void add(cjm_mean *mean, double score) {
  mean->sum += score;
  mean->count++;
}

/* Records a feel on a persona's curve and its extremes. */
static void persona_feel(cjm_persona_analysis *p, const cjm_feel *feel, const cjm_stage *stage,
                         const cjm_step *step) {
  add(&p->feel, feel->score);
  cjm_moment_ref ref = {feel, stage, step};
  if (!p->lowest.feel || feel->score < p->lowest.feel->score) p->lowest = ref;
  if (!p->highest.feel || feel->score > p->highest.feel->score) p->highest = ref;
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

/* Adds one moment (a stage's own entries, or a step) of stage s. */
static void record_moment(cjm_analysis *a, size_t s, const cjm_moment *mo, const cjm_step *step) {
  const cjm_model *model = a->model;
  const cjm_stage *stage = model->stages[s];
  size_t stages = model->stage_count;
  cjm_stage_analysis *sa = &a->stages[s];

  for (size_t i = 0; i < mo->by_count; i++) a->coverage[mo->by[i]->decl.index * stages + s]++;
  for (size_t i = 0; i < mo->via_count; i++) a->channel_use[mo->via[i]->decl.index * stages + s]++;

  for (size_t i = 0; i < mo->feel_count; i++) {
    const cjm_feel *f = &mo->feels[i];
    add(&a->overall, f->score);
    add(&sa->feel, f->score);
    if (step) add(&a->step_feel[step->decl.index], f->score);
    for (size_t k = 0; k < f->speakers.count; k++) {
      size_t p = f->speakers.items[k]->decl.index;
      persona_feel(&a->personas[p], f, stage, step);
      add(&a->stage_persona_feel[s * model->persona_count + p], f->score);
      a->coverage[p * stages + s]++;
    }
  }
  for (size_t i = 0; i < mo->entry_count; i++) {
    const cjm_lane_entry *e = &mo->entries[i];
    const char *lane = e->lane->decl.id;
    if (e->lane->builtin && strcmp(lane, "pain") == 0) sa->pain_count++;
    if (e->lane->builtin && strcmp(lane, "opportunity") == 0) sa->opportunity_count++;
    for (size_t k = 0; k < e->speakers.count; k++) a->coverage[e->speakers.items[k]->decl.index * stages + s]++;
  }
  record_measures(a, mo->measures, mo->measure_count, stage, step);
}

cjm_analysis *cjm_analyse(const cjm_model *model) {
  size_t personas = model->persona_count, stages = model->stage_count;
  cjm_analysis *a = cjm_xcalloc(1, sizeof *a);
  a->model = model;
  a->personas = cjm_xcalloc(personas, sizeof *a->personas);
  a->stages = cjm_xcalloc(stages, sizeof *a->stages);
  a->step_feel = cjm_xcalloc(model->step_count, sizeof *a->step_feel);
  a->stage_persona_feel = cjm_xcalloc(stages * personas, sizeof *a->stage_persona_feel);
  a->coverage = cjm_xcalloc(personas * stages, sizeof *a->coverage);
  a->channel_use = cjm_xcalloc(model->channel_count * stages, sizeof *a->channel_use);
  a->metrics = cjm_xcalloc(model->metric_count, sizeof *a->metrics);
  for (size_t i = 0; i < model->metric_count; i++) a->metrics[i].metric = model->metrics[i];

  record_measures(a, model->journey.measures, model->journey.measure_count, NULL, NULL);
  for (size_t s = 0; s < stages; s++) {
    const cjm_stage *stage = model->stages[s];
    record_moment(a, s, &stage->moment, NULL);
    for (size_t k = 0; k < stage->step_count; k++) record_moment(a, s, &stage->steps[k]->moment, stage->steps[k]);
  }
  return a;
}

void cjm_analysis_free(cjm_analysis *a) {
  if (!a) return;
  for (size_t i = 0; i < a->model->metric_count; i++) free(a->metrics[i].observations);
  free(a->metrics);
  free(a->channel_use);
  free(a->coverage);
  free(a->stage_persona_feel);
  free(a->step_feel);
  free(a->stages);
  free(a->personas);
  free(a);
}
