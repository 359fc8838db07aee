/* map_curves — the emotion curves of the map: one series per persona
 * shown, its points (the mean of the feels speaking for the persona at
 * each moment), the smooth runs through consecutive points and the
 * dotted bridges over steps without a feel, a stage's own feel as a level
 * across the stage, the scale the points are read on, and the emotion
 * words placed beside their points. Part of map_layout (see
 * map_layout_build.h).
 *
 * With a diff's marks, each point carries the mark of its feel, and an
 * earlier feel that changed or went is a ghost where it was, read on the
 * new scale. Linear in the points, but for the points of one column when
 * words are placed. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/render/graphviz/map_layout_build.h"

/* The most places a word may take beside its point. */
enum { WORD_PLACES = 4 };

/* The mean of the feels of m speaking for persona (every feel for NULL). */
static bool feel_of(const cjm_moment *m, const cjm_persona *persona, double *score, const char **word) {
  double sum = 0;
  size_t n = 0;
  *word = NULL;
  for (size_t i = 0; i < m->feel_count; i++) {
    const cjm_feel *f = &m->feels[i];
    if (persona && !cjm_speaks_for(&f->speakers, persona)) continue;
    sum += f->score;
    n++;
    if (!*word) *word = f->word;
  }
  if (n) *score = sum / (double)n;
  return n > 0;
}

/* Where score lies on the page, on the layout's scale. */
static double scale_y(const cjm_map_layout *L, double score) {
  const cjm_map_scale *s = &L->scale;
  return s->y_max + (s->max - score) / (s->max - s->min) * (s->y_min - s->y_max);
}

/* How far apart the points of neighbouring series are in one column. */
static double series_spread(const cjm_map_layout *L) {
  return L->series_count > 1 ? fmin(SERIES_SPREAD, COLUMN_WIDTH * SERIES_SPREAD_SHARE / (double)L->series_count) : 0;
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
    if (r > MONOTONE_BOUND * MONOTONE_BOUND) {
      double t = MONOTONE_BOUND / sqrt(r);
      p[k].slope = t * a * d;
      p[k + 1].slope = t * c * d;
    }
  }
}

/* One series per persona shown: the --persona, each persona in
 * declaration order, or the journey's feels when it has no persona. */
void cjm_map_add_series(map_builder *b) {
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
static void mark_feel(map_builder *b, size_t si, const cjm_moment *m, size_t column, const cjm_step *step, double x,
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

/* The points of one series, its runs and bridges. live[c]: how many
 * columns before column c are not removed ones. */
static void add_curve_of(map_builder *b, size_t si, const size_t *live) {
  cjm_map_layout *L = b->L;
  const cjm_map_series *s = &L->series[si];
  double spread = series_spread(L);
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
    while (j < end && live[L->points[j].feel.column] == live[L->points[j - 1].feel.column] + 1) j++;
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
    double x0 = c0->x + LEVEL_INSET, x1 = c1->x + c1->w - LEVEL_INSET, x = (x0 + x1) / 2 + dx;
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

/* Whether two emotion words are the same (NULL: none). */
static bool same_word(const char *a, const char *b) { return a == b || (a && b && strcmp(a, b) == 0); }

/* The stage-level feels of stages with steps, once every series has its
 * points: the series whose level is the same (score and word) share one
 * line and one word, drawn by the first of them; each keeps a marker of
 * its own, side by side from the stage's left edge, clear of the points
 * of the stage's first step. Ghosts of changed levels follow their
 * markers. */
static void share_levels(map_builder *b) {
  cjm_map_layout *L = b->L;
  double spread = series_spread(L);
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
    double left = L->columns[st->first_column].x + LEVEL_MARKER_INSET;
    /* from left to the first step's points */
    double room = first_point - POINT_RADIUS - LEVEL_MARKER_CLEARANCE - LEVEL_MARKER_INSET;
    double step = n > 1 ? fmin(LEVEL_MARKER_PITCH * POINT_RADIUS, room / (double)(n - 1)) : 0;
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

/* Orders word slots by column, then top to bottom, then by series (for qsort). */
static int by_column_then_y(const void *a, const void *b) {
  const word_slot *x = a, *y = b;
  if (x->column != y->column) return x->column < y->column ? -1 : 1;
  const cjm_map_feel *p = &x->point->feel, *q = &y->point->feel;
  if (p->y != q->y) return p->y < q->y ? -1 : 1;
  return p->series < q->series ? -1 : p->series > q->series;
}

/* Whether two rectangles overlap. */
static bool overlap(const cjm_map_rect *a, const cjm_map_rect *b) {
  return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

/* The places a point's word may take, best first: centred under or over
 * the point, on the side the curve leaves free (over a peak, under a
 * trough); where the curve runs steeply through the point, beside it on
 * the side the curve is not. dy_prev and dy_next: where the neighbours
 * in the point's run are, relative to it (NAN: none). */
static size_t word_places(const cjm_map_point *p, double w, double lh, double dy_prev, double dy_next,
                          cjm_map_rect out[WORD_PLACES]) {
  double hw = w / 2, gap = POINT_RADIUS + WORD_CLEARANCE, px = p->feel.x, py = p->feel.y;
  double below = py + gap, above = py - gap - lh;
  size_t n = 0;
  if (p->x1 > p->x0) { /* a level's word, at its right end */
    double x = p->x1 - LEVEL_WORD_INSET - w;
    out[n++] = (cjm_map_rect){x, py - LEVEL_WORD_GAP - lh, w, lh};
    out[n++] = (cjm_map_rect){x, py + LEVEL_WORD_GAP, w, lh};
    return n;
  }
  bool has_prev = !isnan(dy_prev), has_next = !isnan(dy_next);
  bool peak = (has_prev || has_next) && (!has_prev || dy_prev > PEAK_DEPTH) && (!has_next || dy_next > PEAK_DEPTH);
  bool trough =
      (has_prev || has_next) && (!has_prev || dy_prev < -PEAK_DEPTH) && (!has_next || dy_next < -PEAK_DEPTH);
  cjm_map_rect under = {px - hw, below, w, lh}, over = {px - hw, above, w, lh};
  if (peak) {
    out[n++] = over, out[n++] = under;
    return n;
  }
  if (trough || fabs(p->slope) * hw <= POINT_RADIUS) {
    out[n++] = under, out[n++] = over;
    return n;
  }
  /* steep: the curve is above the point on one side, below on the other */
  double side = p->slope > 0 ? -1 : 1; /* where the curve is above the point */
  out[n++] = (cjm_map_rect){px + (side < 0 ? -w : 0), below, w, lh};
  out[n++] = (cjm_map_rect){px + (side < 0 ? 0 : -w), above, w, lh};
  out[n++] = under, out[n++] = over;
  return n;
}

/* Places the emotion words beside their points: each takes the first of
 * its places (word_places) that stays in the band and clear of the
 * points of its column and the words already placed in it and the
 * column before; a word with no such place is left to the point's
 * tooltip, never pushed away from its point. A shared level's word
 * shows once. Linear in the points, but for the points of one column. */
static void place_words(map_builder *b, double band_top, double band_bottom) {
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
    double w = cjm_text_width(p->feel.word, strlen(p->feel.word), CJM_MAP_FONT_SMALL, false) + WORD_PAD;
    cjm_map_rect places[WORD_PLACES];
    size_t m = word_places(p, w, lh, dy_prev[p - L->points], dy_next[p - L->points], places);
    for (size_t c = 0; c < m && !p->word_shown; c++) {
      const cjm_map_rect *r = &places[c];
      bool ok = r->y >= band_top + WORD_BAND_INSET && r->y + r->h <= band_bottom - WORD_BAND_INSET;
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

/* The scale: its bounds (the journey's, or BROKEN_SCALE_* for a broken
 * one), its neutral line and its ticks, in the curve row at top. */
void cjm_map_set_scale(map_builder *b, double top) {
  cjm_map_scale *s = &b->L->scale;
  const cjm_journey *j = &b->L->model->journey;
  s->min = j->scale_min;
  s->max = j->scale_max;
  if (!(s->max > s->min)) { /* a broken scale was reported already */
    s->min = BROKEN_SCALE_MIN;
    s->max = BROKEN_SCALE_MAX;
  }
  s->neutral = (s->min + s->max) / 2;
  s->y_max = top + PLOT_PAD_TOP;
  s->y_min = s->y_max + PLOT_HEIGHT;
  s->y_neutral = scale_y(b->L, s->neutral);
  double range = s->max - s->min;
  s->tick_count = 0;
  if (range == floor(range) && range <= UNIT_TICKS_MAX && s->min == floor(s->min)) {
    for (double v = s->max; v >= s->min && s->tick_count < CJM_MAP_TICKS_MAX; v -= 1) s->ticks[s->tick_count++] = v;
  } else {
    for (int k = SCALE_PARTS; k >= 0; k--) s->ticks[s->tick_count++] = s->min + range * k / SCALE_PARTS;
  }
  for (size_t i = 0; i < s->tick_count; i++) s->tick_y[i] = scale_y(b->L, s->ticks[i]);
}

/* Every series' points, runs and ghosts in the curve row, the levels of
 * stages shared, and the words placed inside the row. */
void cjm_map_place_curves(map_builder *b) {
  cjm_map_layout *L = b->L;
  if (L->curve_row >= L->row_count) return;
  size_t *live = cjm_xmalloc((L->column_count ? L->column_count : 1) * sizeof *live);
  for (size_t c = 0, n = 0; c < L->column_count; c++) {
    live[c] = n;
    n += L->columns[c].mark != CJM_MARK_REMOVED;
  }
  const cjm_map_row *row = &L->rows[L->curve_row];
  for (size_t s = 0; s < L->series_count; s++) add_curve_of(b, s, live);
  share_levels(b);
  place_words(b, row->rect.y, row->rect.y + row->rect.h);
  free(live);
}
