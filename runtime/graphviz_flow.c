/* graphviz_flow — see graphviz_flow.h.
 *
 * With dot: one cluster per stage, the notes of a step on its rank
 * beside it, dot places and routes. Placed: stage backgrounds as
 * clusters, every node at its position and every edge along the spline
 * flow_layout computed, drawn by nop2. */
#include "runtime/graphviz_flow.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "runtime/escape.h"
#include "runtime/graphviz_style.h"

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
  cjm_gv_font font = cjm_gv_open_font(o, step ? CJM_FLOW_FONT_STEP : CJM_FLOW_FONT_NOTE, ink, step, !step);
  cjm_gv_put_lines(o, &L->lines, n->first_line, n->line_count);
  cjm_gv_close_font(o, font);
  cjm_output_puts(o, "</TD></TR>");
  if (n->step && (n->has_feel || n->word)) {
    char score[32];
    feel_text(score, sizeof score, n, L->scale_min < 0);
    cjm_output_puts(o, "<TR><TD ALIGN=\"LEFT\" HEIGHT=\"14\" VALIGN=\"BOTTOM\">");
    cjm_gv_font feel_font = cjm_gv_open_font(o, CJM_FLOW_FONT_FEEL, ink, false, false);
    if (score[0]) cjm_output_printf(o, "<B>%s</B>", score);
    if (n->word) {
      cjm_output_puts(o, score[0] ? " " : "");
      cjm_escape_gv_html(o, n->word, strlen(n->word), NULL);
    }
    cjm_gv_close_font(o, feel_font);
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
  cjm_gv_font font = cjm_gv_open_font(o, 22, "#111827", true, false);
  cjm_escape_gv_html(o, title, strlen(title), "<BR ALIGN=\"LEFT\"/>");
  cjm_gv_close_font(o, font);
  cjm_output_puts(o, "</TD></TR>");
  if (goal || L->only) {
    cjm_output_puts(o, "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"8\">");
    cjm_gv_font goal_font = cjm_gv_open_font(o, 12, "#374151", false, false);
    if (goal) cjm_escape_gv_html(o, goal, strlen(goal), "<BR ALIGN=\"LEFT\"/>");
    if (L->only) {
      cjm_output_puts(o, goal ? " \xC2\xB7 " : "");
      cjm_output_puts(o, "Showing only ");
      cjm_gv_html_text(o, cjm_map_label(&L->only->decl));
    }
    cjm_gv_close_font(o, goal_font);
    cjm_output_puts(o, "</TD></TR>");
  }
  /* legend: the feel scale and the kinds of edge */
  cjm_output_puts(o, "<TR><TD ALIGN=\"LEFT\">");
  font = cjm_gv_open_font(o, 9, CJM_GV_INK_MUTED, true, false);
  cjm_output_puts(o, "Mean feel");
  cjm_gv_close_font(o, font);
  cjm_output_puts(o, "</TD>");
  for (int k = 0; k < 5; k++) {
    double t = -1 + k * 0.5;
    double v = L->scale_min + (t + 1) / 2 * (L->scale_max - L->scale_min);
    char fill[8], label[24];
    cjm_gv_feel_colour(fill, t);
    cjm_map_format_score(label, sizeof label, v, L->scale_min < 0);
    cjm_output_printf(o, "<TD BGCOLOR=\"%s\" WIDTH=\"28\" STYLE=\"rounded\">", fill);
    cjm_gv_font swatch = cjm_gv_open_font(o, 8, k == 0 || k == 4 ? "#ffffff" : "#1f2937", true, false);
    cjm_output_puts(o, label);
    cjm_gv_close_font(o, swatch);
    cjm_output_puts(o, "</TD>");
  }
  cjm_output_puts(o, "<TD ALIGN=\"LEFT\">");
  font = cjm_gv_open_font(o, 9, CJM_GV_INK_MUTED, false, false);
  cjm_output_puts(o, "\xC2\xA0\xC2\xA0 dashed outline: no feel \xC2\xB7 dark arrow: written with next \xC2\xB7 "
                     "dashed orange arrow: loops back");
  cjm_gv_close_font(o, font);
  cjm_output_puts(o, "</TD></TR></TABLE>");
}

/* Styles a step node by its feel. */
static void style_flow_node(cjm_gv_canvas *c, Agnode_t *n, const cjm_flow_layout *L, const cjm_flow_node *fn) {
  char fill[8] = "#f3f4f6";
  const char *ink = CJM_GV_INK;
  if (fn->has_feel) {
    double t = cjm_gv_feel_position(fn->feel, L->scale_min, L->scale_max);
    cjm_gv_feel_colour(fill, t);
    if (fabs(t) > 0.7) ink = "#ffffff";
  }
  cjm_gv_set(n, c->s.fillcolor, fill); /* shape, style and outline by default: a rounded box */
  if (!fn->has_feel) {
    cjm_gv_set(n, c->s.style, "rounded,filled,dashed");
    cjm_gv_set(n, c->s.color, "#9ca3af");
  }
  cjm_output *o = &c->buf;
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
  bool pain = strcmp(note->entry->lane->decl.id, "pain") == 0;
  cjm_gv_set(n, c->s.shape, "note");
  cjm_gv_set(n, c->s.style, "filled");
  cjm_gv_set(n, c->s.fillcolor, pain ? "#fee2e2" : "#dcfce7");
  cjm_gv_set(n, c->s.color, pain ? "#f87171" : "#4ade80");
  cjm_gv_set(n, c->s.class_, pain ? "note pain" : "note opportunity");
  const char *ink = note->persona ? cjm_gv_persona_colour(note->persona->decl.index) : CJM_GV_INK;
  cjm_output *o = &c->buf;
  cjm_gv_reset(o);
  cjm_output_puts(o, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\">"
                     "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">");
  cjm_gv_font kind_font = cjm_gv_open_font(o, CJM_FLOW_FONT_NOTE, "#6b7280", true, false);
  cjm_output_puts(o, pain ? "PAIN" : "OPPORTUNITY");
  cjm_gv_close_font(o, kind_font);
  cjm_output_puts(o, "<BR ALIGN=\"LEFT\"/>");
  cjm_gv_font font = cjm_gv_open_font(o, CJM_FLOW_FONT_NOTE, ink, false, false);
  cjm_gv_put_lines(o, &L->lines, note->first_line, note->line_count);
  cjm_gv_close_font(o, font);
  cjm_output_puts(o, "</TD></TR></TABLE>");
  cjm_gv_set_html(c, n, c->s.label, cjm_gv_text(o));
}

static void style_flow_edge(cjm_gv_canvas *c, Agedge_t *e, const cjm_flow_edge *fe) {
  if (fe->back) {
    cjm_gv_set(e, c->s.e_style, "dashed");
    cjm_gv_set(e, c->s.e_color, "#c2410c");
    cjm_gv_set(e, c->s.e_penwidth, "1.5");
    cjm_gv_set(e, c->s.e_class, "flow loop");
    if (c->s.e_constraint) cjm_gv_set(e, c->s.e_constraint, "false");
  } else if (fe->written) {
    cjm_gv_set(e, c->s.e_color, "#1e293b");
    cjm_gv_set(e, c->s.e_penwidth, "1.6");
    cjm_gv_set(e, c->s.e_class, "flow next");
  }
}

/* Builds the flow view for dot: clusters per stage, Graphviz places. */
static void build_flow_dot(cjm_gv_canvas *c, const cjm_model *model, const cjm_flow_layout *L) {
  Agraph_t *g = c->g;
  cjm_gv_graph_attr(g, "rankdir", "LR");
  cjm_gv_graph_attr(g, "newrank", "true");
  cjm_gv_graph_attr(g, "nodesep", "0.25");
  cjm_gv_graph_attr(g, "ranksep", "0.45");
  cjm_gv_graph_attr(g, "pad", "0.4");
  cjm_gv_graph_attr(g, "labelloc", "t");
  cjm_gv_graph_attr(g, "labeljust", "l");
  cjm_output *o = &c->buf;
  cjm_gv_reset(o);
  flow_title(o, model, L);
  char *h = agstrdup_html(g, (char *)cjm_gv_text(o));
  agattr(g, AGRAPH, "label", h);
  agstrfree(g, h);

  Agnode_t **nodes = cjm_xcalloc(L->node_count ? L->node_count : 1, sizeof *nodes);
  size_t note = 0;
  for (size_t s = 0; s < L->stage_count; s++) {
    const cjm_flow_stage *st = &L->stages[s];
    char name[32];
    snprintf(name, sizeof name, "cluster_%zu", s);
    Agraph_t *sg = agsubg(g, name, 1);
    cjm_gv_reset(o);
    cjm_escape_gv_plain(o, cjm_map_label(&st->stage->decl), strlen(cjm_map_label(&st->stage->decl)), "\\n");
    cjm_gv_set_named(sg, "label", cjm_gv_text(o));
    cjm_gv_set_named(sg, "style", "rounded,filled");
    cjm_gv_set_named(sg, "fillcolor", "#f8fafc");
    cjm_gv_set_named(sg, "color", CJM_GV_RULE);
    cjm_gv_set_named(sg, "fontsize", "13");
    cjm_gv_set_named(sg, "fontcolor", "#1e293b");
    cjm_gv_set_named(sg, "margin", "12");
    cjm_gv_reset(o);
    cjm_output_printf(o, "stage-%s", st->stage->decl.id);
    cjm_gv_set_named(sg, "id", cjm_gv_text(o));
    for (size_t i = st->first_node; i < st->first_node + st->node_count; i++) {
      Agnode_t *n = cjm_gv_new_node(c, sg);
      nodes[i] = n;
      style_flow_node(c, n, L, &L->nodes[i]);
      cjm_gv_set(n, c->s.margin, "0.12,0.08");
      if (note < L->note_count && L->notes[note].node == i) {
        char rank[32];
        snprintf(rank, sizeof rank, "rank_%zu", i);
        Agraph_t *same = agsubg(sg, rank, 1);
        cjm_gv_set_named(same, "rank", "same");
        agsubnode(same, n, 1);
        Agnode_t *prev = n;
        for (; note < L->note_count && L->notes[note].node == i; note++) {
          Agnode_t *nn = cjm_gv_new_node(c, same);
          style_note(c, nn, L, &L->notes[note]);
          cjm_gv_set(nn, c->s.margin, "0.1,0.06");
          Agedge_t *e = agedge(g, prev, nn, NULL, 1);
          cjm_gv_set(e, c->s.e_style, "dashed");
          cjm_gv_set(e, c->s.e_dir, "none");
          cjm_gv_set(e, c->s.e_color, "#9ca3af");
          cjm_gv_set(e, c->s.e_class, "note-link");
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
  cjm_output *o = &c->buf;
  for (size_t s = 0; s < L->stage_count; s++) {
    const cjm_flow_stage *st = &L->stages[s];
    cjm_gv_reset(o);
    cjm_output_puts(o, "stage-");
    cjm_output_puts(o, st->stage->decl.id);
    char *id = cjm_xstrdup(cjm_gv_text(o));
    cjm_gv_box_cluster(c, NULL, &st->rect, "#f1f5f9", id);
    free(id);
    cjm_map_rect label = {st->rect.x + 14, st->rect.y + 10, fmin(st->rect.w, CJM_MAP_TEXT_MAX_WIDTH) - 28,
                          (double)st->line_count * cjm_text_line_height(CJM_MAP_FONT_STAGE)};
    Agnode_t *n = plain_text_at(c, &label);
    cjm_gv_reset(o);
    cjm_gv_text_block(o, &L->lines, st->first_line, st->line_count, label.w, CJM_MAP_FONT_STAGE, "#1e293b", true,
                      false);
    cjm_gv_set_html(c, n, c->s.label, cjm_gv_text(o));
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
  cjm_gv_reset(o);
  flow_title(o, model, L);
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
    cjm_output_printf(o, "e,%.2f,%.2f", fe->arrow_x, c->height - fe->arrow_y);
    for (int k = 0; k < 4; k++) cjm_gv_put_point(c, o, fe->spline[2 * k], fe->spline[2 * k + 1]);
    cjm_gv_set(e, c->s.e_pos, cjm_gv_text(o));
    style_flow_edge(c, e, fe);
  }
  free(nodes);
}

void cjm_gv_build_flow(cjm_gv_canvas *c, const cjm_model *model, const cjm_flow_layout *L) {
  if (c->placed) build_flow_placed(c, model, L);
  else build_flow_dot(c, model, L);
}
