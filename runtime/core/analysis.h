/* analysis — what a reader of a journey map looks for (reference section
 * 7), computed once from the model and shared by every backend and check:
 * mean feel per stage, per persona and overall; each persona's lowest and
 * highest moments; pains and opportunities per stage; metric observations
 * against their targets; the persona x stage and channel x stage matrices.
 *
 * The matrices are sparse: a stage keeps a row only for the personas it
 * names (in a `by`, or with `for`) and the channels it uses, and what it
 * says of every persona (a feel or an entry of a journey without `by`
 * there) is kept once, as the stage's "everyone" part, never copied into
 * a row per persona. A `by` list inherited by many steps is applied to its
 * personas once per moment or stage, not once per feel. So the analysis
 * costs the size of the journey even when thousands of personas meet
 * thousands of stages; the accessors answer for every pair (0, or an empty
 * mean, where nothing was said).
 *
 * A cjm_analysis owns its arrays (malloc'd) and points into the model,
 * which must outlive it. It depends only on the model. */
#ifndef CJM_ANALYSIS_H
#define CJM_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime/core/model.h"

/* A running mean of feel scores. */
typedef struct cjm_mean {
  double sum;
  size_t count;
} cjm_mean;

/* The mean, or 0 when there is no score (check count first). */
static inline double cjm_mean_value(const cjm_mean *mean) {
  return mean->count ? mean->sum / (double)mean->count : 0.0;
}

/* One feel on a persona's curve, with where it was written. */
typedef struct cjm_moment_ref {
  const cjm_feel *feel;        /* NULL when the persona has no feel at all */
  const cjm_stage *stage;
  const cjm_step *step;        /* NULL for a stage-level feel */
  size_t order;                /* the feel's place in journey order: the first of equal scores wins */
} cjm_moment_ref;

typedef struct cjm_persona_analysis {
  cjm_mean feel;               /* over every feel that speaks for the persona */
  cjm_moment_ref lowest;       /* first of the lowest scores */
  cjm_moment_ref highest;      /* first of the highest scores */
} cjm_persona_analysis;

typedef struct cjm_stage_analysis {
  cjm_mean feel;               /* every feel of the stage and its steps, once each */
  size_t pain_count;           /* entries in the `pain` lane */
  size_t opportunity_count;    /* entries in the `opportunity` lane */
  size_t persona_first;        /* its rows in cjm_analysis.stage_personas: */
  size_t persona_count;        /*   [persona_first, persona_first + persona_count) */
  size_t channel_first;        /* its rows in cjm_analysis.stage_channels: */
  size_t channel_count;        /*   [channel_first, channel_first + channel_count) */
  cjm_mean everyone_feel;      /* the feels of the stage and its steps that speak for every persona */
  size_t everyone_coverage;    /* and those feels and the entries that do */
} cjm_stage_analysis;

/* One persona in one stage that the stage names: in a `by` (its own, or
 * one its feels and entries inherit) or with `for`. Not counted here: the
 * stage's "everyone" part, which is every persona's; the accessors add it. */
typedef struct cjm_stage_persona {
  uint32_t persona;            /* its index in the model's personas */
  uint32_t coverage;           /* its mentions: `by`, and the feels and entries spoken for it by name */
  cjm_mean feel;               /* the feels of the stage and its steps that speak for it by name */
} cjm_stage_persona;

/* One channel in one stage, where the stage uses it. */
typedef struct cjm_stage_channel {
  size_t channel;              /* its index in the model's channels */
  size_t count;                /* the stage and the steps of the stage that use it */
} cjm_stage_channel;

/* How an observed value stands against its metric's target. */
typedef enum cjm_target_result {
  CJM_TARGET_UNKNOWN,          /* no target, or no `better` to read it by */
  CJM_TARGET_MET,
  CJM_TARGET_MISSED,
} cjm_target_result;

typedef struct cjm_observation {
  const cjm_measure *measure;
  const cjm_stage *stage;      /* NULL for a journey-level measure */
  const cjm_step *step;        /* NULL for a journey- or stage-level measure */
  cjm_target_result result;
} cjm_observation;

typedef struct cjm_metric_analysis {
  const cjm_metric *metric;
  cjm_observation *observations; /* in journey order */
  size_t observation_count;
} cjm_metric_analysis;

typedef struct cjm_analysis {
  const cjm_model *model;
  cjm_mean overall;                 /* every feel, once each */
  cjm_persona_analysis *personas;   /* [persona_count] */
  cjm_stage_analysis *stages;       /* [stage_count] */
  cjm_mean *step_feel;              /* [step_count]: the mean of each step's feels */
  cjm_stage_persona *stage_personas;/* each stage's rows, in stage order, then persona order */
  cjm_stage_channel *stage_channels;/* each stage's rows, in stage order, then channel order */
  cjm_metric_analysis *metrics;     /* [metric_count] */
} cjm_analysis;

/* Computes the analysis of model. */
cjm_analysis *cjm_analyse(const cjm_model *model);

/* Frees an analysis. NULL is allowed. */
void cjm_analysis_free(cjm_analysis *analysis);

/* The mean feel of one persona in one stage: the feels that name it and
 * those that speak for everyone (an empty mean when no feel of the stage
 * speaks for it). */
cjm_mean cjm_analysis_stage_persona(const cjm_analysis *a, size_t stage, size_t persona);

/* The personas a stage names, in persona order: a->stages[stage].persona_count
 * of them, without the stage's everyone part (add it with
 * cjm_stage_persona_total). Walking them beside the model's personas reads
 * a stage's whole row in one pass. */
const cjm_stage_persona *cjm_analysis_stage_personas(const cjm_analysis *a, size_t stage);

/* The row of a persona in a stage, or NULL when the stage does not name
 * it (logarithmic). */
const cjm_stage_persona *cjm_analysis_stage_row(const cjm_analysis *a, size_t stage, size_t persona);

/* A persona's row of a stage (NULL: a persona the stage does not name)
 * with the stage's everyone part added: what the stage says of it. */
cjm_stage_persona cjm_stage_persona_total(const cjm_stage_analysis *stage, const cjm_stage_persona *row,
                                          size_t persona);

/* How often a persona appears in a stage; 0 means not at all. */
size_t cjm_analysis_coverage(const cjm_analysis *a, size_t persona, size_t stage);

/* How many of a stage's moments (the stage itself and its steps) use a channel. */
size_t cjm_analysis_channel_use(const cjm_analysis *a, size_t channel, size_t stage);

/* Whether value meets metric's target, read by its `better`. */
cjm_target_result cjm_metric_judge(const cjm_metric *metric, double value);

/* Whether a stage has a pain but no opportunity. */
static inline bool cjm_stage_pain_without_opportunity(const cjm_stage_analysis *s) {
  return s->pain_count > 0 && s->opportunity_count == 0;
}

#endif
