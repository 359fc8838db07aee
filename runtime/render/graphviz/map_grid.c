/* map_grid — the map's grid of stages × rows: which columns there are
 * (one per step shown, one per stage without steps), the stage headings
 * over them, which rows there are and in what order, and where the stage
 * headings, the rows and every cell go. Part of map_layout (see
 * map_layout_build.h).
 *
 * With a diff's marks, removed stages and steps get columns of their own
 * where they were (only the step's label shows in them), and the entries
 * of a removed lane a row of their own. One pass over the journey for the
 * columns, one over the moments shown for the rows, one over the cells
 * to place them. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "runtime/render/graphviz/map_layout_build.h"
#include "runtime/core/words.h"

/* ---- which moments show ----------------------------------------------------- */

/* Whether a moment has anything for the --persona (always, without it). */
static bool moment_shown(const map_builder *b, const cjm_moment *m) {
  const cjm_persona *p = b->L->only;
  return !p || cjm_personas_include(m->by, m->by_count, p) || cjm_moment_speaks_for(m, p);
}

/* Whether a moment of the old journey has anything for the --persona. */
static bool old_moment_shown(const map_builder *b, const cjm_moment *m) {
  const cjm_persona *p = b->L->only;
  if (!p) return true;
  for (size_t i = 0; i < m->by_count; i++)
    if (strcmp(m->by[i]->decl.id, p->decl.id) == 0) return true;
  for (size_t i = 0; i < m->feel_count; i++)
    if (cjm_speaks_for_named(&m->feels[i].speakers, p->decl.id)) return true;
  for (size_t i = 0; i < m->entry_count; i++)
    if (cjm_speaks_for_named(&m->entries[i].speakers, p->decl.id)) return true;
  return false;
}

/* Whether a moment records anything at all. */
static bool moment_empty(const cjm_moment *m) {
  return !m->by_count && !m->via_count && !m->feel_count && !m->entry_count && !m->measure_count;
}

/* ---- columns and stages ------------------------------------------------------ */

/* Appends the column of a step (NULL: of a stage without steps). */
static cjm_map_column *add_column(map_builder *b, const cjm_stage *stage, const cjm_step *step, cjm_mark mark) {
  cjm_map_column *c = PUSH(b, columns, column);
  c->stage = stage;
  c->step = step;
  c->mark = mark;
  return c;
}

/* Columns for the removed steps shown in stage after the step after. */
static void add_removed_steps(map_builder *b, const cjm_stage *stage, const cjm_step *after) {
  size_t n = 0;
  const cjm_removed_step *r = b->marks ? cjm_map_marks_removed_steps(b->marks, stage, after, &n) : NULL;
  for (size_t i = 0; i < n; i++)
    if (old_moment_shown(b, &r[i].step->moment)) add_column(b, stage, r[i].step, CJM_MARK_REMOVED);
}

/* The stage heading over the columns from first, if there are any. */
static void add_stage(map_builder *b, const cjm_stage *stage, size_t first, cjm_mark mark) {
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
static void add_removed_stages(map_builder *b, const cjm_stage *after) {
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

/* The columns stage by stage, each stage's heading over its columns,
 * and with marks the removed stages and steps where they were. */
void cjm_map_add_columns(map_builder *b) {
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

/* ---- rows -------------------------------------------------------------------- */

/* What each_moment calls for a moment, with the caller's state. */
typedef void (*moment_fn)(map_builder *b, const cjm_moment *m, void *state);

/* Calls fn for each moment shown: each column's (but a removed one's),
 * and the own moment of each stage with steps shown. */
static void each_moment(map_builder *b, moment_fn fn, void *state) {
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
static bool lane_is_new(const map_builder *b, const cjm_lane *lane) {
  const cjm_model *model = b->L->model;
  return lane->decl.index < model->lane_count && model->lanes[lane->decl.index] == lane;
}

/* The index of a lane of the old journey only among the gone lanes,
 * added when new. */
static size_t gone_lane(map_builder *b, const cjm_lane *lane) {
  for (size_t i = 0; i < b->gone_count; i++)
    if (b->gone_lanes[i] == lane) return i;
  b->gone_lanes = cjm_grow(b->gone_lanes, b->gone_count, &b->gone_cap, sizeof *b->gone_lanes);
  b->gone_lanes[b->gone_count] = lane;
  return b->gone_count++;
}

/* The row of a lane's entries, or SIZE_MAX. */
size_t cjm_map_lane_row(map_builder *b, const cjm_lane *lane) {
  if (lane_is_new(b, lane)) return b->lane_row[lane->decl.index];
  return b->gone_row[gone_lane(b, lane)];
}

/* What the shown moments use. */
typedef struct usage {
  bool *lane;                 /* [lane_count] */
  bool via, feel, measure;
} usage;

/* Records in the usage at state what moment m uses (a moment_fn). */
static void record_usage(map_builder *b, const cjm_moment *m, void *state) {
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

/* Appends a row; a lane's row becomes that lane's. */
static cjm_map_row *add_row(map_builder *b, cjm_map_row_kind kind, const cjm_lane *lane, const char *title) {
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

/* Appends the row of a lane when a moment shown uses it; title NULL: the
 * lane's label. */
static void add_lane_row(map_builder *b, const usage *u, const cjm_lane *lane, const char *title) {
  if (lane && u->lane[lane->decl.index]) /* a built-in lane the journey relabelled shows its label */
    add_row(b, CJM_MAP_ROW_LANE, lane, title && !lane->decl.relabelled ? title : cjm_map_label(&lane->decl));
}

/* The rows, in the order of issue 3: actions, channels and touchpoints,
 * thoughts, the curve, pains, opportunities, needs, the journey's own
 * lanes, metrics, notes; rows with nothing in them are left out. */
void cjm_map_add_rows(map_builder *b) {
  const cjm_model *model = b->L->model;
  usage u = {.lane = cjm_xcalloc(model->lane_count ? model->lane_count : 1, sizeof(bool))};
  each_moment(b, record_usage, &u);
  for (size_t i = 0; i < model->lane_count; i++) b->lane_row[i] = SIZE_MAX;
  b->actions_row = b->channels_row = b->metrics_row = SIZE_MAX;

  const cjm_lane *action = builtin(model, "action"), *touchpoint = builtin(model, "touchpoint");
  if (b->L->column_count) {
    add_row(b, CJM_MAP_ROW_ACTIONS, action, cjm_tr("Actions"));
    b->actions_row = b->L->row_count - 1;
  }
  if (u.via || (touchpoint && u.lane[touchpoint->decl.index])) {
    add_row(b, CJM_MAP_ROW_CHANNELS, touchpoint, cjm_tr("Channels & touchpoints"));
    b->channels_row = b->L->row_count - 1;
  }
  add_lane_row(b, &u, builtin(model, "thought"), cjm_tr("Thoughts"));
  b->L->curve_row = SIZE_MAX;
  if (u.feel) {
    add_row(b, CJM_MAP_ROW_CURVE, NULL, cjm_tr("Emotions"));
    b->L->curve_row = b->L->row_count - 1;
  }
  add_lane_row(b, &u, builtin(model, "pain"), cjm_tr("Pains"));
  add_lane_row(b, &u, builtin(model, "opportunity"), cjm_tr("Opportunities"));
  add_lane_row(b, &u, builtin(model, "need"), cjm_tr("Needs"));
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
    add_row(b, CJM_MAP_ROW_METRICS, NULL, cjm_tr("Metrics"));
    b->metrics_row = b->L->row_count - 1;
  }
  add_lane_row(b, &u, builtin(model, "note"), cjm_tr("Notes"));
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

/* ---- placing the grid ----------------------------------------------------------- */

/* The columns side by side after the row headings, each COLUMN_WIDTH
 * wide; the picture's width; returns the grid's. */
double cjm_map_place_columns(map_builder *b) {
  cjm_map_layout *L = b->L;
  L->heading_width = HEADING_WIDTH;
  double grid_w = HEADING_WIDTH + COLUMN_WIDTH * (double)L->column_count;
  L->width = fmax(MIN_WIDTH, grid_w + 2 * MARGIN);
  double x = MARGIN + HEADING_WIDTH;
  for (size_t c = 0; c < L->column_count; c++) {
    L->columns[c].x = x;
    L->columns[c].w = COLUMN_WIDTH;
    x += COLUMN_WIDTH;
  }
  return grid_w;
}

/* The summary line of a stage heading, from the analysis; returns the
 * height it takes. */
static double stage_summary(map_builder *b, cjm_map_stage *st, size_t stage_index) {
  const cjm_analysis *a = b->analysis;
  const cjm_stage_analysis *sa = &a->stages[stage_index];
  cjm_mean only_feel = b->L->only ? cjm_analysis_stage_persona(a, stage_index, b->L->only->decl.index) : (cjm_mean){0};
  const cjm_mean *mean = b->L->only ? &only_feel : &sa->feel;
  char feel[FEEL_TEXT] = "";
  if (mean->count) {
    char score[SCORE_TEXT];
    format_score(b, score, sizeof score, cjm_mean_value(mean));
    snprintf(feel, sizeof feel, cjm_tr("feel %s"), score);
  }
  if (b->L->only) {
    st->summary = feel[0] ? cjm_arena_strndup(b->L->arena, feel, strlen(feel)) : NULL;
  } else {
    char pains[FEEL_TEXT], opportunities[FEEL_TEXT];
    snprintf(pains, sizeof pains, cjm_ntr("%zu pain", "%zu pains", sa->pain_count), sa->pain_count);
    snprintf(opportunities, sizeof opportunities,
             cjm_ntr("%zu opportunity", "%zu opportunities", sa->opportunity_count), sa->opportunity_count);
    st->summary = cjm_arena_printf(b->L->arena, "%s%s%s \xC2\xB7 %s", feel, feel[0] ? " \xC2\xB7 " : "", pains,
                                   opportunities);
    st->pain_without_opportunity = cjm_stage_pain_without_opportunity(sa);
  }
  return st->summary ? cjm_text_line_height(CJM_MAP_FONT_SMALL) + CJM_MAP_STAGE_SUMMARY_GAP : 0;
}

/* Stage headings at y, all as tall as the tallest; returns their height. */
double cjm_map_place_stages(map_builder *b, double y) {
  cjm_map_layout *L = b->L;
  double height = 0;
  for (size_t s = 0; s < L->stage_count; s++) {
    cjm_map_stage *st = &L->stages[s];
    const cjm_map_column *c0 = &L->columns[st->first_column];
    double w = COLUMN_WIDTH * (double)st->column_count - 2 * CELL_INSET;
    st->line_count = wrap(b, cjm_map_label(&st->stage->decl), CJM_MAP_FONT_STAGE, true,
                          fmin(w, CJM_MAP_TEXT_MAX_WIDTH) - 2 * CJM_MAP_STAGE_PAD, &st->first_line);
    double summary = st->mark == CJM_MARK_REMOVED ? 0 : stage_summary(b, st, st->stage->decl.index);
    double h = cjm_text_block_height(&L->lines, st->first_line, st->line_count, CJM_MAP_FONT_STAGE) + summary +
               2 * CJM_MAP_STAGE_PAD;
    st->rect = (cjm_map_rect){c0->x + CELL_INSET, y, w, h};
    if (h > height) height = h;
  }
  for (size_t s = 0; s < L->stage_count; s++) L->stages[s].rect.h = height;
  return height;
}

/* Row heights and every cell's place; returns the y below the last row. */
double cjm_map_place_rows(map_builder *b, double y) {
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
    double heading =
        cjm_text_block_height(&L->lines, row->first_line, row->line_count, CJM_MAP_FONT_ROW) + 2 * ROW_PAD +
        HEADING_BOX_INSET;
    if (heading > h) h = heading;
    if (row->kind == CJM_MAP_ROW_CURVE) {
      cjm_map_set_scale(b, y);
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
