/* Unit tests for the model builder on in-memory journeys: who a feel or a
 * lane entry speaks for, duplicates, unknown references with suggestions,
 * the emotion scale, misplaced entries, bad values, step order and flow,
 * metrics, and the journey's own settings. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "runtime/base/strbuf.h"
#include "runtime/core/present.h"
#include "tests/journey.h"

/* The journey written in a string literal, as the file "m.cjm", its
 * errors kept for the test to look at. */
#define BUILD(s) journey_from_text_n((s), LIT_LEN(s), &(journey_options){.name = "m.cjm", .errors = true})

static const char *name(const journey *b, const char *s) {
  return cjm_intern_cstr(b->program->names, s);
}

static cjm_step *step(const journey *b, const char *id) {
  cjm_step *s = cjm_model_step(b->model, name(b, id));
  assert_non_null(s);
  return s;
}

static cjm_stage *stage(const journey *b, const char *id) {
  cjm_stage *s = cjm_model_stage(b->model, name(b, id));
  assert_non_null(s);
  return s;
}

static cjm_persona *persona(const journey *b, const char *id) {
  cjm_persona *p = cjm_model_persona(b->model, name(b, id));
  assert_non_null(p);
  return p;
}

/* Asserts that speakers are exactly the personas named, in order. */
static void expect_speakers(const journey *b, const cjm_speakers *s, cjm_speaker_source source,
                            const char *first, const char *second) {
  assert_int_equal(s->source, source);
  assert_int_equal(s->count, second ? 2 : 1);
  assert_ptr_equal(s->items[0], persona(b, first));
  if (second) assert_ptr_equal(s->items[1], persona(b, second));
}

/* ---- who a feel speaks for ------------------------------------------------------ */

static const char speakers_src[] =
    "persona mia\n"
    "persona bob\n"
    "stage one\n"
    "  by bob\n"
    "  feel 1\n"
    "  pain \"stage pain\"\n"
    "  step explicit by mia\n"
    "    feel -1 for bob\n"
    "    pain \"p\" for bob\n"
    "  step by_step by mia\n"
    "    feel 2\n"
    "    thought \"t\"\n"
    "  step by_stage\n"
    "    feel 0\n"
    "    need \"n\"\n"
    "stage two\n"
    "  feel 1\n"
    "  step to_all\n"
    "    feel 1\n"
    "    note \"x\"\n";

static void feel_for_persona_wins(void **state) {
  (void)state;
  journey *b = BUILD(speakers_src);
  expect_no_diags(b->diags);
  const cjm_moment *m = &step(b, "explicit")->moment;
  assert_int_equal(m->feel_count, 1);
  assert_true(m->feels[0].score == -1);
  expect_speakers(b, &m->feels[0].speakers, CJM_SPEAKERS_FOR, "bob", NULL);
  assert_int_equal(m->entry_count, 1);
  expect_speakers(b, &m->entries[0].speakers, CJM_SPEAKERS_FOR, "bob", NULL);
  journey_free(b);
}

static void feel_defaults_to_step_by(void **state) {
  (void)state;
  journey *b = BUILD(speakers_src);
  const cjm_moment *m = &step(b, "by_step")->moment;
  expect_speakers(b, &m->feels[0].speakers, CJM_SPEAKERS_STEP_BY, "mia", NULL);
  expect_speakers(b, &m->entries[0].speakers, CJM_SPEAKERS_STEP_BY, "mia", NULL);
  assert_string_equal(m->entries[0].lane->decl.id, "thought");
  journey_free(b);
}

static void feel_defaults_to_stage_by(void **state) {
  (void)state;
  journey *b = BUILD(speakers_src);
  const cjm_moment *m = &step(b, "by_stage")->moment;
  expect_speakers(b, &m->feels[0].speakers, CJM_SPEAKERS_STAGE_BY, "bob", NULL);
  expect_speakers(b, &m->entries[0].speakers, CJM_SPEAKERS_STAGE_BY, "bob", NULL);
  /* The stage's own entries speak for its `by` too. */
  const cjm_moment *sm = &stage(b, "one")->moment;
  assert_int_equal(sm->feel_count, 1);
  expect_speakers(b, &sm->feels[0].speakers, CJM_SPEAKERS_STAGE_BY, "bob", NULL);
  expect_speakers(b, &sm->entries[0].speakers, CJM_SPEAKERS_STAGE_BY, "bob", NULL);
  journey_free(b);
}

static void feel_defaults_to_all_personas(void **state) {
  (void)state;
  journey *b = BUILD(speakers_src);
  const cjm_moment *m = &step(b, "to_all")->moment;
  expect_speakers(b, &m->feels[0].speakers, CJM_SPEAKERS_EVERYONE, "mia", "bob");
  expect_speakers(b, &m->entries[0].speakers, CJM_SPEAKERS_EVERYONE, "mia", "bob");
  expect_speakers(b, &stage(b, "two")->moment.feels[0].speakers, CJM_SPEAKERS_EVERYONE, "mia", "bob");
  journey_free(b);
}

static void feel_defaults_to_the_only_persona(void **state) {
  (void)state;
  journey *b = BUILD("persona solo\nstage s\n  feel 1\n  step a\n    feel -2 \"low\"\n    pain \"x\"\n");
  expect_no_diags(b->diags);
  const cjm_moment *m = &step(b, "a")->moment;
  assert_string_equal(m->feels[0].word, "low");
  expect_speakers(b, &m->feels[0].speakers, CJM_SPEAKERS_EVERYONE, "solo", NULL);
  expect_speakers(b, &m->entries[0].speakers, CJM_SPEAKERS_EVERYONE, "solo", NULL);
  expect_speakers(b, &stage(b, "s")->moment.feels[0].speakers, CJM_SPEAKERS_EVERYONE, "solo", NULL);
  /* Speaking for a persona is using it. */
  assert_true(persona(b, "solo")->decl.used);
  journey_free(b);
}

static void feel_without_personas_speaks_for_nobody(void **state) {
  (void)state;
  journey *b = BUILD("stage s\n  step a\n    feel 1\n");
  expect_no_diags(b->diags);
  const cjm_moment *m = &step(b, "a")->moment;
  assert_int_equal(m->feel_count, 1);
  assert_int_equal(m->feels[0].speakers.count, 0);
  assert_int_equal(m->feels[0].speakers.source, CJM_SPEAKERS_EVERYONE);
  journey_free(b);
}

static void by_and_via_resolve_once_each(void **state) {
  (void)state;
  journey *b = BUILD("persona a\npersona c\nchannel web\nchannel app\n"
                     "stage s\n  step x by c, a, c via app\n    via web, app\n");
  expect_no_diags(b->diags);
  const cjm_moment *m = &step(b, "x")->moment;
  assert_int_equal(m->by_count, 2);
  assert_ptr_equal(m->by[0], persona(b, "c"));
  assert_ptr_equal(m->by[1], persona(b, "a"));
  assert_int_equal(m->via_count, 2);
  assert_string_equal(m->via[0]->decl.id, "app");
  assert_string_equal(m->via[1]->decl.id, "web");
  assert_true(m->via[0]->decl.used);
  journey_free(b);
}

/* ---- declarations ------------------------------------------------------------------ */

static void declarations_in_order_with_labels(void **state) {
  (void)state;
  journey *b = BUILD("persona mia \"Mia\"\n  role \"Student\"\n  goal \"A phone\"\n"
                     "persona acme\n  kind company\n"
                     "channel web \"Web\"\n  owner \"Team\"\n"
                     "lane backstage \"Back office\"\n");
  expect_no_diags(b->diags);
  const cjm_model *m = b->model;
  assert_int_equal(m->persona_count, 2);
  assert_string_equal(m->personas[0]->decl.id, "mia");
  assert_string_equal(m->personas[0]->decl.label, "Mia");
  assert_int_equal(m->personas[0]->decl.index, 0);
  assert_int_equal(m->personas[0]->kind, CJM_PERSON);
  assert_int_equal(m->personas[0]->attr_count, 2);
  assert_string_equal(m->personas[0]->attrs[0].key, "role");
  assert_string_equal(m->personas[0]->attrs[0].value, "Student");
  assert_string_equal(m->personas[0]->attrs[1].key, "goal");
  /* The label defaults to the identifier. */
  assert_string_equal(m->personas[1]->decl.label, "acme");
  assert_ptr_equal(m->personas[1]->decl.label, m->personas[1]->decl.id);
  assert_int_equal(m->personas[1]->kind, CJM_COMPANY);
  assert_int_equal(m->personas[1]->decl.index, 1);
  assert_int_equal(m->personas[0]->decl.loc.line, 1);
  assert_int_equal(m->personas[0]->decl.loc.col, 9);
  assert_false(m->personas[0]->decl.from_stdlib);
  assert_int_equal(m->channel_count, 1);
  assert_int_equal(m->channels[0]->attr_count, 1);
  assert_string_equal(m->channels[0]->attrs[0].value, "Team");

  /* Built-in lanes first, in their documented order, then declared ones. */
  const char *const *builtins = cjm_builtin_lanes();
  static const char *const lanes[] = {"action", "touchpoint", "thought", "need",
                                      "pain",   "opportunity", "note"};
  for (size_t i = 0; i < 7; i++) assert_string_equal(builtins[i], lanes[i]);
  assert_null(builtins[7]);
  assert_int_equal(m->lane_count, 8);
  for (size_t i = 0; i < 7; i++) {
    assert_string_equal(m->lanes[i]->decl.id, lanes[i]);
    assert_true(m->lanes[i]->builtin);
    assert_null(m->lanes[i]->decl.block);
  }
  assert_string_equal(m->lanes[7]->decl.id, "backstage");
  assert_string_equal(m->lanes[7]->decl.label, "Back office");
  assert_false(m->lanes[7]->builtin);
  journey_free(b);
}

static void duplicate_declarations(void **state) {
  (void)state;
  journey *b = BUILD("persona p\n"            /* 1 */
                     "channel p\n"            /* 2: another kind, fine */
                     "persona p \"Again\"\n"  /* 3 */
                     "lane pain\n"            /* 4: a built-in */
                     "stage s\n"              /* 5 */
                     "  step a\n"             /* 6 */
                     "stage t\n"              /* 7 */
                     "  step a\n");           /* 8 */
  expect_diags(b->diags, ARRAY(want_diag, {"duplicate", 3, 9, "persona 'p' is already declared"},
                                          {"duplicate", 4, 6, "lane 'pain' is already declared"},
                                          {"duplicate", 8, 8, "step 'a' is already declared"}));
  const cjm_diag *d = diag_at(b->diags, 0);
  assert_int_equal(d->note_count, 1);
  assert_string_equal(d->notes[0].message, "'p' was first declared here");
  assert_int_equal(d->notes[0].loc.line, 1);
  assert_int_equal(d->notes[0].loc.col, 9);
  assert_string_equal(diag_at(b->diags, 1)->notes[0].message, "'pain' is a built-in lane");
  assert_null(diag_at(b->diags, 1)->notes[0].loc.source);
  assert_int_equal(diag_at(b->diags, 2)->notes[0].loc.line, 6);
  /* The first declarations stand. */
  assert_int_equal(b->model->persona_count, 1);
  assert_string_equal(b->model->personas[0]->decl.label, "p");
  assert_int_equal(b->model->step_count, 1);
  assert_ptr_equal(step(b, "a")->stage, stage(b, "s"));
  assert_int_equal(stage(b, "t")->step_count, 0);
  journey_free(b);
}

static void second_journey(void **state) {
  (void)state;
  journey *b = BUILD("journey \"A\"\njourney \"B\"\n");
  expect_diags(b->diags, ARRAY(want_diag, {"duplicate", 2, 1, "a second journey; a file tree holds at most one"}));
  assert_int_equal(diag_at(b->diags, 0)->notes[0].loc.line, 1);
  assert_string_equal(b->model->journey.title, "A");
  journey_free(b);
}

/* ---- unknown references ------------------------------------------------------------- */

static void unknown_persona_with_suggestion(void **state) {
  (void)state;
  journey *b = BUILD("persona cfo \"CFO\"\nstage s\n  step demo \"Demo\" by ceo\n");
  expect_diags(b->diags, ARRAY(want_diag, {"unknown-ref", 3, 23, "unknown persona 'ceo'"}));
  const cjm_diag *d = diag_at(b->diags, 0);
  assert_int_equal(d->loc.end_col, 26);
  assert_int_equal(d->note_count, 1);
  assert_string_equal(d->notes[0].message, "did you mean 'cfo'?");
  assert_int_equal(d->notes[0].loc.line, 1);
  assert_int_equal(d->notes[0].loc.col, 9);
  assert_int_equal(step(b, "demo")->moment.by_count, 0);
  journey_free(b);
}

static void unknown_references_of_every_kind(void **state) {
  (void)state;
  journey *b = BUILD("persona mia\n"                 /* 1 */
                     "channel web\n"                 /* 2 */
                     "metric nps\n"                  /* 3 */
                     "stage s\n"                     /* 4 */
                     "  step a via wbe\n"            /* 5 */
                     "    pian \"x\"\n"              /* 6 */
                     "    measure npss 3\n"          /* 7 */
                     "    feel 1 for mai\n"          /* 8 */
                     "    next b, zzzzzz\n"          /* 9 */
                     "  step b by nobody_at_all\n"); /* 10 */
  expect_diags(b->diags, ARRAY(want_diag, {"unknown-ref", 5, 14, "unknown channel 'wbe'"},
                                          {"unknown-ref", 6, 5, "unknown lane 'pian'"},
                                          {"unknown-ref", 7, 13, "unknown metric 'npss'"},
                                          {"unknown-ref", 8, 16, "unknown persona 'mai'"},
                                          {"unknown-ref", 9, 13, "unknown step 'zzzzzz'"},
                                          {"unknown-ref", 10, 13, "unknown persona 'nobody_at_all'"}));
  assert_string_equal(diag_at(b->diags, 0)->notes[0].message, "did you mean 'web'?");
  /* A built-in lane has no declaration to point at. */
  assert_string_equal(diag_at(b->diags, 1)->notes[0].message, "did you mean 'pain'?");
  assert_null(diag_at(b->diags, 1)->notes[0].loc.source);
  assert_string_equal(diag_at(b->diags, 2)->notes[0].message, "did you mean 'nps'?");
  assert_string_equal(diag_at(b->diags, 3)->notes[0].message, "did you mean 'mia'?");
  assert_int_equal(diag_at(b->diags, 4)->note_count, 0);
  assert_int_equal(diag_at(b->diags, 5)->note_count, 0);
  /* What resolved is kept; what did not is left out. */
  const cjm_step *a = step(b, "a");
  assert_int_equal(a->moment.via_count, 0);
  assert_int_equal(a->moment.entry_count, 0);
  assert_int_equal(a->moment.measure_count, 0);
  assert_int_equal(a->moment.feel_count, 0);
  assert_int_equal(a->next_count, 1);
  assert_ptr_equal(a->next[0], step(b, "b"));
  journey_free(b);
}

/* ---- the scale ------------------------------------------------------------------ */

static void feel_outside_default_scale(void **state) {
  (void)state;
  journey *b = BUILD("journey \"J\"\nstage s\n  step a\n    feel 3\n  step c\n    feel -2.5\n"
                     "  step d\n    feel -2\n    feel 2\n");
  expect_diags(b->diags, ARRAY(want_diag, {"scale", 4, 10, "feel 3 is outside the journey's scale -2..2"},
                                          {"scale", 6, 10, "feel -2.5 is outside the journey's scale -2..2"}));
  assert_int_equal(diag_at(b->diags, 0)->note_count, 1);
  assert_int_equal(diag_at(b->diags, 0)->notes[0].loc.line, 1);
  assert_int_equal(step(b, "a")->moment.feel_count, 0);
  /* The bounds themselves are inside. */
  assert_int_equal(step(b, "d")->moment.feel_count, 2);
  journey_free(b);
}

static void feel_on_custom_scale(void **state) {
  (void)state;
  journey *b = BUILD("journey \"J\"\n  scale 1..5\nstage s\n  step a\n"
                     "    feel 0\n    feel 5\n    feel 1\n    feel 4.5\n");
  assert_true(b->model->journey.scale_min == 1);
  assert_true(b->model->journey.scale_max == 5);
  expect_diags(b->diags, ARRAY(want_diag, {"scale", 5, 10, "feel 0 is outside the journey's scale 1..5"}));
  assert_int_equal(step(b, "a")->moment.feel_count, 3);
  assert_true(step(b, "a")->moment.feels[2].score == 4.5);
  journey_free(b);
}

static void feel_as_percentage(void **state) {
  (void)state;
  journey *b = BUILD("stage s\n  feel 1%\n");
  expect_diags(b->diags, ARRAY(want_diag, {"scale", 2, 8, "a feel score is a plain number, not a percentage"}));
  journey_free(b);
}

static void scale_min_not_below_max(void **state) {
  (void)state;
  journey *b = BUILD("journey \"J\"\n  scale 2..2\n");
  expect_diags(b->diags, ARRAY(want_diag, {"scale", 2, 3, "scale 2..2 is empty; MIN must be below MAX"}));
  /* The default stays. */
  assert_true(b->model->journey.scale_min == -2);
  assert_true(b->model->journey.scale_max == 2);
  journey_free(b);

  b = BUILD("journey \"J\"\n  scale 5..1\nstage s\n  feel 2\n");
  expect_diags(b->diags, ARRAY(want_diag, {"scale", 2, 3, "scale 5..1 is empty; MIN must be below MAX"}));
  journey_free(b);
}

static void scale_given_twice(void **state) {
  (void)state;
  journey *b = BUILD("journey \"J\"\n  scale 1..5\n  scale 0..10\n");
  expect_diags(b->diags, ARRAY(want_diag, {"duplicate", 3, 3, "'scale' is already given"}));
  assert_int_equal(diag_at(b->diags, 0)->notes[0].loc.line, 2);
  assert_true(b->model->journey.scale_max == 5);
  journey_free(b);
}

/* ---- misplaced entries and bad values --------------------------------------------------- */

static void misplaced_entries(void **state) {
  (void)state;
  journey *b = BUILD("journey \"J\"\n"       /* 1 */
                     "  feel 1\n"            /* 2 */
                     "persona p\n"           /* 3 */
                     "  via web\n"           /* 4 */
                     "  role \"r\" for p\n"  /* 5 */
                     "channel web\n"         /* 6 */
                     "lane l\n"              /* 7 */
                     "  goal \"g\"\n"        /* 8 */
                     "metric m\n"            /* 9 */
                     "  kind person\n"       /* 10 */
                     "stage s\n"             /* 11 */
                     "  next a\n"            /* 12 */
                     "  status as-is\n"      /* 13 */
                     "  step a\n"            /* 14 */
                     "    unit \"%\"\n");    /* 15 */
  /* First the entries of the blocks that take none of them (0 to 3); the
   * declarations' own entries are read next (4), then stages and steps,
   * whose entries are checked as they are read (5 to 7). */
  expect_diags(b->diags, ARRAY(want_diag,
      {"misplaced", 2, 3, "'feel' is not allowed in a journey; it belongs in: stage, step"},
      {"misplaced", 4, 3, "'via' is not allowed in a persona; it belongs in: stage, step"},
      {"misplaced", 8, 3, "a lane block takes no entries; 'goal' does not belong here"},
      {"misplaced", 10, 3, "'kind' is not allowed in a metric; it belongs in: persona"},
      {"misplaced", 5, 16, "'for' applies to entries of a stage or step, not to a persona attribute"},
      {"misplaced", 12, 3, "'next' is not allowed in a stage; it belongs in: step"},
      {"misplaced", 13, 3, "'status' is not allowed in a stage; it belongs in: journey"},
      {"misplaced", 15, 5, "'unit' is not allowed in a step; it belongs in: metric"}));
  journey_free(b);
}

static void for_on_an_attribute_is_misplaced(void **state) {
  (void)state;
  journey *b = BUILD("persona p\n  role \"r\" for p\n");
  expect_diags(b->diags, ARRAY(want_diag,
      {"misplaced", 2, 16, "'for' applies to entries of a stage or step, not to a persona attribute"}));
  journey_free(b);
}

static void bad_values(void **state) {
  (void)state;
  journey *b = BUILD("journey \"J\"\n  status maybe\n"
                     "persona p\n  kind robot\n"
                     "metric m\n  better more\n");
  expect_diags(b->diags, ARRAY(want_diag, {"bad-value", 2, 10, "'status' must be 'as-is' or 'to-be', not 'maybe'"},
                                          {"bad-value", 4, 8, "'kind' must be 'person' or 'company', not 'robot'"},
                                          {"bad-value", 6, 10, "'better' must be 'higher' or 'lower', not 'more'"}));
  assert_int_equal(b->model->journey.status, CJM_STATUS_UNSET);
  assert_int_equal(b->model->personas[0]->kind, CJM_PERSON);
  assert_int_equal(b->model->metrics[0]->better, CJM_BETTER_UNSET);
  journey_free(b);
}

static void entry_given_twice(void **state) {
  (void)state;
  journey *b = BUILD("journey \"J\"\n  status as-is\n  status to-be\n"
                     "metric m\n  unit \"%\"\n  unit \"s\"\n  target 1\n  target 2\n");
  expect_diags(b->diags, ARRAY(want_diag, {"duplicate", 3, 3, "'status' is already given"},
                                          {"duplicate", 6, 3, "'unit' is already given"},
                                          {"duplicate", 8, 3, "'target' is already given"}));
  assert_int_equal(b->model->journey.status, CJM_STATUS_AS_IS);
  assert_string_equal(b->model->metrics[0]->unit, "%");
  assert_true(b->model->metrics[0]->target == 1);
  journey_free(b);
}

/* ---- steps and flow -------------------------------------------------------------------- */

static const char flow_src[] =
    "stage a\n"
    "  step s1\n"
    "  step s2\n"
    "    next s4\n"
    "  step s3\n"
    "stage b\n"
    "  step s4\n"
    "    next s1, s3, s1\n"
    "  step s5\n";

static void step_order(void **state) {
  (void)state;
  journey *b = BUILD(flow_src);
  expect_no_diags(b->diags);
  const cjm_model *m = b->model;
  static const char *const ids[] = {"s1", "s2", "s3", "s4", "s5"};
  assert_int_equal(m->step_count, 5);
  for (size_t i = 0; i < 5; i++) {
    assert_string_equal(m->steps[i]->decl.id, ids[i]);
    assert_int_equal(m->steps[i]->decl.index, i);
  }
  assert_int_equal(m->stage_count, 2);
  assert_int_equal(m->stages[0]->step_count, 3);
  assert_ptr_equal(m->stages[0]->steps[2], step(b, "s3"));
  assert_ptr_equal(step(b, "s4")->stage, m->stages[1]);
  journey_free(b);
}

static void successors_follow_next_or_order(void **state) {
  (void)state;
  journey *b = BUILD(flow_src);
  const cjm_step *s1 = step(b, "s1"), *s2 = step(b, "s2"), *s3 = step(b, "s3"),
                 *s4 = step(b, "s4"), *s5 = step(b, "s5");
  assert_false(s1->has_next);
  assert_int_equal(s1->successor_count, 1);
  assert_ptr_equal(s1->successors[0], s2);
  assert_true(s2->has_next);
  assert_int_equal(s2->next_count, 1);
  assert_int_equal(s2->successor_count, 1);
  assert_ptr_equal(s2->successors[0], s4);
  /* Without `next`, the following step, across the stage boundary. */
  assert_int_equal(s3->successor_count, 1);
  assert_ptr_equal(s3->successors[0], s4);
  /* `next` lists each step once. */
  assert_int_equal(s4->next_count, 2);
  assert_int_equal(s4->successor_count, 2);
  assert_ptr_equal(s4->successors[0], s1);
  assert_ptr_equal(s4->successors[1], s3);
  /* The last step goes nowhere. */
  assert_int_equal(s5->successor_count, 0);
  journey_free(b);
}

static void step_outside_any_stage_is_checked_but_left_out(void **state) {
  (void)state;
  journey *b = BUILD("persona p\n"
                     "persona q\n"
                     "step orphan by ghost\n"
                     "  feel 1 for q\n"
                     "stage s\n"
                     "  step a by p\n");
  expect_diags(b->diags, ARRAY(want_diag, {"misplaced", 3, 1, "step 'orphan' is outside any stage"},
                                          {"unknown-ref", 3, 16, "unknown persona 'ghost'"}));
  /* Not part of the journey. */
  assert_null(cjm_model_step(b->model, name(b, "orphan")));
  assert_int_equal(b->model->step_count, 1);
  /* Its references still count as uses. */
  assert_true(persona(b, "q")->decl.used);
  journey_free(b);
}

/* ---- metrics and the journey ------------------------------------------------------------ */

static void metrics_and_measures(void **state) {
  (void)state;
  journey *b = BUILD("journey \"J\"\n  measure cvr 2.5%\n"
                     "metric cvr \"Conversion\"\n  unit \"%\"\n  target 3.5\n  better higher\n"
                     "metric wait\n  better lower\n"
                     "metric idle\n"
                     "stage s\n  measure wait 12\n  step a\n    measure cvr 1.8\n");
  expect_no_diags(b->diags);
  const cjm_model *m = b->model;
  assert_int_equal(m->metric_count, 3);
  const cjm_metric *cvr = m->metrics[0], *wait = m->metrics[1], *idle = m->metrics[2];
  assert_string_equal(cvr->decl.label, "Conversion");
  assert_string_equal(cvr->unit, "%");
  assert_true(cvr->has_target);
  assert_true(cvr->target == 3.5);
  assert_int_equal(cvr->better, CJM_BETTER_HIGHER);
  assert_true(cvr->decl.used);
  assert_null(wait->unit);
  assert_false(wait->has_target);
  assert_int_equal(wait->better, CJM_BETTER_LOWER);
  assert_int_equal(idle->better, CJM_BETTER_UNSET);
  assert_false(idle->decl.used);

  assert_int_equal(m->journey.measure_count, 1);
  assert_ptr_equal(m->journey.measures[0].metric, cvr);
  assert_true(m->journey.measures[0].value == 2.5);
  assert_true(m->journey.measures[0].percent);
  assert_int_equal(stage(b, "s")->moment.measure_count, 1);
  assert_ptr_equal(stage(b, "s")->moment.measures[0].metric, wait);
  assert_true(stage(b, "s")->moment.measures[0].value == 12);
  assert_false(stage(b, "s")->moment.measures[0].percent);
  const cjm_measure *ms = &step(b, "a")->moment.measures[0];
  assert_ptr_equal(ms->metric, cvr);
  assert_true(ms->value == 1.8);
  assert_int_equal(ms->loc->line, 13);
  journey_free(b);
}

static void journey_settings(void **state) {
  (void)state;
  journey *b = BUILD("journey \"Buying\"\n  goal \"Find hesitation\"\n  owner \"UX\"\n  status to-be\n  scale -3..3\n");
  expect_no_diags(b->diags);
  const cjm_journey *j = &b->model->journey;
  assert_true(j->declared);
  assert_string_equal(j->title, "Buying");
  assert_int_equal(j->loc.line, 1);
  assert_int_equal(j->status, CJM_STATUS_TO_BE);
  assert_true(j->scale_min == -3);
  assert_true(j->scale_max == 3);
  assert_int_equal(j->attr_count, 2);
  assert_string_equal(j->attrs[0].key, "goal");
  assert_string_equal(j->attrs[0].value, "Find hesitation");
  assert_string_equal(j->attrs[1].key, "owner");
  journey_free(b);
}

static void no_journey_block(void **state) {
  (void)state;
  journey *b = BUILD("stage s\n");
  expect_no_diags(b->diags);
  const cjm_journey *j = &b->model->journey;
  assert_false(j->declared);
  assert_null(j->title);
  assert_int_equal(j->status, CJM_STATUS_UNSET);
  assert_true(j->scale_min == -2);
  assert_true(j->scale_max == 2);
  journey_free(b);
}

static void lookups_by_interned_name(void **state) {
  (void)state;
  journey *b = BUILD("persona \xE5\xB0\x8F\xE7\xBE\x8E\nstage s\n  step a by \xE5\xB0\x8F\xE7\xBE\x8E\n");
  expect_no_diags(b->diags);
  assert_non_null(cjm_model_persona(b->model, name(b, "\xE5\xB0\x8F\xE7\xBE\x8E")));
  assert_null(cjm_model_persona(b->model, name(b, "nobody")));
  assert_null(cjm_model_stage(b->model, name(b, "a")));
  assert_null(cjm_model_step(b->model, name(b, "s")));
  assert_true(persona(b, "\xE5\xB0\x8F\xE7\xBE\x8E")->decl.used);
  journey_free(b);
}

/* ---- reference lists ------------------------------------------------------------------ */

static void lists_are_deduplicated_per_stage_and_step(void **state) {
  (void)state;
  /* Each stage and step has its own lists: a name given in one does not
   * count as given in the next; a reopened stage adds to its lists. */
  journey *b = BUILD("persona a\npersona c\nchannel web\n"
                     "stage s\n  by a, a\n  step x by c, a, c\n    next y, y\n  step y by c via web\n"
                     "    by a, c\n    via web\n"
                     "stage t\n  by c\n"
                     "stage s\n  by c, a\n");
  expect_no_diags(b->diags);
  const cjm_moment *s = &stage(b, "s")->moment;
  assert_int_equal(s->by_count, 2);
  assert_ptr_equal(s->by[0], persona(b, "a"));
  assert_ptr_equal(s->by[1], persona(b, "c"));
  assert_int_equal(stage(b, "t")->moment.by_count, 1);
  const cjm_step *x = step(b, "x");
  assert_int_equal(x->moment.by_count, 2);
  assert_int_equal(x->next_count, 1);
  assert_ptr_equal(x->next[0], step(b, "y"));
  const cjm_moment *y = &step(b, "y")->moment;
  assert_int_equal(y->by_count, 2);
  assert_ptr_equal(y->by[0], persona(b, "c"));
  assert_ptr_equal(y->by[1], persona(b, "a"));
  assert_int_equal(y->via_count, 1);
  journey_free(b);
}

/* A journey of count personas and one stage whose steps t0, t1… name
 * per_step of them each in `by`, every persona once (malloc'd text). */
static char *personas_by_step(size_t count, size_t per_step) {
  cjm_strbuf out = {0};
  for (size_t i = 0; i < count; i++) cjm_strbuf_printf(&out, "persona p%zu\n", i);
  cjm_strbuf_puts(&out, "stage s\n");
  for (size_t i = 0; i < count; i++) {
    if (i % per_step == 0) cjm_strbuf_printf(&out, "\n  step t%zu by p%zu", i / per_step, i);
    else cjm_strbuf_printf(&out, ", p%zu", i);
  }
  cjm_strbuf_puts(&out, "\n");
  return out.data;
}

static void long_list_resolves(void **state) {
  (void)state;
  /* The same 50,000 names, in one `by` list or in lists of 8, resolve to
   * the same personas. How the time grows with a list's length is
   * measured by bench/scaling.sh (a linear search for duplicates once
   * made one long list quadratic). */
  enum { COUNT = 50000 };
  char *one = personas_by_step(COUNT, COUNT), *short_lists = personas_by_step(COUNT, 8);
  journey *long_list = journey_from_text(one, NULL), *lists_of_8 = journey_from_text(short_lists, NULL);
  free(one);
  free(short_lists);
  expect_no_diags(long_list->diags);
  expect_no_diags(lists_of_8->diags);
  const cjm_moment *all = &step(long_list, "t0")->moment;
  assert_int_equal(all->by_count, COUNT);
  assert_ptr_equal(all->by[0], persona(long_list, "p0"));
  assert_ptr_equal(all->by[COUNT - 1], persona(long_list, "p49999"));
  const cjm_moment *last = &step(lists_of_8, "t6249")->moment;
  assert_int_equal(last->by_count, 8);
  assert_ptr_equal(last->by[7], persona(lists_of_8, "p49999"));
  journey_free(long_list);
  journey_free(lists_of_8);
}

/* The words of the model's enumerations come from the language's table of
 * words, in the order of the enumerations. */
static void enumeration_words(void **state) {
  (void)state;
  assert_string_equal(cjm_persona_kind_word(CJM_PERSON), "person");
  assert_string_equal(cjm_persona_kind_word(CJM_COMPANY), "company");
  assert_null(cjm_status_word(CJM_STATUS_UNSET));
  assert_string_equal(cjm_status_word(CJM_STATUS_AS_IS), "as-is");
  assert_string_equal(cjm_status_word(CJM_STATUS_TO_BE), "to-be");
  assert_null(cjm_better_word(CJM_BETTER_UNSET));
  assert_string_equal(cjm_better_word(CJM_BETTER_HIGHER), "higher");
  assert_string_equal(cjm_better_word(CJM_BETTER_LOWER), "lower");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(feel_for_persona_wins),
      cmocka_unit_test(feel_defaults_to_step_by),
      cmocka_unit_test(feel_defaults_to_stage_by),
      cmocka_unit_test(feel_defaults_to_all_personas),
      cmocka_unit_test(feel_defaults_to_the_only_persona),
      cmocka_unit_test(feel_without_personas_speaks_for_nobody),
      cmocka_unit_test(by_and_via_resolve_once_each),
      cmocka_unit_test(declarations_in_order_with_labels),
      cmocka_unit_test(duplicate_declarations),
      cmocka_unit_test(second_journey),
      cmocka_unit_test(unknown_persona_with_suggestion),
      cmocka_unit_test(unknown_references_of_every_kind),
      cmocka_unit_test(feel_outside_default_scale),
      cmocka_unit_test(feel_on_custom_scale),
      cmocka_unit_test(feel_as_percentage),
      cmocka_unit_test(scale_min_not_below_max),
      cmocka_unit_test(scale_given_twice),
      cmocka_unit_test(misplaced_entries),
      cmocka_unit_test(for_on_an_attribute_is_misplaced),
      cmocka_unit_test(bad_values),
      cmocka_unit_test(entry_given_twice),
      cmocka_unit_test(step_order),
      cmocka_unit_test(successors_follow_next_or_order),
      cmocka_unit_test(step_outside_any_stage_is_checked_but_left_out),
      cmocka_unit_test(metrics_and_measures),
      cmocka_unit_test(journey_settings),
      cmocka_unit_test(no_journey_block),
      cmocka_unit_test(lookups_by_interned_name),
      cmocka_unit_test(lists_are_deduplicated_per_stage_and_step),
      cmocka_unit_test(long_list_resolves),
      cmocka_unit_test(enumeration_words),
  };
  return cmocka_run_group_tests(tests, NULL, leftovers_free);
}
