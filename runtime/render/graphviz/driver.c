/* render_graphviz — see render_graphviz.h.
 *
 * The driver of the Graphviz backend. Per render: capture what Graphviz
 * reports while the render runs (agseterrf, and standard error, where
 * its plugins and libraries print), check that Graphviz can write the
 * format, agopen a canvas (graphviz_canvas), build the view on
 * it from its layout (graphviz_map: every node and edge at the position
 * map_layout computed, drawn by the nop2 engine; graphviz_flow: dot, or
 * nop2 with flow_layout's positions for large flows), then either
 * agwrite it (-T dot: the graph as handed to the layout engine), or
 * gvLayout, lower a bitmap's resolution to fit cairo's limit,
 * gvRenderData (an SVG is rewritten on the way: see svg_write),
 * gvFreeRenderData, gvFreeLayout; then agclose (both skipped with
 * exit_after), and turn the captured messages into diagnostics. The
 * pages of a PDF document (options->pages, --split -T pdf) are built,
 * laid out, drawn onto the document (graphviz_document) and freed one by
 * one, within the same capture.
 *
 * Drawing order, with outputorder=edgesfirst: clusters (backgrounds)
 * first, then every edge (lines and curves), then every node (cards and
 * text), in creation order. */
#include "runtime/core/budget.h"
#include "runtime/render/graphviz/driver.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lang/arena.h"
#include "lang/utf8.h"
#include "runtime/render/graphviz/escape.h"
#include "runtime/render/graphviz/flow_layout.h"
#include "runtime/render/graphviz/canvas.h"
#include "runtime/render/graphviz/document.h"
#include "runtime/render/graphviz/flow.h"
#include "runtime/render/graphviz/map.h"
#include "runtime/render/graphviz/map_layout.h"
#include "runtime/render/graphviz/pages.h"
#include "runtime/render/graphviz/style.h"
#include "runtime/core/words.h"

#include <gvc.h>

/* The backend's process state: the one Graphviz context, created on
 * first use, and where the messages of the render in progress go. */
static struct {
  GVC_t *gvc;
  cjm_strbuf *messages;
  Agraph_t *kept; /* the last graph of a render with exit_after, not freed */
} graphviz;

/* ---- rendering ----------------------------------------------------------- */

/* Collects what Graphviz reports during a render. */
static int capture_message(char *message) {
  if (graphviz.messages) cjm_strbuf_puts(graphviz.messages, message);
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
static bool report_messages(const cjm_strbuf *messages, const cjm_model *model, cjm_diags *diags) {
  bool any = false;
  cjm_loc loc = render_loc(model);
  const char *p = messages->data ? messages->data : "";
  while (*p) {
    const char *end = strchr(p, '\n');
    size_t len = end ? (size_t)(end - p) : strlen(p);
    while (len && (p[len - 1] == ' ' || p[len - 1] == '\r')) len--;
    /* cairo's messages start with Graphviz's command name, none here */
    static const char no_command[] = "(null): ";
    if (len >= sizeof no_command - 1 && memcmp(p, no_command, sizeof no_command - 1) == 0) {
      p += sizeof no_command - 1;
      len -= sizeof no_command - 1;
    }
    if (len) {
      any = true;
      cjm_error(diags, "render", &loc, "Graphviz: %.*s", (int)len, p);
    }
    p = end ? end + 1 : p + strlen(p);
  }
  return any;
}

/* The name of the graph: the journey's title, which Graphviz writes as it
 * is into DOT (`digraph "..."`) and into an SVG comment (`<!-- Title: ...
 * -->`). Every character that may not stand there is replaced by U+FFFD:
 * control characters (C0, DEL, C1) and the noncharacters U+FFFE and
 * U+FFFF; and a hyphen after a hyphen becomes U+2010 HYPHEN, since "--"
 * may not stand in an XML comment. The picture shows the title itself,
 * escaped by cjm (put_title). Built in buf; returns its text. */
static const char *graph_name(const cjm_model *model, cjm_strbuf *buf) {
  const char *title = cjm_map_title(model, "journey");
  size_t len = strlen(title);
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    size_t n = cjm_utf8_decode(title + i, len - i, &cp);
    if (n == 0) n = 1, cp = 0xFFFD;
    bool control = cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0xFFFE || cp == 0xFFFF;
    if (control || (n == 1 && cp == 0xFFFD)) cjm_strbuf_puts(buf, "\xEF\xBF\xBD");
    else if (cp == '-' && buf->len && buf->data[buf->len - 1] == '-') cjm_strbuf_puts(buf, "\xE2\x80\x90");
    else cjm_strbuf_write(buf, title + i, n);
    i += n;
  }
  return buf->data ? buf->data : "journey";
}

/* Writes the journey's title, escaped by cjm, as XML text. */
static void put_title(cjm_strbuf *out, const cjm_model *model) {
  const char *title = cjm_map_title(model, cjm_tr("Journey map"));
  cjm_strbuf_puts(out, "<title>");
  cjm_escape_xml(out, title, strlen(title));
  cjm_strbuf_puts(out, "</title>");
}

/* The first occurrence of the NUL-terminated needle in [from, end), or NULL. */
static const char *find(const char *from, const char *end, const char *needle) {
  return from < end ? memmem(from, (size_t)(end - from), needle, strlen(needle)) : NULL;
}

/* Copies Graphviz's SVG into out, with three changes:
 * - the journey's title and goal become the document's first <title> and
 *   <desc>, for readers and assistive technology;
 * - the graph's own <title> (Graphviz writes the graph's name there, and
 *   leaves what looks like an entity as it is: "&amp;" would show as
 *   "&") holds the title as cjm escapes it;
 * - the <title> Graphviz gives every node, edge and cluster goes: it is
 *   their generated name ("n45", "cluster_3", "n1->n2"), which browsers
 *   show as the hover text. What has something to say on hover (a step,
 *   a stage) has its own tooltip, an <a> with xlink:title; anything else
 *   shows the graph's title, the journey's. */
static void svg_write(cjm_strbuf *out, const char *svg, size_t len, const cjm_model *model) {
  const char *end = svg + len;
  const char *open = find(svg, end, "<svg");
  const char *close = open ? memchr(open, '>', (size_t)(end - open)) : NULL;
  if (!close) {
    cjm_strbuf_write(out, svg, len);
    return;
  }
  const char *p = close + 1;
  cjm_strbuf_write(out, svg, (size_t)(p - svg));
  cjm_strbuf_puts(out, "\n");
  put_title(out, model);
  const cjm_journey *j = &model->journey;
  for (size_t i = 0; i < j->attr_count; i++) {
    if (strcmp(j->attrs[i].key, "goal") != 0) continue;
    cjm_strbuf_puts(out, "\n<desc>");
    cjm_escape_xml(out, j->attrs[i].value, strlen(j->attrs[i].value));
    cjm_strbuf_puts(out, "</desc>");
    break;
  }
  /* The graph's <title> is the first one after its group's tag, before
   * any other group opens. */
  const char *graph = find(p, end, "class=\"graph\"");
  const char *graph_title = graph ? find(graph, end, "<title>") : NULL;
  const char *next_group = graph ? find(graph, end, "<g ") : NULL;
  if (graph_title && next_group && next_group < graph_title) graph_title = NULL;
  for (const char *t; (t = find(p, end, "<title>"));) {
    const char *t_end = find(t, end, "</title>");
    if (!t_end) break;
    cjm_strbuf_write(out, p, (size_t)(t - p));
    if (t == graph_title) put_title(out, model);
    p = t_end + strlen("</title>");
    if (t != graph_title && p < end && *p == '\n') p++;
  }
  cjm_strbuf_write(out, p, (size_t)(end - p));
}

/* ---- bitmaps --------------------------------------------------------------- */

/* Bitmaps wider or taller than 32,767 pixels are shrunk by cairo, which
 * says so on standard error; cjm lowers the resolution first, with room
 * for Graphviz's padding and rounding. */
static const double MAX_PIXELS = 32000;

/* Below this resolution (a quarter of the default 96 dpi, 10-point text
 * about 3 pixels high) a bitmap is unreadable: the render fails instead,
 * pointing at the vector formats. */
static const double MIN_BITMAP_DPI = 24;

/* Whether format is drawn as a vector (its size does not depend on dpi). */
static bool is_vector_format(const char *format) {
  static const char *const vector[] = {"svg", "svgz", "pdf", "ps", "eps", "dot", "xdot", "json"};
  for (size_t i = 0; i < sizeof vector / sizeof vector[0]; i++)
    if (strcmp(format, vector[i]) == 0) return true;
  return false;
}

/* Lowers the resolution of a laid-out graph so that its bitmap fits in
 * MAX_PIXELS each way; the size is known only after the layout (dot
 * places the flow view itself). Reports to diags and returns false when
 * that would take it below MIN_BITMAP_DPI. */
static bool fit_bitmap(Agraph_t *g, const char *format, const char *view, const cjm_loc *loc, cjm_diags *diags) {
  if (is_vector_format(format)) return true;
  boxf bb = GD_bb(g);
  double width = bb.UR.x - bb.LL.x, height = bb.UR.y - bb.LL.y;
  double largest = fmax(width, height) + 16; /* Graphviz's padding, 4 points a side, and then some */
  double dpi = GD_drawing(g)->dpi > 0 ? GD_drawing(g)->dpi : 96;
  if (largest * dpi / 72 <= MAX_PIXELS) return true;
  double fit = floor(MAX_PIXELS * 72 / largest);
  if (fit < MIN_BITMAP_DPI) {
    cjm_error(diags, "render", loc,
              "the %s view is %.0f x %.0f points: as %s it would be drawn at %.0f dpi (a bitmap has at most "
              "32767 pixels a side), too small to read; render it as svg or pdf",
              view, width, height, format, fmax(fit, 0));
    return false;
  }
  GD_drawing(g)->dpi = fit;
  return true;
}

/* ---- what Graphviz prints ---------------------------------------------------
 *
 * Graphviz reports through agerr, which agseterrf captures; but its cairo
 * plugin ("graph is too large for cairo-renderer bitmaps", "failure to
 * create cairo surface"), pango, fontconfig and glib print on standard
 * error themselves. While Graphviz runs, standard error goes to a
 * temporary file, whose text joins the captured messages. (A sanitizer's
 * report in that window would go there too, and be lost with the
 * process: ASAN_OPTIONS=log_path=FILE keeps it.) */

typedef struct stderr_capture {
  FILE *file; /* where standard error goes meanwhile, or NULL: not captured */
  int saved;  /* a duplicate of the real standard error */
  int oom_fd; /* where "out of memory" went before (lang/arena.h): it goes to saved meanwhile */
} stderr_capture;

static void stderr_capture_begin(stderr_capture *cap) {
  *cap = (stderr_capture){.file = tmpfile(), .saved = -1};
  if (!cap->file) return;
  fflush(stderr);
  cap->saved = dup(STDERR_FILENO);
  if (cap->saved < 0 || dup2(fileno(cap->file), STDERR_FILENO) < 0) {
    if (cap->saved >= 0) close(cap->saved);
    fclose(cap->file);
    *cap = (stderr_capture){.file = NULL, .saved = -1};
    return;
  }
  cap->oom_fd = cjm_set_out_of_memory_fd(cap->saved);
}

/* Restores standard error and appends what was written to it to messages. */
static void stderr_capture_end(stderr_capture *cap, cjm_strbuf *messages) {
  if (!cap->file) return;
  fflush(stderr);
  dup2(cap->saved, STDERR_FILENO);
  cjm_set_out_of_memory_fd(cap->oom_fd);
  close(cap->saved);
  rewind(cap->file);
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, cap->file)) > 0) cjm_strbuf_write(messages, buf, n);
  fclose(cap->file);
  *cap = (stderr_capture){.file = NULL, .saved = -1};
}

/* ---- the render ------------------------------------------------------------ */

/* Lays out and renders c's graph as format into out. Returns false
 * after reporting to diags, or leaving what went wrong in the messages. */
static bool render_graph(cjm_gv_canvas *c, const cjm_render_options *options, const cjm_model *model,
                         cjm_strbuf *out, cjm_diags *diags) {
  GVC_t *gvc = context();
  const char *format = options->format;
  if (strcmp(format, "png") == 0) { /* 96 dpi, times --scale */
    char dpi[32] = "96";
    if (options->scale > 0 && options->scale != 1) snprintf(dpi, sizeof dpi, "%g", 96 * options->scale);
    cjm_gv_graph_attr(c->g, "dpi", dpi);
  }
  const char *engine = c->placed ? "nop2" : "dot";
  if (gvLayout(gvc, c->g, engine) != 0) {
    if (!graphviz.messages->len) cjm_strbuf_puts(graphviz.messages, "the layout failed\n");
    return false;
  }
  cjm_loc loc = render_loc(model);
  const char *view = options->view == CJM_VIEW_MAP ? "map" : "flow";
  bool ok = fit_bitmap(c->g, format, view, &loc, diags);
  char *data = NULL;
  unsigned int len = 0;
  if (ok) ok = gvRenderData(gvc, c->g, (char *)format, &data, &len) == 0 && data;
  if (ok && graphviz.messages->len == 0) {
    if (strcmp(format, "svg") == 0) svg_write(out, data, len, model);
    else cjm_strbuf_write(out, data, len);
  }
  if (data) gvFreeRenderData(data);
  if (!options->exit_after) gvFreeLayout(gvc, c->g);
  return ok;
}

/* Builds on c the view options->view of the part of model that part
 * names (--stages, a page of --split). Returns false after reporting to
 * diags when the part is over the map's budget; c is then not open. */
static bool build_view(cjm_gv_canvas *c, const cjm_model *model, const cjm_analysis *analysis,
                       const cjm_render_options *options, const cjm_render_part *part, cjm_language language,
                       cjm_diags *diags) {
  const cjm_gv_theme *theme = cjm_gv_theme_of(options->theme);
  cjm_gv_part_view view;
  const cjm_model *shown = cjm_gv_part_view_open(&view, model, part);
  bool ok = true;
  if (options->view == CJM_VIEW_MAP) /* a curve and a card per persona, a row per lane */
    ok = cjm_within_budget(model, diags, "the map",
                           (options->persona ? 1 : shown->persona_count) + shown->lane_count + 2,
                           shown->step_count + shown->stage_count,
                           "draw one persona's map with --persona ID, or part of the journey with --stages FIRST..LAST");
  if (ok) {
    cjm_strbuf name_buf = {0};
    const char *name = graph_name(model, &name_buf);
    const char *fonts = cjm_gv_fonts(language);
    if (options->view == CJM_VIEW_MAP) {
      cjm_map_layout *map = cjm_map_layout_new_marked(shown, analysis, options->persona, options->marks);
      cjm_gv_canvas_open(c, name, true, false, map->height, fonts, theme, options->transparent);
      cjm_gv_build_map(c, map);
      cjm_map_layout_free(map); /* the graph holds copies of everything: free it before the layout */
    } else {
      cjm_flow_layout *flow = cjm_flow_layout_new(shown, analysis, options->persona, options->detail);
      if (cjm_flow_layout_dot_cost(flow) > CJM_FLOW_DOT_MAX_STEPS) {
        cjm_flow_layout_place(flow, 70);
        cjm_gv_canvas_open(c, name, true, true, flow->height, fonts, theme, options->transparent);
      } else {
        cjm_gv_canvas_open(c, name, false, true, 0, fonts, theme, options->transparent);
      }
      cjm_gv_build_flow(c, shown, flow);
      cjm_flow_layout_free(flow);
    }
    cjm_strbuf_free(&name_buf); /* agopen keeps its own copy */
  }
  cjm_gv_part_view_close(&view);
  return ok;
}

/* --split -T pdf: draws each of options->pages on a page of one PDF
 * document (graphviz_document) in out; every graph is laid out, drawn
 * and freed in turn. Returns false after reporting to diags, or leaving
 * what went wrong in the messages; out then holds no usable PDF. */
static bool render_document(const cjm_model *model, const cjm_analysis *analysis, const cjm_render_options *options,
                            cjm_language language, cjm_strbuf *out, cjm_diags *diags) {
  GVC_t *gvc = context();
  cjm_gv_document *doc = cjm_gv_document_open(out);
  bool ok = true;
  for (size_t i = 0; ok && i < options->page_count; i++) {
    cjm_gv_canvas c = {0};
    ok = build_view(&c, model, analysis, options, &options->pages[i], language, diags);
    if (!ok) break;
    ok = gvLayout(gvc, c.g, c.placed ? "nop2" : "dot") == 0;
    if (ok) {
      ok = cjm_gv_document_page(doc, gvc, c.g) && graphviz.messages->len == 0;
      gvFreeLayout(gvc, c.g);
    } else if (!graphviz.messages->len) {
      cjm_strbuf_puts(graphviz.messages, "the layout failed\n");
    }
    cjm_gv_canvas_close(&c);
  }
  const char *error = cjm_gv_document_close(doc);
  if (error && ok) {
    cjm_strbuf_printf(graphviz.messages, "cairo: %s\n", error);
    ok = false;
  }
  return ok;
}

bool cjm_render_graphviz(const cjm_model *model, const cjm_analysis *analysis, const cjm_render_options *options,
                         cjm_strbuf *out, cjm_diags *diags) {
  const char *format = options->format;
  bool to_dot = strcmp(format, "dot") == 0;
  const char *view = options->view == CJM_VIEW_MAP ? "map" : "flow";
  cjm_loc loc = render_loc(model);
  size_t errors_before = cjm_diags_errors(diags);
  cjm_language language = cjm_language_for(model, options->lang);
  cjm_language words_before = cjm_words_begin(language);
  cjm_strbuf messages = {0};
  graphviz.messages = &messages;
  agusererrf previous = agseterrf(capture_message);
  agseterr(AGWARN);
  agreseterrors();
  stderr_capture cap;
  stderr_capture_begin(&cap);

  bool ok = to_dot || format_available(context(), format);
  if (!ok) cjm_error(diags, "render", &loc, "this Graphviz cannot write '%s' (no such device plugin)", format);
  if (ok && options->pages && strcmp(format, "pdf") == 0) {
    ok = render_document(model, analysis, options, language, out, diags);
  } else if (ok) {
    cjm_gv_canvas c = {0};
    ok = build_view(&c, model, analysis, options, &options->part, language, diags);
    if (ok) {
      if (to_dot) ok = agwrite(c.g, out) == 0;
      else ok = render_graph(&c, options, model, out, diags);
      if (options->exit_after) {
        /* Left for the system to reclaim, as `dot` leaves its last graph;
         * kept reachable, so that a leak checker does not call it lost. */
        graphviz.kept = c.g;
        c.g = NULL;
      }
      cjm_gv_canvas_close(&c);
    }
  }

  stderr_capture_end(&cap, &messages);
  agseterrf(previous);
  graphviz.messages = NULL;
  if (report_messages(&messages, model, diags)) ok = false;
  else if (!ok && cjm_diags_errors(diags) == errors_before)
    cjm_error(diags, "render", &loc, "Graphviz could not render the %s view as %s", view, format);
  cjm_strbuf_free(&messages);
  cjm_words_end(words_before);
  if (!ok) out->len = 0;
  return ok;
}
