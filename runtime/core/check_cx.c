/* check_cx — see check_cx.h. Linear in the persona x feel pairs (the
 * cliff) and in the stages (pain without opportunity). */
#include "runtime/core/check_cx.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/base/strbuf.h"
#include "runtime/core/budget.h"
#include "runtime/core/present.h"

/* ---- cliff ------------------------------------------------------------------------- */

/* A persona's feel at a step: the mean of the step's feels that speak for
 * it, and the first of them. */
typedef struct persona_point {
  double sum;
  size_t count;
  const cjm_feel *first;
} persona_point;

/* Where each persona's curve is while the steps are walked in order. */
typedef struct curves {
  persona_point *at;           /* [persona_count] the current step's, while it is read */
  uint32_t *touched;           /* the personas the current step's feels speak for */
  size_t touched_count;
  const cjm_step **before;     /* [persona_count] the last step with a feel for it, or NULL */
  double *before_score;        /* [persona_count] its score there */
  const cjm_feel **before_feel;/* [persona_count] and its first feel */
} curves;

static int by_index(const void *x, const void *y) {
  uint32_t p = *(const uint32_t *)x, q = *(const uint32_t *)y;
  return (p > q) - (p < q);
}

/* Gathers the feels of step per persona into c->at, listing the personas
 * touched, in persona order. */
static void gather_step(curves *c, const cjm_step *step) {
  c->touched_count = 0;
  for (size_t i = 0; i < step->moment.feel_count; i++) {
    const cjm_feel *f = &step->moment.feels[i];
    for (size_t k = 0; k < f->speakers.count; k++) {
      uint32_t p = (uint32_t)f->speakers.items[k]->decl.index;
      persona_point *pt = &c->at[p];
      if (!pt->count) {
        c->touched[c->touched_count++] = p;
        pt->first = f;
      }
      pt->sum += f->score;
      pt->count++;
    }
  }
  qsort(c->touched, c->touched_count, sizeof *c->touched, by_index);
}

static void report_cliff(const cjm_model *m, cjm_diags *diags, const cjm_persona *persona, const cjm_step *before,
                         double before_score, const cjm_feel *before_feel, const cjm_step *step, double score,
                         const cjm_feel *feel) {
  cjm_strbuf from = {0}, to = {0};
  cjm_present_score(&from, m, before_score);
  cjm_present_score(&to, m, score);
  cjm_diag *d = cjm_warning(diags, "cliff", feel->loc, "the feel of '%s' drops from %s to %s between steps '%s' and '%s'",
                            persona->decl.id, from.data, to.data, before->decl.id, step->decl.id);
  cjm_note(d, before_feel->loc, "'%s' feels %s at step '%s'", persona->decl.id, from.data, before->decl.id);
  cjm_strbuf_free(&from);
  cjm_strbuf_free(&to);
}

/* Walks the steps once, following every persona's curve: linear in the
 * persona x feel pairs, which the budget of cells bounds (a feel that
 * speaks for thousands of personas at each of thousands of steps is
 * reported as not checked, not read for hours). */
static void check_cliff(const cjm_model *m, cjm_diags *diags) {
  if (!cjm_diags_warning_enabled(diags, "cliff")) return;
  size_t pairs = 0;
  for (size_t i = 0; i < m->step_count; i++)
    for (size_t k = 0; k < m->steps[i]->moment.feel_count; k++) pairs += m->steps[i]->moment.feels[k].speakers.count;
  if (pairs > CJM_CELL_BUDGET) {
    cjm_warning(diags, "cliff", &m->journey.loc,
                "not checked: the feels of the steps speak for %zu persona x step pairs, over the budget of %d",
                pairs, CJM_CELL_BUDGET);
    return;
  }
  double drop = (m->journey.scale_max - m->journey.scale_min) / 2;
  size_t n = m->persona_count ? m->persona_count : 1;
  curves c = {cjm_xcalloc(n, sizeof *c.at), cjm_xmalloc(n * sizeof *c.touched), 0,
              cjm_xcalloc(n, sizeof *c.before), cjm_xcalloc(n, sizeof *c.before_score),
              cjm_xcalloc(n, sizeof *c.before_feel)};
  for (size_t i = 0; i < m->step_count; i++) {
    const cjm_step *step = m->steps[i];
    gather_step(&c, step);
    for (size_t t = 0; t < c.touched_count; t++) {
      uint32_t p = c.touched[t];
      persona_point *pt = &c.at[p];
      double score = pt->sum / (double)pt->count;
      if (c.before[p] && c.before_score[p] - score >= drop && !step->decl.from_stdlib)
        report_cliff(m, diags, m->personas[p], c.before[p], c.before_score[p], c.before_feel[p], step, score,
                     pt->first);
      c.before[p] = step;
      c.before_score[p] = score;
      c.before_feel[p] = pt->first;
      *pt = (persona_point){0};
    }
  }
  free(c.at);
  free(c.touched);
  free(c.before);
  free(c.before_score);
  free(c.before_feel);
}

/* ---- pain-without-opportunity -------------------------------------------------------- */

/* The first entry of moment in the built-in `pain` lane, or NULL. */
static const cjm_lane_entry *first_pain(const cjm_moment *mo) {
  for (size_t i = 0; i < mo->entry_count; i++)
    if (mo->entries[i].lane->builtin && strcmp(mo->entries[i].lane->decl.id, "pain") == 0) return &mo->entries[i];
  return NULL;
}

static void check_pain_without_opportunity(const cjm_model *m, const cjm_analysis *a, cjm_diags *diags) {
  if (!cjm_diags_warning_enabled(diags, "pain-without-opportunity")) return;
  for (size_t s = 0; s < m->stage_count; s++) {
    const cjm_stage_analysis *sa = &a->stages[s];
    if (!cjm_stage_pain_without_opportunity(sa)) continue;
    const cjm_stage *stage = m->stages[s];
    cjm_diag *d = cjm_warning(diags, "pain-without-opportunity", &stage->user_loc,
                              "stage '%s' has %zu pain%s but no opportunity", stage->decl.id,
                              sa->pain_count, sa->pain_count == 1 ? "" : "s");
    const cjm_lane_entry *pain = first_pain(&stage->moment);
    for (size_t k = 0; k < stage->step_count && !pain; k++) pain = first_pain(&stage->steps[k]->moment);
    if (pain) cjm_note(d, pain->loc, "a pain is recorded here; add an 'opportunity' that answers it");
  }
}

void cjm_check_cx(const cjm_model *model, const cjm_analysis *analysis, cjm_diags *diags) {
  check_cliff(model, diags);
  check_pain_without_opportunity(model, analysis, diags);
}
