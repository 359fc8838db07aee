/* json_doc — see json_doc.h. */
#include "runtime/render/tables/json_doc.h"

#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "runtime/core/present.h"

/* ---- values ----------------------------------------------------------------------- */

/* A string, or null for NULL. Model text is valid UTF-8; should it not be,
 * jansson refuses it and U+FFFD stands in. */
static json_t *str(const char *s) {
  if (!s) return json_null();
  json_t *v = json_string(s);
  return v ? v : json_string("\xEF\xBF\xBD");
}

/* A number: an integer when it is one, else a real. */
static json_t *num(double v) {
  if (v > -9007199254740992.0 && v < 9007199254740992.0 && v == (double)(json_int_t)v)
    return json_integer((json_int_t)v);
  return json_real(v);
}

static void set(json_t *obj, const char *key, json_t *value) { json_object_set_new(obj, key, value); }

/* The name of a location's file: as the user gave it, or `<stdlib>/NAME`
 * for the standard library, wherever cjm is installed, so that the same
 * journey gives the same bytes on every machine. */
static json_t *file_json(const cjm_source *source) {
  if (!source->from_stdlib) return str(source->path);
  const char *slash = strrchr(source->path, '/');
  const char *name = slash ? slash + 1 : source->path;
  return json_sprintf("<stdlib>/%s", name);
}

/* {"file", "line", "col", "end_line", "end_col"}, or null for no position. */
static json_t *loc_json(const cjm_loc *loc) {
  if (!loc->source) return json_null();
  json_t *o = json_object();
  set(o, "file", file_json(loc->source));
  set(o, "line", json_integer(loc->line));
  set(o, "col", json_integer(loc->col));
  set(o, "end_line", json_integer(loc->end_line));
  set(o, "end_col", json_integer(loc->end_col));
  return o;
}

static json_t *attrs_json(const cjm_attr *attrs, size_t count) {
  json_t *a = json_array();
  for (size_t i = 0; i < count; i++) {
    json_t *o = json_object();
    set(o, "key", str(attrs[i].key));
    set(o, "value", str(attrs[i].value));
    set(o, "loc", loc_json(&attrs[i].loc));
    json_array_append_new(a, o);
  }
  return a;
}

/* The fields every declaration has. */
static json_t *decl_json(const cjm_decl *d) {
  json_t *o = json_object();
  set(o, "id", str(d->id));
  set(o, "label", str(d->label));
  set(o, "loc", loc_json(&d->loc));
  set(o, "from_stdlib", json_boolean(d->from_stdlib));
  return o;
}

/* The array of what one makes of each of items[0..count), pointers to
 * model objects. */
static json_t *array_of(void *const *items, size_t count, json_t *(*one)(const void *item)) {
  json_t *a = json_array();
  for (size_t i = 0; i < count; i++) json_array_append_new(a, one(items[i]));
  return a;
}

static json_t *id_json(const void *decl) { return str(((const cjm_decl *)decl)->id); }

/* The identifiers of declarations (personas, channels, stages, steps). */
static json_t *ids_json(void *const *decls, size_t count) { return array_of(decls, count, id_json); }

/* ---- the model -------------------------------------------------------------------- */

static json_t *speakers_json(json_t *o, const cjm_speakers *s) {
  set(o, "speakers", ids_json((void *const *)s->items, s->count));
  set(o, "for", s->explicit_for && s->count == 1 ? str(s->items[0]->decl.id) : json_null());
  return o;
}

static json_t *measure_json(const cjm_measure *m) {
  json_t *o = json_object();
  set(o, "metric", str(m->metric->decl.id));
  set(o, "value", num(m->value));
  set(o, "percent", json_boolean(m->percent));
  set(o, "loc", loc_json(&m->loc));
  return o;
}

static json_t *measures_json(const cjm_measure *measures, size_t count) {
  json_t *a = json_array();
  for (size_t i = 0; i < count; i++) json_array_append_new(a, measure_json(&measures[i]));
  return a;
}

/* What a document shows: every persona's journey, or one persona's
 * (--persona): its steps, the feels and entries that speak for it, and the
 * analysis read for it. */
typedef struct view {
  const cjm_model *model;
  const cjm_analysis *analysis;
  const cjm_persona *persona;  /* NULL for every persona */
} view;

/* Whether a feel or an entry with these speakers is in the view. */
static bool in_view(const view *v, const cjm_speakers *s) {
  return !v->persona || cjm_personas_include(s->items, s->count, v->persona);
}

/* Adds what a stage or a step records to o. */
static void moment_json(json_t *o, const cjm_moment *mo, const view *v) {
  set(o, "by", ids_json((void *const *)mo->by, mo->by_count));
  set(o, "via", ids_json((void *const *)mo->via, mo->via_count));
  json_t *feels = json_array();
  for (size_t i = 0; i < mo->feel_count; i++) {
    const cjm_feel *f = &mo->feels[i];
    if (!in_view(v, &f->speakers)) continue;
    json_t *e = json_object();
    set(e, "score", num(f->score));
    set(e, "word", str(f->word));
    speakers_json(e, &f->speakers);
    set(e, "loc", loc_json(&f->loc));
    json_array_append_new(feels, e);
  }
  set(o, "feels", feels);
  json_t *entries = json_array();
  for (size_t i = 0; i < mo->entry_count; i++) {
    const cjm_lane_entry *le = &mo->entries[i];
    if (!in_view(v, &le->speakers)) continue;
    json_t *e = json_object();
    set(e, "lane", str(le->lane->decl.id));
    set(e, "text", str(le->text));
    speakers_json(e, &le->speakers);
    set(e, "loc", loc_json(&le->loc));
    json_array_append_new(entries, e);
  }
  set(o, "entries", entries);
  set(o, "measures", measures_json(mo->measures, mo->measure_count));
}

/* {"min", "max"}. */
static json_t *scale_json(const cjm_journey *j) {
  json_t *o = json_object();
  set(o, "min", num(j->scale_min));
  set(o, "max", num(j->scale_max));
  return o;
}

static json_t *journey_json(const cjm_journey *j) {
  json_t *o = json_object();
  set(o, "title", str(j->title));
  set(o, "declared", json_boolean(j->declared));
  set(o, "loc", loc_json(&j->loc));
  set(o, "status", str(cjm_status_word(j->status)));
  set(o, "scale", scale_json(j));
  set(o, "attributes", attrs_json(j->attrs, j->attr_count));
  set(o, "measures", measures_json(j->measures, j->measure_count));
  return o;
}

static json_t *persona_json(const void *item) {
  const cjm_persona *p = item;
  json_t *o = decl_json(&p->decl);
  set(o, "kind", str(cjm_persona_kind_word(p->kind)));
  set(o, "attributes", attrs_json(p->attrs, p->attr_count));
  return o;
}

static json_t *channel_json(const void *item) {
  const cjm_channel *c = item;
  json_t *o = decl_json(&c->decl);
  set(o, "attributes", attrs_json(c->attrs, c->attr_count));
  return o;
}

static json_t *lane_json(const void *item) {
  const cjm_lane *l = item;
  json_t *o = decl_json(&l->decl);
  set(o, "builtin", json_boolean(l->builtin));
  return o;
}

static json_t *metric_json(const void *item) {
  const cjm_metric *mt = item;
  json_t *o = decl_json(&mt->decl);
  set(o, "unit", str(mt->unit));
  set(o, "target", mt->has_target ? num(mt->target) : json_null());
  set(o, "better", str(cjm_better_word(mt->better)));
  set(o, "attributes", attrs_json(mt->attrs, mt->attr_count));
  return o;
}

static json_t *step_json(const cjm_step *s, const view *v) {
  json_t *o = decl_json(&s->decl);
  moment_json(o, &s->moment, v);
  set(o, "next", s->has_next ? ids_json((void *const *)s->next, s->next_count) : json_null());
  set(o, "successors", ids_json((void *const *)s->successors, s->successor_count));
  return o;
}

static json_t *stage_json(const cjm_stage *st, const view *v) {
  json_t *o = decl_json(&st->decl);
  moment_json(o, &st->moment, v);
  json_t *steps = json_array();
  for (size_t i = 0; i < st->step_count; i++)
    if (cjm_step_shown_for(st->steps[i], v->persona)) json_array_append_new(steps, step_json(st->steps[i], v));
  set(o, "steps", steps);
  return o;
}

static json_t *stages_json(const view *v) {
  json_t *a = json_array();
  for (size_t s = 0; s < v->model->stage_count; s++) json_array_append_new(a, stage_json(v->model->stages[s], v));
  return a;
}

/* ---- the analysis ----------------------------------------------------------------- */

/* {"mean": number or null, "count"}. */
static json_t *mean_json(const cjm_mean *mean) {
  json_t *o = json_object();
  set(o, "mean", mean->count ? num(cjm_mean_value(mean)) : json_null());
  set(o, "count", json_integer((json_int_t)mean->count));
  return o;
}

/* A moment of truth, or null when the persona has no feel. */
static json_t *moment_ref_json(const cjm_moment_ref *ref) {
  if (!ref->feel) return json_null();
  json_t *o = json_object();
  set(o, "score", num(ref->feel->score));
  set(o, "word", str(ref->feel->word));
  set(o, "stage", str(ref->stage->decl.id));
  set(o, "step", ref->step ? str(ref->step->decl.id) : json_null());
  set(o, "loc", loc_json(&ref->feel->loc));
  return o;
}

static const char *result_name(cjm_target_result r) {
  return r == CJM_TARGET_MET ? "met" : r == CJM_TARGET_MISSED ? "missed" : "unknown";
}

static json_t *analysis_metrics_json(const view *v) {
  const cjm_analysis *an = v->analysis;
  json_t *a = json_array();
  for (size_t i = 0; i < an->model->metric_count; i++) {
    const cjm_metric_analysis *ma = &an->metrics[i];
    json_t *o = json_object();
    set(o, "metric", str(ma->metric->decl.id));
    json_t *obs = json_array();
    for (size_t k = 0; k < ma->observation_count; k++) {
      const cjm_observation *ob = &ma->observations[k];
      if (ob->step && !cjm_step_shown_for(ob->step, v->persona)) continue;
      json_t *e = json_object();
      set(e, "value", num(ob->measure->value));
      set(e, "percent", json_boolean(ob->measure->percent));
      set(e, "stage", ob->stage ? str(ob->stage->decl.id) : json_null());
      set(e, "step", ob->step ? str(ob->step->decl.id) : json_null());
      set(e, "result", str(result_name(ob->result)));
      set(e, "loc", loc_json(&ob->measure->loc));
      json_array_append_new(obs, e);
    }
    set(o, "observations", obs);
    json_array_append_new(a, o);
  }
  return a;
}

/* {"ROWS": [ids], "stages": [ids], "counts": [[per stage] per row]}, from
 * counts[row * stage_count + stage]. */
static json_t *matrix_json(const cjm_model *m, const char *rows_key, void *const *rows, size_t row_count,
                           const size_t *counts) {
  json_t *o = json_object();
  set(o, rows_key, ids_json(rows, row_count));
  set(o, "stages", ids_json((void *const *)m->stages, m->stage_count));
  json_t *table = json_array();
  for (size_t r = 0; r < row_count; r++) {
    json_t *row = json_array();
    for (size_t s = 0; s < m->stage_count; s++)
      json_array_append_new(row, json_integer((json_int_t)counts[r * m->stage_count + s]));
    json_array_append_new(table, row);
  }
  set(o, "counts", table);
  return o;
}

/* The persona x stage matrix: every persona's row, or the view's one. */
static json_t *coverage_json(const view *v) {
  const cjm_model *m = v->model;
  size_t first = v->persona ? v->persona->decl.index : 0, rows = v->persona ? 1 : m->persona_count;
  size_t *counts = cjm_xcalloc(rows * m->stage_count + 1, sizeof *counts);
  for (size_t r = 0; r < rows; r++)
    for (size_t s = 0; s < m->stage_count; s++)
      counts[r * m->stage_count + s] = cjm_analysis_coverage(v->analysis, first + r, s);
  json_t *o = matrix_json(m, "personas", (void *const *)(m->personas + first), rows, counts);
  free(counts);
  return o;
}

/* The channel x stage matrix, counting the stage and the steps in the view. */
static json_t *channels_json(const view *v) {
  const cjm_model *m = v->model;
  size_t *counts = cjm_xcalloc(m->channel_count * m->stage_count + 1, sizeof *counts);
  for (size_t c = 0; c < m->channel_count; c++)
    for (size_t s = 0; s < m->stage_count; s++) {
      size_t n = cjm_analysis_channel_use(v->analysis, c, s);
      const cjm_stage *stage = m->stages[s];
      for (size_t k = 0; v->persona && k < stage->step_count; k++) {
        const cjm_moment *mo = &stage->steps[k]->moment;
        if (cjm_step_shown_for(stage->steps[k], v->persona)) continue;
        for (size_t i = 0; i < mo->via_count; i++) n -= mo->via[i] == m->channels[c]; /* a step not shown */
      }
      counts[c * m->stage_count + s] = n;
    }
  json_t *o = matrix_json(m, "channels", (void *const *)m->channels, m->channel_count, counts);
  free(counts);
  return o;
}

/* Adds the feels and entries of mo in the view to a mean and the pain and
 * opportunity counts. */
static void count_moment(const view *v, const cjm_moment *mo, cjm_mean *feel, size_t *pains, size_t *opportunities) {
  for (size_t i = 0; i < mo->feel_count; i++)
    if (in_view(v, &mo->feels[i].speakers)) {
      feel->sum += mo->feels[i].score;
      feel->count++;
    }
  for (size_t i = 0; i < mo->entry_count; i++) {
    const cjm_lane_entry *e = &mo->entries[i];
    if (!in_view(v, &e->speakers) || !e->lane->builtin) continue;
    *pains += strcmp(e->lane->decl.id, "pain") == 0;
    *opportunities += strcmp(e->lane->decl.id, "opportunity") == 0;
  }
}

static json_t *analysis_json(const view *v) {
  const cjm_model *m = v->model;
  const cjm_analysis *an = v->analysis;
  const cjm_persona *only = v->persona;
  json_t *o = json_object();
  set(o, "feel", mean_json(only ? &an->personas[only->decl.index].feel : &an->overall));

  json_t *stages = json_array();
  for (size_t s = 0; s < m->stage_count; s++) {
    cjm_stage_analysis sa = an->stages[s];
    if (only) { /* the persona's feels, pains and opportunities in the stage */
      sa = (cjm_stage_analysis){.feel = *cjm_analysis_stage_persona(an, s, only->decl.index)};
      cjm_mean unused = {0};
      count_moment(v, &m->stages[s]->moment, &unused, &sa.pain_count, &sa.opportunity_count);
      for (size_t k = 0; k < m->stages[s]->step_count; k++)
        if (cjm_step_shown_for(m->stages[s]->steps[k], only))
          count_moment(v, &m->stages[s]->steps[k]->moment, &unused, &sa.pain_count, &sa.opportunity_count);
    }
    json_t *e = json_object();
    set(e, "stage", str(m->stages[s]->decl.id));
    set(e, "feel", mean_json(&sa.feel));
    json_t *by_persona = json_array();
    for (size_t p = 0; p < m->persona_count; p++) {
      if (only && m->personas[p] != only) continue;
      json_t *pe = json_object();
      set(pe, "persona", str(m->personas[p]->decl.id));
      set(pe, "feel", mean_json(cjm_analysis_stage_persona(an, s, p)));
      json_array_append_new(by_persona, pe);
    }
    set(e, "personas", by_persona);
    set(e, "pains", json_integer((json_int_t)sa.pain_count));
    set(e, "opportunities", json_integer((json_int_t)sa.opportunity_count));
    set(e, "pain_without_opportunity", json_boolean(cjm_stage_pain_without_opportunity(&sa)));
    json_array_append_new(stages, e);
  }
  set(o, "stages", stages);

  json_t *steps = json_array();
  for (size_t i = 0; i < m->step_count; i++) {
    if (!cjm_step_shown_for(m->steps[i], only)) continue;
    cjm_mean feel = an->step_feel[i];
    if (only) {
      size_t pains = 0, opportunities = 0;
      feel = (cjm_mean){0};
      count_moment(v, &m->steps[i]->moment, &feel, &pains, &opportunities);
    }
    json_t *e = json_object();
    set(e, "step", str(m->steps[i]->decl.id));
    set(e, "feel", mean_json(&feel));
    json_array_append_new(steps, e);
  }
  set(o, "steps", steps);

  json_t *personas = json_array();
  for (size_t p = 0; p < m->persona_count; p++) {
    if (only && m->personas[p] != only) continue;
    const cjm_persona_analysis *pa = &an->personas[p];
    json_t *e = json_object();
    set(e, "persona", str(m->personas[p]->decl.id));
    set(e, "feel", mean_json(&pa->feel));
    set(e, "lowest", moment_ref_json(&pa->lowest));
    set(e, "highest", moment_ref_json(&pa->highest));
    json_array_append_new(personas, e);
  }
  set(o, "personas", personas);
  set(o, "metrics", analysis_metrics_json(v));
  set(o, "coverage", coverage_json(v));
  set(o, "channels", channels_json(v));
  return o;
}

/* ---- documents -------------------------------------------------------------------- */

json_t *cjm_json_model_for(const cjm_model *model, const cjm_analysis *analysis, const cjm_persona *persona) {
  view v = {model, analysis, persona};
  json_t *doc = json_object();
  set(doc, "version", json_integer(CJM_JSON_VERSION));
  set(doc, "journey", journey_json(&model->journey));
  set(doc, "personas", array_of((void *const *)model->personas, model->persona_count, persona_json));
  set(doc, "channels", array_of((void *const *)model->channels, model->channel_count, channel_json));
  set(doc, "lanes", array_of((void *const *)model->lanes, model->lane_count, lane_json));
  set(doc, "metrics", array_of((void *const *)model->metrics, model->metric_count, metric_json));
  set(doc, "stages", stages_json(&v));
  set(doc, "analysis", analysis_json(&v));
  return doc;
}

json_t *cjm_json_model(const cjm_model *model, const cjm_analysis *analysis) {
  return cjm_json_model_for(model, analysis, NULL);
}

json_t *cjm_json_stats(const cjm_model *model, const cjm_analysis *analysis) {
  view v = {model, analysis, NULL};
  json_t *doc = json_object();
  set(doc, "version", json_integer(CJM_JSON_VERSION));
  json_t *journey = json_object();
  set(journey, "title", str(model->journey.title));
  set(journey, "scale", scale_json(&model->journey));
  set(doc, "journey", journey);
  set(doc, "analysis", analysis_json(&v));
  return doc;
}
