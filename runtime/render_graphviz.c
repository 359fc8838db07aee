/* render_graphviz — see render_graphviz.h.
 *
 * The only file of cjm that includes Graphviz. Per render: agopen, build
 * the graph from a layout (the map view: every node and edge at the
 * position map_layout computed, drawn by the nop2 engine; the flow view:
 * dot, or nop2 with flow_layout's positions for large flows), then either
 * agwrite it (-T dot: the graph as handed to the layout engine), or
 * gvLayout, gvRenderData, gvFreeRenderData, gvFreeLayout; then agclose.
 * Messages Graphviz reports through agerr are captured with agseterrf
 * while the render runs and turned into diagnostics.
 *
 * Drawing order, with outputorder=edgesfirst: clusters (backgrounds)
 * first, then every edge (lines and curves), then every node (cards and
 * text), in creation order. */
#include "runtime/render_graphviz.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "runtime/escape.h"
#include "runtime/flow_layout.h"
#include "runtime/map_layout.h"
#include "runtime/text_wrap.h"

#include <cgraph.h>
#include <gvc.h>

/* The backend's process state: the one Graphviz context, created on
 * first use, and where the messages of the render in progress go. */
static struct {
  GVC_t *gvc;
  cjm_output *messages;
} graphviz;

/* ---- look -------------------------------------------------------------- */

/* The font list every text names: Noto Sans CJK covers Latin, Cyrillic
 * and CJK (the setup installs Debian's fonts-noto-cjk); the others are
 * fallbacks for viewers of the SVG. */
static const char FONTS[] = "Noto Sans CJK SC,Noto Sans CJK JP,DejaVu Sans,sans-serif";

static const char INK[] = "#1f2937";        /* body text */
static const char INK_MUTED[] = "#6b7280";  /* secondary text */
static const char RULE[] = "#cbd5e1";       /* borders and thin lines */

/* One colour per persona, by declaration index: distinct from the red
 * and green of the feel scale. */
static const char *const persona_colours[] = {"#2563eb", "#9333ea", "#d97706", "#0d9488",
                                              "#db2777", "#4f46e5", "#92400e", "#475569"};

static const char *persona_colour(size_t index) {
  return persona_colours[index % (sizeof persona_colours / sizeof persona_colours[0])];
}

/* The diverging feel scale (ColorBrewer RdYlGn): negative red, neutral
 * pale yellow, positive green. t runs from -1 to 1. */
static void feel_colour(char buf[8], double t) {
  static const unsigned char stops[5][3] = {
      {0xd7, 0x30, 0x27}, {0xfc, 0x8d, 0x59}, {0xfe, 0xe0, 0x8b}, {0x91, 0xcf, 0x60}, {0x1a, 0x98, 0x50}};
  if (!(t >= -1)) t = -1;
  if (t > 1) t = 1;
  double pos = (t + 1) * 2; /* 0..4 */
  int i = (int)floor(pos);
  if (i > 3) i = 3;
  double f = pos - i;
  int rgb[3];
  for (int k = 0; k < 3; k++) rgb[k] = (int)lround(stops[i][k] + (stops[i + 1][k] - stops[i][k]) * f);
  snprintf(buf, 8, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
}

/* Where score lies on the scale min..max, from -1 to 1. */
static double feel_position(double score, double min, double max) {
  double mid = (min + max) / 2, half = (max - min) / 2;
  return half > 0 ? (score - mid) / half : 0;
}

/* The tint of an entry card in a lane. */
static const char *lane_tint(const cjm_lane *lane) {
  static const struct {
    const char *id, *tint;
  } tints[] = {
      {"action", "#eef2ff"},     {"touchpoint", "#f1f5f9"}, {"thought", "#eff6ff"},  {"pain", "#fee2e2"},
      {"opportunity", "#dcfce7"}, {"need", "#fef3c7"},       {"note", "#fef9c3"},     {"frontstage", "#e0f2fe"},
      {"backstage", "#ede9fe"},  {"support", "#f5f5f4"},    {"evidence", "#ffedd5"},
  };
  if (lane)
    for (size_t i = 0; i < sizeof tints / sizeof tints[0]; i++)
      if (strcmp(lane->decl.id, tints[i].id) == 0) return tints[i].tint;
  return "#f3f4f6";
}

/* The stronger tint of a row's heading. */
static const char *heading_tint(const cjm_map_row *row) {
  switch (row->kind) {
  case CJM_MAP_ROW_ACTIONS: return "#e0e7ff";
  case CJM_MAP_ROW_CHANNELS: return "#e2e8f0";
  case CJM_MAP_ROW_CURVE: return "#fef9c3";
  case CJM_MAP_ROW_METRICS: return "#e2e8f0";
  case CJM_MAP_ROW_LANE: break;
  }
  const char *id = row->lane->decl.id;
  if (strcmp(id, "thought") == 0) return "#dbeafe";
  if (strcmp(id, "pain") == 0) return "#fecaca";
  if (strcmp(id, "opportunity") == 0) return "#bbf7d0";
  if (strcmp(id, "need") == 0) return "#fde68a";
  if (strcmp(id, "note") == 0) return "#fef08a";
  if (strcmp(id, "frontstage") == 0) return "#bae6fd";
  if (strcmp(id, "backstage") == 0) return "#ddd6fe";
  if (strcmp(id, "support") == 0) return "#e7e5e4";
  if (strcmp(id, "evidence") == 0) return "#fed7aa";
  return "#e5e7eb";
}

/* ---- building a graph --------------------------------------------------- */

/* The attributes cjm sets, declared once per graph with their defaults. */
typedef struct symbols {
  Agsym_t *label, *pos, *width, *height, *shape, *style, *fillcolor, *color, *penwidth, *fontcolor,
      *fontsize, *id, *class_, *tooltip, *fixedsize, *margin;
  Agsym_t *e_pos, *e_color, *e_style, *e_penwidth, *e_dir, *e_id, *e_class, *e_arrowhead, *e_arrowsize,
      *e_constraint, *e_tooltip, *e_weight;
} symbols;

/* A graph being built. */
typedef struct canvas {
  Agraph_t *g;
  symbols s;
  double height;              /* of the picture, to flip y for Graphviz */
  bool placed;                /* positions are cjm's: set pos, use nop2 */
  cjm_output buf;             /* scratch for attribute values */
  cjm_output buf2;            /* a second one, for values built from the first */
  unsigned long next_node;    /* names n1, n2... */
  unsigned long next_cluster;
} canvas;

/* agwrite writes through cjm_output: the channel is a cjm_output. */
static int output_putstr(void *chan, const char *str) {
  cjm_output_puts(chan, str);
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
  if (ids->count == ids->capacity) {
    ids->capacity = ids->capacity ? 2 * ids->capacity : 32;
    ids->names = cjm_xrealloc(ids->names, ids->capacity * sizeof *ids->names);
  }
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

static void set(void *obj, Agsym_t *sym, const char *value) { agxset(obj, sym, (char *)value); }

/* Empties a scratch buffer (its text is then ""). */
static void reset(cjm_output *o) {
  o->len = 0;
  if (o->data) o->data[0] = '\0';
}

/* The text of a scratch buffer. */
static const char *text_of(const cjm_output *o) { return o->data ? o->data : ""; }

/* Sets an HTML-like label: interned as HTML, never as a plain string. */
static void set_html(canvas *c, void *obj, Agsym_t *sym, const char *html) {
  char *h = agstrdup_html(c->g, (char *)html);
  agxset(obj, sym, h);
  agstrfree(c->g, h);
}

static void set_number(void *obj, Agsym_t *sym, double value) {
  char buf[64];
  snprintf(buf, sizeof buf, "%.2f", value);
  set(obj, sym, buf);
}

/* Sets an attribute by name on a graph, node or edge (for the few set once). */
static void set_named(void *obj, const char *name, const char *value) {
  agsafeset(obj, (char *)name, (char *)value, "");
}

static Agsym_t *node_attr(Agraph_t *g, const char *name, const char *def) {
  return agattr(g, AGNODE, (char *)name, (char *)def);
}

static Agsym_t *edge_attr(Agraph_t *g, const char *name, const char *def) {
  return agattr(g, AGEDGE, (char *)name, (char *)def);
}

static void graph_attr(Agraph_t *g, const char *name, const char *value) {
  agattr(g, AGRAPH, (char *)name, (char *)value);
}

static void canvas_open(canvas *c, const char *name, bool placed, bool flow, double height) {
  static Agdisc_t disc;
  disc = (Agdisc_t){&AgMemDisc, &ordered_id_disc, &output_io};
  *c = (canvas){.placed = placed, .height = height};
  c->g = agopen((char *)name, Agdirected, &disc);
  Agraph_t *g = c->g;
  graph_attr(g, "fontname", FONTS);
  graph_attr(g, "bgcolor", "white");
  symbols *s = &c->s;
  /* Graphviz's own default, written out so that `dot` reading cjm's DOT
     agrees: every node then sets its label, "" when it has none. */
  s->label = node_attr(g, "label", "\\N");
  /* the most common node of the view by default: text on the map, a
     step in the flow */
  s->shape = node_attr(g, "shape", flow ? "box" : "plaintext");
  s->style = node_attr(g, "style", flow ? "rounded,filled" : "");
  s->fillcolor = node_attr(g, "fillcolor", "white");
  s->color = node_attr(g, "color", flow ? "#475569" : RULE);
  s->penwidth = node_attr(g, "penwidth", "1");
  s->fontcolor = node_attr(g, "fontcolor", INK);
  s->fontsize = node_attr(g, "fontsize", "10");
  node_attr(g, "fontname", FONTS);
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
  s->e_color = edge_attr(g, "color", "#64748b");
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

static void canvas_close(canvas *c) {
  if (c->g) agclose(c->g);
  cjm_output_free(&c->buf);
  cjm_output_free(&c->buf2);
  c->g = NULL;
}

/* A new node. Its label is Graphviz's default (its name) until set:
 * every caller sets one, "" for the nodes that show none (box_at). */
static Agnode_t *new_node(canvas *c, Agraph_t *where) {
  char name[32];
  snprintf(name, sizeof name, "n%lu", ++c->next_node);
  return agnode(where ? where : c->g, name, 1);
}

/* A node with its box at r (top-left origin, points). */
static Agnode_t *node_at(canvas *c, const cjm_map_rect *r) {
  Agnode_t *n = new_node(c, NULL);
  char buf[96];
  snprintf(buf, sizeof buf, "%.2f,%.2f", r->x + r->w / 2, c->height - (r->y + r->h / 2));
  set(n, c->s.pos, buf);
  set_number(n, c->s.width, r->w / 72.0);
  set_number(n, c->s.height, r->h / 72.0);
  return n;
}

/* A node drawn as a shape at r, with no text. */
static Agnode_t *box_at(canvas *c, const cjm_map_rect *r) {
  Agnode_t *n = node_at(c, r);
  set(n, c->s.label, "");
  return n;
}

/* A node for text whose box is r: only its centre is set. The label,
 * sized by cjm, is centred there; the node's own size stays the default
 * (nothing of it is drawn), which spares two attributes per text. */
static Agnode_t *text_at(canvas *c, const cjm_map_rect *r) {
  Agnode_t *n = new_node(c, NULL);
  char buf[96];
  snprintf(buf, sizeof buf, "%.2f,%.2f", r->x + r->w / 2, c->height - (r->y + r->h / 2));
  set(n, c->s.pos, buf);
  return n;
}

/* An invisible anchor for the end of a line. */
static Agnode_t *anchor(canvas *c, double x, double y) {
  cjm_map_rect r = {x, y, 0, 0};
  Agnode_t *n = text_at(c, &r);
  set(n, c->s.label, "");
  set(n, c->s.shape, "point");
  set(n, c->s.style, "invis");
  return n;
}

/* Appends "x,y" in Graphviz's coordinates. */
static void put_point(canvas *c, cjm_output *out, double x, double y) {
  cjm_output_printf(out, "%s%.2f,%.2f", out->len ? " " : "", x, c->height - y);
}

/* A straight line from (x0, y0) to (x1, y1), drawn as an edge between
 * two anchors. */
static Agedge_t *line(canvas *c, double x0, double y0, double x1, double y1) {
  Agnode_t *a = anchor(c, x0, y0), *b = anchor(c, x1, y1);
  Agedge_t *e = agedge(c->g, a, b, NULL, 1);
  cjm_output *o = &c->buf;
  reset(o);
  for (int k = 0; k < 4; k++) put_point(c, o, x0 + (x1 - x0) * k / 3, y0 + (y1 - y0) * k / 3);
  set(e, c->s.e_pos, text_of(o));
  return e;
}

/* A cluster drawn as a filled box at r, a background, inside parent (the
 * root graph when NULL). Clusters are drawn in creation order (see
 * ordered_id_disc), before every edge and node, a child after its
 * parent. */
static Agraph_t *box_cluster(canvas *c, Agraph_t *parent, const cjm_map_rect *r, const char *fill, const char *id) {
  char name[32];
  snprintf(name, sizeof name, "cluster_%lu", ++c->next_cluster);
  Agraph_t *sg = agsubg(parent ? parent : c->g, name, 1);
  char buf[128];
  snprintf(buf, sizeof buf, "%.2f,%.2f,%.2f,%.2f", r->x, c->height - (r->y + r->h), r->x + r->w, c->height - r->y);
  set_named(sg, "bb", buf);
  set_named(sg, "style", "filled");
  set_named(sg, "fillcolor", fill);
  set_named(sg, "color", fill);
  set_named(sg, "label", "");
  if (id) set_named(sg, "id", id);
  return sg;
}

/* Invisible nodes at the corners of the page, so that the picture keeps
 * its margins (nop2 draws the bounding box of what there is). */
static void page_corners(canvas *c, double width, double height) {
  anchor(c, 0, 0);
  anchor(c, width, height);
}

/* ---- HTML-like labels --------------------------------------------------- */

/* Appends lines[first..first+count) escaped, joined by left-aligned breaks. */
static void put_lines(cjm_output *out, const cjm_text_lines *lines, size_t first, size_t count) {
  for (size_t i = 0; i < count; i++) {
    const cjm_text_line *l = &lines->items[first + i];
    if (i) cjm_output_puts(out, "<BR ALIGN=\"LEFT\"/>");
    cjm_escape_gv_html(out, l->text, l->len, NULL);
  }
}

/* Where an open font starts in a label, and its text. */
typedef struct font_mark {
  size_t start, text;
  bool bold, italic;
} font_mark;

/* Appends s as text of an HTML-like label. */
static void html_text(cjm_output *out, const char *s) { cjm_escape_gv_html(out, s, strlen(s), NULL); }

/* Opens a font: size, colour, and bold or italic. */
static font_mark open_font(cjm_output *out, double size, const char *colour, bool bold, bool italic) {
  font_mark m = {out->len, 0, bold, italic};
  cjm_output_printf(out, "<FONT POINT-SIZE=\"%.1f\" COLOR=\"%s\">%s%s", size, colour, bold ? "<B>" : "",
                    italic ? "<I>" : "");
  m.text = out->len;
  return m;
}

/* Closes a font; takes it back out when no text went into it, since
 * Graphviz rejects an empty <FONT>, <B> or <I>. */
static void close_font(cjm_output *out, font_mark m) {
  if (out->len == m.text) {
    out->len = m.start;
    out->data[m.start] = '\0';
    return;
  }
  cjm_output_printf(out, "%s%s</FONT>", m.italic ? "</I>" : "", m.bold ? "</B>" : "");
}

/* A block of lines, left-aligned in a box width points wide. */
static void text_block(cjm_output *out, const cjm_text_lines *lines, size_t first, size_t count, double width,
                       double size, const char *colour, bool bold, bool italic) {
  cjm_output_printf(out,
                    "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\">"
                    "<TR><TD WIDTH=\"%.0f\" ALIGN=\"LEFT\" BALIGN=\"LEFT\">",
                    width);
  font_mark font = open_font(out, size, colour, bold, italic);
  put_lines(out, lines, first, count);
  close_font(out, font);
  cjm_output_puts(out, "</TD></TR></TABLE>");
}

/* ---- ids ---------------------------------------------------------------- */

/* Sets an element id made of a fixed prefix and cjm identifiers joined
 * by '.', which no identifier contains: "step-see_ad", "cell-pain.buy.see_ad". */
static void set_id(canvas *c, void *obj, Agsym_t *sym, const char *prefix, const char *a, const char *b,
                   const char *d) {
  cjm_output *o = &c->buf;
  reset(o);
  cjm_output_puts(o, prefix);
  cjm_output_puts(o, a);
  if (b) cjm_output_printf(o, ".%s", b);
  if (d) cjm_output_printf(o, ".%s", d);
  set(obj, sym, text_of(o));
}

/* ---- tooltips ----------------------------------------------------------- */

/* Appends s as tooltip text. */
static void tip_text(cjm_output *o, const char *s) { cjm_escape_gv_tooltip(o, s, strlen(s)); }

static void tip_line(cjm_output *o, const char *key, const char *value) {
  if (o->len) cjm_output_puts(o, "\n");
  tip_text(o, key);
  cjm_output_puts(o, ": ");
  tip_text(o, value);
}

/* The tooltip of a step: its label, who, through what, how it feels and
 * every entry, for the persona shown. Plain text for Graphviz. */
static void step_tooltip(cjm_output *o, const cjm_step *step, const cjm_persona *only) {
  const cjm_moment *m = &step->moment;
  reset(o);
  tip_text(o, cjm_map_label(&step->decl));
  for (size_t i = 0; i < m->by_count; i++) tip_line(o, "by", cjm_map_label(&m->by[i]->decl));
  for (size_t i = 0; i < m->via_count; i++) tip_line(o, "via", cjm_map_label(&m->via[i]->decl));
  for (size_t i = 0; i < m->feel_count; i++) {
    const cjm_feel *f = &m->feels[i];
    bool mine = !only;
    for (size_t k = 0; k < f->speakers.count; k++) mine |= f->speakers.items[k] == only;
    if (!mine) continue;
    char score[32];
    snprintf(score, sizeof score, "%+g", f->score);
    cjm_output_printf(o, "\nfeel: %s", score);
    if (f->word) {
      cjm_output_puts(o, " ");
      tip_text(o, f->word);
    }
    if (f->speakers.explicit_for && f->speakers.count == 1) {
      cjm_output_puts(o, " (for ");
      tip_text(o, cjm_map_label(&f->speakers.items[0]->decl));
      cjm_output_puts(o, ")");
    }
  }
  for (size_t i = 0; i < m->entry_count; i++) {
    const cjm_lane_entry *e = &m->entries[i];
    bool mine = !only;
    for (size_t k = 0; k < e->speakers.count; k++) mine |= e->speakers.items[k] == only;
    if (mine) tip_line(o, cjm_map_label(&e->lane->decl), e->text);
  }
  for (size_t i = 0; i < m->measure_count; i++) {
    char value[96];
    const cjm_measure *ms = &m->measures[i];
    cjm_map_format_value(value, sizeof value, ms->value, ms->percent, ms->metric->unit);
    tip_line(o, cjm_map_label(&ms->metric->decl), value);
  }
}

/* ---- the map view ------------------------------------------------------- */

/* A text block of the header or a card. */
static void draw_text(canvas *c, const cjm_map_layout *L, const cjm_map_text *t, const char *card_colour) {
  double size = CJM_MAP_FONT_BODY;
  const char *colour = INK;
  bool bold = false, italic = false;
  switch (t->kind) {
  case CJM_MAP_TEXT_TITLE: size = CJM_MAP_FONT_TITLE, colour = "#111827", bold = true; break;
  case CJM_MAP_TEXT_GOAL: size = CJM_MAP_FONT_GOAL, colour = "#374151"; break;
  case CJM_MAP_TEXT_META: size = CJM_MAP_FONT_META, colour = INK_MUTED; break;
  case CJM_MAP_TEXT_CARD_NAME: size = CJM_MAP_FONT_CARD_NAME, colour = card_colour, bold = true; break;
  case CJM_MAP_TEXT_CARD_KIND: size = CJM_MAP_FONT_SMALL, colour = "#9ca3af", bold = true; break;
  case CJM_MAP_TEXT_CARD_KEY: size = CJM_MAP_FONT_SMALL, colour = INK_MUTED, bold = true; break;
  case CJM_MAP_TEXT_CARD_VALUE: size = CJM_MAP_FONT_BODY; break;
  case CJM_MAP_TEXT_CARD_QUOTE: size = CJM_MAP_FONT_BODY, colour = "#4b5563"; break;
  case CJM_MAP_TEXT_CARD_MOMENT: size = CJM_MAP_FONT_SMALL, colour = "#4b5563"; break;
  }
  Agnode_t *n = text_at(c, &t->rect);
  cjm_output *o = &c->buf;
  reset(o);
  text_block(o, &L->lines, t->first_line, t->line_count, t->rect.w, size, colour, bold, italic);
  set_html(c, n, c->s.label, text_of(o));
}

static void draw_header(canvas *c, const cjm_map_layout *L) {
  if (L->status) {
    Agnode_t *n = node_at(c, &L->status_rect);
    set(n, c->s.shape, "box");
    set(n, c->s.style, "rounded,filled");
    const char *fill = strcmp(L->status, "AS-IS") == 0 ? "#0f766e" : "#7c3aed";
    set(n, c->s.fillcolor, fill);
    set(n, c->s.color, fill);
    set(n, c->s.id, "status");
    reset(&c->buf);
    cjm_output_printf(&c->buf, "<FONT POINT-SIZE=\"%.1f\" COLOR=\"white\"><B>%s</B></FONT>", CJM_MAP_FONT_SMALL,
                      L->status);
    set_html(c, n, c->s.label, text_of(&c->buf));
  }
  for (size_t i = 0; i < L->text_count; i++) {
    const cjm_map_text *t = &L->texts[i];
    if (t->kind == CJM_MAP_TEXT_TITLE || t->kind == CJM_MAP_TEXT_GOAL || t->kind == CJM_MAP_TEXT_META)
      draw_text(c, L, t, INK);
  }
}

static void draw_cards(canvas *c, const cjm_map_layout *L) {
  for (size_t i = 0; i < L->card_count; i++) {
    const cjm_map_card *card = &L->cards[i];
    const char *colour = persona_colour(card->colour);
    Agnode_t *n = box_at(c, &card->rect);
    set(n, c->s.shape, "box");
    set(n, c->s.style, "rounded,filled");
    set(n, c->s.fillcolor, "#ffffff");
    set(n, c->s.color, "#e5e7eb");
    set_id(c, n, c->s.id, "persona-", card->persona->decl.id, NULL, NULL);
    set(n, c->s.class_, "persona");
    cjm_map_rect strip = {card->rect.x + 1, card->rect.y + 1, card->rect.w - 2, 5};
    Agnode_t *s = box_at(c, &strip);
    set(s, c->s.shape, "box");
    set(s, c->s.style, "filled");
    set(s, c->s.fillcolor, colour);
    set(s, c->s.color, colour);
    for (size_t k = 0; k < card->text_count; k++) draw_text(c, L, &L->texts[card->first_text + k], colour);
  }
}

static void draw_stages(canvas *c, const cjm_map_layout *L) {
  for (size_t i = 0; i < L->stage_count; i++) {
    const cjm_map_stage *st = &L->stages[i];
    Agnode_t *n = box_at(c, &st->rect);
    set(n, c->s.shape, "box");
    set(n, c->s.style, "rounded,filled");
    set(n, c->s.fillcolor, "#1e293b");
    set(n, c->s.color, "#1e293b");
    set_id(c, n, c->s.id, "stage-", st->stage->decl.id, NULL, NULL);
    set(n, c->s.class_, st->pain_without_opportunity ? "stage pain-without-opportunity" : "stage");
    if (st->pain_without_opportunity) set(n, c->s.tooltip, "This stage has pains but no opportunity");
    double h = (double)st->line_count * cjm_text_line_height(CJM_MAP_FONT_STAGE) +
               (st->summary ? cjm_text_line_height(CJM_MAP_FONT_SMALL) + 2 : 0);
    cjm_map_rect text = {st->rect.x + 8, st->rect.y + 8, fmin(st->rect.w, CJM_MAP_TEXT_MAX_WIDTH) - 16, h};
    Agnode_t *t = text_at(c, &text);
    cjm_output *o = &c->buf;
    reset(o);
    cjm_output_printf(o,
                      "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\">"
                      "<TR><TD WIDTH=\"%.0f\" ALIGN=\"LEFT\" BALIGN=\"LEFT\">",
                      text.w);
    font_mark font = open_font(o, CJM_MAP_FONT_STAGE, "#ffffff", true, false);
    put_lines(o, &L->lines, st->first_line, st->line_count);
    close_font(o, font);
    cjm_output_puts(o, "</TD></TR>");
    if (st->summary) {
      cjm_output_puts(o, "<TR><TD HEIGHT=\"2\"></TD></TR><TR><TD ALIGN=\"LEFT\">");
      const char *ink = st->pain_without_opportunity ? "#fca5a5" : "#cbd5e1";
      font_mark summary = open_font(o, CJM_MAP_FONT_SMALL, ink, false, false);
      cjm_escape_gv_html(o, st->summary, strlen(st->summary), NULL);
      close_font(o, summary);
      cjm_output_puts(o, "</TD></TR>");
    }
    cjm_output_puts(o, "</TABLE>");
    set_html(c, t, c->s.label, text_of(o));
  }
}

/* The id key of a row: its lane, or a keyword no lane can be called. */
static const char *row_key(const cjm_map_row *row) {
  switch (row->kind) {
  case CJM_MAP_ROW_CHANNELS: return "via";
  case CJM_MAP_ROW_CURVE: return "feel";
  case CJM_MAP_ROW_METRICS: return "measure";
  case CJM_MAP_ROW_ACTIONS:
  case CJM_MAP_ROW_LANE: break;
  }
  return row->lane ? row->lane->decl.id : "action";
}

static void draw_row_bands(canvas *c, const cjm_map_layout *L) {
  for (size_t i = 0; i < L->row_count; i++) {
    const cjm_map_row *row = &L->rows[i];
    Agraph_t *band = box_cluster(c, NULL, &row->rect, i % 2 ? "#ffffff" : "#f8fafc", NULL);
    if (i != L->curve_row) continue;
    /* the curve's positive and negative halves, inside its band */
    const cjm_map_scale *s = &L->scale;
    double x = L->grid.x + L->heading_width, w = L->grid.w - L->heading_width;
    cjm_map_rect pos = {x, s->y_max, w, s->y_neutral - s->y_max};
    cjm_map_rect neg = {x, s->y_neutral, w, s->y_min - s->y_neutral};
    box_cluster(c, band, &pos, "#f0fdf4", NULL);
    box_cluster(c, band, &neg, "#fef2f2", NULL);
  }
}

static void draw_row_headings(canvas *c, const cjm_map_layout *L) {
  for (size_t i = 0; i < L->row_count; i++) {
    const cjm_map_row *row = &L->rows[i];
    cjm_map_rect r = {row->rect.x + 2, row->rect.y + 4, L->heading_width - 8, row->rect.h - 8};
    Agnode_t *n = box_at(c, &r);
    set(n, c->s.shape, "box");
    set(n, c->s.style, "rounded,filled");
    const char *tint = heading_tint(row);
    set(n, c->s.fillcolor, tint);
    set(n, c->s.color, tint);
    set_id(c, n, c->s.id, "row-", row_key(row), NULL, NULL);
    set(n, c->s.class_, "row");
    cjm_map_rect text = {r.x + 10, r.y + 8, r.w - 20, (double)row->line_count * cjm_text_line_height(CJM_MAP_FONT_ROW)};
    Agnode_t *t = text_at(c, &text);
    cjm_output *o = &c->buf;
    reset(o);
    text_block(o, &L->lines, row->first_line, row->line_count, text.w, CJM_MAP_FONT_ROW, "#111827", true, false);
    set_html(c, t, c->s.label, text_of(o));
  }
}

/* Appends one item of a cell as a table row. */
static void put_item(cjm_output *o, const cjm_map_layout *L, const cjm_map_item *item, double td_width) {
  const char *fill = "#f3f4f6", *colour = INK;
  const char *border = "";
  double size = CJM_MAP_FONT_BODY;
  bool bold = false;
  switch (item->kind) {
  case CJM_MAP_ITEM_STEP:
    fill = "#ffffff", size = CJM_MAP_FONT_STEP, bold = true, colour = "#111827";
    border = " BORDER=\"1\" COLOR=\"#94a3b8\"";
    break;
  case CJM_MAP_ITEM_PERSONA: fill = "transparent", size = CJM_MAP_FONT_SMALL; break;
  case CJM_MAP_ITEM_CHANNEL: fill = "#e2e8f0", colour = "#334155"; break;
  case CJM_MAP_ITEM_ENTRY: fill = lane_tint(item->entry->lane); break;
  case CJM_MAP_ITEM_MEASURE:
    fill = item->result == CJM_TARGET_MET ? "#dcfce7" : item->result == CJM_TARGET_MISSED ? "#fee2e2" : "#f3f4f6";
    break;
  }
  const char *marker = item->persona ? persona_colour(item->persona->decl.index) : NULL;
  if (marker) colour = marker;
  cjm_output_printf(o, "<TR><TD BGCOLOR=\"%s\" STYLE=\"rounded\"%s WIDTH=\"%.0f\" ALIGN=\"LEFT\" BALIGN=\"LEFT\">",
                    fill, border, td_width);
  if (marker) {
    cjm_output_printf(o,
                      "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\"><TR>"
                      "<TD VALIGN=\"TOP\" ALIGN=\"LEFT\" WIDTH=\"%.0f\"><FONT POINT-SIZE=\"7\" COLOR=\"%s\">"
                      "\xE2\x97\x8F</FONT></TD><TD WIDTH=\"%.0f\" ALIGN=\"LEFT\" BALIGN=\"LEFT\">",
                      CJM_MAP_MARKER_WIDTH, marker, td_width - 2 * CJM_MAP_ITEM_PAD - CJM_MAP_MARKER_WIDTH);
  }
  if (item->kind == CJM_MAP_ITEM_MEASURE) {
    /* the metric's label at the small size, then the value lines */
    size_t value_lines = item->value_lines;
    size_t label_lines = item->line_count - value_lines;
    font_mark label_font = open_font(o, CJM_MAP_FONT_SMALL, "#4b5563", false, false);
    put_lines(o, &L->lines, item->first_line, label_lines);
    close_font(o, label_font);
    cjm_output_puts(o, "<BR ALIGN=\"LEFT\"/>");
    const char *tone = item->result == CJM_TARGET_MET      ? "#15803d"
                       : item->result == CJM_TARGET_MISSED ? "#b91c1c"
                                                           : "#374151";
    font_mark value_font = open_font(o, CJM_MAP_FONT_BODY, tone, true, false);
    put_lines(o, &L->lines, item->first_line + label_lines, value_lines);
    close_font(o, value_font);
  } else {
    font_mark font = open_font(o, size, colour, bold, false);
    put_lines(o, &L->lines, item->first_line, item->line_count);
    close_font(o, font);
  }
  if (marker) cjm_output_puts(o, "</TD></TR></TABLE>");
  cjm_output_puts(o, "</TD></TR>");
}

static void draw_cells(canvas *c, const cjm_map_layout *L) {
  for (size_t i = 0; i < L->cell_count; i++) {
    const cjm_map_cell *cell = &L->cells[i];
    Agnode_t *n = text_at(c, &cell->rect);
    cjm_output *o = &c->buf;
    reset(o);
    cjm_output_printf(o, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"%.0f\" CELLPADDING=\"%.0f\">",
                      CJM_MAP_ITEM_GAP, CJM_MAP_ITEM_PAD);
    double td_width = cell->rect.w - 2 * CJM_MAP_ITEM_GAP;
    for (size_t k = 0; k < cell->item_count; k++) put_item(o, L, &L->items[cell->first_item + k], td_width);
    cjm_output_puts(o, "</TABLE>");
    set_html(c, n, c->s.label, text_of(o));

    const cjm_map_row *row = cell->row < L->row_count ? &L->rows[cell->row] : NULL;
    if (!row) {
      const cjm_map_item *item = &L->items[cell->first_item];
      set_id(c, n, c->s.id, "measure-", item->measure->metric->decl.id, NULL, NULL);
      set(n, c->s.class_, "measure journey");
      continue;
    }
    if (cell->step && row->kind == CJM_MAP_ROW_ACTIONS) {
      /* the step's own element: its id, class and tooltip */
      set_id(c, n, c->s.id, "step-", cell->step->decl.id, NULL, NULL);
      set(n, c->s.class_, "step");
      step_tooltip(&c->buf2, cell->step, L->only);
      set(n, c->s.tooltip, text_of(&c->buf2));
    } else if (cell->step) {
      set_id(c, n, c->s.id, "cell-", row_key(row), cell->stage->decl.id, cell->step->decl.id);
      set(n, c->s.class_, "cell");
    } else {
      set_id(c, n, c->s.id, "cell-", row_key(row), cell->stage->decl.id, NULL);
      set(n, c->s.class_, "cell stage-level");
    }
  }
}

/* A small text label centred at (x, y). */
static Agnode_t *small_text(canvas *c, const char *text, double x, double y, double size, const char *colour,
                            bool bold, const char *align) {
  double w = cjm_text_width(text, strlen(text), size, bold) + 4;
  double h = cjm_text_line_height(size) + 2;
  cjm_map_rect r = {strcmp(align, "RIGHT") == 0 ? x - w : strcmp(align, "LEFT") == 0 ? x : x - w / 2, y - h / 2, w, h};
  Agnode_t *n = node_at(c, &r);
  cjm_output *o = &c->buf;
  reset(o);
  font_mark font = open_font(o, size, colour, bold, false);
  cjm_escape_gv_html(o, text, strlen(text), NULL);
  close_font(o, font);
  set_html(c, n, c->s.label, text_of(o));
  return n;
}

static void draw_scale(canvas *c, const cjm_map_layout *L) {
  const cjm_map_scale *s = &L->scale;
  double x0 = L->grid.x + L->heading_width, x1 = L->grid.x + L->grid.w;
  for (size_t i = 0; i < s->tick_count; i++) {
    double y = s->tick_y[i];
    bool bound = s->ticks[i] == s->min || s->ticks[i] == s->max;
    bool neutral = fabs(s->ticks[i] - s->neutral) < 1e-9;
    if (!bound && !neutral) {
      Agedge_t *e = line(c, x0, y, x1, y);
      set(e, c->s.e_color, "#e5e7eb");
      set(e, c->s.e_style, "dotted");
    }
    char label[24];
    cjm_map_format_score(label, sizeof label, s->ticks[i], s->min < 0);
    small_text(c, label, x0 - 8, y, CJM_MAP_FONT_SMALL, neutral ? "#374151" : INK_MUTED, neutral || bound, "RIGHT");
  }
  if (fabs(s->neutral - round(s->neutral)) > 1e-9 || s->tick_count == 0 ||
      fabs(s->ticks[s->tick_count / 2] - s->neutral) > 1e-9) {
    char label[24];
    cjm_map_format_score(label, sizeof label, s->neutral, s->min < 0);
    small_text(c, label, x0 - 8, s->y_neutral, CJM_MAP_FONT_SMALL, "#374151", true, "RIGHT");
  }
  Agedge_t *top = line(c, x0, s->y_max, x1, s->y_max);
  set(top, c->s.e_color, "#86efac");
  set(top, c->s.e_style, "dashed");
  set(top, c->s.e_id, "scale-max");
  Agedge_t *bottom = line(c, x0, s->y_min, x1, s->y_min);
  set(bottom, c->s.e_color, "#fca5a5");
  set(bottom, c->s.e_style, "dashed");
  set(bottom, c->s.e_id, "scale-min");
  Agedge_t *zero = line(c, x0, s->y_neutral, x1, s->y_neutral);
  set(zero, c->s.e_color, "#6b7280");
  set(zero, c->s.e_penwidth, "1.2");
  set(zero, c->s.e_id, "scale-neutral");
}

static void draw_curves(canvas *c, const cjm_map_layout *L) {
  const cjm_map_scale *s = &L->scale;
  /* the runs' edges join point nodes; edges are drawn before every node
     (outputorder=edgesfirst), so the points sit on their lines */
  Agnode_t **nodes = cjm_xcalloc(L->point_count ? L->point_count : 1, sizeof *nodes);
  for (size_t i = 0; i < L->point_count; i++) {
    const cjm_map_point *p = &L->points[i];
    const cjm_map_series *series = &L->series[p->series];
    const char *colour = persona_colour(series->colour);
    if (p->x1 > p->x0) { /* a stage's own feel: a level across the stage */
      Agedge_t *e = line(c, p->x0, p->y, p->x1, p->y);
      set(e, c->s.e_color, colour);
      set(e, c->s.e_style, "dashed");
      set(e, c->s.e_penwidth, "2");
    }
    double r = 6;
    cjm_map_rect disc = {p->x - r, p->y - r, 2 * r, 2 * r};
    Agnode_t *n = box_at(c, &disc);
    nodes[i] = n;
    char fill[8];
    feel_colour(fill, feel_position(p->score, s->min, s->max));
    set(n, c->s.shape, "circle");
    set(n, c->s.style, "filled");
    set(n, c->s.fillcolor, fill);
    set(n, c->s.color, colour);
    set(n, c->s.penwidth, "2");
    const char *who = series->persona ? series->persona->decl.id : "journey";
    set_id(c, n, c->s.id, "feel-", who, p->stage->decl.id, p->step ? p->step->decl.id : NULL);
    set(n, c->s.class_, "feel");
    cjm_output *o = &c->buf2;
    reset(o);
    char score[32];
    cjm_map_format_score(score, sizeof score, p->score, s->min < 0);
    cjm_output_puts(o, score);
    if (p->word) {
      cjm_output_puts(o, " ");
      tip_text(o, p->word);
    }
    if (series->persona) {
      cjm_output_puts(o, " \xE2\x80\x94 ");
      tip_text(o, cjm_map_label(&series->persona->decl));
    }
    set(n, c->s.tooltip, text_of(o));
    if (p->word) { /* on a light halo, so that a line under it does not cross it */
      Agnode_t *w = small_text(c, p->word, p->x, p->label_y, CJM_MAP_FONT_SMALL,
                               L->series_count > 1 ? colour : "#374151", false, "CENTER");
      set(w, c->s.shape, "box");
      set(w, c->s.style, "rounded,filled");
      set(w, c->s.fillcolor, "#ffffffc0");
      set(w, c->s.color, "#ffffff00");
    }
  }
  for (size_t i = 0; i < L->run_count; i++) {
    const cjm_map_run *run = &L->runs[i];
    if (run->point_count < 2) continue;
    const cjm_map_point *p = &L->points[run->first_point];
    Agedge_t *e = agedge(c->g, nodes[run->first_point], nodes[run->first_point + run->point_count - 1], NULL, 1);
    cjm_output *o = &c->buf;
    reset(o);
    put_point(c, o, p[0].x, p[0].y);
    for (size_t k = 0; k + 1 < run->point_count; k++) {
      const cjm_map_point *a = &p[k], *b = &p[k + 1];
      double dx = (b->x - a->x) / 3;
      double sa = run->bridge ? (b->y - a->y) / (b->x - a->x) : a->slope;
      double sb = run->bridge ? sa : b->slope;
      put_point(c, o, a->x + dx, a->y + sa * dx);
      put_point(c, o, b->x - dx, b->y - sb * dx);
      put_point(c, o, b->x, b->y);
    }
    set(e, c->s.e_pos, text_of(o));
    const char *colour = persona_colour(L->series[run->series].colour);
    set(e, c->s.e_color, colour);
    if (run->bridge) {
      set(e, c->s.e_style, "dotted");
      set(e, c->s.e_penwidth, "1.5");
      set(e, c->s.e_class, "curve bridge");
    } else {
      set(e, c->s.e_penwidth, "2.5");
      set(e, c->s.e_class, "curve");
    }
  }
  free(nodes);
}

static const char *line_name(cjm_map_line l) {
  switch (l) {
  case CJM_MAP_LINE_INTERACTION: return "Line of interaction";
  case CJM_MAP_LINE_VISIBILITY: return "Line of visibility";
  case CJM_MAP_LINE_INTERNAL: return "Line of internal interaction";
  case CJM_MAP_LINE_NONE: break;
  }
  return "";
}

static void draw_lines(canvas *c, const cjm_map_layout *L) {
  /* stage boundaries across the grid */
  double top = L->stage_count ? L->stages[0].rect.y + L->stages[0].rect.h + 2 : L->grid.y;
  double bottom = L->grid.y + L->grid.h;
  for (size_t i = 1; i < L->stage_count; i++) {
    double x = L->columns[L->stages[i].first_column].x;
    Agedge_t *e = line(c, x, top, x, bottom);
    set(e, c->s.e_color, RULE);
  }
  for (size_t i = 0; i < L->row_count; i++) {
    const cjm_map_row *row = &L->rows[i];
    if (!row->line_above) continue;
    const char *name = line_name(row->line_above);
    Agedge_t *e = line(c, L->grid.x, row->line_y, L->grid.x + L->grid.w, row->line_y);
    set(e, c->s.e_color, "#475569");
    set(e, c->s.e_style, "dashed");
    set(e, c->s.e_penwidth, "1.5");
    set(e, c->s.e_class, "blueprint-line");
    static const char *const ids[] = {"", "line-interaction", "line-visibility", "line-internal"};
    set(e, c->s.e_id, ids[row->line_above]);
    /* its name on a white pill over the line, at the left and then at
       every fifth stage */
    for (size_t s = 0; s < L->stage_count || s == 0; s += 5) {
      double x = s == 0 ? L->grid.x + 6 : L->columns[L->stages[s].first_column].x + 6;
      Agnode_t *n = small_text(c, name, x, row->line_y, CJM_MAP_FONT_SMALL, "#334155", true, "LEFT");
      set(n, c->s.shape, "box");
      set(n, c->s.style, "rounded,filled");
      set(n, c->s.fillcolor, "#ffffff");
      set(n, c->s.color, "#ffffff");
      if (!L->stage_count) break;
    }
  }
}

static void draw_legend(canvas *c, const cjm_map_layout *L) {
  for (size_t i = 0; i < L->key_count; i++) {
    const cjm_map_key *k = &L->keys[i];
    double cy = k->rect.y + k->rect.h / 2;
    double tx = k->rect.x + CJM_MAP_KEY_SAMPLE + 6;
    double sx0 = k->rect.x, sx1 = k->rect.x + CJM_MAP_KEY_SAMPLE;
    switch (k->kind) {
    case CJM_MAP_KEY_HEADING:
      small_text(c, k->text, k->rect.x, cy, CJM_MAP_FONT_META, "#111827", true, "LEFT");
      continue;
    case CJM_MAP_KEY_SERIES: {
      Agedge_t *e = line(c, sx0, cy, sx1, cy);
      set(e, c->s.e_color, persona_colour(L->series[k->series].colour));
      set(e, c->s.e_penwidth, "2.5");
      break;
    }
    case CJM_MAP_KEY_BRIDGE: {
      Agedge_t *e = line(c, sx0, cy, sx1, cy);
      set(e, c->s.e_color, INK_MUTED);
      set(e, c->s.e_style, "dotted");
      set(e, c->s.e_penwidth, "1.5");
      break;
    }
    case CJM_MAP_KEY_FEEL: {
      char fill[8];
      feel_colour(fill, feel_position(k->value, L->scale.min, L->scale.max));
      cjm_map_rect r = {sx0 + CJM_MAP_KEY_SAMPLE / 2 - 6, cy - 6, 12, 12};
      Agnode_t *n = box_at(c, &r);
      set(n, c->s.shape, "circle");
      set(n, c->s.style, "filled");
      set(n, c->s.fillcolor, fill);
      set(n, c->s.color, INK_MUTED);
      break;
    }
    case CJM_MAP_KEY_MET:
    case CJM_MAP_KEY_MISSED:
    case CJM_MAP_KEY_UNJUDGED: {
      const char *fill = k->kind == CJM_MAP_KEY_MET ? "#dcfce7" : k->kind == CJM_MAP_KEY_MISSED ? "#fee2e2" : "#f3f4f6";
      const char *ink = k->kind == CJM_MAP_KEY_MET ? "#15803d" : k->kind == CJM_MAP_KEY_MISSED ? "#b91c1c" : "#374151";
      const char *mark = k->kind == CJM_MAP_KEY_MET      ? "\xE2\x9C\x93" /* ✓ */
                         : k->kind == CJM_MAP_KEY_MISSED ? "\xE2\x9C\x97" /* ✗ */
                                                         : "\xE2\x80\x93"; /* – */
      cjm_map_rect r = {sx0, cy - 8, CJM_MAP_KEY_SAMPLE, 16};
      Agnode_t *n = node_at(c, &r);
      set(n, c->s.shape, "box");
      set(n, c->s.style, "rounded,filled");
      set(n, c->s.fillcolor, fill);
      set(n, c->s.color, fill);
      reset(&c->buf);
      cjm_output_printf(&c->buf, "<FONT POINT-SIZE=\"9\" COLOR=\"%s\"><B>%s</B></FONT>", ink, mark);
      set_html(c, n, c->s.label, text_of(&c->buf));
      break;
    }
    }
    small_text(c, k->text, tx, cy, CJM_MAP_FONT_BODY, "#374151", false, "LEFT");
  }
}

/* Builds the map view on c. */
static void build_map(canvas *c, const cjm_map_layout *L) {
  Agraph_t *g = c->g;
  graph_attr(g, "layout", "nop2");
  graph_attr(g, "outputorder", "edgesfirst");
  graph_attr(g, "splines", "true");
  page_corners(c, L->width, L->height);
  draw_row_bands(c, L);
  draw_header(c, L);
  draw_cards(c, L);
  draw_stages(c, L);
  draw_row_headings(c, L);
  draw_cells(c, L);
  if (L->curve_row < L->row_count) {
    draw_scale(c, L);
    draw_curves(c, L);
  }
  draw_lines(c, L);
  draw_legend(c, L);
}

/* ---- the flow view ------------------------------------------------------ */

static void feel_text(char *buf, size_t size, const cjm_flow_node *n, bool plus) {
  char score[32] = "";
  if (n->has_feel) cjm_map_format_score(score, sizeof score, n->feel, plus);
  snprintf(buf, size, "%s", score);
}

/* The label of a step node: its name, then its mean feel and word. */
static void flow_node_label(cjm_output *o, const cjm_flow_layout *L, const cjm_flow_node *n, const char *ink) {
  cjm_output_puts(o, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\">"
                     "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">");
  bool step = n->step != NULL; /* a step in bold; the placeholder of a stage without steps in italics */
  font_mark font = open_font(o, step ? CJM_FLOW_FONT_STEP : CJM_FLOW_FONT_NOTE, ink, step, !step);
  put_lines(o, &L->lines, n->first_line, n->line_count);
  close_font(o, font);
  cjm_output_puts(o, "</TD></TR>");
  if (n->step && (n->has_feel || n->word)) {
    char score[32];
    feel_text(score, sizeof score, n, L->scale_min < 0);
    cjm_output_puts(o, "<TR><TD ALIGN=\"LEFT\" HEIGHT=\"14\" VALIGN=\"BOTTOM\">");
    font_mark feel_font = open_font(o, CJM_FLOW_FONT_FEEL, ink, false, false);
    if (score[0]) cjm_output_printf(o, "<B>%s</B>", score);
    if (n->word) {
      cjm_output_puts(o, score[0] ? " " : "");
      cjm_escape_gv_html(o, n->word, strlen(n->word), NULL);
    }
    close_font(o, feel_font);
    cjm_output_puts(o, "</TD></TR>");
  }
  cjm_output_puts(o, "</TABLE>");
}

/* The flow view's title and legend, as one HTML label. */
static void flow_title(cjm_output *o, const cjm_model *model, const cjm_flow_layout *L) {
  const cjm_journey *j = &model->journey;
  const char *title = cjm_map_title(model, "Journey flow");
  const char *goal = NULL;
  for (size_t i = 0; i < j->attr_count; i++)
    if (strcmp(j->attrs[i].key, "goal") == 0) goal = j->attrs[i].value;
  cjm_output_puts(o, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"0\">");
  cjm_output_puts(o, "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"8\">");
  font_mark font = open_font(o, 22, "#111827", true, false);
  cjm_escape_gv_html(o, title, strlen(title), "<BR ALIGN=\"LEFT\"/>");
  close_font(o, font);
  cjm_output_puts(o, "</TD></TR>");
  if (goal || L->only) {
    cjm_output_puts(o, "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"8\">");
    font_mark goal_font = open_font(o, 12, "#374151", false, false);
    if (goal) cjm_escape_gv_html(o, goal, strlen(goal), "<BR ALIGN=\"LEFT\"/>");
    if (L->only) {
      cjm_output_puts(o, goal ? " \xC2\xB7 " : "");
      cjm_output_puts(o, "Showing only ");
      html_text(o, cjm_map_label(&L->only->decl));
    }
    close_font(o, goal_font);
    cjm_output_puts(o, "</TD></TR>");
  }
  /* legend: the feel scale and the kinds of edge */
  cjm_output_puts(o, "<TR><TD ALIGN=\"LEFT\">");
  font = open_font(o, 9, INK_MUTED, true, false);
  cjm_output_puts(o, "Mean feel");
  close_font(o, font);
  cjm_output_puts(o, "</TD>");
  for (int k = 0; k < 5; k++) {
    double t = -1 + k * 0.5;
    double v = L->scale_min + (t + 1) / 2 * (L->scale_max - L->scale_min);
    char fill[8], label[24];
    feel_colour(fill, t);
    cjm_map_format_score(label, sizeof label, v, L->scale_min < 0);
    cjm_output_printf(o, "<TD BGCOLOR=\"%s\" WIDTH=\"28\" STYLE=\"rounded\">", fill);
    font_mark swatch = open_font(o, 8, k == 0 || k == 4 ? "#ffffff" : "#1f2937", true, false);
    cjm_output_puts(o, label);
    close_font(o, swatch);
    cjm_output_puts(o, "</TD>");
  }
  cjm_output_puts(o, "<TD ALIGN=\"LEFT\">");
  font = open_font(o, 9, INK_MUTED, false, false);
  cjm_output_puts(o, "\xC2\xA0\xC2\xA0 dashed outline: no feel \xC2\xB7 dark arrow: written with next \xC2\xB7 "
                     "dashed orange arrow: loops back");
  close_font(o, font);
  cjm_output_puts(o, "</TD></TR></TABLE>");
}

/* Styles a step node by its feel. */
static void style_flow_node(canvas *c, Agnode_t *n, const cjm_flow_layout *L, const cjm_flow_node *fn) {
  char fill[8] = "#f3f4f6";
  const char *ink = INK;
  if (fn->has_feel) {
    double t = feel_position(fn->feel, L->scale_min, L->scale_max);
    feel_colour(fill, t);
    if (fabs(t) > 0.7) ink = "#ffffff";
  }
  set(n, c->s.fillcolor, fill); /* shape, style and outline by default: a rounded box */
  if (!fn->has_feel) {
    set(n, c->s.style, "rounded,filled,dashed");
    set(n, c->s.color, "#9ca3af");
  }
  cjm_output *o = &c->buf;
  reset(o);
  flow_node_label(o, L, fn, ink);
  set_html(c, n, c->s.label, text_of(o));
  if (fn->step) {
    set_id(c, n, c->s.id, "step-", fn->step->decl.id, NULL, NULL); /* class "step" by default */
    step_tooltip(&c->buf2, fn->step, L->only);
    set(n, c->s.tooltip, text_of(&c->buf2));
  } else {
    set_id(c, n, c->s.id, "stage-", L->stages[fn->stage].stage->decl.id, "empty", NULL);
    set(n, c->s.class_, "stage-empty");
  }
}

static void style_note(canvas *c, Agnode_t *n, const cjm_flow_layout *L, const cjm_flow_note *note) {
  bool pain = strcmp(note->entry->lane->decl.id, "pain") == 0;
  set(n, c->s.shape, "note");
  set(n, c->s.style, "filled");
  set(n, c->s.fillcolor, pain ? "#fee2e2" : "#dcfce7");
  set(n, c->s.color, pain ? "#f87171" : "#4ade80");
  set(n, c->s.class_, pain ? "note pain" : "note opportunity");
  const char *ink = note->persona ? persona_colour(note->persona->decl.index) : INK;
  cjm_output *o = &c->buf;
  reset(o);
  cjm_output_puts(o, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\">"
                     "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">");
  font_mark kind_font = open_font(o, CJM_FLOW_FONT_NOTE, "#6b7280", true, false);
  cjm_output_puts(o, pain ? "PAIN" : "OPPORTUNITY");
  close_font(o, kind_font);
  cjm_output_puts(o, "<BR ALIGN=\"LEFT\"/>");
  font_mark font = open_font(o, CJM_FLOW_FONT_NOTE, ink, false, false);
  put_lines(o, &L->lines, note->first_line, note->line_count);
  close_font(o, font);
  cjm_output_puts(o, "</TD></TR></TABLE>");
  set_html(c, n, c->s.label, text_of(o));
}

static void style_flow_edge(canvas *c, Agedge_t *e, const cjm_flow_edge *fe) {
  if (fe->back) {
    set(e, c->s.e_style, "dashed");
    set(e, c->s.e_color, "#c2410c");
    set(e, c->s.e_penwidth, "1.5");
    set(e, c->s.e_class, "flow loop");
    if (c->s.e_constraint) set(e, c->s.e_constraint, "false");
  } else if (fe->written) {
    set(e, c->s.e_color, "#1e293b");
    set(e, c->s.e_penwidth, "1.6");
    set(e, c->s.e_class, "flow next");
  }
}

/* Builds the flow view for dot: clusters per stage, Graphviz places. */
static void build_flow_dot(canvas *c, const cjm_model *model, const cjm_flow_layout *L) {
  Agraph_t *g = c->g;
  graph_attr(g, "rankdir", "LR");
  graph_attr(g, "newrank", "true");
  graph_attr(g, "nodesep", "0.25");
  graph_attr(g, "ranksep", "0.45");
  graph_attr(g, "pad", "0.4");
  graph_attr(g, "labelloc", "t");
  graph_attr(g, "labeljust", "l");
  cjm_output *o = &c->buf;
  reset(o);
  flow_title(o, model, L);
  char *h = agstrdup_html(g, (char *)text_of(o));
  agattr(g, AGRAPH, "label", h);
  agstrfree(g, h);

  Agnode_t **nodes = cjm_xcalloc(L->node_count ? L->node_count : 1, sizeof *nodes);
  size_t note = 0;
  for (size_t s = 0; s < L->stage_count; s++) {
    const cjm_flow_stage *st = &L->stages[s];
    char name[32];
    snprintf(name, sizeof name, "cluster_%zu", s);
    Agraph_t *sg = agsubg(g, name, 1);
    reset(o);
    cjm_escape_gv_plain(o, cjm_map_label(&st->stage->decl), strlen(cjm_map_label(&st->stage->decl)), "\\n");
    set_named(sg, "label", text_of(o));
    set_named(sg, "style", "rounded,filled");
    set_named(sg, "fillcolor", "#f8fafc");
    set_named(sg, "color", RULE);
    set_named(sg, "fontsize", "13");
    set_named(sg, "fontcolor", "#1e293b");
    set_named(sg, "margin", "12");
    reset(o);
    cjm_output_printf(o, "stage-%s", st->stage->decl.id);
    set_named(sg, "id", text_of(o));
    for (size_t i = st->first_node; i < st->first_node + st->node_count; i++) {
      Agnode_t *n = new_node(c, sg);
      nodes[i] = n;
      style_flow_node(c, n, L, &L->nodes[i]);
      set(n, c->s.margin, "0.12,0.08");
      if (note < L->note_count && L->notes[note].node == i) {
        char rank[32];
        snprintf(rank, sizeof rank, "rank_%zu", i);
        Agraph_t *same = agsubg(sg, rank, 1);
        set_named(same, "rank", "same");
        agsubnode(same, n, 1);
        Agnode_t *prev = n;
        for (; note < L->note_count && L->notes[note].node == i; note++) {
          Agnode_t *nn = new_node(c, same);
          style_note(c, nn, L, &L->notes[note]);
          set(nn, c->s.margin, "0.1,0.06");
          Agedge_t *e = agedge(g, prev, nn, NULL, 1);
          set(e, c->s.e_style, "dashed");
          set(e, c->s.e_dir, "none");
          set(e, c->s.e_color, "#9ca3af");
          set(e, c->s.e_class, "note-link");
          prev = nn;
        }
      }
    }
  }
  for (size_t i = 0; i < L->edge_count; i++) {
    const cjm_flow_edge *fe = &L->edges[i];
    Agedge_t *e = agedge(g, nodes[fe->from], nodes[fe->to], NULL, 1);
    style_flow_edge(c, e, fe);
  }
  free(nodes);
}

/* A text node on a flow canvas, whose nodes are boxes by default. */
static Agnode_t *plain_text_at(canvas *c, const cjm_map_rect *r) {
  Agnode_t *n = text_at(c, r);
  set(n, c->s.shape, "plaintext");
  set(n, c->s.style, "");
  set(n, c->s.class_, "");
  return n;
}

/* Builds the flow view with cjm's own positions, for large flows. */
static void build_flow_placed(canvas *c, const cjm_model *model, const cjm_flow_layout *L) {
  Agraph_t *g = c->g;
  graph_attr(g, "layout", "nop2");
  graph_attr(g, "outputorder", "edgesfirst");
  page_corners(c, L->width, L->height);
  cjm_output *o = &c->buf;
  for (size_t s = 0; s < L->stage_count; s++) {
    const cjm_flow_stage *st = &L->stages[s];
    reset(o);
    cjm_output_puts(o, "stage-");
    cjm_output_puts(o, st->stage->decl.id);
    char *id = cjm_xstrdup(text_of(o));
    box_cluster(c, NULL, &st->rect, "#f1f5f9", id);
    free(id);
    cjm_map_rect label = {st->rect.x + 14, st->rect.y + 10, fmin(st->rect.w, CJM_MAP_TEXT_MAX_WIDTH) - 28,
                          (double)st->line_count * cjm_text_line_height(CJM_MAP_FONT_STAGE)};
    Agnode_t *n = plain_text_at(c, &label);
    reset(o);
    text_block(o, &L->lines, st->first_line, st->line_count, label.w, CJM_MAP_FONT_STAGE, "#1e293b", true, false);
    set_html(c, n, c->s.label, text_of(o));
  }
  /* the title block is as wide as its widest line, so that centred on
     its node it starts at the left margin */
  const char *text = cjm_map_title(model, "Journey flow");
  double w = fmax(640, cjm_text_width(text, strlen(text), 22, true));
  for (size_t i = 0; i < model->journey.attr_count; i++)
    if (strcmp(model->journey.attrs[i].key, "goal") == 0)
      w = fmax(w, cjm_text_width(model->journey.attrs[i].value, strlen(model->journey.attrs[i].value), 12, false));
  cjm_map_rect title = {36, L->title_y, w + 8, 60};
  Agnode_t *t = plain_text_at(c, &title);
  reset(o);
  flow_title(o, model, L);
  set_html(c, t, c->s.label, text_of(o));

  Agnode_t **nodes = cjm_xcalloc(L->node_count ? L->node_count : 1, sizeof *nodes);
  for (size_t i = 0; i < L->node_count; i++) {
    nodes[i] = node_at(c, &L->nodes[i].rect);
    style_flow_node(c, nodes[i], L, &L->nodes[i]);
  }
  for (size_t i = 0; i < L->note_count; i++) {
    Agnode_t *n = node_at(c, &L->notes[i].rect);
    style_note(c, n, L, &L->notes[i]);
  }
  for (size_t i = 0; i < L->edge_count; i++) {
    const cjm_flow_edge *fe = &L->edges[i];
    Agedge_t *e = agedge(g, nodes[fe->from], nodes[fe->to], NULL, 1);
    reset(o);
    cjm_output_printf(o, "e,%.2f,%.2f", fe->arrow_x, c->height - fe->arrow_y);
    for (int k = 0; k < 4; k++) put_point(c, o, fe->spline[2 * k], fe->spline[2 * k + 1]);
    set(e, c->s.e_pos, text_of(o));
    style_flow_edge(c, e, fe);
  }
  free(nodes);
}

/* ---- rendering ---------------------------------------------------------- */

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

/* Bitmaps wider or taller than this many pixels fail in cairo. */
static const double MAX_PIXELS = 32000;

/* Lays out and renders c's graph as format into out. */
static bool render_graph(canvas *c, const char *format, double width, double height, const cjm_model *model,
                         cjm_output *out) {
  GVC_t *gvc = context();
  if (strcmp(format, "png") == 0) {
    double dpi = 96;
    double largest = fmax(width, height);
    if (largest * dpi / 72 > MAX_PIXELS) dpi = floor(MAX_PIXELS * 72 / largest);
    char buf[32];
    snprintf(buf, sizeof buf, "%.0f", dpi < 1 ? 1 : dpi);
    graph_attr(c->g, "dpi", buf);
  }
  const char *engine = c->placed ? "nop2" : "dot";
  if (gvLayout(gvc, c->g, engine) != 0) {
    if (!graphviz.messages->len) cjm_output_puts(graphviz.messages, "the layout failed\n");
    return false;
  }
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
  gvFreeLayout(gvc, c->g);
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
  canvas c = {0};
  double width = 0, height = 0;
  if (options->view == CJM_VIEW_MAP) {
    cjm_map_layout *map = cjm_map_layout_new(model, analysis, options->persona);
    width = map->width;
    height = map->height;
    canvas_open(&c, name, true, false, height);
    build_map(&c, map);
    cjm_map_layout_free(map); /* the graph holds copies of everything: free it before the layout */
  } else {
    cjm_flow_layout *flow = cjm_flow_layout_new(model, analysis, options->persona, options->detail);
    if (flow->node_count > CJM_FLOW_DOT_MAX_STEPS) {
      cjm_flow_layout_place(flow, 70);
      width = flow->width;
      height = flow->height;
      canvas_open(&c, name, true, true, height);
      build_flow_placed(&c, model, flow);
    } else {
      canvas_open(&c, name, false, true, 0);
      build_flow_dot(&c, model, flow);
    }
    cjm_flow_layout_free(flow);
  }

  bool ok;
  if (to_dot) {
    ok = agwrite(c.g, out) == 0 && messages.len == 0;
  } else {
    ok = render_graph(&c, format, width, height, model, out);
  }
  canvas_close(&c);

  agseterrf(previous);
  graphviz.messages = NULL;
  if (report_messages(&messages, model, diags)) ok = false;
  else if (!ok) cjm_error(diags, "render", &loc, "Graphviz could not render the %s view as %s",
                          options->view == CJM_VIEW_MAP ? "map" : "flow", format);
  cjm_output_free(&messages);
  if (!ok) out->len = 0;
  return ok;
}
