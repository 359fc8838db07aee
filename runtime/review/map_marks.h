/* map_marks — what a diff marks on the map of the new journey
 * (`cjm diff -T svg|png|dot`).
 *
 * From a cjm_diff (diff.h) of two journeys, the marks say of each thing
 * of the NEW journey that the map view draws whether it was added or
 * changed (a lookup by the model object: step, stage, persona, lane,
 * lane entry, measure, metric, channel; `by`, `via` and feels by moment
 * and persona), and list the things of the OLD journey that are gone,
 * each with the place it had: a removed step after the step it followed
 * in its stage, a removed stage after the stage it followed, a removed
 * lane entry, `by`, `via` or measure in the moment it belonged to.
 * map_layout reads the marks to style what it lays out and to add the
 * removed things; the backend draws what the layout says.
 *
 * Pure: no Graphviz, no I/O, no global state. Built in time linear in
 * the size of the diff and of the stages that lost steps. A cjm_map_marks
 * owns its tables; it points into the diff and into both models, which
 * must outlive it. Depends on diff.h and the model. */
#ifndef CJM_MAP_MARKS_H
#define CJM_MAP_MARKS_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/review/diff.h"
#include "runtime/base/strbuf.h"
#include "runtime/core/model.h"

/* What happened to a thing drawn on the map. */
typedef enum cjm_mark {
  CJM_MARK_NONE,               /* as it was */
  CJM_MARK_ADDED,              /* new in the new journey: green */
  CJM_MARK_CHANGED,            /* changed or moved: amber */
  CJM_MARK_REMOVED,            /* of the old journey only: struck through in red */
} cjm_mark;

/* The word for a mark in ids, classes and the legend: "added", "changed",
 * "removed" ("" for NONE). */
const char *cjm_mark_word(cjm_mark mark);

/* What a removed thing of a moment is. */
typedef enum cjm_removed_kind {
  CJM_REMOVED_BY,              /* a persona taking part (`by`) */
  CJM_REMOVED_VIA,             /* a channel used (`via`) */
  CJM_REMOVED_ENTRY,           /* a lane entry */
  CJM_REMOVED_MEASURE,         /* a measure */
} cjm_removed_kind;

/* A thing of a stage or step, or a journey-level measure, that the new
 * journey no longer has. Pointers are into the old model unless said. */
typedef struct cjm_removed {
  cjm_removed_kind kind;
  const cjm_persona *persona;  /* BY */
  const cjm_channel *channel;  /* VIA */
  const cjm_lane_entry *entry; /* ENTRY */
  const cjm_lane *lane;        /* ENTRY: the new journey's lane of the same name, whose row it
                                  goes to; the old lane when that one is gone too */
  const cjm_persona *colour;   /* BY, ENTRY: the new journey's persona of the same name that
                                  it speaks for alone, or NULL */
  const cjm_measure *measure;  /* MEASURE */
} cjm_removed;

/* A removed step and its place. */
typedef struct cjm_removed_step {
  const cjm_step *step;        /* of the old journey */
  const cjm_stage *stage;      /* the new journey's stage of the same name, or the old stage
                                  when that is removed too */
  const cjm_step *after;       /* the step of the new journey it followed in that stage;
                                  NULL: it comes first */
} cjm_removed_step;

/* A removed stage and its place. */
typedef struct cjm_removed_stage {
  const cjm_stage *stage;      /* of the old journey */
  const cjm_stage *after;      /* the stage of the new journey it followed; NULL: first */
} cjm_removed_stage;

/* How one persona's feel at one moment changed. */
typedef struct cjm_feel_mark {
  cjm_mark mark;               /* NONE: unchanged, or no feel on either side */
  double old_score;            /* CHANGED, REMOVED: the old score (the mean of several), read on
                                  the new journey's scale when the scale changed (as the diff
                                  compares it: cjm_diff's scale_factor and scale_offset) */
  double old_written;          /* CHANGED, REMOVED: the same on the old journey's own scale, as
                                  written there; old_score when the scale did not change */
  const char *old_word;        /* CHANGED, REMOVED: the old word, or NULL */
} cjm_feel_mark;

/* What changed in the journey's header. */
typedef struct cjm_header_marks {
  cjm_mark title;              /* the title */
  cjm_mark goal;               /* the `goal` attribute */
  cjm_mark status;             /* `status` */
  cjm_mark meta;               /* the other attributes, or the scale */
} cjm_header_marks;

typedef struct cjm_map_marks cjm_map_marks;

/* The marks of diff, computed between old and new (the sides diff was
 * computed from; new->model must not be NULL). */
cjm_map_marks *cjm_map_marks_new(const cjm_diff *diff, const cjm_diff_side *old, const cjm_diff_side *new);

/* Frees marks. NULL is allowed. */
void cjm_map_marks_free(cjm_map_marks *marks);

/* Whether the diff found any change. */
bool cjm_map_marks_any(const cjm_map_marks *marks);

/* The old journey's name as the diff shows it (its path). */
const char *cjm_map_marks_old_name(const cjm_map_marks *marks);

/* The mark of a thing of the new journey: a persona (its card), a lane
 * (its row), a stage, a step, a lane entry, a measure, a metric or a
 * channel (the declaration). */
cjm_mark cjm_map_marks_of(const cjm_map_marks *marks, const void *thing);

/* The thing of the diff that a persona, lane, stage or step of the new
 * journey (or a removed one of the old) is, or NULL when it did not
 * change: for a tooltip that says what changed. */
const cjm_diff_entity *cjm_map_marks_entity(const cjm_map_marks *marks, const void *thing);

/* Appends to out what the diff says of thing (as cjm_map_marks_entity
 * finds it): its line and details as `cjm diff` prints them without
 * colour, scores with '+' when signed_scale, without a final newline.
 * Returns false, appending nothing, when the diff says nothing of it. */
bool cjm_map_marks_describe(const cjm_map_marks *marks, const void *thing, bool signed_scale, cjm_strbuf *out);

/* The mark of a persona in the `by` of a moment of the new journey. */
cjm_mark cjm_map_marks_by(const cjm_map_marks *marks, const cjm_moment *moment, const cjm_persona *persona);

/* The mark of a channel in the `via` of a moment of the new journey. */
cjm_mark cjm_map_marks_via(const cjm_map_marks *marks, const cjm_moment *moment, const cjm_channel *channel);

/* How the feel of a persona of the new journey at a moment changed. */
cjm_feel_mark cjm_map_marks_feel(const cjm_map_marks *marks, const cjm_moment *moment, const cjm_persona *persona);

/* The things removed from a moment of the new journey (moment NULL: the
 * journey-level measures), in the old journey's order; *count receives
 * how many. */
const cjm_removed *cjm_map_marks_removed(const cjm_map_marks *marks, const cjm_moment *moment, size_t *count);

/* The removed steps shown in stage (of the new journey, or a removed
 * one) right after the new step after (NULL: at the start of the stage),
 * in the old order. */
const cjm_removed_step *cjm_map_marks_removed_steps(const cjm_map_marks *marks, const cjm_stage *stage,
                                                    const cjm_step *after, size_t *count);

/* The removed stages shown right after the new stage after (NULL: first),
 * in the old order. */
const cjm_removed_stage *cjm_map_marks_removed_stages(const cjm_map_marks *marks, const cjm_stage *after,
                                                      size_t *count);

/* The removed personas (of the old journey), in the old order. */
const cjm_persona *const *cjm_map_marks_removed_personas(const cjm_map_marks *marks, size_t *count);

/* What changed in the header. */
cjm_header_marks cjm_map_marks_header(const cjm_map_marks *marks);

/* Whether the emotion scale changed (both journeys have one and their
 * bounds differ: old scores are then read on the new scale); if so,
 * *min and *max receive the old journey's bounds. */
bool cjm_map_marks_old_scale(const cjm_map_marks *marks, double *min, double *max);

#endif
