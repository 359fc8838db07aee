/* diff — what changed between two resolved journeys, by identifier, as
 * data (`cjm diff`); diff_output.h prints it.
 *
 * Two models are compared thing by thing: the journey's own settings,
 * then personas, channels, lanes, metrics, stages and steps matched by
 * identifier, so that a new label is a change of the same thing and not
 * a removal and an addition. Steps moved to another stage, and stages or
 * steps whose order changed, are reported as moved: the moved ones are
 * those outside a longest run kept in order, so inserting one step moves
 * nothing else. Within a stage or step: `by`, `via`, `next`, lane entries,
 * feels per persona and measures. Layout and comments are not in the
 * model, so they are never a change. Then the experience summary: mean
 * feel per stage and per persona, old and new, from both analyses.
 *
 * When the scale changed (`scale -2..2` to `scale 1..5`), old scores are
 * read on the new scale, mapped linearly (-2 → 1, +2 → 5): a feel
 * re-scored to the same place is no change, a feel's shift and the old
 * means of the summary are on the new scale.
 *
 * Cost: linear in the size of both journeys (hash lookups by name), plus
 * n log n for the order of n stages or steps.
 *
 * Ownership: a cjm_diff owns an arena holding all its arrays; strings and
 * pointers into the two models are borrowed, so the models (and their
 * programs) must outlive the diff. Depends on the model and analysis. */
#ifndef CJM_DIFF_H
#define CJM_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "lang/arena.h"
#include "lang/intern.h"
#include "runtime/core/analysis.h"
#include "runtime/core/model.h"

/* One journey to compare: its model, its analysis (may be NULL: no feel
 * summary) and the interner its names live in. A side with model NULL is
 * the empty journey (a file git shows as added or deleted). */
typedef struct cjm_diff_side {
  const char *name;              /* as shown: the path, or git's path */
  const cjm_model *model;
  const cjm_analysis *analysis;
  const cjm_interner *names;
} cjm_diff_side;

/* What happened to a thing or a detail. */
typedef enum cjm_diff_op {
  CJM_DIFF_SAME,                 /* only its contents changed (a stage around changed steps) */
  CJM_DIFF_ADDED,
  CJM_DIFF_REMOVED,
  CJM_DIFF_CHANGED,
} cjm_diff_op;

/* The kinds of thing compared, in the order they are reported. */
typedef enum cjm_diff_kind {
  CJM_DIFF_JOURNEY,
  CJM_DIFF_PERSONA,
  CJM_DIFF_CHANNEL,
  CJM_DIFF_LANE,
  CJM_DIFF_METRIC,
  CJM_DIFF_STAGE,
  CJM_DIFF_STEP,
} cjm_diff_kind;

/* The word for a kind of thing in the diff's text and JSON: "journey",
 * "persona", "channel", "lane", "metric", "stage", "step". */
const char *cjm_diff_kind_word(cjm_diff_kind kind);

/* What a detail is about. */
typedef enum cjm_detail_kind {
  CJM_DETAIL_TITLE,      /* journey: text */
  CJM_DETAIL_STATUS,     /* journey: text "as-is" / "to-be" / NULL */
  CJM_DETAIL_SCALE,      /* journey: num..num2 */
  CJM_DETAIL_KIND,       /* persona: text "person" / "company" */
  CJM_DETAIL_UNIT,       /* metric: text */
  CJM_DETAIL_TARGET,     /* metric: num (has: whether set) */
  CJM_DETAIL_BETTER,     /* metric: text "higher" / "lower" / NULL */
  CJM_DETAIL_ATTR,       /* key "text" */
  CJM_DETAIL_BY,         /* key: a persona added to or removed from `by` */
  CJM_DETAIL_VIA,        /* key: a channel added or removed */
  CJM_DETAIL_NEXT,       /* key: a step added to or removed from `next` */
  CJM_DETAIL_LANE,       /* key: the lane; text; persona: written `for` */
  CJM_DETAIL_FEEL,       /* key: the persona; num: the score (mean of several); text: the word */
  CJM_DETAIL_MEASURE,    /* key: the metric; num: the value; percent; result */
} cjm_detail_kind;

/* One side of a detail. */
typedef struct cjm_diff_value {
  bool has;                      /* the side has it */
  const char *text;              /* may be NULL */
  double num, num2;
  bool percent;                  /* MEASURE: written with % */
  bool signed_scale;             /* FEEL: its journey's scale goes below zero: '+' before a
                                    positive score */
  cjm_target_result result;      /* MEASURE: against the target */
} cjm_diff_value;

/* One change inside a thing. For ADDED and REMOVED only the side that has
 * it is set; for CHANGED both. */
typedef struct cjm_diff_detail {
  cjm_detail_kind kind;
  cjm_diff_op op;
  const char *key;               /* attribute key, persona, channel, step, lane or metric id */
  const char *persona;           /* LANE: the persona written after `for`, or NULL */
  const char *unit;              /* MEASURE: the metric's unit, or NULL */
  bool has_target;               /* MEASURE: the (new) metric has a target to meet */
  double target;
  double shift;                  /* FEEL changed: new score minus old, on the new scale */
  cjm_diff_value old, new;
  const void *old_ref, *new_ref; /* the model objects compared, on the sides that have them:
                                    BY a cjm_persona, VIA a cjm_channel, NEXT a cjm_step,
                                    LANE a cjm_lane_entry, FEEL a cjm_persona, MEASURE a
                                    cjm_measure; NULL for the other kinds */
} cjm_diff_detail;

/* One thing that changed. */
typedef struct cjm_diff_entity {
  cjm_diff_kind kind;
  cjm_diff_op op;
  const char *id;                /* NULL for the journey */
  const char *old_label, *new_label; /* the journey: its title */
  bool label_changed;
  bool moved;                    /* stage or step: its place in the order changed */
  const char *after;             /* moved: the stage or step it now follows (NULL: first) */
  const char *old_stage;         /* step moved to another stage: the one it left, else NULL */
  const char *stage;             /* step: its stage (the old one when removed) */
  const void *old_ref, *new_ref; /* the declarations compared, on the sides that have them (a
                                    cjm_persona, cjm_channel, cjm_lane, cjm_metric, cjm_stage or
                                    cjm_step; the cjm_journey); NULL on the side without it */
  cjm_diff_detail *details;
  size_t detail_count;
} cjm_diff_entity;

/* A stage of the tree, with the steps that changed in it. */
typedef struct cjm_diff_stage {
  cjm_diff_entity *entity;       /* the stage; op SAME when only its steps changed */
  cjm_diff_entity **steps;       /* in the new order, then the removed ones */
  size_t step_count;
} cjm_diff_stage;

/* Mean feel, old and new. */
typedef struct cjm_diff_mean {
  bool old_has, new_has;
  double old_value, new_value;
} cjm_diff_mean;

/* One row of the experience summary: a stage, or the whole journey. */
typedef struct cjm_diff_feel_row {
  const char *stage;             /* the stage id; NULL for the overall row */
  const char *label;             /* its label (new, else old) */
  cjm_diff_mean all;             /* every feel of the stage */
  cjm_diff_mean *personas;       /* [persona_count of the summary] */
                                 /* (old values on the new scale when rescaled) */
} cjm_diff_feel_row;

typedef struct cjm_diff {
  cjm_arena *arena;              /* owns everything below */
  const char *old_name, *new_name;
  bool signed_scale;             /* the (new) scale goes below zero: scores print with '+' */
  bool rescaled;                 /* both journeys exist and their scales differ: old scores
                                    are read on the new scale (score * factor + offset) */
  double scale_factor, scale_offset;
  cjm_diff_entity *journey;      /* NULL when the journey's settings did not change */
  cjm_diff_entity **things;      /* personas, channels, lanes, metrics, in that order */
  size_t thing_count;
  cjm_diff_stage *stages;        /* stages with a change, new order, then removed */
  size_t stage_count;
  bool personas_only;            /* --persona: the summary has no column for everyone */
  const char **personas;         /* the summary's columns: persona ids, new order then removed */
  size_t persona_count;
  cjm_diff_feel_row *rows;       /* stages whose mean feel changed, then the overall row */
  size_t row_count;
  size_t change_count;           /* things added, removed or changed (details included) */
} cjm_diff;

/* Options of a comparison. */
typedef struct cjm_diff_options {
  const char *persona;           /* --persona: feels, lane entries and the summary of this
                                    persona only; NULL for all */
} cjm_diff_options;

/* Compares old with new. Never fails; free the result with cjm_diff_free(). */
cjm_diff *cjm_diff_compute(const cjm_diff_side *old, const cjm_diff_side *new,
                           const cjm_diff_options *options);

/* How many things a diff reports, by what happened to them. A thing that
 * moved and changed counts as moved and as changed; a stage listed only
 * for its steps (SAME) counts in none. */
typedef struct cjm_diff_counts {
  size_t added, removed, changed, moved;
} cjm_diff_counts;

cjm_diff_counts cjm_diff_count(const cjm_diff *diff);

/* Whether a thing changed in itself (details or label), apart from its
 * place. */
bool cjm_diff_entity_changed(const cjm_diff_entity *entity);

/* Whether the two journeys mean the same. */
bool cjm_diff_identical(const cjm_diff *diff);

/* An old score or mean read on the new journey's scale, as the diff
 * compares them: unchanged unless diff->rescaled. */
double cjm_diff_on_new_scale(const cjm_diff *diff, double old);

/* Frees a diff. NULL is allowed. */
void cjm_diff_free(cjm_diff *diff);

#endif
