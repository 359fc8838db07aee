/* graphviz_curve — the emotion curve of the map view as Graphviz nodes
 * and edges: the scale (ticks, bounds, the neutral line), one curve per
 * persona through its points (smooth runs, dotted bridges over steps
 * without a feel, a dashed level for a stage's own feel), each point
 * filled by its feel with its word beneath; with a diff's marks, a ring
 * round each added or changed feel and the earlier feel as a dashed
 * ghost, with an arrow to where it is now.
 *
 * Draws what map_layout placed (cjm_map_layout's scale, points, runs and
 * ghosts) on a placed canvas. Part of the Graphviz backend; includes
 * graphviz_canvas.h and so Graphviz. */
#ifndef CJM_GRAPHVIZ_CURVE_H
#define CJM_GRAPHVIZ_CURVE_H

#include "runtime/render/graphviz/canvas.h"
#include "runtime/render/graphviz/map_layout.h"

/* Draws the scale of L's curve row: the dotted ticks with their values,
 * the bounds and the neutral line. */
void cjm_gv_draw_scale(cjm_gv_canvas *c, const cjm_map_layout *L);

/* Draws every curve of L, with their points, words and marks. */
void cjm_gv_draw_curves(cjm_gv_canvas *c, const cjm_map_layout *L);

#endif
