/* graphviz_canvas — see graphviz_canvas.h. */
#include "runtime/render/graphviz/canvas.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "runtime/render/graphviz/escape.h"
#include "runtime/render/graphviz/text_wrap.h"
#include "runtime/render/graphviz/style.h"
#include "runtime/base/grow.h"

/* agwrite writes through cjm_strbuf: the channel is a cjm_strbuf. */
static int output_putstr(void *chan, const char *str) {
  cjm_strbuf_puts(chan, str);
  return 0;
}

static int output_flush(void *chan) {
  (void)chan;
  return 0;
}

static Agiodisc_t output_io = {NULL, output_putstr, output_flush};

/* ---- subgraph ids in creation order ---------------------------------------
 *
 * cgraph keeps subgraphs ordered by id, and its default id discipline
 * makes a named object's id the address of its interned name: agwrite,
 * and the order in which Graphviz lays out and draws clusters, would
 * then depend on the allocator. This discipline numbers named subgraphs
 * (and the root graph) in creation order instead, with even ids (the
 * default one gives odd ids to anonymous objects, which it keeps
 * handling, as it keeps handling nodes and edges). */

typedef struct ordered_ids {
  Agraph_t *g;                /* the root graph: the default discipline's state */
  char **names;               /* names[k]: the interned name of id 2 * (k + 1) */
  size_t count, capacity;
  size_t *slots;              /* open addressing on the name's hash: k + 1, or 0;
                                 a freed name's slot stays (names[k] NULL) */
  size_t slot_count;          /* a power of two, at least twice count */
} ordered_ids;

static size_t name_hash(const char *s) {
  size_t h = 14695981039346656037u; /* FNV-1a */
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
  return h;
}

/* The slot of name, or of the empty slot where it would go. */
static size_t *name_slot(ordered_ids *ids, const char *name) {
  size_t mask = ids->slot_count - 1;
  for (size_t i = name_hash(name) & mask;; i = (i + 1) & mask) {
    size_t k = ids->slots[i];
    if (!k || (ids->names[k - 1] && strcmp(ids->names[k - 1], name) == 0)) return &ids->slots[i];
  }
}

static void grow_slots(ordered_ids *ids) {
  free(ids->slots);
  ids->slot_count = ids->slot_count ? ids->slot_count * 2 : 64;
  ids->slots = cjm_xcalloc(ids->slot_count, sizeof *ids->slots);
  for (size_t k = 0; k < ids->count; k++)
    if (ids->names[k]) *name_slot(ids, ids->names[k]) = k + 1;
}

static void *ids_open(Agraph_t *g, Agdisc_t *disc) {
  ordered_ids *ids = cjm_xcalloc(1, sizeof *ids);
  ids->g = AgIdDisc.open(g, disc);
  grow_slots(ids);
  return ids;
}

static long ids_map(void *state, int objtype, char *str, IDTYPE *id, int createflag) {
  ordered_ids *ids = state;
  if (objtype != AGRAPH || !str) return AgIdDisc.map(ids->g, objtype, str, id, createflag);
  size_t *slot = name_slot(ids, str);
  if (*slot) {
    *id = 2 * (IDTYPE)*slot;
    return 1;
  }
  if (!createflag) return 0;
  ids->names = cjm_grow(ids->names, ids->count, &ids->capacity, sizeof *ids->names);
  ids->names[ids->count++] = agstrdup(ids->g, str);
  if (2 * ids->count > ids->slot_count) grow_slots(ids);
  else *slot = ids->count;
  *id = 2 * (IDTYPE)ids->count;
  return 1;
}

static long ids_alloc(void *state, int objtype, IDTYPE id) {
  ordered_ids *ids = state;
  return AgIdDisc.alloc(ids->g, objtype, id);
}

/* Whether id is one this discipline gave. */
static bool ids_own(const ordered_ids *ids, int objtype, IDTYPE id) {
  return objtype == AGRAPH && id % 2 == 0 && id >= 2 && id / 2 <= ids->count;
}

static void ids_free(void *state, int objtype, IDTYPE id) {
  ordered_ids *ids = state;
  if (!ids_own(ids, objtype, id)) {
    AgIdDisc.free(ids->g, objtype, id);
    return;
  }
  char **name = &ids->names[id / 2 - 1];
  if (!*name) return;
  agstrfree(ids->g, *name);
  *name = NULL; /* its slot stays, a tombstone that probing goes past */
}

static char *ids_print(void *state, int objtype, IDTYPE id) {
  ordered_ids *ids = state;
  if (ids_own(ids, objtype, id)) return ids->names[id / 2 - 1];
  return AgIdDisc.print(ids->g, objtype, id);
}

static void ids_close(void *state) {
  ordered_ids *ids = state;
  AgIdDisc.close(ids->g);
  free(ids->names);
  free(ids->slots);
  free(ids);
}

static void ids_register(void *state, int objtype, void *obj) {
  ordered_ids *ids = state;
  AgIdDisc.idregister(ids->g, objtype, obj);
}

static Agiddisc_t ordered_id_disc = {ids_open, ids_map, ids_alloc, ids_free, ids_print, ids_close, ids_register};

void cjm_gv_set_html(cjm_gv_canvas *c, void *obj, Agsym_t *sym, const char *html) {
  char *h = agstrdup_html(c->g, (char *)html);
  agxset(obj, sym, h);
  agstrfree(c->g, h);
}

static void set_number(void *obj, Agsym_t *sym, double value) {
  char buf[64];
  snprintf(buf, sizeof buf, "%.2f", value);
  cjm_gv_set(obj, sym, buf);
}

void cjm_gv_set_named(void *obj, const char *name, const char *value) {
  agsafeset(obj, (char *)name, (char *)value, "");
}

static Agsym_t *node_attr(Agraph_t *g, const char *name, const char *def) {
  return agattr(g, AGNODE, (char *)name, (char *)def);
}

static Agsym_t *edge_attr(Agraph_t *g, const char *name, const char *def) {
  return agattr(g, AGEDGE, (char *)name, (char *)def);
}

void cjm_gv_graph_attr(Agraph_t *g, const char *name, const char *value) {
  agattr(g, AGRAPH, (char *)name, (char *)value);
}

void cjm_gv_canvas_open(cjm_gv_canvas *c, const char *name, bool placed, bool flow, double height,
                        const char *fonts, const cjm_gv_theme *theme, bool transparent) {
  static Agdisc_t disc;
  disc = (Agdisc_t){&AgMemDisc, &ordered_id_disc, &output_io};
  *c = (cjm_gv_canvas){.placed = placed, .height = height, .theme = theme};
  c->g = agopen((char *)name, Agdirected, &disc);
  Agraph_t *g = c->g;
  cjm_gv_graph_attr(g, "fontname", fonts);
  cjm_gv_graph_attr(g, "bgcolor", transparent ? "transparent" : theme->background);
  cjm_gv_symbols *s = &c->s;
  /* Graphviz's own default, written out so that `dot` reading cjm's DOT
     agrees: every node then sets its label, "" when it has none. */
  s->label = node_attr(g, "label", "\\N");
  /* the most common node of the view by default: text on the map, a
     step in the flow */
  s->shape = node_attr(g, "shape", flow ? "box" : "plaintext");
  s->style = node_attr(g, "style", flow ? "rounded,filled" : "");
  s->fillcolor = node_attr(g, "fillcolor", theme->node_fill);
  s->color = node_attr(g, "color", flow ? theme->flow_node_line : theme->rule);
  s->penwidth = node_attr(g, "penwidth", "1");
  s->fontcolor = node_attr(g, "fontcolor", theme->ink);
  s->fontsize = node_attr(g, "fontsize", "10");
  node_attr(g, "fontname", fonts);
  s->id = node_attr(g, "id", "");
  s->class_ = node_attr(g, "class", flow ? "step" : "");
  s->tooltip = node_attr(g, "tooltip", "");
  s->margin = node_attr(g, "margin", "0");
  if (placed) {
    s->pos = node_attr(g, "pos", "");
    s->width = node_attr(g, "width", "0.01");
    s->height = node_attr(g, "height", "0.01");
    s->fixedsize = node_attr(g, "fixedsize", "shape"); /* text is sized by cjm: never a warning */
    s->e_pos = edge_attr(g, "pos", "");
  }
  s->e_color = edge_attr(g, "color", theme->edge);
  s->e_style = edge_attr(g, "style", "");
  s->e_penwidth = edge_attr(g, "penwidth", "1");
  s->e_dir = edge_attr(g, "dir", flow ? "forward" : "none");
  s->e_id = edge_attr(g, "id", "");
  s->e_class = edge_attr(g, "class", flow ? "flow" : "");
  s->e_arrowhead = edge_attr(g, "arrowhead", "normal");
  s->e_arrowsize = edge_attr(g, "arrowsize", "0.8");
  s->e_tooltip = edge_attr(g, "tooltip", "");
  if (!placed) {
    s->e_constraint = edge_attr(g, "constraint", "true");
    s->e_weight = edge_attr(g, "weight", "1");
  }
}

void cjm_gv_canvas_close(cjm_gv_canvas *c) {
  if (c->g) agclose(c->g);
  cjm_strbuf_free(&c->buf);
  cjm_strbuf_free(&c->buf2);
  c->g = NULL;
}

Agnode_t *cjm_gv_new_node(cjm_gv_canvas *c, Agraph_t *where) {
  char name[32];
  snprintf(name, sizeof name, "n%lu", ++c->next_node);
  return agnode(where ? where : c->g, name, 1);
}

Agnode_t *cjm_gv_node_at(cjm_gv_canvas *c, const cjm_map_rect *r) {
  Agnode_t *n = cjm_gv_new_node(c, NULL);
  char buf[96];
  snprintf(buf, sizeof buf, "%.2f,%.2f", r->x + r->w / 2, c->height - (r->y + r->h / 2));
  cjm_gv_set(n, c->s.pos, buf);
  set_number(n, c->s.width, r->w / 72.0);
  set_number(n, c->s.height, r->h / 72.0);
  return n;
}

Agnode_t *cjm_gv_box_at(cjm_gv_canvas *c, const cjm_map_rect *r, const char *shape, const char *style,
                        const char *fill, const char *line) {
  Agnode_t *n = cjm_gv_node_at(c, r);
  cjm_gv_set(n, c->s.label, "");
  cjm_gv_set(n, c->s.shape, shape);
  cjm_gv_set(n, c->s.style, style);
  if (fill) cjm_gv_set(n, c->s.fillcolor, fill);
  if (line) cjm_gv_set(n, c->s.color, line);
  return n;
}

Agnode_t *cjm_gv_text_at(cjm_gv_canvas *c, const cjm_map_rect *r) {
  Agnode_t *n = cjm_gv_new_node(c, NULL);
  char buf[96];
  snprintf(buf, sizeof buf, "%.2f,%.2f", r->x + r->w / 2, c->height - (r->y + r->h / 2));
  cjm_gv_set(n, c->s.pos, buf);
  return n;
}

Agnode_t *cjm_gv_anchor(cjm_gv_canvas *c, double x, double y) {
  cjm_map_rect r = {x, y, 0, 0};
  Agnode_t *n = cjm_gv_text_at(c, &r);
  cjm_gv_set(n, c->s.label, "");
  cjm_gv_set(n, c->s.shape, "point");
  cjm_gv_set(n, c->s.style, "invis");
  return n;
}

void cjm_gv_put_point(const cjm_gv_canvas *c, cjm_strbuf *out, double x, double y) {
  cjm_strbuf_printf(out, "%s%.2f,%.2f", out->len ? " " : "", x, c->height - y);
}

Agedge_t *cjm_gv_line(cjm_gv_canvas *c, double x0, double y0, double x1, double y1) {
  Agnode_t *a = cjm_gv_anchor(c, x0, y0), *b = cjm_gv_anchor(c, x1, y1);
  Agedge_t *e = agedge(c->g, a, b, NULL, 1);
  cjm_strbuf *o = &c->buf;
  cjm_gv_reset(o);
  for (int k = 0; k < 4; k++) cjm_gv_put_point(c, o, x0 + (x1 - x0) * k / 3, y0 + (y1 - y0) * k / 3);
  cjm_gv_set(e, c->s.e_pos, cjm_gv_text(o));
  return e;
}

Agraph_t *cjm_gv_box_cluster(cjm_gv_canvas *c, Agraph_t *parent, const cjm_map_rect *r, const char *fill,
                             const char *id) {
  char name[32];
  snprintf(name, sizeof name, "cluster_%lu", ++c->next_cluster);
  if (!parent) {
    if (!c->backgrounds) c->backgrounds = agsubg(c->g, "backgrounds", 1);
    parent = c->backgrounds;
  }
  Agraph_t *sg = agsubg(parent, name, 1);
  char buf[128];
  snprintf(buf, sizeof buf, "%.2f,%.2f,%.2f,%.2f", r->x, c->height - (r->y + r->h), r->x + r->w, c->height - r->y);
  cjm_gv_set_named(sg, "bb", buf);
  cjm_gv_set_named(sg, "style", "filled");
  cjm_gv_set_named(sg, "fillcolor", fill);
  cjm_gv_set_named(sg, "color", fill);
  cjm_gv_set_named(sg, "label", "");
  if (id) cjm_gv_set_named(sg, "id", id);
  return sg;
}

Agnode_t *cjm_gv_small_text(cjm_gv_canvas *c, const char *text, double x, double y, double size, const char *colour,
                            bool bold, const char *align) {
  double w = cjm_text_width(text, strlen(text), size, bold) + 4;
  double h = cjm_text_line_height(size) + 2;
  cjm_map_rect r = {strcmp(align, "RIGHT") == 0 ? x - w : strcmp(align, "LEFT") == 0 ? x : x - w / 2, y - h / 2, w, h};
  Agnode_t *n = cjm_gv_node_at(c, &r);
  cjm_strbuf *o = &c->buf;
  cjm_gv_reset(o);
  cjm_gv_font font = cjm_gv_open_font(o, size, colour, bold, false);
  cjm_escape_gv_html(o, text, strlen(text), NULL);
  cjm_gv_close_font(o, font);
  cjm_gv_set_html(c, n, c->s.label, cjm_gv_text(o));
  return n;
}

void cjm_gv_page_corners(cjm_gv_canvas *c, double width, double height) {
  cjm_gv_anchor(c, 0, 0);
  cjm_gv_anchor(c, width, height);
}

void cjm_gv_set_id(cjm_gv_canvas *c, void *obj, Agsym_t *sym, const char *prefix, const char *a, const char *b,
                   const char *d) {
  cjm_strbuf *o = &c->buf;
  cjm_gv_reset(o);
  cjm_strbuf_puts(o, prefix);
  cjm_strbuf_puts(o, a);
  if (b) cjm_strbuf_printf(o, ".%s", b);
  if (d) cjm_strbuf_printf(o, ".%s", d);
  cjm_gv_set(obj, sym, cjm_gv_text(o));
}
