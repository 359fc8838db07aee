/* render_graphviz — the svg, png, pdf and dot formats of `cjm render`:
 * the map and flow views drawn through the Graphviz libraries linked into
 * cjm (cgraph builds the graph, gvc lays it out and renders it); and the
 * map view of `cjm diff -T svg|png|dot`, with the changes marked.
 *
 * The backend owns the process's one Graphviz context (GVC_t), created
 * on the first render and freed by cjm_graphviz_shutdown(). It and the
 * graphviz_* files it is made of (canvas, style, map, curve, flow) are
 * the only part of cjm that includes Graphviz's headers: nothing here
 * exposes them. Graphviz's own errors and warnings, and whatever its
 * plugins and libraries print on standard error while it runs, become
 * diagnostics named "render", and the render then fails: no half-drawn
 * or silently shrunk picture. A bitmap too large for cairo is drawn at a
 * lower resolution, down to 24 dpi; beyond that the render fails. */
#ifndef CJM_RENDER_GRAPHVIZ_H
#define CJM_RENDER_GRAPHVIZ_H

#include <stdbool.h>

#include "runtime/render/backend.h"

/* Renders the view options->view of model as options->format ("svg",
 * "png", "pdf", or "dot": the graph as cjm hands it to the layout
 * engine, before layout) into out; with options->pages and "pdf", one
 * document with a page per part. With options->marks (`cjm diff`), the
 * map view shows them: model is then the new journey of the diff. A
 * cjm_render_fn. */
bool cjm_render_graphviz(const cjm_model *model, const cjm_analysis *analysis, const cjm_render_options *options,
                         cjm_strbuf *out, cjm_diags *diags);

/* The cost (cjm_flow_layout_dot_cost) above which the flow view is laid
 * out by cjm in its rows instead of by Graphviz's dot engine, whose time
 * grows faster than the graph: a chain of 2,000 steps, or a few hundred
 * steps whose `next` jump about (docs/rendering.md; a build may set
 * another). Every flow cjm hands to dot is within this budget. */
#ifndef CJM_FLOW_DOT_MAX_STEPS
#define CJM_FLOW_DOT_MAX_STEPS 2000
#endif

/* Frees the Graphviz context if one was created. Call once before the
 * process exits; rendering afterwards creates a new one. */
void cjm_graphviz_shutdown(void);

#endif
