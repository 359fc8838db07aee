/* map_cells — what goes in the map's cells: for each moment shown (a
 * step's, a stage's without steps, and the own moment of a stage with
 * steps, spanning its columns), its items by row: the step's label, who
 * takes it, the channels used, the lane entries and the measures, each
 * wrapped to its cell's width and sized as the small card it is drawn
 * as. Part of map_layout (see map_layout_build.h).
 *
 * With a diff's marks, the things removed from a moment join its cells,
 * after its own; marked items are wrapped narrower and grow by their
 * border. Items keep written order within a row; the moments' items are
 * sorted by row, one moment at a time. */
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "runtime/render/graphviz/map_layout_build.h"
#include "runtime/core/words.h"

/* One item waiting for its cell: the row it goes to, and the order it
 * was met in (items keep written order within a row). */
typedef struct pending {
  size_t row, order;
  cjm_map_item item;
  const char *text;           /* what to wrap */
} pending;

/* The items of one moment waiting for their cells. */
typedef struct pending_vec {
  pending *items;
  size_t count, capacity;
} pending_vec;

/* Appends an item for row; none when the row is not shown (SIZE_MAX). */
static void pend(pending_vec *v, size_t row, cjm_map_item item, const char *text) {
  if (row == SIZE_MAX) return;
  pending *p = CJM_PUSH(v->items, v->count, v->capacity);
  *p = (pending){row, v->count, item, text};
}

/* Orders pending items by row, then as they were met (for qsort). */
static int by_row(const void *a, const void *b) {
  const pending *x = a, *y = b;
  if (x->row != y->row) return x->row < y->row ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

/* The mark of a measure: its own, or its metric's when that changed. */
cjm_mark cjm_map_measure_mark(const map_builder *b, const cjm_measure *ms) {
  cjm_mark mark = mark_of(b, ms);
  return mark != CJM_MARK_NONE ? mark : mark_of(b, ms->metric) == CJM_MARK_CHANGED ? CJM_MARK_CHANGED : mark;
}

/* The mark of a channel used in a moment: its use's, or its declaration's
 * when that changed. */
static cjm_mark via_mark(const map_builder *b, const cjm_moment *m, const cjm_channel *c) {
  cjm_mark mark = b->marks ? cjm_map_marks_via(b->marks, m, c) : CJM_MARK_NONE;
  return mark != CJM_MARK_NONE ? mark : mark_of(b, c) == CJM_MARK_CHANGED ? CJM_MARK_CHANGED : mark;
}

/* The short name of a persona: its label up to the first comma. */
static const char *short_name(map_builder *b, const cjm_persona *p) {
  const char *label = cjm_map_label(&p->decl);
  const char *comma = strstr(label, ",");
  const char *wide = strstr(label, "\xEF\xBC\x8C"); /* U+FF0C FULLWIDTH COMMA */
  if (!comma || (wide && wide < comma)) comma = wide;
  if (!comma || comma == label) return label;
  return cjm_arena_strndup(b->L->arena, label, (size_t)(comma - label));
}

/* The items of the old journey removed from moment m, by row, struck through. */
static void collect_removed(map_builder *b, const cjm_moment *m, pending_vec *v) {
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
      pend(v, cjm_map_lane_row(b, r[i].lane), item, r[i].entry->text);
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
static void collect_items(map_builder *b, const cjm_moment *m, const cjm_step *step, cjm_mark step_mark,
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
                        .mark = cjm_map_measure_mark(b, ms)},
         cjm_map_label(&ms->metric->decl));
  }
  collect_removed(b, m, v);
}

/* The value line of a measure card: "1.8% · target ≥ 3.5% · ✗ missed". */
static const char *measure_line(map_builder *b, const cjm_measure *ms, cjm_target_result result) {
  const cjm_metric *metric = ms->metric;
  char value[VALUE_TEXT], target[VALUE_TEXT];
  cjm_present_value(value, sizeof value, ms->value, ms->percent, metric->unit);
  if (!metric->has_target) return cjm_arena_strndup(b->L->arena, value, strlen(value));
  cjm_present_value(target, sizeof target, metric->target, false, metric->unit);
  const char *cmp = metric->better == CJM_BETTER_HIGHER ? "\xE2\x89\xA5\xC2\xA0" /* ≥ */
                    : metric->better == CJM_BETTER_LOWER ? "\xE2\x89\xA4\xC2\xA0" /* ≤ */
                                                         : "";
  /* no-break spaces keep the mark with its word and the sign with the target */
  char verdict[VALUE_TEXT] = "";
  if (result == CJM_TARGET_MET) snprintf(verdict, sizeof verdict, " \xC2\xB7 \xE2\x9C\x93\xC2\xA0%s", cjm_tr("met"));
  if (result == CJM_TARGET_MISSED)
    snprintf(verdict, sizeof verdict, " \xC2\xB7 \xE2\x9C\x97\xC2\xA0%s", cjm_tr("missed"));
  /* TRANSLATORS: a measure on the map: the value, the target's sign (≥ or ≤) and value, the verdict. */
  return cjm_arena_printf(b->L->arena, cjm_tr("%s \xC2\xB7 target %s%s%s"), value, cmp, target, verdict);
}

/* Wraps an item's text for a card text_width wide; sets its lines and height. */
void cjm_map_shape_item(map_builder *b, cjm_map_item *item, const char *text, double text_width) {
  double w = item->persona ? text_width - CJM_MAP_MARKER_WIDTH : text_width;
  if (item->mark != CJM_MARK_NONE) w -= 2 * CJM_MAP_MARK_BORDER;
  double h = 0;
  switch (item->kind) {
  case CJM_MAP_ITEM_STEP:
    item->line_count = wrap(b, text, CJM_MAP_FONT_STEP, true, w, &item->first_line);
    h = cjm_text_block_height(&b->L->lines, item->first_line, item->line_count, CJM_MAP_FONT_STEP);
    break;
  case CJM_MAP_ITEM_PERSONA:
    item->line_count = wrap(b, text, CJM_MAP_FONT_SMALL, false, w, &item->first_line);
    h = cjm_text_block_height(&b->L->lines, item->first_line, item->line_count, CJM_MAP_FONT_SMALL);
    break;
  case CJM_MAP_ITEM_CHANNEL:
  case CJM_MAP_ITEM_ENTRY:
    item->line_count = wrap(b, text, CJM_MAP_FONT_BODY, false, w, &item->first_line);
    h = cjm_text_block_height(&b->L->lines, item->first_line, item->line_count, CJM_MAP_FONT_BODY);
    break;
  case CJM_MAP_ITEM_MEASURE: {
    item->line_count = wrap(b, text, CJM_MAP_FONT_SMALL, false, w, &item->first_line);
    h = cjm_text_block_height(&b->L->lines, item->first_line, item->line_count, CJM_MAP_FONT_SMALL);
    size_t first;
    size_t n = wrap(b, measure_line(b, item->measure, item->result), CJM_MAP_FONT_BODY, true, w, &first);
    item->line_count += n; /* the value lines follow the label's */
    item->value_lines = n;
    h += cjm_text_block_leading(&b->L->lines, item->first_line, item->line_count, CJM_MAP_FONT_BODY) +
         cjm_text_block_height(&b->L->lines, first, n, CJM_MAP_FONT_BODY);
    break;
  }
  }
  item->height = h + 2 * CJM_MAP_ITEM_PAD;
  if (item->mark != CJM_MARK_NONE) item->height += 2 * CJM_MAP_MARK_BORDER;
  else if (item->kind == CJM_MAP_ITEM_STEP) item->height += 2 * CJM_MAP_STEP_BORDER;
}

/* Turns the pending items of one moment into cells, one per row. */
static void flush_cells(map_builder *b, pending_vec *v, size_t column, size_t column_count, const cjm_stage *stage,
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
      cjm_map_shape_item(b, item, v->items[i].text, text_width);
      h += item->height + CJM_MAP_ITEM_GAP;
    }
    cell->item_count = b->L->item_count - cell->first_item;
    cell->rect = (cjm_map_rect){0, 0, width - 2 * CELL_INSET, h};
  }
  v->count = 0;
}

/* Every column's cells, then those of each stage's own moment over its
 * steps (as wide as its columns, up to CJM_MAP_TEXT_MAX_WIDTH). */
void cjm_map_add_cells(map_builder *b) {
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
