/* map_layout — see map_layout.h. The entry points: the order the layout
 * is built in, and the picture's parts placed top to bottom.
 *
 * The picture, top to bottom: a status pill, the title, the goal and the
 * other attributes; journey-level measures; the persona cards; the grid
 * (stage headings over their columns, then one band per row); the
 * legend. Everything is placed in one pass over the journey, plus a pass
 * per row and per persona curve; nothing is quadratic in the number of
 * steps.
 *
 * The parts live in files of their own, sharing the builder and the
 * map's dimensions through map_layout_build.h: the grid (map_grid.c), the
 * items in its cells (map_cells.c), the emotion curves and their words
 * (map_curves.c), the header and the persona cards (map_cards.c), the
 * legend and the key to a diff's marks (map_legend.c).
 *
 * With a diff's marks: removed stages and steps get columns of their own
 * where they were (only the step's label shows in them), removed lane
 * entries, `by`, `via` and measures join the cells of the moment they
 * belonged to (the entries of a removed lane in a row of its own), and
 * every item, column, stage, row, card and header text carries its mark.
 * Marked items are wrapped narrower and grow by their border. The key to
 * the marks goes in the header, the earlier feels on the curve. */
#include "runtime/render/graphviz/map_layout.h"

#include <stdlib.h>

#include "lang/arena.h"
#include "runtime/render/graphviz/map_layout_build.h"

/* The map of model without a diff's marks. */
cjm_map_layout *cjm_map_layout_new(const cjm_model *model, const cjm_analysis *analysis, const cjm_persona *only) {
  return cjm_map_layout_new_marked(model, analysis, only, NULL);
}

/* What there is to place (columns, rows, series, cells), then the parts
 * of the picture from the top down. */
cjm_map_layout *cjm_map_layout_new_marked(const cjm_model *model, const cjm_analysis *analysis,
                                          const cjm_persona *only, const cjm_map_marks *marks) {
  cjm_map_layout *L = cjm_xcalloc(1, sizeof *L);
  L->model = model;
  L->only = only;
  L->marks = marks;
  L->arena = cjm_arena_new();
  map_builder b = {.L = L, .analysis = analysis, .many_personas = model->persona_count > 1, .marks = marks};
  b.lane_row = cjm_xmalloc((model->lane_count ? model->lane_count : 1) * sizeof *b.lane_row);

  cjm_map_add_columns(&b);
  cjm_map_add_rows(&b);
  cjm_map_add_series(&b);
  double grid_w = cjm_map_place_columns(&b);
  L->scale.min = model->journey.scale_min; /* for the header's texts, until the curve row sets the scale */
  L->scale.max = model->journey.scale_max;
  if (marks) L->scale.rescaled = cjm_map_marks_old_scale(marks, &L->scale.old_min, &L->scale.old_max);
  cjm_map_add_cells(&b);

  double y = cjm_map_place_header(&b, MARGIN);
  y = cjm_map_place_cards(&b, y + HEADER_CARDS_GAP) + CARDS_GRID_GAP;
  L->grid = (cjm_map_rect){MARGIN, y, grid_w, 0};
  y += cjm_map_place_stages(&b, y) + ROW_GAP;
  y = cjm_map_place_rows(&b, y);
  L->grid.h = y - L->grid.y;
  cjm_map_place_curves(&b);
  y = cjm_map_place_legend(&b, y + GRID_LEGEND_GAP);
  L->height = y + MARGIN;
  free(b.lane_row);
  free(b.gone_lanes);
  free(b.gone_row);
  return L;
}

/* Frees the layout's arrays, lines and composed text. */
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
