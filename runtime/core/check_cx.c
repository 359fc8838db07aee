/* check_cx — see check_cx.h. Linear in the number of feels and entries
 * for each persona. */
#include "runtime/core/check_cx.h"

#include <string.h>

#include "runtime/base/strbuf.h"
#include "runtime/core/present.h"

/* ---- cliff ------------------------------------------------------------------------- */

/* The mean of the feels of step that speak for persona, and the first of
 * them; false when there is none. */
static bool step_feel(const cjm_step *step, const cjm_persona *persona, double *score, const cjm_feel **first) {
  double sum = 0;
  size_t count = 0;
  *first = NULL;
  for (size_t i = 0; i < step->moment.feel_count; i++) {
    const cjm_feel *f = &step->moment.feels[i];
    if (!cjm_speaks_for(&f->speakers, persona)) continue;
    if (!*first) *first = f;
    sum += f->score;
    count++;
  }
  if (count) *score = sum / (double)count;
  return count > 0;
}

static void check_cliff(const cjm_model *m, cjm_diags *diags) {
  if (!cjm_diags_warning_enabled(diags, "cliff")) return;
  double drop = (m->journey.scale_max - m->journey.scale_min) / 2;
  for (size_t p = 0; p < m->persona_count; p++) {
    const cjm_persona *persona = m->personas[p];
    const cjm_step *before = NULL;
    const cjm_feel *before_feel = NULL;
    double before_score = 0;
    for (size_t i = 0; i < m->step_count; i++) {
      const cjm_step *step = m->steps[i];
      double score;
      const cjm_feel *feel;
      if (!step_feel(step, persona, &score, &feel)) continue;
      if (before && before_score - score >= drop && !step->decl.from_stdlib) {
        cjm_strbuf from = {0}, to = {0};
        cjm_present_score(&from, m, before_score);
        cjm_present_score(&to, m, score);
        cjm_diag *d = cjm_warning(diags, "cliff", &feel->loc,
                                  "the feel of '%s' drops from %s to %s between steps '%s' and '%s'",
                                  persona->decl.id, from.data, to.data, before->decl.id, step->decl.id);
        cjm_note(d, &before_feel->loc, "'%s' feels %s at step '%s'", persona->decl.id, from.data,
                 before->decl.id);
        cjm_strbuf_free(&from);
        cjm_strbuf_free(&to);
      }
      before = step;
      before_feel = feel;
      before_score = score;
    }
  }
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
    if (pain) cjm_note(d, &pain->loc, "a pain is recorded here; add an 'opportunity' that answers it");
  }
}

void cjm_check_cx(const cjm_model *model, const cjm_analysis *analysis, cjm_diags *diags) {
  check_cliff(model, diags);
  check_pain_without_opportunity(model, analysis, diags);
}
