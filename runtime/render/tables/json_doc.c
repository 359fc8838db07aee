/* json_doc — see json_doc.h. Each function writes one value of the
 * document, in document order, to the stream of its view. */
#include "runtime/render/tables/json_doc.h"

#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "runtime/base/json_stream.h"
#include "runtime/core/present.h"

/* ---- members ---------------------------------------------------------------------- */

/* "key": value, for each kind of value. A NULL string is null. */
static void key_str(cjm_jstream *js, const char *key, const char *s) {
  cjm_jstream_key(js, key);
  cjm_jstream_string(js, s);
}

static void key_num(cjm_jstream *js, const char *key, double v) {
  cjm_jstream_key(js, key);
  cjm_jstream_number(js, v);
}

static void key_int(cjm_jstream *js, const char *key, long long v) {
  cjm_jstream_key(js, key);
  cjm_jstream_integer(js, v);
}

static void key_bool(cjm_jstream *js, const char *key, bool v) {
  cjm_jstream_key(js, key);
  cjm_jstream_bool(js, v);
}

static void key_null(cjm_jstream *js, const char *key) {
  cjm_jstream_key(js, key);
  cjm_jstream_null(js);
}

/* The name of a location's file: as the user gave it, or `<stdlib>/NAME`
 * for the standard library, wherever cjm is installed, so that the same
 * journey gives the same bytes on every machine. */
static void file_json(cjm_jstream *js, const cjm_source *source) {
  if (!source->from_stdlib) {
    cjm_jstream_string(js, source->path);
    return;
  }
  const char *slash = strrchr(source->path, '/');
  cjm_jstream_string2(js, "<stdlib>/", slash ? slash + 1 : source->path);
}

/* {"file", "line", "col", "end_line", "end_col"}, or null for no position. */
static void loc_json(cjm_jstream *js, const cjm_loc *loc) {
  if (!loc->source) {
    cjm_jstream_null(js);
    return;
  }
  cjm_jstream_begin_object(js);
  cjm_jstream_key(js, "file");
  file_json(js, loc->source);
  key_int(js, "line", (long long)loc->line);
  key_int(js, "col", (long long)loc->col);
  key_int(js, "end_line", (long long)loc->end_line);
  key_int(js, "end_col", (long long)loc->end_col);
  cjm_jstream_end_object(js);
}

static void key_loc(cjm_jstream *js, const char *key, const cjm_loc *loc) {
  cjm_jstream_key(js, key);
  loc_json(js, loc);
}

static void attrs_json(cjm_jstream *js, const cjm_attr *attrs, size_t count) {
  cjm_jstream_key(js, "attributes");
  cjm_jstream_begin_array(js);
  for (size_t i = 0; i < count; i++) {
    cjm_jstream_begin_object(js);
    key_str(js, "key", attrs[i].key);
    key_str(js, "value", attrs[i].value);
    key_loc(js, "loc", &attrs[i].loc);
    cjm_jstream_end_object(js);
  }
  cjm_jstream_end_array(js);
}

/* Opens a declaration's object with the fields every declaration has. */
static void begin_decl(cjm_jstream *js, const cjm_decl *d) {
  cjm_jstream_begin_object(js);
  key_str(js, "id", d->id);
  key_str(js, "label", d->label);
  key_loc(js, "loc", &d->loc);
  key_bool(js, "from_stdlib", d->from_stdlib);
}

/* "key": the identifiers of declarations (personas, channels, stages,
 * steps), pointers to model objects that start with their cjm_decl. */
static void key_ids(cjm_jstream *js, const char *key, void *const *decls, size_t count) {
  cjm_jstream_key(js, key);
  cjm_jstream_begin_array(js);
  for (size_t i = 0; i < count; i++) cjm_jstream_string(js, ((const cjm_decl *)decls[i])->id);
  cjm_jstream_end_array(js);
}

/* ---- the model -------------------------------------------------------------------- */

/* "speakers_from": where the personas a feel or entry speaks for are
 * listed, never the list itself (a stage's `by` of thousands of personas
 * is inherited by each of its steps' entries); "for": the persona of
 * `for`, or null. */
static void speakers_json(cjm_jstream *js, const cjm_speakers *s) {
  static const char *const from[] = {
      [CJM_SPEAKERS_FOR] = "for",
      [CJM_SPEAKERS_STEP_BY] = "step",
      [CJM_SPEAKERS_STAGE_BY] = "stage",
      [CJM_SPEAKERS_EVERYONE] = "everyone",
  };
  key_str(js, "speakers_from", from[s->source]);
  key_str(js, "for", s->source == CJM_SPEAKERS_FOR ? s->items[0]->decl.id : NULL);
}

static void measures_json(cjm_jstream *js, const cjm_measure *measures, size_t count) {
  cjm_jstream_key(js, "measures");
  cjm_jstream_begin_array(js);
  for (size_t i = 0; i < count; i++) {
    const cjm_measure *m = &measures[i];
    cjm_jstream_begin_object(js);
    key_str(js, "metric", m->metric->decl.id);
    key_num(js, "value", m->value);
    key_bool(js, "percent", m->percent);
    key_loc(js, "loc", m->loc);
    cjm_jstream_end_object(js);
  }
  cjm_jstream_end_array(js);
}

/* What a document shows: every persona's journey, or one persona's
 * (--persona): its steps, the feels and entries that speak for it, and the
 * analysis read for it. */
typedef struct view {
  const cjm_model *model;
  const cjm_analysis *analysis;
  const cjm_persona *persona;  /* NULL for every persona */
  cjm_jstream *js;             /* where the document goes */
  cjm_stage_channel *hidden;   /* with a persona: the channel uses of the steps it does
                                  not take part in, per stage, in channel order */
  size_t *hidden_first;        /* [stage_count + 1] where each stage's start in hidden */
} view;

/* Whether a feel or an entry with these speakers is in the view. */
static bool in_view(const view *v, const cjm_speakers *s) {
  return !v->persona || cjm_speaks_for(s, v->persona);
}

/* Writes what a stage or a step records, as members of its object. */
static void moment_json(const cjm_moment *mo, const view *v) {
  cjm_jstream *js = v->js;
  key_ids(js, "by", (void *const *)mo->by, mo->by_count);
  key_ids(js, "via", (void *const *)mo->via, mo->via_count);
  cjm_jstream_key(js, "feels");
  cjm_jstream_begin_array(js);
  for (size_t i = 0; i < mo->feel_count; i++) {
    const cjm_feel *f = &mo->feels[i];
    if (!in_view(v, &f->speakers)) continue;
    cjm_jstream_begin_object(js);
    key_num(js, "score", f->score);
    key_str(js, "word", f->word);
    speakers_json(js, &f->speakers);
    key_loc(js, "loc", f->loc);
    cjm_jstream_end_object(js);
  }
  cjm_jstream_end_array(js);
  cjm_jstream_key(js, "entries");
  cjm_jstream_begin_array(js);
  for (size_t i = 0; i < mo->entry_count; i++) {
    const cjm_lane_entry *le = &mo->entries[i];
    if (!in_view(v, &le->speakers)) continue;
    cjm_jstream_begin_object(js);
    key_str(js, "lane", le->lane->decl.id);
    key_str(js, "text", le->text);
    speakers_json(js, &le->speakers);
    key_loc(js, "loc", le->loc);
    cjm_jstream_end_object(js);
  }
  cjm_jstream_end_array(js);
  measures_json(js, mo->measures, mo->measure_count);
}

/* "scale": {"min", "max"}. */
static void scale_json(cjm_jstream *js, const cjm_journey *j) {
  cjm_jstream_key(js, "scale");
  cjm_jstream_begin_object(js);
  key_num(js, "min", j->scale_min);
  key_num(js, "max", j->scale_max);
  cjm_jstream_end_object(js);
}

static void journey_json(cjm_jstream *js, const cjm_journey *j) {
  cjm_jstream_key(js, "journey");
  cjm_jstream_begin_object(js);
  key_str(js, "title", j->title);
  key_bool(js, "declared", j->declared);
  key_loc(js, "loc", &j->loc);
  key_str(js, "status", cjm_status_word(j->status));
  scale_json(js, j);
  attrs_json(js, j->attrs, j->attr_count);
  measures_json(js, j->measures, j->measure_count);
  cjm_jstream_end_object(js);
}

/* "key": an array of declarations, pointers to model objects that start
 * with their cjm_decl: the fields every declaration has, then those that
 * fields() writes for its kind. */
static void decls_json(cjm_jstream *js, const char *key, void *const *items, size_t count,
                       void (*fields)(cjm_jstream *js, const void *item)) {
  cjm_jstream_key(js, key);
  cjm_jstream_begin_array(js);
  for (size_t i = 0; i < count; i++) {
    begin_decl(js, items[i]);
    fields(js, items[i]);
    cjm_jstream_end_object(js);
  }
  cjm_jstream_end_array(js);
}

static void persona_fields(cjm_jstream *js, const void *item) {
  const cjm_persona *p = item;
  key_str(js, "kind", cjm_persona_kind_word(p->kind));
  attrs_json(js, p->attrs, p->attr_count);
}

static void channel_fields(cjm_jstream *js, const void *item) {
  const cjm_channel *c = item;
  attrs_json(js, c->attrs, c->attr_count);
}

static void lane_fields(cjm_jstream *js, const void *item) {
  key_bool(js, "builtin", ((const cjm_lane *)item)->builtin);
}

static void metric_fields(cjm_jstream *js, const void *item) {
  const cjm_metric *mt = item;
  key_str(js, "unit", mt->unit);
  if (mt->has_target) key_num(js, "target", mt->target);
  else key_null(js, "target");
  key_str(js, "better", cjm_better_word(mt->better));
  attrs_json(js, mt->attrs, mt->attr_count);
}

static void declarations_json(cjm_jstream *js, const cjm_model *m) {
  decls_json(js, "personas", (void *const *)m->personas, m->persona_count, persona_fields);
  decls_json(js, "channels", (void *const *)m->channels, m->channel_count, channel_fields);
  decls_json(js, "lanes", (void *const *)m->lanes, m->lane_count, lane_fields);
  decls_json(js, "metrics", (void *const *)m->metrics, m->metric_count, metric_fields);
}

static void step_json(const cjm_step *s, const view *v) {
  cjm_jstream *js = v->js;
  begin_decl(js, &s->decl);
  moment_json(&s->moment, v);
  if (s->has_next) key_ids(js, "next", (void *const *)s->next, s->next_count);
  else key_null(js, "next");
  key_ids(js, "successors", (void *const *)s->successors, s->successor_count);
  cjm_jstream_end_object(js);
}

static void stages_json(const view *v) {
  cjm_jstream *js = v->js;
  cjm_jstream_key(js, "stages");
  cjm_jstream_begin_array(js);
  for (size_t s = 0; s < v->model->stage_count; s++) {
    const cjm_stage *st = v->model->stages[s];
    begin_decl(js, &st->decl);
    moment_json(&st->moment, v);
    cjm_jstream_key(js, "steps");
    cjm_jstream_begin_array(js);
    for (size_t i = 0; i < st->step_count; i++)
      if (cjm_step_shown_for(st->steps[i], v->persona)) step_json(st->steps[i], v);
    cjm_jstream_end_array(js);
    cjm_jstream_end_object(js);
  }
  cjm_jstream_end_array(js);
}

/* ---- the analysis ----------------------------------------------------------------- */

/* "key": {"mean": number or null, "count"}. */
static void key_mean(cjm_jstream *js, const char *key, const cjm_mean *mean) {
  cjm_jstream_key(js, key);
  cjm_jstream_begin_object(js);
  if (mean->count) key_num(js, "mean", cjm_mean_value(mean));
  else key_null(js, "mean");
  key_int(js, "count", (long long)mean->count);
  cjm_jstream_end_object(js);
}

/* "key": a moment of truth, or null when the persona has no feel. */
static void key_moment_ref(cjm_jstream *js, const char *key, const cjm_moment_ref *ref) {
  cjm_jstream_key(js, key);
  if (!ref->feel) {
    cjm_jstream_null(js);
    return;
  }
  cjm_jstream_begin_object(js);
  key_num(js, "score", ref->feel->score);
  key_str(js, "word", ref->feel->word);
  key_str(js, "stage", ref->stage->decl.id);
  key_str(js, "step", ref->step ? ref->step->decl.id : NULL);
  key_loc(js, "loc", ref->feel->loc);
  cjm_jstream_end_object(js);
}

static const char *result_name(cjm_target_result r) {
  return r == CJM_TARGET_MET ? "met" : r == CJM_TARGET_MISSED ? "missed" : "unknown";
}

static void analysis_metrics_json(const view *v) {
  cjm_jstream *js = v->js;
  const cjm_analysis *an = v->analysis;
  cjm_jstream_key(js, "metrics");
  cjm_jstream_begin_array(js);
  for (size_t i = 0; i < an->model->metric_count; i++) {
    const cjm_metric_analysis *ma = &an->metrics[i];
    cjm_jstream_begin_object(js);
    key_str(js, "metric", ma->metric->decl.id);
    cjm_jstream_key(js, "observations");
    cjm_jstream_begin_array(js);
    for (size_t k = 0; k < ma->observation_count; k++) {
      const cjm_observation *ob = &ma->observations[k];
      if (ob->step && !cjm_step_shown_for(ob->step, v->persona)) continue;
      cjm_jstream_begin_object(js);
      key_num(js, "value", ob->measure->value);
      key_bool(js, "percent", ob->measure->percent);
      key_str(js, "stage", ob->stage ? ob->stage->decl.id : NULL);
      key_str(js, "step", ob->step ? ob->step->decl.id : NULL);
      key_str(js, "result", result_name(ob->result));
      key_loc(js, "loc", ob->measure->loc);
      cjm_jstream_end_object(js);
    }
    cjm_jstream_end_array(js);
    cjm_jstream_end_object(js);
  }
  cjm_jstream_end_array(js);
}

static int by_channel(const void *x, const void *y) {
  size_t p = ((const cjm_stage_channel *)x)->channel, q = ((const cjm_stage_channel *)y)->channel;
  return (p > q) - (p < q);
}

/* Collects, for a persona's view, the channels of the steps it does not
 * take part in, counted per stage and channel: what channel_at takes off
 * the analysis' counts, found by binary search rather than by walking a
 * stage's steps for each channel. */
static void hide_steps(view *v) {
  const cjm_model *m = v->model;
  size_t count = 0, capacity = 16;
  v->hidden = cjm_xmalloc(capacity * sizeof *v->hidden);
  v->hidden_first = cjm_xcalloc(m->stage_count + 1, sizeof *v->hidden_first);
  for (size_t s = 0; s < m->stage_count; s++) {
    const cjm_stage *stage = m->stages[s];
    size_t first = count;
    for (size_t k = 0; k < stage->step_count; k++) {
      const cjm_moment *mo = &stage->steps[k]->moment;
      if (cjm_step_shown_for(stage->steps[k], v->persona)) continue;
      for (size_t i = 0; i < mo->via_count; i++) {
        if (count == capacity) v->hidden = cjm_xrealloc(v->hidden, (capacity *= 2) * sizeof *v->hidden);
        v->hidden[count++] = (cjm_stage_channel){mo->via[i]->decl.index, 1};
      }
    }
    qsort(v->hidden + first, count - first, sizeof *v->hidden, by_channel);
    size_t kept = first; /* one row a channel, with its count */
    for (size_t i = first; i < count; i++) {
      if (kept > first && v->hidden[kept - 1].channel == v->hidden[i].channel) v->hidden[kept - 1].count++;
      else v->hidden[kept++] = v->hidden[i];
    }
    count = kept;
    v->hidden_first[s + 1] = count;
  }
}

/* How many moments of a stage use a channel, counting the stage and the
 * steps in the view. */
static size_t channel_at(const view *v, size_t channel, size_t s) {
  size_t n = cjm_analysis_channel_use(v->analysis, channel, s);
  if (!n || !v->persona) return n;
  size_t lo = v->hidden_first[s], hi = v->hidden_first[s + 1];
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (v->hidden[mid].channel < channel) lo = mid + 1;
    else hi = mid;
  }
  return lo < v->hidden_first[s + 1] && v->hidden[lo].channel == channel ? n - v->hidden[lo].count : n;
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

/* {"feel", "mentions"}: what a stage says of one persona, or of everyone. */
static void key_persona_part(cjm_jstream *js, const cjm_stage_persona *part) {
  key_mean(js, "feel", &part->feel);
  key_int(js, "mentions", (long long)part->coverage);
}

/* {"persona", "feel", "mentions"}: a persona's row of a stage (NULL: one
 * the stage does not name) with the stage's everyone part added. */
static void stage_persona_json(const view *v, size_t s, const cjm_stage_persona *row, size_t persona) {
  cjm_stage_persona total = cjm_stage_persona_total(&v->analysis->stages[s], row, persona);
  cjm_jstream_begin_object(v->js);
  key_str(v->js, "persona", v->model->personas[persona]->decl.id);
  key_persona_part(v->js, &total);
  cjm_jstream_end_object(v->js);
}

/* "personas" of a stage: those it names, or in a persona's view that
 * persona, named or not. */
static void stage_personas_json(const view *v, size_t s) {
  const cjm_analysis *an = v->analysis;
  cjm_jstream_key(v->js, "personas");
  cjm_jstream_begin_array(v->js);
  if (v->persona) {
    size_t p = v->persona->decl.index;
    stage_persona_json(v, s, cjm_analysis_stage_row(an, s, p), p);
  } else {
    const cjm_stage_persona *rows = cjm_analysis_stage_personas(an, s);
    for (size_t i = 0; i < an->stages[s].persona_count; i++) stage_persona_json(v, s, &rows[i], rows[i].persona);
  }
  cjm_jstream_end_array(v->js);
}

/* "channels" of a stage: each channel it uses, with how many of its
 * moments (the stage itself and the steps in the view) do. */
static void stage_channels_json(const view *v, size_t s) {
  cjm_jstream *js = v->js;
  const cjm_stage_analysis *sa = &v->analysis->stages[s];
  const cjm_stage_channel *rows = v->analysis->stage_channels + sa->channel_first;
  cjm_jstream_key(js, "channels");
  cjm_jstream_begin_array(js);
  for (size_t i = 0; i < sa->channel_count; i++) {
    size_t n = channel_at(v, rows[i].channel, s);
    if (!n) continue;
    cjm_jstream_begin_object(js);
    key_str(js, "channel", v->model->channels[rows[i].channel]->decl.id);
    key_int(js, "moments", (long long)n);
    cjm_jstream_end_object(js);
  }
  cjm_jstream_end_array(js);
}

/* "stages" of the analysis: each stage's feel, what it says of every
 * persona and of the personas it names, its pains and opportunities and
 * the channels it uses. Sparse, as the analysis: the document is linear in
 * the journey however many personas meet however many stages. */
static void analysis_stages_json(const view *v) {
  cjm_jstream *js = v->js;
  const cjm_model *m = v->model;
  const cjm_analysis *an = v->analysis;
  const cjm_persona *only = v->persona;
  cjm_jstream_key(js, "stages");
  cjm_jstream_begin_array(js);
  for (size_t s = 0; s < m->stage_count; s++) {
    cjm_stage_analysis sa = an->stages[s];
    if (only) { /* the persona's feels, pains and opportunities in the stage */
      sa = (cjm_stage_analysis){.feel = cjm_analysis_stage_persona(an, s, only->decl.index)};
      cjm_mean unused = {0};
      count_moment(v, &m->stages[s]->moment, &unused, &sa.pain_count, &sa.opportunity_count);
      for (size_t k = 0; k < m->stages[s]->step_count; k++)
        if (cjm_step_shown_for(m->stages[s]->steps[k], only))
          count_moment(v, &m->stages[s]->steps[k]->moment, &unused, &sa.pain_count, &sa.opportunity_count);
    }
    cjm_jstream_begin_object(js);
    key_str(js, "stage", m->stages[s]->decl.id);
    key_mean(js, "feel", &sa.feel);
    cjm_jstream_key(js, "everyone");
    cjm_jstream_begin_object(js);
    cjm_stage_persona everyone = {.coverage = (uint32_t)an->stages[s].everyone_coverage,
                                  .feel = an->stages[s].everyone_feel};
    key_persona_part(js, &everyone);
    cjm_jstream_end_object(js);
    stage_personas_json(v, s);
    key_int(js, "pains", (long long)sa.pain_count);
    key_int(js, "opportunities", (long long)sa.opportunity_count);
    key_bool(js, "pain_without_opportunity", cjm_stage_pain_without_opportunity(&sa));
    stage_channels_json(v, s);
    cjm_jstream_end_object(js);
  }
  cjm_jstream_end_array(js);
}

static void analysis_json(const view *v) {
  cjm_jstream *js = v->js;
  const cjm_model *m = v->model;
  const cjm_analysis *an = v->analysis;
  const cjm_persona *only = v->persona;
  cjm_jstream_key(js, "analysis");
  cjm_jstream_begin_object(js);
  key_mean(js, "feel", only ? &an->personas[only->decl.index].feel : &an->overall);
  view hiding = *v; /* with a persona, the channels of its steps only */
  if (only) hide_steps(&hiding);
  analysis_stages_json(&hiding);
  free(hiding.hidden);
  free(hiding.hidden_first);

  cjm_jstream_key(js, "steps");
  cjm_jstream_begin_array(js);
  for (size_t i = 0; i < m->step_count; i++) {
    if (!cjm_step_shown_for(m->steps[i], only)) continue;
    cjm_mean feel = an->step_feel[i];
    if (only) {
      size_t pains = 0, opportunities = 0;
      feel = (cjm_mean){0};
      count_moment(v, &m->steps[i]->moment, &feel, &pains, &opportunities);
    }
    cjm_jstream_begin_object(js);
    key_str(js, "step", m->steps[i]->decl.id);
    key_mean(js, "feel", &feel);
    cjm_jstream_end_object(js);
  }
  cjm_jstream_end_array(js);

  cjm_jstream_key(js, "personas");
  cjm_jstream_begin_array(js);
  for (size_t p = 0; p < m->persona_count; p++) {
    if (only && m->personas[p] != only) continue;
    const cjm_persona_analysis *pa = &an->personas[p];
    cjm_jstream_begin_object(js);
    key_str(js, "persona", m->personas[p]->decl.id);
    key_mean(js, "feel", &pa->feel);
    key_moment_ref(js, "lowest", &pa->lowest);
    key_moment_ref(js, "highest", &pa->highest);
    cjm_jstream_end_object(js);
  }
  cjm_jstream_end_array(js);
  analysis_metrics_json(v);
  cjm_jstream_end_object(js);
}

/* ---- documents -------------------------------------------------------------------- */

void cjm_json_write_model(cjm_strbuf *out, const cjm_model *model, const cjm_analysis *analysis,
                          const cjm_persona *persona) {
  cjm_jstream js;
  cjm_jstream_init(&js, out);
  view v = {.model = model, .analysis = analysis, .persona = persona, .js = &js};
  cjm_jstream_begin_object(&js);
  key_int(&js, "version", CJM_JSON_VERSION);
  journey_json(&js, &model->journey);
  declarations_json(&js, model);
  stages_json(&v);
  analysis_json(&v);
  cjm_jstream_end_object(&js);
  cjm_jstream_finish(&js);
}

void cjm_json_write_stats(cjm_strbuf *out, const cjm_model *model, const cjm_analysis *analysis) {
  cjm_jstream js;
  cjm_jstream_init(&js, out);
  view v = {.model = model, .analysis = analysis, .js = &js};
  cjm_jstream_begin_object(&js);
  key_int(&js, "version", CJM_JSON_VERSION);
  cjm_jstream_key(&js, "journey");
  cjm_jstream_begin_object(&js);
  key_str(&js, "title", model->journey.title);
  scale_json(&js, &model->journey);
  cjm_jstream_end_object(&js);
  analysis_json(&v);
  cjm_jstream_end_object(&js);
  cjm_jstream_finish(&js);
}

json_t *cjm_json_model(const cjm_model *model, const cjm_analysis *analysis) {
  cjm_strbuf text = {0};
  cjm_json_write_model(&text, model, analysis, NULL);
  json_t *doc = json_loadb(text.data, text.len, 0, NULL);
  cjm_strbuf_free(&text);
  return doc;
}
