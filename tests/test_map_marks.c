/* Unit tests for map_marks.c and the marked map layout (`cjm diff -T
 * svg`) on pairs of in-memory journeys: no mark when nothing changed;
 * removed steps and stages back at their places, added ones marked;
 * lane entries, `by`, `via` and measures added, changed and removed,
 * with the rows of removed lanes and the colours of the new journey's
 * personas; feels changed or removed as earlier feels on the curve, a
 * removed step being no gap in it, and on the new scale when the scale
 * changed; persona cards, the header and
 * journey-level measures; --persona; and a large diff laid out whole.
 * How their time grows is bench/scaling.sh's. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/review/diff.h"
#include "runtime/render/graphviz/map_layout.h"
#include "runtime/review/map_marks.h"
#include "runtime/base/strbuf.h"
#include "tests/journey.h"
#include "tests/map_items.h"

/* Two journeys, their diff, its marks and the marked layout of the new one. */
typedef struct pair {
  journey *old, *new;
  cjm_diff *diff;
  cjm_map_marks *marks;
  cjm_map_layout *L;
} pair;

static pair *compare(const char *old_text, const char *new_text, const char *persona) {
  pair *p = calloc(1, sizeof *p);
  assert_non_null(p);
  p->old = journey_from_text(old_text, &(journey_options){.name = "old.cjm"});
  p->new = journey_from_text(new_text, &(journey_options){.name = "new.cjm"});
  cjm_diff_side o = {"old.cjm", p->old->model, p->old->analysis, p->old->program->names};
  cjm_diff_side n = {"new.cjm", p->new->model, p->new->analysis, p->new->program->names};
  cjm_diff_options options = {.persona = persona};
  p->diff = cjm_diff_compute(&o, &n, &options);
  p->marks = cjm_map_marks_new(p->diff, &o, &n);
  const cjm_persona *only = NULL;
  for (size_t i = 0; persona && i < p->new->model->persona_count; i++)
    if (strcmp(p->new->model->personas[i]->decl.id, persona) == 0) only = p->new->model->personas[i];
  p->L = cjm_map_layout_new_marked(p->new->model, p->new->analysis, only, p->marks);
  return p;
}

static void pair_free(pair *p) {
  cjm_map_layout_free(p->L);
  cjm_map_marks_free(p->marks);
  cjm_diff_free(p->diff);
  journey_free(p->old);
  journey_free(p->new);
  free(p);
}

/* The id of a column: its step's, else its stage's. */
static const char *column_id(const cjm_map_column *c) { return c->step ? c->step->decl.id : c->stage->decl.id; }

/* The columns as "id:mark" joined by spaces (caller frees). */
static char *columns_of(const cjm_map_layout *L) {
  cjm_strbuf out = {0};
  for (size_t i = 0; i < L->column_count; i++) {
    const cjm_map_column *c = &L->columns[i];
    cjm_strbuf_printf(&out, "%s%s", i ? " " : "", column_id(c));
    if (c->mark != CJM_MARK_NONE) cjm_strbuf_printf(&out, ":%s", cjm_mark_word(c->mark));
  }
  if (!out.data) cjm_strbuf_puts(&out, "");
  return out.data;
}

/* The item whose text starts with text, in the row titled row (NULL:
 * any); fails when there is none. */
static const cjm_map_item *find_item(const cjm_map_layout *L, const char *row, const char *text) {
  for (size_t i = 0; i < L->cell_count; i++) {
    const cjm_map_cell *cell = &L->cells[i];
    if (row && (cell->row >= L->row_count || strcmp(L->rows[cell->row].title, row) != 0)) continue;
    for (size_t k = 0; k < cell->item_count; k++) {
      const cjm_map_item *item = &L->items[cell->first_item + k];
      char *t = item_text(L, item);
      bool found = strncmp(t, text, strlen(text)) == 0;
      free(t);
      if (found) return item;
    }
  }
  fail_msg("no item '%s' in row %s", text, row ? row : "(any)");
  return NULL;
}

static const cjm_map_row *find_row(const cjm_map_layout *L, const char *title) {
  for (size_t i = 0; i < L->row_count; i++)
    if (strcmp(L->rows[i].title, title) == 0) return &L->rows[i];
  return NULL;
}

/* The keys' texts joined by " | " (caller frees). */
static char *keys_of(const cjm_map_layout *L) {
  cjm_strbuf out = {0};
  for (size_t i = 0; i < L->key_count; i++) cjm_strbuf_printf(&out, "%s%s", i ? " | " : "", L->keys[i].text);
  if (!out.data) cjm_strbuf_puts(&out, "");
  return out.data;
}

/* ---- nothing changed ------------------------------------------------------- */

static const char simple[] = "persona mia \"Mia\"\n"
                             "persona bob \"Bob\"\n"
                             "stage find \"Find\"\n"
                             "  step a \"Sees an ad\" by mia\n"
                             "    feel 1 \"curious\"\n"
                             "    pain \"Slow\"\n"
                             "  step b \"Compares\" by bob\n"
                             "    feel -1\n";

static void test_identical(void **state) {
  (void)state;
  pair *p = compare(simple, simple, NULL);
  assert_false(cjm_map_marks_any(p->marks));
  cjm_map_layout *plain = cjm_map_layout_new(p->new->model, p->new->analysis, NULL);
  assert_int_equal(p->L->column_count, plain->column_count);
  assert_int_equal(p->L->row_count, plain->row_count);
  assert_int_equal(p->L->item_count, plain->item_count);
  assert_int_equal(p->L->point_count, plain->point_count);
  assert_int_equal(p->L->ghost_count, 0);
  for (size_t i = 0; i < p->L->item_count; i++) assert_int_equal(p->L->items[i].mark, CJM_MARK_NONE);
  for (size_t i = 0; i < p->L->column_count; i++) assert_int_equal(p->L->columns[i].mark, CJM_MARK_NONE);
  assert_string_equal(p->L->keys[0].text, "No change in meaning since old.cjm");
  /* the key takes room in the header: the rest is lower by as much */
  assert_true(p->L->grid.y > plain->grid.y);
  cjm_map_layout_free(plain);
  pair_free(p);
}

/* ---- steps and stages ------------------------------------------------------- */

static void test_steps_and_stages(void **state) {
  (void)state;
  pair *p = compare("stage a \"A\"\n  step s1 \"S1\"\n  step s2 \"S2\"\n  step s3 \"S3\"\n"
                    "stage b \"B\"\n  step t1 \"T1\"\n  step t2 \"T2\"\n"
                    "stage c \"C\"\n  step u1 \"U1\"\n"
                    "stage e \"Empty\"\n",
                    "stage a \"A\"\n  step s1 \"S1\"\n  step s3 \"S3 again\"\n  step s4 \"S4\"\n  step t2 \"T2\"\n"
                    "stage c \"C\"\n  step u1 \"U1\"\n"
                    "stage d \"D\"\n  step v1 \"V1\"\n",
                    NULL);
  assert_true(cjm_map_marks_any(p->marks));
  char *cols = columns_of(p->L);
  /* s2 where it was, after s1; t2 moved into a; stage b removed after a
     with its step t1; stage e removed after c */
  assert_string_equal(cols, "s1 s2:removed s3:changed s4:added t2:changed t1:removed u1 e:removed v1:added");
  free(cols);
  assert_int_equal(p->L->stage_count, 5);
  static const char *const stages[] = {"a", "b", "c", "e", "d"};
  static const cjm_mark marks[] = {CJM_MARK_NONE, CJM_MARK_REMOVED, CJM_MARK_NONE, CJM_MARK_REMOVED, CJM_MARK_ADDED};
  for (size_t i = 0; i < 5; i++) {
    assert_string_equal(p->L->stages[i].stage->decl.id, stages[i]);
    assert_int_equal(p->L->stages[i].mark, marks[i]);
  }
  assert_null(p->L->stages[1].summary); /* nothing to sum up in a removed stage */
  /* the removed steps' cards: their label only, struck through */
  const cjm_map_item *s2 = find_item(p->L, "Actions", "S2");
  assert_int_equal(s2->kind, CJM_MAP_ITEM_STEP);
  assert_int_equal(s2->mark, CJM_MARK_REMOVED);
  assert_int_equal(find_item(p->L, "Actions", "S4")->mark, CJM_MARK_ADDED);
  /* the marks say where removed things go */
  const cjm_stage *a = cjm_model_stage(p->new->model, p->new->model->stages[0]->decl.id);
  size_t n;
  const cjm_removed_step *r = cjm_map_marks_removed_steps(p->marks, a, a->steps[0], &n);
  assert_int_equal(n, 1);
  assert_string_equal(r[0].step->decl.id, "s2");
  assert_ptr_equal(r[0].stage, a);
  const cjm_removed_stage *rs = cjm_map_marks_removed_stages(p->marks, a, &n);
  assert_int_equal(n, 1);
  assert_string_equal(rs[0].stage->decl.id, "b");
  pair_free(p);
}

/* ---- what a step records ------------------------------------------------------ */

static const char old_moments[] =
    "persona mia \"Mia, buyer\"\npersona bob \"Bob\"\n"
    "channel web \"Web\"\nchannel phone \"Phone\"\n"
    "lane courier \"Courier\"\n"
    "metric cvr \"Conversion\"\n  unit \"%\"\n  target 3\n  better higher\n"
    "metric wait \"Wait\"\n  unit \"min\"\n"
    "stage find \"Find\"\n"
    "  step a \"Sees an ad\" by mia, bob via web, phone\n"
    "    pain \"Slow page\" for bob\n"
    "    thought \"Hmm\"\n"
    "    courier \"Knocks twice\" for mia\n"
    "    measure cvr 2%\n"
    "    measure wait 7\n"
    "  step b \"Pays\" by mia\n"
    "    thought \"Fine\"\n";

static const char new_moments[] =
    "persona bob \"Bob\"\npersona mia \"Mia, buyer\"\n"
    "channel web \"Website\"\n"
    "metric cvr \"Conversion\"\n  unit \"%\"\n  target 3\n  better higher\n"
    "metric wait \"Wait\"\n  unit \"min\"\n"
    "stage find \"Find\"\n"
    "  step a \"Sees an ad\" by mia via web\n"
    "    thought \"Hmm\"\n"
    "    opportunity \"Faster page\"\n"
    "    measure cvr 4%\n"
    "  step b \"Pays\" by mia\n"
    "    thought \"Fine\"\n";

static void test_moments(void **state) {
  (void)state;
  pair *p = compare(old_moments, new_moments, NULL);
  const cjm_map_layout *L = p->L;
  assert_int_equal(find_item(L, "Thoughts", "Hmm")->mark, CJM_MARK_NONE);
  assert_int_equal(find_item(L, "Opportunities", "Faster page")->mark, CJM_MARK_ADDED);
  const cjm_map_item *pain = find_item(L, "Pains", "Slow page");
  assert_int_equal(pain->mark, CJM_MARK_REMOVED);
  /* it spoke for bob alone: coloured as the new journey's bob */
  assert_non_null(pain->persona);
  assert_string_equal(pain->persona->decl.id, "bob");
  assert_ptr_equal(pain->persona, p->new->model->personas[0]);
  /* a removed lane gets a row for its removed entries, at the end */
  const cjm_map_row *courier = find_row(L, "Courier");
  assert_non_null(courier);
  assert_int_equal(courier->mark, CJM_MARK_REMOVED);
  assert_int_equal(find_item(L, "Courier", "Knocks twice")->mark, CJM_MARK_REMOVED);
  /* by: bob removed; via: phone removed, web renamed */
  assert_int_equal(find_item(L, "Actions", "Bob")->mark, CJM_MARK_REMOVED);
  assert_int_equal(find_item(L, "Actions", "Mia")->mark, CJM_MARK_NONE);
  assert_int_equal(find_item(L, "Channels & touchpoints", "Phone")->mark, CJM_MARK_REMOVED);
  assert_int_equal(find_item(L, "Channels & touchpoints", "Website")->mark, CJM_MARK_CHANGED);
  /* measures: changed, removed */
  const cjm_map_item *cvr = find_item(L, "Metrics", "Conversion");
  assert_int_equal(cvr->mark, CJM_MARK_CHANGED);
  assert_int_equal(cvr->result, CJM_TARGET_MET);
  const cjm_map_item *wait = find_item(L, "Metrics", "Wait");
  assert_int_equal(wait->mark, CJM_MARK_REMOVED);
  assert_float_equal(wait->measure->value, 7, 1e-9);
  /* the step that changed, and the one that did not */
  assert_int_equal(L->columns[0].mark, CJM_MARK_CHANGED);
  assert_int_equal(L->columns[1].mark, CJM_MARK_NONE);
  const cjm_diff_entity *e = cjm_map_marks_entity(p->marks, L->columns[0].step);
  assert_non_null(e);
  assert_int_equal(e->kind, CJM_DIFF_STEP);
  assert_null(cjm_map_marks_entity(p->marks, L->columns[1].step));
  /* a marked card leaves room for its border */
  const cjm_map_item *hmm = find_item(L, "Thoughts", "Hmm");
  const cjm_map_item *faster = find_item(L, "Opportunities", "Faster page");
  assert_float_equal(faster->height - hmm->height, 2 * CJM_MAP_MARK_BORDER, 1e-9);
  pair_free(p);
}

/* ---- feels on the curve ----------------------------------------------------------- */

static void test_feels(void **state) {
  (void)state;
  pair *p = compare("persona mia \"Mia\"\npersona bob \"Bob\"\n"
                    "stage s \"S\"\n"
                    "  step a \"A\" by mia, bob\n    feel 1 \"glad\" for mia\n    feel 0 for bob\n"
                    "  step gone \"Gone\" by mia\n    feel 2 for mia\n"
                    "  step b \"B\" by mia\n    feel -1 \"sad\" for mia\n",
                    "persona mia \"Mia\"\npersona bob \"Bob\"\n"
                    "stage s \"S\"\n"
                    "  step a \"A\" by mia, bob\n    feel -2 \"cross\" for mia\n"
                    "  step b \"B\" by mia\n    feel -1 \"sad\" for mia\n",
                    NULL);
  const cjm_map_layout *L = p->L;
  assert_int_equal(L->column_count, 3); /* a, gone (removed), b */
  assert_int_equal(L->columns[1].mark, CJM_MARK_REMOVED);
  /* mia: a point at a (changed) and at b; the removed step between them
     is no gap: one run, no bridge */
  size_t mia_points = 0;
  for (size_t i = 0; i < L->point_count; i++) {
    const cjm_map_point *pt = &L->points[i];
    if (L->series[pt->feel.series].persona->decl.id[0] != 'm') continue;
    mia_points++;
    assert_int_equal(pt->mark, pt->feel.column == 0 ? CJM_MARK_CHANGED : CJM_MARK_NONE);
  }
  assert_int_equal(mia_points, 2);
  for (size_t i = 0; i < L->run_count; i++) assert_false(L->runs[i].bridge);
  /* the earlier feels: mia's +1 at a, bob's 0 at a (gone) */
  assert_int_equal(L->ghost_count, 2);
  for (size_t i = 0; i < L->ghost_count; i++) {
    const cjm_map_ghost *g = &L->ghosts[i];
    const char *who = L->series[g->feel.series].persona->decl.id;
    assert_ptr_equal(g->feel.step, L->columns[0].step);
    assert_float_equal(g->written, g->feel.score, 1e-9); /* the same scale */
    if (strcmp(who, "mia") == 0) {
      assert_int_equal(g->mark, CJM_MARK_CHANGED);
      assert_float_equal(g->feel.score, 1, 1e-9);
      assert_string_equal(g->feel.word, "glad");
      assert_true(g->point < L->point_count);
      assert_true(g->feel.y < L->points[g->point].feel.y); /* +1 was above −2 */
      assert_float_equal(g->feel.x, L->points[g->point].feel.x, 1e-9);
    } else {
      assert_string_equal(who, "bob");
      assert_int_equal(g->mark, CJM_MARK_REMOVED);
      assert_int_equal(g->point, SIZE_MAX);
      assert_float_equal(g->feel.y, L->scale.y_neutral, 1e-9);
    }
  }
  char *keys = keys_of(L);
  assert_non_null(strstr(keys, "Changes since old.cjm | added | changed or moved | removed | earlier feel"));
  free(keys);
  assert_false(L->scale.rescaled);
  pair_free(p);
}

/* The point of a persona at a step, or NULL. */
static const cjm_map_point *point_at(const cjm_map_layout *L, const char *persona, const char *step) {
  for (size_t i = 0; i < L->point_count; i++) {
    const cjm_map_feel *f = &L->points[i].feel;
    if (f->step && strcmp(f->step->decl.id, step) == 0 && strcmp(L->series[f->series].persona->decl.id, persona) == 0)
      return &L->points[i];
  }
  return NULL;
}

/* When the scale changed (-2..2 to 1..5), an earlier feel is placed and
 * numbered on the new scale, as the diff compares it: its ghost sits
 * where a point of the mapped score does, and keeps the written score
 * for the tooltip; the legend says so. */
static void test_feels_rescaled(void **state) {
  (void)state;
  pair *p = compare("journey \"J\"\n  scale -2..2\npersona mia \"Mia\"\n"
                    "stage s \"S\"\n"
                    "  step a \"A\" by mia\n    feel 1 \"glad\"\n"     /* → 4, now 2 */
                    "  step b \"B\" by mia\n    feel 1\n"                /* → 4, unchanged */
                    "  step c \"C\" by mia\n    feel -2 \"lost\"\n"    /* → 1, now gone */
                    "  step d \"D\" by mia\n    feel -2\n",              /* → 1, unchanged */
                    "journey \"J\"\n  scale 1..5\npersona mia \"Mia\"\n"
                    "stage s \"S\"\n"
                    "  step a \"A\" by mia\n    feel 2 \"glad\"\n"
                    "  step b \"B\" by mia\n    feel 4\n"
                    "  step c \"C\" by mia\n"
                    "  step d \"D\" by mia\n    feel 1\n",
                    NULL);
  const cjm_map_layout *L = p->L;
  double old_min = 0, old_max = 0;
  assert_true(cjm_map_marks_old_scale(p->marks, &old_min, &old_max));
  assert_float_equal(old_min, -2, 1e-9);
  assert_float_equal(old_max, 2, 1e-9);
  assert_true(L->scale.rescaled);
  assert_float_equal(L->scale.old_min, -2, 1e-9);
  assert_float_equal(L->scale.old_max, 2, 1e-9);
  const cjm_map_point *a = point_at(L, "mia", "a"), *b = point_at(L, "mia", "b"), *d = point_at(L, "mia", "d");
  assert_non_null(a);
  assert_non_null(b);
  assert_non_null(d);
  assert_null(point_at(L, "mia", "c"));
  assert_int_equal(a->mark, CJM_MARK_CHANGED);
  assert_int_equal(b->mark, CJM_MARK_NONE); /* +1 re-scored to 4: no change */
  assert_int_equal(d->mark, CJM_MARK_NONE);
  const cjm_feel_mark fa = cjm_map_marks_feel(p->marks, &a->feel.step->moment, L->series[a->feel.series].persona);
  assert_int_equal(fa.mark, CJM_MARK_CHANGED);
  assert_float_equal(fa.old_score, 4, 1e-9);
  assert_float_equal(fa.old_written, 1, 1e-9);
  assert_int_equal(L->ghost_count, 2);
  for (size_t i = 0; i < L->ghost_count; i++) {
    const cjm_map_ghost *g = &L->ghosts[i];
    const char *step = g->feel.step->decl.id;
    if (strcmp(step, "a") == 0) {
      assert_int_equal(g->mark, CJM_MARK_CHANGED);
      assert_ptr_equal(&L->points[g->point], a);
      assert_float_equal(g->feel.score, 4, 1e-9); /* +1 read on 1..5 */
      assert_float_equal(g->written, 1, 1e-9);   /* as the old journey wrote it */
      assert_string_equal(g->feel.word, "glad");
      assert_float_equal(g->feel.y, b->feel.y, 1e-9); /* where a 4 is */
      assert_true(g->feel.y < a->feel.y);             /* above the 2 it became */
    } else {
      assert_string_equal(step, "c");
      assert_int_equal(g->mark, CJM_MARK_REMOVED);
      assert_int_equal(g->point, SIZE_MAX);
      assert_float_equal(g->feel.score, 1, 1e-9);
      assert_float_equal(g->written, -2, 1e-9);
      assert_float_equal(g->feel.y, d->feel.y, 1e-9); /* where a 1 is: the bottom */
      assert_float_equal(g->feel.y, L->scale.y_min, 1e-9);
    }
  }
  char *keys = keys_of(L);
  assert_non_null(strstr(keys, "| earlier feel, read on the new scale (was \xE2\x88\x92" "2 to +2)"));
  free(keys);
  pair_free(p);
}

/* ---- personas and the header ------------------------------------------------------- */

static void test_personas_and_header(void **state) {
  (void)state;
  pair *p = compare("journey \"Lunch\"\n  goal \"Eat\"\n  owner \"Team\"\n  status as-is\n"
                    "  measure nps 31\n  measure cvr 4%\n"
                    "persona mia \"Mia\"\npersona ann \"Ann\"\n  role \"Retired\"\n"
                    "metric nps \"NPS\"\nmetric cvr \"Conversion\"\n  unit \"%\"\n"
                    "stage s \"S\"\n  step a \"A\" by mia\n",
                    "journey \"Lunch online\"\n  goal \"Eat\"\n  owner \"Food team\"\n  status to-be\n"
                    "  measure nps 38\n"
                    "persona mia \"Mia, student\"\npersona kai \"Kai\"\n"
                    "metric nps \"NPS\"\nmetric cvr \"Conversion\"\n  unit \"%\"\n"
                    "stage s \"S\"\n  step a \"A\" by mia\n",
                    NULL);
  const cjm_map_layout *L = p->L;
  assert_int_equal(L->card_count, 3);
  assert_string_equal(L->cards[0].persona->decl.id, "mia");
  assert_int_equal(L->cards[0].mark, CJM_MARK_CHANGED);
  assert_string_equal(L->cards[1].persona->decl.id, "kai");
  assert_int_equal(L->cards[1].mark, CJM_MARK_ADDED);
  assert_string_equal(L->cards[2].persona->decl.id, "ann");
  assert_int_equal(L->cards[2].mark, CJM_MARK_REMOVED);
  assert_int_equal(L->cards[2].text_count, 2); /* name and kind: no attributes, no analysis */
  for (size_t i = 0; i < L->text_count; i++) {
    const cjm_map_text *t = &L->texts[i];
    if (t->kind == CJM_MAP_TEXT_TITLE) assert_int_equal(t->mark, CJM_MARK_CHANGED);
    if (t->kind == CJM_MAP_TEXT_GOAL) assert_int_equal(t->mark, CJM_MARK_NONE);
    if (t->kind == CJM_MAP_TEXT_META) assert_int_equal(t->mark, CJM_MARK_CHANGED); /* owner */
  }
  assert_int_equal(L->status_mark, CJM_MARK_CHANGED);
  /* journey-level measures: nps changed, then cvr removed */
  const cjm_map_item *nps = find_item(L, NULL, "NPS");
  assert_int_equal(nps->mark, CJM_MARK_CHANGED);
  const cjm_map_item *cvr = find_item(L, NULL, "Conversion");
  assert_int_equal(cvr->mark, CJM_MARK_REMOVED);
  pair_free(p);
}

/* ---- --persona ----------------------------------------------------------------------- */

static void test_persona(void **state) {
  (void)state;
  pair *p = compare("persona mia \"Mia\"\npersona bob \"Bob\"\n"
                    "stage s \"S\"\n  step a \"A\" by mia, bob\n"
                    "    pain \"Mine\" for mia\n    pain \"His\" for bob\n"
                    "  step x \"Bob's only\" by bob\n    feel 1 for bob\n",
                    "persona mia \"Mia\"\npersona bob \"Bob\"\n"
                    "stage s \"S\"\n  step a \"A\" by mia, bob\n",
                    "mia");
  const cjm_map_layout *L = p->L;
  assert_int_equal(find_item(L, "Pains", "Mine")->mark, CJM_MARK_REMOVED);
  for (size_t i = 0; i < L->item_count; i++) {
    char *t = item_text(L, &L->items[i]);
    assert_string_not_equal(t, "His");
    assert_string_not_equal(t, "Bob's only"); /* a removed step without mia */
    free(t);
  }
  assert_int_equal(L->card_count, 1);
  pair_free(p);
}

/* ---- size ------------------------------------------------------------------------------- */

/* A journey of n steps in stages of ten; with gaps, every third step and
 * every fifth stage left out, and the other steps' feels changed. */
static char *big(size_t n, bool gaps) {
  cjm_strbuf out = {0};
  cjm_strbuf_puts(&out, "persona p \"P\"\n");
  for (size_t i = 0; i < n; i++) {
    if (i % 10 == 0 && !(gaps && (i / 10) % 5 == 4)) cjm_strbuf_printf(&out, "stage g%zu \"Stage %zu\"\n", i / 10, i);
    if (gaps && ((i / 10) % 5 == 4 || i % 3 == 0)) continue;
    cjm_strbuf_printf(&out, "  step s%zu \"Step %zu\" by p\n    feel %d\n    pain \"Pain %zu\"\n", i, i,
                      gaps ? 1 : -1, i);
  }
  return out.data;
}

/* A diff of two large journeys keeps every step of the old one, in its
 * place. How the time grows is measured by bench/scaling.sh, not here. */
static void test_large_journeys(void **state) {
  (void)state;
  enum { STEPS = 10000 };
  char *old = big(STEPS, false), *new = big(STEPS, true);
  pair *p = compare(old, new, NULL);
  assert_int_equal(p->L->column_count, STEPS);
  pair_free(p);
  free(old);
  free(new);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_identical),
      cmocka_unit_test(test_steps_and_stages),
      cmocka_unit_test(test_moments),
      cmocka_unit_test(test_feels),
      cmocka_unit_test(test_feels_rescaled),
      cmocka_unit_test(test_personas_and_header),
      cmocka_unit_test(test_persona),
      cmocka_unit_test(test_large_journeys),
  };
  return cmocka_run_group_tests(tests, NULL, leftovers_free);
}
