/* graphviz_canvas — a Graphviz graph being built by cjm's Graphviz
 * backend (render_graphviz and its views, graphviz_map and graphviz_flow).
 *
 * Opens a cgraph graph whose subgraph ids follow creation order (so that
 * agwrite, and the order in which Graphviz draws clusters, never depend
 * on the allocator), declares once per graph the attributes cjm sets with
 * their defaults, and places nodes, straight lines and background
 * clusters at positions computed by cjm, in points with the origin at the
 * top left and y growing downwards (flipped here for Graphviz).
 *
 * This header includes Graphviz's: only the backend's own files include
 * it, so that Graphviz's macros stay out of the rest of cjm. A canvas
 * owns its graph and its scratch buffers until cjm_gv_canvas_close(). */
#ifndef CJM_GRAPHVIZ_CANVAS_H
#define CJM_GRAPHVIZ_CANVAS_H

#include <stdbool.h>

#include "runtime/render/graphviz/map_layout.h"
#include "runtime/render/graphviz/style.h"
#include "runtime/base/strbuf.h"

#include <cgraph.h>

/* The attributes cjm sets, declared once per graph with their defaults. */
typedef struct cjm_gv_symbols {
  Agsym_t *label, *pos, *width, *height, *shape, *style, *fillcolor, *color, *penwidth, *fontcolor,
      *fontsize, *id, *class_, *tooltip, *fixedsize, *margin; /* of nodes (pos, width, height and
                                                                 fixedsize when placed) */
  Agsym_t *e_pos, *e_color, *e_style, *e_penwidth, *e_dir, *e_id, *e_class, *e_arrowhead, *e_arrowsize,
      *e_constraint, *e_tooltip, *e_weight; /* of edges (e_pos when placed; e_constraint and
                                               e_weight when not) */
} cjm_gv_symbols;

/* A graph being built. */
typedef struct cjm_gv_canvas {
  Agraph_t *g;
  cjm_gv_symbols s;
  const cjm_gv_theme *theme;  /* the colours everything is drawn in */
  double height;              /* of the picture, to flip y for Graphviz */
  bool placed;                /* positions are cjm's: set pos, use nop2 */
  cjm_strbuf buf;             /* scratch for attribute values */
  cjm_strbuf buf2;            /* a second one, for values built from the first */
  unsigned long next_node;    /* names n1, n2... */
  unsigned long next_cluster; /* names cluster_1, cluster_2... */
  Agraph_t *backgrounds;      /* holds the box clusters made at the top (made on first use) */
} cjm_gv_canvas;

/* Opens a graph called name. placed: cjm gives every position (nop2);
 * flow: the defaults suit the flow view (boxes and arrows) rather than
 * the map (text and plain lines); height: the picture's, when placed;
 * fonts: the font list of every text (cjm_gv_fonts); theme: its colours
 * (cjm_gv_theme_of), the background "transparent" when transparent. */
void cjm_gv_canvas_open(cjm_gv_canvas *c, const char *name, bool placed, bool flow, double height,
                        const char *fonts, const cjm_gv_theme *theme, bool transparent);

/* Closes the graph and frees the scratch buffers. */
void cjm_gv_canvas_close(cjm_gv_canvas *c);

/* Sets a declared attribute. */
static inline void cjm_gv_set(void *obj, Agsym_t *sym, const char *value) { agxset(obj, sym, (char *)value); }

/* Sets an HTML-like label: interned as HTML, never as a plain string. */
void cjm_gv_set_html(cjm_gv_canvas *c, void *obj, Agsym_t *sym, const char *html);

/* Sets an attribute by name on a graph, node or edge (for the few set once). */
void cjm_gv_set_named(void *obj, const char *name, const char *value);

/* Declares a graph attribute with its value. */
void cjm_gv_graph_attr(Agraph_t *g, const char *name, const char *value);

/* Sets an element id made of a fixed prefix and cjm identifiers joined
 * by '.', which no identifier contains: "step-see_ad", "cell-pain.buy.see_ad".
 * b and d may be NULL. */
void cjm_gv_set_id(cjm_gv_canvas *c, void *obj, Agsym_t *sym, const char *prefix, const char *a, const char *b,
                   const char *d);

/* A new node in where (the root graph when NULL). Its label is
 * Graphviz's default (its name) until set: every caller sets one, "" for
 * the nodes that show none (cjm_gv_box_at). */
Agnode_t *cjm_gv_new_node(cjm_gv_canvas *c, Agraph_t *where);

/* A node with its box at r. */
Agnode_t *cjm_gv_node_at(cjm_gv_canvas *c, const cjm_map_rect *r);

/* A node drawn as shape ("box", "circle") at r, with no text, in style
 * ("filled", "rounded,filled"), filled with fill and outlined in line
 * (each left to Graphviz's default when NULL). */
Agnode_t *cjm_gv_box_at(cjm_gv_canvas *c, const cjm_map_rect *r, const char *shape, const char *style,
                        const char *fill, const char *line);

/* A node for text whose box is r: only its centre is set. The label,
 * sized by cjm, is centred there; the node's own size stays the default
 * (nothing of it is drawn), which spares two attributes per text. */
Agnode_t *cjm_gv_text_at(cjm_gv_canvas *c, const cjm_map_rect *r);

/* An invisible anchor for the end of a line. */
Agnode_t *cjm_gv_anchor(cjm_gv_canvas *c, double x, double y);

/* Appends "x,y" in Graphviz's coordinates, after a space unless out is empty. */
void cjm_gv_put_point(const cjm_gv_canvas *c, cjm_strbuf *out, double x, double y);

/* A straight line from (x0, y0) to (x1, y1), drawn as an edge between
 * two anchors. */
Agedge_t *cjm_gv_line(cjm_gv_canvas *c, double x0, double y0, double x1, double y1);

/* A cluster drawn as a filled box at r, a background, inside parent (when
 * NULL, a subgraph of the root that is not a cluster and holds them all),
 * with the element id id (may be NULL). Clusters are drawn in creation
 * order, before every edge and node, a child after its parent.
 *
 * Why the holder: Graphviz 2.42 asks each subgraph of a graph whether it
 * holds a node, for every node, when it writes DOT (agwrite) and when it
 * frees a layout (agapply), so thousands of clusters at the top made both
 * quadratic (a diff picture of 8,000 changed steps: 60 s; -T dot of a
 * placed flow of 16,000 one-step stages: 100 s); in one holder,
 * that is one lookup a node. The layout finds the clusters inside it. */
Agraph_t *cjm_gv_box_cluster(cjm_gv_canvas *c, Agraph_t *parent, const cjm_map_rect *r, const char *fill,
                             const char *id);

/* A small text label (escaped) of the given size, colour and weight at
 * (x, y): its left end ("LEFT"), right end ("RIGHT") or centre
 * ("CENTER") there, vertically centred. */
Agnode_t *cjm_gv_small_text(cjm_gv_canvas *c, const char *text, double x, double y, double size, const char *colour,
                            bool bold, const char *align);

/* Invisible nodes at the corners of the page, so that the picture keeps
 * its margins (nop2 draws the bounding box of what there is). */
void cjm_gv_page_corners(cjm_gv_canvas *c, double width, double height);

#endif
