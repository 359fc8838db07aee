/* render_graphviz — see render_graphviz.h.
 *
 * The driver of the Graphviz backend. Per render: check that Graphviz
 * can write the format, capture what Graphviz reports (agseterrf) while
 * the render runs, agopen a canvas (graphviz_canvas), build the view on
 * it from its layout (graphviz_map: every node and edge at the position
 * map_layout computed, drawn by the nop2 engine; graphviz_flow: dot, or
 * nop2 with flow_layout's positions for large flows), then either
 * agwrite it (-T dot: the graph as handed to the layout engine), or
 * gvLayout, gvRenderData, gvFreeRenderData, gvFreeLayout; then agclose,
 * and turn the captured messages into diagnostics.
 *
 * Drawing order, with outputorder=edgesfirst: clusters (backgrounds)
 * first, then every edge (lines and curves), then every node (cards and
 * text), in creation order. */
#include "runtime/render_graphviz.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/escape.h"
#include "runtime/flow_layout.h"
#include "runtime/graphviz_canvas.h"
#include "runtime/graphviz_flow.h"
#include "runtime/graphviz_map.h"
#include "runtime/map_layout.h"

#include <gvc.h>

/* The backend's process state: the one Graphviz context, created on
 * first use, and where the messages of the render in progress go. */
static struct {
  GVC_t *gvc;
  cjm_output *messages;
} graphviz;

/* ---- rendering ----------------------------------------------------------- */

/* Collects what Graphviz reports during a render. */
static int capture_message(char *message) {
  if (graphviz.messages) cjm_output_puts(graphviz.messages, message);
  return 0;
}

static GVC_t *context(void) {
  if (!graphviz.gvc) graphviz.gvc = gvContext();
  return graphviz.gvc;
}

void cjm_graphviz_shutdown(void) {
  if (graphviz.gvc) gvFreeContext(graphviz.gvc);
  graphviz.gvc = NULL;
}

/* Whether this Graphviz can write format (its device plugins). */
static bool format_available(GVC_t *gvc, const char *format) {
  int count = 0;
  char **list = gvPluginList(gvc, "device", &count, NULL);
  bool found = false;
  for (int i = 0; i < count; i++) {
    found |= strcmp(list[i], format) == 0;
    free(list[i]);
  }
  free(list);
  return found;
}

/* Where render diagnostics point: the journey's file. */
static cjm_loc render_loc(const cjm_model *model) {
  cjm_loc loc = {0};
  if (model->journey.declared) loc.source = model->journey.loc.source;
  else if (model->stage_count) loc.source = model->stages[0]->decl.loc.source;
  return loc;
}

/* Turns captured messages into diagnostics, one per line; returns
 * whether there were any. */
static bool report_messages(const cjm_output *messages, const cjm_model *model, cjm_diags *diags) {
  bool any = false;
  cjm_loc loc = render_loc(model);
  const char *p = messages->data ? messages->data : "";
  while (*p) {
    const char *end = strchr(p, '\n');
    size_t len = end ? (size_t)(end - p) : strlen(p);
    while (len && (p[len - 1] == ' ' || p[len - 1] == '\r')) len--;
    if (len) {
      any = true;
      cjm_error(diags, "render", &loc, "Graphviz: %.*s", (int)len, p);
    }
    p = end ? end + 1 : p + strlen(p);
  }
  return any;
}

/* Inserts the journey's title and goal as the SVG's first <title> and
 * <desc>, for readers and assistive technology. */
static void svg_add_title(cjm_output *out, const char *svg, size_t len, const cjm_model *model) {
  const char *open = strstr(svg, "<svg");
  const char *close = open ? strchr(open, '>') : NULL;
  if (!close) {
    cjm_output_write(out, svg, len);
    return;
  }
  size_t head = (size_t)(close + 1 - svg);
  cjm_output_write(out, svg, head);
  const cjm_journey *j = &model->journey;
  const char *title = cjm_map_title(model, "Journey map");
  cjm_output_puts(out, "\n<title>");
  cjm_escape_xml(out, title, strlen(title));
  cjm_output_puts(out, "</title>");
  for (size_t i = 0; i < j->attr_count; i++) {
    if (strcmp(j->attrs[i].key, "goal") != 0) continue;
    cjm_output_puts(out, "\n<desc>");
    cjm_escape_xml(out, j->attrs[i].value, strlen(j->attrs[i].value));
    cjm_output_puts(out, "</desc>");
    break;
  }
  cjm_output_write(out, svg + head, len - head);
}

/* Bitmaps wider or taller than this many pixels are shrunk by cairo, which
 * says so on standard error where cjm cannot catch it. */
static const double MAX_PIXELS = 32000;

/* Whether format is drawn as a vector (its size does not depend on dpi). */
static bool is_vector_format(const char *format) {
  static const char *const vector[] = {"svg", "svgz", "pdf", "ps", "eps", "dot", "xdot", "json"};
  for (size_t i = 0; i < sizeof vector / sizeof vector[0]; i++)
    if (strcmp(format, vector[i]) == 0) return true;
  return false;
}

/* Lowers the resolution of a laid-out graph so that its bitmap fits in
 * MAX_PIXELS each way. The size is known only after the layout: dot
 * places the flow view itself. */
static void fit_bitmap(Agraph_t *g, const char *format) {
  if (is_vector_format(format)) return;
  boxf bb = GD_bb(g);
  double largest = fmax(bb.UR.x - bb.LL.x, bb.UR.y - bb.LL.y) + 16; /* the default margin */
  double dpi = GD_drawing(g)->dpi > 0 ? GD_drawing(g)->dpi : 96;
  if (largest * dpi / 72 > MAX_PIXELS) GD_drawing(g)->dpi = fmax(1, floor(MAX_PIXELS * 72 / largest));
}

/* Lays out and renders c's graph as format into out. */
static bool render_graph(cjm_gv_canvas *c, const char *format, bool exit_after, const cjm_model *model,
                         cjm_output *out) {
  GVC_t *gvc = context();
  if (strcmp(format, "png") == 0) cjm_gv_graph_attr(c->g, "dpi", "96");
  const char *engine = c->placed ? "nop2" : "dot";
  if (gvLayout(gvc, c->g, engine) != 0) {
    if (!graphviz.messages->len) cjm_output_puts(graphviz.messages, "the layout failed\n");
    return false;
  }
  fit_bitmap(c->g, format);
  char *data = NULL;
  unsigned int len = 0;
  int rc = gvRenderData(gvc, c->g, format, &data, &len);
  bool ok = rc == 0 && data && graphviz.messages->len == 0;
  if (ok) {
    if (strcmp(format, "svg") == 0) svg_add_title(out, data, len, model);
    else cjm_output_write(out, data, len);
  } else if (!graphviz.messages->len) {
    cjm_output_puts(graphviz.messages, "rendering failed\n");
  }
  if (data) gvFreeRenderData(data);
  if (!exit_after) gvFreeLayout(gvc, c->g);
  return ok;
}

bool cjm_render_graphviz(const cjm_model *model, const cjm_analysis *analysis, const cjm_render_options *options,
                         cjm_output *out, cjm_diags *diags) {
  const char *format = options->format;
  bool to_dot = strcmp(format, "dot") == 0;
  cjm_loc loc = render_loc(model);
  if (!to_dot && !format_available(context(), format)) {
    cjm_error(diags, "render", &loc, "this Graphviz cannot write '%s' (no such device plugin)", format);
    return false;
  }
  cjm_output messages = {0};
  graphviz.messages = &messages;
  agusererrf previous = agseterrf(capture_message);
  agseterr(AGWARN);
  agreseterrors();

  const char *name = cjm_map_title(model, "journey");
  cjm_gv_canvas c = {0};
  if (options->view == CJM_VIEW_MAP) {
    cjm_map_layout *map = cjm_map_layout_new_marked(model, analysis, options->persona, options->marks);
    cjm_gv_canvas_open(&c, name, true, false, map->height);
    cjm_gv_build_map(&c, map);
    cjm_map_layout_free(map); /* the graph holds copies of everything: free it before the layout */
  } else {
    cjm_flow_layout *flow = cjm_flow_layout_new(model, analysis, options->persona, options->detail);
    if (flow->node_count > CJM_FLOW_DOT_MAX_STEPS) {
      cjm_flow_layout_place(flow, 70);
      cjm_gv_canvas_open(&c, name, true, true, flow->height);
    } else {
      cjm_gv_canvas_open(&c, name, false, true, 0);
    }
    cjm_gv_build_flow(&c, model, flow);
    cjm_flow_layout_free(flow);
  }

  bool ok;
  if (to_dot) {
    ok = agwrite(c.g, out) == 0 && messages.len == 0;
  } else {
    ok = render_graph(&c, format, options->exit_after, model, out);
  }
  if (options->exit_after) c.g = NULL; /* left to the system */
  cjm_gv_canvas_close(&c);

  agseterrf(previous);
  graphviz.messages = NULL;
  if (report_messages(&messages, model, diags)) ok = false;
  else if (!ok) cjm_error(diags, "render", &loc, "Graphviz could not render the %s view as %s",
                          options->view == CJM_VIEW_MAP ? "map" : "flow", format);
  cjm_output_free(&messages);
  if (!ok) out->len = 0;
  return ok;
}
