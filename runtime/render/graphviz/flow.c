/* graphviz_flow — see graphviz_flow.h.
 *
 * With dot: one cluster per stage (per stage and row, for a stage wider
 * than a row), one rank per row of flow_layout, the notes of a step
 * under it; dot places and routes (build_flow_dot). Placed: stage
 * backgrounds as clusters, every node at its position and every edge
 * along the spline flow_layout computed, drawn by nop2. */
#include "runtime/render/graphviz/flow.h"
#include "runtime/core/words.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "runtime/render/graphviz/escape.h"
#include "runtime/render/graphviz/style.h"
#include "runtime/core/present.h"

static void feel_text(char *buf, size_t size, const cjm_flow_node *n, bool plus) {
  char score[32] = "";
  if (n->has_feel) cjm_present_score_rounded(score, sizeof score, n->feel, plus);
  snprintf(buf, size, "%s", score);
}

/* The label of a step node: its name, then its mean feel and word. */
static void flow_node_label(cjm_strbuf *o, const cjm_flow_layout *L, const cjm_flow_node *n, const char *ink) {
  cjm_strbuf_puts(o, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\">"
                     "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">");
  bool step = n->step != NULL; /* a step in bold; the placeholder of a stage without steps in italics */
  cjm_gv_font font = cjm_gv_open_font(o, step ? CJM_FLOW_FONT_STEP : CJM_FLOW_FONT_NOTE, ink, step, !step);
  cjm_gv_put_lines(o, &L->lines, n->first_line, n->line_count, step ? CJM_FLOW_FONT_STEP : CJM_FLOW_FONT_NOTE);
  cjm_gv_close_font(o, font);
  cjm_strbuf_puts(o, "</TD></TR>");
  if (n->step && (n->has_feel || n->word)) {
    char score[32];
    feel_text(score, sizeof score, n, L->scale_min < 0);
    cjm_strbuf_puts(o, "<TR><TD ALIGN=\"LEFT\" HEIGHT=\"14\" VALIGN=\"BOTTOM\">");
    cjm_gv_font feel_font = cjm_gv_open_font(o, CJM_FLOW_FONT_FEEL, ink, false, false);
    if (score[0]) cjm_strbuf_printf(o, "<B>%s</B>", score);
    if (n->word) {
      cjm_strbuf_puts(o, score[0] ? " " : "");
      cjm_escape_gv_html(o, n->word, strlen(n->word), NULL);
    }
    cjm_gv_close_font(o, feel_font);
    cjm_strbuf_puts(o, "</TD></TR>");
  }
  cjm_strbuf_puts(o, "</TABLE>");
}

/* The ink of a step's label on the feel colour at t (-1 to 1) in th:
 * the strong one (white) at the ends of the scale, else the dark one; by
 * contrast in a theme that says so. */
static const char *feel_ink(const cjm_gv_theme *th, double t) {
  if (!th->feel_ink_by_contrast) return fabs(t) > 0.7 ? th->flow_feel_ink_strong : th->flow_feel_ink;
  char fill[8];
  cjm_gv_theme_feel_colour(th, fill, t);
  return cjm_gv_contrast(th->flow_feel_ink_strong, fill) > cjm_gv_contrast(th->flow_feel_ink, fill)
             ? th->flow_feel_ink_strong
             : th->flow_feel_ink;
}

/* The flow view's title and legend, as one HTML label, in the colours of th. */
static void flow_title(cjm_strbuf *o, const cjm_gv_theme *th, const cjm_model *model, const cjm_flow_layout *L) {
  const cjm_journey *j = &model->journey;
  const char *title = cjm_map_title(model, cjm_tr("Journey flow"));
  const char *goal = NULL;
  for (size_t i = 0; i < j->attr_count; i++)
    if (strcmp(j->attrs[i].key, "goal") == 0) goal = j->attrs[i].value;
  cjm_strbuf_puts(o, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"0\">");
  cjm_strbuf_puts(o, "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"8\">");
  cjm_gv_font font = cjm_gv_open_font(o, 22, th->ink_strong, true, false);
  cjm_escape_gv_html(o, title, strlen(title), "<BR ALIGN=\"LEFT\"/>");
  cjm_gv_close_font(o, font);
  cjm_strbuf_puts(o, "</TD></TR>");
  if (goal || L->only) {
    cjm_strbuf_puts(o, "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"8\">");
    cjm_gv_font goal_font = cjm_gv_open_font(o, 12, th->ink_soft, false, false);
    if (goal) cjm_escape_gv_html(o, goal, strlen(goal), "<BR ALIGN=\"LEFT\"/>");
    if (L->only) {
      cjm_strbuf_puts(o, goal ? " \xC2\xB7 " : "");
      cjm_strbuf only = {0};
      cjm_strbuf_printf(&only, cjm_tr("Showing only %s"), cjm_map_label(&L->only->decl));
      cjm_gv_html_text(o, only.data);
      cjm_strbuf_free(&only);
    }
    cjm_gv_close_font(o, goal_font);
    cjm_strbuf_puts(o, "</TD></TR>");
  }
  /* legend: the feel scale and the kinds of edge */
  cjm_strbuf_puts(o, "<TR><TD ALIGN=\"LEFT\">");
  font = cjm_gv_open_font(o, 9, th->ink_muted, true, false);
  cjm_gv_html_text(o, cjm_tr("Mean feel"));
  cjm_gv_close_font(o, font);
  cjm_strbuf_puts(o, "</TD>");
  for (int k = 0; k < 5; k++) {
    double t = -1 + k * 0.5;
    double v = L->scale_min + (t + 1) / 2 * (L->scale_max - L->scale_min);
    char fill[8], label[24];
    cjm_gv_theme_feel_colour(th, fill, t);
    cjm_present_score_rounded(label, sizeof label, v, L->scale_min < 0);
    cjm_strbuf_printf(o, "<TD BGCOLOR=\"%s\" WIDTH=\"28\" STYLE=\"rounded\">", fill);
    cjm_gv_font swatch = cjm_gv_open_font(o, 8, feel_ink(th, t), true, false);
    cjm_strbuf_puts(o, label);
    cjm_gv_close_font(o, swatch);
    cjm_strbuf_puts(o, "</TD>");
  }
  cjm_strbuf_puts(o, "<TD ALIGN=\"LEFT\">");
  font = cjm_gv_open_font(o, 9, th->ink_muted, false, false);
  cjm_strbuf_puts(o, "\xC2\xA0\xC2\xA0 ");
  cjm_gv_html_text(o, cjm_tr("dashed outline: no feel \xC2\xB7 dark arrow: written with next \xC2\xB7 "
                             "dashed orange arrow: loops back"));
  cjm_gv_close_font(o, font);
  cjm_strbuf_puts(o, "</TD></TR></TABLE>");
}

/* Styles a step node by its feel. */
static void style_flow_node(cjm_gv_canvas *c, Agnode_t *n, const cjm_flow_layout *L, const cjm_flow_node *fn) {
  const cjm_gv_theme *th = c->theme;
  char fill[8];
  snprintf(fill, sizeof fill, "%s", th->flow_no_feel);
  const char *ink = th->ink;
  if (fn->has_feel) {
    double t = cjm_gv_feel_position(fn->feel, L->scale_min, L->scale_max);
    cjm_gv_theme_feel_colour(th, fill, t);
    ink = feel_ink(th, t);
  }
  cjm_gv_set(n, c->s.fillcolor, fill); /* shape, style and outline by default: a rounded box */
  if (!fn->has_feel) {
    cjm_gv_set(n, c->s.style, "rounded,filled,dashed");
    cjm_gv_set(n, c->s.color, th->flow_no_feel_line);
  }
  cjm_strbuf *o = &c->buf;
  cjm_gv_reset(o);
  flow_node_label(o, L, fn, ink);
  cjm_gv_set_html(c, n, c->s.label, cjm_gv_text(o));
  if (fn->step) {
    cjm_gv_set_id(c, n, c->s.id, "step-", fn->step->decl.id, NULL, NULL); /* class "step" by default */
    cjm_gv_step_tooltip(&c->buf2, fn->step, L->only);
    cjm_gv_set(n, c->s.tooltip, cjm_gv_text(&c->buf2));
  } else {
    cjm_gv_set_id(c, n, c->s.id, "stage-", L->stages[fn->stage].stage->decl.id, "empty", NULL);
    cjm_gv_set(n, c->s.class_, "stage-empty");
  }
}

static void style_note(cjm_gv_canvas *c, Agnode_t *n, const cjm_flow_layout *L, const cjm_flow_note *note) {
  bool pain = cjm_flow_note_is_pain(note);
  cjm_gv_set(n, c->s.shape, "note");
  cjm_gv_set(n, c->s.style, "filled");
  const cjm_gv_theme *th = c->theme;
  cjm_gv_set(n, c->s.fillcolor, pain ? th->pain_note : th->opportunity_note);
  cjm_gv_set(n, c->s.color, pain ? th->pain_note_line : th->opportunity_note_line);
  cjm_gv_set(n, c->s.class_, pain ? "note pain" : "note opportunity");
  const char *ink = note->persona ? cjm_gv_theme_persona_colour(th, note->persona->decl.index) : th->ink;
  char lighter[8];
  if (note->persona && th != cjm_gv_theme_of(CJM_THEME_LIGHT)) /* the light theme draws it as it always did */
    ink = cjm_gv_ink_on(lighter, ink, pain ? th->pain_note : th->opportunity_note);
  cjm_strbuf *o = &c->buf;
  cjm_gv_reset(o);
  cjm_strbuf_puts(o, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\">"
                     "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">");
  cjm_gv_font kind_font = cjm_gv_open_font(o, CJM_FLOW_FONT_NOTE, th->ink_muted, true, false);
  cjm_gv_html_text(o, cjm_flow_note_kind(note)); /* a translation is text like any other */
  cjm_gv_close_font(o, kind_font);
  cjm_strbuf_puts(o, "<BR ALIGN=\"LEFT\"/>");
  cjm_gv_put_spacer(o, cjm_text_block_leading(&L->lines, note->first_line, note->line_count, CJM_FLOW_FONT_NOTE));
  cjm_gv_font font = cjm_gv_open_font(o, CJM_FLOW_FONT_NOTE, ink, false, false);
  cjm_gv_put_lines(o, &L->lines, note->first_line, note->line_count, CJM_FLOW_FONT_NOTE);
  cjm_gv_close_font(o, font);
  cjm_strbuf_puts(o, "</TD></TR></TABLE>");
  cjm_gv_set_html(c, n, c->s.label, cjm_gv_text(o));
}

static void style_flow_edge(cjm_gv_canvas *c, Agedge_t *e, const cjm_flow_edge *fe) {
  if (fe->back) {
    cjm_gv_set(e, c->s.e_style, "dashed");
    cjm_gv_set(e, c->s.e_color, c->theme->flow_loop);
    cjm_gv_set(e, c->s.e_penwidth, "1.5");
    cjm_gv_set(e, c->s.e_class, "flow loop");
    if (c->s.e_constraint) cjm_gv_set(e, c->s.e_constraint, "false");
  } else if (fe->written) {
    cjm_gv_set(e, c->s.e_color, c->theme->flow_next);
    cjm_gv_set(e, c->s.e_penwidth, "1.6");
    cjm_gv_set(e, c->s.e_class, "flow next");
  }
}

/* How many times the invisible edge from the point above a stage to the
 * stage's first step is given to dot (see build_flow_dot). */
enum { ORDER_EDGES = 2 };

/* An invisible edge that only shapes the layout. */
static Agedge_t *layout_edge(cjm_gv_canvas *c, Agnode_t *tail, Agnode_t *head) {
  Agedge_t *e = agedge(c->g, tail, head, NULL, 1);
  cjm_gv_set(e, c->s.e_style, "invis");
  cjm_gv_set(e, c->s.e_class, "");
  return e;
}

/* An invisible point in where, which only shapes the layout. */
static Agnode_t *layout_point(cjm_gv_canvas *c, Agraph_t *where) {
  Agnode_t *p = cjm_gv_new_node(c, where);
  cjm_gv_set(p, c->s.label, "");
  cjm_gv_set(p, c->s.shape, "point");
  cjm_gv_set(p, c->s.style, "invis");
  cjm_gv_set(p, c->s.class_, "");
  return p;
}

/* The element id of stage st's box on the kth of its rows: "stage-ID",
 * then "stage-ID.2", "stage-ID.3"... for a stage wider than a row. */
static const char *stage_box_id(cjm_strbuf *o, const cjm_flow_stage *st, size_t k) {
  cjm_gv_reset(o);
  cjm_strbuf_printf(o, "stage-%s", st->stage->decl.id);
  if (k > 0) cjm_strbuf_printf(o, ".%zu", k + 1);
  return cjm_gv_text(o);
}

/* A stage's cluster on the kth of its rows: its label (wrapped by
 * flow_layout) at the top right, where the edges that come in from the
 * row above never pass. */
static Agraph_t *stage_cluster(cjm_gv_canvas *c, const cjm_flow_layout *L, size_t s, size_t k) {
  const cjm_flow_stage *st = &L->stages[s];
  char name[48];
  if (k == 0) snprintf(name, sizeof name, "cluster_%zu", s);
  else snprintf(name, sizeof name, "cluster_%zu_%zu", s, k + 1);
  Agraph_t *sg = agsubg(c->g, name, 1);
  cjm_strbuf *o = &c->buf;
  cjm_gv_reset(o);
  for (size_t i = st->first_line; i < st->first_line + st->line_count; i++) {
    if (i > st->first_line) cjm_strbuf_puts(o, "\\n");
    cjm_escape_gv_plain(o, L->lines.items[i].text, L->lines.items[i].len, "\\n");
  }
  cjm_gv_set_named(sg, "label", cjm_gv_text(o));
  cjm_gv_set_named(sg, "labeljust", "r");
  cjm_gv_set_named(sg, "style", "rounded,filled");
  cjm_gv_set_named(sg, "fillcolor", c->theme->flow_cluster);
  cjm_gv_set_named(sg, "color", c->theme->rule);
  cjm_gv_set_named(sg, "fontsize", "13");
  cjm_gv_set_named(sg, "fontcolor", c->theme->flow_stage_ink);
  cjm_gv_set_named(sg, "margin", "12");
  cjm_gv_set_named(sg, "id", stage_box_id(o, st, k));
  return sg;
}

/* What build_flow_dot keeps while it builds. */
typedef struct flow_dot {
  cjm_gv_canvas *c;
  const cjm_flow_layout *L;
  Agnode_t **nodes;            /* each node's */
  Agnode_t **lowest;           /* under each node: its last note, or itself */
  size_t *notes;               /* each node's number of notes */
  Agraph_t **clusters;         /* each node's: its stage's on its row */
  Agnode_t **junctions;        /* per row: where the edge from the row above turns, or NULL */
  Agsym_t *group, *minlen, *tailport, *headclip, *tailclip;
} flow_dot;

/* The stages as clusters (one on each row of a stage wider than a row),
 * their steps, and the notes under each step. */
static void dot_nodes(flow_dot *d) {
  cjm_gv_canvas *c = d->c;
  const cjm_flow_layout *L = d->L;
  size_t note = 0;
  for (size_t s = 0; s < L->stage_count; s++) {
    const cjm_flow_stage *st = &L->stages[s];
    Agraph_t *sg = NULL;
    for (size_t i = st->first_node; i < st->first_node + st->node_count; i++) {
      if (!sg || L->nodes[i].row != L->nodes[i - 1].row) sg = stage_cluster(c, L, s, L->nodes[i].row - st->first_row);
      d->clusters[i] = sg;
      Agnode_t *n = cjm_gv_new_node(c, sg);
      d->nodes[i] = d->lowest[i] = n;
      style_flow_node(c, n, L, &L->nodes[i]);
      cjm_gv_set(n, c->s.margin, "0.12,0.08");
      for (; note < L->note_count && L->notes[note].node == i; note++, d->notes[i]++) {
        Agnode_t *nn = cjm_gv_new_node(c, sg);
        style_note(c, nn, L, &L->notes[note]);
        cjm_gv_set(nn, c->s.margin, "0.1,0.06");
        Agedge_t *e = agedge(c->g, d->lowest[i], nn, NULL, 1);
        cjm_gv_set(e, c->s.e_style, "dashed");
        cjm_gv_set(e, c->s.e_dir, "none");
        cjm_gv_set(e, c->s.e_color, c->theme->flow_no_feel_line);
        cjm_gv_set(e, c->s.e_class, "note-link");
        d->lowest[i] = nn;
      }
    }
  }
}

/* Whether an edge goes from the last node of a row to the first of the next. */
static bool wraps(const cjm_flow_layout *L, const cjm_flow_edge *fe) {
  return fe->to == fe->from + 1 && !fe->back && L->nodes[fe->from].row != L->nodes[fe->to].row;
}

/* Whether the flow has an edge between nodes a and b, either way;
 * first_edge[n] is the first of node n's edges (edges are in the order
 * of their tails). */
static bool linked(const cjm_flow_layout *L, const size_t *first_edge, size_t a, size_t b) {
  for (size_t k = first_edge[a]; k < L->edge_count && L->edges[k].from == a; k++)
    if (L->edges[k].to == b) return true;
  for (size_t k = first_edge[b]; k < L->edge_count && L->edges[k].from == b; k++)
    if (L->edges[k].to == a) return true;
  return false;
}

/* The rows: one rank each, in written order within a stage, stages in
 * order, stacked top to bottom; between two rows, a rank for the points
 * that order the stages and for the junction of the edge that wraps. */
static void dot_rows(flow_dot *d) {
  cjm_gv_canvas *c = d->c;
  const cjm_flow_layout *L = d->L;
  /* each node's first edge, and whether an edge wraps to each row */
  size_t *first_edge = cjm_xcalloc(L->node_count ? L->node_count : 1, sizeof *first_edge);
  bool *wrapped = cjm_xcalloc(L->row_count ? L->row_count : 1, sizeof *wrapped);
  for (size_t i = L->edge_count; i-- > 0;) {
    const cjm_flow_edge *fe = &L->edges[i];
    first_edge[fe->from] = i;
    if (wraps(L, fe)) wrapped[L->nodes[fe->to].row] = true;
  }
  char name[32];
  for (size_t r = 0; r < L->row_count; r++) {
    const cjm_flow_row *row = &L->rows[r];
    snprintf(name, sizeof name, "row_%zu", r);
    Agraph_t *same = agsubg(c->g, name, 1);
    cjm_gv_set_named(same, "rank", "same");
    size_t end = row->first_node + row->node_count;
    for (size_t i = row->first_node; i < end; i++) {
      agsubnode(same, d->nodes[i], 1);
      /* the written order, between every two steps of a stage on the
         row: dot checks it only between the two nodes it would swap,
         and swaps nodes that are not next to each other */
      for (size_t k = i + 1; k < end && L->nodes[k].stage == L->nodes[i].stage; k++)
        if (!linked(L, first_edge, i, k)) layout_edge(c, d->nodes[i], d->nodes[k]);
    }
    /* the points that order the stages of a row with two or more */
    Agnode_t *points = NULL;
    if (row->stage_count > 1) {
      snprintf(name, sizeof name, "order_%zu", r);
      Agraph_t *sg = agsubg(c->g, name, 1);
      cjm_gv_set_named(sg, "rank", "same");
      Agnode_t *prev = NULL;
      for (size_t s = row->first_stage; s < row->first_stage + row->stage_count; s++) {
        /* a point and the stage's first step in a group of their own:
           dot counts a crossing of an edge between them a thousand
           times, and of two such edges, merged, two thousand times */
        Agnode_t *p = layout_point(c, sg), *first = d->nodes[L->stages[s].first_node];
        snprintf(name, sizeof name, "stage_%zu", s);
        cjm_gv_set(p, d->group, name);
        cjm_gv_set(first, d->group, name);
        for (int k = 0; k < ORDER_EDGES; k++) layout_edge(c, p, first);
        if (prev) layout_edge(c, prev, p);
        else points = p;
        prev = p;
      }
    }
    if (r == 0) continue;
    /* An edge that wraps from a row with notes turns at a junction at the
       foot of the row's last stage, a rank below the notes (then a rank
       for the points, then the next row). Down the column of the row's
       first step, in its stage, to the rank of its deepest note (or to
       the junction's, in the same stage), then on to the next row's
       first point, or its first step. */
    const cjm_flow_row *above = &L->rows[r - 1];
    size_t f = above->first_node, last = row->first_node - 1;
    bool junction = wrapped[r] && above->depth > 0;
    bool deeper = junction && L->nodes[f].stage == L->nodes[last].stage;
    Agnode_t *bottom = d->lowest[f];
    for (size_t k = d->notes[f]; k < above->depth + deeper; k++) {
      Agnode_t *p = layout_point(c, d->clusters[f]);
      layout_edge(c, bottom, p);
      bottom = p;
    }
    Agedge_t *e = layout_edge(c, bottom, points ? points : d->nodes[row->first_node]);
    snprintf(name, sizeof name, "%d", (junction && !deeper ? 3 : 2) - (points != NULL));
    cjm_gv_set(e, d->minlen, name);
    cjm_gv_set(e, c->s.e_weight, "10");
    if (junction) d->junctions[r] = layout_point(c, d->clusters[last]);
  }
  free(wrapped);
  free(first_edge);
}

/* The edges of the flow. */
static void dot_edges(flow_dot *d) {
  cjm_gv_canvas *c = d->c;
  const cjm_flow_layout *L = d->L;
  Agraph_t *g = c->g;
  char value[32];
  for (size_t i = 0; i < L->edge_count; i++) {
    const cjm_flow_edge *fe = &L->edges[i];
    const cjm_flow_node *from = &L->nodes[fe->from], *to = &L->nodes[fe->to];
    Agnode_t *junction = wraps(L, fe) ? d->junctions[to->row] : NULL;
    if (junction) {
      /* out of the step's side, down past the notes to the junction on
         the right, and from there to the next row */
      Agedge_t *e = agedge(g, d->nodes[fe->from], junction, NULL, 1);
      style_flow_edge(c, e, fe);
      cjm_gv_set(e, c->s.e_dir, "none");
      cjm_gv_set(e, d->tailport, "e");
      cjm_gv_set(e, d->headclip, "false");
      snprintf(value, sizeof value, "%zu", L->rows[from->row].depth + 1);
      cjm_gv_set(e, d->minlen, value);
      e = agedge(g, junction, d->nodes[fe->to], NULL, 1);
      style_flow_edge(c, e, fe);
      cjm_gv_set(e, d->tailclip, "false");
      cjm_gv_set(e, c->s.e_weight, "0");
      continue;
    }
    bool flat = from->row == to->row && fe->from != fe->to;
    /* within a rank: tail left of head in a cluster, right of it between two */
    bool turn = flat && (from->stage == to->stage ? fe->to < fe->from : fe->to > fe->from);
    Agedge_t *e = turn ? agedge(g, d->nodes[fe->to], d->nodes[fe->from], NULL, 1)
                       : agedge(g, d->nodes[fe->from], d->nodes[fe->to], NULL, 1);
    style_flow_edge(c, e, fe);
    if (turn) {
      cjm_gv_set(e, c->s.e_dir, "back");
      cjm_gv_set(e, c->s.e_constraint, "true"); /* a loop turned round keeps the order like any edge */
    }
    if (from->row != to->row) cjm_gv_set(e, c->s.e_weight, "0");
  }
}

/* Builds the flow view for dot: Graphviz places and routes, in rows.
 *
 * Top to bottom (rankdir=TB), each row of flow_layout one rank (a
 * rank=same subgraph; newrank=true lets it take nodes of several
 * clusters), a step's notes on the ranks under it, stages as clusters (a
 * stage wider than a row has one on each of its rows: an edge between
 * two rows of one cluster would let dot reorder the row between).
 *
 * Within a cluster the steps keep their written order through an edge
 * between every two of them on a row, invisible where the flow has none
 * (dot checks the order only between the two nodes it is about to swap,
 * and it swaps nodes that are not next to each other; an edge with
 * constraint=false does not count, so a loop within a rank keeps the
 * default), and remincross=false (the last pass of dot's crossing
 * minimisation would swap nodes of a cluster against those edges).
 *
 * dot orders the clusters of a row only to save crossings: an invisible
 * point above each stage of a row with two or more, in a chain, with an
 * invisible edge down to the stage's first step, the point and the step
 * in a group of their own (dot weighs a crossing of such an edge as it
 * weighs a crossing of a cluster's own edges), makes any other order
 * cost more than the crossings it would save; the edge is given twice
 * (ORDER_EDGES), so that it outweighs the clusters' own edges too, which
 * cross while dot moves a stage with notes one rank at a time.
 *
 * An invisible edge from under the notes of each row's first step
 * (invisible points make up for the notes it lacks) to the next row's
 * first point, or first step, stacks the rows and lines up their left
 * ends; the edges between rows weigh nothing, so that they do not pull
 * rows sideways. An edge from the last step of a row with notes to the
 * first of the next would wind between the notes: it goes out of the
 * step's right side to an invisible junction below the notes at the foot
 * of its stage, and on from there (two edges, one arrow).
 *
 * Graphviz 2.42 draws an edge within a rank between two clusters twice
 * when its tail is left of its head: such an edge, and an edge back
 * within one cluster (which would contradict the written order), is
 * given to Graphviz the other way round, with its arrow at the tail
 * (dir=back), so that it looks the same. */
static void build_flow_dot(cjm_gv_canvas *c, const cjm_model *model, const cjm_flow_layout *L) {
  Agraph_t *g = c->g;
  char value[32];
  cjm_gv_graph_attr(g, "rankdir", "TB");
  cjm_gv_graph_attr(g, "newrank", "true");
  cjm_gv_graph_attr(g, "remincross", "false");
  snprintf(value, sizeof value, "%.2f", CJM_FLOW_STEP_GAP / 72);
  cjm_gv_graph_attr(g, "nodesep", value);
  cjm_gv_graph_attr(g, "ranksep", "0.25");
  cjm_gv_graph_attr(g, "pad", "0.4");
  cjm_gv_graph_attr(g, "labelloc", "t");
  cjm_gv_graph_attr(g, "labeljust", "l");
  cjm_strbuf *o = &c->buf;
  cjm_gv_reset(o);
  flow_title(o, c->theme, model, L);
  char *h = agstrdup_html(g, (char *)cjm_gv_text(o));
  agattr(g, AGRAPH, "label", h);
  agstrfree(g, h);

  size_t count = L->node_count ? L->node_count : 1;
  flow_dot d = {
      .c = c,
      .L = L,
      .nodes = cjm_xcalloc(count, sizeof *d.nodes),
      .lowest = cjm_xcalloc(count, sizeof *d.lowest),
      .notes = cjm_xcalloc(count, sizeof *d.notes),
      .clusters = cjm_xcalloc(count, sizeof *d.clusters),
      .junctions = cjm_xcalloc(L->row_count ? L->row_count : 1, sizeof *d.junctions),
      .group = agattr(g, AGNODE, "group", ""),
      .minlen = agattr(g, AGEDGE, "minlen", "1"),
      .tailport = agattr(g, AGEDGE, "tailport", ""),
      .headclip = agattr(g, AGEDGE, "headclip", "true"),
      .tailclip = agattr(g, AGEDGE, "tailclip", "true"),
  };
  dot_nodes(&d);
  dot_rows(&d);
  dot_edges(&d);
  free(d.nodes);
  free(d.lowest);
  free(d.notes);
  free(d.clusters);
  free(d.junctions);
}

/* A text node on a flow cjm_gv_canvas, whose nodes are boxes by default. */
static Agnode_t *plain_text_at(cjm_gv_canvas *c, const cjm_map_rect *r) {
  Agnode_t *n = cjm_gv_text_at(c, r);
  cjm_gv_set(n, c->s.shape, "plaintext");
  cjm_gv_set(n, c->s.style, "");
  cjm_gv_set(n, c->s.class_, "");
  return n;
}

/* Builds the flow view with cjm's own positions, for large flows. */
static void build_flow_placed(cjm_gv_canvas *c, const cjm_model *model, const cjm_flow_layout *L) {
  Agraph_t *g = c->g;
  cjm_gv_graph_attr(g, "layout", "nop2");
  cjm_gv_graph_attr(g, "outputorder", "edgesfirst");
  cjm_gv_page_corners(c, L->width, L->height);
  cjm_strbuf *o = &c->buf;
  for (size_t s = 0; s < L->stage_count; s++) {
    const cjm_flow_stage *st = &L->stages[s];
    for (size_t k = 0; k < st->row_count; k++) {
      cjm_map_rect box = cjm_flow_layout_box(L, s, st->first_row + k);
      char *id = cjm_xstrdup(stage_box_id(o, st, k));
      cjm_gv_box_cluster(c, NULL, &box, c->theme->flow_cluster_placed, id);
      free(id);
      /* its label at the top right, as dot draws it */
      double w = st->label_width + 4;
      cjm_map_rect label = {box.x + box.w - CJM_FLOW_STAGE_PAD - w, box.y + CJM_FLOW_STAGE_PAD / 2, w,
                            cjm_text_block_height(&L->lines, st->first_line, st->line_count, CJM_FLOW_FONT_STAGE)};
      Agnode_t *n = plain_text_at(c, &label);
      cjm_gv_reset(o);
      cjm_gv_text_block(o, &L->lines, st->first_line, st->line_count, label.w, CJM_FLOW_FONT_STAGE, c->theme->flow_stage_ink,
                        false, false);
      cjm_gv_set_html(c, n, c->s.label, cjm_gv_text(o));
    }
  }
  /* the title block is as wide as its widest line, so that centred on
     its node it starts at the left margin */
  const char *text = cjm_map_title(model, cjm_tr("Journey flow"));
  double w = fmax(640, cjm_text_width(text, strlen(text), 22, true));
  for (size_t i = 0; i < model->journey.attr_count; i++)
    if (strcmp(model->journey.attrs[i].key, "goal") == 0)
      w = fmax(w, cjm_text_width(model->journey.attrs[i].value, strlen(model->journey.attrs[i].value), 12, false));
  cjm_map_rect title = {36, L->title_y, w + 8, 60};
  Agnode_t *t = plain_text_at(c, &title);
  cjm_gv_reset(o);
  flow_title(o, c->theme, model, L);
  cjm_gv_set_html(c, t, c->s.label, cjm_gv_text(o));

  Agnode_t **nodes = cjm_xcalloc(L->node_count ? L->node_count : 1, sizeof *nodes);
  for (size_t i = 0; i < L->node_count; i++) {
    nodes[i] = cjm_gv_node_at(c, &L->nodes[i].rect);
    style_flow_node(c, nodes[i], L, &L->nodes[i]);
  }
  for (size_t i = 0; i < L->note_count; i++) {
    Agnode_t *n = cjm_gv_node_at(c, &L->notes[i].rect);
    style_note(c, n, L, &L->notes[i]);
  }
  for (size_t i = 0; i < L->edge_count; i++) {
    const cjm_flow_edge *fe = &L->edges[i];
    Agedge_t *e = agedge(g, nodes[fe->from], nodes[fe->to], NULL, 1);
    cjm_gv_reset(o);
    cjm_strbuf_printf(o, "e,%.2f,%.2f", fe->arrow_x, c->height - fe->arrow_y);
    for (size_t k = 0; k < fe->point_count; k++) cjm_gv_put_point(c, o, fe->spline[2 * k], fe->spline[2 * k + 1]);
    cjm_gv_set(e, c->s.e_pos, cjm_gv_text(o));
    style_flow_edge(c, e, fe);
  }
  free(nodes);
}

void cjm_gv_build_flow(cjm_gv_canvas *c, const cjm_model *model, const cjm_flow_layout *L) {
  if (c->placed) build_flow_placed(c, model, L);
  else build_flow_dot(c, model, L);
}
