/* diff_json — a diff as a JSON document (see diff_output.h):
 *
 *   {"old", "new", "identical",
 *    "counts": {"added", "removed", "changed", "moved"},   a thing moved and changed in both
 *    "journey": null | THING,
 *    "declarations": [THING...],           personas, channels, lanes, metrics
 *    "stages": [THING + {"steps": [THING...]}...],
 *    "experience": {"personas": [ID...],
 *                   "rows": [{"stage": ID | null, "label",
 *                             "all": MEAN, "personas": {ID: MEAN}}...]}}
 *   THING  = {"kind", "id", "change": "added" | "removed" | "changed" | "moved" | "same",
 *             "label": {"old", "new"}, "moved": {"after" | "from_stage"}, "details": [DETAIL...]}
 *   DETAIL = {"what", "change": "added" | "removed" | "changed", the subject ("key",
 *             "persona", "lane", "metric", "id"), "old", "new", and "shift" for a feel,
 *             "target" for a measure}
 *   MEAN   = {"old": number | null, "new": number | null}
 * When the scale changed, a feel's "shift" and the old means are on the
 * new scale (diff.h); a feel's "old" score is as its journey wrote it.
 * Keys come in the order written here; absent sides are null. */
#include <jansson.h>

#include "runtime/review/diff_output.h"
#include "runtime/base/json_write.h"

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

static const char *op_word(cjm_diff_op op) {
  static const char *const words[] = {"same", "added", "removed", "changed"};
  return words[op];
}

static const char *result_word(cjm_target_result r) {
  return r == CJM_TARGET_MET ? "met" : r == CJM_TARGET_MISSED ? "missed" : NULL;
}

/* One side of a detail, or null. */
static json_t *side(const cjm_diff_detail *d, const cjm_diff_value *v) {
  if (!v->has) return json_null();
  switch (d->kind) {
  case CJM_DETAIL_SCALE:
    return json_pack("[f, f]", v->num, v->num2);
  case CJM_DETAIL_TARGET:
    return json_real(v->num);
  case CJM_DETAIL_FEEL:
    return json_pack("{s:f, s:o}", "score", v->num, "word", str_or_null(v->text));
  case CJM_DETAIL_MEASURE:
    return json_pack("{s:f, s:b, s:o}", "value", v->num, "percent", v->percent, "target",
                     str_or_null(result_word(v->result)));
  case CJM_DETAIL_BY:
  case CJM_DETAIL_VIA:
  case CJM_DETAIL_NEXT:
    return json_true();
  default:
    return str_or_null(v->text);
  }
}

static json_t *detail(const cjm_diff_detail *d) {
  static const char *const what[] = {
      [CJM_DETAIL_TITLE] = "title",   [CJM_DETAIL_STATUS] = "status",   [CJM_DETAIL_SCALE] = "scale",
      [CJM_DETAIL_KIND] = "kind",     [CJM_DETAIL_UNIT] = "unit",       [CJM_DETAIL_TARGET] = "target",
      [CJM_DETAIL_BETTER] = "better", [CJM_DETAIL_ATTR] = "attribute",  [CJM_DETAIL_BY] = "by",
      [CJM_DETAIL_VIA] = "via",       [CJM_DETAIL_NEXT] = "next",       [CJM_DETAIL_LANE] = "lane",
      [CJM_DETAIL_FEEL] = "feel",     [CJM_DETAIL_MEASURE] = "measure",
  };
  json_t *o = json_pack("{s:s, s:s}", "what", what[d->kind], "change", op_word(d->op));
  switch (d->kind) {
  case CJM_DETAIL_ATTR: json_object_set_new(o, "key", json_string(d->key)); break;
  case CJM_DETAIL_BY: json_object_set_new(o, "persona", json_string(d->key)); break;
  case CJM_DETAIL_VIA: json_object_set_new(o, "channel", json_string(d->key)); break;
  case CJM_DETAIL_NEXT: json_object_set_new(o, "step", json_string(d->key)); break;
  case CJM_DETAIL_FEEL: json_object_set_new(o, "persona", json_string(d->key)); break;
  case CJM_DETAIL_MEASURE: json_object_set_new(o, "metric", json_string(d->key)); break;
  case CJM_DETAIL_LANE:
    json_object_set_new(o, "lane", json_string(d->key));
    json_object_set_new(o, "for", str_or_null(d->persona));
    break;
  default: break;
  }
  if (d->kind != CJM_DETAIL_BY && d->kind != CJM_DETAIL_VIA && d->kind != CJM_DETAIL_NEXT) {
    json_object_set_new(o, "old", side(d, &d->old));
    json_object_set_new(o, "new", side(d, &d->new));
  }
  if (d->kind == CJM_DETAIL_FEEL && d->old.has && d->new.has)
    json_object_set_new(o, "shift", json_real(d->shift));
  if (d->kind == CJM_DETAIL_MEASURE)
    json_object_set_new(o, "target", d->has_target ? json_real(d->target) : json_null());
  return o;
}

static json_t *thing(const cjm_diff_entity *e) {
  const char *change = e->op == CJM_DIFF_CHANGED && !cjm_diff_entity_changed(e) && e->moved ? "moved" : op_word(e->op);
  json_t *o = json_pack("{s:s, s:o, s:s}", "kind", cjm_diff_kind_word(e->kind), "id", str_or_null(e->id), "change",
                        change);
  json_object_set_new(o, "label", json_pack("{s:o, s:o}", "old", str_or_null(e->old_label), "new",
                                            str_or_null(e->new_label)));
  json_t *moved = json_null();
  if (e->moved && e->old_stage) moved = json_pack("{s:s}", "from_stage", e->old_stage);
  else if (e->moved) moved = json_pack("{s:o}", "after", str_or_null(e->after));
  json_object_set_new(o, "moved", moved);
  json_t *details = json_array();
  for (size_t i = 0; i < e->detail_count; i++) json_array_append_new(details, detail(&e->details[i]));
  json_object_set_new(o, "details", details);
  return o;
}

static json_t *mean(const cjm_diff_mean *m) {
  return json_pack("{s:o, s:o}", "old", m->old_has ? json_real(m->old_value) : json_null(), "new",
                   m->new_has ? json_real(m->new_value) : json_null());
}

static json_t *experience(const cjm_diff *diff) {
  json_t *personas = json_array();
  for (size_t p = 0; p < diff->persona_count; p++) json_array_append_new(personas, json_string(diff->personas[p]));
  json_t *rows = json_array();
  for (size_t r = 0; r < diff->row_count; r++) {
    const cjm_diff_feel_row *row = &diff->rows[r];
    json_t *o = json_pack("{s:o, s:o}", "stage", str_or_null(row->stage), "label", str_or_null(row->label));
    json_object_set_new(o, "all", diff->personas_only ? json_null() : mean(&row->all));
    json_t *cells = json_object();
    for (size_t p = 0; p < diff->persona_count; p++)
      json_object_set_new(cells, diff->personas[p], mean(&row->personas[p]));
    json_object_set_new(o, "personas", cells);
    json_array_append_new(rows, o);
  }
  return json_pack("{s:o, s:o}", "personas", personas, "rows", rows);
}

bool cjm_diff_write_json(const cjm_diff *diff, cjm_strbuf *out) {
  json_t *doc = json_pack("{s:o, s:o, s:b}", "old", str_or_null(diff->old_name), "new",
                          str_or_null(diff->new_name), "identical", cjm_diff_identical(diff));
  cjm_diff_counts c = cjm_diff_count(diff);
  json_object_set_new(doc, "counts", json_pack("{s:I, s:I, s:I, s:I}", "added", (json_int_t)c.added, "removed",
                                               (json_int_t)c.removed, "changed", (json_int_t)c.changed, "moved",
                                               (json_int_t)c.moved));
  json_object_set_new(doc, "journey", diff->journey ? thing(diff->journey) : json_null());
  json_t *decls = json_array();
  for (size_t i = 0; i < diff->thing_count; i++) json_array_append_new(decls, thing(diff->things[i]));
  json_object_set_new(doc, "declarations", decls);
  json_t *stages = json_array();
  for (size_t i = 0; i < diff->stage_count; i++) {
    const cjm_diff_stage *st = &diff->stages[i];
    json_t *o = thing(st->entity);
    json_t *steps = json_array();
    for (size_t k = 0; k < st->step_count; k++) json_array_append_new(steps, thing(st->steps[k]));
    json_object_set_new(o, "steps", steps);
    json_array_append_new(stages, o);
  }
  json_object_set_new(doc, "stages", stages);
  json_object_set_new(doc, "experience", experience(diff));
  bool ok = cjm_json_write(doc, out);
  json_decref(doc);
  return ok;
}
