/* graphviz_document — see document.h. */
#include "runtime/render/graphviz/document.h"

#include <stdio.h>
#include <stdlib.h>

#include <cairo-pdf.h>
#include <cairo-tee.h>
#include <cairo.h>

#include "lang/arena.h"

struct cjm_gv_document {
  cairo_surface_t *surface; /* the PDF, written into out */
  cjm_strbuf *out;          /* where its bytes go: the caller's */
};

/* cairo's write function: appends to the document's buffer (cjm's
 * allocations end the process rather than fail). */
static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int length) {
  cjm_strbuf_write(closure, (const char *)data, length);
  return CAIRO_STATUS_SUCCESS;
}

cjm_gv_document *cjm_gv_document_open(cjm_strbuf *out) {
  cjm_gv_document *doc = cjm_xmalloc(sizeof *doc);
  doc->out = out;
  /* each page sets its own size before anything is drawn on it */
  doc->surface = cairo_pdf_surface_create_for_stream(write_out, out, 72, 72);
  return doc;
}

/* The x and y of a graph attribute that Graphviz reads as "X" or "X,Y"
 * inches (pad, margin), in points; fallback when the graph does not set
 * it. */
static void inches_attr(Agraph_t *g, const char *name, double fallback, double *x, double *y) {
  *x = *y = fallback;
  char *value = agget(g, (char *)name);
  double vx, vy;
  int n = value && *value ? sscanf(value, "%lf,%lf", &vx, &vy) : 0;
  if (n >= 1) *x = *y = vx * 72;
  if (n == 2) *y = vy * 72;
}

/* Rounds a size in points as Graphviz rounds its page's. */
static double round_points(double v) { return (double)(long)(v + 0.5); }

bool cjm_gv_document_page(cjm_gv_document *doc, GVC_t *gvc, Agraph_t *g) {
  if (cairo_surface_status(doc->surface) != CAIRO_STATUS_SUCCESS) return false;
  /* The page as Graphviz sizes a PDF of g: the cairo renderer's default
   * padding, 4 points, and the pdf device's margin, 36 points. */
  double pad_x, pad_y, margin_x, margin_y;
  inches_attr(g, "pad", 4, &pad_x, &pad_y);
  inches_attr(g, "margin", 36, &margin_x, &margin_y);
  boxf bb = GD_bb(g);
  double width = round_points(bb.UR.x - bb.LL.x + 2 * (pad_x + margin_x));
  double height = round_points(bb.UR.y - bb.LL.y + 2 * (pad_y + margin_y));
  cairo_pdf_surface_set_size(doc->surface, width, height);
  /* Graphviz finishes the target of the context it draws on: a tee,
   * which leaves the document open (document.h). */
  cairo_surface_t *page = cairo_tee_surface_create(doc->surface);
  cairo_t *cr = cairo_create(page);
  bool ok = gvRenderContext(gvc, g, "pdf:cairo", cr) == 0 && cairo_status(cr) == CAIRO_STATUS_SUCCESS;
  cairo_destroy(cr);
  cairo_surface_destroy(page);
  cairo_surface_show_page(doc->surface);
  return ok && cairo_surface_status(doc->surface) == CAIRO_STATUS_SUCCESS;
}

const char *cjm_gv_document_close(cjm_gv_document *doc) {
  cairo_surface_finish(doc->surface);
  cairo_status_t status = cairo_surface_status(doc->surface);
  cairo_surface_destroy(doc->surface);
  free(doc);
  return status == CAIRO_STATUS_SUCCESS ? NULL : cairo_status_to_string(status);
}
