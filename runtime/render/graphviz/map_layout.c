/* map_layout — see map_layout.h.
 *
 * The picture, top to bottom: a status pill, the title, the goal and the
 * other attributes; journey-level measures; the persona cards; the grid
 * (stage headings over their columns, then one band per row); the
 * legend. Everything is placed in one pass over the journey, plus a pass
 * per row and per persona curve; nothing is quadratic in the number of
 * steps.
 *
 * With a diff's marks: removed stages and steps get columns of their own
 * where they were (only the step's label shows in them), removed lane
 * entries, `by`, `via` and measures join the cells of the moment they
 * belonged to (the entries of a removed lane in a row of its own), and
 * every item, column, stage, row, card and header text carries its mark.
 * Marked items are wrapped narrower and grow by their border. The key to
 * the marks goes in the header, the earlier feels on the curve. */
#include "runtime/render/graphviz/map_layout.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "runtime/base/grow.h"
#include "runtime/base/strbuf.h"
#include "runtime/core/present.h"

/* ---- dimensions, in points ---------------------------------------------- */

static const double MARGIN = 36;
static const double HEADING_WIDTH = 150;  /* the row-heading column */
static const double COLUMN_WIDTH = 184;   /* one step */
static const double CELL_INSET = 4;       /* between a cell and its column's edges */
static const double ROW_PAD = 6;          /* above and below a row's cells */
static const double ROW_GAP = 6;          /* between two rows */
static const double HEADING_TEXT = 122;   /* the width of a row heading's text */
static const double LINE_GAP = 24;        /* between two rows a blueprint line runs between */
static const double SPAN_GAP = 4;         /* below a stage's own entries, above its steps' */
static const double MIN_ROW_HEIGHT = 44;
static const double PLOT_HEIGHT = 150;    /* the curve's scale, bound to bound */
static const double PLOT_PAD_TOP = 26;
static const double PLOT_PAD_BOTTOM = 40;
static const double POINT_RADIUS = 5;
static const double STAGE_PAD = 8;
static const double CARD_WIDTH = 300;
static const double CARD_MAX_WIDTH = 400; /* lines of a card's text stay short enough to read */
static const double CARD_GAP = 16;
static const double CARD_PAD = 12;
static const double MEASURE_CARD_WIDTH = 220;
static const double MIN_WIDTH = 980;
static const double KEY_HEIGHT = 18;
static const double KEY_GAP = 18;         /* after a legend entry */
static const double GROUP_GAP = 16;       /* before a legend group */

/* ---- growable arrays ---------------------------------------------------- */


/* What laying out needs besides the layout: capacities and settings. */
typedef struct builder {
  cjm_map_layout *L;
  const cjm_analysis *analysis;
  size_t text_cap, card_cap, stage_cap, column_cap, row_cap, cell_cap, item_cap, series_cap,
      point_cap, run_cap, ghost_cap, key_cap; /* what the layout's arrays have room for */
  bool many_personas;         /* the journey has several: colour what speaks for one */
  size_t *lane_row;           /* [lane_count]: the row of each lane, or SIZE_MAX */
  size_t actions_row, channels_row, metrics_row;
  const cjm_map_marks *marks; /* a diff's, or NULL */
  const cjm_lane **gone_lanes; /* marks: lanes of the old journey only, with removed entries */
  size_t *gone_row;           /* their rows */
  size_t gone_count, gone_cap;
  size_t *live;               /* marks: [column_count] columns before each that are not removed */
} builder;

/* Appends a zeroed element to the layout's array field. */
#define PUSH(b, field, name) CJM_PUSH((b)->L->field, (b)->L->name##_count, (b)->name##_cap)

/* ---- text --------------------------------------------------------------- */

/* Wraps text into the layout's lines; *first receives the first index.
 * Returns the number of lines. */
static size_t wrap(builder *b, const char *text, double size, bool bold, double width, size_t *first) {
  *first = b->L->lines.count;
  if (!text) text = "";
  return cjm_text_wrap(&b->L->lines, text, strlen(text), size, bold, width);
}

/* Adds a block of text at (x, y) wrapped to width; returns its height. */
static double add_marked_text(builder *b, cjm_map_text_kind kind, cjm_mark mark, const char *text, double size,
                              bool bold, double x, double y, double width) {
  cjm_map_text *t = PUSH(b, texts, text);
  t->kind = kind;
  t->mark = mark;
  t->line_count = wrap(b, text, size, bold, width, &t->first_line);
  double h = (double)t->line_count * cjm_text_line_height(size);
  t->rect = (cjm_map_rect){x, y, width, h};
  return h;
}

static double add_text(builder *b, cjm_map_text_kind kind, const char *text, double size, bool bold, double x,
                       double y, double width) {
  return add_marked_text(b, kind, CJM_MARK_NONE, text, size, bold, x, y, width);
}

/* A score of this layout's scale: signed when the scale has negatives. */
static void format_score(const builder *b, char *buf, size_t size, double v) {
  cjm_present_score_rounded(buf, size, v, b->L->scale.min < 0);
}

/* The short name of a persona: its label up to the first comma. */
static const char *short_name(builder *b, const cjm_persona *p) {
  const char *label = cjm_map_label(&p->decl);
  const char *comma = strstr(label, ",");
  const char *wide = strstr(label, "\xEF\xBC\x8C"); /* U+FF0C FULLWIDTH COMMA */
  if (!comma || (wide && wide < comma)) comma = wide;
  if (!comma || comma == label) return label;
  return cjm_arena_strndup(b->L->arena, label, (size_t)(comma - label));
}

/* ---- who an entry speaks for -------------------------------------------- */

static bool speaks_for(const cjm_speakers *s, const cjm_persona *p) {
  return cjm_personas_include(s->items, s->count, p);
}

/* Whether speakers (of the old journey) include a persona named as p. */
static bool speaks_for_named(const cjm_speakers *s, const cjm_persona *p) {
  for (size_t i = 0; i < s->count; i++)
    if (strcmp(s->items[i]->decl.id, p->decl.id) == 0) return true;
  return false;
}

/* Whether something spoken for speakers shows in this layout. */
static bool shown(const builder *b, const cjm_speakers *s) { return !b->L->only || speaks_for(s, b->L->only); }

/* The persona to colour an entry with, or NULL. */
static const cjm_persona *colour_of(const builder *b, const cjm_speakers *s) {
  return b->many_personas && s->count == 1 ? s->items[0] : NULL;
}

/* Whether a moment has anything for the --persona (always, without it). */
static bool moment_shown(const builder *b, const cjm_moment *m) {
  const cjm_persona *p = b->L->only;
  return !p || cjm_personas_include(m->by, m->by_count, p) || cjm_moment_speaks_for(m, p);
}

/* Whether a moment of the old journey has anything for the --persona. */
static bool old_moment_shown(const builder *b, const cjm_moment *m) {
  const cjm_persona *p = b->L->only;
  if (!p) return true;
  for (size_t i = 0; i < m->by_count; i++)
    if (strcmp(m->by[i]->decl.id, p->decl.id) == 0) return true;
  for (size_t i = 0; i < m->feel_count; i++)
    if (speaks_for_named(&m->feels[i].speakers, p)) return true;
  for (size_t i = 0; i < m->entry_count; i++)
    if (speaks_for_named(&m->entries[i].speakers, p)) return true;
  return false;
}

/* Whether a moment records anything at all. */
static bool moment_empty(const cjm_moment *m) {
  return !m->by_count && !m->via_count && !m->feel_count && !m->entry_count && !m->measure_count;
}

/* ---- a diff's marks ------------------------------------------------------ */

/* The mark of a thing of the new journey. */
static cjm_mark mark_of(const builder *b, const void *thing) {
  return b->marks ? cjm_map_marks_of(b->marks, thing) : CJM_MARK_NONE;
}

/* The things removed from a moment of the new journey (NULL: from the
 * journey's own measures). */
static const cjm_removed *removed_from(const builder *b, const cjm_moment *m, size_t *count) {
  *count = 0;
  return b->marks ? cjm_map_marks_removed(b->marks, m, count) : NULL;
}

/* Whether a removed thing shows with the --persona. */
static bool removed_shown(const builder *b, const cjm_removed *r) {
  if (!b->L->only || r->kind != CJM_REMOVED_ENTRY) return true;
  return speaks_for_named(&r->entry->speakers, b->L->only);
}

/* ---- columns and stages ------------------------------------------------- */

static cjm_map_column *add_column(builder *b, const cjm_stage *stage, const cjm_step *step, cjm_mark mark) {
  cjm_map_column *c = PUSH(b, columns, column);
  c->stage = stage;
  c->step = step;
  c->mark = mark;
  return c;
}

/* Columns for the removed steps shown in stage after the step after. */
static void add_removed_steps(builder *b, const cjm_stage *stage, const cjm_step *after) {
  size_t n = 0;
  const cjm_removed_step *r = b->marks ? cjm_map_marks_removed_steps(b->marks, stage, after, &n) : NULL;
  for (size_t i = 0; i < n; i++)
    if (old_moment_shown(b, &r[i].step->moment)) add_column(b, stage, r[i].step, CJM_MARK_REMOVED);
}

/* The stage heading over the columns from first, if there are any. */
static void add_stage(builder *b, const cjm_stage *stage, size_t first, cjm_mark mark) {
  if (b->L->column_count == first) return;
  cjm_map_stage *st = PUSH(b, stages, stage);
  st->stage = stage;
  st->first_column = first;
  st->column_count = b->L->column_count - first;
  st->mark = mark;
  for (size_t c = first; c < b->L->column_count; c++) b->L->columns[c].stage_slot = b->L->stage_count - 1;
}

/* The removed stages that followed the stage after (NULL: first), with
 * their removed steps. */
static void add_removed_stages(builder *b, const cjm_stage *after) {
  size_t n = 0;
  const cjm_removed_stage *r = b->marks ? cjm_map_marks_removed_stages(b->marks, after, &n) : NULL;
  for (size_t i = 0; i < n; i++) {
    const cjm_stage *stage = r[i].stage;
    size_t first = b->L->column_count;
    add_removed_steps(b, stage, NULL);
    if (b->L->column_count == first && old_moment_shown(b, &stage->moment))
      add_column(b, stage, NULL, CJM_MARK_REMOVED);
    add_stage(b, stage, first, CJM_MARK_REMOVED);
  }
}

static void add_columns(builder *b) {
  const cjm_model *model = b->L->model;
  add_removed_stages(b, NULL);
  for (size_t s = 0; s < model->stage_count; s++) {
    const cjm_stage *stage = model->stages[s];
    size_t first = b->L->column_count;
    add_removed_steps(b, stage, NULL);
    for (size_t i = 0; i < stage->step_count; i++) {
      const cjm_step *step = stage->steps[i];
      if (moment_shown(b, &step->moment)) add_column(b, stage, step, mark_of(b, step));
      add_removed_steps(b, stage, step);
    }
    bool own = !moment_empty(&stage->moment) && (!b->L->only || moment_shown(b, &stage->moment));
    if (b->L->column_count == first && (own || (!b->L->only && stage->step_count == 0)))
      add_column(b, stage, NULL, mark_of(b, stage));
    add_stage(b, stage, first, mark_of(b, stage));
    add_removed_stages(b, stage);
  }
}

/* ---- rows --------------------------------------------------------------- */

/* The moments shown: each column's, and the own moment of each stage with
 * steps shown. Calls fn for each. */
typedef void (*moment_fn)(builder *b, const cjm_moment *m, void *state);

static void each_moment(builder *b, moment_fn fn, void *state) {
  for (size_t i = 0; i < b->L->column_count; i++) {
    const cjm_map_column *c = &b->L->columns[i];
    if (c->mark != CJM_MARK_REMOVED) fn(b, c->step ? &c->step->moment : &c->stage->moment, state);
  }
  for (size_t i = 0; i < b->L->stage_count; i++) {
    const cjm_map_stage *st = &b->L->stages[i];
    if (b->L->columns[st->first_column].step && st->mark != CJM_MARK_REMOVED) fn(b, &st->stage->moment, state);
  }
}

/* Whether lane is one of the new journey's. */
static bool lane_is_new(const builder *b, const cjm_lane *lane) {
  const cjm_model *model = b->L->model;
  return lane->decl.index < model->lane_count && model->lanes[lane->decl.index] == lane;
}

/* The index of a lane of the old journey only among the gone lanes,
 * added when new. */
static size_t gone_lane(builder *b, const cjm_lane *lane) {
  for (size_t i = 0; i < b->gone_count; i++)
    if (b->gone_lanes[i] == lane) return i;
  b->gone_lanes = cjm_grow(b->gone_lanes, b->gone_count, &b->gone_cap, sizeof *b->gone_lanes);
  b->gone_lanes[b->gone_count] = lane;
  return b->gone_count++;
}

/* The row of a lane's entries, or SIZE_MAX. */
static size_t lane_row_of(builder *b, const cjm_lane *lane) {
  if (lane_is_new(b, lane)) return b->lane_row[lane->decl.index];
  return b->gone_row[gone_lane(b, lane)];
}

/* What the shown moments use. */
typedef struct usage {
  bool *lane;                 /* [lane_count] */
  bool via, feel, measure;
} usage;

static void record_usage(builder *b, const cjm_moment *m, void *state) {
  usage *u = state;
  u->via |= m->via_count > 0;
  u->measure |= m->measure_count > 0;
  for (size_t i = 0; i < m->feel_count; i++) u->feel |= shown(b, &m->feels[i].speakers);
  for (size_t i = 0; i < m->entry_count; i++)
    if (shown(b, &m->entries[i].speakers)) u->lane[m->entries[i].lane->decl.index] = true;
  size_t n;
  const cjm_removed *r = removed_from(b, m, &n);
  for (size_t i = 0; i < n; i++) {
    if (!removed_shown(b, &r[i])) continue;
    u->via |= r[i].kind == CJM_REMOVED_VIA;
    u->measure |= r[i].kind == CJM_REMOVED_MEASURE;
    if (r[i].kind != CJM_REMOVED_ENTRY) continue;
    if (lane_is_new(b, r[i].lane)) u->lane[r[i].lane->decl.index] = true;
    else gone_lane(b, r[i].lane);
  }
}

static cjm_map_row *add_row(builder *b, cjm_map_row_kind kind, const cjm_lane *lane, const char *title) {
  cjm_map_row *r = PUSH(b, rows, row);
  r->kind = kind;
  r->lane = lane;
  r->title = title;
  if (lane) {
    b->lane_row[lane->decl.index] = b->L->row_count - 1;
    r->mark = kind == CJM_MAP_ROW_LANE ? mark_of(b, lane) : CJM_MARK_NONE;
  }
  return r;
}

/* The built-in lane called name. */
static const cjm_lane *builtin(const cjm_model *model, const char *name) {
  for (size_t i = 0; i < model->lane_count; i++)
    if (model->lanes[i]->builtin && strcmp(model->lanes[i]->decl.id, name) == 0) return model->lanes[i];
  return NULL;
}

static void add_lane_row(builder *b, const usage *u, const cjm_lane *lane, const char *title) {
  if (lane && u->lane[lane->decl.index]) add_row(b, CJM_MAP_ROW_LANE, lane, title ? title : cjm_map_label(&lane->decl));
}

/* The rows, in the order of issue 3: actions, channels and touchpoints,
 * thoughts, the curve, pains, opportunities, needs, the journey's own
 * lanes, metrics, notes; rows with nothing in them are left out. */
static void add_rows(builder *b) {
  const cjm_model *model = b->L->model;
  usage u = {.lane = cjm_xcalloc(model->lane_count ? model->lane_count : 1, sizeof(bool))};
  each_moment(b, record_usage, &u);
  for (size_t i = 0; i < model->lane_count; i++) b->lane_row[i] = SIZE_MAX;
  b->actions_row = b->channels_row = b->metrics_row = SIZE_MAX;

  const cjm_lane *action = builtin(model, "action"), *touchpoint = builtin(model, "touchpoint");
  if (b->L->column_count) {
    add_row(b, CJM_MAP_ROW_ACTIONS, action, "Actions");
    b->actions_row = b->L->row_count - 1;
  }
  if (u.via || (touchpoint && u.lane[touchpoint->decl.index])) {
    add_row(b, CJM_MAP_ROW_CHANNELS, touchpoint, "Channels & touchpoints");
    b->channels_row = b->L->row_count - 1;
  }
  add_lane_row(b, &u, builtin(model, "thought"), "Thoughts");
  b->L->curve_row = SIZE_MAX;
  if (u.feel) {
    add_row(b, CJM_MAP_ROW_CURVE, NULL, "Emotions");
    b->L->curve_row = b->L->row_count - 1;
  }
  add_lane_row(b, &u, builtin(model, "pain"), "Pains");
  add_lane_row(b, &u, builtin(model, "opportunity"), "Opportunities");
  add_lane_row(b, &u, builtin(model, "need"), "Needs");
  for (size_t i = 0; i < model->lane_count; i++)
    if (!model->lanes[i]->builtin) add_lane_row(b, &u, model->lanes[i], NULL);
  b->gone_row = cjm_xmalloc((b->gone_count ? b->gone_count : 1) * sizeof *b->gone_row);
  for (size_t i = 0; i < b->gone_count; i++) { /* lanes removed with entries removed */
    cjm_map_row *r = PUSH(b, rows, row);
    *r = (cjm_map_row){.kind = CJM_MAP_ROW_LANE, .lane = b->gone_lanes[i],
                       .title = cjm_map_label(&b->gone_lanes[i]->decl), .mark = CJM_MARK_REMOVED};
    b->gone_row[i] = b->L->row_count - 1;
  }
  if (u.measure) {
    add_row(b, CJM_MAP_ROW_METRICS, NULL, "Metrics");
    b->metrics_row = b->L->row_count - 1;
  }
  add_lane_row(b, &u, builtin(model, "note"), "Notes");
  if (b->L->curve_row == SIZE_MAX) b->L->curve_row = b->L->row_count;

  /* Service-blueprint lines, above the rows they lead into. */
  for (size_t i = 0; i < b->L->row_count; i++) {
    cjm_map_row *r = &b->L->rows[i];
    if (r->kind != CJM_MAP_ROW_LANE || r->lane->builtin || i == 0) continue;
    const char *id = r->lane->decl.id;
    if (strcmp(id, "frontstage") == 0) r->line_above = CJM_MAP_LINE_INTERACTION;
    else if (strcmp(id, "backstage") == 0) r->line_above = CJM_MAP_LINE_VISIBILITY;
    else if (strcmp(id, "support") == 0) r->line_above = CJM_MAP_LINE_INTERNAL;
  }
  free(u.lane);
}

/* ---- cells -------------------------------------------------------------- */

/* One item waiting for its cell: the row it goes to, and the order it
 * was met in (items keep written order within a row). */
typedef struct pending {
  size_t row, order;
  cjm_map_item item;
  const char *text;           /* what to wrap */
} pending;

typedef struct pending_vec {
  pending *items;
  size_t count, capacity;
} pending_vec;

static void pend(pending_vec *v, size_t row, cjm_map_item item, const char *text) {
  if (row == SIZE_MAX) return;
  pending *p = CJM_PUSH(v->items, v->count, v->capacity);
  *p = (pending){row, v->count, item, text};
}

static int by_row(const void *a, const void *b) {
  const pending *x = a, *y = b;
  if (x->row != y->row) return x->row < y->row ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

/* The mark of a measure: its own, or its metric's when that changed. */
static cjm_mark measure_mark(const builder *b, const cjm_measure *ms) {
  cjm_mark mark = mark_of(b, ms);
  return mark != CJM_MARK_NONE ? mark : mark_of(b, ms->metric) == CJM_MARK_CHANGED ? CJM_MARK_CHANGED : mark;
}

/* The mark of a channel used in a moment: its use's, or its declaration's
 * when that changed. */
static cjm_mark via_mark(const builder *b, const cjm_moment *m, const cjm_channel *c) {
  cjm_mark mark = b->marks ? cjm_map_marks_via(b->marks, m, c) : CJM_MARK_NONE;
  return mark != CJM_MARK_NONE ? mark : mark_of(b, c) == CJM_MARK_CHANGED ? CJM_MARK_CHANGED : mark;
}

/* The items of the old journey removed from moment m, by row, struck through. */
static void collect_removed(builder *b, const cjm_moment *m, pending_vec *v) {
  size_t n;
  const cjm_removed *r = removed_from(b, m, &n);
  for (size_t i = 0; i < n; i++) {
    if (!removed_shown(b, &r[i])) continue;
    cjm_map_item item = {.mark = CJM_MARK_REMOVED};
    switch (r[i].kind) {
    case CJM_REMOVED_BY:
      if (!b->many_personas || b->L->only) continue;
      item.kind = CJM_MAP_ITEM_PERSONA;
      item.persona = r[i].colour;
      pend(v, b->actions_row, item, short_name(b, r[i].persona));
      break;
    case CJM_REMOVED_VIA:
      item.kind = CJM_MAP_ITEM_CHANNEL;
      item.channel = r[i].channel;
      pend(v, b->channels_row, item, cjm_map_label(&r[i].channel->decl));
      break;
    case CJM_REMOVED_ENTRY:
      item.kind = CJM_MAP_ITEM_ENTRY;
      item.entry = r[i].entry;
      item.persona = b->many_personas ? r[i].colour : NULL;
      pend(v, lane_row_of(b, r[i].lane), item, r[i].entry->text);
      break;
    case CJM_REMOVED_MEASURE:
      item.kind = CJM_MAP_ITEM_MEASURE;
      item.measure = r[i].measure;
      item.result = cjm_metric_judge(r[i].measure->metric, r[i].measure->value);
      pend(v, b->metrics_row, item, cjm_map_label(&r[i].measure->metric->decl));
      break;
    }
  }
}

/* The items of one moment, by row. step is NULL for a stage's own;
 * step_mark is the step's. */
static void collect_items(builder *b, const cjm_moment *m, const cjm_step *step, cjm_mark step_mark,
                          pending_vec *v) {
  const cjm_map_layout *L = b->L;
  if (step)
    pend(v, b->actions_row, (cjm_map_item){.kind = CJM_MAP_ITEM_STEP, .mark = step_mark}, cjm_map_label(&step->decl));
  if (step_mark == CJM_MARK_REMOVED) return; /* only its label shows where it was */
  if (b->many_personas && !L->only) /* who takes the step; with --persona, always that one */
    for (size_t i = 0; i < m->by_count; i++)
      pend(v, b->actions_row,
           (cjm_map_item){.kind = CJM_MAP_ITEM_PERSONA, .persona = m->by[i],
                          .mark = b->marks ? cjm_map_marks_by(b->marks, m, m->by[i]) : CJM_MARK_NONE},
           short_name(b, m->by[i]));
  for (size_t i = 0; i < m->via_count; i++)
    pend(v, b->channels_row,
         (cjm_map_item){.kind = CJM_MAP_ITEM_CHANNEL, .channel = m->via[i], .mark = via_mark(b, m, m->via[i])},
         cjm_map_label(&m->via[i]->decl));
  for (size_t i = 0; i < m->entry_count; i++) {
    const cjm_lane_entry *e = &m->entries[i];
    if (!shown(b, &e->speakers)) continue;
    pend(v, b->lane_row[e->lane->decl.index],
         (cjm_map_item){.kind = CJM_MAP_ITEM_ENTRY, .entry = e, .persona = colour_of(b, &e->speakers),
                        .mark = mark_of(b, e)},
         e->text);
  }
  for (size_t i = 0; i < m->measure_count; i++) {
    const cjm_measure *ms = &m->measures[i];
    pend(v, b->metrics_row,
         (cjm_map_item){.kind = CJM_MAP_ITEM_MEASURE, .measure = ms, .result = cjm_metric_judge(ms->metric, ms->value),
                        .mark = measure_mark(b, ms)},
         cjm_map_label(&ms->metric->decl));
  }
  collect_removed(b, m, v);
}

/* The value line of a measure card: "1.8% · target ≥ 3.5% · ✗ missed". */
static const char *measure_line(builder *b, const cjm_measure *ms, cjm_target_result result) {
  const cjm_metric *metric = ms->metric;
  char value[96], target[96];
  cjm_present_value(value, sizeof value, ms->value, ms->percent, metric->unit);
  if (!metric->has_target) return cjm_arena_strndup(b->L->arena, value, strlen(value));
  cjm_present_value(target, sizeof target, metric->target, false, metric->unit);
  const char *cmp = metric->better == CJM_BETTER_HIGHER ? "\xE2\x89\xA5\xC2\xA0" /* ≥ */
                    : metric->better == CJM_BETTER_LOWER ? "\xE2\x89\xA4\xC2\xA0" /* ≤ */
                                                         : "";
  /* no-break spaces keep the mark with its word and the sign with the target */
  const char *verdict = result == CJM_TARGET_MET      ? " \xC2\xB7 \xE2\x9C\x93\xC2\xA0met"    /* ✓ */
                        : result == CJM_TARGET_MISSED ? " \xC2\xB7 \xE2\x9C\x97\xC2\xA0missed" /* ✗ */
                                                      : "";
  return cjm_arena_printf(b->L->arena, "%s \xC2\xB7 target %s%s%s", value, cmp, target, verdict);
}

/* Wraps an item's text for a card text_width wide; sets its lines and height. */
static void shape_item(builder *b, cjm_map_item *item, const char *text, double text_width) {
  double w = item->persona ? text_width - CJM_MAP_MARKER_WIDTH : text_width;
  if (item->mark != CJM_MARK_NONE) w -= 2 * CJM_MAP_MARK_BORDER;
  double h = 0;
  switch (item->kind) {
  case CJM_MAP_ITEM_STEP:
    item->line_count = wrap(b, text, CJM_MAP_FONT_STEP, true, w, &item->first_line);
    h = (double)item->line_count * cjm_text_line_height(CJM_MAP_FONT_STEP);
    break;
  case CJM_MAP_ITEM_PERSONA:
    item->line_count = wrap(b, text, CJM_MAP_FONT_SMALL, false, w, &item->first_line);
    h = (double)item->line_count * cjm_text_line_height(CJM_MAP_FONT_SMALL);
    break;
  case CJM_MAP_ITEM_CHANNEL:
  case CJM_MAP_ITEM_ENTRY:
    item->line_count = wrap(b, text, CJM_MAP_FONT_BODY, false, w, &item->first_line);
    h = (double)item->line_count * cjm_text_line_height(CJM_MAP_FONT_BODY);
    break;
  case CJM_MAP_ITEM_MEASURE: {
    item->line_count = wrap(b, text, CJM_MAP_FONT_SMALL, false, w, &item->first_line);
    h = (double)item->line_count * cjm_text_line_height(CJM_MAP_FONT_SMALL);
    size_t first;
    size_t n = wrap(b, measure_line(b, item->measure, item->result), CJM_MAP_FONT_BODY, true, w, &first);
    item->line_count += n; /* the value lines follow the label's */
    item->value_lines = n;
    h += (double)n * cjm_text_line_height(CJM_MAP_FONT_BODY);
    break;
  }
  }
  item->height = h + 2 * CJM_MAP_ITEM_PAD;
  if (item->mark != CJM_MARK_NONE) item->height += 2 * CJM_MAP_MARK_BORDER;
  else if (item->kind == CJM_MAP_ITEM_STEP) item->height += 2 * CJM_MAP_STEP_BORDER;
}

/* Turns the pending items of one moment into cells, one per row. */
static void flush_cells(builder *b, pending_vec *v, size_t column, size_t column_count, const cjm_stage *stage,
                        const cjm_step *step, double width) {
  if (v->count > 1) qsort(v->items, v->count, sizeof *v->items, by_row);
  double text_width = width - 2 * CELL_INSET - 2 * CJM_MAP_ITEM_GAP - 2 * CJM_MAP_ITEM_PAD;
  for (size_t i = 0; i < v->count;) {
    cjm_map_cell *cell = PUSH(b, cells, cell);
    cell->row = v->items[i].row;
    cell->column = column;
    cell->column_count = column_count;
    cell->stage = stage;
    cell->step = step;
    cell->first_item = b->L->item_count;
    cell->text_width = text_width;
    double h = CJM_MAP_ITEM_GAP;
    size_t row = v->items[i].row;
    for (; i < v->count && v->items[i].row == row; i++) {
      cjm_map_item *item = PUSH(b, items, item);
      *item = v->items[i].item;
      shape_item(b, item, v->items[i].text, text_width);
      h += item->height + CJM_MAP_ITEM_GAP;
    }
    cell->item_count = b->L->item_count - cell->first_item;
    cell->rect = (cjm_map_rect){0, 0, width - 2 * CELL_INSET, h};
  }
  v->count = 0;
}

static void add_cells(builder *b) {
  cjm_map_layout *L = b->L;
  pending_vec v = {0};
  for (size_t c = 0; c < L->column_count; c++) {
    const cjm_map_column *col = &L->columns[c];
    collect_items(b, col->step ? &col->step->moment : &col->stage->moment, col->step, col->mark, &v);
    flush_cells(b, &v, c, 1, col->stage, col->step, COLUMN_WIDTH);
  }
  for (size_t s = 0; s < L->stage_count; s++) {
    const cjm_map_stage *st = &L->stages[s];
    if (!L->columns[st->first_column].step || st->mark == CJM_MARK_REMOVED) continue;
    collect_items(b, &st->stage->moment, NULL, CJM_MARK_NONE, &v);
    flush_cells(b, &v, st->first_column, st->column_count, st->stage, NULL,
                fmin(COLUMN_WIDTH * (double)st->column_count, CJM_MAP_TEXT_MAX_WIDTH));
  }
  free(v.items);
}

/* ---- the emotion curve --------------------------------------------------- */

/* The mean of the feels of m speaking for persona (every feel for NULL). */
static bool feel_of(const cjm_moment *m, const cjm_persona *persona, double *score, const char **word) {
  double sum = 0;
  size_t n = 0;
  *word = NULL;
  for (size_t i = 0; i < m->feel_count; i++) {
    const cjm_feel *f = &m->feels[i];
    if (persona && !speaks_for(&f->speakers, persona)) continue;
    sum += f->score;
    n++;
    if (!*word) *word = f->word;
  }
  if (n) *score = sum / (double)n;
  return n > 0;
}

static double scale_y(const cjm_map_layout *L, double score) {
  const cjm_map_scale *s = &L->scale;
  return s->y_max + (s->max - score) / (s->max - s->min) * (s->y_min - s->y_max);
}

/* Slopes through a run's points: monotone cubic (Fritsch-Carlson), so
 * that the curve never overshoots a point or leaves the scale. */
static void set_slopes(cjm_map_point *p, size_t n) {
  if (n < 2) {
    if (n == 1) p[0].slope = 0;
    return;
  }
  for (size_t k = 0; k < n; k++) {
    double d_prev = k > 0 ? (p[k].feel.y - p[k - 1].feel.y) / (p[k].feel.x - p[k - 1].feel.x) : 0;
    double d_next = k + 1 < n ? (p[k + 1].feel.y - p[k].feel.y) / (p[k + 1].feel.x - p[k].feel.x) : 0;
    if (k == 0) p[k].slope = d_next;
    else if (k + 1 == n) p[k].slope = d_prev;
    else p[k].slope = d_prev * d_next <= 0 ? 0 : (d_prev + d_next) / 2;
  }
  for (size_t k = 0; k + 1 < n; k++) {
    double d = (p[k + 1].feel.y - p[k].feel.y) / (p[k + 1].feel.x - p[k].feel.x);
    if (d == 0) {
      p[k].slope = p[k + 1].slope = 0;
      continue;
    }
    double a = p[k].slope / d, c = p[k + 1].slope / d;
    double r = a * a + c * c;
    if (r > 9) {
      double t = 3 / sqrt(r);
      p[k].slope = t * a * d;
      p[k + 1].slope = t * c * d;
    }
  }
}

static void add_series(builder *b) {
  cjm_map_layout *L = b->L;
  const cjm_model *model = L->model;
  if (L->only) {
    cjm_map_series *s = PUSH(b, series, series);
    s->persona = L->only;
    s->colour = L->only->decl.index;
  } else if (model->persona_count == 0) {
    PUSH(b, series, series);
  } else {
    for (size_t i = 0; i < model->persona_count; i++) {
      cjm_map_series *s = PUSH(b, series, series);
      s->persona = model->personas[i];
      s->colour = i;
    }
  }
}

/* With marks: the mark of the feel of series si at moment m (a point of
 * the layout's, or SIZE_MAX when the series has none there), and the
 * earlier feel as a ghost at x when it changed or was removed. */
static void mark_feel(builder *b, size_t si, const cjm_moment *m, size_t column, const cjm_step *step, double x,
                      size_t point) {
  cjm_map_layout *L = b->L;
  const cjm_persona *persona = L->series[si].persona;
  if (!b->marks || !persona) return;
  cjm_feel_mark f = cjm_map_marks_feel(b->marks, m, persona);
  bool has_point = point != SIZE_MAX;
  if (has_point && f.mark != CJM_MARK_REMOVED) L->points[point].mark = f.mark;
  if (!(has_point ? f.mark == CJM_MARK_CHANGED : f.mark == CJM_MARK_REMOVED)) return;
  /* the old score, read on this scale (as the diff compares them); kept
     inside it should either journey's scale be broken */
  const cjm_map_scale *s = &L->scale;
  double y = scale_y(L, fmin(fmax(f.old_score, s->min), s->max));
  cjm_map_ghost *g = PUSH(b, ghosts, ghost);
  *g = (cjm_map_ghost){.feel = {.series = si, .column = column, .stage = L->columns[column].stage, .step = step,
                                .x = x, .y = y, .score = f.old_score, .word = f.old_word},
                       .written = f.old_written, .mark = f.mark, .point = point};
}

/* The points of one series, its runs and bridges. */
static void add_curve_of(builder *b, size_t si) {
  cjm_map_layout *L = b->L;
  const cjm_map_series *s = &L->series[si];
  double spread = L->series_count > 1 ? fmin(8.0, COLUMN_WIDTH * 0.4 / (double)L->series_count) : 0;
  double dx = ((double)si - ((double)L->series_count - 1) / 2) * spread;
  size_t first = L->point_count;
  for (size_t c = 0; c < L->column_count; c++) {
    const cjm_map_column *col = &L->columns[c];
    if (col->mark == CJM_MARK_REMOVED) continue;
    const cjm_moment *m = col->step ? &col->step->moment : &col->stage->moment;
    double score, x = col->x + col->w / 2 + dx;
    const char *word;
    if (!feel_of(m, s->persona, &score, &word)) {
      mark_feel(b, si, m, c, col->step, x, SIZE_MAX);
      continue;
    }
    cjm_map_point *p = PUSH(b, points, point);
    *p = (cjm_map_point){.feel = {.series = si, .column = c, .stage = col->stage, .step = col->step,
                                  .x = x, .y = scale_y(L, score), .score = score, .word = word},
                         .x0 = x, .x1 = x};
    mark_feel(b, si, m, c, col->step, x, L->point_count - 1);
  }
  /* runs over consecutive columns (a removed step's column is no gap),
     bridges over the gaps between them */
  size_t end = L->point_count;
  for (size_t i = first; i < end;) {
    size_t j = i + 1;
    while (j < end && b->live[L->points[j].feel.column] == b->live[L->points[j - 1].feel.column] + 1) j++;
    cjm_map_run *r = PUSH(b, runs, run);
    *r = (cjm_map_run){si, i, j - i, false};
    set_slopes(&L->points[i], j - i);
    if (j < end) {
      cjm_map_run *bridge = PUSH(b, runs, run);
      *bridge = (cjm_map_run){si, j - 1, 2, true};
    }
    i = j;
  }
  /* a stage's own feel, in a stage with steps: a level across the stage */
  for (size_t t = 0; t < L->stage_count; t++) {
    const cjm_map_stage *st = &L->stages[t];
    if (!L->columns[st->first_column].step || st->mark == CJM_MARK_REMOVED) continue;
    double score;
    const char *word;
    const cjm_map_column *c0 = &L->columns[st->first_column];
    const cjm_map_column *c1 = &L->columns[st->first_column + st->column_count - 1];
    double x0 = c0->x + 6, x1 = c1->x + c1->w - 6, x = (x0 + x1) / 2 + dx;
    if (!feel_of(&st->stage->moment, s->persona, &score, &word)) {
      mark_feel(b, si, &st->stage->moment, st->first_column, NULL, x, SIZE_MAX);
      continue;
    }
    cjm_map_point *p = PUSH(b, points, point);
    *p = (cjm_map_point){.feel = {.series = si, .column = st->first_column, .stage = st->stage,
                                  .x = x, .y = scale_y(L, score), .score = score, .word = word},
                         .x0 = x0, .x1 = x1, .level_share = 1, .level_lead = true};
    mark_feel(b, si, &st->stage->moment, st->first_column, NULL, x, L->point_count - 1);
  }
}

static bool same_word(const char *a, const char *b) { return a == b || (a && b && strcmp(a, b) == 0); }

/* The stage-level feels of stages with steps, once every series has its
 * points: the series whose level is the same (score and word) share one
 * line and one word, drawn by the first of them; each keeps a marker of
 * its own, side by side from the stage's left edge, clear of the points
 * of the stage's first step. Ghosts of changed levels follow their
 * markers. */
static void share_levels(builder *b) {
  cjm_map_layout *L = b->L;
  double spread = L->series_count > 1 ? fmin(8.0, COLUMN_WIDTH * 0.4 / (double)L->series_count) : 0;
  double first_point = COLUMN_WIDTH / 2 - spread * ((double)L->series_count - 1) / 2; /* from a column's left */
  for (size_t t = 0; t < L->stage_count; t++) {
    const cjm_map_stage *st = &L->stages[t];
    size_t n = 0, first = SIZE_MAX;
    for (size_t i = 0; i < L->point_count; i++) {
      cjm_map_point *p = &L->points[i];
      if (p->x1 <= p->x0 || p->feel.column != st->first_column) continue;
      if (first == SIZE_MAX) first = i;
      n++;
    }
    if (!n) continue;
    double left = L->columns[st->first_column].x + 10;
    double room = first_point - POINT_RADIUS - 6 - 10; /* from left to the first step's points */
    double step = n > 1 ? fmin(2.2 * POINT_RADIUS, room / (double)(n - 1)) : 0;
    for (size_t i = first, k = 0; i < L->point_count; i++) {
      cjm_map_point *p = &L->points[i];
      if (p->x1 <= p->x0 || p->feel.column != st->first_column) continue;
      p->feel.x = left + step * (double)k++;
      for (size_t j = first; j < i; j++) {
        cjm_map_point *q = &L->points[j];
        if (q->x1 <= q->x0 || q->feel.column != p->feel.column || !q->level_lead) continue;
        if (q->feel.score == p->feel.score && same_word(q->feel.word, p->feel.word)) {
          p->level_lead = false;
          q->level_share++;
          break;
        }
      }
    }
  }
  for (size_t g = 0; g < L->ghost_count; g++)
    if (L->ghosts[g].point != SIZE_MAX) L->ghosts[g].feel.x = L->points[L->ghosts[g].point].feel.x;
}

/* A word waiting for its place: the point it belongs to, and the column
 * it is placed in (a level's word sits in its stage's last column). */
typedef struct word_slot {
  cjm_map_point *point;
  size_t column;
} word_slot;

static int by_column_then_y(const void *a, const void *b) {
  const word_slot *x = a, *y = b;
  if (x->column != y->column) return x->column < y->column ? -1 : 1;
  const cjm_map_feel *p = &x->point->feel, *q = &y->point->feel;
  if (p->y != q->y) return p->y < q->y ? -1 : 1;
  return p->series < q->series ? -1 : p->series > q->series;
}

static bool overlap(const cjm_map_rect *a, const cjm_map_rect *b) {
  return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

/* The places a point's word may take, best first: centred under or over
 * the point, on the side the curve leaves free (over a peak, under a
 * trough); where the curve runs steeply through the point, beside it on
 * the side the curve is not. dy_prev and dy_next: where the neighbours
 * in the point's run are, relative to it (NAN: none). */
static size_t word_places(const cjm_map_point *p, double w, double lh, double dy_prev, double dy_next,
                          cjm_map_rect out[4]) {
  double hw = w / 2, gap = POINT_RADIUS + 2, px = p->feel.x, py = p->feel.y;
  double below = py + gap, above = py - gap - lh;
  if (p->x1 > p->x0) { /* a level's word, at its right end */
    double x = p->x1 - 4 - w;
    out[0] = (cjm_map_rect){x, py - 3 - lh, w, lh};
    out[1] = (cjm_map_rect){x, py + 3, w, lh};
    return 2;
  }
  bool has_prev = !isnan(dy_prev), has_next = !isnan(dy_next);
  bool peak = (has_prev || has_next) && (!has_prev || dy_prev > 1) && (!has_next || dy_next > 1);
  bool trough = (has_prev || has_next) && (!has_prev || dy_prev < -1) && (!has_next || dy_next < -1);
  cjm_map_rect under = {px - hw, below, w, lh}, over = {px - hw, above, w, lh};
  if (peak) {
    out[0] = over, out[1] = under;
    return 2;
  }
  if (trough || fabs(p->slope) * hw <= POINT_RADIUS) {
    out[0] = under, out[1] = over;
    return 2;
  }
  /* steep: the curve is above the point on one side, below on the other */
  double side = p->slope > 0 ? -1 : 1; /* where the curve is above the point */
  out[0] = (cjm_map_rect){px + (side < 0 ? -w : 0), below, w, lh};
  out[1] = (cjm_map_rect){px + (side < 0 ? 0 : -w), above, w, lh};
  out[2] = under, out[3] = over;
  return 4;
}

/* Places the emotion words beside their points: each takes the first of
 * its places (word_places) that stays in the band and clear of the
 * points of its column and the words already placed in it and the
 * column before; a word with no such place is left to the point's
 * tooltip, never pushed away from its point. A shared level's word
 * shows once. Linear in the points, but for the points of one column. */
static void place_words(builder *b, double band_top, double band_bottom) {
  cjm_map_layout *L = b->L;
  if (!L->point_count) return;
  size_t n = L->point_count;
  word_slot *order = cjm_xmalloc(n * sizeof *order);
  double *dy_prev = cjm_xmalloc(n * sizeof *dy_prev), *dy_next = cjm_xmalloc(n * sizeof *dy_next);
  for (size_t i = 0; i < n; i++) dy_prev[i] = dy_next[i] = NAN;
  for (size_t r = 0; r < L->run_count; r++) {
    const cjm_map_run *run = &L->runs[r];
    if (run->bridge) continue;
    for (size_t k = 1; k < run->point_count; k++) {
      size_t i = run->first_point + k;
      dy_prev[i] = L->points[i - 1].feel.y - L->points[i].feel.y;
      dy_next[i - 1] = L->points[i].feel.y - L->points[i - 1].feel.y;
    }
  }
  size_t count = 0;
  for (size_t i = 0; i < n; i++) {
    cjm_map_point *p = &L->points[i];
    p->word_shown = false;
    p->label_x = p->feel.x;
    p->label_y = p->feel.y;
    if (!p->feel.word || !p->feel.word[0] || (p->x1 > p->x0 && !p->level_lead)) continue;
    size_t column = p->feel.column;
    if (p->x1 > p->x0) {
      const cjm_map_stage *st = &L->stages[L->columns[column].stage_slot];
      column = st->first_column + st->column_count - 1;
    }
    order[count++] = (word_slot){p, column};
  }
  qsort(order, count, sizeof *order, by_column_then_y);
  /* the points' discs by column, to keep words off them */
  word_slot *discs = cjm_xmalloc(n * sizeof *discs);
  for (size_t i = 0; i < n; i++) discs[i] = (word_slot){&L->points[i], L->points[i].feel.column};
  qsort(discs, n, sizeof *discs, by_column_then_y);
  struct placed {
    cjm_map_rect box;
    size_t column;
  } *placed = NULL; /* the words of this column and the one before */
  size_t placed_count = 0, placed_cap = 0, disc = 0;
  double lh = cjm_text_line_height(CJM_MAP_FONT_SMALL);
  for (size_t i = 0; i < count; i++) {
    cjm_map_point *p = order[i].point;
    size_t column = order[i].column;
    /* forget the words of columns before the previous one */
    size_t keep = 0;
    for (size_t k = 0; k < placed_count; k++)
      if (placed[k].column + 1 >= column) placed[keep++] = placed[k];
    placed_count = keep;
    while (disc < n && discs[disc].column < column) disc++;
    double w = cjm_text_width(p->feel.word, strlen(p->feel.word), CJM_MAP_FONT_SMALL, false) + 4;
    cjm_map_rect places[4];
    size_t m = word_places(p, w, lh, dy_prev[p - L->points], dy_next[p - L->points], places);
    for (size_t c = 0; c < m && !p->word_shown; c++) {
      const cjm_map_rect *r = &places[c];
      bool ok = r->y >= band_top + 2 && r->y + r->h <= band_bottom - 2;
      for (size_t k = 0; ok && k < placed_count; k++) ok = !overlap(r, &placed[k].box);
      for (size_t d = disc; ok && d < n && discs[d].column == column; d++) {
        const cjm_map_feel *q = &discs[d].point->feel;
        cjm_map_rect box = {q->x - POINT_RADIUS, q->y - POINT_RADIUS, 2 * POINT_RADIUS, 2 * POINT_RADIUS};
        ok = !overlap(r, &box);
      }
      if (!ok) continue;
      p->word_shown = true;
      p->label_x = r->x + r->w / 2;
      p->label_y = r->y + r->h / 2;
      *CJM_PUSH(placed, placed_count, placed_cap) = (struct placed){*r, column};
    }
  }
  free(placed);
  free(discs);
  free(order);
  free(dy_prev);
  free(dy_next);
}

/* The scale: bounds, neutral line and ticks, in the curve row at top. */
static void set_scale(builder *b, double top) {
  cjm_map_scale *s = &b->L->scale;
  const cjm_journey *j = &b->L->model->journey;
  s->min = j->scale_min;
  s->max = j->scale_max;
  if (!(s->max > s->min)) { /* a broken scale was reported already */
    s->min = -2;
    s->max = 2;
  }
  s->neutral = (s->min + s->max) / 2;
  s->y_max = top + PLOT_PAD_TOP;
  s->y_min = s->y_max + PLOT_HEIGHT;
  s->y_neutral = scale_y(b->L, s->neutral);
  double range = s->max - s->min;
  s->tick_count = 0;
  if (range == floor(range) && range <= 10 && s->min == floor(s->min)) {
    for (double v = s->max; v >= s->min && s->tick_count < 16; v -= 1) s->ticks[s->tick_count++] = v;
  } else {
    for (int k = 4; k >= 0; k--) s->ticks[s->tick_count++] = s->min + range * k / 4;
  }
  for (size_t i = 0; i < s->tick_count; i++) s->tick_y[i] = scale_y(b->L, s->ticks[i]);
}

/* ---- the grid ----------------------------------------------------------- */

/* The summary line of a stage heading, from the analysis; returns the
 * height it takes. */
static double stage_summary(builder *b, cjm_map_stage *st, size_t stage_index) {
  const cjm_analysis *a = b->analysis;
  const cjm_stage_analysis *sa = &a->stages[stage_index];
  const cjm_mean *mean = b->L->only ? cjm_analysis_stage_persona(a, stage_index, b->L->only->decl.index) : &sa->feel;
  char feel[32] = "";
  if (mean->count) {
    char score[24];
    format_score(b, score, sizeof score, cjm_mean_value(mean));
    snprintf(feel, sizeof feel, "feel %s", score);
  }
  if (b->L->only) {
    st->summary = feel[0] ? cjm_arena_strndup(b->L->arena, feel, strlen(feel)) : NULL;
  } else {
    st->summary = cjm_arena_printf(b->L->arena, "%s%s%zu pain%s \xC2\xB7 %zu opportunit%s", feel,
                                   feel[0] ? " \xC2\xB7 " : "", sa->pain_count, sa->pain_count == 1 ? "" : "s",
                                   sa->opportunity_count, sa->opportunity_count == 1 ? "y" : "ies");
    st->pain_without_opportunity = cjm_stage_pain_without_opportunity(sa);
  }
  return st->summary ? cjm_text_line_height(CJM_MAP_FONT_SMALL) + 2 : 0;
}

/* Stage headings at y; returns their height. */
static double place_stages(builder *b, double y) {
  cjm_map_layout *L = b->L;
  double height = 0;
  for (size_t s = 0; s < L->stage_count; s++) {
    cjm_map_stage *st = &L->stages[s];
    const cjm_map_column *c0 = &L->columns[st->first_column];
    double w = COLUMN_WIDTH * (double)st->column_count - 2 * CELL_INSET;
    st->line_count = wrap(b, cjm_map_label(&st->stage->decl), CJM_MAP_FONT_STAGE, true,
                          fmin(w, CJM_MAP_TEXT_MAX_WIDTH) - 2 * STAGE_PAD, &st->first_line);
    double summary = st->mark == CJM_MARK_REMOVED ? 0 : stage_summary(b, st, st->stage->decl.index);
    double h = (double)st->line_count * cjm_text_line_height(CJM_MAP_FONT_STAGE) + summary + 2 * STAGE_PAD;
    st->rect = (cjm_map_rect){c0->x + CELL_INSET, y, w, h};
    if (h > height) height = h;
  }
  for (size_t s = 0; s < L->stage_count; s++) L->stages[s].rect.h = height;
  return height;
}

/* Row heights and every cell's place; returns the y below the last row. */
static double place_rows(builder *b, double y) {
  cjm_map_layout *L = b->L;
  size_t rows = L->row_count, stages = L->stage_count;
  /* per row and stage: the height of the stage's own cell and the
   * tallest step cell */
  double *span = cjm_xcalloc(rows * stages + 1, sizeof *span);
  double *tallest = cjm_xcalloc(rows * stages + 1, sizeof *tallest);
  for (size_t i = 0; i < L->cell_count; i++) {
    const cjm_map_cell *c = &L->cells[i];
    if (c->row == SIZE_MAX) continue;
    size_t k = c->row * stages + L->columns[c->column].stage_slot;
    bool own = !c->step && L->columns[c->column].step; /* a stage's own entries over its steps */
    double *slot = own ? &span[k] : &tallest[k];
    if (c->rect.h > *slot) *slot = c->rect.h;
  }
  double left = L->grid.x;
  double full = L->grid.w;
  for (size_t r = 0; r < rows; r++) {
    cjm_map_row *row = &L->rows[r];
    double gap = r == 0 ? 0 : row->line_above ? LINE_GAP : ROW_GAP;
    if (row->line_above) row->line_y = y + gap / 2;
    y += gap;
    double h = MIN_ROW_HEIGHT;
    row->line_count = wrap(b, row->title, CJM_MAP_FONT_ROW, true, HEADING_TEXT, &row->first_line);
    double heading = (double)row->line_count * cjm_text_line_height(CJM_MAP_FONT_ROW) + 2 * ROW_PAD + 8;
    if (heading > h) h = heading;
    if (row->kind == CJM_MAP_ROW_CURVE) {
      set_scale(b, y);
      h = PLOT_PAD_TOP + PLOT_HEIGHT + PLOT_PAD_BOTTOM;
    } else {
      for (size_t s = 0; s < stages; s++) {
        double sp = span[r * stages + s];
        double need = (sp > 0 ? sp + SPAN_GAP : 0) + tallest[r * stages + s] + 2 * ROW_PAD;
        if (need > h) h = need;
      }
    }
    row->rect = (cjm_map_rect){left, y, full, h};
    y += h;
  }
  for (size_t i = 0; i < L->cell_count; i++) {
    cjm_map_cell *c = &L->cells[i];
    if (c->row == SIZE_MAX) continue;
    const cjm_map_column *col = &L->columns[c->column];
    const cjm_map_row *row = &L->rows[c->row];
    c->rect.x = col->x + CELL_INSET;
    c->rect.y = row->rect.y + ROW_PAD;
    bool own = !c->step && col->step; /* a stage's own entries over its steps */
    if (!own) {
      double sp = span[c->row * stages + col->stage_slot];
      if (sp > 0) c->rect.y += sp + SPAN_GAP;
    }
  }
  free(span);
  free(tallest);
  return y;
}

/* ---- header, cards, legend ---------------------------------------------- */

static const char *capitalised(builder *b, const char *key) {
  char *s = cjm_arena_strndup(b->L->arena, key, strlen(key));
  if (s[0] >= 'a' && s[0] <= 'z') s[0] = (char)(s[0] - 'a' + 'A');
  for (char *p = s; *p; p++)
    if (*p == '_') *p = ' ';
  return s;
}

static const char *attr(const cjm_attr *attrs, size_t count, const char *key) {
  for (size_t i = 0; i < count; i++)
    if (strcmp(attrs[i].key, key) == 0) return attrs[i].value;
  return NULL;
}

/* Appends a legend entry, sized but not yet placed. */
static void add_key(builder *b, cjm_map_key_kind kind, const char *text, size_t series, double value) {
  bool heading = kind == CJM_MAP_KEY_HEADING;
  double tw = cjm_text_width(text, strlen(text), heading ? CJM_MAP_FONT_META : CJM_MAP_FONT_BODY, heading);
  double w = (heading ? 0 : CJM_MAP_KEY_SAMPLE + 6) + tw + (heading ? 10 : KEY_GAP);
  cjm_map_key *k = PUSH(b, keys, key);
  *k = (cjm_map_key){kind, series, value, text, {0, 0, w, KEY_HEIGHT}};
}

/* Places the legend's entries in lines from y, a group (a heading and its
 * entries) on a new line when it does not fit on the current one; returns
 * the y below the last line. */
static double place_keys(builder *b, double y, size_t first) {
  cjm_map_layout *L = b->L;
  double right = L->width - MARGIN, x = MARGIN;
  for (size_t i = first; i < L->key_count; i++) {
    cjm_map_key *k = &L->keys[i];
    if (k->kind == CJM_MAP_KEY_HEADING) {
      double group = k->rect.w;
      for (size_t j = i + 1; j < L->key_count && L->keys[j].kind != CJM_MAP_KEY_HEADING; j++)
        group += L->keys[j].rect.w;
      if (x > MARGIN) x += GROUP_GAP;
      if (x + group > right && x > MARGIN) {
        x = MARGIN;
        y += KEY_HEIGHT + 6;
      }
    } else if (x + k->rect.w > right && x > MARGIN) { /* a group wider than the map */
      x = MARGIN;
      y += KEY_HEIGHT + 6;
    }
    k->rect.x = x;
    k->rect.y = y;
    x += k->rect.w;
  }
  return y + KEY_HEIGHT;
}

/* Whether the curve will show an earlier feel: one that changed or went
 * at a moment shown, for a persona with a curve. */
static bool has_earlier_feels(const builder *b) {
  const cjm_map_layout *L = b->L;
  for (size_t s = 0; s < L->series_count; s++) {
    const cjm_persona *p = L->series[s].persona;
    for (size_t c = 0; p && c < L->column_count + L->stage_count; c++) {
      const cjm_moment *m;
      if (c < L->column_count) {
        const cjm_map_column *col = &L->columns[c];
        if (col->mark == CJM_MARK_REMOVED) continue;
        m = col->step ? &col->step->moment : &col->stage->moment;
      } else {
        const cjm_map_stage *st = &L->stages[c - L->column_count];
        if (!L->columns[st->first_column].step || st->mark == CJM_MARK_REMOVED) continue;
        m = &st->stage->moment;
      }
      cjm_mark mark = cjm_map_marks_feel(b->marks, m, p).mark;
      if (mark == CJM_MARK_CHANGED || mark == CJM_MARK_REMOVED) return true;
    }
  }
  return false;
}

/* The legend's text for the ghosts of earlier feels; when the scale
 * changed, it says that their place and number are read on the new
 * one, and what the old one was (a PNG has no tooltips to say it). */
static const char *earlier_key_text(builder *b) {
  const cjm_map_scale *s = &b->L->scale;
  if (!s->rescaled) return "earlier feel";
  char lo[24], hi[24];
  cjm_present_score_rounded(lo, sizeof lo, s->old_min, s->old_min < 0);
  cjm_present_score_rounded(hi, sizeof hi, s->old_max, s->old_min < 0);
  return cjm_arena_printf(b->L->arena, "earlier feel, read on the new scale (was %s to %s)", lo, hi);
}

/* With marks, the key to them in the header at y; returns the y below it. */
static double place_change_keys(builder *b, double y) {
  cjm_map_layout *L = b->L;
  size_t first = L->key_count;
  const char *old = cjm_map_marks_old_name(b->marks);
  if (!cjm_map_marks_any(b->marks)) {
    add_key(b, CJM_MAP_KEY_HEADING, cjm_arena_printf(L->arena, "No change in meaning since %s", old), 0, 0);
  } else {
    add_key(b, CJM_MAP_KEY_HEADING, cjm_arena_printf(L->arena, "Changes since %s", old), 0, 0);
    add_key(b, CJM_MAP_KEY_ADDED, "added", 0, 0);
    add_key(b, CJM_MAP_KEY_CHANGED, "changed or moved", 0, 0);
    add_key(b, CJM_MAP_KEY_REMOVED, "removed", 0, 0);
    if (has_earlier_feels(b)) add_key(b, CJM_MAP_KEY_EARLIER, earlier_key_text(b), 0, 0);
  }
  return place_keys(b, y, first);
}

/* The header: status, title, goal, the other attributes; returns the y
 * below it. */
static double place_header(builder *b, double y) {
  cjm_map_layout *L = b->L;
  const cjm_journey *j = &L->model->journey;
  double x = MARGIN, w = fmin(L->width - 2 * MARGIN, CJM_MAP_TEXT_MAX_WIDTH);
  double top = y;
  cjm_header_marks marks = {0};
  if (b->marks) marks = cjm_map_marks_header(b->marks);
  if (j->status != CJM_STATUS_UNSET) {
    L->status = j->status == CJM_STATUS_AS_IS ? "AS-IS" : "TO-BE";
    L->status_mark = marks.status;
    double pw = cjm_text_width(L->status, strlen(L->status), CJM_MAP_FONT_SMALL, true) + 20;
    L->status_rect = (cjm_map_rect){x, y, pw, 18};
    y += 18 + 8;
  }
  const char *title = cjm_map_title(L->model, "Journey map");
  y += add_marked_text(b, CJM_MAP_TEXT_TITLE, marks.title, title, CJM_MAP_FONT_TITLE, true, x, y, w) + 6;
  const char *goal = attr(j->attrs, j->attr_count, "goal");
  if (goal) y += add_marked_text(b, CJM_MAP_TEXT_GOAL, marks.goal, goal, CJM_MAP_FONT_GOAL, false, x, y, w) + 6;

  /* the other attributes and the scale, on one line */
  cjm_strbuf meta = {0};
  for (size_t i = 0; i < j->attr_count; i++) {
    if (strcmp(j->attrs[i].key, "goal") == 0) continue;
    cjm_strbuf_printf(&meta, "%s%s: %s", meta.len ? "   \xC2\xB7   " : "", capitalised(b, j->attrs[i].key),
                      j->attrs[i].value);
  }
  char lo[24], hi[24];
  format_score(b, lo, sizeof lo, L->scale.min);
  format_score(b, hi, sizeof hi, L->scale.max);
  cjm_strbuf_printf(&meta, "%sEmotion scale %s to %s", meta.len ? "   \xC2\xB7   " : "", lo, hi);
  if (L->only) cjm_strbuf_printf(&meta, "   \xC2\xB7   Showing only %s", cjm_map_label(&L->only->decl));
  const char *meta_text = cjm_arena_strndup(L->arena, meta.data, meta.len);
  cjm_strbuf_free(&meta);
  y += add_marked_text(b, CJM_MAP_TEXT_META, marks.meta, meta_text, CJM_MAP_FONT_META, false, x, y, w) + 4;
  if (b->marks) y = place_change_keys(b, y + 8) + 4;

  /* journey-level measures, as cards in a row: cells outside the grid;
     then those removed */
  size_t removed_count;
  const cjm_removed *removed = removed_from(b, NULL, &removed_count);
  if (j->measure_count + removed_count) {
    y += 8;
    double cx = x, row_h = 0;
    size_t row_first = L->cell_count;
    for (size_t i = 0; i < j->measure_count + removed_count; i++) {
      bool gone = i >= j->measure_count;
      const cjm_measure *ms = gone ? removed[i - j->measure_count].measure : &j->measures[i];
      if (cx + MEASURE_CARD_WIDTH > x + w && cx > x) {
        cx = x;
        y += row_h + 8;
        row_h = 0;
        row_first = L->cell_count;
      }
      cjm_map_cell *cell = PUSH(b, cells, cell);
      double text_width = MEASURE_CARD_WIDTH - 2 * CJM_MAP_ITEM_GAP - 2 * CJM_MAP_ITEM_PAD;
      *cell = (cjm_map_cell){.row = SIZE_MAX, .first_item = L->item_count, .item_count = 1, .text_width = text_width};
      cjm_map_item *item = PUSH(b, items, item);
      *item = (cjm_map_item){.kind = CJM_MAP_ITEM_MEASURE, .measure = ms,
                             .result = cjm_metric_judge(ms->metric, ms->value),
                             .mark = gone ? CJM_MARK_REMOVED : measure_mark(b, ms)};
      shape_item(b, item, cjm_map_label(&ms->metric->decl), text_width);
      cell = &L->cells[L->cell_count - 1];
      double h = item->height + 2 * CJM_MAP_ITEM_GAP;
      cell->rect = (cjm_map_rect){cx, y, MEASURE_CARD_WIDTH, h};
      if (h > row_h) row_h = h;
      for (size_t k = row_first; k < L->cell_count; k++) L->cells[k].rect.h = row_h;
      cx += MEASURE_CARD_WIDTH + 8;
    }
    y += row_h;
  }
  L->header = (cjm_map_rect){x, top, w, y - top};
  return y;
}

/* "Lowest: Month-end closing runs late again (−2, exhausted)" */
static const char *moment_text(builder *b, const char *what, const cjm_moment_ref *ref) {
  char score[24];
  format_score(b, score, sizeof score, ref->feel->score);
  const char *where = ref->step ? cjm_map_label(&ref->step->decl) : cjm_map_label(&ref->stage->decl);
  if (ref->feel->word) return cjm_arena_printf(b->L->arena, "%s: %s (%s, %s)", what, where, score, ref->feel->word);
  return cjm_arena_printf(b->L->arena, "%s: %s (%s)", what, where, score);
}

/* One card's texts at (x, y), width wide; returns its height. */
static double fill_card(builder *b, cjm_map_card *card, double x, double y, double width) {
  const cjm_persona *p = card->persona;
  double w = width - 2 * CARD_PAD, cx = x + CARD_PAD, cy = y + CARD_PAD + 4;
  card->first_text = b->L->text_count;
  cy += add_text(b, CJM_MAP_TEXT_CARD_NAME, cjm_map_label(&p->decl), CJM_MAP_FONT_CARD_NAME, true, cx, cy, w) + 2;
  cy += add_text(b, CJM_MAP_TEXT_CARD_KIND, p->kind == CJM_COMPANY ? "COMPANY" : "PERSON", CJM_MAP_FONT_SMALL, true,
                 cx, cy, w) + 6;
  if (card->mark == CJM_MARK_REMOVED) { /* of the old journey: its name is what matters */
    card->text_count = b->L->text_count - card->first_text;
    return cy - y + CARD_PAD;
  }
  for (size_t i = 0; i < p->attr_count; i++) {
    const cjm_attr *a = &p->attrs[i];
    if (strcmp(a->key, "quote") == 0) {
      const char *q = cjm_arena_printf(b->L->arena, "\xE2\x80\x9C%s\xE2\x80\x9D", a->value); /* “…” */
      cy += add_text(b, CJM_MAP_TEXT_CARD_QUOTE, q, CJM_MAP_FONT_BODY, false, cx, cy, w) + 6;
      continue;
    }
    cy += add_text(b, CJM_MAP_TEXT_CARD_KEY, capitalised(b, a->key), CJM_MAP_FONT_SMALL, true, cx, cy, w);
    cy += add_text(b, CJM_MAP_TEXT_CARD_VALUE, a->value, CJM_MAP_FONT_BODY, false, cx, cy, w) + 5;
  }
  const cjm_persona_analysis *pa = &b->analysis->personas[p->decl.index];
  if (pa->feel.count) {
    char mean[24];
    format_score(b, mean, sizeof mean, cjm_mean_value(&pa->feel));
    cy += 2;
    cy += add_text(b, CJM_MAP_TEXT_CARD_MOMENT,
                   cjm_arena_printf(b->L->arena, "Mean feel %s over %zu moment%s", mean, pa->feel.count,
                                    pa->feel.count == 1 ? "" : "s"),
                   CJM_MAP_FONT_SMALL, false, cx, cy, w);
    if (pa->lowest.feel)
      cy += add_text(b, CJM_MAP_TEXT_CARD_MOMENT, moment_text(b, "Lowest", &pa->lowest), CJM_MAP_FONT_SMALL, false,
                     cx, cy, w);
    if (pa->highest.feel && pa->highest.feel != pa->lowest.feel)
      cy += add_text(b, CJM_MAP_TEXT_CARD_MOMENT, moment_text(b, "Highest", &pa->highest), CJM_MAP_FONT_SMALL,
                     false, cx, cy, w);
  }
  card->text_count = b->L->text_count - card->first_text;
  return cy - y + CARD_PAD;
}

/* The persona cards in rows from y; returns the y below them. */
static double place_cards(builder *b, double y) {
  cjm_map_layout *L = b->L;
  const cjm_model *model = L->model;
  double x0 = MARGIN, right = L->width - MARGIN;
  double x = x0, row_h = 0;
  size_t gone_count = 0; /* then the removed personas */
  const cjm_persona *const *gone = b->marks && !L->only ? cjm_map_marks_removed_personas(b->marks, &gone_count) : NULL;
  /* one row of cards when they fit, wider (up to CARD_MAX_WIDTH) when the map has room */
  size_t n = L->only ? 1 : model->persona_count + gone_count;
  double width = CARD_WIDTH;
  if (n && (double)n * (CARD_WIDTH + CARD_GAP) - CARD_GAP <= right - x0)
    width = fmin(CARD_MAX_WIDTH, (right - x0 - (double)(n - 1) * CARD_GAP) / (double)n);
  for (size_t i = 0; i < model->persona_count + gone_count; i++) {
    const cjm_persona *p = i < model->persona_count ? model->personas[i] : gone[i - model->persona_count];
    if (L->only && p != L->only) continue;
    if (x + width > right && x > x0) { /* each card as tall as its text */
      y += row_h + CARD_GAP;
      x = x0;
      row_h = 0;
    }
    cjm_map_card *card = PUSH(b, cards, card);
    card->persona = p;
    card->colour = p->decl.index;
    card->mark = i < model->persona_count ? mark_of(b, p) : CJM_MARK_REMOVED;
    double h = fill_card(b, card, x, y, width);
    card->rect = (cjm_map_rect){x, y, width, h};
    if (h > row_h) row_h = h;
    x += width + CARD_GAP;
  }
  return L->card_count ? y + row_h : y;
}

/* The legend from y; returns the y below it. */
static double place_legend(builder *b, double y) {
  cjm_map_layout *L = b->L;
  size_t first = L->key_count; /* after the header's */
  if (L->curve_row < L->row_count) {
    add_key(b, CJM_MAP_KEY_HEADING, L->series_count > 1 ? "Emotion curves" : "Emotion curve", 0, 0);
    for (size_t i = 0; i < L->series_count; i++) {
      const cjm_persona *p = L->series[i].persona;
      add_key(b, CJM_MAP_KEY_SERIES, p ? cjm_map_label(&p->decl) : "Every feel", i, 0);
    }
    add_key(b, CJM_MAP_KEY_BRIDGE, "no feel recorded in between", 0, 0);
    add_key(b, CJM_MAP_KEY_HEADING, "Feeling", 0, 0);
    const cjm_map_scale *s = &L->scale;
    double values[5] = {s->min, (s->min + s->neutral) / 2, s->neutral, (s->neutral + s->max) / 2, s->max};
    const char *names[5] = {"negative", "", "neutral", "", "positive"};
    for (size_t i = 0; i < 5; i++) {
      char score[24];
      format_score(b, score, sizeof score, values[i]);
      const char *text = names[i][0] ? cjm_arena_printf(L->arena, "%s %s", score, names[i])
                                     : cjm_arena_strndup(L->arena, score, strlen(score));
      add_key(b, CJM_MAP_KEY_FEEL, text, 0, values[i]);
    }
  }
  if (b->metrics_row != SIZE_MAX || L->model->journey.measure_count) {
    add_key(b, CJM_MAP_KEY_HEADING, "Metrics", 0, 0);
    add_key(b, CJM_MAP_KEY_MET, "target met", 0, 0);
    add_key(b, CJM_MAP_KEY_MISSED, "target missed", 0, 0);
    add_key(b, CJM_MAP_KEY_UNJUDGED, "no target or no \xE2\x80\x98" "better\xE2\x80\x99", 0, 0);
  }
  if (L->key_count == first) return y;
  double bottom = place_keys(b, y, first);
  L->legend = (cjm_map_rect){MARGIN, y, L->width - 2 * MARGIN, bottom - y};
  return bottom;
}

/* ---- putting it together ------------------------------------------------ */

cjm_map_layout *cjm_map_layout_new(const cjm_model *model, const cjm_analysis *analysis, const cjm_persona *only) {
  return cjm_map_layout_new_marked(model, analysis, only, NULL);
}

cjm_map_layout *cjm_map_layout_new_marked(const cjm_model *model, const cjm_analysis *analysis,
                                          const cjm_persona *only, const cjm_map_marks *marks) {
  cjm_map_layout *L = cjm_xcalloc(1, sizeof *L);
  L->model = model;
  L->only = only;
  L->marks = marks;
  L->arena = cjm_arena_new();
  builder b = {.L = L, .analysis = analysis, .many_personas = model->persona_count > 1, .marks = marks};
  b.lane_row = cjm_xmalloc((model->lane_count ? model->lane_count : 1) * sizeof *b.lane_row);

  add_columns(&b);
  b.live = cjm_xmalloc((L->column_count ? L->column_count : 1) * sizeof *b.live);
  for (size_t c = 0, live = 0; c < L->column_count; c++) {
    b.live[c] = live;
    live += L->columns[c].mark != CJM_MARK_REMOVED;
  }
  add_rows(&b);
  add_series(&b);
  L->heading_width = HEADING_WIDTH;
  double grid_w = HEADING_WIDTH + COLUMN_WIDTH * (double)L->column_count;
  L->width = fmax(MIN_WIDTH, grid_w + 2 * MARGIN);
  double x = MARGIN + HEADING_WIDTH;
  for (size_t c = 0; c < L->column_count; c++) {
    L->columns[c].x = x;
    L->columns[c].w = COLUMN_WIDTH;
    x += COLUMN_WIDTH;
  }
  L->scale.min = model->journey.scale_min;
  L->scale.max = model->journey.scale_max;
  if (marks) L->scale.rescaled = cjm_map_marks_old_scale(marks, &L->scale.old_min, &L->scale.old_max);
  add_cells(&b);

  double y = place_header(&b, MARGIN);
  y = place_cards(&b, y + 22) + 28;
  L->grid = (cjm_map_rect){MARGIN, y, grid_w, 0};
  y += place_stages(&b, y) + ROW_GAP;
  y = place_rows(&b, y);
  L->grid.h = y - L->grid.y;
  if (L->curve_row < L->row_count) {
    const cjm_map_row *row = &L->rows[L->curve_row];
    for (size_t s = 0; s < L->series_count; s++) add_curve_of(&b, s);
    share_levels(&b);
    place_words(&b, row->rect.y, row->rect.y + row->rect.h);
  }
  y = place_legend(&b, y + 26);
  L->height = y + MARGIN;
  free(b.lane_row);
  free(b.gone_lanes);
  free(b.gone_row);
  free(b.live);
  return L;
}

void cjm_map_layout_free(cjm_map_layout *L) {
  if (!L) return;
  free(L->texts);
  free(L->cards);
  free(L->stages);
  free(L->columns);
  free(L->rows);
  free(L->cells);
  free(L->items);
  free(L->series);
  free(L->points);
  free(L->runs);
  free(L->ghosts);
  free(L->keys);
  cjm_text_lines_free(&L->lines);
  cjm_arena_free(L->arena);
  free(L);
}
