/* Unit tests for the themes of the pictures (graphviz/style.h) and the
 * parts and pages of a journey (graphviz/pages.h): every text colour of
 * every theme against every background it is drawn on, at the WCAG AA
 * contrast of 4.5:1, read from the theme tables themselves, with no
 * exception;
 * persona colours made readable on every tint they are written on; the
 * print theme greyscale-safe (its feel scale runs dark to light, and two
 * persona curves never share both dash and lightness); the light theme
 * as cjm always drew; and how --split cuts a journey into pages. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "runtime/render/graphviz/pages.h"
#include "runtime/render/graphviz/style.h"
#include "tests/journey.h"

/* A text colour and a background it is drawn on, by field. */
typedef struct pair {
  const char *what;
  size_t text, background; /* offsets of const char * fields in cjm_gv_theme */
} pair;

#define F(field) offsetof(cjm_gv_theme, field)
#define PAIR(t, b) {#t " on " #b, F(t), F(b)}

/* Every (text, background) the views draw, but the lane tints (below). */
static const pair pairs[] = {
    /* the header, the legend and the flow's title, on the page */
    PAIR(ink, background), PAIR(ink_muted, background), PAIR(ink_strong, background), PAIR(ink_soft, background),
    PAIR(ink_quiet, background),
    /* persona cards */
    PAIR(ink, card_fill), PAIR(ink_muted, card_fill), PAIR(ink_quiet, card_fill),
    /* a persona's name in a cell without a card, on either row */
    PAIR(ink, row_band), PAIR(ink, row_band_alt),
    /* stage headings, the status pill */
    PAIR(stage_ink, stage_fill), PAIR(stage_summary, stage_fill), PAIR(stage_alert, stage_fill),
    PAIR(status_ink, status_as_is), PAIR(status_ink, status_to_be),
    /* cells */
    PAIR(ink_strong, step_fill), PAIR(channel_ink, channel_fill), PAIR(ink, entry_fill),
    PAIR(met_ink, met_fill), PAIR(missed_ink, missed_fill), PAIR(unjudged_ink, unjudged_fill),
    PAIR(ink_quiet, met_fill), PAIR(ink_quiet, missed_fill), PAIR(ink_quiet, unjudged_fill),
    /* row headings */
    PAIR(ink_strong, heading_fill), PAIR(ink_strong, actions_heading), PAIR(ink_strong, channels_heading),
    PAIR(ink_strong, curve_heading), PAIR(ink_strong, metrics_heading),
    /* the scale's ticks, on the curve's heading; words on the curve */
    PAIR(ink_muted, curve_heading), PAIR(ink_soft, curve_heading), PAIR(ink_soft, curve_negative),
    PAIR(ink_soft, curve_positive), PAIR(earlier_ink, curve_negative),
    /* the blueprint lines' names */
    PAIR(blueprint_ink, blueprint_pill),
    /* a diff's marks */
    PAIR(removed_ink, removed_fill), PAIR(removed_ink, curve_negative), PAIR(removed_ink, background),
    PAIR(ink, added_tint), PAIR(ink_strong, changed_tint), PAIR(ink_soft, changed_tint),
    PAIR(ink_muted, changed_tint),
    /* the flow */
    PAIR(flow_stage_ink, flow_cluster), PAIR(flow_stage_ink, flow_cluster_placed), PAIR(ink, flow_no_feel),
    PAIR(ink, pain_note), PAIR(ink, opportunity_note), PAIR(ink_muted, pain_note), PAIR(ink_muted, opportunity_note),
};

static const char *field(const cjm_gv_theme *t, size_t offset) {
  return *(const char *const *)((const char *)t + offset);
}

/* "white" as the "#rrggbb" the contrast reads. */
static const char *rgb(const char *colour) { return strcmp(colour, "white") == 0 ? "#ffffff" : colour; }

static void test_every_text_on_its_background(void **state) {
  (void)state;
  size_t count;
  const cjm_gv_theme *const *themes = cjm_gv_themes(&count);
  assert_int_equal(count, 3);
  for (size_t k = 0; k < count; k++) {
    const cjm_gv_theme *t = themes[k];
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
      double c = cjm_gv_contrast(rgb(field(t, pairs[i].text)), rgb(field(t, pairs[i].background)));
      if (c >= CJM_GV_MIN_CONTRAST) continue;
      fail_msg("theme %s: %s is %.2f:1 (%s on %s)", t->name, pairs[i].what, c, field(t, pairs[i].text),
               field(t, pairs[i].background));
    }
    /* entries on their lane's tint, headings on theirs */
    for (size_t l = 0; l < sizeof t->lane_tint / sizeof t->lane_tint[0]; l++) {
      double c = cjm_gv_contrast(t->ink, t->lane_tint[l]);
      if (c < CJM_GV_MIN_CONTRAST) fail_msg("theme %s: ink on lane tint %zu is %.2f:1", t->name, l, c);
      c = cjm_gv_contrast(t->ink_strong, t->heading_tint[l]);
      if (c < CJM_GV_MIN_CONTRAST) fail_msg("theme %s: heading on tint %zu is %.2f:1", t->name, l, c);
    }
  }
}

/* A step's label on every colour of the feel scale, in the themes that
 * choose its ink by contrast (the light one keeps its rule: white beyond
 * 0.7 of the way to either end). */
static void test_flow_labels_on_feel_colours(void **state) {
  (void)state;
  for (cjm_theme k = CJM_THEME_DARK; k <= CJM_THEME_PRINT; k++) {
    const cjm_gv_theme *t = cjm_gv_theme_of(k);
    assert_true(t->feel_ink_by_contrast);
    for (int s = 0; s <= 40; s++) {
      char fill[8];
      cjm_gv_theme_feel_colour(t, fill, -1 + s * 0.05);
      double c = fmax(cjm_gv_contrast(t->flow_feel_ink, fill), cjm_gv_contrast(t->flow_feel_ink_strong, fill));
      if (c < CJM_GV_MIN_CONTRAST) fail_msg("theme %s: a label on %s is %.2f:1", t->name, fill, c);
    }
  }
}

/* Persona colours as text: darkened or lightened to 4.5:1 on every tint
 * a persona's words are written on, in every theme. */
static void test_persona_ink_on_every_tint(void **state) {
  (void)state;
  size_t count;
  const cjm_gv_theme *const *themes = cjm_gv_themes(&count);
  for (size_t k = 0; k < count; k++) {
    const cjm_gv_theme *t = themes[k];
    const char *backgrounds[16] = {t->card_fill, t->row_band, t->curve_negative, t->pain_note, t->opportunity_note};
    size_t n = 5;
    for (size_t l = 0; l < 11; l++) backgrounds[n++] = t->lane_tint[l];
    for (size_t p = 0; p < CJM_GV_PERSONA_COLOURS; p++)
      for (size_t b = 0; b < n; b++) {
        char ink[8];
        cjm_gv_ink_on(ink, cjm_gv_theme_persona_colour(t, p), rgb(backgrounds[b]));
        double c = cjm_gv_contrast(ink, rgb(backgrounds[b]));
        if (c < CJM_GV_MIN_CONTRAST)
          fail_msg("theme %s: persona %zu as %s on %s is %.2f:1", t->name, p, ink, backgrounds[b], c);
      }
  }
}

/* The relative luminance of "#rrggbb", through the contrast with black. */
static double luminance(const char *colour) { return cjm_gv_contrast(colour, "#000000") * 0.05 - 0.05; }

/* Print: greyscale-safe. Persona curves differ by dash from the two
 * before them, and two of the first twelve with one dash differ in
 * lightness by at least 1.5:1; the feel scale grows lighter from end to
 * end, so that a grey print still orders it. */
static void test_print_is_greyscale_safe(void **state) {
  (void)state;
  const cjm_gv_theme *t = cjm_gv_theme_of(CJM_THEME_PRINT);
  for (size_t a = 0; a < CJM_GV_PERSONA_COLOURS; a++) {
    for (size_t b = a + 1; b < a + 3; b++)
      assert_string_not_equal(cjm_gv_theme_persona_dash(t, a), cjm_gv_theme_persona_dash(t, b));
    for (size_t b = a + 1; b < CJM_GV_PERSONA_COLOURS; b++) {
      if (strcmp(cjm_gv_theme_persona_dash(t, a), cjm_gv_theme_persona_dash(t, b)) != 0) continue;
      double c = cjm_gv_contrast(cjm_gv_theme_persona_colour(t, a), cjm_gv_theme_persona_colour(t, b));
      if (c < 1.5) fail_msg("print: personas %zu and %zu share a dash and differ by %.2f:1 only", a, b, c);
    }
  }
  double last = -1;
  for (int s = 0; s <= 20; s++) {
    char fill[8];
    cjm_gv_theme_feel_colour(t, fill, -1 + s * 0.1);
    double l = luminance(fill);
    assert_true(l > last);
    last = l;
  }
}

/* A diff's marks: each has its colour and tint in every theme (the
 * theme's own: added, changed, removed), and no mark has none; the light
 * theme's are those of cjm_gv_mark_colour and cjm_gv_mark_tint. */
static void test_marks_in_every_theme(void **state) {
  (void)state;
  for (cjm_theme k = CJM_THEME_LIGHT; k <= CJM_THEME_PRINT; k++) {
    const cjm_gv_theme *t = cjm_gv_theme_of(k);
    assert_string_equal(cjm_gv_theme_mark_colour(t, CJM_MARK_ADDED), t->added);
    assert_string_equal(cjm_gv_theme_mark_colour(t, CJM_MARK_CHANGED), t->changed);
    assert_string_equal(cjm_gv_theme_mark_colour(t, CJM_MARK_REMOVED), t->removed);
    assert_null(cjm_gv_theme_mark_colour(t, CJM_MARK_NONE));
    assert_string_equal(cjm_gv_theme_mark_tint(t, CJM_MARK_ADDED), t->added_tint);
    assert_string_equal(cjm_gv_theme_mark_tint(t, CJM_MARK_CHANGED), t->changed_tint);
    assert_string_equal(cjm_gv_theme_mark_tint(t, CJM_MARK_REMOVED), t->removed_fill);
    assert_null(cjm_gv_theme_mark_tint(t, CJM_MARK_NONE));
    assert_string_not_equal(t->added, t->removed);
  }
  const cjm_gv_theme *light = cjm_gv_theme_of(CJM_THEME_LIGHT);
  for (cjm_mark m = CJM_MARK_NONE; m <= CJM_MARK_REMOVED; m++) {
    const char *colour = cjm_gv_mark_colour(m), *tint = cjm_gv_mark_tint(m);
    if (m == CJM_MARK_NONE) {
      assert_null(colour);
      assert_null(tint);
    } else {
      assert_string_equal(colour, cjm_gv_theme_mark_colour(light, m));
      assert_string_equal(tint, cjm_gv_theme_mark_tint(light, m));
    }
  }
}

/* The light theme is the colours cjm always drew in, and the default. */
static void test_light_is_the_default(void **state) {
  (void)state;
  const cjm_gv_theme *t = cjm_gv_theme_of((cjm_theme)0);
  assert_string_equal(t->name, "light");
  assert_string_equal(t->background, "white");
  assert_string_equal(cjm_gv_persona_colour(0), "#2563eb");
  assert_string_equal(cjm_gv_theme_persona_dash(t, 12), "dashed");
  assert_string_equal(cjm_gv_theme_persona_dash(t, 1), "solid");
  assert_string_equal(cjm_gv_theme_lane_tint(t, "pain"), "#fee2e2");
  assert_string_equal(cjm_gv_theme_lane_tint(t, "my_lane"), "#f3f4f6");
  assert_string_equal(cjm_gv_theme_of(CJM_THEME_DARK)->name, "dark");
  /* an ink already readable stays as it is; on a dark background a dark
     colour is lightened, its hue kept */
  char ink[8];
  assert_string_equal(cjm_gv_ink_on(ink, "#2563eb", "#ffffff"), "#2563eb");
  cjm_gv_ink_on(ink, "#2563eb", "#0f172a");
  assert_true(cjm_gv_contrast(ink, "#0f172a") >= CJM_GV_MIN_CONTRAST);
  assert_true(luminance(ink) > luminance("#2563eb"));
}

/* ---- parts and pages ------------------------------------------------------- */

static const char paged_journey[] =
    "journey \"Paged\"\n"
    "stage a \"A\"\n"
    "  step a1 \"A1\"\n"
    "  step a2 \"A2\"\n"
    "stage b \"B\"\n"
    "  step b1 \"B1\"\n"
    "stage c \"C\"\n"
    "  step c1 \"C1\"\n"
    "  step c2 \"C2\"\n"
    "  step c3 \"C3\"\n"
    "  step c4 \"C4\"\n"
    "  step c5 \"C5\"\n"
    "stage d \"D\"\n"
    "stage e \"E\"\n"
    "  step e1 \"E1\"\n";

/* Checks page i: stages first..last, first_step, end_step. */
static void expect_page(const cjm_render_part *p, size_t first, size_t last, size_t first_step, size_t end_step) {
  assert_true(p->set);
  assert_int_equal(p->first_stage, first);
  assert_int_equal(p->last_stage, last);
  assert_int_equal(p->first_step, first_step);
  assert_int_equal(p->end_step, end_step);
}

static void test_pages(void **state) {
  (void)state;
  journey *j = journey_from_text(paged_journey, NULL);
  cjm_render_part whole = {0};
  size_t count;
  /* 3 a page: a+b fit (3), c (5) on pages of its own, 3 then 2, its
     last piece joined by d (no steps: one column), then e alone */
  cjm_render_part *pages = cjm_gv_pages(j->model, &whole, 3, &count);
  assert_int_equal(count, 4);
  expect_page(&pages[0], 0, 1, 0, 1);
  expect_page(&pages[1], 2, 2, 0, 3);
  expect_page(&pages[2], 2, 3, 3, 0);
  expect_page(&pages[3], 4, 4, 0, 1);
  /* a view of the third page: c's last two steps, then d */
  cjm_gv_part_view view;
  const cjm_model *m = cjm_gv_part_view_open(&view, j->model, &pages[2]);
  assert_int_equal(m->stage_count, 2);
  assert_int_equal(m->stages[0]->step_count, 2);
  assert_string_equal(m->stages[0]->steps[0]->decl.id, "c4");
  assert_ptr_equal(m->stages[1], j->model->stages[3]);
  assert_int_equal(m->step_count, j->model->step_count); /* every step stays listed */
  cjm_gv_part_view_close(&view);
  free(pages);
  /* the whole journey on one page */
  pages = cjm_gv_pages(j->model, &whole, 100, &count);
  assert_int_equal(count, 1);
  expect_page(&pages[0], 0, 4, 0, 1);
  free(pages);
  /* --stages b..d, one step a page */
  cjm_render_part range = {.set = true, .first_stage = 1, .last_stage = 3, .end_step = SIZE_MAX};
  pages = cjm_gv_pages(j->model, &range, 1, &count);
  assert_int_equal(count, 7);
  expect_page(&pages[0], 1, 1, 0, 1);
  expect_page(&pages[1], 2, 2, 0, 1);
  expect_page(&pages[5], 2, 2, 4, 5);
  expect_page(&pages[6], 3, 3, 0, 0);
  free(pages);
  /* no part: the model itself */
  assert_ptr_equal(cjm_gv_part_view_open(&view, j->model, &whole), j->model);
  cjm_gv_part_view_close(&view);
  journey_free(j);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_every_text_on_its_background),
      cmocka_unit_test(test_flow_labels_on_feel_colours),
      cmocka_unit_test(test_persona_ink_on_every_tint),
      cmocka_unit_test(test_print_is_greyscale_safe),
      cmocka_unit_test(test_light_is_the_default),
      cmocka_unit_test(test_marks_in_every_theme),
      cmocka_unit_test(test_pages),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
