/* check — see check.h. Each check is linear in the size of the model. */
#include "runtime/core/check.h"

#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "runtime/base/strbuf.h"
#include "runtime/core/analysis.h"
#include "runtime/core/check_cx.h"
#include "runtime/core/indentation.h"

/* ---- unused --------------------------------------------------------------- */

static void check_unused_decls(void *const *decls, size_t count, const char *what, cjm_diags *diags) {
  for (size_t i = 0; i < count; i++) {
    const cjm_decl *d = decls[i];
    if (d->used || d->from_stdlib || !d->block) continue;
    cjm_warning(diags, "unused", &d->loc, "%s '%s' is declared but never used", what, d->id);
  }
}

static void check_unused(const cjm_model *m, cjm_diags *diags) {
  if (!cjm_diags_warning_enabled(diags, "unused")) return;
  check_unused_decls((void *const *)m->personas, m->persona_count, "persona", diags);
  check_unused_decls((void *const *)m->channels, m->channel_count, "channel", diags);
  check_unused_decls((void *const *)m->lanes, m->lane_count, "lane", diags);
  check_unused_decls((void *const *)m->metrics, m->metric_count, "metric", diags);
}

/* ---- empty-stage ------------------------------------------------------------ */

static bool moment_empty(const cjm_moment *mo) {
  return !mo->by_count && !mo->via_count && !mo->feel_count && !mo->entry_count && !mo->measure_count;
}

static bool stage_empty(const cjm_stage *stage) {
  return stage->step_count == 0 && moment_empty(&stage->moment);
}

static void check_empty_stages(const cjm_model *m, cjm_diags *diags) {
  for (size_t i = 0; i < m->stage_count; i++) {
    const cjm_stage *stage = m->stages[i];
    if (stage->decl.from_stdlib || !stage_empty(stage)) continue;
    cjm_warning(diags, "empty-stage", &stage->user_loc, "stage '%s' has no step and no entry",
                stage->decl.id);
  }
}

/* ---- coverage ------------------------------------------------------------------ */

/* Reports each used persona that stage s does not name, and that no feel
 * or entry of it speaks for: in persona order, and only while the
 * warnings are kept; the rest are counted (a map of thousands of personas
 * and stages is not millions of calls). */
static void check_stage_coverage(const cjm_model *m, const cjm_analysis *a, size_t s, size_t used,
                                 cjm_diags *diags) {
  const cjm_stage *stage = m->stages[s];
  const cjm_stage_analysis *sa = &a->stages[s];
  if (sa->everyone_coverage) return; /* something speaks for every persona */
  const cjm_stage_persona *rows = cjm_analysis_stage_personas(a, s), *end = rows + sa->persona_count;
  size_t missing = used;
  for (const cjm_stage_persona *r = rows; r < end; r++) missing -= r->coverage && m->personas[r->persona]->decl.used;
  for (size_t p = 0; p < m->persona_count && missing; p++) {
    const cjm_persona *persona = m->personas[p];
    while (rows < end && rows->persona < p) rows++;
    if (!persona->decl.used) continue; /* `unused` speaks for it, once */
    if (rows < end && rows->persona == p && rows->coverage) continue;
    if (!cjm_diags_would_keep(diags, "coverage", &stage->user_loc)) {
      cjm_diags_drop_warnings(diags, "coverage", missing);
      return;
    }
    missing--;
    cjm_diag *d = cjm_warning(diags, "coverage", &stage->user_loc, "persona '%s' does not appear in stage '%s'",
                              persona->decl.id, stage->decl.id);
    cjm_note(d, NULL, "a map with several personas analyses every stage for each of them: "
                      "add a step 'by %s' or an entry 'for %s'",
             persona->decl.id, persona->decl.id);
  }
}

static void check_coverage(const cjm_model *m, const cjm_analysis *a, cjm_diags *diags) {
  if (m->persona_count < 2 || !cjm_diags_warning_enabled(diags, "coverage")) return;
  size_t used = 0;
  for (size_t p = 0; p < m->persona_count; p++) used += m->personas[p]->decl.used;
  for (size_t s = 0; s < m->stage_count; s++)
    if (!stage_empty(m->stages[s])) /* nothing to analyse; empty-stage speaks for it */
      check_stage_coverage(m, a, s, used, diags);
}

/* ---- unreachable ----------------------------------------------------------------- */

static void check_unreachable(const cjm_model *m, cjm_diags *diags) {
  if (m->step_count < 2 || !cjm_diags_warning_enabled(diags, "unreachable")) return;
  bool *reached = cjm_xcalloc(m->step_count, sizeof *reached);
  const cjm_step **queue = cjm_xmalloc(m->step_count * sizeof *queue);
  size_t head = 0, tail = 0;
  reached[0] = true;
  queue[tail++] = m->steps[0];
  while (head < tail) {
    const cjm_step *step = queue[head++];
    for (size_t i = 0; i < step->successor_count; i++) {
      const cjm_step *next = step->successors[i];
      if (!reached[next->decl.index]) {
        reached[next->decl.index] = true;
        queue[tail++] = next;
      }
    }
  }
  for (size_t i = 1; i < m->step_count; i++) {
    if (reached[i]) continue;
    const cjm_step *step = m->steps[i];
    if (step->decl.from_stdlib) continue;
    cjm_diag *d = cjm_warning(diags, "unreachable", &step->decl.loc,
                              "step '%s' cannot be reached from the first step '%s'", step->decl.id,
                              m->steps[0]->decl.id);
    const cjm_step *before = m->steps[i - 1];
    if (before->has_next)
      cjm_note(d, &before->decl.loc,
               "the step before it, '%s', has 'next' and continues only to the steps it names",
               before->decl.id);
  }
  free(queue);
  free(reached);
}

/* ---- sparse-feel ------------------------------------------------------------------- */

static void check_sparse_feel(const cjm_model *m, cjm_diags *diags) {
  if (!cjm_diags_warning_enabled(diags, "sparse-feel")) return;
  for (size_t i = 0; i < m->stage_count; i++) {
    const cjm_stage *stage = m->stages[i];
    size_t with = 0;
    for (size_t k = 0; k < stage->step_count; k++) with += stage->steps[k]->moment.feel_count > 0;
    if (with == 0 || with == stage->step_count) continue;
    size_t without = stage->step_count - with;
    cjm_diag *d = cjm_warning(diags, "sparse-feel", &stage->user_loc,
                              "in stage '%s', %zu of %zu steps have no 'feel'; the emotion curve "
                              "will have gaps",
                              stage->decl.id, without, stage->step_count);
    size_t shown = 0;
    for (size_t k = 0; k < stage->step_count && shown < 5; k++) {
      const cjm_step *step = stage->steps[k];
      if (step->moment.feel_count) continue;
      cjm_note(d, &step->decl.loc, "step '%s' has no 'feel'", step->decl.id);
      shown++;
    }
  }
}

/* ---- not-taking-part -------------------------------------------------------------- */

/* Warns about each feel and lane entry of moment that names with `for` a
 * persona who is not among those taking part, by: the moment's own `by`,
 * else its stage's (takers_from says which). Without any `by` everyone
 * takes part and nothing is reported. */
static void check_for_in(const cjm_moment *moment, const char *kind, const cjm_decl *decl,
                         const cjm_moment *takers_from, const cjm_decl *takers_decl, cjm_diags *diags) {
  if (!takers_from->by_count) return;
  for (size_t i = 0; i < moment->feel_count + moment->entry_count; i++) {
    bool feel = i < moment->feel_count;
    const cjm_speakers *sp = feel ? &moment->feels[i].speakers : &moment->entries[i - moment->feel_count].speakers;
    const cjm_loc *loc = feel ? moment->feels[i].loc : moment->entries[i - moment->feel_count].loc;
    if (sp->source != CJM_SPEAKERS_FOR) continue;
    const cjm_persona *p = sp->items[0];
    if (cjm_moment_by_includes(takers_from, p)) continue;
    cjm_diag *d = cjm_warning(diags, "not-taking-part", loc,
                              "%s for '%s' in %s '%s', which '%s' does not take part in",
                              feel ? "a feel" : "an entry", p->decl.id, kind, decl->id, p->decl.id);
    if (!d) continue;
    cjm_strbuf takers = {0};
    /* "'a'", "'a' and 'b'", "'a', 'b' and 'c'", "'a', 'b', 'c' and 2 more" */
    size_t shown = takers_from->by_count < 3 ? takers_from->by_count : 3;
    for (size_t k = 0; k < shown; k++) {
      bool last = k + 1 == shown && takers_from->by_count == shown;
      cjm_strbuf_printf(&takers, "%s'%s'", k == 0 ? "" : last ? " and " : ", ", takers_from->by[k]->decl.id);
    }
    if (takers_from->by_count > shown) cjm_strbuf_printf(&takers, " and %zu more", takers_from->by_count - shown);
    cjm_note(d, &takers_decl->loc, "only %s %s part in %s '%s' (its 'by')", takers.data,
             takers_from->by_count == 1 ? "takes" : "take", takers_decl == decl ? kind : "stage",
             takers_decl->id);
    cjm_strbuf_free(&takers);
  }
}

static void check_not_taking_part(const cjm_model *m, cjm_diags *diags) {
  if (!cjm_diags_warning_enabled(diags, "not-taking-part")) return;
  for (size_t i = 0; i < m->stage_count; i++) {
    const cjm_stage *stage = m->stages[i];
    if (!stage->decl.from_stdlib) check_for_in(&stage->moment, "stage", &stage->decl, &stage->moment, &stage->decl, diags);
    for (size_t k = 0; k < stage->step_count; k++) {
      const cjm_step *step = stage->steps[k];
      if (step->decl.from_stdlib) continue;
      bool own = step->moment.by_count > 0;
      check_for_in(&step->moment, "step", &step->decl, own ? &step->moment : &stage->moment,
                   own ? &step->decl : &stage->decl, diags);
    }
  }
}

void cjm_check_analysed(const cjm_model *model, const cjm_analysis *analysis, cjm_diags *diags) {
  check_unused(model, diags);
  check_empty_stages(model, diags);
  check_coverage(model, analysis, diags);
  cjm_check_cx(model, analysis, diags);
  check_unreachable(model, diags);
  check_sparse_feel(model, diags);
  check_not_taking_part(model, diags);
  cjm_check_indentation(model, diags);
}

void cjm_check(const cjm_model *model, cjm_diags *diags) {
  cjm_analysis *analysis = cjm_analyse(model);
  cjm_check_analysed(model, analysis, diags);
  cjm_analysis_free(analysis);
}
