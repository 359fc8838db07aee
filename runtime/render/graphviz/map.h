/* graphviz_map — the map view as a Graphviz graph: every box, text, line
 * and curve of a cjm_map_layout (map_layout.h) placed where the layout
 * put it, drawn by Graphviz's nop2 engine. With the layout's marks (a
 * diff, map_marks.h), also what changed: added things outlined green,
 * changed ones amber, removed ones struck through in red, earlier feels
 * on the curve, and a legend of the three.
 *
 * Element ids name what they show ("step-ID", "stage-ID", "persona-ID",
 * "cell-LANE.STAGE.STEP", "feel-PERSONA.STAGE.STEP"...) and classes say
 * what it is, and with marks what happened to it ("step added"). Part of
 * the Graphviz backend; includes graphviz_canvas.h and so Graphviz. */
#ifndef CJM_GRAPHVIZ_MAP_H
#define CJM_GRAPHVIZ_MAP_H

#include "runtime/render/graphviz/canvas.h"
#include "runtime/render/graphviz/map_layout.h"

/* Builds the map view laid out as L on c, a placed canvas as tall as L. */
void cjm_gv_build_map(cjm_gv_canvas *c, const cjm_map_layout *L);

#endif
