/* graphviz_flow — the flow view as a Graphviz graph: steps as nodes
 * filled by their mean feel, clustered by stage, with edges along the
 * flow (`next`, loops back dashed) and, with --detail, pains and
 * opportunities as notes; the title and a legend in the graph's label.
 *
 * Draws a cjm_flow_layout (flow_layout.h) on a canvas, in the layout's
 * rows, top to bottom: for small flows Graphviz's dot engine places
 * everything, told which steps make each row; for large ones the
 * layout's own positions are used (cjm_flow_layout_place). Part of the
 * Graphviz backend; includes graphviz_canvas.h and so Graphviz. */
#ifndef CJM_GRAPHVIZ_FLOW_H
#define CJM_GRAPHVIZ_FLOW_H

#include "runtime/render/graphviz/flow_layout.h"
#include "runtime/render/graphviz/canvas.h"
#include "runtime/core/model.h"

/* Builds the flow view of model, laid out as L, on c: placed by cjm when
 * c is placed (L then placed too), else for dot. */
void cjm_gv_build_flow(cjm_gv_canvas *c, const cjm_model *model, const cjm_flow_layout *L);

#endif
