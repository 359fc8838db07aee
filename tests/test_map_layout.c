/* Unit tests for map_layout.c and flow_layout.c on in-memory journeys:
 * the order of rows and which are left out, columns for steps and for
 * stages without steps, stage-level entries across their stage, the
 * emotion curve (gaps, bridges, the scale), the service-blueprint lines,
 * colours for entries that speak for one persona, --persona, measures
 * against targets, a stage-level feel shared by several personas, the
 * persona palette and its contrast, a large journey laid out whole, and
 * the flow view's nodes, edges and notes, its rows (a short journey on one,
 * a long one on several, in order, a stage wider than a row on rows of
 * its own) and its placed rows. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/render/graphviz/flow_layout.h"
#include "runtime/render/graphviz/style.h"
#include "runtime/render/graphviz/map_layout.h"
#include "runtime/base/strbuf.h"
#include "tests/journey.h"
#include "tests/map_items.h"
#include "runtime/core/present.h"

static const char full_journey[] =
    "journey \"Buying\"\n"
    "  goal \"Find the pain\"\n"
    "  status as-is\n"
    "persona mia \"Mia, buyer\"\n"
    "  role \"Student\"\n"
    "persona bob \"Bob\"\n"
    "channel web \"Web\"\n"
    "lane backstage \"Back office\"\n"
    "lane frontstage \"Front\"\n"
    "lane support \"Systems\"\n"
    "lane unused_lane \"Never written\"\n"
    "metric cvr \"Conversion\"\n"
    "  unit \"%\"\n"
    "  target 3\n"
    "  better higher\n"
    "metric wait \"Wait\"\n"
    "  unit \"min\"\n"
    "  target 10\n"
    "  better lower\n"
    "stage find \"Find\"\n"
    "  need \"A shortlist\" for mia\n"
    "  step a \"Sees an ad\" by mia via web\n"
    "    feel 1 \"curious\"\n"
    "    note \"A note\"\n"
    "    support \"CRM\"\n"
    "    action \"Clicks\"\n"
    "    pain \"Slow page\" for mia\n"
    "    thought \"Hmm\"\n"
    "    backstage \"Sync\"\n"
    "    frontstage \"Greets\"\n"
    "    opportunity \"Faster page\"\n"
    "    touchpoint \"Banner\"\n"
    "    measure cvr 1.8%\n"
    "  step b \"Compares\" by mia, bob\n"
    "    feel -1 \"lost\" for mia\n"
    "    feel 2 \"happy\" for bob\n"
    "    measure wait 7\n"
    "stage empty \"Nothing yet\"\n"
    "stage buy \"Buy\"\n"
    "  step c \"Pays\" by bob\n"
    "    feel 0 \"fine\"\n"
    "  step d \"Leaves\" by mia\n"
    "    pain \"No receipt\"\n"
    "  step e \"Returns\" by mia\n"
    "    feel -2 \"angry\"\n";

static void test_rows_in_order(void **state) {
  (void)state;
  journey *j = journey_from_text(full_journey, NULL);
  cjm_map_layout *L = cjm_map_layout_new(j->model, j->analysis, NULL);
  static const char *const want[] = {"Actions", "Channels & touchpoints", "Thoughts", "Emotions", "Pains",
                                     "Opportunities", "Needs", "Back office", "Front", "Systems", "Metrics",
                                     "Notes"};
  assert_int_equal(L->row_count, sizeof want / sizeof want[0]);
  for (size_t i = 0; i < L->row_count; i++) assert_string_equal(L->rows[i].title, want[i]);
  assert_int_equal(L->rows[0].kind, CJM_MAP_ROW_ACTIONS);
  assert_int_equal(L->rows[3].kind, CJM_MAP_ROW_CURVE);
  assert_int_equal(L->curve_row, 3);
  assert_int_equal(L->rows[10].kind, CJM_MAP_ROW_METRICS);
  /* rows stack downwards without overlapping */
  for (size_t i = 1; i < L->row_count; i++)
    assert_true(L->rows[i].rect.y >= L->rows[i - 1].rect.y + L->rows[i - 1].rect.h);
  cjm_map_layout_free(L);
  journey_free(j);
}

static void test_blueprint_lines(void **state) {
  (void)state;
  journey *j = journey_from_text(full_journey, NULL);
  cjm_map_layout *L = cjm_map_layout_new(j->model, j->analysis, NULL);
  for (size_t i = 0; i < L->row_count; i++) {
    const cjm_map_row *r = &L->rows[i];
    cjm_map_line want = CJM_MAP_LINE_NONE;
    if (strcmp(r->title, "Front") == 0) want = CJM_MAP_LINE_INTERACTION;
    if (strcmp(r->title, "Back office") == 0) want = CJM_MAP_LINE_VISIBILITY;
    if (strcmp(r->title, "Systems") == 0) want = CJM_MAP_LINE_INTERNAL;
    assert_int_equal(r->line_above, want);
    if (want) {
      assert_true(r->line_y < r->rect.y);
      assert_true(r->line_y > L->rows[i - 1].rect.y + L->rows[i - 1].rect.h);
    }
  }
  cjm_map_layout_free(L);
  journey_free(j);
}

static void test_no_blueprint_without_its_lanes(void **state) {
  (void)state;
  journey *j = journey_from_text("stage s\n  step a \"A\"\n    feel 1\n    pain \"p\"\n", NULL);
  cjm_map_layout *L = cjm_map_layout_new(j->model, j->analysis, NULL);
  for (size_t i = 0; i < L->row_count; i++) assert_int_equal(L->rows[i].line_above, CJM_MAP_LINE_NONE);
  /* no channel, no thought, no measure: those rows are left out */
  assert_int_equal(L->row_count, 3); /* actions, emotions, pains */
  cjm_map_layout_free(L);
  journey_free(j);
}

static void test_columns_and_stage_cells(void **state) {
  (void)state;
  journey *j = journey_from_text(full_journey, NULL);
  cjm_map_layout *L = cjm_map_layout_new(j->model, j->analysis, NULL);
  /* a, b | the empty stage | c, d, e */
  assert_int_equal(L->column_count, 6);
  assert_int_equal(L->stage_count, 3);
  assert_null(L->columns[2].step);
  assert_string_equal(L->columns[2].stage->decl.id, "empty");
  assert_int_equal(L->stages[2].first_column, 3);
  assert_int_equal(L->stages[2].column_count, 3);
  for (size_t c = 1; c < L->column_count; c++)
    assert_true(L->columns[c].x >= L->columns[c - 1].x + L->columns[c - 1].w);
  /* the stage-level need spans the stage's two columns, above its steps' cells */
  bool found = false;
  for (size_t i = 0; i < L->cell_count; i++) {
    const cjm_map_cell *cell = &L->cells[i];
    if (cell->row < L->row_count) {
      const cjm_map_row *row = &L->rows[cell->row];
      assert_true(cell->rect.y >= row->rect.y && cell->rect.y + cell->rect.h <= row->rect.y + row->rect.h + 1e-6);
    }
    if (cell->step || cell->row == SIZE_MAX || strcmp(cell->stage->decl.id, "find") != 0) continue;
    found = true;
    assert_int_equal(cell->column_count, 2);
    assert_string_equal(L->rows[cell->row].title, "Needs");
    const cjm_map_item *item = &L->items[cell->first_item];
    assert_ptr_equal(item->persona, journey_persona(j, "mia")); /* `for mia` in a journey of two */
  }
  assert_true(found);
  cjm_map_layout_free(L);
  journey_free(j);
}

static void test_items_and_colours(void **state) {
  (void)state;
  journey *j = journey_from_text(full_journey, NULL);
  cjm_map_layout *L = cjm_map_layout_new(j->model, j->analysis, NULL);
  size_t steps = 0, measures = 0;
  for (size_t i = 0; i < L->cell_count; i++) {
    const cjm_map_cell *cell = &L->cells[i];
    for (size_t k = 0; k < cell->item_count; k++) {
      const cjm_map_item *item = &L->items[cell->first_item + k];
      char *text = item_text(L, item);
      if (item->kind == CJM_MAP_ITEM_STEP) {
        steps++;
        assert_int_equal(k, 0); /* the step's label comes first in its cell */
        assert_int_equal(L->rows[cell->row].kind, CJM_MAP_ROW_ACTIONS);
      }
      if (item->kind == CJM_MAP_ITEM_ENTRY && strcmp(item->entry->text, "Slow page") == 0)
        assert_ptr_equal(item->persona, journey_persona(j, "mia"));
      if (item->kind == CJM_MAP_ITEM_ENTRY && strcmp(item->entry->text, "Hmm") == 0)
        assert_ptr_equal(item->persona, journey_persona(j, "mia")); /* spoken for mia by `by mia` */
      if (item->kind == CJM_MAP_ITEM_MEASURE) {
        measures++;
        if (strcmp(item->measure->metric->decl.id, "cvr") == 0) {
          assert_int_equal(item->result, CJM_TARGET_MISSED);
          assert_non_null(strstr(text, "1.8%"));
          assert_non_null(strstr(text, "missed"));
        } else {
          assert_int_equal(item->result, CJM_TARGET_MET);
          assert_non_null(strstr(text, "7 min"));
        }
      }
      free(text);
    }
  }
  assert_int_equal(steps, 5);
  assert_int_equal(measures, 2);
  cjm_map_layout_free(L);
  journey_free(j);
}

static void test_curve_gaps_and_bridges(void **state) {
  (void)state;
  journey *j = journey_from_text(full_journey, NULL);
  cjm_map_layout *L = cjm_map_layout_new(j->model, j->analysis, NULL);
  assert_int_equal(L->series_count, 2);
  /* mia: a (+1), b (-1), e (-2); d has no feel: a gap, not a zero */
  size_t mia_points = 0;
  const cjm_map_scale *s = &L->scale;
  for (size_t i = 0; i < L->point_count; i++) {
    const cjm_map_feel *p = &L->points[i].feel;
    assert_true(p->y >= s->y_max - 1e-9 && p->y <= s->y_min + 1e-9);
    if (L->series[p->series].persona != journey_persona(j, "mia")) continue;
    mia_points++;
    assert_true(p->step != NULL);
    assert_true(strcmp(p->step->decl.id, "d") != 0);
    if (strcmp(p->step->decl.id, "b") == 0) assert_true(p->score == -1);
  }
  assert_int_equal(mia_points, 3);
  size_t runs = 0, bridges = 0;
  for (size_t i = 0; i < L->run_count; i++) {
    const cjm_map_run *r = &L->runs[i];
    if (L->series[r->series].persona != journey_persona(j, "mia")) continue;
    if (r->bridge) {
      bridges++;
      assert_int_equal(r->point_count, 2);
    } else {
      runs++;
    }
  }
  assert_int_equal(runs, 2);    /* a-b, then e */
  assert_int_equal(bridges, 1); /* b to e, over the empty stage, c and d */
  cjm_map_layout_free(L);
  journey_free(j);
}

static void test_scale(void **state) {
  (void)state;
  journey *j = journey_from_text("journey \"T\"\n  scale 1..5\nstage s\n  step a\n    feel 5\n  step b\n    feel 1\n",
                                 NULL);
  cjm_map_layout *L = cjm_map_layout_new(j->model, j->analysis, NULL);
  const cjm_map_scale *s = &L->scale;
  assert_true(s->min == 1 && s->max == 5 && s->neutral == 3);
  assert_true(s->y_max < s->y_neutral && s->y_neutral < s->y_min);
  assert_int_equal(s->tick_count, 5);
  assert_true(L->points[0].feel.y == s->y_max);
  assert_true(L->points[1].feel.y == s->y_min);
  char buf[32];
  cjm_present_score_rounded(buf, sizeof buf, 3, false);
  assert_string_equal(buf, "3");
  cjm_present_score_rounded(buf, sizeof buf, 1.25, true);
  assert_string_equal(buf, "+1.3");
  cjm_present_score_rounded(buf, sizeof buf, -0.5, true);
  assert_string_equal(buf, "\xE2\x88\x92" "0.5");
  cjm_present_score_rounded(buf, sizeof buf, -0.01, true);
  assert_string_equal(buf, "0");
  cjm_map_layout_free(L);
  journey_free(j);
}

/* A stage-level feel in a stage of several personas: one level for the
 * personas that share it, its word once, a marker per persona clear of
 * the first step's points; the step curves do not pass through it. */
static void test_shared_stage_level(void **state) {
  (void)state;
  static const char text[] =
      "journey \"Levels\"\n"
      "persona p1 \"One\"\n"
      "persona p2 \"Two\"\n"
      "persona p3 \"Three\"\n"
      "stage s \"S\"\n"
      "  feel 1 \"calm\"\n"
      "  step a \"A\"\n"
      "    feel 2 \"glad\" for p1\n"
      "    feel -1 \"sad\" for p2\n"
      "    feel 0 \"meh\" for p3\n"
      "  step b \"B\"\n"
      "    feel -2 \"low\" for p1\n"
      "    feel 2 \"high\" for p2\n"
      "    feel 1 \"ok\" for p3\n";
  journey *j = journey_from_text(text, NULL);
  cjm_map_layout *L = cjm_map_layout_new(j->model, j->analysis, NULL);
  size_t levels = 0, leads = 0, words = 0;
  double first_step_x = 1e300;
  for (size_t i = 0; i < L->point_count; i++)
    if (L->points[i].feel.step && L->points[i].feel.x < first_step_x) first_step_x = L->points[i].feel.x;
  for (size_t i = 0; i < L->point_count; i++) {
    const cjm_map_point *p = &L->points[i];
    if (p->feel.step) continue;
    levels++;
    assert_true(p->x1 > p->x0);
    assert_true(p->feel.x < first_step_x - 6); /* its marker, left of the first step's points */
    for (size_t k = 0; k < i; k++)
      if (!L->points[k].feel.step) assert_true(L->points[k].feel.x != p->feel.x);
    if (p->level_lead) {
      leads++;
      assert_int_equal(p->level_share, 3);
    }
    words += p->word_shown;
  }
  assert_int_equal(levels, 3);
  assert_int_equal(leads, 1);
  assert_int_equal(words, 1);
  for (size_t r = 0; r < L->run_count; r++) /* runs join step points only */
    for (size_t k = 0; k < L->runs[r].point_count; k++)
      assert_non_null(L->points[L->runs[r].first_point + k].feel.step);
  cjm_map_layout_free(L);
  journey_free(j);
}

/* Thirteen personas: no two curves look the same, and persona text is
 * dark enough on every lane tint. */
static void test_persona_colours_distinct_and_readable(void **state) {
  (void)state;
  for (size_t a = 0; a < 36; a++)
    for (size_t b = 0; b < a; b++)
      assert_false(strcmp(cjm_gv_persona_colour(a), cjm_gv_persona_colour(b)) == 0 &&
                   strcmp(cjm_gv_persona_dash(a), cjm_gv_persona_dash(b)) == 0);
  static const char *const tints[] = {"#ffffff", "#f8fafc", "#eff6ff", "#fee2e2", "#dcfce7", "#fef3c7", "#e7e5e4"};
  for (size_t i = 0; i < 12; i++)
    for (size_t t = 0; t < sizeof tints / sizeof tints[0]; t++) {
      char ink[8];
      cjm_gv_ink_on(ink, cjm_gv_persona_colour(i), tints[t]);
      assert_true(cjm_gv_contrast(ink, tints[t]) >= CJM_GV_MIN_CONTRAST);
    }
  char ink[8]; /* a colour that reads already stays as it is */
  assert_string_equal(cjm_gv_ink_on(ink, "#2563eb", "#ffffff"), "#2563eb");
  assert_true(cjm_gv_contrast("#d97706", "#eff6ff") < 4.5); /* the orange on a thought's tint */
}

static void test_only_one_persona(void **state) {
  (void)state;
  journey *j = journey_from_text(full_journey, NULL);
  cjm_map_layout *L = cjm_map_layout_new(j->model, j->analysis, journey_persona(j, "bob"));
  assert_int_equal(L->card_count, 1);
  assert_ptr_equal(L->cards[0].persona, journey_persona(j, "bob"));
  assert_int_equal(L->series_count, 1);
  /* bob: b and c; the stage without steps has nothing for him */
  assert_int_equal(L->column_count, 2);
  assert_string_equal(L->columns[0].step->decl.id, "b");
  assert_string_equal(L->columns[1].step->decl.id, "c");
  for (size_t i = 0; i < L->item_count; i++) {
    const cjm_map_item *item = &L->items[i];
    if (item->kind == CJM_MAP_ITEM_ENTRY) fail_msg("an entry of mia's shows: %s", item->entry->text);
    assert_int_not_equal(item->kind, CJM_MAP_ITEM_PERSONA); /* who takes the step: always bob */
  }
  for (size_t i = 0; i < L->point_count; i++) assert_true(L->points[i].feel.score == 2 || L->points[i].feel.score == 0);
  cjm_map_layout_free(L);
  journey_free(j);
}

static void test_single_persona_no_colour(void **state) {
  (void)state;
  journey *j = journey_from_text("persona p \"P\"\nstage s\n  step a \"A\" by p\n    pain \"x\" for p\n", NULL);
  cjm_map_layout *L = cjm_map_layout_new(j->model, j->analysis, NULL);
  for (size_t i = 0; i < L->item_count; i++) assert_null(L->items[i].persona);
  assert_int_equal(L->curve_row, L->row_count); /* no feel: no curve row */
  cjm_map_layout_free(L);
  journey_free(j);
}

static void test_empty_journey(void **state) {
  (void)state;
  journey *j = journey_from_text("journey \"Nothing\"\n", NULL);
  cjm_map_layout *L = cjm_map_layout_new(j->model, j->analysis, NULL);
  assert_int_equal(L->column_count, 0);
  assert_int_equal(L->row_count, 0);
  assert_true(L->width > 0 && L->height > 0);
  cjm_map_layout_free(L);
  journey_free(j);
}

/* A journey of n steps in stages of 50, every step with a feel, a few
 * entries and sometimes a measure. */
static char *big_journey(size_t n) {
  cjm_strbuf out = {0};
  cjm_strbuf_puts(&out, "journey \"Big\"\npersona a \"A\"\npersona b \"B\"\nchannel web\nmetric m\n  target 3\n"
                        "  better higher\n");
  for (size_t i = 0; i < n; i++) {
    if (i % 50 == 0) cjm_strbuf_printf(&out, "stage s%zu \"Stage %zu\"\n  by a, b\n", i / 50, i / 50);
    cjm_strbuf_printf(&out, "  step x%zu \"Step number %zu does something long enough to wrap\" by %s via web\n", i,
                      i, i % 3 ? "a" : "a, b");
    cjm_strbuf_printf(&out, "    feel %d \"word\"\n    pain \"A pain that is rather long, %zu\"\n", (int)(i % 5) - 2,
                      i);
    if (i % 7 == 0) cjm_strbuf_puts(&out, "    measure m 2\n");
  }
  return out.data;
}

/* A large journey lays out every step as a column, and its items grow in
 * proportion to its steps. How the time grows is measured by
 * bench/scaling.sh, not here. */
static size_t layout_items(size_t n) {
  char *text = big_journey(n);
  journey *j = journey_from_text(text, NULL);
  cjm_map_layout *L = cjm_map_layout_new(j->model, j->analysis, NULL);
  assert_int_equal(L->column_count, n);
  size_t items = L->item_count;
  cjm_map_layout_free(L);
  journey_free(j);
  free(text);
  return items;
}

static void test_large_journey(void **state) {
  (void)state;
  size_t small = layout_items(2000), big = layout_items(20000);
  assert_true(big >= 9 * small && big <= 11 * small);
}

/* ---- the flow view ------------------------------------------------------ */

static const char flow_journey[] =
    "persona p \"P\"\npersona q \"Q\"\n"
    "stage one\n"
    "  step a \"A\" by p\n    feel 1\n    pain \"slow\"\n    opportunity \"faster\" for p\n    thought \"t\"\n"
    "  step b \"B\" by q\n    feel -1\n"
    "  step c \"C\" by p\n    next a, d\n"
    "stage two\n"
    "  step d \"D\" by p\n    feel 2\n";

static void test_flow_nodes_and_edges(void **state) {
  (void)state;
  journey *j = journey_from_text(flow_journey, NULL);
  cjm_flow_layout *L = cjm_flow_layout_new(j->model, j->analysis, NULL, false);
  assert_int_equal(L->stage_count, 2);
  assert_int_equal(L->node_count, 4);
  assert_int_equal(L->note_count, 0);
  assert_true(L->nodes[0].has_feel && L->nodes[0].feel == 1);
  assert_false(L->nodes[2].has_feel);
  /* a→b, b→c, c→a (back), c→d */
  assert_int_equal(L->edge_count, 4);
  assert_int_equal(L->edges[2].from, 2);
  assert_int_equal(L->edges[2].to, 0);
  assert_true(L->edges[2].back && L->edges[2].written);
  assert_true(!L->edges[3].back && L->edges[3].written);
  assert_false(L->edges[0].written);
  cjm_flow_layout_free(L);
  journey_free(j);
}

static void test_flow_persona_and_detail(void **state) {
  (void)state;
  journey *j = journey_from_text(flow_journey, NULL);
  cjm_flow_layout *L = cjm_flow_layout_new(j->model, j->analysis, journey_persona(j, "p"), true);
  /* b is q's: a's edge goes on to c */
  assert_int_equal(L->node_count, 3);
  assert_int_equal(L->edges[0].from, 0);
  assert_int_equal(L->edges[0].to, 1);
  assert_string_equal(L->nodes[1].step->decl.id, "c");
  assert_int_equal(L->note_count, 2); /* a's pain and opportunity, not its thought */
  assert_int_equal(L->notes[0].node, 0);
  assert_ptr_equal(L->notes[1].persona, journey_persona(j, "p"));
  cjm_flow_layout_place(L, 60);
  assert_true(L->placed);
  assert_int_equal(L->row_count, 1);
  for (size_t i = 1; i < L->node_count; i++) assert_true(L->nodes[i].rect.x > L->nodes[i - 1].rect.x);
  for (size_t i = 0; i < L->note_count; i++) {
    const cjm_map_rect *n = &L->nodes[L->notes[i].node].rect, *r = &L->notes[i].rect;
    assert_true(r->y >= n->y + n->h);
  }
  for (size_t i = 0; i < L->stage_count; i++) {
    const cjm_map_rect *s = &L->stages[i].rect;
    for (size_t k = L->stages[i].first_node; k < L->stages[i].first_node + L->stages[i].node_count; k++)
      assert_true(L->nodes[k].rect.x >= s->x && L->nodes[k].rect.x + L->nodes[k].rect.w <= s->x + s->w);
  }
  assert_true(L->width > 0 && L->height > 0);
  cjm_flow_layout_free(L);
  journey_free(j);
}

/* A journey of `stages` stages of `steps` steps each, labels long enough
 * to wrap; with notes, every third step has a pain and an opportunity
 * (caller frees). */
static char *rows_journey(size_t stages, size_t steps, bool notes) {
  cjm_strbuf out = {0};
  cjm_strbuf_puts(&out, "journey \"Rows\"\npersona p \"P\"\n");
  for (size_t s = 0; s < stages; s++) {
    cjm_strbuf_printf(&out, "stage s%zu \"Stage %zu\"\n", s, s);
    for (size_t i = 0; i < steps; i++) {
      cjm_strbuf_printf(&out, "  step x%zu_%zu \"Step %zu of stage %zu, which does something\" by p\n", s, i, i, s);
      cjm_strbuf_printf(&out, "    feel %d \"word\"\n", (int)(i % 5) - 2);
      if (notes && i % 3 == 0) cjm_strbuf_puts(&out, "    pain \"A pain\"\n    opportunity \"A way out of it\"\n");
    }
  }
  return out.data;
}

/* The rows of L follow each other, each a run of whole stages (or of one
 * stage wider than max_width), packed greedily. */
static void assert_rows_well_formed(const cjm_flow_layout *L, double max_width) {
  assert_true(L->row_count >= 1);
  size_t node = 0, stage = 0;
  for (size_t r = 0; r < L->row_count; r++) {
    const cjm_flow_row *row = &L->rows[r];
    assert_int_equal(row->first_node, node);
    assert_true(row->node_count > 0 && row->stage_count > 0);
    /* a stage wider than a row goes on, alone, on the next row */
    if (row->first_stage + 1 == stage) assert_int_equal(row->stage_count, 1);
    else assert_int_equal(row->first_stage, stage);
    for (size_t i = node; i < node + row->node_count; i++) assert_int_equal(L->nodes[i].row, r);
    double width = 0;
    for (size_t s = row->first_stage; s < row->first_stage + row->stage_count; s++) {
      const cjm_flow_stage *st = &L->stages[s];
      assert_true(r >= st->first_row && r < st->first_row + st->row_count);
      width += st->width + (s > row->first_stage ? CJM_FLOW_STAGE_GAP : 0);
    }
    if (row->stage_count > 1 || L->stages[row->first_stage].row_count == 1) {
      assert_true(fabs(width - row->width) < 1e-6);
      assert_true(row->stage_count == 1 || row->width <= max_width);
    } else {
      assert_true(row->width <= max_width || row->node_count == 1);
    }
    /* greedy: the next row's first stage would not have fitted */
    if (r + 1 < L->row_count && row->stage_count >= 1 && L->rows[r + 1].first_stage != row->first_stage) {
      const cjm_flow_stage *next = &L->stages[L->rows[r + 1].first_stage];
      if (next->row_count == 1 && L->stages[row->first_stage].row_count == 1)
        assert_true(row->width + CJM_FLOW_STAGE_GAP + next->width > max_width);
    }
    node += row->node_count;
    stage = row->first_stage + row->stage_count;
  }
  assert_int_equal(node, L->node_count);
  assert_int_equal(stage, L->stage_count);
}

/* Whether two boxes overlap. */
static bool overlap(const cjm_map_rect *a, const cjm_map_rect *b) {
  return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

/* In a placed layout, a stage's box on each of its rows holds its steps
 * on that row, and no two boxes overlap. */
static void assert_boxes(const cjm_flow_layout *L) {
  size_t count = 0;
  cjm_map_rect boxes[64];
  for (size_t s = 0; s < L->stage_count; s++) {
    const cjm_flow_stage *st = &L->stages[s];
    for (size_t r = st->first_row; r < st->first_row + st->row_count; r++) {
      cjm_map_rect b = cjm_flow_layout_box(L, s, r);
      for (size_t i = st->first_node; i < st->first_node + st->node_count; i++) {
        const cjm_map_rect *n = &L->nodes[i].rect;
        bool inside = n->x >= b.x && n->x + n->w <= b.x + b.w && n->y >= b.y && n->y + n->h <= b.y + b.h;
        assert_true(inside == (L->nodes[i].row == r));
      }
      assert_true(count < 64);
      for (size_t k = 0; k < count; k++) assert_false(overlap(&b, &boxes[k]));
      boxes[count++] = b;
    }
  }
}

static void test_flow_short_journey_one_row(void **state) {
  (void)state;
  journey *j = journey_from_text(flow_journey, NULL);
  cjm_flow_layout *L = cjm_flow_layout_new(j->model, j->analysis, NULL, true);
  assert_int_equal(L->row_count, 1);
  assert_int_equal(L->rows[0].node_count, 4);
  assert_int_equal(L->rows[0].stage_count, 2);
  assert_int_equal(L->rows[0].depth, 2); /* a's pain and opportunity */
  assert_rows_well_formed(L, CJM_FLOW_ROW_WIDTH);
  for (size_t s = 0; s < L->stage_count; s++) {
    assert_int_equal(L->stages[s].first_row, 0);
    assert_int_equal(L->stages[s].row_count, 1);
  }
  cjm_flow_layout_free(L);
  journey_free(j);
}

static void test_flow_long_journey_rows(void **state) {
  (void)state;
  char *text = rows_journey(10, 4, false);
  journey *j = journey_from_text(text, NULL);
  cjm_flow_layout *L = cjm_flow_layout_new(j->model, j->analysis, NULL, false);
  assert_int_equal(L->stage_count, 10);
  /* about 800 points a stage: more than one row, fewer rows than stages */
  assert_true(L->row_count > 1 && L->row_count < 10);
  assert_rows_well_formed(L, CJM_FLOW_ROW_WIDTH);
  for (size_t i = 1; i < L->node_count; i++) assert_true(L->nodes[i].row >= L->nodes[i - 1].row);
  /* the extremes: everything on one row, or every step on its own */
  cjm_flow_layout_wrap(L, 1e9);
  assert_int_equal(L->row_count, 1);
  assert_rows_well_formed(L, 1e9);
  cjm_flow_layout_wrap(L, 1);
  assert_int_equal(L->row_count, L->node_count);
  assert_rows_well_formed(L, 1);
  cjm_flow_layout_free(L);
  journey_free(j);
  free(text);
}

static void test_flow_wide_stage(void **state) {
  (void)state;
  /* one stage of 30 steps, far wider than a row, then two short ones */
  cjm_strbuf out = {0};
  char *head = rows_journey(1, 30, false);
  cjm_strbuf_puts(&out, head);
  cjm_strbuf_puts(&out, "stage t \"T\"\n  step t1 \"T1\" by p\nstage u \"U\"\n  step u1 \"U1\" by p\n");
  journey *j = journey_from_text(out.data, NULL);
  cjm_flow_layout *L = cjm_flow_layout_new(j->model, j->analysis, NULL, false);
  const cjm_flow_stage *wide = &L->stages[0];
  assert_true(wide->width > CJM_FLOW_ROW_WIDTH);
  assert_true(wide->row_count >= 3);
  assert_int_equal(wide->first_row, 0);
  for (size_t r = 0; r < wide->row_count; r++) {
    assert_int_equal(L->rows[r].first_stage, 0);
    assert_int_equal(L->rows[r].stage_count, 1);
  }
  /* the short stages share the row after it */
  assert_int_equal(L->row_count, wide->row_count + 1);
  assert_int_equal(L->stages[1].first_row, wide->row_count);
  assert_int_equal(L->stages[2].first_row, wide->row_count);
  assert_rows_well_formed(L, CJM_FLOW_ROW_WIDTH);
  /* placed: a box on each row of the wide stage, each row below the last */
  cjm_flow_layout_place(L, 60);
  assert_boxes(L);
  for (size_t r = 1; r < L->row_count; r++) assert_true(L->rows[r].top > L->rows[r - 1].bottom);
  cjm_flow_layout_free(L);
  journey_free(j);
  free(head);
  cjm_strbuf_free(&out);
}

static void test_flow_placed_rows(void **state) {
  (void)state;
  char *text = rows_journey(6, 5, true);
  journey *j = journey_from_text(text, NULL);
  cjm_flow_layout *L = cjm_flow_layout_new(j->model, j->analysis, NULL, true);
  assert_true(L->row_count > 1);
  cjm_flow_layout_place(L, 60);
  /* each row below the one before, notes included; left to right within */
  double bottom = 0;
  size_t note = 0;
  for (size_t r = 0; r < L->row_count; r++) {
    const cjm_flow_row *row = &L->rows[r];
    assert_true(row->top >= bottom);
    double lowest = 0;
    for (size_t i = row->first_node; i < row->first_node + row->node_count; i++) {
      const cjm_map_rect *n = &L->nodes[i].rect;
      assert_true(n->y > row->top && n->y >= bottom);
      if (i > row->first_node) {
        const cjm_map_rect *prev = &L->nodes[i - 1].rect;
        assert_true(n->x >= prev->x + prev->w + CJM_FLOW_STEP_GAP - 1e-6);
      }
      lowest = fmax(lowest, n->y + n->h);
      for (; note < L->note_count && L->notes[note].node == i; note++) {
        const cjm_map_rect *t = &L->notes[note].rect;
        assert_true(t->y >= n->y + n->h);
        lowest = fmax(lowest, t->y + t->h);
      }
    }
    assert_true(row->bottom >= lowest && row->bottom > row->top);
    bottom = row->bottom;
  }
  assert_true(L->height >= bottom);
  /* no two boxes overlap */
  for (size_t i = 0; i < L->node_count; i++) {
    for (size_t k = i + 1; k < L->node_count; k++) assert_false(overlap(&L->nodes[i].rect, &L->nodes[k].rect));
    for (size_t k = 0; k < L->note_count; k++) assert_false(overlap(&L->nodes[i].rect, &L->notes[k].rect));
  }
  assert_boxes(L);
  /* an edge to the next step runs straight along its row, or wraps to the
     next row's first step, coming in from the left */
  size_t wraps = 0;
  for (size_t i = 0; i < L->edge_count; i++) {
    const cjm_flow_edge *e = &L->edges[i];
    assert_true(e->point_count >= 4 && e->point_count <= CJM_FLOW_SPLINE_POINTS && (e->point_count - 1) % 3 == 0);
    if (e->to != e->from + 1 || e->back) continue;
    const cjm_map_rect *b = &L->nodes[e->to].rect;
    assert_true(fabs(e->arrow_x - b->x) < 1e-6 && e->arrow_y > b->y && e->arrow_y < b->y + b->h);
    if (L->nodes[e->from].row == L->nodes[e->to].row) {
      assert_int_equal(e->point_count, 4);
      assert_true(fabs(e->spline[1] - e->spline[7]) < 1e-6);
    } else {
      wraps++;
    }
  }
  assert_int_equal(wraps, L->row_count - 1);
  cjm_flow_layout_free(L);
  journey_free(j);
  free(text);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rows_in_order),
      cmocka_unit_test(test_blueprint_lines),
      cmocka_unit_test(test_no_blueprint_without_its_lanes),
      cmocka_unit_test(test_columns_and_stage_cells),
      cmocka_unit_test(test_items_and_colours),
      cmocka_unit_test(test_curve_gaps_and_bridges),
      cmocka_unit_test(test_scale),
      cmocka_unit_test(test_shared_stage_level),
      cmocka_unit_test(test_persona_colours_distinct_and_readable),
      cmocka_unit_test(test_only_one_persona),
      cmocka_unit_test(test_single_persona_no_colour),
      cmocka_unit_test(test_empty_journey),
      cmocka_unit_test(test_large_journey),
      cmocka_unit_test(test_flow_nodes_and_edges),
      cmocka_unit_test(test_flow_persona_and_detail),
      cmocka_unit_test(test_flow_short_journey_one_row),
      cmocka_unit_test(test_flow_long_journey_rows),
      cmocka_unit_test(test_flow_wide_stage),
      cmocka_unit_test(test_flow_placed_rows),
  };
  return cmocka_run_group_tests(tests, NULL, leftovers_free);
}
