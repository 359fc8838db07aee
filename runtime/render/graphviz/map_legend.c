/* map_legend — the keys to the map: the legend below the grid (the
 * curves' colours, the bridge over steps without a feel, the colours of
 * the feel scale, the measures' verdicts) and, with a diff's marks, the
 * key to them in the header (added, changed or moved, removed, earlier
 * feels). Part of map_layout (see map_layout_build.h).
 *
 * Entries are sized from their text, then placed in lines across the
 * map, a group (a heading and its entries) on a new line when it does not
 * fit on the current one. */
#include <stdint.h>
#include <string.h>

#include "lang/arena.h"
#include "runtime/render/graphviz/map_layout_build.h"
#include "runtime/core/words.h"

/* Appends a legend entry, sized but not yet placed. */
static void add_key(map_builder *b, cjm_map_key_kind kind, const char *text, size_t series, double value) {
  bool heading = kind == CJM_MAP_KEY_HEADING;
  double tw = cjm_text_width(text, strlen(text), heading ? CJM_MAP_FONT_META : CJM_MAP_FONT_BODY, heading);
  double w = (heading ? 0 : CJM_MAP_KEY_SAMPLE + CJM_MAP_KEY_SAMPLE_GAP) + tw + (heading ? KEY_HEADING_GAP : KEY_GAP);
  cjm_map_key *k = PUSH(b, keys, key);
  *k = (cjm_map_key){kind, series, value, text, {0, 0, w, KEY_HEIGHT}};
}

/* Places the legend's entries from first in lines from y, a group (a
 * heading and its entries) on a new line when it does not fit on the
 * current one; returns the y below the last line. */
static double place_keys(map_builder *b, double y, size_t first) {
  cjm_map_layout *L = b->L;
  double right = L->width - MARGIN, x = MARGIN;
  for (size_t i = first; i < L->key_count; i++) {
    cjm_map_key *k = &L->keys[i];
    bool new_line = false;
    if (k->kind == CJM_MAP_KEY_HEADING) {
      double group = k->rect.w;
      for (size_t j = i + 1; j < L->key_count && L->keys[j].kind != CJM_MAP_KEY_HEADING; j++)
        group += L->keys[j].rect.w;
      if (x > MARGIN) x += GROUP_GAP;
      new_line = x + group > right && x > MARGIN;
    } else {
      new_line = x + k->rect.w > right && x > MARGIN; /* a group wider than the map */
    }
    if (new_line) {
      x = MARGIN;
      y += KEY_HEIGHT + KEY_LINE_GAP;
    }
    k->rect.x = x;
    k->rect.y = y;
    x += k->rect.w;
  }
  return y + KEY_HEIGHT;
}

/* Whether the curve will show an earlier feel: one that changed or went
 * at a moment shown, for a persona with a curve. */
static bool has_earlier_feels(const map_builder *b) {
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
static const char *earlier_key_text(map_builder *b) {
  const cjm_map_scale *s = &b->L->scale;
  if (!s->rescaled) return cjm_tr("earlier feel");
  char lo[SCORE_TEXT], hi[SCORE_TEXT];
  cjm_present_score_rounded(lo, sizeof lo, s->old_min, s->old_min < 0);
  cjm_present_score_rounded(hi, sizeof hi, s->old_max, s->old_min < 0);
  return cjm_arena_printf(b->L->arena, cjm_tr("earlier feel, read on the new scale (was %s to %s)"), lo, hi);
}

/* With marks, the key to them in the header at y: what changed since
 * the old journey (or that nothing did); returns the y below it. */
double cjm_map_place_change_keys(map_builder *b, double y) {
  cjm_map_layout *L = b->L;
  size_t first = L->key_count;
  const char *old = cjm_map_marks_old_name(b->marks);
  if (!cjm_map_marks_any(b->marks)) {
    add_key(b, CJM_MAP_KEY_HEADING, cjm_arena_printf(L->arena, cjm_tr("No change in meaning since %s"), old), 0, 0);
  } else {
    add_key(b, CJM_MAP_KEY_HEADING, cjm_arena_printf(L->arena, cjm_tr("Changes since %s"), old), 0, 0);
    add_key(b, CJM_MAP_KEY_ADDED, cjm_tr("added"), 0, 0);
    add_key(b, CJM_MAP_KEY_CHANGED, cjm_tr("changed or moved"), 0, 0);
    add_key(b, CJM_MAP_KEY_REMOVED, cjm_tr("removed"), 0, 0);
    if (has_earlier_feels(b)) add_key(b, CJM_MAP_KEY_EARLIER, earlier_key_text(b), 0, 0);
  }
  return place_keys(b, y, first);
}

/* The curve's part of the legend: a line per series, the bridge, and the
 * colours of the scale at its bounds, quarters and neutral point. */
static void add_curve_keys(map_builder *b) {
  cjm_map_layout *L = b->L;
  add_key(b, CJM_MAP_KEY_HEADING, L->series_count > 1 ? cjm_tr("Emotion curves") : cjm_tr("Emotion curve"), 0, 0);
  for (size_t i = 0; i < L->series_count; i++) {
    const cjm_persona *p = L->series[i].persona;
    add_key(b, CJM_MAP_KEY_SERIES, p ? cjm_map_label(&p->decl) : cjm_tr("Every feel"), i, 0);
  }
  add_key(b, CJM_MAP_KEY_BRIDGE, cjm_tr("no feel recorded in between"), 0, 0);
  add_key(b, CJM_MAP_KEY_HEADING, cjm_tr("Feeling"), 0, 0);
  const cjm_map_scale *s = &L->scale;
  double values[] = {s->min, (s->min + s->neutral) / 2, s->neutral, (s->neutral + s->max) / 2, s->max};
  const char *names[] = {cjm_tr("negative"), "", cjm_tr("neutral"), "", cjm_tr("positive")};
  for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
    char score[SCORE_TEXT];
    format_score(b, score, sizeof score, values[i]);
    const char *text = names[i][0] ? cjm_arena_printf(L->arena, "%s %s", score, names[i])
                                   : cjm_arena_strndup(L->arena, score, strlen(score));
    add_key(b, CJM_MAP_KEY_FEEL, text, 0, values[i]);
  }
}

/* The legend from y, after the header's keys: the curve's, then the
 * measures' verdicts; returns the y below it. */
double cjm_map_place_legend(map_builder *b, double y) {
  cjm_map_layout *L = b->L;
  size_t first = L->key_count; /* after the header's */
  if (L->curve_row < L->row_count) add_curve_keys(b);
  if (b->metrics_row != SIZE_MAX || L->model->journey.measure_count) {
    add_key(b, CJM_MAP_KEY_HEADING, cjm_tr("Metrics"), 0, 0);
    add_key(b, CJM_MAP_KEY_MET, cjm_tr("target met"), 0, 0);
    add_key(b, CJM_MAP_KEY_MISSED, cjm_tr("target missed"), 0, 0);
    add_key(b, CJM_MAP_KEY_UNJUDGED, cjm_tr("no target or no \xE2\x80\x98" "better\xE2\x80\x99"), 0, 0);
  }
  if (L->key_count == first) return y;
  double bottom = place_keys(b, y, first);
  L->legend = (cjm_map_rect){MARGIN, y, L->width - 2 * MARGIN, bottom - y};
  return bottom;
}
